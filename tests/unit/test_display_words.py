"""How the site words numbers, sessions, sizes and titles (disclosure/display.py).

Ground truth: docs/content-model.md (sizes "under 1 KB in 字节, under 1 MB in whole KB, then MB with
one decimal; 1 KB = 1024 bytes"; a reply's default title 「区发改委答复：<proposal title>」; unknown
facts shown as 不详; `session` may be 闭会期间) and how Chinese writes 届次 (十五届二次会议).
"""
import datetime as dt
from types import SimpleNamespace as NS

import pytest

from disclosure import display


@pytest.mark.parametrize("n, words", [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (15, "十五"), (20, "二十"),
                                      (21, "二十一"), (99, "九十九")])
def test_term_and_session_numbers_in_chinese(n, words):
    assert display.zh_number(n) == words


def test_session_label():
    assert display.session_label(15, 2) == "十五届二次会议"
    assert display.session_label(14, "闭会期间") == "十四届闭会期间"
    assert display.session_label(None, 3) == "三次会议"
    assert display.session_label(15, None) == "十五届"
    assert display.session_label(None, None) == "" and display.session_label("未知", "") == ""


@pytest.mark.parametrize("n, shown", [(0, "0 字节"), (812, "812 字节"), (1023, "1023 字节"), (1024, "1 KB"),
                                      (35 * 1024 + 500, "35 KB"),
                                      (1024 * 1024, "1.0 MB"), (int(1.25 * 1024 * 1024), "1.2 MB"),
                                      (12 * 1024 * 1024 + 600 * 1024, "12.6 MB")])
def test_file_sizes(n, shown):
    assert display.file_size(n) == shown


def test_attachment_facts_after_its_title():
    assert display.attachment_facts("PDF", 1024 * 1024 + 200 * 1024) == "PDF，1.2 MB"


def test_dates_in_chinese_and_days_between():
    assert display.date_zh(dt.date(2023, 5, 8)) == "2023年5月8日" and display.date_zh(None) == ""
    assert display.days_between(dt.date(2023, 5, 8), dt.date(2023, 6, 7)) == 30
    assert display.days_between(None, dt.date(2023, 6, 7)) is None
    assert display.days_between(dt.date(2023, 5, 8), None) is None


def test_a_reply_title_by_default_names_the_unit_and_the_proposal():
    p = NS(title="关于增设社区食堂的建议")
    unit = NS(label="区发改委")
    assert display.response_title(NS(title="", unit=unit, supersedes=None), p) == "区发改委答复：关于增设社区食堂的建议"
    assert display.response_title(NS(title="", unit=unit, supersedes="responses/2026/0001-fgw.md"), p) == \
        "区发改委重新答复：关于增设社区食堂的建议"
    assert display.response_title(NS(title="", unit=None, supersedes=None), None) == "承办单位答复"
    assert display.response_title(NS(title="未知", unit=unit, supersedes=None), p) == "未知"


def test_proposal_numbers_and_references():
    assert display.number_zh(NS(number="0123", file_key="0123")) == "第0123号"
    assert display.number_zh(NS(number="", file_key="x1")) == "编号不详（x1）"
    assert display.number_zh(NS(number="", file_key="")) == "编号不详"
    assert display.proposal_ref(NS(year=2023, number="0123", file_key="0123")) == "2023年第0123号"


def test_proposers_joined_with_a_limit_and_unknown_as_不详():
    p = NS(proposers=["甲", "乙", "丙"], unknown=set())
    assert display.proposers_text(p) == "甲、乙、丙"
    assert display.proposers_text(p, limit=2) == "甲、乙等"
    assert display.proposers_text(p, limit=3) == "甲、乙、丙"
    assert display.proposers_text(NS(proposers=[], unknown={"proposers"})) == "不详"
    assert display.proposers_text(NS(proposers=[], unknown=set())) == ""


@pytest.mark.parametrize("printed, uri", [("021-6300 0000 转 123", "tel:02163000000"),
                                          ("021-63000000-123", "tel:02163000000"),
                                          ("021-63000000ext12", "tel:02163000000"),
                                          ("+86 138 0000 0000", "tel:+8613800000000"),
                                          ("63000000", "tel:63000000")])
def test_a_phone_link_dials_the_number_without_its_extension(printed, uri):
    assert display.tel_uri(printed) == uri


def test_a_notice_window():
    a = NS(opens=dt.date(2026, 11, 20), until=dt.date(2026, 11, 27))
    assert display.window_text(a, dt.date(2026, 11, 20)) == "还有 7 天截止（截至2026年11月20日）"
    assert display.window_text(NS(opens=None, until=None), dt.date(2026, 11, 20)) == ""
    assert display.window_text(NS(opens=None, until=dt.date(2026, 11, 20)), dt.date(2026, 11, 20)) == "今天截止"
