"""Which replies carry the 逾期答复 mark, and a 公示 before its window opens.

Ground truth from the front matter below: 交办 2026-02-10 with reply_days 90 gives the
deadline 2026-05-11 (as in tests/support/stats_fixture.py).
"""
import datetime as dt

from conftest import BUILD_DATE, assigned_proposal, response
from disclosure import lifecycle
from disclosure.site import load_site


def load(make_content, files):
    s = load_site(make_content(dict(files)), today=BUILD_DATE)
    assert s.report.ok, s.report.format()
    return s


def late(site, pid="2026-0001"):
    p, life = site.proposals[pid], site.life(pid)
    return {x.id: lifecycle.reply_is_late(p, life, x) for x in life.responses}


def test_a_split_units_late_answer_is_late_even_after_the_other_unit_answered_on_time(make_content):
    s = load(make_content, [assigned_proposal(handling="split", lead_units=["区发改委", "区民政局"]),
                            response(role="split", date="2026-03-01"), response(unit="mz", role="split", date="2026-06-01")])
    assert late(s) == {"2026/0001-fgw": False, "2026/0001-mz": True}


def test_an_answer_on_the_deadline_is_not_late(make_content):
    s = load(make_content, [assigned_proposal(), response(date="2026-05-11")])
    assert late(s) == {"2026/0001-fgw": False}


def test_no_answer_is_late_when_the_deadline_is_unknown(make_content):
    s = load(make_content, [assigned_proposal(due="未知"), response(date="2026-10-01")])
    assert late(s) == {"2026/0001-fgw": False}


def test_a_co_units_reply_after_the_deadline_is_not_an_answer_and_not_late(make_content):
    s = load(make_content, [assigned_proposal(handling="lead_co", co_units=["区民政局"]),
                            response(date="2026-04-01"), response(unit="mz", role="co", result=None, date="2026-06-01")])
    assert late(s) == {"2026/0001-fgw": False, "2026/0001-mz": False}


def test_a_publicity_is_upcoming_before_its_first_day_and_open_on_it(make_content):
    notice = "---\ntitle: 关于社区食堂选址的公示\ndate: 2026-11-20\nkind: publicity\nfrom: 2026-11-25\nuntil: 2026-12-05\n---\n\n正文。\n"
    s = load(make_content, {"announcements/2026/canteen.md": notice})
    a = s.announcements["2026/canteen"]
    assert lifecycle.publicity_window(a, dt.date(2026, 11, 24)) == "upcoming"
    assert lifecycle.publicity_window(a, dt.date(2026, 11, 25)) == "open"


def test_an_overdue_proposal_knows_by_how_many_days(make_content):
    # 交办 2026-06-01, deadline 08-30, no reply: 85 days overdue on 2026-11-23 (the fixture's 2026-0009).
    s = load(make_content, [assigned_proposal(assigned="2026-06-01"), assigned_proposal("0002", assigned="2026-10-01")])
    overdue, pending = s.life("2026-0001"), s.life("2026-0002")
    assert ("overdue" in overdue.flags, overdue.days_overdue) == (True, 85)
    assert "overdue" not in pending.flags and not pending.days_overdue


def shown(site, pid="2026-0001"):
    p, life = site.proposals[pid], site.life(pid)
    return (lifecycle.due_state(p, life, BUILD_DATE),
            [(s.date.isoformat(), s.kind, f"{s.label} · {s.detail}" if s.kind == "due" else "")
             for s in lifecycle.shown_timeline(p, life, BUILD_DATE)])


BEFORE = [("2026-01-10", "submitted", ""), ("2026-02-01", "review", "")]


def test_the_deadline_shows_in_the_timeline_while_it_matters(make_content):
    s = load(make_content, [
        assigned_proposal("0001", assigned="2026-10-01"),  # due 12-30: pending on 11-23
        assigned_proposal("0002", assigned="2026-06-01",  # due 08-30: overdue, an event on that day comes first
                          events=[{"date": "2026-08-30", "label": "督办调研"}]),
        assigned_proposal("0003"), response("2026-0003", date="2026-05-20"),  # due 05-11, answered late
        assigned_proposal("0004"), response("2026-0004", date="2026-05-11"),  # answered on the deadline
        assigned_proposal("0005", assigned="2026-08-25", due="2026-11-23"),  # due today: not overdue yet
    ])
    assert shown(s, "2026-0001") == ("pending", [*BEFORE, ("2026-10-01", "assigned", ""),
                                                 ("2026-12-30", "due", "答复期限 · 尚在期限内")])
    assert shown(s, "2026-0002") == ("overdue", [*BEFORE, ("2026-06-01", "assigned", ""), ("2026-08-30", "event", ""),
                                                 ("2026-08-30", "due", "答复期限 · 已逾期")])
    assert shown(s, "2026-0003") == ("late", [*BEFORE, ("2026-02-10", "assigned", ""),
                                              ("2026-05-11", "due", "答复期限 · 已逾期，逾期答复"), ("2026-05-20", "reply", "")])
    assert shown(s, "2026-0005")[0] == "pending"
    assert shown(s, "2026-0004") == ("on_time", [*BEFORE, ("2026-02-10", "assigned", ""), ("2026-05-11", "reply", "")])


def test_no_deadline_state_without_an_assignment_or_a_known_deadline(make_content):
    from conftest import proposal

    s = load(make_content, [proposal("0001", review="filed", review_date="2026-02-01"),
                            assigned_proposal("0002", due="未知")])
    assert shown(s, "2026-0001") == (None, BEFORE)
    assert shown(s, "2026-0002") == (None, [*BEFORE, ("2026-02-10", "assigned", "")])


def test_a_written_deadline_counts_when_the_assignment_date_is_unknown(make_content):
    """An older record: 交办 未知 but the register gives the deadline (2026-05-11), no reply by
    2026-11-23. The flag /stats/ counts, the summary and the timeline all say 逾期 (one decision:
    a written deadline counts without a 交办 date)."""
    from disclosure import summary

    s = load(make_content, [assigned_proposal(assigned="未知", due="2026-05-11")])
    p, life = s.proposals["2026-0001"], s.life("2026-0001")
    assert "overdue" in life.flags and life.days_overdue == 196
    assert lifecycle.due_state(p, life, BUILD_DATE) == "overdue"
    assert summary.summarize(p, life, BUILD_DATE).due_state == "overdue"
    assert any(step.kind == "due" for step in lifecycle.shown_timeline(p, life, BUILD_DATE))
