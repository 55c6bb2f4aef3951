"""Reading a reply's `commitments:` (承诺) list: the promises it makes and their dated updates.

Checks what one file can show (keys, dates against the reply's own date, statuses, the form
of evidence); whether a cited announcement or file exists is checked in validate.py.
"""
from __future__ import annotations

import posixpath
import re

from . import labels as L
from .fields import URL_ALLOWED, as_text, is_web_url
from .model import Commitment, CommitmentUpdate, Evidence
from .problems import WARNING

# Chinese key names inside a commitment and inside one of its updates.
COMMITMENT_KEYS = {"内容": "text", "承诺内容": "text", "期限": "due", "完成期限": "due", "进展": "updates"}
UPDATE_KEYS = {"日期": "date", "状态": "status", "说明": "note", "依据": "evidence", "证明": "evidence"}
# Files staff may cite as evidence (a scanned document, a spreadsheet), by their first bytes.
EVIDENCE_FILES = {".pdf": b"%PDF-", ".docx": b"PK\x03\x04", ".xlsx": b"PK\x03\x04", ".ofd": b"PK\x03\x04"}
EVIDENCE_ALLOWED = ("公告编号（如 2024/low-carbon-communities）、以 http:// 或 https:// 开头的网址、"
                    "内容文件夹中的文件（*.pdf、*.docx、*.xlsx、*.ofd）")
_SCHEME = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")


class _Where:
    """Messages name keys in English (commitments[1].updates[2].date); lines come from the keys as
    typed (承诺[1].进展[2].日期), recorded by source.load_yaml."""

    def __init__(self, r):
        self.r = r

    def line(self, raw_path: str):
        return self.r.src.key_lines.get(raw_path) or self.r.lines.get("commitments")


def _canon(item: dict, aliases: dict) -> tuple[dict, dict]:
    """The item's values by English key, and the key each was typed with."""
    values, typed = {}, {}
    for key, value in item.items():
        name = aliases.get(str(key).strip(), str(key).strip())
        values[name], typed[name] = value, str(key)
    return values, typed


def read_commitments(r, reply_date) -> list[Commitment]:
    """Every commitment of a reply; each mistake is a problem on its own line."""
    raw_top = next((str(k) for k in r.src.meta if str(k).strip() in ("commitments", "承诺")), "commitments")
    where = _Where(r)
    out, seen = [], {}  # Commitment.key → the number of the commitment with those words
    for label, item in r.mapping_list("commitments"):
        number = int(label.rsplit("[", 1)[1].rstrip("]"))  # its place as written (a broken item is skipped)
        raw = f"{raw_top}[{number}]"
        values, typed = _canon(item, COMMITMENT_KEYS)
        c = Commitment(text="", line=where.line(raw))
        text = values.get("text")
        if text in (None, "") or isinstance(text, (list, dict)):
            r.problem(label + ".text", zh="每项承诺需要承诺内容（text），请照答复原文摘录。",
                      en="Each commitment needs its words ('text'), quoted from the reply.", line=c.line)
            continue
        c.text = as_text(text)
        if c.key in seen:  # its anchor, feed items and follow-ups know a commitment by its words
            r.problem(label + ".text", value=c.text, line=where.line(f"{raw}.{typed['text']}") or c.line,
                      zh=f"这项承诺与第 {seen[c.key]} 项的文字相同：每项承诺只写一次（同一承诺的新进展写在它的 updates 里）。",
                      en=f"The words of this commitment are those of commitment {seen[c.key]}: write each "
                         "commitment once (a new step of the same one goes in its 'updates').")
            continue
        seen[c.key] = number
        if values.get("due") not in (None, ""):
            key = f"{raw}.{typed['due']}"
            c.due = r.date(label + ".due", value=values["due"], label=label + ".due", line=where.line(key))
            if c.due and reply_date and c.due < reply_date:
                r.problem(label + ".due", value=c.due, line=where.line(key),
                          zh=f"承诺期限（{c.due}）早于答复日期（{reply_date}）。",
                          en=f"The commitment's 'due' ({c.due}) is before the reply's date ({reply_date}).",
                          allowed=f"{reply_date} 或之后的日期 / {reply_date} or later")
        c.updates = _updates(r, where, label, raw, values, typed, reply_date)
        _unknown(r, where, label, raw, values, typed, ("text", "due", "updates"))
        out.append(c)
    return out


