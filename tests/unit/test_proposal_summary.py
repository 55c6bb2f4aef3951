"""What a resident reads first on a proposal page (summary.summarize) and the home page's latest
replies (summary.recent_replies), without a build.

Fixture: tests/support/first_screen.py, one proposal per way a story ends. Ground truth is its
dates (build date 2026-11-23, reply_days 90: assigned 2026-02-10, due 2026-05-11), units and
feedback as written there, and the sentences of labels.STATUS_HELP a page shows as they are.
"""
import datetime as dt

import pytest

from conftest import BUILD_DATE, assigned_proposal, proposal, response, site_yaml, write_tree
from disclosure.site import load_site
from disclosure.summary import recent_replies, summarize
from support import first_screen as F

ALL = ["submitted", "review", "assigned", "replied", "evaluated", "closed"]
NAMES = {"submitted": "提交", "review": "审查", "assigned": "交办", "replied": "答复", "evaluated": "评价",
         "closed": "办结"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    extra = dict([proposal("0007"),  # submitted, not reviewed yet
                  proposal("0008", review="filed", review_date="2026-02-01"),  # filed, not assigned
                  proposal("0009", review="not_filed", review_date="2026-02-01"),
                  proposal("0010", review="converted", review_date="2026-02-01")])
    root = write_tree(tmp_path_factory.mktemp("summary") / "content", {"site.yaml": site_yaml(), **F.files(), **extra})
    s = load_site(root, today=BUILD_DATE)
    assert [p.zh for p in s.report.errors] == []
    return s


def summary_of(site, number):
    p = site.proposals[f"2026-{number}"]
    return summarize(p, site.life(p.id), BUILD_DATE)


def unit_names(units):
    return [u.label for u in units]


def stages(current, stopped=False):
    keys = ALL[:2] if stopped else ALL
    at = keys.index(current)
    return [(k, NAMES[k], "done" if i < at else "current" if i == at else "todo") for i, k in enumerate(keys)]


def test_closed_on_time_and_satisfied(site):
    s = summary_of(site, F.CLOSED)
    assert (s.status, s.stage, s.stopped) == ("closed", "closed", False)
    assert s.stages == stages("closed")
    assert s.headline == "提案已办结。"
    assert s.lead_role == "主办" and unit_names(s.lead_units) == ["区发改委"] and unit_names(s.co_units) == ["区生态环境局"]
    assert s.due == F.DUE and s.due_state == "on_time" and s.period == 90
    assert s.days_left is None and s.days_overdue is None
    reply_day = dt.date(2026, 4, 1)
    assert s.days_taken == (reply_day - F.ASSIGNED).days == 50
    assert s.timing == "用时 50 天，按期答复"
    [a] = s.answers
    assert a.unit.label == "区发改委" and a.first.date == reply_day and a.current is a.first
    assert (a.days, a.late, a.verdict, a.result.code, a.rehandled) == (50, False, "satisfied", "A", False)
    assert s.pending_units == [] and s.verdict == "satisfied" and not s.reopened and s.merged_into == ""


def test_overdue_with_one_split_unit_still_to_answer(site):
    s = summary_of(site, F.OVERDUE)
    due = F.OVERDUE_ASSIGNED + dt.timedelta(days=90)
    assert s.lead_role == "分办" and unit_names(s.lead_units) == ["区发改委", "区民政局"]
    assert s.due == due and s.due_state == "overdue"
    assert s.days_overdue == (BUILD_DATE - due).days and s.days_left is None and s.period == 90
    assert s.headline == "已超过答复期限，区民政局尚未答复。"
    assert unit_names(s.pending_units) == ["区民政局"]
    answered, waiting = s.answers  # each lead unit, in the proposal's order
    assert answered.unit.label == "区发改委" and answered.days == (dt.date(2026, 4, 15) - F.OVERDUE_ASSIGNED).days
    assert not answered.late and answered.result.code == "B"
    assert waiting.unit.label == "区民政局" and waiting.first is None and waiting.current is None
    assert waiting.days is None and waiting.result is None and not waiting.rehandled and not waiting.late
    assert s.days_taken is None and s.timing == "" and s.verdict is None
    assert s.stage == "assigned" and s.stages == stages("assigned")


def test_answered_late_says_how_late_and_how_long(site):
    s = summary_of(site, F.LATE)
    assert s.due_state == "late" and s.due == F.DUE
    assert s.days_overdue == (F.LATE_REPLY - F.DUE).days
    assert s.days_taken == (F.LATE_REPLY - F.ASSIGNED).days == 261
    assert s.timing == "逾期答复，用时 261 天（期限 90 天）"
    [a] = s.answers
    assert a.late and a.days == 261 and a.verdict == "basically_satisfied"
    assert s.verdict == "basically_satisfied" and s.status == "evaluated" and s.stages == stages("evaluated")
    assert s.days_left is None and s.pending_units == []


def test_rehandled_after_dissatisfaction_shows_the_new_answer(site):
    s = summary_of(site, F.REHANDLED)
    [a] = s.answers
    assert a.first.date == dt.date(2026, 4, 1) and a.current.date == dt.date(2026, 6, 1)
    assert a.rehandled and a.result.code == "A"  # the class of the reply that stands now
    assert a.days == 50 and not a.late  # time is the first answer's
    assert a.verdict == "satisfied"  # the proposer's word on the new reply (2026-06-10)
    assert s.reopened and s.verdict == "satisfied"


def test_waiting_within_the_deadline_counts_the_days_left(site):
    s = summary_of(site, F.WAITING)
    due = F.WAITING_ASSIGNED + dt.timedelta(days=90)
    assert s.due == due and s.due_state == "pending"
    assert s.days_left == (due - BUILD_DATE).days == 37 and s.days_overdue is None and s.period == 90
    assert s.headline == "已交办，等待区发改委答复。"
    assert unit_names(s.pending_units) == ["区发改委"]
    assert s.answers == []  # no unit answered yet
    assert s.timing == "" and s.stage == "assigned"


def test_stopped_at_review_shows_only_the_first_two_stages(site):
    merged = summary_of(site, F.MERGED)
    assert (merged.status, merged.stage, merged.stopped) == ("merged", "review", True)
    assert merged.stages == stages("review", stopped=True)
    assert merged.headline == "提案与内容相近的提案合并办理。"
    assert merged.merged_into == f"2026-{F.CLOSED}"
    assert merged.due is None and merged.due_state is None and merged.period is None
    assert merged.answers == [] and merged.pending_units == [] and merged.lead_units == []
    not_filed = summary_of(site, "0009")
    assert (not_filed.stage, not_filed.stopped, not_filed.headline) == ("review", True, "提案经审查不予立案。")
    assert not_filed.stages == stages("review", stopped=True)
    converted = summary_of(site, "0010")
    assert (converted.stage, converted.stopped, converted.headline) == ("review", True, "提案转为意见建议，交有关部门参考。")


def test_before_assignment(site):
    submitted = summary_of(site, "0007")
    assert (submitted.status, submitted.stage, submitted.stopped) == ("submitted", "submitted", False)
    assert submitted.stages == stages("submitted")
    assert submitted.headline == "提案已提交，等待审查。"
    filed = summary_of(site, "0008")
    assert (filed.status, filed.stage, filed.stopped) == ("filed", "review", False)
    assert filed.stages == stages("review")
    assert filed.headline == "提案已立案，等待交办承办单位。"
    for s in (submitted, filed):
        assert s.due is None and s.due_state is None and s.answers == [] and s.pending_units == []
        assert s.lead_role == "主办" and s.verdict is None and s.timing == ""


def test_recent_replies_newest_first_with_days_late_and_rehandled(site):
    got = [(r.reply.id, r.proposal.id, r.days, r.late, r.rehandled) for r in recent_replies(site)]
    assert got == [
        (f"2026/{F.LATE}-fgw", f"2026-{F.LATE}", (F.LATE_REPLY - F.ASSIGNED).days, True, False),
        (f"2026/{F.REHANDLED}-fgw-2", f"2026-{F.REHANDLED}", (dt.date(2026, 6, 1) - F.ASSIGNED).days, False, True),
        (f"2026/{F.OVERDUE}-fgw", f"2026-{F.OVERDUE}", (dt.date(2026, 4, 15) - F.OVERDUE_ASSIGNED).days, False, False),
        # two on 2026-04-01: the higher id first
        (f"2026/{F.REHANDLED}-fgw", f"2026-{F.REHANDLED}", 50, False, False),
        (f"2026/{F.CLOSED}-fgw", f"2026-{F.CLOSED}", 50, False, False),
    ]  # the co unit's reply (区生态环境局, 0001) is not an answer
    assert [r.reply.id for r in recent_replies(site, limit=2)] == [f"2026/{F.LATE}-fgw", f"2026/{F.REHANDLED}-fgw-2"]


def test_a_reply_dated_after_the_build_date_is_not_listed_yet(tmp_path):
    root = write_tree(tmp_path / "content", {"site.yaml": site_yaml(), **dict([
        assigned_proposal("0001"), response("2026-0001", date="2026-11-23"),
        assigned_proposal("0002"), response("2026-0002", date="2026-11-24"),
        assigned_proposal("0003", assigned="未知"), response("2026-0003", date="2026-03-01")])})
    site = load_site(root, today=BUILD_DATE)
    assert [p.zh for p in site.report.errors] == []
    listed = recent_replies(site)
    assert [r.reply.id for r in listed] == ["2026/0001-fgw", "2026/0003-fgw"]
    assert listed[0].days == (BUILD_DATE - dt.date(2026, 2, 10)).days
    assert listed[1].days is None and not listed[1].late  # no 交办 date: no days counted


def test_replied_and_waiting_for_the_proposers_word(make_content):
    site = load_site(make_content(dict([assigned_proposal("0001"), response("2026-0001", date="2026-04-01")])),
                     today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    s = summary_of(site, "0001")
    assert (s.status, s.stage, s.stopped) == ("replied", "replied", False)
    assert s.stages == stages("replied")
    assert s.headline == "所有主办（分办）单位已答复，等待提案者反馈。"
    assert s.due_state == "on_time" and s.days_taken == 50 and s.verdict is None
    [a] = s.answers
    assert a.verdict is None and a.days == 50


def test_a_written_deadline_without_a_known_assignment_date(make_content):
    # 交办 date 未知 on the record, the deadline written: overdue counts, the period cannot be told.
    site = load_site(make_content(dict([assigned_proposal("0001", assigned="未知", due="2026-06-30")])),
                     today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    s = summary_of(site, "0001")
    assert s.due == dt.date(2026, 6, 30) and s.due_state == "overdue"
    assert s.days_overdue == (BUILD_DATE - dt.date(2026, 6, 30)).days and s.period is None
    assert s.headline == "已超过答复期限，区发改委尚未答复。"


def test_an_answer_on_the_deadline_itself_is_on_time(make_content):
    # assigned 2026-02-10, reply_days 90: due 2026-05-11; the reply is dated that day.
    site = load_site(make_content(dict([assigned_proposal("0001"), response("2026-0001", date=F.DUE.isoformat())])),
                     today=BUILD_DATE)
    s = summary_of(site, "0001")
    [a] = s.answers
    assert a.first.date == F.DUE and not a.late
    assert s.due_state == "on_time" and s.timing == "用时 90 天，按期答复"


def test_two_units_still_to_answer_are_named_together(make_content):
    site = load_site(make_content(dict([assigned_proposal("0001", handling="split", lead_units=["区发改委", "区民政局"],
                                                          assigned="2026-03-01")])), today=BUILD_DATE)
    assert summary_of(site, "0001").headline == "已超过答复期限，区发改委、区民政局尚未答复。"


def test_the_home_page_lists_five_replies_by_default_newest_first_ties_by_reply(make_content):
    files = [assigned_proposal("0001", handling="split", lead_units=["区发改委", "区民政局"]),
             response("2026-0001", role="split", date="2026-05-01"),
             response("2026-0001", unit="mz", role="split", date="2026-05-01")]
    for n, day in (("0002", "2026-04-02"), ("0003", "2026-04-03"), ("0004", "2026-04-04"), ("0005", "2026-05-11")):
        files += [assigned_proposal(n), response(f"2026-{n}", date=day)]
    site = load_site(make_content(dict(files)), today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    listed = recent_replies(site)
    # Two on 2026-05-01 (one proposal, two units): the higher reply id first.
    assert [r.reply.id for r in listed] == ["2026/0005-fgw", "2026/0001-mz", "2026/0001-fgw", "2026/0004-fgw",
                                            "2026/0003-fgw"]
    # 0005 answered on its deadline (assigned 2026-02-10, 90 days: 2026-05-11): not late.
    assert listed[0].days == 90 and not listed[0].late
