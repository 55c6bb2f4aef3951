"""A proposal, its reply with `commitments:` as staff type them, and a notice to cite as evidence,
written out by hand so each line is one staff see (the commitment tests share them)."""
from __future__ import annotations

import datetime as dt

from disclosure.site import load_site

PROPOSAL = """---
number: "0001"
year: 2026
title: 关于增设社区食堂的建议
proposers: [张三]
category: 经济建设
submitted: 2026-01-10
review: filed
review_date: 2026-02-01
handling: sole
lead_units: [区发改委]
assigned: 2026-02-10
---

正文。
"""
REPLY_HEAD = """---
proposal: 2026-0001
unit: fgw
role: lead
date: 2026-04-01
result: A
"""
NOTICE = "---\ntitle: 关于社区食堂开业的公告\ndate: 2026-10-01\nkind: news\n---\n\n公告正文。\n"
BUILD_DATE = dt.date(2026, 11, 23)
REPLY = "responses/2026/0001-fgw.md"


def load(make_content, commitments_yaml, more=None):
    """(the Site, the reply file's lines) for a reply whose front matter ends with `commitments_yaml`;
    `more(content)` adds files before it is loaded."""
    content = make_content({"proposals/2026/0001.md": PROPOSAL,
                            REPLY: REPLY_HEAD + commitments_yaml + "---\n\n答复正文。\n",
                            "announcements/2026/canteen-opening.md": NOTICE})
    if more is not None:
        more(content)
    site = load_site(content, today=BUILD_DATE)
    return site, (content / REPLY).read_text(encoding="utf-8").splitlines()


def commitments(site):
    return site.responses["2026/0001-fgw"].commitments
