"""Every kind of mistake staff make: one clear bilingual message each, all in one run."""
import pytest

from conftest import BUILD_DATE, assigned_proposal, front_matter, proposal, response, site_yaml
from disclosure.site import load_site


def problems(make_content, files, **site):
    return load_site(make_content(dict(files), **site), today=BUILD_DATE).report


def only(report, path=None, key=None):
    found = [p for p in report.problems if (path is None or p.path == path) and (key is None or p.key == key)]
    assert found, report.format()
    return found[0]


def test_good_content_has_no_problems(make_content):
    report = problems(make_content, [assigned_proposal(), response()])
    assert report.ok and not report.problems, report.format()


def test_broken_yaml_names_file_and_line(make_content):
    report = problems(make_content, {"proposals/2026/0001.md": "---\nnumber: '0001'\ntitle: 关于: 建议\n---\n"})
    p = only(report, "proposals/2026/0001.md")
    assert p.line == 3
    assert "YAML" in p.zh and "not valid YAML" in p.en
    assert "proposals/2026/0001.md:3" in p.format()


def test_front_matter_that_is_not_a_mapping(make_content):
    report = problems(make_content, {"proposals/2026/0001.md": "---\n- a\n- b\n---\n"})
    assert "键: 值" in only(report).zh and "mapping" in only(report).en


def test_empty_file(make_content):
    p = only(problems(make_content, {"proposals/2026/0001.md": ""}))
    assert "文件是空的" in p.zh and "empty" in p.en


def test_missing_front_matter(make_content):
    p = only(problems(make_content, {"proposals/2026/0001.md": "只有正文\n"}))
    assert "缺少元数据块" in p.zh


def test_not_utf8(make_content):
    path, text = proposal()
    p = only(problems(make_content, {path: text.encode("gb18030")}))
    assert "GBK" in p.zh and "Save it as UTF-8" in p.en


def test_missing_required_keys_are_all_listed(make_content):
    report = problems(make_content, {"proposals/2026/0001.md": front_matter({"number": "0001", "year": 2026})})
    keys = {p.key for p in report.errors}
    assert {"title", "proposers", "category", "submitted"} <= keys
    assert "缺少必填项「title」" in only(report, key="title").zh
    assert "required key 'title' is missing" in only(report, key="title").en


def test_unknown_vocabulary_value_suggests_the_near_miss(make_content):
    report = problems(make_content, [proposal(category="经济建", sector="民盟")])
    p = only(report, key="category")
    assert p.value == "经济建" and p.hint == "经济建设"
    assert "经济建设、城市建设、社会事业" in p.allowed
    assert "您是不是要写「经济建设」" in p.format() and "Did you mean '经济建设'" in p.format()
    assert only(report, key="sector").hint == "中国民主同盟"


def test_unknown_enum_lists_allowed_values(make_content):
    p = only(problems(make_content, [proposal(review="filled", review_date="2026-02-01")]), key="review")
    assert p.hint == "filed"
    assert "filed（立案）" in p.allowed


def test_chinese_labels_are_accepted_for_enums(make_content):
    report = problems(make_content, [assigned_proposal(review="立案", handling="单独办理", disclosure="全文公开")])
    assert report.ok, report.format()


@pytest.mark.parametrize("value, reason", [("2023-02-30", "2 月没有 30 日"), ("2023-13-01", "没有 13 月"),
                                           ("明天", "不是日期")])
def test_impossible_dates(make_content, value, reason):
    p = only(problems(make_content, [proposal(submitted=value)]), key="submitted")
    assert reason in p.zh and p.value == value and "YYYY-MM-DD" in p.allowed


@pytest.mark.parametrize("written", ["二〇二二年八月三十日", "二○二二年八月三十日", "２０２２年８月３０日", "2022.8.30",
                                     "2022/8/30", "2022年8月30日", "2022-08-30", "'2022-08-30'",
                                     "2022-08-30T10:00:00+08:00", "2022-08-30 10:00", "!!timestamp 2022-08-30"])
