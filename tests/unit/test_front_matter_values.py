"""Typed reading of front-matter values (plugins/disclosure/fields.py), one key at a time, as staff
type or paste them (docs/content-model.md; the staff guide's error catalogue gives the messages)."""
import datetime as dt
from types import SimpleNamespace

import pytest

from disclosure.fields import FieldReader, as_text, is_unknown, written_key
from disclosure.labels import SATISFACTION
from disclosure.problems import ERROR, WARNING
from disclosure.source import read_text_document


def reader(meta, lines=None, aliases=None):
    src = SimpleNamespace(path="proposals/2026/0001.md", meta=meta,
                          key_lines=lines or {k: i + 2 for i, k in enumerate(meta)})
    return FieldReader(src, aliases)


def only(r):
    (p,) = r.problems
    return p


# ---------------------------------------------------------------- keys as typed or pasted


@pytest.mark.parametrize("key", ["title", " title", "title ", "title\u3000", "\u3000title", "title\xa0", "\ttitle"])
def test_a_key_with_spaces_typed_or_pasted_around_it_is_the_key(key):
    assert written_key(key) == "title"
    r = reader({key: "关于社区食堂的建议"}, lines={key: 4})
    assert r.text("title") == "关于社区食堂的建议" and r.lines["title"] == 4 and not r.problems


@pytest.mark.parametrize("typed", ["submitted\u3000: 2026-02-30", "submitted : 2026-02-30", "submitted\xa0: 2026-02-30",
                                   "提交日期\u3000: 2026-02-30"])
def test_a_mistake_on_a_key_typed_with_a_space_before_its_colon_names_its_line(typed):
    src = read_text_document("proposals/2026/0001.md", f"---\ntitle: 关于社区食堂的建议\n{typed}\n---\n")
    r = FieldReader(src, {"提交日期": "submitted"})
    assert r.date("submitted") is None
    assert (only(r).key, only(r).line) == ("submitted", 3)


def test_a_chinese_key_is_its_english_key_and_keeps_its_line():
    r = reader({"提案号": "0001", "案由": "关于社区食堂的建议"}, lines={"提案号": 2, "案由": 3},
               aliases={"提案号": "number", "案由": "title"})
    assert (r.text("number"), r.text("title")) == ("0001", "关于社区食堂的建议")
    r.integer("number")  # any mistake on it is reported on the line staff wrote it
    r.problem("title", zh="x", en="x")
    assert r.problems[-1].line == 3


def test_a_key_written_in_both_languages_is_an_error_on_the_first_keys_line():
    r = reader({"number": "0001", "提案号": "0002"}, lines={"number": 2, "提案号": 5}, aliases={"提案号": "number"})
    p = only(r)
    assert (p.key, p.zh, p.en, p.severity) == ("number", "「提案号」与「number」是同一个键，只能写一个。",
                                               "'提案号' and 'number' are the same key; write only one.", ERROR)
    assert p.line == 2 and r.text("number") == "0001"
    r = reader({"number": "0001", "提案号": "0002", "title": "关于社区食堂的建议"}, aliases={"提案号": "number"})
    assert r.text("title") == "关于社区食堂的建议"  # the keys after it are still read


def test_an_unknown_key_is_a_warning_with_the_nearest_key():
    r = reader({"titel": "x", "title": "y"})
    r.text("title")
    (p,) = r.finish(["title", "category"])
    assert (p.key, p.severity, p.zh, p.en, p.hint) == ("titel", WARNING, "未知的键，已忽略。",
                                                        "Unknown key; it is ignored.", "title")


@pytest.mark.parametrize("typo", ["title.", "review.date", "v1.2"])
def test_an_unknown_key_with_a_dot_is_warned_on_its_own_line(typo):
    src = read_text_document("proposals/2026/0001.md", f"---\ntitle: 关于社区食堂的建议\nreview: filed\n{typo}: x\n---\n")
    r = FieldReader(src)
    r.text("title")
    r.text("review")
    (p,) = r.finish(["title", "review"])
    assert (p.key, p.line, p.severity) == (typo, 4, WARNING)


