"""Reading a proposal's `events:` (其他节点) as staff type them (disclosure/event_fields.py).

Ground truth: docs/content-model.md "Follow-ups (回头看, 督办调研, 办理情况评估) and the commitments
they review": `reviews` is the numbers of the reply's commitments, counted from 1 (`[1, 2]`, `2`,
`1、2`, `第2项`), or `全部` / `all`; `reply` names one reply; event keys may be written in Chinese
(`日期`, `名称` / `节点`, `说明`); an unknown key inside an event is a warning. The front matter is
written out by hand, so each line is the one staff see.
"""
import datetime as dt

import pytest

from disclosure.site import load_site

HEAD = """---
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
"""
REPLY = """---
proposal: 2026-0001
unit: fgw
role: lead
date: 2026-04-01
result: A
commitments:
  - text: 年内建成三处社区食堂。
  - text: 六月底前出台老年助餐补贴办法。
  - text: 逐步扩大助餐服务覆盖面。
---

答复正文。
"""


def load(make_content, events_yaml):
    content = make_content({"proposals/2026/0001.md": HEAD + events_yaml + "---\n\n正文。\n",
                            "responses/2026/0001-fgw.md": REPLY})
    site = load_site(content)
    lines = (content / "proposals/2026/0001.md").read_text(encoding="utf-8").splitlines()
    return site, lines


def events(site):
    return site.proposals["2026-0001"].events


def where(site, lines):
    return [(p.key, p.severity, lines[p.line - 1].strip()) for p in site.report.sorted()]


@pytest.mark.parametrize("written, numbers", [
    ("[1, 2]", [1, 2]), ("2", [2]), ("1、3", [1, 3]), ("第2项", [2]), ("第 3 条", [3]), ("第 1 项、第 2 项", [1, 2]), ('"第2项 3"', [2, 3]), ('"1，2"', [1, 2]),
    ('"1, 2; 3"', [1, 2, 3]), ("[第1项, 3]", [1, 3]), ("[2, 2, 1]", [2, 1]), ('"1 2"', [1, 2]),
])
def test_every_way_of_writing_the_reviewed_numbers(make_content, written, numbers):
    site, _ = load(make_content, f"events:\n  - {{date: 2026-09-10, label: 回头看, reviews: {written}}}\n")
    assert site.report.ok, site.report.format()
    [ev] = events(site)
    assert (ev.reviews, ev.reviews_all) == (numbers, False)


@pytest.mark.parametrize("written", ["全部", "所有", "all", "ALL", '" 全部 "'])
def test_all_reviews_every_commitment(make_content, written):
    site, _ = load(make_content, f"events:\n  - {{date: 2026-09-10, label: 办理情况评估, reviews: {written}}}\n")
    assert site.report.ok, site.report.format()
    [ev] = events(site)
    assert (ev.reviews, ev.reviews_all) == ([], True)


def test_an_event_in_chinese_keys(make_content):
    site, _ = load(make_content, """其他节点:
  - 日期: 2026年9月10日
    节点: 回头看
    说明: 区政协提案委组织委员察看三处食堂。
    涉及承诺: 1、2
    答复单位: 区发改委
  - {日期: 2026-03-01, 名称: 办前协商}
  - {日期: 2026-10-02, 节点名称: 督办调研, 回顾承诺: [3], 答复: 2026/0001-fgw}
""")
    assert site.report.ok, site.report.format()
    got = [(e.date, e.label, e.note, e.reviews, e.reply, e.number) for e in events(site)]
    assert got == [(dt.date(2026, 9, 10), "回头看", "区政协提案委组织委员察看三处食堂。", [1, 2], "区发改委", 1),
                   (dt.date(2026, 3, 1), "办前协商", "", [], "", 2),
                   (dt.date(2026, 10, 2), "督办调研", "", [3], "2026/0001-fgw", 3)]


