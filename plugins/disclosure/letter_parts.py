"""The parts of an official letter, found in a rendered body and marked as a printed 公文 shows them.

GB/T 9704 lays a letter out as: the salutation (主送, "…委员：") flush left; body
paragraphs with a two-character first-line indent; numbered items on four levels
(一、 → （一） → 1. → （1）), each starting a line; the issuing unit and the date
at the end, right-aligned; then 联系人 / 联系电话 and 抄送 / 抄报 below a rule.
This module only adds classes, wraps the sign-off and footer in a div and turns
phone numbers into tel: links; the text is never changed. CLASSES lists every
class it may write, for the sanitiser's allow-list.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from .dates import CHINESE_DATE_IN_TEXT, is_date
from .display import tel_uri
from .letter_lines import INDENT

CLASSES = {
    "p": {"indent", "salutation", "n1", "n2", "n3", "n4", "n1-head"},
    "div": {"signoff", "letter-footer"},
    "a": {"tel"},
}

_CN = "一二三四五六七八九十百零〇"
NUMBERING = [
    ("n1", re.compile(f"^[{_CN}]+、")),
    ("n2", re.compile(f"^[（(][{_CN}]+[）)]")),
    ("n3", re.compile(r"^\d{1,2}[.．、](?!\d)")),
    ("n4", re.compile(r"^[（(]\d{1,2}[）)]")),
]
# The first character every NUMBERING pattern starts with (or a digit: \d is what str.isdecimal says):
# a paragraph starting otherwise is tried against none of them.
_NUMBER_FIRST = frozenset(_CN + "（(")


def _numbered(text: str):
    """The NUMBERING class `text` starts with, or None."""
    first = text[:1]
    if first in _NUMBER_FIRST or first.isdecimal():
        for cls, pattern in NUMBERING:
            if pattern.match(text):
                return cls
    return None


SALUTATION = re.compile(r"^[^。！？；，,\n]{1,40}[：:]$")
UNIT_AND_DATE = re.compile(rf"^([^。，；！？,;:：\s][^。，；！？,;:：]{{1,39}}?)\s+((?!0000)\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|{CHINESE_DATE_IN_TEXT})$")
# A phone on a line of its own is labelled 电话 or 手机 (also "电　话：", the spaces are taken out first).
FOOTER = re.compile(r"^[（(]?\s*(?:联系人|联系电话|联系单位|联系方式|联系地址|抄送|抄报|(?:电话|手机)[：:])")
NOTE = re.compile(r"^[（(][^（）()]{1,40}[）)]$")  # 附注 such as （此件公开发布）
# A letter's closing words (此复, 特此函复 …) end its text, not name a unit: written on a line of
# their own without a full stop ("此 复" too), they are short, but they are no part of the sign-off.
CLOSING = re.compile(r"^(?:特此|专此|此)(?:函复|答复|回复|复函|复)$")
_SENTENCE_END = "。；！？：，,;:!?"
# Phone numbers, linked as tel: wherever a body gives them (a reader taps to call):
# a mobile number, 11 digits from 13x to 19x, also grouped 3-4-4 ("138 1234 5678",
# "138-1234-5678"); a landline with its area code ("021-63182210", "0571-8765432",
# "（021）63182210", "021-6318 2210"); either with an extension ("转 123"), a landline
# also with one written after a hyphen ("021-63000000-8001").
# Neither may be part of a longer run of digits, letters, hyphens or a decimal, nor an
# amount or a document number (…元, …号), so 2023-0110, 〔2023〕57号, 2023-12-31,
# 12345678元 and an 18-digit ID number stay text. In the footer (联系电话 …) also a bare
# local number of 7-8 digits, "6318 2210" and the 12345 hotline.
_MOBILE = r"(?:\+86[- ]?)?1[3-9]\d(?:\d{8}|[-－]\d{4}[-－]\d{4}| \d{4} \d{4})"
_LANDLINE = r"(?:0\d{2,3}[-－–—]|[（(]0\d{2,3}[）)] ?)(?:\d{7,8}(?:[-－]\d{1,5}(?![-－]))?|\d{3,4} \d{4})"
_EXTENSION = r"(?: ?转 ?\d{1,6})?"
_BEFORE = r"(?<![0-9A-Za-z+\-－–—./])"
_AFTER = r"(?![0-9A-Za-z\-－–—]|[.．]\d| ?[元万亿号])"
PHONE_ANYWHERE = re.compile(rf"{_BEFORE}(?:{_MOBILE}|{_LANDLINE}){_EXTENSION}{_AFTER}")
# Every number above has three digits in a row (13x, 0xx, \d{3,4}, \d{7,8}, 12345): a text without
# them holds none, found with a plain scan instead of the lookbehind tried at every character.
_DIGITS = re.compile(r"\d{3}")
PHONE_FOOTER = re.compile(rf"{_BEFORE}(?:{_MOBILE}|{_LANDLINE}|0\d{{2,3}} ?\d{{7,8}}|\d{{3,4}}[- ]\d{{4}}|\d{{7,8}}|12345)"
                          rf"{_EXTENSION}{_AFTER}")


def text_of(el: etree.Element) -> str:
    return "".join(el.itertext()).replace(INDENT, "").strip()


def _footer_line(el) -> bool:
    """联系人 / 联系电话 / 抄送 … , also with the label padded ("联 系 人：")."""
    return el.tag == "p" and bool(FOOTER.match(re.sub("[ \u3000]", "", text_of(el))))


def _add_class(el, name):
    classes = (el.get("class") or "").split()
    if name not in classes:
        el.set("class", " ".join(classes + [name]))


def _drop_class(el, name):
    classes = [c for c in (el.get("class") or "").split() if c != name]
    if classes:
        el.set("class", " ".join(classes))
    elif "class" in el.attrib:
        del el.attrib["class"]


def _unmark(el) -> bool:
    """Remove the indent mark the line pass put at the start of a top-level paragraph (or setext heading)."""
    if el.text and el.text.startswith(INDENT):
        el.text = el.text[len(INDENT):]
        return True
    return False


def _short_line(el) -> bool:
    text = text_of(el)
    return el.tag == "p" and 0 < len(text) <= 30 and text[-1] not in _SENTENCE_END and not _numbered(text) \
        and not CLOSING.match(re.sub("[ \u3000]", "", text))


def _wrap(root, first: int, last: int, cls: str) -> None:
    box = etree.Element("div", {"class": cls})
    children = list(root)
    for el in children[first:last + 1]:
        root.remove(el)
        box.append(el)
        el.tail = "\n"
    box.text, box.tail = "\n", "\n"
    root.insert(first, box)


def _note(el) -> bool:
    return el.tag == "p" and bool(NOTE.match(text_of(el)))


def _split_unit_and_date(root, at: int) -> bool:
    """"上海市某某局      2023年4月26日" on one line (a web page's sign-off) → two lines."""
    el = list(root)[at]
    m = UNIT_AND_DATE.match(el.text or "") if el.tag == "p" and len(el) == 0 else None
    if not m:
        return False
    el.text = m.group(1).strip()
    date = etree.Element("p")
    date.text, date.tail = m.group(2), el.tail
    root.insert(at + 1, date)
    return True


def _ending(root) -> None:
    """Right-align the sign-off (units and date at the end) and set the contact / 抄送 lines apart.

    From the end: footer lines (联系人 … 抄送, with any 附注 such as （此件公开发布） among them),
    then the date, then up to three short lines above it (the issuing units).
    """
    blocks = list(root)
    i = len(blocks) - 1
    while i >= 0 and (_footer_line(blocks[i]) or _note(blocks[i])):
        i -= 1
    footer = [b for b in blocks[i + 1:]]
    if not any(_footer_line(b) for b in footer):
        footer, i = [], len(blocks) - 1  # only 附注 lines: they stay with the date
        while i >= 0 and _note(blocks[i]):
            i -= 1
    if i >= 0 and _split_unit_and_date(root, i):
        blocks = list(root)
        i += 1
    signoff = []
    if i >= 0 and blocks[i].tag == "p" and is_date(text_of(blocks[i])):
        first = i
        while first > max(0, i - 3) and _short_line(blocks[first - 1]) and \
                "salutation" not in (blocks[first - 1].get("class") or ""):
            first -= 1
        signoff = blocks[first:len(blocks) - len(footer)]  # the date's 附注 lines stay with it
    for part, cls in ((signoff, "signoff"), (footer, "letter-footer")):
        if part:
            for el in part:
                _drop_class(el, "indent")
            _wrap(root, list(root).index(part[0]), list(root).index(part[-1]), cls)


def _link_phones(el, pattern) -> None:
    """Phone numbers in `el`'s own text and its children's tails → <a class="tel" href="tel:…">."""
    if el.tag in ("a", "code", "pre"):
        return
    for child in list(el):
        _link_phones(child, pattern)
    _link_in(el, None, pattern)
    for child in list(el):
        _link_in(el, child, pattern)


def _link_in(parent, after, pattern) -> None:
    text = parent.text if after is None else after.tail
    if not text or not _DIGITS.search(text) or not pattern.search(text):
        return
    pieces = pattern.split(text)
    numbers = pattern.findall(text)
    if after is None:
        parent.text = pieces[0]
        index = 0
    else:
        after.tail = pieces[0]
        index = list(parent).index(after) + 1
    for number, rest in zip(numbers, pieces[1:]):
        link = etree.Element("a", {"class": "tel", "href": tel_uri(number)})
        link.text, link.tail = number, rest
        parent.insert(index, link)
        index += 1


class LetterParts(Treeprocessor):
    """Classes for indent, salutation, numbering; sign-off and footer boxes; tel: links."""

    def run(self, root):
        first_p = True
        for el in list(root):
            indented = _unmark(el)
            if el.tag != "p":
                if el.tag not in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    first_p = False
                continue
            text = text_of(el)
            if first_p and not indented and SALUTATION.match(text):  # a salutation is written flush left
                _add_class(el, "salutation")
                first_p = False
                continue
            first_p = False
            if indented:
                _add_class(el, "indent")
            cls = _numbered(text)
            if cls:
                _add_class(el, cls)
                if cls == "n1" and len(text) <= 40 and "。" not in text[:-1]:
                    _add_class(el, "n1-head")
        _ending(root)
        for el in list(root):
            footer = el.tag == "div" and el.get("class") == "letter-footer"
            _link_phones(el, PHONE_FOOTER if footer else PHONE_ANYWHERE)
