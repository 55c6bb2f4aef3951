"""届次 and 会次 as staff type them, and as pages print them (十五届二次会议).

Ground truth: docs/content-model.md (`term`, `session`: 届次, 会次, a whole number from 1, `session`
may be 闭会期间); docs/staff-guide.md (`term: 15`, `session: 2`). A 届次 of -1 or 0 is a slip of the
keyboard: before this test the check accepted it and pages printed `term: -1` as 九届 (the last
numeral, read from the end) and `session: 0` as 零次会议.
"""
import datetime as dt

import pytest

from disclosure import display
from disclosure.site import load_site

PROPOSAL = """---
number: "0001"
year: 2026
term: {term}
session: {session}
title: 关于增设社区食堂的建议
proposers: [张三]
category: 经济建设
submitted: 2026-01-10
---

正文。
"""


def load(make_content, term, session):
    content = make_content({"proposals/2026/0001.md": PROPOSAL.format(term=term, session=session)})
    site = load_site(content, today=dt.date(2026, 11, 23))
    return site, site.proposals["2026-0001"]


@pytest.mark.parametrize("term, session, key, line", [(-1, 2, "term", 4), (0, 2, "term", 4),
                                                      (15, -3, "session", 5), (15, 0, "session", 5)])
def test_a_term_or_session_below_one_is_an_error_on_its_line(make_content, term, session, key, line):
    site, p = load(make_content, term, session)
    [problem] = site.report.sorted()
    assert (problem.key, problem.line, problem.severity) == (key, line, "error")
    assert problem.zh == ("届次" if key == "term" else "会次") + "应为正整数（如 15、2）。"
    assert "九届" not in display.session_label(p.term, p.session)


@pytest.mark.parametrize("term, session, label", [(15, 2, "十五届二次会议"), (1, 1, "一届一次会议"),
                                                  (14, "闭会期间", "十四届闭会期间"), (100, 1, "100届一次会议")])
def test_a_term_and_session_as_pages_print_them(make_content, term, session, label):
    site, p = load(make_content, term, session)
    assert site.report.ok, site.report.format()
    assert display.session_label(p.term, p.session) == label