def test_an_event_without_a_date_or_a_label_is_an_error_and_left_out(make_content):
    site, lines = load(make_content, """events:
  - label: 回头看
  - date: 2026-09-10
  - {date: 2026-09-11, label: [回头看]}
  - {date: 2026-09-12, label: 督办调研}
""")
    assert where(site, lines) == [("events[1].date", "error", "- label: 回头看"),
                                  ("events[2].label", "error", "- date: 2026-09-10"),
                                  ("events[3].label", "error", "- {date: 2026-09-11, label: [回头看]}")]
    p = site.report.sorted()[0]
    assert (p.zh, p.en) == ("每个节点需要日期（date）。", "Each event needs a date.")
    assert site.report.sorted()[1].zh == "每个节点需要名称（label），例如 办前协商。"
    assert [(e.label, e.number) for e in events(site)] == [("督办调研", 4)]


def test_a_wrong_date_names_the_line_of_the_date(make_content):
    site, lines = load(make_content, """events:
  - label: 回头看
    date: 2026-02-30
""")
    assert where(site, lines) == [("events[1].date", "error", "date: 2026-02-30")]
    assert events(site) == []


def test_a_reviewed_number_that_is_not_a_number_names_its_own_item_and_line(make_content):
    site, lines = load(make_content, """events:
  - date: 2026-09-10
    label: 回头看
    reviews:
      - 1
      - 0
      - 第一项
      - true
  - {date: 2026-09-11, label: 督办调研, reviews: 一些}
""")
    got = [(p.key, p.value, lines[p.line - 1].strip()) for p in site.report.sorted()]
    assert got == [("events[1].reviews[2]", "0", "- 0"), ("events[1].reviews[3]", "第一项", "- 第一项"),
                   ("events[1].reviews[4]", "true", "- true"),
                   ("events[2].reviews", "一些", "- {date: 2026-09-11, label: 督办调研, reviews: 一些}")]
    assert all(p.zh == "回顾的承诺要写序号：答复 commitments 中的第几项（从 1 数起）。" for p in site.report.sorted())
    assert events(site)[0].reviews == [1]


def test_a_number_beyond_the_reply_names_the_item_that_wrote_it(make_content):
    site, lines = load(make_content, """events:
  - date: 2026-09-10
    label: 回头看
    reviews:
      - 1
      - 5
""")
    [p] = site.report.sorted()
    assert (p.key, p.value, lines[p.line - 1].strip()) == ("events[1].reviews[2]", "5", "- 5")


def test_a_number_beyond_the_reply_written_on_one_line_names_that_line(make_content):
    site, lines = load(make_content, """events:
  - date: 2026-09-10
    label: 回头看
    note: 察看食堂。
    reviews: 1、4
""")
    [p] = site.report.sorted()
    assert (p.key, p.value, lines[p.line - 1].strip()) == ("events[1].reviews", "4", "reviews: 1、4")


def test_reply_written_as_a_list_is_an_error_on_its_line(make_content):
    site, lines = load(make_content, """events:
  - date: 2026-09-10
    label: 回头看
    reply: [区发改委, 区民政局]
    reviews: 全部
""")
    [p] = site.report.sorted()
    assert (p.key, lines[p.line - 1].strip()) == ("events[1].reply", "reply: [区发改委, 区民政局]")
    assert p.zh.startswith("reply 只写一份答复")
    assert events(site)[0].reply == ""


def test_an_unknown_key_in_an_event_is_a_warning_on_its_line(make_content):
    site, lines = load(make_content, """events:
  - date: 2026-09-10
    label: 回头看
    参加人员: 未知
""")
    assert site.report.ok
    [p] = site.report.sorted()
    assert (p.key, p.severity, lines[p.line - 1].strip()) == ("events[1].参加人员", "warning", "参加人员: 未知")
    assert p.allowed == "date、label、note、reviews、reply" and p.zh == "未知的键，已忽略。"
    assert [e.label for e in events(site)] == ["回头看"]


def test_an_event_with_empty_reviews_reviews_nothing(make_content):
    site, _ = load(make_content, """events:
  - {date: 2026-09-10, label: 回头看, reviews: [], note: ""}
  - {date: 2026-09-11, label: 督办调研, reviews: ""}
""")
    assert site.report.ok, site.report.format()
    assert [(e.reviews, e.reviews_all, e.note) for e in events(site)] == [([], False, ""), ([], False, "")]
