"""Reading a proposal's `events:` (其他节点): dated steps staff record, and which reply
commitments a follow-up (回头看, 督办调研, 办理情况评估) reviews.

Checks what one file can show (keys, dates, the form of `reviews`); whether the numbers
name commitments of a reply of this proposal is checked across files in follow_ups.py.
"""
from __future__ import annotations

import re

from .fields import as_text
from .model import Event
from .problems import WARNING

# Chinese key names inside one event.
EVENT_KEYS = {"日期": "date", "名称": "label", "节点": "label", "节点名称": "label", "说明": "note",
              "回顾承诺": "reviews", "涉及承诺": "reviews", "答复": "reply", "答复单位": "reply"}
KNOWN = ("date", "label", "note", "reviews", "reply")
ALL_WORDS = ("全部", "所有", "all")
REVIEWS_ALLOWED = ("承诺的序号列表（答复 commitments 中的第几项，从 1 数起），例如 [1, 2]；或 全部 / "
                   "a list of commitment numbers, from 1, e.g. [1, 2]; or all")
_NUMBER = re.compile(r"^第?\s*(\d+)\s*(?:项|条)?$")
# Spaces typed inside 第 2 项 (not between two numbers, which separate them: `1 2`).
_SPACED = re.compile(r"(?<=第)\s+|\s+(?=[项条])")


def read_events(r) -> list[Event]:
    """Every event of a proposal; each mistake is a problem naming its own line."""
    raw_top = next((str(k) for k in r.src.meta if str(k).strip() in ("events", "其他节点")), "events")
    out = []
    for label, item in r.mapping_list("events"):
        number = int(label.rsplit("[", 1)[1].rstrip("]"))  # its place as written (a broken item is skipped)
        raw = f"{raw_top}[{number}]"
        values, typed = {}, {}
        for key, value in item.items():
            name = EVENT_KEYS.get(str(key).strip(), str(key).strip())
            values[name], typed[name] = value, str(key)
        here = r.src.key_lines.get(raw) or r.lines.get("events")
        lines = {name: r.src.key_lines.get(f"{raw}.{typed[name]}") or here for name in typed}
        lines["item"] = here
        date = None
        if values.get("date") in (None, ""):
            r.problem(label + ".date", zh="每个节点需要日期（date）。", en="Each event needs a date.", line=here)
        else:
            date = r.date(label + ".date", value=values["date"], label=label + ".date", line=lines["date"])
        text = as_text(values.get("label") or "") if not isinstance(values.get("label"), (list, dict)) else ""
        if not text:
            r.problem(label + ".label", zh="每个节点需要名称（label），例如 办前协商。",
                      en="Each event needs a label, e.g. 办前协商.", line=lines.get("label", here))
        note = values.get("note")
        numbers, every = _reviews(r, label, raw, typed, values.get("reviews"), lines)
        reply = values.get("reply")
        if isinstance(reply, (list, dict)):
            r.problem(label + ".reply", value=reply, line=lines["reply"],
                      zh="reply 只写一份答复：答复单位的名称（或简称），或答复编号（如 2026/0001-fgw）。",
                      en="'reply' names one reply: its unit's name (or short name), or the reply id (e.g. 2026/0001-fgw).")
            reply = None
        for extra in values:
            if extra not in KNOWN:
                r.problem(f"{label}.{typed[extra]}", zh="未知的键，已忽略。", en="Unknown key; it is ignored.",
                          allowed="、".join(KNOWN), severity=WARNING, line=lines[extra])
        if date and text:
            out.append(Event(date=date, label=text, note=as_text(note) if note not in (None, "") else "",
                             reviews=numbers, reviews_all=every, reply=as_text(reply) if reply else "",
                             number=number, lines=lines))
    return out


def _reviews(r, label, raw, typed, value, lines) -> tuple[list[int], bool]:
    """`reviews`: numbers (a list, one number, or 1、2 in one line) or 全部."""
    if value in (None, "", []):
        return [], False
    if isinstance(value, str) and value.strip().lower() in ALL_WORDS:
        return [], True
    items = value if isinstance(value, list) else (re.split(r"[、，,；;\s]+", _SPACED.sub("", value.strip()))
                                                    if isinstance(value, str) else [value])
    numbers = []
    for k, item in enumerate(items):
        number = None
        if isinstance(item, int) and not isinstance(item, bool):
            number = item
        elif isinstance(item, str) and _NUMBER.match(item.strip()):
            number = int(_NUMBER.match(item.strip()).group(1))
        key = label + ".reviews" + (f"[{k + 1}]" if isinstance(value, list) else "")
        line = r.src.key_lines.get(f"{raw}.{typed['reviews']}[{k + 1}]") or lines["reviews"]
        if number is None or number < 1:
            r.problem(key, value=item, line=line, allowed=REVIEWS_ALLOWED,
                      zh="回顾的承诺要写序号：答复 commitments 中的第几项（从 1 数起）。",
                      en="Write the number of each reviewed commitment: its place in the reply's 'commitments' (from 1).")
        elif number not in numbers:
            numbers.append(number)
            lines[f"reviews:{number}"] = (key.split(".", 1)[1], line)  # which item and line named it
    return numbers, False
