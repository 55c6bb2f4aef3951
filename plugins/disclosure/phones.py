"""Telephone numbers in public text become tappable tel: links that never break at the hyphen.

Works on HTML that is already safe (sanitised Markdown or escaped text): only text between
tags is touched, never inside an existing link, and what is added is a fixed <a> around
digits and a hyphen, so nothing staff wrote can turn into markup here.
"""
from __future__ import annotations

import re

# 区号-号码 (021-63150742, 0571-8888888) and mobile numbers (13912345678); not dates or 2023-0110.
PHONE = re.compile(r"(?<![\d\-－])(0\d{2,3}-\d{7,8}|1[3-9]\d{9})(?![\d\-－])")
TAG = re.compile(r"(<[^>]*>)")


def link_phones(html: str) -> str:
    """`html` with each telephone number wrapped in <a class="tel" href="tel:…">."""
    out, in_link = [], 0
    for part in TAG.split(html):
        if part.startswith("<"):
            name = part[1:].lstrip("/").split(None, 1)[0].rstrip(">").lower() if len(part) > 2 else ""
            if name == "a":
                in_link += -1 if part.startswith("</") else 1
            out.append(part)
        elif in_link > 0:
            out.append(part)
        else:
            out.append(PHONE.sub(lambda m: f'<a class="tel" href="tel:{m.group(1).replace("-", "")}">{m.group(1)}</a>', part))
    return "".join(out)
