"""Records as offices have them: facts the record does not give are written 未知, never invented."""
import re

import pytest

from conftest import BUILD_DATE, assigned_proposal, front_matter, proposal, response
from disclosure import stats
from disclosure.site import load_site

LEGACY = "proposals/2022/legacy-1.md"


def legacy(**fields):
    """An older proposal as published: no number, no dates, no proposer name (our own words)."""
    meta = {"number": "未知", "year": 2022, "title": "关于改善老旧小区停车的建议", "proposers": "未知",
            "category": "城市建设", "submitted": "未知", "review": "filed", "review_date": "不详",
            "lead_units": ["区发改委"], "assigned": "unknown", "due": "未知"}
    meta.update(fields)
    return LEGACY, front_matter(meta, "提案全文未公开。")


def load(make_content, files):
    return load_site(make_content(dict(files)), today=BUILD_DATE)


def test_unknown_facts_are_accepted_and_kept_apart(make_content):
    site = load(make_content, [legacy()])
    assert site.report.ok and not site.report.problems, site.report.format()
    p = site.proposals["2022-legacy-1"]
    assert (p.number, p.proposers, p.submitted, p.review_date, p.assigned, p.due_set) == ("", [], None, None, None, None)
    assert p.unknown == {"number", "proposers", "submitted", "review_date", "assigned", "due"}


def test_nothing_is_derived_from_an_unknown_date(make_content):
    site = load(make_content, [legacy()])
    life = site.life("2022-legacy-1")
    assert life.status == "assigned" and life.due is None
    assert "overdue" not in life.flags and life.days_to_reply is None


def test_unknown_deadline_is_not_overdue_even_when_assigned_is_known(make_content):
    site = load(make_content, [assigned_proposal(year=2022, due="未知")])
    life = site.life("2022-0001")
    assert life.due is None and "overdue" not in life.flags  # 2022-02-10 + 90 days is long past
    without = load(make_content, [assigned_proposal(year=2022)])
    assert "overdue" in without.life("2022-0001").flags


def test_a_reply_to_a_legacy_proposal_and_an_unknown_result(make_content):
    site = load(make_content, [legacy(), ("responses/2022/legacy-1-fgw.md", front_matter(
        {"proposal": "2022-legacy-1", "unit": "fgw", "role": "lead", "date": "二〇二二年八月三十日", "result": "未知"}))])
    assert site.report.ok and not site.report.problems, site.report.format()
    x = site.responses["2022/legacy-1-fgw"]
    assert x.result is None and x.unknown == {"result"}
    life = site.life("2022-legacy-1")
    assert life.status == "replied" and life.days_to_reply is None


def test_rates_and_medians_say_how_many_they_left_out(make_content):
    files = [legacy(), ("responses/2022/legacy-1-fgw.md", front_matter(
        {"proposal": "2022-legacy-1", "unit": "fgw", "role": "lead", "date": "2022-08-30", "result": "未知"})),
        assigned_proposal(year=2022), response("2022-0001", date="2022-03-01"),
        assigned_proposal("0002", year=2022, assigned="未知")]
    site = load(make_content, files)
    assert site.report.ok, site.report.format()
    f = stats.overall(site)
    assert (f.assigned, f.replied, f.reply_rate.text) == (3, 2, "66.7%")
    assert (f.on_time_rate.num, f.on_time_rate.den, f.on_time_rate.left_out) == (1, 1, 2)
    assert f.on_time_rate.left_out_text == "2 件日期不详，未计入"
    assert (f.days.values, f.days.left_out_text) == ((19,), "1 件日期不详，未计入")
    assert f.reply_days.left_out_text == "1 份日期不详，未计入"
    assert f.adoption_rate.left_out_text == "1 份答复类别不详，未计入"
    assert (f.overdue, f.in_progress, f.due_unknown_pending, f.replied_late) == ([], 0, 1, 0)
    assert f.as_dict()["on_time_rate"]["left_out"] == 2
    u = stats.unit_figures(site, site.vocab.unit("fgw"))
    assert u.on_time_rate.left_out_text == "2 件日期不详，未计入" and u.days.left_out_text == "1 份日期不详，未计入"
    assert u.overdue == [] and u.adoption_rate.left_out == 1


@pytest.mark.parametrize("word", ["未知", "不详", "unknown", "Unknown"])
def test_every_unknown_word(make_content, word):
    site = load(make_content, [proposal(submitted=word)])
    assert site.report.ok and site.proposals["2026-0001"].unknown == {"submitted"}, site.report.format()