def test_keys_that_are_read_or_known_are_not_warned():
    r = reader({"title": "y", "summary": "z"})
    r.text("title")
    assert r.finish(["summary"]) == []


# ---------------------------------------------------------------- required, empty and unknown


@pytest.mark.parametrize("value", [None, "", []])
def test_an_empty_required_value_is_missing(value):
    r = reader({"title": value})
    assert r.text("title", required=True, zh_name="标题") is None
    p = only(r)
    assert (p.key, p.zh, p.en) == ("title", "缺少必填项「title」（标题）。", "The required key 'title' is missing.")
    assert p.line == 2


def test_a_missing_key_without_a_chinese_name():
    r = reader({})
    r.text("title", required=True)
    assert only(r).zh == "缺少必填项「title」。" and only(r).line is None
    assert (only(r).path, only(r).value, only(r).allowed, only(r).hint) == ("proposals/2026/0001.md", "", "", "")
    r = reader({})
    r.date("closed", required=True)
    assert only(r).zh == "缺少必填项「closed」。"


def test_a_missing_key_that_may_be_unknown_says_how_to_write_that():
    r = reader({})
    assert r.date("submitted", required=True, zh_name="提交日期", unknown_ok=True) is None
    p = only(r)
    assert p.zh == "缺少必填项「submitted」（提交日期）。原件上没有时，写「submitted: 未知」。"
    assert p.en == "The required key 'submitted' is missing. If the record does not say, write 'submitted: 未知' (or 'unknown')."


def test_an_optional_missing_key_is_no_problem():
    r = reader({})
    assert (r.text("supervisor"), r.integer("term"), r.date("closed"), r.text_list("tags")) == (None, None, None, [])
    assert r.boolean("key") is False and r.boolean("key", default=True) is True
    assert r.mapping_list("events") == [] and not r.problems
    assert r.used == {"supervisor", "term", "closed", "tags", "key", "events"}


@pytest.mark.parametrize("word", ["未知", "不详", "unknown", "Unknown", " 未知 ", "UNKNOWN"])
def test_unknown_facts_are_kept_apart_where_allowed(word):
    assert is_unknown(word)
    r = reader({"submitted": word, "number": word, "proposers": word})
    assert r.date("submitted", required=True, unknown_ok=True) is None
    assert r.text("number", required=True, unknown_ok=True) is None
    assert r.text_list("proposers", required=True, unknown_ok=True) == []
    assert r.unknown == {"submitted", "number", "proposers"} and not r.problems


def test_unknown_is_a_word_only_where_it_is_not_allowed():
    assert not is_unknown("未知单位") and not is_unknown(None) and not is_unknown(["未知"])
    r = reader({"title": "未知", "date": "未知"})
    assert r.text("title", required=True) == "未知"
    assert r.date("date", required=True) is None
    p = only(r)
    assert p.zh == "日期无效：这一项不能写「未知」，请照原件填写日期。"
    assert p.en == "Invalid date: this date cannot be written as unknown; copy it from the record."
    assert r.unknown == set()


# ---------------------------------------------------------------- text


@pytest.mark.parametrize("value, text", [("  关于建议  ", "关于建议"), (2017009, "2017009"), (True, "true"),
                                         (False, "false"), (1.5, "1.5"), (0, "0")])
def test_text_is_what_staff_typed(value, text):
    assert as_text(value) == text
    assert reader({"doc_no": value}).text("doc_no") == text


@pytest.mark.parametrize("value", [["a", "b"], {"a": 1}])
def test_a_list_where_text_belongs_is_an_error(value):
    r = reader({"title": value})
    assert r.text("title") is None
    p = only(r)
    assert (p.zh, p.en) == ("这里应填写一段文字，不是列表或键值对。", "This must be a piece of text, not a list or mapping.")
    assert p.value == str(value)


