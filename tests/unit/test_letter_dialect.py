"""The body dialect (disclosure/letter*.py): letters as offices paste them, through the site's renderer.

Each shape is written as staff paste it (design note official-documents.md); the
expected lines are read off the source text, never off the renderer.
"""
import markdown
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure import letter
from disclosure.render import markdown_html

WORD = (  # from Word: one paragraph per line, 　　 indents, no blank lines
    "未知委员：\n"
    "　　您提出的《关于未知事项的建议》收悉。现答复如下：\n"
    "　　一、基本情况\n"
    "　　我区已开展相关工作。\n"
    "　　二、下一步工作\n"
    "　　继续推进。\n"
    "　　感谢您对我们工作的关心和支持。\n"
    "测试区发展和改革委员会\n"
    "2023年4月26日\n"
    "联系人：未知　　联系电话：021-63182210\n"
    "抄送：区政协提案委。\n"
)

WEB = (  # from a web page: 4-space indents, a sign-off pushed right, a name padded to three
    "未知委员：\n\n"
    "    您提出的建议收悉，现答复如下。\n"
    "    我们将认真研究您的意见。\n"
    + " " * 60 + "测试区民政局\n"
    + " " * 60 + "2023年5月8日\n"
    "联系人：赵   历\n"
    "联系电话：6318\u00a0\u00a0\u00a0\u00a02210\n"
)

WECHAT = "未知委员：\n\n您提出的建议收悉。\n\n一、关于未知问题\n\n已经研究。\n\n测试区生态环境局\n\n二〇二三年五月八日\n"


def soup(text):
    return BeautifulSoup(markdown_html(text), "html.parser")


def lines_of(doc):
    """Each block-level line a reader sees, in order: every <p> and heading."""
    return [el.get_text() for el in doc.find_all(["p", "h2", "h3", "li"])]


def test_word_style_every_line_is_its_own_paragraph():
    doc = soup(WORD)
    source_lines = [line.strip("　") for line in WORD.splitlines()]
    shown = lines_of(doc)
    assert [s.replace("　", " ").replace("  ", " ") for s in source_lines] == shown
    assert doc.find("pre") is None
    assert doc.p["class"] == ["salutation"]
    indented = [p.get_text() for p in doc.find_all("p", class_="indent")]
    assert indented == [line.strip("　") for line in WORD.splitlines() if line.startswith("　　")]


def test_word_style_numbering_sign_off_and_footer():
    doc = soup(WORD)
    assert [p.get_text() for p in doc.find_all("p", class_="n1")] == ["一、基本情况", "二、下一步工作"]
    signoff = doc.find("div", class_="signoff")
    assert [p.get_text() for p in signoff.find_all("p")] == ["测试区发展和改革委员会", "2023年4月26日"]
    footer = doc.find("div", class_="letter-footer")
    assert [p.get_text()[:3] for p in footer.find_all("p")] == ["联系人", "抄送："]
    tel = footer.find("a", class_="tel")
    assert tel.get_text() == "021-63182210" and tel["href"] == "tel:02163182210"


def test_web_style_indents_are_never_code_and_runs_of_spaces_collapse():
    html = markdown_html(WEB)
    doc = BeautifulSoup(html, "html.parser")
    assert "<pre" not in html and "<code" not in html
    assert "  " not in html and "\u00a0" not in html
    assert [p.get_text() for p in doc.find_all("p", class_="indent")] == ["您提出的建议收悉，现答复如下。",
                                                                         "我们将认真研究您的意见。"]
    assert [p.get_text() for p in doc.find("div", class_="signoff").find_all("p")] == ["测试区民政局", "2023年5月8日"]
    footer = doc.find("div", class_="letter-footer")
    assert footer.p.get_text() == "联系人：赵 历"
    assert footer.find("a", class_="tel").get_text() == "6318 2210"


def test_a_unit_and_date_on_one_pushed_line_become_two_right_aligned_lines():
    doc = soup("正文。\n\n测试区民政局" + " " * 40 + "2023年5月8日\n")
    assert [p.get_text() for p in doc.find("div", class_="signoff").find_all("p")] == ["测试区民政局", "2023年5月8日"]


def test_only_the_end_of_a_letter_is_its_sign_off():
    doc = soup("　　会议定于 2023年4月26日\n　　正文。\n测试区民政局\n2023年5月8日\n（此件公开发布）\n")
    assert doc.find("p").get_text() == "会议定于 2023年4月26日" and len(doc.find_all("div")) == 1
    assert [p.get_text() for p in doc.find("div", class_="signoff").find_all("p")] == [
        "测试区民政局", "2023年5月8日", "（此件公开发布）"]
    plain = soup("　　本答复自2023年5月8日起执行。\n")
    assert plain.find("div") is None


def test_wechat_style_blank_lines_everywhere():
    doc = soup(WECHAT)
    assert lines_of(doc) == [line for line in WECHAT.splitlines() if line]
    assert doc.p["class"] == ["salutation"] and doc.find("p", class_="indent") is None
    assert [p.get_text() for p in doc.find("div", class_="signoff").find_all("p")] == ["测试区生态环境局", "二〇二三年五月八日"]


def test_an_indented_first_line_ending_in_a_colon_is_no_salutation():
    doc = soup("　　现将有关情况报告如下：\n　　一、未知\n")
    assert doc.p["class"] == ["indent"]


def test_four_levels_of_numbering_each_start_a_line():
    text = "一、第一级\n（一）第二级\n1.第三级\n（1）第四级\n2．第三级又一项\n（二）第二级又一项\n"
    doc = soup(text)
    got = [(p.get_text(), p["class"]) for p in doc.find_all("p")]
    assert got == [("一、第一级", ["n1", "n1-head"]), ("（一）第二级", ["n2"]), ("1.第三级", ["n3"]),
                   ("（1）第四级", ["n4"]), ("2．第三级又一项", ["n3"]), ("（二）第二级又一项", ["n2"])]


