"""Follow-ups at their edges (follow_ups.py): the day itself, the order of a commitment's story, and
every word of the mistakes `check` reports about `reply` and `reviews`.

Ground truth: the proposal and replies written here (their units, dates, commitments and events), the
build date 2026-11-23 (tests/conftest.py), and the staff guide's rule that a 回头看 reviews the
commitments of the reply it names.
"""
import datetime as dt

from conftest import BUILD_DATE, assigned_proposal, response
from disclosure import commitments, follow_ups
from disclosure.site import load_site

PROMISE = "年内建成三处社区食堂。"
ITEMS = [{"text": PROMISE, "due": "2026-12-31", "updates": [{"date": "2026-09-10", "status": "推进中"}]},
         {"text": "六月底前出台老年助餐补贴办法。", "due": "2026-06-30"}]


def load(make_content, files):
    return load_site(make_content(dict(files)), today=BUILD_DATE)


def test_a_commitments_story_by_date_an_update_before_a_follow_up_of_the_same_day(make_content):
    # Events written newest first: the story and the list of follow-ups still run by date.
    events = [{"date": "2026-10-01", "label": "督办调研", "reviews": [1]},
              {"date": "2026-09-10", "label": "回头看", "reviews": [1]}]
    site = load(make_content, [assigned_proposal(events=events), response(commitments=ITEMS)])
    assert site.report.ok, site.report.format()
    first, second = commitments.of_proposal(site, "2026-0001")
    assert [f.event.label for f in follow_ups.of_commitment(site, first)] == ["回头看", "督办调研"]
    assert [(d, kind) for d, kind, _ in follow_ups.story(site, first)] == [
        (dt.date(2026, 9, 10), "update"), (dt.date(2026, 9, 10), "follow_up"), (dt.date(2026, 10, 1), "follow_up")]
    assert [item.event.label for _, kind, item in follow_ups.story(site, first) if kind == "follow_up"] == [
        "回头看", "督办调研"]
    assert follow_ups.story(site, second) == []


def test_a_follow_up_dated_the_build_date_counts_one_dated_the_next_day_not_yet(make_content):
    events = [{"date": BUILD_DATE.isoformat(), "label": "回头看", "reviews": [1]},
              {"date": (BUILD_DATE + dt.timedelta(days=1)).isoformat(), "label": "督办调研", "reviews": [2]}]
    site = load(make_content, [assigned_proposal(events=events), response(commitments=ITEMS)])
    [f] = follow_ups.of_proposal(site, "2026-0001")
    assert (f.proposal_id, f.event.label, f.event.date) == ("2026-0001", "回头看", BUILD_DATE)
    assert [c.commitment.text for c in f.reviewed] == [PROMISE]
    assert follow_ups.by_event(site, "2026-0001") == {1: f}
    assert follow_ups.of_proposal(site, "2026-0002") == [] and follow_ups.by_event(site, "2026-0002") == {}


def test_an_unknown_reply_is_reported_with_the_choices_oldest_first_and_the_nearest(make_content):
    # 区民政局's reply is the older one: the choices list it first, whatever the ids' order.
    events = [{"date": "2026-09-10", "label": "回头看", "reply": "2026/0001-mzz", "reviews": [1]}]
    site = load(make_content, [
        assigned_proposal(handling="lead_co", co_units=["区民政局"], events=events),
        response(commitments=ITEMS[:1], date="2026-04-05"),
        response(unit="mz", role="co", result=None, date="2026-03-25", commitments=[{"text": "民政甲。"}])])
    [p] = site.report.problems
    assert (p.key, p.value, p.zh, p.en, p.allowed, p.hint) == (
        "events[1].reply", "2026/0001-mzz",
        "找不到这份答复：reply 写本提案记录了承诺的答复的单位名称（或简称），或答复编号。",
        "There is no such reply: 'reply' names the unit (or its short name) of a reply of this proposal that "
        "records commitments, or the reply id.",
        "区民政局（2026/0001-mz）、区发改委（2026/0001-fgw）", "2026/0001-mz")