def test_a_long_value_is_cut_in_the_message():
    r = reader({"year": "年" * 70})
    r.integer("year")
    assert only(r).value == "年" * 57 + "…"
    r = reader({"year": "年" * 61})
    r.integer("year")
    assert only(r).value == "年" * 57 + "…"
    r = reader({"year": "年" * 60})
    r.integer("year")
    assert only(r).value == "年" * 60


# ---------------------------------------------------------------- links


def test_a_link_is_an_http_address():
    r = reader({"icp_url": " https://beian.miit.gov.cn/ "})
    assert r.url("icp_url") == "https://beian.miit.gov.cn/" and not r.problems
    assert reader({}).url("icp_url") is None


@pytest.mark.parametrize("value", ["javascript:alert(1)", "beian.miit.gov.cn", "https://a.example/ b", "//a.example/",
                                   "https://[a.example/"])
def test_anything_else_where_a_link_belongs_is_an_error(value):
    r = reader({"icp_url": value})
    assert r.url("icp_url") is None
    p = only(r)
    assert p.zh == "网址只能是以 http:// 或 https:// 开头的完整网址，不能含空格、引号或尖括号。"
    assert p.en == "A link must be a full http:// or https:// address, without spaces, quotes or angle brackets."
    assert p.allowed.startswith("以 http:// 或 https:// 开头的完整网址")
    assert p.value == value  # the message quotes what was written


# ---------------------------------------------------------------- whole numbers and yes / no


@pytest.mark.parametrize("value, number", [(2026, 2026), ("2026", 2026), (" 15 ", 15), ("２０２６", 2026), (0, 0)])
def test_whole_numbers_as_typed(value, number):
    r = reader({"year": value})
    assert r.integer("year") == number and not r.problems


def test_a_session_may_be_between_sessions():
    r = reader({"session": " 闭会期间 "})
    assert r.integer("session", allow_text=("闭会期间",)) == "闭会期间" and not r.problems


@pytest.mark.parametrize("value, quoted", [("十五", "十五"), (" 2026年 ", "2026年"), ("1.5", "1.5"), (True, "true"),
                                           (1.5, "1.5"), ("-1", "-1")])
def test_what_is_not_a_whole_number(value, quoted):
    r = reader({"term": value})
    assert r.integer("term") is None
    p = only(r)
    assert (p.zh, p.en, p.allowed) == ("应为整数。", "This must be a whole number.", "整数 / a whole number")
    assert p.value == quoted  # as typed: true, not Python's True


def test_what_is_not_a_session_names_between_sessions_too():
    r = reader({"session": "会后"})
    assert r.integer("session", allow_text=("闭会期间",)) is None
    p = only(r)
    assert (p.zh, p.allowed) == ("应为整数或 闭会期间。", "整数 / a whole number, 闭会期间")


@pytest.mark.parametrize("value", [True, "true", "TRUE", "yes", "是", "1", "y", "Y", 1, " 是 "])
def test_yes(value):
    r = reader({"key": value})
    assert r.boolean("key") is True and not r.problems


@pytest.mark.parametrize("value", [False, "false", "no", "否", "0", "n", "N", 0])
def test_no(value):
    r = reader({"key": value})
    assert r.boolean("key", default=True) is False and not r.problems


def test_neither_yes_nor_no_is_an_error_and_the_default():
    r = reader({"key": "重点"})
    assert r.boolean("key") is False
    p = only(r)
    assert (p.zh, p.en, p.allowed) == ("应为 true 或 false（是 / 否）。", "This must be true or false.", "true、false、是、否")
    assert reader({"key": "重点"}).boolean("key", default=True) is True


# ---------------------------------------------------------------- dates


def test_a_date_in_any_printed_form():
    r = reader({"submitted": "二〇二六年一月十五日", "assigned": dt.date(2026, 2, 1)})
    assert r.date("submitted") == dt.date(2026, 1, 15) and r.date("assigned") == dt.date(2026, 2, 1)
    assert not r.problems