def test_an_omitted_required_key_says_how_to_write_unknown(make_content):
    path, text = proposal()
    text = re.sub(r"submitted: .*\n", "", text)
    p = [x for x in load(make_content, {path: text}).report.problems if x.key == "submitted"][0]
    assert p.format() == ("proposals/2026/0001.md [submitted] 错误：缺少必填项「submitted」（提交日期）。原件上没有时，写「submitted: 未知」。\n"
                          "  error: The required key 'submitted' is missing. If the record does not say, write 'submitted: 未知' (or 'unknown').")


def test_units_without_an_assignment_date_say_how_to_write_unknown(make_content):
    path, text = assigned_proposal()
    text = re.sub(r"assigned: .*\n", "", text)
    p = [x for x in load(make_content, {path: text}).report.problems if x.key == "assigned"][0]
    assert p.zh == "写了主办单位，还需要交办日期（assigned）；原件上没有时，写「assigned: 未知」。"
    assert p.en == "Units are listed, so 'assigned' (the date) is required; if the record does not say, write 'assigned: 未知'."


def test_lead_reply_without_result_says_how_to_write_unknown(make_content):
    path, text = response()
    text = text.replace("result: A\n", "")
    p = [x for x in load(make_content, [assigned_proposal(), (path, text)]).report.problems if x.key == "result"][0]
    assert p.zh == "主办或分办单位的答复需要答复类别（result）；原件上没有时，写「result: 未知」。"


def test_unknown_is_not_accepted_where_the_record_always_says(make_content):
    report = load(make_content, [proposal(title="未知", category="未知")]).report
    assert [p.key for p in report.errors] == ["category"], report.format()


@pytest.mark.parametrize("printed, number", [("第12号", "12"), ("第0012号", "0012"), ("12号", "12"), ("第１２号", "12")])
def test_a_printed_number_is_read_with_a_warning(make_content, printed, number):
    _, text = proposal(number="x")
    site = load(make_content, {f"proposals/2026/{number}.md": text.replace("number: x", f"number: {printed}")})
    assert f"2026-{number}" in site.proposals, site.report.format()
    (w,) = site.report.problems
    assert not w.is_error and w.key == "number"
    assert w.zh == f"提案号按“{number}”读取；请只写号码：number: \"{number}\"。"
    assert w.en == f"The number is read as '{number}'; write only the number: number: \"{number}\"."


def test_unknown_number_needs_a_plain_file_name(make_content):
    _, text = legacy()
    p = load(make_content, {"proposals/2022/老提案.md": text}).report.errors[0]
    assert p.key == "number" and "用文件名作编号" in p.zh and "the file name is the id" in p.en


# ---------------------------------------------------------------- names as printed, groups as proposers


def test_names_separated_by_spaces_as_printed_give_the_suggested_list(make_content):
    site = load(make_content, [proposal(proposers="王燕峰    卢红梅    赵   历")])
    assert site.proposals["2026-0001"].proposers == ["王燕峰", "卢红梅", "赵历"]
    (w,) = site.report.problems
    assert not w.is_error and site.report.ok
    assert w.format() == (
        "proposals/2026/0001.md:5 [proposers] 「王燕峰    卢红梅    赵   历」 警告：提案者之间用空格分隔，已按 3 人读取。"
        "请用顿号“、”分隔姓名。 您是不是要写「王燕峰、卢红梅、赵历」？\n"
        "  warning: Names separated by spaces were read as 3 people. Separate names with 、. "
        "Did you mean '王燕峰、卢红梅、赵历'?")


def test_a_list_item_with_full_width_spaces_is_split_too(make_content):
    site = load(make_content, [proposal(proposers=["王燕峰\u3000卢红梅", "李四"])])
    assert site.proposals["2026-0001"].proposers == ["王燕峰", "卢红梅", "李四"]
    assert [p.hint for p in site.report.problems] == ["王燕峰、卢红梅"]


def test_names_separated_by_the_enumeration_comma_are_not_warned(make_content):
    site = load(make_content, [proposal(proposers="王燕峰、卢红梅、赵历")])
    assert not site.report.problems and site.proposals["2026-0001"].proposer_type == "joint"


@pytest.mark.parametrize("group, kind", [("九三学社测试区委", "party"), ("民盟测试区委", "party"),
                                         ("经济界", "sector"), ("中国民主同盟", "party"),
                                         ("区政协社会和法制委员会", "committee"), ("提案委员会专委会", "committee"),
                                         ("区工商联", "organisation"), ("张三", "individual")])
def test_a_group_may_propose_with_no_person(make_content, group, kind):
    site = load(make_content, [proposal(proposers=[group])])
    assert site.report.ok and not site.report.problems, site.report.format()
    assert site.proposals["2026-0001"].proposer_type == kind
