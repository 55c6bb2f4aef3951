"""Front matter typed with a Chinese input method (docs/content-model.md "Full-width punctuation"):
read as staff meant it where that is unambiguous, never inside block text, and when YAML still
cannot read it, one error names the line and the character to change."""
import pytest

from disclosure.fullwidth import culprit, describe, normalise
from disclosure.source import load_yaml, read_text_document


@pytest.mark.parametrize("typed, meant", [
    ("category：社会事业", "category: 社会事业"),
    ("category ：社会事业", "category: 社会事业"),
    ("category：  社会事业", "category: 社会事业"),
    ("category：\u3000社会事业", "category: 社会事业"),
    ("提案号：0001", "提案号: 0001"),
    ("主办单位：区教育局", "主办单位: 区教育局"),
    ("  - date：2026-05-10", "  - date: 2026-05-10"),
    ("    note：已协商", "    note: 已协商"),
    ("feedback：", "feedback:"),
    ("feedback：  ", "feedback:"),
    ("unit:\u3000区教育局", "unit: 区教育局"),
    ("unit:\u3000\u3000区教育局", "unit: 区教育局"),
    ("  - unit:\u3000区教育局", "  - unit: 区教育局"),
    ("单位:\u3000区教育局", "单位: 区教育局"),
])
def test_a_key_s_full_width_colon_or_space_is_read_as_meant(typed, meant):
    assert normalise(typed) == meant


@pytest.mark.parametrize("line", [
    "title: 关于：建议",                 # a colon inside a value is text
    "title: 关于“低碳”社区\u3000建设",   # so are quotes and a full-width space inside it
    "# 注：这是说明",                     # a comment
    "  # 联系人：王某",
    "关于加强社区养老服务的建议：一、二",  # not a key: too long to be one
    "title: 【重点】关于社区食堂的建议",     # brackets that do not hold the whole value
    "note: 好，满意：是",
])
def test_text_that_only_looks_like_punctuation_is_left_as_typed(line):
    assert normalise(line) == line


@pytest.mark.parametrize("typed", [
    "lead_units: 【区教育局，区民政局】", "lead_units: ［区教育局，区民政局］", "lead_units: [区教育局，区民政局］",
    "lead_units: ［区教育局，区民政局]", "lead_units: 【区教育局，区民政局]", "lead_units: [区教育局，区民政局】",
    "lead_units：【区教育局，区民政局】", "lead_units: 【区教育局，区民政局】  ",
])
def test_brackets_around_a_whole_value_make_a_list(typed):
    assert normalise(typed) == "lead_units: [区教育局，区民政局]"
    assert load_yaml(normalise(typed))[0] == {"lead_units": ["区教育局，区民政局"]}


def test_a_list_item_in_full_width_brackets():
    assert normalise("  - 【区教育局】") == "  - [区教育局]"


@pytest.mark.parametrize("typed", [
    "  - ｛date：2026-05-10，satisfaction：满意｝",
    "  - {date：2026-05-10，satisfaction：满意}",
    "  - {date: 2026-05-10，satisfaction: 满意}",
    "  - { date ：2026-05-10 ， satisfaction ：满意}",
    "  - ｛date: 2026-05-10, satisfaction: 满意｝",
])
def test_a_flow_mapping_with_full_width_separators(typed):
    assert load_yaml("feedback:\n" + normalise(typed))[0] == {
        "feedback": [{"date": "2026-05-10", "satisfaction": "满意"}]}


def test_inside_a_flow_mapping_only_english_keys_are_keys():
    # 满意：是 is a note's text, not a key: the Chinese comma and colon before it stay
    assert load_yaml("feedback:\n" + normalise("  - {date：2026-05-10，note：好，满意：是}"))[0] == {
        "feedback": [{"date": "2026-05-10", "note": "好，满意：是"}]}


@pytest.mark.parametrize("start", ["summary: |", "summary: >", "summary: |-", "summary: >+", "summary: |2",
                                   "summary: |  # 摘要", "  - note: |"])
