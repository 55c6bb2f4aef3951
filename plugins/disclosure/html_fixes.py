"""Finishing touches on sanitised HTML, so what nh3 leaves is still valid and usable.

nh3 removes an unsafe href or src but keeps the element: an <a> without href is
no link (the link checker calls it broken) and an <img> needs alt (the Nu checker
says so). And a table wider than a phone must scroll inside its own box, which
keyboard users can reach. nh3 writes attributes in double quotes with '>' escaped,
so these patterns see whole tags.
"""
from __future__ import annotations

import re

_A_WITHOUT_HREF = re.compile(r"<a\b(?![^>]*\shref=)[^>]*>(.*?)</a>", re.S)
_IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\salt=)")
_TABLE_OPEN = re.compile(r"<table\b")
TABLE_BOX = '<div class="table-scroll" tabindex="0" role="region" aria-label="表格（可左右滑动）">'


def finish(fragment: str) -> str:
    fragment = _A_WITHOUT_HREF.sub(r"\1", fragment)
    fragment = _IMG_WITHOUT_ALT.sub('<img alt=""', fragment)
    if "<table" in fragment:
        fragment = _TABLE_OPEN.sub(TABLE_BOX + "<table", fragment).replace("</table>", "</table></div>")
    return fragment