def test_dates_as_letters_print_them(make_content, written):
    text = front_matter({"number": "0001", "year": 2022, "title": "关于建议", "proposers": ["张三"],
                         "category": "经济建设"}).replace("---\n\n", f"submitted: {written}\n---\n\n")
    site = load_site(make_content({"proposals/2022/0001.md": text}), today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    assert site.proposals["2022-0001"].submitted.isoformat() == "2022-08-30"


@pytest.mark.parametrize("written, iso", [("二○一一年十二月五日", "2011-12-05"), ("二〇二二年十月十日", "2022-10-10"),
                                          ("二〇二〇年二月二十九日", "2020-02-29"), ("二〇二三年一月三十一日", "2023-01-31")])
def test_chinese_numeral_dates_with_tens(make_content, written, iso):
    site = load_site(make_content([proposal(year=2026, submitted=written)]), today=BUILD_DATE)
    assert site.proposals["2026-0001"].submitted.isoformat() == iso, site.report.format()


def test_a_date_that_is_always_on_the_record_cannot_be_unknown(make_content):
    p = only(problems(make_content, [assigned_proposal(), response(date="未知")]), key="date")
    assert p.zh == "日期无效：这一项不能写「未知」，请照原件填写日期。"
    assert p.en == "Invalid date: this date cannot be written as unknown; copy it from the record."
    assert "未知" not in p.allowed


def test_date_error_lists_every_accepted_form(make_content):
    p = only(problems(make_content, [proposal(submitted="二〇二三年二月三十日")]), key="submitted")
    assert p.format() == (
        "proposals/2026/0001.md:8 [submitted] 「二〇二三年二月三十日」 错误：日期无效：2023 年 2 月没有 30 日。 "
        "可用的值：2023-03-15、2023/3/15、2023.3.15、2023年3月15日、２０２３年３月１５日、二〇二三年三月十五日（〇 或 ○ 均可 / either zero）；"
        "YYYY-MM-DD 最稳妥 / safest；未知（或 不详、unknown）/ 未知 (or 不详, unknown)\n"
        "  error: Invalid date: 2023-02 has no day 30. Allowed: 2023-03-15、2023/3/15、2023.3.15、2023年3月15日、"
        "２０２３年３月１５日、二〇二三年三月十五日（〇 或 ○ 均可 / either zero）；YYYY-MM-DD 最稳妥 / safest；"
        "未知（或 不详、unknown）/ 未知 (or 不详, unknown)")


def test_duplicate_proposal_ids(make_content):
    _, text = proposal("0001")
    report = problems(make_content, {"proposals/2026/0001.md": text, "proposals/2026/copy.md": text})
    dup = [p for p in report.errors if "重复" in p.zh]
    assert {p.path for p in dup} == {"proposals/2026/0001.md", "proposals/2026/copy.md"}
    assert "Duplicate proposal id 2026-0001" in dup[0].en


def test_reply_to_unknown_proposal(make_content):
    report = problems(make_content, [assigned_proposal("0001"), response("2026-0002")])
    p = only(report, "responses/2026/0002-fgw.md", "proposal")
    assert "找不到这件提案" in p.zh and p.hint == "2026-0001"


def test_reply_from_unit_not_assigned(make_content):
    report = problems(make_content, [assigned_proposal(), response(unit="mz")])
    p = only(report, "responses/2026/0001-mz.md", "unit")
    assert "不是提案 2026-0001 的承办单位" in p.zh
    assert p.allowed == "测试区发展和改革委员会"


def test_reply_role_must_match_assignment(make_content):
    report = problems(make_content, [assigned_proposal(handling="lead_co", co_units=["区民政局"]),
                                     response(unit="mz", role="lead")])
    assert "办理角色是「会办」" in only(report, key="role").zh


def test_reply_class_not_in_site_yaml(make_content):
    p = only(problems(make_content, [assigned_proposal(), response(result="D")]), key="result")
    assert "result_codes" in p.zh and "A（已经解决或基本解决）" in p.allowed


def test_lead_reply_needs_a_result(make_content):
    path, text = response()
    text = text.replace("result: A\n", "")
    assert "需要答复类别" in only(problems(make_content, [assigned_proposal(), (path, text)]), key="result").zh


def test_merged_into_pointing_nowhere(make_content):
    report = problems(make_content, [proposal("0001"), proposal("0002", review="merged", review_date="2026-02-01",
                                                                merged_into="2026-0003")])
    p = only(report, key="merged_into")
    assert "找不到要并入的提案" in p.zh and p.hint == "2026-0001"


def test_reply_before_assignment(make_content):
    report = problems(make_content, [assigned_proposal(), response(date="2026-02-01")])
    assert "答复日期早于交办日期（2026-02-10）" in only(report, key="date").zh


def test_feedback_before_reply(make_content):
    report = problems(make_content, [assigned_proposal(feedback=[{"date": "2026-03-01", "satisfaction": "满意"}]),
                                     response(date="2026-04-01")])
    p = only(report, key="feedback[1].date")
    assert "委员反馈（2026-03-01）早于第一份答复（2026-04-01）" in p.zh
    assert "before the first reply" in p.en


def test_dates_backwards_along_the_lifecycle(make_content):
    report = problems(make_content, [assigned_proposal(submitted="2026-03-01")])
    assert "审查日期（2026-02-01）早于提交日期（2026-03-01）" in only(report, key="review_date").zh


def test_closed_before_all_lead_units_replied(make_content):
    report = problems(make_content, [assigned_proposal(closed="2026-06-01")])
    assert "还有主办单位未答复" in only(report, key="closed").zh


def test_unknown_keys_warn_but_do_not_fail(make_content):
    report = problems(make_content, [proposal(titel="x")])
    p = only(report, key="titel")
    assert not p.is_error and p.hint == "title"
    assert report.ok


def test_chinese_key_aliases(make_content):
    text = front_matter({"提案号": "0001", "年度": 2026, "案由": "关于建议", "提案者": ["王五"], "类别": "经济建设",
                         "提交日期": "2026-01-10"})
    site = load_site(make_content({"proposals/2026/0001.md": text}), today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    assert site.proposals["2026-0001"].title == "关于建议"


def test_unquoted_number_keeps_leading_zero(make_content):
    text = "---\nnumber: 0110\nyear: 2026\ntitle: 建议\nproposers: [张三]\ncategory: 经济建设\nsubmitted: 2026-01-10\n---\n"
    site = load_site(make_content({"proposals/2026/0110.md": text}), today=BUILD_DATE)
    assert site.report.ok and list(site.proposals) == ["2026-0110"]


def test_every_error_is_reported_in_one_run(make_content):
    files = {
        "proposals/2026/0001.md": "---\ntitle: [\n---\n",
        "proposals/2026/0002.md": "",
        "responses/2026/0009-fgw.md": front_matter({"proposal": "2026-0009", "unit": "区发改委", "role": "lead",
                                                   "date": "2026-02-30", "result": "A"}),
        "announcements/2026/x.md": front_matter({"title": "公示", "date": "2026-05-01", "kind": "公式"}),
    }
    report = problems(make_content, files)
    paths = {p.path for p in report.errors}
    assert paths == set(files), report.format()
    assert report.format().endswith("error(s), 0 warning(s).")


def test_site_yaml_mistakes(make_content):
    report = problems(make_content, [], site=site_yaml(units=[{"name": "区发改委", "slug": "FGW 1"}],
                                                       result_codes=[{"code": "A"}], reply_days="九十"))
    keys = {p.key for p in report.errors}
    assert {"units[1]", "result_codes[1]", "reply_days"} <= keys, report.format()
    assert all(p.path == "site.yaml" for p in report.errors)


def test_missing_site_yaml(tmp_path):
    (tmp_path / "proposals").mkdir()
    report = load_site(tmp_path, today=BUILD_DATE).report
    assert "缺少 site.yaml" in only(report, "site.yaml").zh


def test_messages_name_file_key_value_allowed_in_both_languages(make_content):
    p = only(problems(make_content, [proposal(category="经济")]), key="category")
    text = p.format()
    assert text.startswith("proposals/2026/0001.md:")
    assert "[category]" in text and "「经济」" in text and "可用的值：" in text and "Allowed:" in text
    assert "错误" in text and "error:" in text


def test_response_and_announcement_file_names_must_be_url_safe(make_content):
    from conftest import front_matter as fm
    files = [assigned_proposal(), ("responses/2026/0001 发改委.md", response()[1]),
             ("announcements/2026/低碳社区公示.md", fm({"title": "公示", "date": "2026-05-01", "kind": "公示"}))]
    report = problems(make_content, files)
    bad = {p.path: p for p in report.errors if "文件名和文件夹名会成为网址" in p.zh}
    assert set(bad) == {"responses/2026/0001 发改委.md", "announcements/2026/低碳社区公示.md"}
    assert bad["announcements/2026/低碳社区公示.md"].hint == "di-tan-she-qu-gong-shi.md"


def test_reply_cannot_supersede_itself(make_content):
    report = problems(make_content, [assigned_proposal(), response(supersedes="2026/0001-fgw")])
    assert "不能取代它自己" in only(report, key="supersedes").zh


def test_unknown_role_is_one_clear_error(make_content):
    report = problems(make_content, [assigned_proposal(), response(role="主持")])
    assert [p.key for p in report.errors] == ["role"], report.format()


def test_full_width_punctuation_in_front_matter_is_accepted(make_content):
    text = ("---\nnumber：\"0001\"\nyear：2026\ntitle：关于社区食堂的建议\nproposers：[张三，李四]\ncategory：社会事业\n"
            "submitted：2026年1月10日\nreview: filed\nreview_date: 2026-02-01\nhandling：split\n"
            "lead_units: [区发改委，区民政局]\nassigned：2026-02-10\n---\n\n正文。\n")
    site = load_site(make_content({"proposals/2026/0001.md": text}), today=BUILD_DATE)
    assert site.report.ok and not site.report.problems, site.report.format()
    p = site.proposals["2026-0001"]
    assert p.proposers == ["张三", "李四"] and [u.slug for u in p.lead_units] == ["fgw", "mz"]
    assert p.category.name == "社会事业"


def test_one_slip_gives_one_error_and_no_cascade_in_other_files(make_content):
    path, text = assigned_proposal(feedback=[{"date": "2026-05-10", "satisfaction": "满意"}])
    text = text.replace("- date: '2026-05-10'\n  satisfaction: 满意", "- {date: 2026-05-10，满意度: 满意}")
    files = {path: text, **dict([response(), response(unit="mz", role="co")]),
             "announcements/2026/notice.md": front_matter({"title": "公示", "date": "2026-05-01", "kind": "publicity",
                                                           "related": ["2026-0001"]})}
    report = problems(make_content, files)
    assert [(p.path, p.line, p.value) for p in report.problems] == [(path, 16, "，")], report.format()
