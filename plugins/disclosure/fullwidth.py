"""Full-width punctuation in front matter, the most common typing slip with a Chinese input method.

`category：社会事业` or `lead_units：【区教育局】` is read as staff meant it where that is
unambiguous (a key's colon, brackets around a whole value, a flow mapping's separators);
block text (`summary: |`) is never touched. When YAML still fails, `culprit` finds the
full-width character on or just before the failing line, for one precise error.
"""
from __future__ import annotations

import re

_KEY = r"[A-Za-z_][A-Za-z0-9_]*|[\u4e00-\u9fff]{1,8}"
_KEY_COLON = re.compile(rf"^(\s*(?:-\s+)?)({_KEY})\s*：[ \t\u3000]*(.*)$")
_SPACE_AFTER_COLON = re.compile(rf"^(\s*(?:-\s+)?(?:{_KEY})):\u3000+")
_BLOCK_START = re.compile(r"^(\s*)(?:-\s+)?[^#\s][^#]*:\s*[|>][-+0-9]*\s*(?:#.*)?$")
_VALUE = re.compile(rf"^(\s*(?:-\s+)?(?:(?:{_KEY}):\s+)?)(.*?)\s*$")
_BRACKETS = {("［", "］"), ("【", "】"), ("[", "］"), ("［", "]"), ("【", "]"), ("[", "】")}
_ASCII_KEY = r"[A-Za-z_][A-Za-z0-9_]*"  # inside {…} only English keys: 好，满意：是 stays text
_IN_FLOW_KEY = re.compile(rf"([{{,，])\s*({_ASCII_KEY})\s*：\s*")
_FLOW_COMMA = re.compile(rf"，(\s*(?:{_ASCII_KEY})\s*:)")

# Full-width characters YAML reads as text where staff meant punctuation, and what to type instead.
REPLACEMENT = {"：": ":", "，": ",", "［": "[", "］": "]", "【": "[", "】": "]", "｛": "{", "｝": "}",
               "“": '"', "”": '"', "‘": "'", "’": "'", "\u3000": " "}
_NAMES = {"\u3000": "全角空格 / full-width space"}


def normalise(text: str) -> str:
    """The front matter with unambiguous full-width punctuation made ASCII (line count unchanged)."""
    out, block_indent = [], None
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip())
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                out.append(line)
                continue
            block_indent = None
        line = _fix_line(line)
        start = _BLOCK_START.match(line)
        if start:
            block_indent = len(start.group(1))
        out.append(line)
    return "\n".join(out)


def _fix_line(line: str) -> str:
    if line.lstrip().startswith("#"):
        return line
    m = _KEY_COLON.match(line) if "：" in line else None  # (each pattern needs its character:
    if m and ":" not in line[: m.start(3)]:               # most lines have neither)
        line = f"{m.group(1)}{m.group(2)}: {m.group(3)}".rstrip() if m.group(3) else f"{m.group(1)}{m.group(2)}:"
    if "\u3000" in line:
        line = _SPACE_AFTER_COLON.sub(r"\1: ", line)
    v = _VALUE.match(line)
    head, value = v.group(1), v.group(2)
    if len(value) >= 2 and (value[0], value[-1]) in _BRACKETS:
        value = "[" + value[1:-1] + "]"
    if value.startswith(("{", "｛")) and value.endswith(("}", "｝")):
        value = "{" + value[1:-1] + "}"
        value = _IN_FLOW_KEY.sub(lambda k: f"{k.group(1).replace('，', ',')} {k.group(2)}: ", value)
        value = _FLOW_COMMA.sub(r", \1", value)
        value = "{" + value[1:].lstrip()
    return head + value


def culprit(text: str, line: int | None, parses) -> tuple[int, str] | None:
    """(line, char): the full-width character on or just above a YAML error at `line` (1-based in
    text) whose ASCII replacement makes `parses(text)` true; None when no single change does."""
    lines = text.split("\n")
    if not line:
        return None
    for n in range(min(line, len(lines)), max(0, line - 3), -1):
        original = lines[n - 1]
        for i, ch in enumerate(original):
            if ch not in REPLACEMENT:
                continue
            want = REPLACEMENT[ch] + (" " if ch in "：，" else "")
            lines[n - 1] = original[:i] + want + original[i + 1:]
            fixed = parses(normalise("\n".join(lines)))
            lines[n - 1] = original
            if fixed:
                return n, ch
    return None


def describe(ch: str) -> tuple[str, str]:
    """How to name the character and its replacement, in Chinese and English."""
    name = _NAMES.get(ch, ch)
    want = REPLACEMENT[ch]
    return (f"全角字符「{name}」应改为半角「{want}」（英文输入法）",
            f"the full-width character '{name}' must be the ASCII '{want}' (type it with the English input method)")
