"""How dates, sessions and numbers read in Chinese: decided once for all outputs."""
from __future__ import annotations

import datetime as dt
import re

DIGITS = "零一二三四五六七八九"
UNKNOWN = "不详"  # what pages show for a fact the record does not give (written 未知)


def zh_number(n: int) -> str:
    """1..99 in Chinese numerals (届次 and 会次 never go higher)."""
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    if n >= 100:
        return str(n)
    return ("" if tens == 1 else DIGITS[tens]) + "十" + ("" if ones == 0 else DIGITS[ones])


def date_zh(date: dt.date | None) -> str:
    if not date:
        return ""
    return f"{date.year}年{date.month}月{date.day}日"


def session_label(term, session) -> str:
    """十五届二次会议, 十五届闭会期间, or "" when unknown."""
    parts = []
    if isinstance(term, int):
        parts.append(f"{zh_number(term)}届")
    if isinstance(session, int):
        parts.append(f"{zh_number(session)}次会议")
    elif session:
        parts.append(str(session))
    return "".join(parts)


def days_between(start: dt.date | None, end: dt.date | None) -> int | None:
    if start and end:
        return (end - start).days
    return None


def response_title(x, p) -> str:
    """"区发改委答复：关于……的建议": readable on its own, in pages and feeds alike."""
    if x.title:
        return x.title
    who = x.unit.label if x.unit else "承办单位"
    verb = "重新答复" if x.supersedes else "答复"
    return f"{who}{verb}：{p.title}" if p else f"{who}{verb}"


def tel_uri(phone: str) -> str:
    """tel: link of a phone as printed: 021-6300 0000 转 123 or 021-63000000-123 → tel:02163000000 (the extension is read out)."""
    main = re.sub(r"(\d{7,8})[-－]\d{1,5}$", r"\1", re.split(r"转|ext", phone)[0].strip())
    return "tel:" + re.sub(r"[^\d+]", "", main)


def window_text(a, today: dt.date) -> str:
    """A 公示's window as of the build date: 尚未开始 / 还有 N 天截止 / 今天截止 / 公示已结束."""
    if a.opens and today < a.opens:
        return f"尚未开始（{date_zh(a.opens)}开始）"
    if not a.until:
        return ""
    left = (a.until - today).days
    if left < 0:
        return "公示已结束"
    return "今天截止" if left == 0 else f"还有 {left} 天截止（截至{date_zh(today)}）"


def number_zh(p) -> str:
    """"第0123号", or "编号不详" for an older record published without a number."""
    return f"第{p.number}号" if p.number else f"编号不详（{p.file_key}）" if p.file_key else "编号不详"


def proposal_ref(p) -> str:
    """"2023年第0123号": how a proposal is named in lists, titles and feeds."""
    return f"{p.year}年{number_zh(p)}"


def numbers_searched(p) -> str:
    """A proposal's number as residents type it, for the search: its id (2023-0123), as the site
    prints it (2023年第0123号), and without its leading zeros, as news reports write it (第123号)."""
    if not p.number:
        return p.id
    forms = [p.id, proposal_ref(p)]
    if p.number.isdigit() and p.number != p.number.lstrip("0"):
        forms.append(f"第{int(p.number)}号")
    return "、".join(forms)


def proposers_text(p, limit: int | None = None) -> str:
    """The proposers joined with 、 (first `limit`, then 等), or 不详 when the record does not say."""
    if not p.proposers:
        return UNKNOWN if "proposers" in p.unknown else ""
    names = p.proposers if limit is None else p.proposers[:limit]
    return "、".join(names) + ("等" if limit is not None and len(p.proposers) > limit else "")


def file_size(n: int) -> str:
    """A file's size as a reader is told it: 812 字节, 35 KB, 1.2 MB (1024-based, one decimal from 1 MB)."""
    if n < 1024:
        return f"{n} 字节"
    if n < 1024 * 1024:
        return f"{round(n / 1024)} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def attachment_facts(kind_label: str, n: int) -> str:
    """What the page says after an attachment's title: its type and size, "PDF，1.2 MB"."""
    return f"{kind_label}，{file_size(n)}"