def test_a_wrong_date_says_why_and_lists_every_form():
    r = reader({"submitted": "2026-02-30"}, lines={"submitted": 7})
    assert r.date("submitted", unknown_ok=True) is None
    p = only(r)
    assert (p.key, p.line, p.value) == ("submitted", 7, "2026-02-30")
    assert (p.zh, p.en) == ("日期无效：2026 年 2 月没有 30 日。", "Invalid date: 2026-02 has no day 30.")
    assert p.allowed.startswith("2023-03-15、2023/3/15") and p.allowed.endswith("；未知（或 不详、unknown）/ 未知 (or 不详, unknown)")
    r = reader({"closed": "下周一"})
    r.date("closed")
    assert only(r).zh == "日期无效：不是日期。"
    # the staff guide's list of forms, and nothing after it where 未知 is not allowed
    assert only(r).allowed.endswith("二〇二三年三月十五日（〇 或 ○ 均可 / either zero）；YYYY-MM-DD 最稳妥 / safest")


def test_a_nested_date_is_named_by_its_label_and_line():
    r = reader({"feedback": [{"date": "2026-13-01"}]}, lines={"feedback": 9})
    assert r.date("date", value="2026-13-01", label="feedback[1].date", line=11) is None
    p = only(r)
    assert (p.key, p.line, p.zh) == ("feedback[1].date", 11, "日期无效：没有 13 月。")
    r = reader({"feedback": [{"date": "x"}]}, lines={"feedback": 9})
    r.date("date", value="x", label="feedback[1].date")
    assert only(r).line == 9  # the line of the list, when the item's own is not known


# ---------------------------------------------------------------- labels and site.yaml vocabularies


@pytest.mark.parametrize("value, key", [("基本满意", "basically_satisfied"), ("satisfied", "satisfied"),
                                        (" 满意 ", "satisfied"), ("Dissatisfied", "dissatisfied")])
def test_a_label_in_either_language(value, key):
    r = reader({"satisfaction": value})
    assert r.enum("satisfaction", SATISFACTION) == key and not r.problems


def test_an_unknown_label_lists_the_allowed_ones_with_the_nearest():
    r = reader({"satisfaction": "满 意"})
    assert r.enum("satisfaction", SATISFACTION, default="none") == "none"
    p = only(r)
    assert (p.zh, p.en) == (f"「{SATISFACTION.name_zh}」的值不在允许范围内。", "Unknown value for 'satisfaction'.")
    assert p.allowed == SATISFACTION.allowed() and p.hint == "满意"
    r = reader({})
    assert r.enum("satisfaction", SATISFACTION, value="很好", label="feedback[2].satisfaction", line=12) is None
    assert (only(r).key, only(r).line) == ("feedback[2].satisfaction", 12)


def test_a_vocabulary_value_not_in_site_yaml():
    names = ["社会事业", "城市建设"]
    lookup = {n: n.upper() for n in names}.get
    r = reader({"category": "社会事业"})
    assert r.choice("category", lookup, names, "类别", "categories", required=True) == "社会事业"
    r = reader({"category": "社会事"})
    assert r.choice("category", lookup, names, "类别", "categories") is None
    p = only(r)
    assert (p.zh, p.en) == ("「社会事」不在 site.yaml 的类别列表中。", "'社会事' is not one of the categories in site.yaml.")
    assert (p.allowed, p.hint) == ("社会事业、城市建设", "社会事业")
    r = reader({})
    r.choice("category", lookup, names, "类别", "categories", required=True)
    assert only(r).zh == "缺少必填项「category」（类别）。"


# ---------------------------------------------------------------- lists


@pytest.mark.parametrize("value", ["区教育局、区民政局", "区教育局，区民政局", "区教育局,区民政局", "区教育局, 区民政局",
                                   "区教育局；区民政局", "区教育局;区民政局", "区教育局、 区民政局、",
                                   ["区教育局", "区民政局"], ["区教育局，区民政局"], ["区教育局、区民政局"],
                                   ["区教育局；区民政局"], ["区教育局;区民政局"], ["区教育局、", "区民政局"]])