def test_block_text_is_never_changed(start):
    indent = " " * (len(start) - len(start.lstrip()))
    block = [f"{indent}  注：原文【一】", f"{indent}  category：社会事业", "", f"{indent}    lead_units：【甲】"]
    text = "\n".join([start, *block, "category：社会事业"])
    assert normalise(text).split("\n") == [start, *block, "category: 社会事业"]


def test_a_block_ends_where_its_indentation_does():
    text = "  summary: |\n    注：原文\n  category：社会事业\ntitle：好"
    assert normalise(text) == "  summary: |\n    注：原文\n  category: 社会事业\ntitle: 好"


def test_a_line_that_only_ends_in_a_bar_is_not_a_block():
    assert normalise("title: 甲|\ncategory：社会事业") == "title: 甲|\ncategory: 社会事业"
    assert normalise("# note: |\ncategory：社会事业") == "# note: |\ncategory: 社会事业"


def test_the_line_count_never_changes():
    text = "title：甲\n\nsummary: |\n  注：一\n\n  二\nlead_units：【乙】\n"
    assert normalise(text).count("\n") == text.count("\n")


def _parses(text):
    try:
        load_yaml(text)
    except Exception:
        return False
    return True


def test_culprit_names_the_character_whose_ascii_form_makes_the_file_readable():
    text = "title: 关于建议\nfeedback:\n  - {date: 2026-05-10，满意度: 满意}\nyear: 2026"
    assert not _parses(normalise(text))
    assert culprit(text, 3, _parses) == (3, "，")
    assert culprit(text, 4, _parses) == (3, "，")  # YAML may report the line after the slip
    assert culprit(text, None, _parses) is None


def test_culprit_looks_no_further_than_two_lines_above_the_error():
    text = "feedback:\n  - {date: 2026-05-10，满意度: 满意}\nyear: 2026\nterm: 15\nsession: 2"
    assert culprit(text, 2, _parses) == (2, "，")
    assert culprit(text, 4, _parses) == (2, "，")
    assert culprit(text, 5, _parses) is None


def test_culprit_is_none_when_no_single_full_width_character_is_to_blame():
    assert culprit("title: 关于: 建议", 1, _parses) is None


def test_describe_names_the_character_and_what_to_type():
    assert describe("，") == ("全角字符「，」应改为半角「,」（英文输入法）",
                             "the full-width character '，' must be the ASCII ',' (type it with the English input method)")
    zh, en = describe("\u3000")
    assert zh == "全角字符「全角空格 / full-width space」应改为半角「 」（英文输入法）"
    assert en.startswith("the full-width character '全角空格 / full-width space' must be the ASCII ' '")
    assert describe("】")[0] == "全角字符「】」应改为半角「]」（英文输入法）"
    assert describe("“")[0] == "全角字符「“」应改为半角「\"」（英文输入法）"


def test_a_mixed_pair_of_brackets_in_a_file_reads_as_a_list():
    src = read_text_document("p.md", "---\ntitle: 好\nlead_units: [区教育局，区民政局］\n---\n")
    assert not src.problems and src.meta["lead_units"] == ["区教育局，区民政局"]


def test_empty_full_width_brackets_are_an_empty_list():
    assert normalise("co_units: 【】") == "co_units: []"
    assert normalise("co_units: ［］") == "co_units: []"


def test_culprit_on_the_first_line_and_before_a_comment():
    # not a whole bracketed value (a comment follows), so only culprit can name the 】
    text = "feedback: [{date: 2026-05-10}】 # 注\nyear: 2026"
    assert not _parses(normalise(text))
    assert culprit(text, 1, _parses) == (1, "】")
    assert culprit(text, 2, _parses) == (1, "】")


def test_culprit_tries_each_character_alone_and_puts_it_back():
    # line 2's ： is text (changing it breaks the line); the slip is line 1's 】
    text = "feedback: [{date: 2026-05-10}】 # 注\ntitle: 关于：建议\nyear: 2026"
    assert culprit(text, 2, _parses) == (1, "】")
    text = "feedback: [“好”, {date: 2026-05-10}】 # 注\nyear: 2026"
    assert culprit(text, 1, _parses) == (1, "】")
