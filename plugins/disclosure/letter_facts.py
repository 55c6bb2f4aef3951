"""What a reply letter says about itself, read from its text: the facts of a reply entry.

An office's reply (答复函) prints its facts in fixed places: the letterhead and 文号 on top,
the title naming the proposal (关于区政协十五届二次会议第0102号提案的答复), the sign-off
(unit, then the date in Chinese numerals) and, below it, 联系人 / 联系电话 and 抄送. This
module finds them in the letter's paragraphs (plain text, one paragraph per item) and never
guesses: what it does not find stays empty, for the importer to ask about. Dates are read by
dates.py, units matched against site.yaml's units.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

from .dates import CHINESE_DATE_IN_TEXT, parse_date, small_number

_ZH_NUM = "〇○零一二三四五六七八九十"
_FULL_WIDTH = str.maketrans("０１２３４５６７８９：（）［］", "0123456789:()[]")
# 第0102号 / 第 102 号 / 第A012号 (提案 or 建议 follows in most titles)
_NUMBER = re.compile(r"第\s*([0-9A-Za-z][0-9A-Za-z\-]*)\s*号")
# 十五届二次会议 / 第十五届第二次会议 / 15届2次
_SESSION = re.compile(rf"第?\s*([{_ZH_NUM}]{{1,3}}|\d{{1,2}})\s*届\s*(?:[^\d{_ZH_NUM}届]{{0,6}}?)"
                      rf"第?\s*([{_ZH_NUM}]{{1,3}}|\d{{1,2}})\s*次")
_YEAR = re.compile(r"(\d{4})\s*年(?!\s*\d{1,2}\s*月)")
# 示房管提复〔2023〕15号, 黄发改提[2023]12号, 某某函（2023）3号
_DOC_NO = re.compile(r"[\u4e00-\u9fff]{1,16}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d+\s*号")
_DATE = re.compile(rf"(\d{{4}}\s*[年./-]\s*\d{{1,2}}\s*[月./-]\s*\d{{1,2}}\s*日?"
                   rf"|{CHINESE_DATE_IN_TEXT})")
_TITLE = re.compile(r"(答复|复函|回复|办理情况)")
_CONTACT = re.compile(r"联\s*系\s*人\s*(?:及(?:联系)?电话)?\s*[:：]?\s*([\u4e00-\u9fff·]{2,6}(?:\s*[\u4e00-\u9fff]{0,4})?)")
_PHONE = re.compile(r"(?:电\s*话|手\s*机)(?:号码)?\s*[:：]?\s*(?:[\u4e00-\u9fff·]{2,4}[\s，,]*)?"
                    r"([0-9][0-9\-－—\s()（）]{5,20}[0-9])")
_SIGNER = re.compile(r"签\s*发\s*人\s*[:：]\s*([\u4e00-\u9fff·]{2,6})")
_CC = re.compile(r"^\s*抄\s*送\s*[:：]\s*(.+?)\s*[。.]?\s*$")
_RESULT = re.compile(r"(?:答复类别|办理结果|类别)\s*[:：]\s*([A-Za-z])(?![A-Za-z])|^[（(]?\s*([A-Za-z])\s*类?\s*[）)]?$")
_LETTERHEAD_TAIL = re.compile(r"(文件|公函|函|便函|（?\s*[盖印]章\s*）?)$")


@dataclass
class UnitMatch:
    unit: object  # a model.Unit
    how: str  # "name", "short", "contains", "near": how sure the match is
    text: str  # the words in the letter that matched


@dataclass
class Letter:
    """The facts found in one letter; empty where the letter does not say."""

    title: str = ""
    number: str = ""  # 提案号 as printed in the title (0102)
    term: int | None = None  # 届
    session: int | None = None  # 次
    year: int | None = None  # a year printed in the title (2023年…)
    unit: UnitMatch | None = None
    unit_text: str = ""  # sign-off or letterhead as printed, even when no unit matched
    date: dt.date | None = None
    date_text: str = ""
    doc_no: str = ""
    signer: str = ""
    contact: str = ""  # 联系人
    phone: str = ""
    cc: list[str] = field(default_factory=list)
    result: str = ""  # a reply class letter printed on the letter (A / B / C)
    body_start: int = 0  # first paragraph after the title: where the reply's text begins
    sign_off: list[int] = field(default_factory=list)  # the paragraphs of the sign-off (unit, date)
    notes: list[str] = field(default_factory=list)  # why a fact was left empty, in Chinese


def _plain(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text.translate(_FULL_WIDTH))


def _small(text: str) -> int | None:
    return int(text) if text.isdigit() else small_number(text)


def match_unit(text: str, units) -> UnitMatch | None:
    """The site.yaml unit a sign-off or letterhead names: full name, short name, a name inside a
    longer line (…委员会办公室), then the nearest name (a typo or an old name), in that order."""
    plain = _LETTERHEAD_TAIL.sub("", _plain(text))
    if len(plain) < 2:
        return None
    for u in units:
        if plain == u.name:
            return UnitMatch(u, "name", plain)
    for u in units:
        if u.short and plain == u.short:
            return UnitMatch(u, "short", plain)
    inside = [u for u in units if u.name in plain] or [u for u in units if u.short and u.short in plain]
    if len(inside) == 1:
        return UnitMatch(inside[0], "contains", plain)
    if inside:  # the longest name wins: 区民政局 inside 区民政局老龄办 … prefer the most specific
        best = max(inside, key=lambda u: len(u.name if u.name in plain else u.short))
        return UnitMatch(best, "contains", plain)
    names = {}
    for u in units:
        for n in (u.name, u.short):
            if n:
                names.setdefault(n, u)
    near = difflib.get_close_matches(plain, list(names), n=1, cutoff=0.6)
    if near:
        return UnitMatch(names[near[0]], "near", plain)
    return None


def _find_date(text: str):
    for m in reversed(list(_DATE.finditer(_plain(text)))):
        try:
            return parse_date(m.group(1)), m.group(1)
        except ValueError:
            continue
    return None, ""


def _is_tail(text: str) -> bool:
    """联系人, 电话, 抄送, 附件, 印发 lines: below the sign-off, never the sign-off itself."""
    plain = _plain(text)
    return bool(re.match(r"^[(（]?(联系人|联系电话|电话|抄送|附件|印发|主题词|[(（]此件)", plain))


def parse_letter(paragraphs: list[str], units=(), result_codes=()) -> Letter:
    """The facts of a reply letter from its paragraphs (tables may be among them as text)."""
    letter = Letter()
    paras = [p.strip() for p in paragraphs]
    title_at = _title(letter, paras)
    letter.body_start = title_at + 1 if title_at is not None else 0
    head = paras[:title_at] if title_at is not None else paras[:4]
    for text in paras[: (title_at or 0) + 2]:
        m = _DOC_NO.search(text.replace(" ", ""))
        if m and not letter.doc_no:
            letter.doc_no = m.group(0)
        m = _SIGNER.search(text)
        if m and not letter.signer:
            letter.signer = m.group(1)
    codes = {c.code.upper() for c in result_codes}
    for text in paras[: (title_at or 0) + 3] + [p for p in paras if "答复类别" in p]:
        m = _RESULT.search(_plain(text))
        if m:
            code = (m.group(1) or m.group(2) or "").upper()
            if code in codes:
                letter.result = code
                break
    _tail(letter, paras)
    _sign_off(letter, paras, units)
    if letter.unit is None:  # no unit in the sign-off: the letterhead
        for text in head:
            if _DOC_NO.search(text.replace(" ", "")) or _SIGNER.search(text):
                continue
            found = match_unit(text, units)
            if found:
                letter.unit = found
                letter.unit_text = letter.unit_text or text
                break
    if letter.unit is None:
        letter.notes.append("落款和版头都没有找到 site.yaml 中的承办单位" +
                            (f"（落款写的是「{letter.unit_text}」）" if letter.unit_text else "") + "。")
    if letter.date is None:
        letter.notes.append("落款中没有找到日期。")
    if not letter.number:
        letter.notes.append("标题中没有找到提案号（第…号）。")
    return letter


def _title(letter: Letter, paras: list[str]) -> int | None:
    """The title: the first paragraph naming a proposal number (第…号) and a reply, else the
    first 关于…答复; a title broken over two lines (关于… / 第…号提案的答复) is read as one."""
    for i, text in enumerate(paras[:12]):
        plain = _plain(text)
        if _DOC_NO.search(plain) or _SIGNER.search(text) or plain.endswith(("：", ":")):
            continue
        if _NUMBER.search(plain) and _TITLE.search(plain):
            letter.title = text
            _title_facts(letter, plain)
            return i
        nxt = _plain(paras[i + 1]) if i + 1 < len(paras) else ""
        if plain.startswith(("关于", "对")) and _NUMBER.search(plain + nxt) and _TITLE.search(plain + nxt):
            letter.title = text + paras[i + 1].strip()
            _title_facts(letter, plain + nxt)
            return i + 1
    for i, text in enumerate(paras[:12]):
        plain = _plain(text)
        if plain.startswith(("关于", "对")) and _TITLE.search(plain):
            letter.title = text
            _title_facts(letter, plain)
            return i
    return None


def _title_facts(letter: Letter, plain: str) -> None:
    m = _NUMBER.search(plain)
    if m:
        letter.number = m.group(1)
    m = _SESSION.search(plain)
    if m:
        letter.term, letter.session = _small(m.group(1)), _small(m.group(2))
    m = _YEAR.search(plain)
    if m:
        letter.year = int(m.group(1))


def _tail(letter: Letter, paras: list[str]) -> None:
    """联系人, phone and 抄送, wherever they are printed below the text."""
    for text in paras:
        flat = text.translate(_FULL_WIDTH)
        m = _CONTACT.search(flat)
        if m and not letter.contact:
            name = re.split(r"[\s,，;；]|联系|电话", m.group(1))[0]
            letter.contact = name
        m = _PHONE.search(flat)
        if m and not letter.phone and re.search("联系|电话", _plain(flat)):  # also padded: 联 系 人, 电　话
            letter.phone = re.sub(r"\s+", "", m.group(1)).replace("－", "-").replace("—", "-")
        m = _CC.match(flat)
        if m and not letter.cc:
            letter.cc = [c.strip() for c in re.split(r"[，,、；;]", m.group(1)) if c.strip()]


def _sign_off(letter: Letter, paras: list[str], units) -> None:
    """The sign-off: the last dated paragraph above the tail, and the unit named just above it."""
    start = letter.body_start
    for i in range(len(paras) - 1, start - 1, -1):
        text = paras[i]
        if not text or _is_tail(text) or len(_plain(text)) > 40:
            continue
        date, raw = _find_date(text)
        if date is None:
            continue
        letter.date, letter.date_text = date, raw
        letter.sign_off = [i]
        before = _plain(text)[: _plain(text).find(raw)] if raw in _plain(text) else ""
        candidates = ([(i, before)] if len(before) >= 2 else []) + \
            [(j, paras[j]) for j in range(i - 1, max(start, i - 3) - 1, -1) if paras[j]]
        for j, cand in candidates:
            plain = _plain(cand)
            if len(plain) > 30 or plain.endswith(("。", "！", "；", "：")):
                break
            found = match_unit(cand, units)
            if found:
                letter.unit, letter.unit_text = found, cand.strip()
                letter.sign_off = sorted(set(letter.sign_off) | {j})
                break
            if not letter.unit_text and not _is_tail(cand):
                letter.unit_text = cand.strip()
        return
