"""The parts of a letter as a printed 公文 shows them (disclosure/letter_parts.py, through the renderer).

Letters are written here in the shapes offices produce; what must be marked is read off the letter
and docs/content-model.md "The parts of a letter" (GB/T 9704): the salutation (the first paragraph,
flush left, ending in ：), numbered items on four levels (a short 一、 line is a heading), the
sign-off (the date at the end and up to three short lines above it, right-aligned; a unit and a
date on one line split), the footer (联系人 / 联系电话 / 联系单位 / 抄送 / 抄报, also with a padded
label) below it, phone numbers as tel: links.
"""
from bs4 import BeautifulSoup

from disclosure.render import markdown_html


def soup(text):
    return BeautifulSoup(markdown_html(text), "html.parser")


def classes(text):
    """(text, classes) of each paragraph, in order, wherever it is."""
    return [(p.get_text(), p.get("class", [])) for p in soup(text).find_all("p")]


def box(text, cls):
    found = soup(text).find("div", class_=cls)
    return None if found is None else [p.get_text() for p in found.find_all("p")]


# --- the salutation ---------------------------------------------------------------------------

def test_the_salutation_follows_a_heading():
    assert classes("## 关于未知事项的答复\n未知委员：\n　　正文。\n")[0] == ("未知委员：", ["salutation"])


def test_a_half_width_colon_ends_a_salutation_too():
    assert classes("未知委员:\n正文。\n")[0] == ("未知委员:", ["salutation"])


def test_a_line_ending_in_a_colon_after_a_table_is_no_salutation():
    # Only the first paragraph of the letter can be its salutation.
    shown = classes("| 项目 |\n|---|\n| 未知 |\n\n情况如下：\n")
    assert shown == [("情况如下：", [])]


def test_a_line_ending_in_a_colon_after_the_first_paragraph_is_no_salutation():
    shown = classes("未知委员：\n现答复如下：\n")
    assert shown == [("未知委员：", ["salutation"]), ("现答复如下：", [])]


def test_a_sentence_ending_in_a_colon_is_no_salutation():
    for text in ("经研究，现答复如下：", "经研究。现答复如下：", "感谢支持！答复如下：", "经研究,现答复如下："):
        assert classes(text + "\n正文。\n")[0] == (text, []), text


def test_a_salutation_is_at_most_forty_characters_before_its_colon():
    forty = "未知" * 20 + "："
    assert classes(forty + "\n")[0][1] == ["salutation"]
    assert classes("未" + forty + "\n")[0][1] == []


# --- numbered items ------------------------------------------------------------------------------

def test_numbering_with_half_width_brackets_and_the_enumeration_comma():
    shown = classes("(一)总体情况\n1、已完成调研。\n(2)未知事项。\n")
    assert shown == [("(一)总体情况", ["n2"]), ("1、已完成调研。", ["n3"]), ("(2)未知事项。", ["n4"])]


def test_a_decimal_number_starting_a_line_is_no_item():
    assert classes("正文。\n1.5亿元已经拨付。\n")[1] == ("1.5亿元已经拨付。", [])


def test_a_two_digit_item_is_an_item_and_a_three_digit_number_is_not():
    assert classes("正文。\n12.未知事项。\n123.未知事项。\n")[1:] == [("12.未知事项。", ["n3"]),
                                                            ("123.未知事项。", [])]


def test_a_first_level_item_that_is_a_sentence_is_no_heading():
    assert classes("正文。\n一、我们已经完成调研。下一步将继续推进。\n")[1] == (
        "一、我们已经完成调研。下一步将继续推进。", ["n1"])


def test_a_first_level_heading_may_end_in_a_full_stop():
    assert classes("正文。\n一、基本情况。\n")[1] == ("一、基本情况。", ["n1", "n1-head"])


def test_a_first_level_item_over_forty_characters_is_no_heading():
    item = "一、" + "未知" * 19  # 40 characters
    longer = item + "事"  # 41
    assert classes(f"正文。\n{item}\n{longer}\n")[1:] == [(item, ["n1", "n1-head"]), (longer, ["n1"])]


def test_an_indented_item_keeps_its_indent_and_its_level():
    assert classes("正文。\n　　（一）工作进展\n")[1] == ("（一）工作进展", ["indent", "n2"])


# --- the sign-off ------------------------------------------------------------------------------------

def test_at_most_three_short_lines_above_the_date_are_the_sign_off():
    text = "　　正文。\n第一行落款\n测试区民政局\n测试区卫生健康委员会\n测试区生态环境局\n2023年5月8日\n"
    assert box(text, "signoff") == ["测试区民政局", "测试区卫生健康委员会", "测试区生态环境局", "2023年5月8日"]
    assert classes(text)[1] == ("第一行落款", [])


def test_a_date_in_chinese_numerals_ends_a_sign_off():
    assert box("　　正文。\n测试区民政局\n二〇二三年五月八日\n", "signoff") == ["测试区民政局", "二〇二三年五月八日"]