def test_a_unit_with_two_replies_that_promise_must_be_named_by_reply_id(make_content):
    events = [{"date": "2026-09-10", "label": "回头看", "reply": "区发改委", "reviews": [1]}]
    site = load(make_content, [
        assigned_proposal(events=events),
        response(commitments=ITEMS[:1]),
        response(suffix="-2", date="2026-06-01", result="B", supersedes="2026/0001-fgw",
                 commitments=[{"text": "再次答复的承诺。"}])])
    [p] = site.report.problems
    assert (p.key, p.value, p.zh, p.en, p.allowed) == (
        "events[1].reply", "区发改委", "这个单位有几份答复记录了承诺，reply 请写答复编号。",
        "This unit has several replies that record commitments; write the reply id in 'reply'.",
        "区发改委（2026/0001-fgw）、区发改委（2026/0001-fgw-2）")


def test_reviews_all_on_replies_that_promise_nothing_says_what_to_do(make_content):
    events = [{"date": "2026-09-10", "label": "回头看", "reviews": "全部"}]
    site = load(make_content, [assigned_proposal(events=events), response()])
    [p] = site.report.problems
    assert (p.key, p.value, p.allowed) == (
        "events[1].reviews", "全部",
        "先在答复的 commitments 中记下承诺；这个节点不回顾承诺时删去 reviews / record the commitments in the "
        "reply first; an event that reviews none has no 'reviews'")


def test_a_reply_of_an_unknown_unit_is_still_listed_among_the_choices(make_content):
    # Two mistakes in one run: a reply whose unit is not in site.yaml, and an event naming no reply.
    # `check` reports both; the reply without a known unit is listed by its id.
    events = [{"date": "2026-09-10", "label": "回头看", "reply": "区教育局", "reviews": [1]}]
    site = load(make_content, [assigned_proposal(events=events), response(commitments=ITEMS[:1]),
                               response(unit="xyz", role="co", result=None, commitments=[{"text": "某承诺。"}])])
    [p] = [p for p in site.report.problems if p.key == "events[1].reply"]
    assert p.allowed == "区发改委（2026/0001-fgw）、?（2026/0001-xyz）"


def test_a_follow_up_on_the_replys_own_day_is_allowed_the_day_before_is_reported_at_its_date_line(make_content):
    # The event written label first: the mistake is on the line of its date, not of the item.
    events = [{"label": "回头看", "date": "2026-04-01", "reviews": [1]},
              {"label": "督办调研", "date": "2026-03-31", "reviews": [1]}]
    site = load(make_content, [assigned_proposal(events=events), response(commitments=ITEMS)])
    [p] = site.report.problems
    lines = (site.root / "proposals/2026/0001.md").read_text(encoding="utf-8").splitlines()
    assert (p.key, p.value) == ("events[2].date", "2026-03-31")
    assert lines[p.line - 1].strip() == "date: '2026-03-31'"  # as the fixture writes it
    [f] = follow_ups.of_proposal(site, "2026-0001")
    assert (f.event.label, [c.commitment.text for c in f.reviewed]) == ("回头看", [PROMISE])


def test_a_missing_commitment_of_a_reply_of_an_unknown_unit_is_named_by_the_replys_id(make_content):
    events = [{"date": "2026-09-10", "label": "回头看", "reply": "2026/0001-xyz", "reviews": [2]}]
    site = load(make_content, [assigned_proposal(events=events), response(commitments=ITEMS[:1]),
                               response(unit="xyz", role="co", result=None, commitments=[{"text": "某承诺。"}])])
    [p] = [p for p in site.report.problems if p.key.startswith("events[1]")]
    assert p.zh == "2026/0001-xyz的答复（2026-04-01）只有 1 项承诺，没有第 2 项。"


def test_a_missing_commitment_of_a_reply_whose_date_is_unknown(make_content):
    # A reply dated 未知: the message names it by its id, with no date in brackets.
    events = [{"date": "2026-09-10", "label": "回头看", "reviews": [3]}]
    site = load(make_content, [assigned_proposal(events=events), response(date="未知", commitments=ITEMS)])
    [p] = [p for p in site.report.problems if p.key.startswith("events[1]")]
    assert p.zh == "答复 2026/0001-fgw 只有 2 项承诺，没有第 3 项。"


