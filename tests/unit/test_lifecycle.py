"""Status, flags and timeline are derived from dates and replies, as of the build date."""
import datetime as dt

from conftest import BUILD_DATE, assigned_proposal, proposal, response
from disclosure.site import load_site


def life(make_content, files, today=BUILD_DATE):
    site = load_site(make_content(dict(files)), today=today)
    assert site.report.ok, site.report.format()
    return site.life("2026-0001")


def test_submitted(make_content):
    assert life(make_content, [proposal()]).status == "submitted"


def test_filed_not_yet_assigned(make_content):
    assert life(make_content, [proposal(review="filed", review_date="2026-02-01")]).status == "filed"


def test_review_outcomes(make_content):
    for review, status in [("not_filed", "not_filed"), ("converted", "converted"), ("不予立案", "not_filed")]:
        files = [proposal(review=review, review_date="2026-02-01")]
        assert life(make_content, files).status == status
    files = [proposal("0001", review="merged", review_date="2026-02-01", merged_into="2026-0002"), proposal("0002")]
    assert life(make_content, files).status == "merged"


def test_assigned_then_overdue_as_of_the_build_date(make_content):
    files = [assigned_proposal(assigned="2026-09-01")]
    before = life(make_content, files, today=dt.date(2026, 11, 30))
    assert before.status == "assigned" and before.due == dt.date(2026, 11, 30) and before.flags == []
    after = life(make_content, files, today=dt.date(2026, 12, 1))
    assert after.flags == ["overdue"]


def test_explicit_due_overrides_reply_days(make_content):
    l = life(make_content, [assigned_proposal(due="2026-12-31")])
    assert l.due == dt.date(2026, 12, 31) and "overdue" not in l.flags


def test_a_late_reply_is_not_overdue_but_stays_late(make_content):
    # assigned 2026-02-10 + 90 days = due 2026-05-11; the reply came on 2026-10-01
    l = life(make_content, [assigned_proposal(), response(date="2026-10-01")])
    assert l.status == "replied" and l.flags == ["answered_late"] and l.days_to_reply == 233


def test_a_reply_on_the_due_date_is_on_time_and_closing_keeps_a_late_mark(make_content):
    on_time = life(make_content, [assigned_proposal(), response(date="2026-05-11")])
    assert on_time.flags == []
    closed = life(make_content, [assigned_proposal(closed="2026-11-01"), response(date="2026-05-12")])
    assert closed.status == "closed" and closed.flags == ["answered_late"]


def test_split_is_late_when_its_last_unit_answers_late(make_content):
    p = assigned_proposal(handling="split", lead_units=["区发改委", "区民政局"])
    l = life(make_content, [p, response(role="split", date="2026-03-01"),
                            response(unit="mz", role="split", date="2026-06-01")])
    assert l.flags == ["answered_late"]


def test_split_needs_every_split_unit(make_content):
    p = assigned_proposal(handling="split", lead_units=["区发改委", "区民政局"])
    one = life(make_content, [p, response(role="split")])
    assert one.status == "assigned" and [u.slug for u in one.pending_units] == ["mz"]
    both = life(make_content, [p, response(role="split"), response(unit="mz", role="split", date="2026-05-01")])
    assert both.status == "replied" and both.days_to_reply == 80


def test_co_unit_reply_does_not_complete_the_answer(make_content):
    p = assigned_proposal(handling="lead_co", co_units=["区民政局"])
    l = life(make_content, [p, response(unit="mz", role="co", result=None)])
    assert l.status == "assigned"


def test_evaluated_then_closed(make_content):
    fb = [{"date": "2026-04-10", "satisfaction": "基本满意"}]
    assert life(make_content, [assigned_proposal(feedback=fb), response()]).status == "evaluated"
    l = life(make_content, [assigned_proposal(feedback=fb, closed="2026-04-20"), response()])
    assert l.status == "closed"


def test_reopened_after_dissatisfied_feedback_and_a_superseding_reply(make_content):
    fb = [{"date": "2026-04-10", "satisfaction": "不满意"}]
    files = [assigned_proposal(feedback=fb, key=True), response(result="C"),
             response(suffix="-2", date="2026-06-01", result="B", supersedes="2026/0001-fgw")]
    l = life(make_content, files)
    assert l.flags == ["reopened", "key"]
    assert l.status == "replied"  # awaiting feedback on the new reply
    assert l.superseded == {"2026/0001-fgw"}


def test_dissatisfied_without_new_reply_is_not_reopened(make_content):
    fb = [{"date": "2026-04-10", "satisfaction": "dissatisfied"}]
    l = life(make_content, [assigned_proposal(feedback=fb), response()])
    assert l.status == "evaluated" and l.flags == []


def test_timeline_is_dated_and_in_lifecycle_order(make_content):
    fb = [{"date": "2026-04-10", "satisfaction": "满意"}]
    ev = [{"date": "2026-03-01", "label": "办前协商"}]
    l = life(make_content, [assigned_proposal(feedback=fb, events=ev, closed="2026-04-10"), response()])
    assert [(s.date.isoformat(), s.kind) for s in l.timeline] == [
        ("2026-01-10", "submitted"), ("2026-02-01", "review"), ("2026-02-10", "assigned"),
        ("2026-03-01", "event"), ("2026-04-01", "reply"), ("2026-04-10", "feedback"), ("2026-04-10", "closed")]
    assert l.timeline[4].label == "区发改委答复"
    assert "答复类别：A（已经解决或基本解决）" in l.timeline[4].detail
