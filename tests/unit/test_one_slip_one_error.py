"""A mistake in a reply is reported once, in the reply: its proposal is not also told that it has no
reply, that its feedback comes before any reply or that a lead unit has not answered
(validate._broken_replies). Staff shown "还没有任何答复" for a proposal whose reply is there would look for the
mistake in the wrong file, or delete the proposal's feedback to make the error go away.

Ground truth: the files written here (one proposal answered, judged and closed; its one reply) and the
staff guide's rule that each mistake is named once, at its file, line and key.
"""
import pytest

from conftest import assigned_proposal, front_matter, response
from disclosure.site import load_site

PROPOSAL = assigned_proposal("0067", feedback=[{"date": "2026-05-20", "satisfaction": "satisfied"}],
                             closed="2026-06-18")
REPLY_PATH = "responses/2026/0067-fgw.md"
GOOD = {"proposal": "2026-0067", "unit": "fgw", "role": "lead", "date": "2026-04-29", "result": "A"}


def reported(content):
    return sorted((p.path, p.key) for p in load_site(content).report.problems if p.severity == "error")


def test_the_good_files_pass(make_content):
    assert response("2026-0067")[0] == REPLY_PATH
    assert reported(make_content([PROPOSAL, (REPLY_PATH, front_matter(GOOD, "答复正文。"))])) == []


def test_without_the_reply_the_proposal_is_told_so(make_content):
    # the checks this file holds back for a broken reply still bite when there is no reply at all
    assert reported(make_content([PROPOSAL])) == [("proposals/2026/0067.md", "closed"),
                                                  ("proposals/2026/0067.md", "feedback[1].date")]


@pytest.mark.parametrize("slip, key", [
    ({"date": "2026-04-31"}, "date"),  # no such day
    ({"date": "二〇二六年四月三十一日"}, "date"),
    ({"unit": "区财务局"}, "unit"),  # not a unit of site.yaml
    ({"proposal": "2026年0067"}, "proposal"),  # not written year-number
])
def test_a_wrong_value_in_the_reply_is_its_only_error(make_content, slip, key):
    content = make_content([PROPOSAL, (REPLY_PATH, front_matter({**GOOD, **slip}, "答复正文。"))])
    assert reported(content) == [(REPLY_PATH, key)]


def test_an_unreadable_reply_is_its_only_error(make_content):
    broken = "---\nproposal: 2026-0067\nunit: [区发改委\nrole: lead\ndate: 2026-04-29\n---\n\n答复正文。\n"
    assert reported(make_content([PROPOSAL, (REPLY_PATH, broken)])) == [(REPLY_PATH, "")]


def test_an_unreadable_reply_under_another_name_that_names_the_proposal(make_content):
    broken = "---\nproposal: 2026-0067\nunit: [区发改委\nrole: lead\ndate: 2026-04-29\n---\n\n答复正文。\n"
    assert reported(make_content([PROPOSAL, ("responses/2026/fgw-reply.md", broken)])) == [
        ("responses/2026/fgw-reply.md", "")]


def test_a_follow_up_of_an_unreadable_replys_commitments_is_not_a_second_error(make_content):
    followed = assigned_proposal("0067", events=[{"date": "2026-09-01", "label": "回头看", "reviews": [1]}])
    reply = {**GOOD, "commitments": [{"text": "年内完成未知数量的试点。", "due": "2026-12-31"}]}
    good = front_matter(reply, "答复正文。")
    assert reported(make_content([followed, (REPLY_PATH, good)])) == []
    assert reported(make_content([followed])) == [("proposals/2026/0067.md", "events[1].reviews")]
    broken = good.replace("unit: fgw", "unit: [fgw")
    assert reported(make_content([followed, (REPLY_PATH, broken)])) == [(REPLY_PATH, "")]


def test_a_follow_up_naming_an_unreadable_reply_beside_a_readable_one_is_not_a_second_error(make_content):
    followed = assigned_proposal("0067", handling="lead_co", lead_units=["区发改委"], co_units=["区民政局"],
                                 events=[{"date": "2026-09-01", "label": "回头看", "reply": "区发改委", "reviews": [1]}])
    promise = [{"text": "年内完成未知数量的试点。", "due": "2026-12-31"}]
    lead = front_matter({**GOOD, "commitments": promise}, "答复正文。")
    co = ("responses/2026/0067-mz.md", front_matter({**GOOD, "unit": "mz", "role": "co", "result": None,
                                                      "commitments": promise}, "会办意见。"))
    assert reported(make_content([followed, (REPLY_PATH, lead), co])) == []
    assert reported(make_content([followed, co])) == [("proposals/2026/0067.md", "events[1].reply")]
    broken = lead.replace("unit: fgw", "unit: [fgw")
    assert reported(make_content([followed, (REPLY_PATH, broken), co])) == [(REPLY_PATH, "")]


# One wrong value in a proposal, and nothing else: the files around it are right.
NOTICE = ("announcements/2026/pilot.md", front_matter({"title": "试点社区名单公示", "date": "2026-05-01", "kind": "publicity",
                                                       "related": ["2026-0067"]}, "名单见附件。"))
ANSWERED = [(REPLY_PATH, front_matter(GOOD, "答复正文。")), NOTICE]