def test_a_line_ending_a_sentence_above_the_date_is_not_in_the_sign_off():
    text = "感谢您对我们工作的关心和支持！\n2023年5月8日\n"
    assert box(text, "signoff") == ["2023年5月8日"]
    for end in "。；：，":
        assert box(f"此复{end}\n2023年5月8日\n", "signoff") == ["2023年5月8日"], end


def test_a_long_line_above_the_date_is_not_in_the_sign_off():
    thirty = "测" * 30
    assert box(f"　　正文。\n{thirty}\n2023年5月8日\n", "signoff") == [thirty, "2023年5月8日"]
    assert box(f"　　正文。\n{thirty}测\n2023年5月8日\n", "signoff") == ["2023年5月8日"]


def test_a_numbered_item_above_the_date_is_not_in_the_sign_off():
    assert box("　　正文。\n（一）未知事项\n2023年5月8日\n", "signoff") == ["2023年5月8日"]


def test_the_salutation_is_never_in_the_sign_off():
    assert box("未知委员：\n测试区民政局\n2023年5月8日\n", "signoff") == ["测试区民政局", "2023年5月8日"]
    doc = soup("未知委员：\n测试区民政局\n2023年5月8日\n")
    assert doc.find("p")["class"] == ["salutation"] and doc.find("p").parent.name != "div"


def test_a_sign_off_at_the_very_top_of_a_body_is_still_a_sign_off():
    assert box("测试区民政局\n2023年5月8日\n", "signoff") == ["测试区民政局", "2023年5月8日"]


def test_a_date_that_is_the_whole_body_is_a_sign_off():
    assert box("2023年5月8日\n", "signoff") == ["2023年5月8日"]


def test_an_indented_sign_off_is_not_indented():
    doc = soup("　　正文。\n　　　　测试区民政局\n　　　　2023年5月8日\n")
    signoff = doc.find("div", class_="signoff")
    assert [(p.get_text(), p.get("class")) for p in signoff.find_all("p")] == [
        ("测试区民政局", None), ("2023年5月8日", None)]


def test_a_date_inside_a_list_at_the_end_is_no_sign_off():
    assert box("　　正文。\n- 2023年5月8日\n", "signoff") is None


def test_a_unit_and_a_date_on_one_line_in_chinese_numerals_are_split():
    assert box("　　正文。\n测试区民政局    二〇二三年五月八日\n", "signoff") == ["测试区民政局", "二〇二三年五月八日"]


def test_a_unit_and_a_date_with_spaces_inside_the_date_are_split():
    assert box("　　正文。\n测试区民政局    2023 年 5 月 8 日\n", "signoff") == ["测试区民政局", "2023 年 5 月 8 日"]


def test_a_sentence_ending_in_a_date_is_not_split():
    text = "　　本办法施行，自 2023年5月8日\n"
    doc = soup(text)
    assert doc.find("div", class_="signoff") is None and len(doc.find_all("p")) == 1


def test_a_unit_with_emphasis_before_the_date_is_left_whole():
    # A line with markup inside is not taken apart (its text would lose the markup).
    doc = soup("　　正文。\n**测试区民政局** 2023年5月8日\n")
    assert doc.find("strong").get_text() == "测试区民政局"


def test_a_date_with_a_note_in_brackets_after_it_keeps_the_note():
    assert box("　　正文。\n测试区民政局\n2023年5月8日\n（此件主动公开）\n", "signoff") == [
        "测试区民政局", "2023年5月8日", "（此件主动公开）"]


# --- the footer --------------------------------------------------------------------------------------

def test_each_footer_label_sets_its_line_apart():
    for label in ("联系人：未知", "联系电话：未知", "联系单位：未知", "联系方式：未知", "联系地址：未知",
                  "抄送：区政协提案委", "抄报：未知", "（联系人：未知）", "(联系电话：未知)"):
        text = f"　　正文。\n测试区民政局\n2023年5月8日\n{label}\n"
        assert box(text, "letter-footer") == [label], label
        assert box(text, "signoff") == ["测试区民政局", "2023年5月8日"], label


def test_a_padded_footer_label_is_a_footer_line():
    text = "　　正文。\n测试区民政局\n2023年5月8日\n联　系　人：未知\n抄 送：未知\n"
    assert box(text, "letter-footer") == ["联　系　人：未知", "抄 送：未知"]


def test_notes_among_footer_lines_go_with_the_footer():
    text = "　　正文。\n测试区民政局\n2023年5月8日\n（此件公开发布）\n联系人：未知\n"
    assert box(text, "letter-footer") == ["（此件公开发布）", "联系人：未知"]
    assert box(text, "signoff") == ["测试区民政局", "2023年5月8日"]


def test_a_footer_without_a_date_above_it_is_still_set_apart():
    text = "　　正文。\n联系人：未知\n"
    assert box(text, "letter-footer") == ["联系人：未知"] and box(text, "signoff") is None


def test_an_indented_footer_line_is_not_indented():
    doc = soup("　　正文。\n　　联系人：未知\n")
    assert doc.find("div", class_="letter-footer").p.get("class") is None


def test_a_footer_line_inside_the_text_is_no_footer():
    text = "　　正文。\n联系人：未知\n　　又一段正文。\n"
    assert box(text, "letter-footer") is None


