"""The groups data/stats.json and /stats/ publish (sessions, categories, years), a unit's figures
over part of the archive, 会办 counts and tied verdicts on one reply.

Ground truth is worked out by hand from the front matter: tests/support/stats_fixture.py's
description, or the few proposals written in each test below.
"""
import pytest

from conftest import BUILD_DATE, assigned_proposal, proposal, response
from disclosure import export, stats
from disclosure.site import load_site
from support.stats_fixture import files


def load(make_content, items):
    s = load_site(make_content(dict(items)), today=BUILD_DATE)
    assert s.report.ok, s.report.format()
    return s


@pytest.fixture
def site(make_content):
    return load(make_content, files())


def unit(site, slug):
    return next(u for u in site.vocab.units if u.slug == slug)


def test_sessions_and_categories_as_exported(site):
    # Sessions by latest submission: 0010 (闭会期间, submitted 09-20) is the newest, then
    # the 五次会议 proposals of 2026, then the 四次会议 of 2025. Categories in site.yaml's order.
    data = export.stats_record(site, "https://zx.example.org")
    assert [(g["session"], g["label"], g["proposals"]) for g in data["sessions"]] == [
        ("15-闭会期间", "十五届闭会期间", 1), ("15-5", "十五届五次会议", 10), ("15-4", "十五届四次会议", 2)]
    # 社会事业: 0002 only; 城市建设: 0003; every other proposal is 经济建设 (the fixture's default).
    assert [(g["category"], g["label"], g["proposals"]) for g in data["categories"]] == [
        ("economy", "经济建设", 11), ("urban", "城市建设", 1), ("social", "社会事业", 1)]


def test_proposals_without_term_or_session_form_their_own_group(make_content):
    s = load(make_content, [proposal("0001", term=15, session=5, submitted="2026-01-10"),
                            proposal("0002", submitted="2026-01-12"),
                            proposal("0003", term=15, submitted="2026-01-11")])
    groups = [(g.key, g.label, g.figures.total) for g in stats.by_session(s)]
    # newest submission first: 0002 (01-12, neither written), 0003 (01-11, term only), 0001 (01-10)
    assert groups == [("-", "未注明届次", 1), ("15-", "十五届", 1), ("15-5", "十五届五次会议", 1)]


def test_a_years_sessions_are_named_in_session_order(make_content):
    s = load(make_content, [proposal("0001", term=15, session=5), proposal("0002", term=15, session=4),
                            proposal("0003", term=15, session=5)])
    (year,) = stats.by_year(s)
    assert (year.key, year.label, year.detail) == ("2026", "2026年", "十五届四次会议、十五届五次会议")


def test_a_units_figures_over_part_of_the_archive(site):
    # 区发改委 (fgw): 2025-0001 answered in 20 days, on time; in 2026 0001 (50 d) and 0002 (30 d)
    # on time, 0009 overdue. 区民政局 (mz) has nothing in 2025.
    fgw = unit(site, "fgw")
    whole = stats.unit_figures(site, fgw)
    assert (whole.assigned, whole.replied) == (4, 3)
    only_2025 = [p for p in site.all_proposals if p.year == 2025]
    f = stats.unit_figures(site, fgw, only_2025)
    assert (f.assigned, f.replied, f.on_time, len(f.overdue), f.days.values) == (1, 1, 1, 0, (20,))
    f = stats.unit_figures(site, fgw, [p for p in site.all_proposals if p.year == 2026])
    assert (f.assigned, f.replied, f.on_time, [o.proposal.id for o in f.overdue]) == (3, 2, 2, ["2026-0009"])
    by_unit = {u.unit.slug: u for u in stats.all_unit_figures(site, only_2025)}
    assert (by_unit["fgw"].assigned, by_unit["mz"].assigned, by_unit["mz"].co_assigned) == (1, 0, 0)


def test_co_work_is_counted_apart(make_content):
    # 区民政局 is 会办 on three proposals and answered two of them; it leads none.
    co = dict(handling="lead_co", co_units=["区民政局"])
    s = load(make_content, [assigned_proposal("0001", **co), assigned_proposal("0002", **co),
                            assigned_proposal("0003", **co),
                            response("2026-0001", "mz", role="co", result=None),
                            response("2026-0002", "mz", role="co", result=None)])
    mz = stats.unit_figures(s, unit(s, "mz"))
    assert (mz.co_assigned, mz.co_replied, mz.assigned, mz.replied) == (3, 2, 0, 0)


def test_a_tie_on_a_replys_latest_feedback_counts_the_least_satisfied(make_content):
    # Two judgements the same day, one naming 区发改委 (基本满意), one naming no unit (不满意):
    # the reply counts as 不满意 (满意 > 基本满意 > 不满意), for the unit and for the proposal.
    feedback = [{"date": "2026-05-01", "satisfaction": "基本满意", "unit": "区发改委"},
                {"date": "2026-05-01", "satisfaction": "不满意"}]
    s = load(make_content, [assigned_proposal(feedback=feedback), response()])
    fgw = stats.unit_figures(s, unit(s, "fgw")).satisfaction
    assert (fgw.satisfied, fgw.basically_satisfied, fgw.dissatisfied) == (0, 0, 1)
    whole = stats.overall(s).satisfaction
    assert (whole.satisfied, whole.basically_satisfied, whole.dissatisfied) == (0, 0, 1)


