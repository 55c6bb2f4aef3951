"""Dates along the lifecycle: each step may fall on the same day as the one before, never earlier;
only a reply deadline (`due`) must be later than 交办 (the staff guide: 写了就要晚于交办日期).

The messages follow the staff guide's example (docs/staff-guide.md, 日期先后顺序不对) for every
pair of steps, so staff read the same sentence whichever date is wrong.
"""
from conftest import BUILD_DATE, assigned_proposal, response
from disclosure.site import load_site


def report(make_content, files):
    return load_site(make_content(dict(files)), today=BUILD_DATE).report


def test_assigned_before_review_names_both_dates(make_content):
    r = report(make_content, [assigned_proposal(review_date="2026-02-01", assigned="2026-01-20")])
    (p,) = r.errors
    assert (p.path, p.key, p.value) == ("proposals/2026/0001.md", "assigned", "2026-01-20")
    assert p.zh == "交办日期（2026-01-20）早于审查日期（2026-02-01），日期应按办理流程先后排列。"
    assert p.en == "'assigned' (2026-01-20) is before 'review_date' (2026-02-01); dates must run forward along the lifecycle."


def test_steps_on_the_same_day_are_in_order(make_content):
    files = [assigned_proposal(submitted="2026-02-10", review_date="2026-02-10", assigned="2026-02-10",
                               feedback=[{"date": "2026-02-10", "satisfaction": "满意"}], closed="2026-02-10",
                               events=[{"date": "2026-02-10", "label": "办前协商"}]),
             response(date="2026-02-10")]
    r = report(make_content, files)
    assert r.ok and not r.problems, r.format()


def test_an_event_before_submission_names_the_event(make_content):
    events = [{"date": "2026-01-10", "label": "办前协商"}, {"date": "2026-01-05", "label": "督办调研"}]
    r = report(make_content, [assigned_proposal(events=events)])
    (p,) = r.errors
    assert (p.path, p.key, p.value) == ("proposals/2026/0001.md", "events[2].date", "2026-01-05")
    assert p.zh == "办理节点（2026-01-05）早于提交日期（2026-01-10）。"
    assert p.en == "The event (2026-01-05) is before 'submitted' (2026-01-10)."
    assert p.line is not None and p.severity == "error"


def test_closing_with_lead_units_still_to_reply_names_them_all(make_content):
    files = [assigned_proposal(handling="split", lead_units=["区发改委", "区民政局"], closed="2026-06-01")]
    (p,) = report(make_content, files).errors
    assert p.key == "closed"
    assert p.zh == "还有主办单位未答复（区发改委、区民政局），不能办结。"


def test_one_mistake_one_message_when_a_proposal_not_filed_has_units(make_content):
    """Lead units on a proposal not filed are the mistake; 'units still to reply' would be a second."""
    files = [assigned_proposal(review="not_filed", closed="2026-06-01")]
    errors = report(make_content, files).errors
    assert errors and not any("还有主办单位未答复" in p.zh for p in errors)


def test_every_faulty_reply_is_reported_in_one_run(make_content):
    """A reply to an unknown proposal, one to a proposal not assigned, one from a unit not assigned."""
    from conftest import proposal

    files = [proposal("0002"), assigned_proposal("0003"),
             response("2026-0001"), response("2026-0002"), response("2026-0003", unit="mz", role="co", result=None)]
    errors = report(make_content, files).errors
    assert sorted((p.path, p.key) for p in errors) == [
        ("responses/2026/0001-fgw.md", "proposal"), ("responses/2026/0002-fgw.md", "unit"),
        ("responses/2026/0003-mz.md", "unit")]


def test_a_proposal_number_used_three_times_names_the_other_two(make_content):
    text = assigned_proposal("0001")[1]
    files = {"proposals/2026/0001.md": text, "proposals/2026/0001a.md": text, "proposals/2026/0001b.md": text}
    dupes = [p for p in report(make_content, files).errors if p.key == "number"]
    first = [p for p in dupes if p.path == "proposals/2026/0001.md"][0]
    assert "提案编号 2026-0001 重复（另见 proposals/2026/0001a.md、proposals/2026/0001b.md）" in first.zh