def _updates(r, where, label, raw, values, typed, reply_date) -> list[CommitmentUpdate]:
    items = values.get("updates")
    if items in (None, "", []):
        return []
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        r.problem(label + ".updates", value=items, line=where.line(f"{raw}.{typed['updates']}"),
                  zh="进展（updates）应为列表，每项以“- date: …”开头。",
                  en="'updates' must be a list, each item starting with '- date: …'.")
        return []
    out, seen = [], {}
    for j, item in enumerate(items):
        ulabel, uraw = f"{label}.updates[{j + 1}]", f"{raw}.{typed['updates']}[{j + 1}]"
        line = where.line(uraw)
        if not isinstance(item, dict):
            r.problem(ulabel, value=item, line=line, zh="每条进展应为“键: 值”的形式（date、status、note、evidence）。",
                      en="Each update must be a mapping (date, status, note, evidence).")
            continue
        u_values, u_typed = _canon(item, UPDATE_KEYS)
        at = lambda key: where.line(f"{uraw}.{u_typed[key]}") if key in u_typed else line  # noqa: E731
        date = None
        if u_values.get("date") in (None, ""):
            r.problem(ulabel + ".date", line=line, zh="每条进展需要日期（date）。", en="Each update needs a date.")
        else:
            date = r.date(ulabel + ".date", value=u_values["date"], label=ulabel + ".date", line=at("date"))
        status = None
        if u_values.get("status") in (None, ""):
            r.problem(ulabel + ".status", line=line, zh="每条进展需要落实状态（status）。",
                      en="Each update needs a status.", allowed=L.COMMITMENT_STATUS.allowed())
        else:
            status = r.enum("status", L.COMMITMENT_STATUS, value=u_values["status"], label=ulabel + ".status",
                            line=at("status"))
        if date and reply_date and date < reply_date:
            r.problem(ulabel + ".date", value=date, line=at("date"),
                      zh=f"进展日期（{date}）早于答复日期（{reply_date}）：承诺的进展只能在答复之后。",
                      en=f"The update ({date}) is before the reply's date ({reply_date}); "
                         "a commitment's updates come after the reply.",
                      allowed=f"{reply_date} 或之后的日期 / {reply_date} or later")
            date = None
        if date and date in seen:
            r.problem(ulabel + ".date", value=date, line=at("date"),
                      zh=f"同一项承诺在 {date} 已有一条进展（第 {seen[date]} 条），同一天只写一条。",
                      en=f"This commitment already has an update on {date} (number {seen[date]}); write one per day.")
            date = None
        evidence = _evidence(r, where, ulabel, f"{uraw}.{u_typed.get('evidence')}", u_values.get("evidence"),
                             at("evidence"))
        _unknown(r, where, ulabel, uraw, u_values, u_typed, ("date", "status", "note", "evidence"))
        note = u_values.get("note")
        if isinstance(note, (list, dict)):
            r.problem(ulabel + ".note", value=note, line=at("note"), zh="说明（note）应为一段文字，不是列表或键值对。",
                      en="'note' must be a piece of text, not a list or mapping.")
            note = None
        if date and status:
            seen[date] = j + 1
            out.append(CommitmentUpdate(date=date, status=status, line=line, evidence=evidence,
                                        note=as_text(note) if note is not None else ""))
    return sorted(out, key=lambda u: u.date)


def _evidence(r, where, ulabel, raw, value, key_line) -> list[Evidence]:
    """The update's evidence (one value or a list), each mistake named by its own key and line."""
    if value in (None, "", []):
        return []
    values = value if isinstance(value, list) else [value]
    out = []
    for k, v in enumerate(values):
        listed = f"[{k + 1}]" if isinstance(value, list) else ""
        label = ulabel + ".evidence" + listed
        line = (r.src.key_lines.get(raw + listed) if listed else None) or key_line
        if isinstance(v, (list, dict)) or v is None:
            r.problem(label, value=v, line=line, zh="依据（evidence）应为一段文字：公告编号、网址或文件路径。",
                      en="Evidence must be text: an announcement id, an address or a file path.",
                      allowed=EVIDENCE_ALLOWED)
            continue
        text = as_text(v)
        if _SCHEME.match(text):
            if not is_web_url(text):
                r.problem(label, value=text, line=line,
                          zh="网址只能是以 http:// 或 https:// 开头的完整网址，不能含空格、引号或尖括号。",
                          en="A link must be a full http:// or https:// address, without spaces, quotes or angle brackets.",
                          allowed=URL_ALLOWED)
                continue
            out.append(Evidence("link", text, line, label))
        elif posixpath.splitext(text.lower())[1] in EVIDENCE_FILES:
            out.append(Evidence("file", posixpath.normpath(text.replace("\\", "/").removeprefix("content/")), line, label))
        else:
            ref = text.replace("\\", "/").removeprefix("content/").removeprefix("announcements/")
            out.append(Evidence("announcement", ref[:-3] if ref.endswith(".md") else ref, line, label))
    return out


def _unknown(r, where, label, raw, values, typed, known):
    for extra in values:
        if extra not in known:
            r.problem(f"{label}.{typed[extra]}", zh="未知的键，已忽略。", en="Unknown key; it is ignored.",
                      allowed="、".join(known), severity=WARNING, line=where.line(f"{raw}.{typed[extra]}"))
