"""Lines of a pasted letter as a resident sees them (disclosure/letter_lines.py, through the renderer).

Each body is written here as offices paste it (Word, a web page, WeChat); what a reader must see is
read off the text and docs/content-model.md "The body" / the staff guide "答复正文怎样粘贴":
one paragraph per line, an indent of two columns or more shown as a first-line indent and never
as code, runs of spaces made one, Word's tab-separated rows a table, Markdown blocks (lists,
headings, quotes, pipe tables) kept even without a blank line before them.
"""
from bs4 import BeautifulSoup

from disclosure.render import markdown_html


def soup(text):
    return BeautifulSoup(markdown_html(text), "html.parser")


def blocks(text):
    """(tag, classes, text) of each top-level block a reader sees, sign-off and footer boxes opened."""
    out = []
    for el in soup(text).find_all(recursive=False):
        if el.name == "div" and el.get("class") in (["signoff"], ["letter-footer"]):
            out += [(p.name, p.get("class", []), p.get_text()) for p in el.find_all(recursive=False)]
        else:
            out.append((el.name, el.get("class", []), el.get_text()))
    return out


# --- indents: two columns or more, never code ---------------------------------------------------

def test_one_ideographic_space_is_two_columns_and_indents():
    # A full-width space is as wide as two half-width ones: "　" alone is a two-column indent.
    assert blocks("　您提出的建议收悉。\n") == [("p", ["indent"], "您提出的建议收悉。")]


def test_one_half_width_space_is_no_indent():
    assert blocks(" 您提出的建议收悉。\n") == [("p", [], "您提出的建议收悉。")]


def test_two_half_width_spaces_indent():
    assert blocks("  您提出的建议收悉。\n") == [("p", ["indent"], "您提出的建议收悉。")]


def test_a_mixed_indent_of_spaces_and_ideographic_spaces_is_no_code():
    html = markdown_html(" 　 　您提出的建议收悉。\n        我们将认真研究。\n\t\t已经落实。\n")
    assert "<pre" not in html and "<code" not in html
    assert blocks(" 　 　您提出的建议收悉。\n        我们将认真研究。\n") == [
        ("p", ["indent"], "您提出的建议收悉。"), ("p", ["indent"], "我们将认真研究。")]


def test_a_private_use_character_pasted_in_a_body_marks_nothing():
    # The dialect marks indented lines with a private-use character; one already in the text
    # (pasted from a document with a private font) must not make a line indented.
    shown = blocks("\ue000您提出的建议收悉。\n")
    assert shown == [("p", [], "您提出的建议收悉。")]


def test_a_private_use_character_in_a_body_with_a_table_marks_nothing():
    shown = soup("\ue000说明如下。\n社区\t情况\n未知社区\t未知\n")
    assert shown.p.get("class") is None and shown.p.get_text() == "说明如下。"
    assert [th.get_text() for th in shown.find_all("th")] == ["社区", "情况"]


# --- runs of spaces --------------------------------------------------------------------------

def test_runs_of_spaces_inside_a_line_become_one():
    shown = blocks("联系人：赵　　历\n这是一行        被空格推开的文字。\n")
    assert [b[2] for b in shown] == ["联系人：赵 历", "这是一行 被空格推开的文字。"]


def test_a_line_with_one_space_inside_keeps_it():
    assert [b[2] for b in blocks("Word 文档已收悉。\n")] == ["Word 文档已收悉。"]


def test_an_ideographic_space_inside_a_line_stays_when_alone():
    # One full-width space between words is text; only runs of spaces are collapsed.
    assert [b[2] for b in blocks("赵　历\n")] == ["赵\u3000历"]


def test_no_break_and_other_wide_spaces_are_spaces():
    # A web page's &nbsp; and thin spaces, around and inside a line.
    shown = blocks("\u00a0\u00a0您提出的建议收悉。\n金额为\u2002\u2002未知元。\n")
    assert shown == [("p", ["indent"], "您提出的建议收悉。"), ("p", [], "金额为 未知元。")]


# --- one paragraph per line, Markdown blocks kept ----------------------------------------------

def test_every_line_of_text_is_its_own_paragraph():
    assert blocks("第一段。\n第二段。\n第三段。\n") == [("p", [], "第一段。"), ("p", [], "第二段。"),
                                                       ("p", [], "第三段。")]