@pytest.mark.parametrize("slip, key", [
    ({"number": "坏值"}, "number"),  # no id: the reply and the notice that name it are not "pointing nowhere"
    ({"lead_units": ["坏值"]}, "lead_units"),  # nor is the reply's unit "not one of its units"
    ({"handling": "坏值"}, "handling"),
    ({"assigned": "2026-13-01"}, "assigned"),  # nor are the units "without an assigned date"
    ({"review": "坏值"}, "review"),  # nor "assigned before it was reviewed", nor "closed unreviewed"
])
def test_a_wrong_value_in_the_proposal_is_its_only_error(make_content, slip, key):
    number = slip.pop("number", None)
    path, text = assigned_proposal("0067", feedback=[{"date": "2026-05-20", "satisfaction": "satisfied",
                                                      "unit": "区发改委"}], closed="2026-06-18", **slip)
    if number:
        assert "number: '0067'" in text
        text = text.replace("number: '0067'", f"number: {number}")
    assert reported(make_content([(path, text), *ANSWERED])) == [(path, key)]


def test_the_rules_held_back_still_bite_when_the_key_is_left_out(make_content):
    # lead_units written empty with an assigned date; review_date without review
    path, text = assigned_proposal("0067", lead_units=[], review=None)
    assert sorted(reported(make_content([(path, text)]))) == [(path, "lead_units"), (path, "review")]


def test_an_unreadable_announcement_cited_as_evidence_is_its_only_error(make_content):
    promise = [{"text": "年内公示试点名单。", "updates": [{"date": "2026-05-02", "status": "done",
                                                       "evidence": ["announcements/2026/pilot"]}]}]
    reply = (REPLY_PATH, front_matter({**GOOD, "commitments": promise}, "答复正文。"))
    notice_path, notice = NOTICE
    assert reported(make_content([PROPOSAL, reply, NOTICE])) == []
    broken = notice.replace("kind: publicity", "kind: [publicity")
    assert reported(make_content([PROPOSAL, reply, (notice_path, broken)])) == [(notice_path, "")]


def test_a_re_reply_of_a_reply_whose_proposal_is_miswritten_is_not_a_second_error(make_content):
    first = front_matter({**GOOD, "proposal": "2026年0067"}, "答复正文。")
    again = ("responses/2026/0067-fgw-2.md", front_matter({**GOOD, "date": "2026-05-10", "supersedes": "2026/0067-fgw"},
                                                          "重新答复。"))
    assert reported(make_content([PROPOSAL, (REPLY_PATH, first), again])) == [(REPLY_PATH, "proposal")]


def test_a_reply_naming_a_proposal_that_does_not_exist_is_its_only_error(make_content):
    # 2026-13-01 has the form of an id (year-number) but names no proposal: the reply is told so; the
    # proposal its file is named for is not told it has no reply, nor is the reply that supersedes it
    stray = front_matter({**GOOD, "proposal": "2026-13-01"}, "答复正文。")
    again = ("responses/2026/0067-fgw-2.md", front_matter({**GOOD, "date": "2026-05-10", "supersedes": "2026/0067-fgw"},
                                                          "重新答复。"))
    assert reported(make_content([PROPOSAL, (REPLY_PATH, stray)])) == [(REPLY_PATH, "proposal")]
    assert reported(make_content([PROPOSAL, (REPLY_PATH, stray), again])) == [(REPLY_PATH, "proposal")]


def test_a_proposal_without_its_review_is_told_once_what_is_missing(make_content):
    # review_note (审查意见) written, review left out: one error; with review_date also written, the
    # error names the date (有审查日期，但缺少审查结果) and the note adds none
    path, text = assigned_proposal("0067", review=None, lead_units=None, assigned=None,
                                                             handling=None, review_note="与另一件提案内容相近。")
    assert reported(make_content([(path, text)])) == [(path, "review")]
    path, text = assigned_proposal("0067", review=None, lead_units=None, assigned=None, handling=None,
                                   review_date=None, review_note="与另一件提案内容相近。")
    assert reported(make_content([(path, text)])) == [(path, "review_note")]


@pytest.mark.parametrize("empty", [[""], " ", "　", "、"])
def test_units_written_but_empty_are_still_an_error(make_content, empty):
    # written, but naming no unit: nothing else reports it, so the proposal is told it has no lead unit
    path, text = assigned_proposal("0067", lead_units=empty)
    assert reported(make_content([(path, text)])) == [(path, "lead_units")]


def test_a_wrong_handling_does_not_hide_the_replys_own_date_mistakes(make_content):
    path, text = assigned_proposal("0067", handling="坏值")
    early = front_matter({**GOOD, "date": "2026-02-01"}, "答复正文。")  # before 交办 (2026-02-10)
    assert reported(make_content([(path, text), (REPLY_PATH, early)])) == [(path, "handling"), (REPLY_PATH, "date")]


def test_a_problem_of_the_whole_file_with_no_key_is_reported_beside_the_others(make_content):
    # a control character in a body is a problem of no key (source.py): the rules across files still run
    notice = ("announcements/2026/notice.md", "---\ntitle: 公告\ndate: 2026-03-01\nkind: news\n---\n\n\x1f\n")
    found = reported(make_content([PROPOSAL, notice]))
    assert ("announcements/2026/notice.md", None) in found or ("announcements/2026/notice.md", "") in found
    assert ("proposals/2026/0067.md", "feedback[1].date") in found  # no reply: still told


def test_a_wrong_handling_and_a_reply_without_its_role_are_two_errors_not_three(make_content):
    path, text = assigned_proposal("0067", handling="坏值")
    no_role = front_matter({k: v for k, v in GOOD.items() if k != "role"}, "答复正文。")
    assert reported(make_content([(path, text), (REPLY_PATH, no_role)])) == [(path, "handling"), (REPLY_PATH, "role")]