def test_a_table_pasted_from_word_becomes_a_table_in_a_scrolling_box():
    doc = soup("情况如下：\n社区\t创建情况\t年份\n未知社区\t市级低碳社区\t2023\n另一社区\t未知\n")
    box = doc.find("div", class_="table-scroll")
    assert box["tabindex"] == "0" and box["role"] == "region" and box["aria-label"]
    assert [th.get_text() for th in box.find_all("th")] == ["社区", "创建情况", "年份"]
    assert [[td.get_text() for td in tr.find_all("td")] for tr in box.tbody.find_all("tr")] == [
        ["未知社区", "市级低碳社区", "2023"], ["另一社区", "未知", ""]]


def test_markdown_keeps_working():
    text = ("## 一、完善制度\n\n- **规划先行。** 见[规划](https://example.org/a)\n- 第二项\n    - 子项\n\n"
            "1. 甲\n2. 乙\n\n| 指标 | 数值 |\n|---|---|\n| 社区 | 4 |\n\n```\n    缩进的代码\n```\n\n*强调*")
    doc = soup(text)
    assert doc.h2.get_text() == "一、完善制度"
    assert doc.ul.li.strong.get_text() == "规划先行。" and doc.ul.a["href"] == "https://example.org/a"
    assert doc.ul.ul.li.get_text() == "子项"
    assert [li.get_text() for li in doc.ol.find_all("li")] == ["甲", "乙"]
    assert doc.find("td", string="4") is not None
    assert doc.pre.get_text() == "    缩进的代码\n"  # fenced code stays code
    assert doc.em.get_text() == "强调"


def test_indented_list_from_a_web_page_stays_one_list():
    doc = soup("下一步：\n    1. 第一项；\n    2. 第二项；\n        - 细项\n    以上。\n")
    assert [li.get_text(" ", strip=True) for li in doc.ol.find_all("li", recursive=False)] == ["第一项；",
                                                                                              "第二项； 细项"]
    assert doc.find("pre") is None and doc.find_all("p")[-1].get_text() == "以上。"


def test_lines_inside_a_list_item_keep_their_breaks():
    doc = soup("　　1. 第一项\n　　　　（1）细项一\n　　　　（2）细项二\n　　2. 第二项\n")
    first, second = doc.ol.find_all("li", recursive=False)
    assert [t.strip() for t in first.find_all(string=True)] == ["第一项", "（1）细项一", "（2）细项二"]
    assert len(first.find_all("br")) == 2 and second.get_text() == "第二项"


def test_phone_numbers_in_the_body_need_an_area_code():
    doc = soup("　　全年投入63182210元，咨询电话021-63182210。\n")
    assert [a.get_text() for a in doc.find_all("a")] == ["021-63182210"]


# Ordinary Markdown (blocks separated by blank lines, nothing indented, no letter shapes)
# renders exactly as plain Python-Markdown renders it.
INLINE = st.lists(st.sampled_from(["低碳", "社区", "。", "，", "PM2.5", " ", "**强调**", "*斜体*", "`代码`",
                                   "[链接](https://example.org)", "&amp;", "<b>粗</b>", "LEED"]),
                  min_size=1, max_size=8).map("".join).filter(lambda s: s and s == s.strip() and "  " not in s)
BLOCK = st.one_of(
    INLINE,
    INLINE.map(lambda s: "## " + s),
    st.lists(INLINE, min_size=1, max_size=3).map(lambda items: "\n".join("- " + i for i in items)),
    st.lists(INLINE, min_size=1, max_size=3).map(lambda items: "\n".join(f"{n}. {i}" for n, i in enumerate(items, 1))),
    st.tuples(INLINE, INLINE).map(lambda c: f"| {c[0]} | 值 |\n|---|---|\n| {c[1]} | 4 |"),
    INLINE.map(lambda s: "> " + s),
    INLINE.map(lambda s: "```\n    " + s + "\n\t缩进\n```"),
    st.just("---"),
    st.tuples(INLINE, INLINE).map(lambda c: f"{c[0]}\n: {c[1]}"),  # a definition list
    INLINE.map(lambda s: "标题\n---\n\n" + s),  # a setext heading
)


@settings(max_examples=300, deadline=None)
@given(st.lists(BLOCK, min_size=1, max_size=6).map("\n\n".join))
def test_ordinary_markdown_renders_as_python_markdown_does(text):
    plain = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html").convert(text)
    dialect = markdown.Markdown(extensions=["extra", "sane_lists", letter.OfficialLetter()],
                                output_format="html").convert(text)
    assert dialect == plain


def test_numbering_is_found_as_by_trying_every_pattern():
    """letter_parts._numbered tries the patterns only on a paragraph whose first character one of them
    can start with: the same class as trying all four, for every character a pattern may start with
    (every Unicode digit regex \\d matches, CJK numerals, brackets) and the rest of the BMP's first blocks."""
    import re

    from disclosure.letter_parts import NUMBERING, _numbered

    digits = [chr(c) for c in range(0x110000) if re.match(r"\d", chr(c))]
    starts = digits + [chr(c) for c in range(0x3100)] + [chr(c) for c in range(0xFF00, 0xFFF0)] + list("〇○Ｏ")
    for first in starts:
        for tail in ["", "、", "、一", ".", "．", "、x", "1.", "1）", ")", "）", "一）", "12)", "十、", ".5", "1、", "1"]:
            text = first + tail
            expected = next((cls for cls, pattern in NUMBERING if pattern.match(text)), None)
            assert _numbered(text) == expected, repr(text)
