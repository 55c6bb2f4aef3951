"""Dates as offices print them: one parser for every form staff copy from a letter.

A reply letter is signed 二〇二二年八月三十日 (or with ○ for zero), a web page says
２０２２年９月２３日 or 2022.9.23; YAML itself may give a date. All read the same.
"""
from __future__ import annotations

import datetime as dt
import re

# Zero is printed as 〇 (U+3007), ○ (U+25CB, the circle on most keyboards) or 零; typed copies and
# web pages also give the letter O or the digit 0 (二O二二年, 二0二二年).
_ZH_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "0": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")
_NUMERIC = [
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    # an ISO / YAML timestamp (2022-09-23T10:00:00+08:00, 2022-09-23 10:00): the date as written
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[Tt ]?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|z|[+-]\d{2}(?::?\d{2})?)?$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
]
_ZH = "〇○零ＯO0一二三四五六七八九十廿卅"
_CHINESE = re.compile(rf"^([{_ZH}]{{4}})年([{_ZH}]{{1,3}})月([{_ZH}]{{1,4}})日?$")
# The same date found inside a line (a sign-off, a unit and its date on one line), spaces between
# its parts as typed: what letter_parts and letter_facts look for, so they see every date `check` reads.
# A year of only 0 and O is a form's blank (0000年00月00日, OOOO年OO月OO日), never a date.
CHINESE_DATE_IN_TEXT = rf"(?![0OＯ]{{4}})[{_ZH}]{{4}}\s*年\s*[{_ZH}]{{1,3}}\s*月\s*[{_ZH}]{{1,4}}\s*日"

# Every accepted form, shown in each date error (the examples read the same in both languages).
ALLOWED = ("2023-03-15、2023/3/15、2023.3.15、2023年3月15日、２０２３年３月１５日、"
           "二〇二三年三月十五日（〇 或 ○ 均可 / either zero）；YYYY-MM-DD 最稳妥 / safest")


def _zh_small(text: str) -> int | None:
    """一 … 三十一 (十, 十二, 二十, 二十三; 廿三 and 卅 as older records print 二十三 and 三十);
    also digit by digit (一二 = 12)."""
    text = text.replace("廿", "二十").replace("卅", "三十")
    if "十" in text:
        tens, _, ones = text.partition("十")
        if "十" in ones or len(tens) > 1 or len(ones) > 1:
            return None
        t = _ZH_DIGITS.get(tens, None) if tens else 1
        o = _ZH_DIGITS.get(ones, None) if ones else 0
        return None if t is None or o is None else t * 10 + o
    digits = [_ZH_DIGITS.get(c) for c in text]
    if None in digits:
        return None
    return int("".join(str(d) for d in digits))


def _parts(text: str):
    text = re.sub(r"\s+", "", text.translate(_FULL_WIDTH).replace("：", ":"))
    for form in _NUMERIC:
        m = form.match(text)
        if m:
            return tuple(int(g) for g in m.groups())
    m = _CHINESE.match(text)
    if m:
        year = "".join(str(_ZH_DIGITS.get(c, "x")) for c in m.group(1))
        month, day = _zh_small(m.group(2)), _zh_small(m.group(3))
        if year.isdigit() and month is not None and day is not None:
            return int(year), month, day
    return None


def parse_date(value) -> dt.date:
    """A date from any accepted form; raises ValueError(zh, en) saying why not."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parts = _parts(str(value).strip())
    if parts is None:
        raise ValueError("不是日期。", "this is not a date.")
    y, mo, d = parts
    try:
        return dt.date(y, mo, d)
    except ValueError:
        if not 1 <= mo <= 12:
            raise ValueError(f"没有 {mo} 月。", f"there is no month {mo}.") from None
        raise ValueError(f"{y} 年 {mo} 月没有 {d} 日。", f"{y}-{mo:02d} has no day {d}.") from None


def is_date(text: str) -> bool:
    """Whether a line is one date in an accepted form (a letter's sign-off date, as `check` reads dates)."""
    try:
        parse_date(text)
    except ValueError:
        return False
    return True


def small_number(text: str) -> int | None:
    """一 … 九十九 as letters print them (十五届二次会议): the same numerals as in dates."""
    return _zh_small(text.strip()) if text.strip() else None
