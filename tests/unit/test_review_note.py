"""Why a proposal was not filed, merged or converted (审查意见, `review_note`): on its first screen and its
审查 step, kept back with a withheld proposal's other words.

Ground truth: docs/content-model.md (`review_note`, 审查意见: the review's reasons as the office wrote
them) and the notices offices publish, which give the reason with the outcome (本件所提事项属……，
不予立案，建议……). A resident who finds 不予立案 on a page wants to know why.
"""
import datetime as dt

from conftest import proposal
from disclosure.site import load_site
from disclosure.summary import summarize

REASON = "本件所提事项不在区级职责范围内，不予立案，建议通过社情民意信息渠道反映。"


def not_filed(**fields):
    return proposal(review="not_filed", review_date="2026-02-01", **fields)


def load(make_content, *files):
    return load_site(make_content(dict(files)), today=dt.date(2026, 11, 23))


def test_the_reason_is_shown_on_the_first_screen_and_as_the_review_steps_detail(make_content):
    site = load(make_content, not_filed(review_note=REASON))
    assert site.report.ok, site.report.format()
    p = site.proposals["2026-0001"]
    assert summarize(p, site.life(p.id), site.build_date).review_note == REASON
    [step] = [s for s in site.life(p.id).timeline if s.kind == "review"]
    assert (step.label, step.detail) == ("审查：不予立案", REASON)


def test_written_with_its_chinese_key(make_content):
    site = load(make_content, not_filed(**{"审查意见": REASON}))
    assert site.report.ok, site.report.format()
    assert site.proposals["2026-0001"].review_note == REASON


def test_a_merged_proposal_says_where_it_went_and_why(make_content):
    site = load(make_content, proposal("0002", review="filed", review_date="2026-02-01"),
                proposal(review="merged", review_date="2026-02-01", merged_into="2026-0002",
                         review_note="两件提案所提事项相同，并案办理。"))
    [step] = [s for s in site.life("2026-0001").timeline if s.kind == "review"]
    assert step.detail == "并入提案 2026-0002；两件提案所提事项相同，并案办理。"


def test_a_reason_without_a_review_outcome_is_an_error_naming_the_key(make_content):
    site = load(make_content, proposal(review_note=REASON))
    [problem] = [p for p in site.report.problems if p.key == "review_note"]
    assert problem.severity == "error" and "review" in problem.en and "审查结果" in problem.zh


def test_a_withheld_proposals_reason_is_kept_back_like_its_other_words(make_content):
    site = load(make_content, not_filed(review_note=REASON, disclosure="withheld"))
    p = site.proposals["2026-0001"]
    assert p.review_note == ""
    assert all(REASON not in (s.detail or "") for s in site.life(p.id).timeline)
    assert summarize(p, site.life(p.id), site.build_date).review_note == ""


def test_no_reason_no_row(make_content):
    site = load(make_content, not_filed())
    p = site.proposals["2026-0001"]
    assert summarize(p, site.life(p.id), site.build_date).review_note == ""
    [step] = [s for s in site.life(p.id).timeline if s.kind == "review"]
    assert step.detail == ""