def test_re_replies_must_follow_their_own_proposals_reply(make_content):
    base = [assigned_proposal("0001"), assigned_proposal("0002"), response("2026-0001"), response("2026-0002")]
    itself = report(make_content, [*base, response("2026-0001", suffix="-2", date="2026-06-01",
                                                    supersedes="2026/0001-fgw-2")])
    (p,) = itself.errors
    assert (p.path, p.key, p.value) == ("responses/2026/0001-fgw-2.md", "supersedes", "2026/0001-fgw-2")
    assert (p.zh, p.en) == ("答复不能取代它自己。", "A reply cannot supersede itself.") and p.line is not None

    other = report(make_content, [*base, response("2026-0001", suffix="-2", date="2026-06-01",
                                                   supersedes="2026/0002-fgw")])
    (p,) = other.errors
    assert (p.path, p.key, p.value) == ("responses/2026/0001-fgw-2.md", "supersedes", "2026/0002-fgw")
    assert p.zh == "被重新答复的原答复属于另一件提案。"
    assert p.en == "The superseded reply belongs to another proposal." and p.line is not None

    same_day = report(make_content, [*base, response("2026-0001", suffix="-2", supersedes="2026/0001-fgw")])
    assert same_day.ok and not same_day.problems, same_day.format()


def test_doubtful_replies_are_warnings_not_errors(make_content):
    """Dated after today, or a second reply without `supersedes`: reported, but the site is built."""
    today = response(date=BUILD_DATE.isoformat())
    assert not report(make_content, [assigned_proposal(), today]).problems
    future = report(make_content, [assigned_proposal(), response(date="2026-12-01")])
    assert future.ok and [(p.key, p.severity) for p in future.warnings] == [("date", "warning")]
    twice = report(make_content, [assigned_proposal(), response(), response(suffix="-2", date="2026-06-01")])
    assert twice.ok and [(p.key, p.severity) for p in twice.warnings] == [("unit", "warning")]


def test_a_reply_from_an_unknown_unit_does_not_hide_later_mistakes(make_content):
    files = [assigned_proposal("0001"), assigned_proposal("0002"),
             response("2026-0001", unit="区教育委员会"), response("2026-0002", unit="mz", role="co", result=None)]
    errors = report(make_content, files).errors
    assert ("responses/2026/0001-区教育委员会.md", "unit") in [(p.path, p.key) for p in errors]
    assert ("responses/2026/0002-mz.md", "unit") in [(p.path, p.key) for p in errors]


def test_a_deadline_on_the_day_of_assignment_is_an_error(make_content):
    # The staff guide's case 40: 交办 2026-02-10 and a deadline the same day leaves no time to answer.
    r = report(make_content, [assigned_proposal(assigned="2026-02-10", due="2026-02-10")])
    (p,) = r.errors
    assert (p.path, p.key, p.value) == ("proposals/2026/0001.md", "due", "2026-02-10")
    assert p.zh == "答复期限（2026-02-10）不晚于交办日期（2026-02-10），答复期限必须在交办日期之后。"
    assert p.en == "'due' (2026-02-10) is not after 'assigned' (2026-02-10); the deadline must be later."
    assert p.allowed == "2026-02-11 或之后的日期 / 2026-02-11 or later"


def test_a_deadline_before_assignment_is_an_error_and_the_day_after_is_fine(make_content):
    early = report(make_content, [assigned_proposal(assigned="2026-02-10", due="2026-01-31")])
    assert [(p.key, p.value) for p in early.errors] == [("due", "2026-01-31")]
    next_day = report(make_content, [assigned_proposal(assigned="2026-02-10", due="2026-02-11")])
    assert next_day.ok and not next_day.problems, next_day.format()