def test_a_heading_right_after_a_line_of_text_is_a_heading():
    assert blocks("第一段。\n## 一、基本情况\n第二段。\n") == [
        ("p", [], "第一段。"), ("h2", [], "一、基本情况"), ("p", [], "第二段。")]


def test_a_rule_between_lines_of_text_is_a_rule():
    shown = blocks("第一段。\n\n***\n第二段。\n")
    assert shown == [("p", [], "第一段。"), ("hr", [], ""), ("p", [], "第二段。")]


def test_a_list_right_after_a_line_of_text_is_a_list_and_the_next_line_a_paragraph():
    doc = soup("下一步工作\n1. 完善制度；\n2. 加强宣传。\n感谢您的支持。\n")
    assert doc.find("p").get_text() == "下一步工作"
    assert [li.get_text() for li in doc.ol.find_all("li")] == ["完善制度；", "加强宣传。"]
    assert doc.find_all("p")[-1].get_text() == "感谢您的支持。"


def test_a_bulleted_list_after_text_without_a_blank_line():
    doc = soup("具体措施\n- 第一项\n- 第二项\n")
    assert [li.get_text() for li in doc.ul.find_all("li")] == ["第一项", "第二项"]


def test_a_quote_right_after_a_line_of_text_is_one_quote_and_then_text_again():
    doc = soup("来信摘录\n> 引文第一行\n> 引文第二行\n答复如下。\n")
    quote = doc.blockquote
    assert quote is not None and len(doc.find_all("blockquote")) == 1
    assert quote.get_text().split() == ["引文第一行", "引文第二行"]
    assert doc.find_all("p", recursive=False)[-1].get_text() == "答复如下。"


def test_a_pipe_table_right_after_a_line_of_text_is_a_table():
    doc = soup("情况如下\n| 社区 | 情况 |\n|---|---|\n| 未知社区 | 未知 |\n以上。\n")
    assert [th.get_text() for th in doc.find_all("th")] == ["社区", "情况"]
    assert [td.get_text() for td in doc.find_all("td")] == ["未知社区", "未知"]
    assert doc.find_all("p")[-1].get_text() == "以上。"


def test_a_line_with_a_pipe_but_no_table_rule_below_is_text():
    assert blocks("甲 | 乙\n丙\n") == [("p", [], "甲 | 乙"), ("p", [], "丙")]


def test_a_definition_under_its_term_stays_a_definition():
    doc = soup("提案\n: 政协委员提出的书面意见。\n")
    assert doc.dt.get_text() == "提案" and doc.dd.get_text() == "政协委员提出的书面意见。"


def test_a_setext_heading_keeps_its_underline():
    doc = soup("基本情况\n========\n正文。\n")
    assert doc.h2.get_text() == "基本情况" and doc.p.get_text() == "正文。"


def test_a_line_of_equals_signs_alone_is_text():
    assert [b[2] for b in blocks("\n=====\n")] == ["====="]


def test_a_raw_html_block_between_lines_stays_apart_from_them():
    doc = soup("第一段。\n<div>未知</div>\n第二段。\n")
    assert [p.get_text() for p in doc.find_all("p")] == ["第一段。", "第二段。"]
    assert doc.div.get_text() == "未知"


# --- lists pasted with indents -------------------------------------------------------------------

def test_an_indented_list_nests_by_its_own_indentation():
    doc = soup("  - 第一项\n      - 细项\n  - 第二项\n")
    top = doc.ul.find_all("li", recursive=False)
    assert [li.contents[0].strip() for li in top] == ["第一项", "第二项"]
    assert top[0].ul.li.get_text() == "细项"


def test_a_list_item_less_indented_than_the_first_ends_the_list():
    doc = soup("    1. 第一项\n    2. 第二项\n以上。\n")
    assert [li.get_text() for li in doc.ol.find_all("li")] == ["第一项", "第二项"]
    assert doc.find_all("p")[-1].get_text() == "以上。"


def test_a_line_indented_by_one_column_under_an_item_is_no_continuation():
    doc = soup("1. 第一项\n 另起一段。\n")
    assert doc.ol.li.get_text() == "第一项"
    assert doc.find_all("p")[-1].get_text() == "另起一段。"


def test_a_list_after_a_blank_line_is_a_list():
    doc = soup("下一步工作\n\n1. 完善制度；\n2. 加强宣传。\n")
    assert [li.get_text() for li in doc.ol.find_all("li")] == ["完善制度；", "加强宣传。"]


# --- Word's tables ---------------------------------------------------------------------------------

