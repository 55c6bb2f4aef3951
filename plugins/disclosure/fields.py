"""Typed reading of front-matter values, one key at a time.

A FieldReader wraps one file's metadata; each accessor returns the typed value
or None and records a bilingual Problem instead of raising, so one pass over a
file reports every mistake in it (like Pelican's `Content.is_valid`).
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from .dates import ALLOWED, parse_date
from .labels import Enum
from .problems import ERROR, WARNING, Problem, closest

DATE_ALLOWED = ALLOWED
# What staff write when a record does not say (older and published records often lack dates,
# numbers or names): accepted only for the keys that allow it (`unknown_ok`).
UNKNOWN_WORDS = ("未知", "不详", "unknown")
UNKNOWN_ALLOWED = "未知（或 不详、unknown）/ 未知 (or 不详, unknown)"
URL_ALLOWED = "以 http:// 或 https:// 开头的完整网址 / a full http:// or https:// address（例如 https://beian.miit.gov.cn/）"
# Not in a URL as typed: spaces, control characters, quotes, angle brackets, backslashes.
_URL_FORBIDDEN = re.compile(r'[\x00-\x20\x7f"<>\\^`{|}]')


def is_web_url(text: str) -> bool:
    """An absolute http(s) address with a host: nothing else (javascript:, data:, //host) may be a link."""
    if _URL_FORBIDDEN.search(text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def is_unknown(value) -> bool:
    return isinstance(value, str) and value.strip().lower() in UNKNOWN_WORDS


def as_text(value) -> str:
    """Scalars as the text staff typed (numbers too); lists are not text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def written_key(key) -> str:
    """A front-matter key as the reader takes it: spaces typed or pasted around it (a full-width
    or no-break space before the colon) are not part of it."""
    return str(key).strip()


class FieldReader:
    """Reads one file's metadata; problems go to `self.problems`."""

    def __init__(self, src, aliases: dict[str, str] | None = None):
        self.src = src
        self.path = src.path
        self.problems: list[Problem] = []
        self.used: set[str] = set()
        self.unknown: set[str] = set()  # keys written as 未知 / 不详 / unknown
        self.meta = {}
        self.lines = dict(src.key_lines)
        aliases = aliases or {}
        for key, value in src.meta.items():
            skey = written_key(key)
            canon = aliases.get(skey, skey)
            if canon in self.meta:
                self.problem(canon, zh=f"「{skey}」与「{canon}」是同一个键，只能写一个。",
                             en=f"'{skey}' and '{canon}' are the same key; write only one.")
                continue
            self.meta[canon] = value
            if canon != key and key in self.lines:  # 提交日期, or a key typed with a space before its colon
                self.lines[canon] = self.lines[key]

    # -- reporting -------------------------------------------------------
    def problem(self, key, zh, en, value="", allowed="", hint="", severity=ERROR, line=None):
        if value is None:
            value = ""
        value = as_text(value) if not isinstance(value, (list, dict)) else str(value)
        if len(value) > 60:
            value = value[:57] + "…"
        self.problems.append(Problem(
            self.path, zh=zh, en=en, key=key, value=value,
            line=line or self.lines.get(key.split("[")[0]),  # title. is a key of its own, feedback[1].date is feedback's
            allowed=allowed, hint=hint, severity=severity))

    def reported(self, key) -> bool:
        """Whether an error was already reported on this key (or one of its items: lead_units[2]):
        a rule that would only repeat it (one slip, one error) stays silent."""
        return any(q.is_error and q.top_key == key for q in self.problems)

    def has(self, key) -> bool:
        value = self.meta.get(key)
        return value is not None and value != "" and value != []

    def _get(self, key, required, zh_name="", unknown_ok=False):
        self.used.add(key)
        if not self.has(key):
            if required:
                self._missing(key, zh_name, unknown_ok)
            return None
        value = self.meta[key]
        if unknown_ok and is_unknown(value):
            self.unknown.add(key)
            return None
        return value

    def _missing(self, key, zh_name, unknown_ok):
        zh = f"缺少必填项「{key}」{('（' + zh_name + '）') if zh_name else ''}。"
        en = f"The required key '{key}' is missing."
        if unknown_ok:
            zh += f"原件上没有时，写「{key}: 未知」。"
            en += f" If the record does not say, write '{key}: 未知' (or 'unknown')."
        self.problem(key, zh=zh, en=en)

    # -- typed accessors -------------------------------------------------
    def text(self, key, required=False, zh_name="", unknown_ok=False):
        value = self._get(key, required, zh_name, unknown_ok)
        if value is None:
            return None
        if isinstance(value, (list, dict)):
            self.problem(key, value=value, zh="这里应填写一段文字，不是列表或键值对。",
                         en="This must be a piece of text, not a list or mapping.")
            return None
        return as_text(value)

    def url(self, key):
        """An http(s) address (a link the site shows); anything else is an error, never a link."""
        value = self.text(key)
        if value is None:
            return None
        if not is_web_url(value):
            self.problem(key, value=value, zh="网址只能是以 http:// 或 https:// 开头的完整网址，不能含空格、引号或尖括号。",
                         en="A link must be a full http:// or https:// address, without spaces, quotes or angle brackets.",
                         allowed=URL_ALLOWED)
            return None
        return value

    def integer(self, key, required=False, zh_name="", allow_text=()):
        value = self._get(key, required, zh_name)
        if value is None:
            return None
        if isinstance(value, str) and value.strip() in allow_text:
            return value.strip()
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value.strip())
        extra = f"或 {'、'.join(allow_text)}" if allow_text else ""
        self.problem(key, value=value, zh=f"应为整数{extra}。", en="This must be a whole number.",
                     allowed="整数 / a whole number" + (f", {', '.join(allow_text)}" if allow_text else ""))
        return None

    def boolean(self, key, default=False):
        value = self._get(key, False)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        text = as_text(value).lower()
        if text in ("true", "yes", "是", "1", "y"):
            return True
        if text in ("false", "no", "否", "0", "n"):
            return False
        self.problem(key, value=value, zh="应为 true 或 false（是 / 否）。", en="This must be true or false.",
                     allowed="true、false、是、否")
        return default

    def date(self, key, required=False, zh_name="", value=None, label=None, unknown_ok=False, line=None):
        if value is None:
            value = self._get(key, required, zh_name, unknown_ok)
            if value is None:
                return None
        try:
            return parse_date(value)
        except ValueError as exc:
            zh, en = exc.args if len(exc.args) == 2 else ("不是日期。", "this is not a date.")
            if is_unknown(value):
                zh, en = ("这一项不能写「未知」，请照原件填写日期。",
                          "this date cannot be written as unknown; copy it from the record.")
            self.problem(label or key, value=value, zh=f"日期无效：{zh}", en=f"Invalid date: {en}",
                         allowed=DATE_ALLOWED + (f"；{UNKNOWN_ALLOWED}" if unknown_ok else ""), line=line)
            return None

    def enum(self, key, enum: Enum, required=False, default=None, value=None, label=None, line=None):
        if value is None:
            value = self._get(key, required, enum.name_zh)
            if value is None:
                return default
        found = enum.parse(as_text(value))
        if found is None:
            self.problem(label or key, value=value, zh=f"「{enum.name_zh}」的值不在允许范围内。",
                         en=f"Unknown value for '{key}'.", allowed=enum.allowed(),
                         hint=closest(as_text(value), enum.choices()), line=line)
            return default
        return found

    def choice(self, key, lookup, names, what_zh, what_en, required=False, value=None, label=None):
        """A value from a site.yaml vocabulary (categories, sectors, units)."""
        if value is None:
            value = self._get(key, required, what_zh)
            if value is None:
                return None
        found = lookup(as_text(value))
        if found is None:
            self.problem(label or key, value=value,
                         zh=f"「{as_text(value)}」不在 site.yaml 的{what_zh}列表中。",
                         en=f"'{as_text(value)}' is not one of the {what_en} in site.yaml.",
                         allowed="、".join(names), hint=closest(as_text(value), names))
        return found

    def text_list(self, key, required=False, zh_name="", unknown_ok=False):
        value = self._get(key, required, zh_name, unknown_ok)
        if value is None:
            return []
        if isinstance(value, str):
            items = [v for v in re.split(r"[、，,；;]\s*", value) if v.strip()]
        elif isinstance(value, list):  # [区教育局，区民政局]: YAML splits on ASCII commas only
            items = [v for item in value
                     for v in (re.split(r"[、，；;]\s*", item) if isinstance(item, str) else [item]) if v != ""]
        else:
            items = [value]
        out, reported = [], len(self.problems)
        for i, item in enumerate(items):
            if isinstance(item, (list, dict)) or item is None:
                self.problem(f"{key}[{i + 1}]", value=item, zh="列表中的每一项应为一段文字。",
                             en="Each item of this list must be text.")
                continue
            if as_text(item):  # a blank item (a space, a full-width one) names nothing
                out.append(as_text(item))
        if required and not out and len(self.problems) == reported:  # only blank items: as if not written
            self._missing(key, zh_name, unknown_ok)
        return out

    def mapping_list(self, key):
        """A list of small mappings (feedback, events); yields (label, mapping)."""
        value = self._get(key, False)
        if value is None:
            return []
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list):
            self.problem(key, value=value, zh="应为列表，每项以“- date: …”开头。",
                         en="This must be a list of entries, each starting with '- date: …'.")
            return []
        out = []
        for i, item in enumerate(value):
            label = f"{key}[{i + 1}]"
            if not isinstance(item, dict):
                self.problem(label, value=item, zh="列表的每一项应为“键: 值”的形式（如 date、note）。",
                             en="Each item must be a mapping (with keys such as date, note).")
                continue
            out.append((label, item))
        return out

    def finish(self, known: list[str]):
        """Warn about keys nobody reads (a typo usually), with a suggestion."""
        for key in self.meta:
            if key not in self.used and key not in known:
                self.problem(key, zh="未知的键，已忽略。", en="Unknown key; it is ignored.",
                             hint=closest(key, known), severity=WARNING)
        return self.problems
