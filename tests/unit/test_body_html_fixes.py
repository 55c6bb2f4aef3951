"""What the sanitiser leaves is still valid, usable HTML (disclosure/html_fixes.py, through the renderer).

From docs/content-model.md "Sanitising" and "Tables": an <a> left without href becomes its text (no
link that goes nowhere), an <img> left without alt gets alt="" (the Nu checker requires one), and
every table sits in its own focusable box that scrolls sideways on a phone. The bodies are written
here as staff paste them (Markdown, or HTML copied from a web page).
"""
from bs4 import BeautifulSoup

from disclosure.render import markdown_html


def soup(text):
    return BeautifulSoup(markdown_html(text), "html.parser")


def test_a_link_whose_address_is_removed_becomes_its_text():
    html = markdown_html("请见[办事指南](javascript:alert(1))。")
    assert "<a" not in html and BeautifulSoup(html, "html.parser").get_text() == "请见办事指南。"


def test_an_anchor_without_an_address_becomes_its_text_and_the_next_link_stays():
    doc = soup('<a name="top" title="未知">第一部分</a>见<a href="https://example.org/">网站</a>。')
    assert [(a.get_text(), a["href"]) for a in doc.find_all("a")] == [("网站", "https://example.org/")]
    assert doc.get_text() == "第一部分见网站。"


def test_a_link_with_a_title_keeps_its_address():
    doc = soup('[办事指南](/guide/ "未知")')
    assert doc.a["href"] == "/guide/" and doc.a.get_text() == "办事指南"


def test_a_removed_link_over_two_lines_keeps_both_lines_of_text():
    doc = soup("> [第一行\n> 第二行](javascript:void(0))\n")
    assert doc.find("a") is None and doc.blockquote.get_text().split() == ["第一行", "第二行"]


def test_an_image_without_alt_gets_an_empty_one_and_one_with_alt_keeps_it():
    doc = soup('<img src="/static/a.png"><img alt="示意图" src="/static/b.png"><img src="/static/c.png" title="未知">')
    assert [img.get("alt") for img in doc.find_all("img")] == ["", "示意图", ""]


def test_every_table_is_in_its_own_scrolling_box():
    doc = soup("| 甲 |\n|---|\n| 1 |\n\n说明。\n\n| 乙 |\n|---|\n| 2 |\n")
    boxes = doc.find_all("div", class_="table-scroll")
    assert len(boxes) == 2
    for box, head in zip(boxes, ["甲", "乙"]):
        assert box["tabindex"] == "0" and box["role"] == "region" and box["aria-label"] == "表格（可左右滑动）"
        assert [t.name for t in box.find_all(recursive=False)] == ["table"] and box.th.get_text() == head
    assert doc.find("p", recursive=False).get_text() == "说明。"


def test_a_body_without_a_table_has_no_box():
    assert "table-scroll" not in markdown_html("正文。\n")