def test_a_bare_local_number_is_a_link_only_in_the_footer():
    text = "　　咨询63182210。\n测试区民政局\n2023年5月8日\n联系电话：63182210、6318 2210，或拨打12345\n"
    doc = soup(text)
    assert doc.find("p").find("a") is None
    footer = doc.find("div", class_="letter-footer")
    assert [(a.get_text(), a["href"]) for a in footer.find_all("a", class_="tel")] == [
        ("63182210", "tel:63182210"), ("6318 2210", "tel:63182210"), ("12345", "tel:12345")]


def test_a_phone_number_after_emphasis_in_a_paragraph_is_linked():
    doc = soup("　　**咨询电话**021-63182210，欢迎来电。\n")
    assert [(a.get_text(), a["href"]) for a in doc.find_all("a", class_="tel")] == [
        ("021-63182210", "tel:02163182210")]
    assert doc.p.get_text() == "咨询电话021-63182210，欢迎来电。"


def test_a_phone_number_inside_emphasis_is_linked():
    doc = soup("　　咨询电话**021-63182210**。\n")
    assert doc.strong.a["href"] == "tel:02163182210"


def test_phone_numbers_in_a_list_and_a_table_are_linked():
    doc = soup("- 热线：021-63182210\n\n| 单位 | 电话 |\n|---|---|\n| 未知 | 021-63182211 |\n")
    assert [a["href"] for a in doc.find_all("a", class_="tel")] == ["tel:02163182210", "tel:02163182211"]


def test_more_sentence_marks_that_end_no_salutation():
    for text in ("经研究；答复如下：", "是否可行？答复如下："):
        assert classes(text + "\n正文。\n")[0] == (text, []), text


def test_a_line_ending_in_a_half_width_mark_above_the_date_is_not_in_the_sign_off():
    for end in "!?;:,":
        assert box(f"此复{end}\n2023年5月8日\n", "signoff") == ["2023年5月8日"], end


def test_a_unit_and_a_date_with_other_zeros_on_one_line_are_split():
    for date in ("二○二三年五月八日", "二Ｏ二三年五月八日", "二零二三年十二月三十一日"):
        assert box(f"　　正文。\n测试区民政局    {date}\n", "signoff") == ["测试区民政局", date], date


def test_an_indented_setext_heading_shows_its_text_only():
    doc = soup("　　基本情况\n========\n正文。\n")
    assert doc.h2.get_text() == "基本情况"


def test_a_body_of_footer_lines_only_is_a_footer_without_a_sign_off():
    text = "联系人：未知\n联系电话：021-63182210\n"
    assert box(text, "letter-footer") == ["联系人：未知", "联系电话：021-63182210"]
    assert box(text, "signoff") is None


def test_a_heading_at_the_end_is_neither_sign_off_nor_footer():
    doc = soup("　　正文。\n## 2023年5月8日\n")
    assert doc.find("div") is None and doc.h2.get_text() == "2023年5月8日"


def test_a_phone_number_in_fenced_code_is_no_link():
    assert soup("```\n021-63182210\n```\n").find("a") is None


def test_numbers_after_emphasis_keep_the_text_in_order():
    text = "　　**白天**021-63182210，晚上021-63182211，周末13800000000。\n"
    doc = soup(text)
    assert doc.p.get_text() == "白天021-63182210，晚上021-63182211，周末13800000000。"
    assert [a.get_text() for a in doc.find_all("a", class_="tel")] == ["021-63182210", "021-63182211", "13800000000"]


# Older records and typed copies print a sign-off date as 二〇二二年八月廿三日 (廿 for 二十, 卅 for
# 三十) or with the letter O or the digit 0 for zero; `check` accepts them all (dates.py), so the
# page must show them as the sign-off too, also on one line with the unit (a web page's copy).
SIGN_OFF_DATES = ["二〇二二年八月廿三日", "二〇二二年八月卅日", "二O二二年八月三十日", "二0二二年八月三十日",
                  "二〇二二年八月三十日", "二〇二二 年 八 月 三十 日"]


def test_each_printed_form_of_a_chinese_numeral_date_ends_a_sign_off():
    for date in SIGN_OFF_DATES:
        assert box(f"　　正文。\n测试区民政局\n{date}\n", "signoff") == ["测试区民政局", date], date


def test_each_printed_form_of_a_chinese_numeral_date_is_split_from_its_unit_on_one_line():
    for date in SIGN_OFF_DATES:
        assert box(f"　　正文。\n测试区民政局        {date}\n", "signoff") == ["测试区民政局", date], date


def test_a_forms_blank_date_is_no_sign_off():
    """A template's blank (0000年00月00日, OOOO年OO月OO日) left in a pasted letter is not a date: the
    line stays one line, not split as a unit and its date are."""
    for blank in ("0000年00月00日", "OOOO年OO月OO日"):
        text = f"　　正文。\n测试区民政局        {blank}\n"
        assert box(text, "signoff") is None, blank
        assert [t for t, _ in classes(text)] == ["正文。", f"测试区民政局 {blank}"], blank