def test_events_under_the_chinese_key_are_reported_at_their_own_lines(make_content):
    # 其他节点 typed in Chinese, the event written label first: the mistake is on its date's line.
    events = [{"名称": "督办调研", "日期": "2026-03-31", "回顾承诺": [1]}]
    site = load(make_content, [assigned_proposal(其他节点=events), response(commitments=ITEMS)])
    [p] = site.report.problems
    lines = (site.root / "proposals/2026/0001.md").read_text(encoding="utf-8").splitlines()
    assert (p.key, p.value) == ("events[1].date", "2026-03-31")
    assert lines[p.line - 1].strip() == "日期: '2026-03-31'"  # as the fixture writes it


def test_an_event_written_in_one_line_is_reported_at_that_line(make_content):
    # `events: [{…}]` in flow style: its keys have no lines of their own; the mistake is on the events line.
    path, text = assigned_proposal()
    text = text.replace("---\n\n", "events: [{date: 2026-03-31, label: 督办调研, reviews: [1]}]\n---\n\n", 1)
    site = load(make_content, [(path, text), response(commitments=ITEMS)])
    [p] = site.report.problems
    lines = (site.root / path).read_text(encoding="utf-8").splitlines()
    assert p.key == "events[1].date" and lines[p.line - 1].startswith("events: [")


def test_an_event_with_an_empty_date_is_told_it_needs_one(make_content):
    events = [{"date": "", "label": "回头看", "reviews": [1]}]
    site = load(make_content, [assigned_proposal(events=events), response(commitments=ITEMS)])
    [p] = site.report.problems
    assert (p.key, p.zh, p.en) == ("events[1].date", "每个节点需要日期（date）。", "Each event needs a date.")
    assert follow_ups.of_proposal(site, "2026-0001") == []


def test_an_event_without_a_label_is_told_it_needs_one_at_its_own_line(make_content):
    events = [{"date": "2026-09-10", "reviews": [1]}]
    site = load(make_content, [assigned_proposal(events=events), response(commitments=ITEMS)])
    [p] = site.report.problems
    lines = (site.root / "proposals/2026/0001.md").read_text(encoding="utf-8").splitlines()
    assert (p.key, p.zh, p.en) == ("events[1].label", "每个节点需要名称（label），例如 办前协商。",
                                   "Each event needs a label, e.g. 办前协商.")
    assert lines[p.line - 1].strip() == "- date: '2026-09-10'"  # the item's line: no label line to name


def test_an_empty_label_is_reported_at_its_own_line_and_a_list_of_replies_is_refused(make_content):
    events = [{"date": "2026-09-10", "label": "", "reviews": [1]},
              {"date": "2026-09-11", "label": "回头看", "reply": ["区发改委", "区民政局"], "reviews": [1]}]
    site = load(make_content, [assigned_proposal(events=events), response(commitments=ITEMS)])
    label, reply = site.report.sorted()
    lines = (site.root / "proposals/2026/0001.md").read_text(encoding="utf-8").splitlines()
    assert label.key == "events[1].label" and lines[label.line - 1].strip() == "label: ''"
    assert (reply.key, reply.value, reply.zh, reply.en) == (
        "events[2].reply", str(["区发改委", "区民政局"]),
        "reply 只写一份答复：答复单位的名称（或简称），或答复编号（如 2026/0001-fgw）。",
        "'reply' names one reply: its unit's name (or short name), or the reply id (e.g. 2026/0001-fgw).")


def test_an_unknown_key_in_an_event_is_a_warning_in_both_languages(make_content):
    events = [{"date": "2026-09-10", "label": "回头看", "地点": "区政协", "reviews": [1]}]
    site = load(make_content, [assigned_proposal(events=events), response(commitments=ITEMS)])
    [p] = site.report.problems
    assert (p.key, p.zh, p.en, p.allowed) == ("events[1].地点", "未知的键，已忽略。", "Unknown key; it is ignored.",
                                              "date、label、note、reviews、reply")
    assert [f.event.label for f in follow_ups.of_proposal(site, "2026-0001")] == ["回头看"]