def test_a_single_tab_separated_line_is_text_with_its_cells_apart():
    doc = soup("社区\t未知\n")
    assert doc.find("table") is None and doc.p.get_text() == "社区 未知"


def test_a_pipe_inside_a_word_cell_stays_in_its_cell():
    doc = soup("名称\t说明\n甲|乙\t未知\n")
    assert [td.get_text() for td in doc.find_all("td")] == ["甲|乙", "未知"]


def test_cells_lose_the_spaces_around_them_and_short_rows_are_padded():
    doc = soup("　　项目\t　数量　\t备注\n　　未知\t 1 \n")
    assert [th.get_text() for th in doc.find_all("th")] == ["项目", "数量", "备注"]
    assert [td.get_text() for td in doc.find_all("td")] == ["未知", "1", ""]


def test_two_tab_tables_apart_are_two_tables():
    doc = soup("甲\t乙\n1\t2\n说明。\n丙\t丁\n3\t4\n")
    assert len(doc.find_all("table")) == 2 and doc.find("p", string="说明。") is not None


def test_tabs_inside_fenced_code_stay_code():
    for fence in ("```", "~~~~"):
        doc = soup(f"{fence}\n甲\t乙\n丙\t丁\n{fence}\n正文。\n")
        assert doc.find("table") is None, fence
        assert doc.pre.get_text().split() == ["甲", "乙", "丙", "丁"], fence  # as written, no | added
        assert doc.find_all("p")[-1].get_text() == "正文。"


def test_a_tilde_line_inside_a_backtick_fence_does_not_close_it():
    doc = soup("```\n~~~\n甲\t乙\n丙\t丁\n```\n")
    assert doc.find("table") is None and doc.pre.get_text().split() == ["~~~", "甲", "乙", "丙", "丁"]


def test_a_table_after_fenced_code_is_a_table():
    doc = soup("```\n代码\n```\n甲\t乙\n1\t2\n")
    assert doc.pre.get_text() == "代码\n"
    assert [th.get_text() for th in doc.find_all("th")] == ["甲", "乙"]


def test_a_word_table_between_lines_shows_exactly_the_lines_and_the_table():
    shown = blocks("情况如下。\n社区\t情况\n未知社区\t未知\n以上。\n")
    assert [(tag, text.split()) for tag, _, text in shown] == [
        ("p", ["情况如下。"]), ("div", ["社区", "情况", "未知社区", "未知"]), ("p", ["以上。"])]


def test_tabs_in_a_second_fenced_block_stay_code():
    doc = soup("```\n代码一\n```\n正文。\n```\n甲\t乙\n丙\t丁\n```\n")
    assert doc.find("table") is None
    assert [pre.get_text().split() for pre in doc.find_all("pre")] == [["代码一"], ["甲", "乙", "丙", "丁"]]


def test_a_word_cell_keeps_every_letter_at_the_edges_of_its_line():
    doc = soup("设备\t数量\nX射线机\tXL型\n")
    assert [td.get_text() for td in doc.find_all("td")] == ["X射线机", "XL型"]


def test_inside_a_list_a_full_width_space_is_two_columns_as_in_ordinary_markdown():
    # Python-Markdown nests a list item indented by four columns; three are the same level.
    for three in ("   ", "　 ", " 　"):
        doc = soup(f"- 第一项\n{three}- 第二项\n")
        assert [li.get_text() for li in doc.ul.find_all("li", recursive=False)] == ["第一项", "第二项"], repr(three)
    for four in ("    ", "　　", "  　"):
        doc = soup(f"- 第一项\n{four}- 细项\n")
        assert doc.ul.li.ul.li.get_text() == "细项", repr(four)


def test_a_line_starting_with_a_latin_letter_keeps_it():
    assert [b[2] for b in blocks("X射线机已购置。\n  XL型号未知。\n")] == ["X射线机已购置。", "XL型号未知。"]


def test_a_list_item_with_a_second_paragraph_after_a_blank_line_stays_one_list():
    # WeChat pastes blank lines everywhere; an item's paragraph indented under it belongs to it,
    # as in ordinary Markdown.
    doc = soup("1. 第一项\n\n    第一项的说明。\n\n2. 第二项\n")
    items = doc.ol.find_all("li", recursive=False)
    assert len(doc.find_all("ol")) == 1
    assert [[p.get_text() for p in li.find_all("p")] for li in items] == [["第一项", "第一项的说明。"], ["第二项"]]