def test_a_list_of_names_in_one_line_or_as_a_list(value):
    r = reader({"lead_units": value})
    assert r.text_list("lead_units") == ["区教育局", "区民政局"] and not r.problems


def test_a_single_value_is_a_list_of_one():
    assert reader({"tags": 2026}).text_list("tags") == ["2026"]
    assert reader({"tags": ["养老", 2026, True]}).text_list("tags") == ["养老", "2026", "true"]


def test_a_list_inside_a_list_is_an_error_on_its_item():
    r = reader({"cc": ["区政协提案委", ["区政府"], None]}, lines={"cc": 6})
    assert r.text_list("cc") == ["区政协提案委"]
    assert [(p.key, p.line, p.zh, p.en) for p in r.problems] == [
        ("cc[2]", 6, "列表中的每一项应为一段文字。", "Each item of this list must be text."),
        ("cc[3]", 6, "列表中的每一项应为一段文字。", "Each item of this list must be text.")]
    assert [p.value for p in r.problems] == ["['区政府']", ""]  # an empty item quotes nothing (never 'None')


def test_a_list_of_mappings():
    one = {"date": "2026-05-10", "satisfaction": "满意"}
    assert reader({"feedback": one}).mapping_list("feedback") == [("feedback[1]", one)]
    r = reader({"feedback": [one, "满意", one]})
    assert r.mapping_list("feedback") == [("feedback[1]", one), ("feedback[3]", one)]
    p = only(r)
    assert (p.key, p.zh, p.en) == ("feedback[2]", "列表的每一项应为“键: 值”的形式（如 date、note）。",
                                   "Each item must be a mapping (with keys such as date, note).")
    assert p.value == "满意"


def test_text_where_a_list_of_mappings_belongs_is_an_error():
    r = reader({"feedback": "满意"})
    assert r.mapping_list("feedback") == []
    p = only(r)
    assert (p.key, p.zh, p.en) == ("feedback", "应为列表，每项以“- date: …”开头。",
                                   "This must be a list of entries, each starting with '- date: …'.")
    assert p.value == "满意"


def test_a_missing_list_is_named_with_its_chinese_name():
    r = reader({})
    assert r.text_list("proposers", required=True, zh_name="提案者", unknown_ok=True) == []
    assert only(r).zh == "缺少必填项「proposers」（提案者）。原件上没有时，写「proposers: 未知」。"
    r = reader({})
    r.text_list("cc", required=True)
    assert only(r).zh == "缺少必填项「cc」。"


def test_unknown_is_a_word_in_a_list_that_does_not_allow_it():
    r = reader({"tags": "未知"})
    assert r.text_list("tags") == ["未知"] and r.unknown == set() and not r.problems


def test_a_missing_whole_number_or_label_is_named():
    r = reader({})
    assert r.integer("year", required=True, zh_name="年度") is None
    assert only(r).zh == "缺少必填项「year」（年度）。"
    r = reader({})
    r.integer("year", required=True)
    assert only(r).zh == "缺少必填项「year」。"
    r = reader({})
    assert r.enum("satisfaction", SATISFACTION, required=True) is None
    assert only(r).zh == f"缺少必填项「satisfaction」（{SATISFACTION.name_zh}）。"
    r = reader({})
    assert r.enum("satisfaction", SATISFACTION, default="none") == "none" and not r.problems


def test_several_words_allowed_instead_of_a_number_are_all_named():
    r = reader({"session": "会后"})
    assert r.integer("session", allow_text=("闭会期间", "临时会议")) is None
    assert (only(r).zh, only(r).allowed) == ("应为整数或 闭会期间、临时会议。", "整数 / a whole number, 闭会期间, 临时会议")


def test_a_number_typed_as_a_key_is_an_unknown_key_on_its_line():
    src = read_text_document("proposals/2026/0001.md", "---\ntitle: 关于社区食堂的建议\n2026: 关于\n---\n")
    r = FieldReader(src)
    r.text("title")
    (p,) = r.finish(["title"])
    assert (p.key, p.line, p.severity) == ("2026", 3, WARNING)