def test_a_units_overdue_in_progress_and_unknown_counts(make_content):
    # 区发改委 leads eight proposals; the build date is 2026-11-23, reply_days 90.
    s = load(make_content, [
        assigned_proposal("0001", assigned="2026-06-01"),  # due 08-30, no reply: 85 days overdue
        assigned_proposal("0002", assigned="2026-02-10"),  # due 05-11, no reply: 196 days overdue
        assigned_proposal("0003", assigned="2026-06-01"),  # due 08-30, no reply: 85 days overdue
        assigned_proposal("0004", assigned="2026-08-25", due="2026-11-23"),  # due today: in progress
        assigned_proposal("0005", assigned="2026-10-01"),  # due 12-30: in progress
        assigned_proposal("0006", assigned="未知"), response("2026-0006", result="未知"),
        assigned_proposal("0007", assigned="未知"), response("2026-0007", result="未知"),
        assigned_proposal("0008", assigned="2026-02-10"), response("2026-0008", date="2026-05-11", result="A"),
    ])
    fgw = stats.unit_figures(s, unit(s, "fgw")).as_dict()
    # most days overdue first, then by number
    assert fgw["overdue_proposals"] == ["2026-0002", "2026-0001", "2026-0003"]
    assert (fgw["assigned"], fgw["replied"], fgw["in_progress"], fgw["overdue"]) == (8, 3, 2, 3)
    # 0008 answered on its deadline, 90 days after 交办: on time. 0006 and 0007 have no 交办 date
    # (so no deadline): left out of the on-time rate and the days; their classes are unknown.
    assert (fgw["replied_on_time"], fgw["due_unknown"]) == (1, 2)
    assert fgw["on_time_rate"] == {"numerator": 1, "denominator": 6, "value": 0.1667, "percent": 16.7, "left_out": 2}
    assert fgw["days_per_reply"] == {"count": 1, "median": 90, "p90": 90, "max": 90, "left_out": 2}
    assert (fgw["result_unknown"], fgw["with_result"], fgw["adopted"]) == (2, 1, 1)
    # The same proposals as the site's figures (data/stats.json's overall and its overdue list).
    whole = stats.overall(s)
    f = whole.as_dict()
    assert [o.proposal.id for o in whole.overdue] == ["2026-0002", "2026-0001", "2026-0003"]
    assert [o.days for o in whole.overdue] == [196, 85, 85]
    assert (f["in_progress"], f["overdue"], f["result_unknown"]) == (2, 3, 2)
    assert f["days_per_proposal"] == {"count": 1, "median": 90, "p90": 90, "max": 90, "left_out": 2}
    assert f["days_per_reply"] == {"count": 1, "median": 90, "p90": 90, "max": 90, "left_out": 2}


def test_a_median_of_whole_days_is_published_as_a_whole_number():
    # data/stats.json shows "median": 35 for 30 and 40 days, and 31.5 for 23 and 40 (never 35.0).
    import json

    assert json.dumps(stats.median([40, 30])) == "35" and json.dumps(stats.median([23, 40])) == "31.5"
    assert json.dumps(stats.median([10, 40, 20, 30])) == "25"


def test_unreviewed_and_reopened_proposals_are_each_counted(make_content):
    # 0001 and 0002 are answered, judged 不满意, then answered again (重新办理); 0003 and 0004 are
    # not reviewed yet.
    unhappy = [{"date": "2026-05-01", "satisfaction": "不满意"}]
    s = load(make_content, [
        assigned_proposal("0001", feedback=unhappy), response("2026-0001"),
        response("2026-0001", suffix="-2", date="2026-06-01", supersedes="2026/0001-fgw"),
        assigned_proposal("0002", feedback=unhappy), response("2026-0002"),
        response("2026-0002", suffix="-2", date="2026-06-01", supersedes="2026/0002-fgw"),
        proposal("0003"), proposal("0004"),
    ])
    f = stats.overall(s).as_dict()
    assert (f["proposals"], f["unreviewed"], f["reviewed"], f["reopened"]) == (4, 2, 2, 2)


def test_unanswered_proposals_with_an_unknown_deadline_are_counted_apart(make_content):
    # 0001 and 0002: deadline written 未知, no reply yet: neither 逾期 nor 办理中 (期限不详).
    # 0003: deadline 12-30 (交办 10-01), no reply: in progress.
    s = load(make_content, [assigned_proposal("0001", due="未知"), assigned_proposal("0002", due="未知"),
                            assigned_proposal("0003", assigned="2026-10-01")])
    f = stats.overall(s).as_dict()
    assert (f["assigned"], f["due_unknown"], f["due_unknown_pending"], f["in_progress"], f["overdue"]) == (3, 2, 2, 1, 0)
