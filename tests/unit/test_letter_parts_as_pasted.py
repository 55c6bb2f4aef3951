"""Whole letters as offices paste them, and what a reader sees of their parts (disclosure/letter_parts.py).

The letters are written here in the shapes staff paste (the staff guide, "正文"): from Word, one
paragraph per line with 　　 indents; from a web page, 4-space indents, the sign-off pushed right
with spaces, a name padded with spaces, a unit and its date on one line; from WeChat, blank lines
everywhere; dates in Chinese numerals as printed (二〇二二年八月三十日, 廿/卅, 二O二二). Facts are 未知.
What must hold is read off the letter and docs/content-model.md "The parts of a letter": the text
is never changed (only classes, the sign-off and footer boxes and tel: links are added), the
salutation is the first paragraph, the sign-off is the date at the end with up to three short
lines above it, the footer is the 联系人 / 抄送 lines below it.
"""
import re

from bs4 import BeautifulSoup

from disclosure.render import markdown_html

WORD = (
    "未知委员：\n"
    "　　您提出的《关于未知事项的提案》收悉。现答复如下：\n"
    "　　一、基本情况\n"
    "　　（一）未知。\n"
    "　　1.未知。\n"
    "　　（1）未知。\n"
    "　　感谢您对我们工作的关心和支持！\n"
    "测试区民政局\n"
    "二〇二二年八月三十日\n"
    "（此件公开发布）\n"
    "联 系 人：未知\n"
    "联系电话：021-63182210\n"
    "抄送：区政协提案委\n"
)

WEB = (
    "未知委员:\n"
    "    您提出的建议收悉，现答复如下。\n"
    "    经研究，未知。\n"
    + " " * 40 + "测试区民政局" + " " * 8 + "二O二二年八月廿三日\n"
    "联系人：未    知    联系电话：13800000000\n"
)

WECHAT = (
    "未知委员：\n\n"
    "您提出的建议收悉。\n\n"
    "一、关于未知问题\n\n"
    "已经研究。\n\n"
    "测试区卫生健康委员会\n\n"
    "测试区生态环境局\n\n"
    "二〇二二年八月卅日\n\n"
    "抄报：未知\n"
)


def soup(text):
    return BeautifulSoup(markdown_html(text), "html.parser")


def ink(text):
    """What is printed, without the spaces: the characters a reader reads, in order."""
    return re.sub(r"\s", "", text)


def box(doc, cls):
    found = doc.find("div", class_=cls)
    return None if found is None else [p.get_text() for p in found.find_all("p")]


def test_the_text_of_a_letter_is_never_changed():
    # Marking the parts adds classes and boxes: every character of the letter is on the page, in
    # order, and nothing else (no stray text between the lines of a box).
    for letter in (WORD, WEB, WECHAT):
        assert ink(soup(letter).get_text()) == ink(letter), letter


def test_the_parts_of_a_letter_from_word():
    doc = soup(WORD)
    assert doc.p.get_text() == "未知委员：" and doc.p["class"] == ["salutation"]
    assert box(doc, "signoff") == ["测试区民政局", "二〇二二年八月三十日"]
    assert box(doc, "letter-footer") == ["（此件公开发布）", "联 系 人：未知", "联系电话：021-63182210",
                                         "抄送：区政协提案委"]
    numbered = [(p.get_text(), p["class"]) for p in doc.find_all("p", class_=True)
                if p.get_text()[:1] in "一（1"]
    assert numbered == [("一、基本情况", ["indent", "n1", "n1-head"]), ("（一）未知。", ["indent", "n2"]),
                        ("1.未知。", ["indent", "n3"]), ("（1）未知。", ["indent", "n4"])]


def test_the_parts_of_a_letter_from_a_web_page():
    doc = soup(WEB)
    assert doc.p["class"] == ["salutation"]
    assert box(doc, "signoff") == ["测试区民政局", "二O二二年八月廿三日"]
    footer = doc.find("div", class_="letter-footer")
    assert [a["href"] for a in footer.find_all("a")] == ["tel:13800000000"]
    assert [p.get("class") for p in doc.find_all("p")][1:3] == [["indent"], ["indent"]]


def test_the_parts_of_a_letter_from_wechat():
    doc = soup(WECHAT)
    assert doc.p["class"] == ["salutation"]
    assert box(doc, "signoff") == ["测试区卫生健康委员会", "测试区生态环境局", "二〇二二年八月卅日"]
    assert box(doc, "letter-footer") == ["抄报：未知"]


def test_a_pasted_seal_picture_above_the_date_leaves_the_date_its_sign_off():
    # A Word letter pasted with its seal as a picture between the unit and the date: a line with no
    # text above the date. The page still shows, the date still ends the letter on the right.
    doc = soup("　　正文。\n测试区民政局\n![公章](seal.png)\n二〇二二年八月三十日\n")
    assert box(doc, "signoff")[-1] == "二〇二二年八月三十日"
    assert doc.find("img")["alt"] == "公章"


def test_a_heading_with_a_date_at_the_end_of_a_body_stays_one_heading():
    # Only a paragraph is a sign-off line: an announcement may end with a heading naming a date.
    doc = soup("　　正文。\n## 报名截止 二〇二二年八月三十日\n")
    assert [h.get_text() for h in doc.find_all("h2")] == ["报名截止 二〇二二年八月三十日"]
    assert doc.find("div") is None and len(doc.find_all("p")) == 1


def test_the_closing_words_above_the_sign_off_stay_in_the_text():
    # "此复" / "特此函复" written on a line of their own without a full stop end the letter's text
    # (GB/T 9704 puts them in the body); the staff guide right-aligns only the unit and the date.
    for closing in ("此复", "特此函复", "特此答复", "专此函复", "此 复", "此　复"):
        doc = soup(f"　　感谢您对我们工作的关心和支持。\n　　{closing}\n测试区民政局\n二〇二二年八月三十日\n")
        assert box(doc, "signoff") == ["测试区民政局", "二〇二二年八月三十日"], closing
        shown = doc.find_all("p")[1]
        assert (ink(shown.get_text()), shown.get("class")) == (ink(closing), ["indent"]), closing
        assert shown.parent.name != "div", closing


def test_a_phone_on_its_own_line_below_the_contact_is_a_footer_line():
    # Offices give the number on the line below 联系人 with a short label, also padded (电　话：),
    # as `import reply` reads it (test_letter_facts_shapes.py): the sign-off above it is still found.
    for phone in ("电话：021-63182210", "电　话：021-63182210", "手机：13800000000", "（电话：021-63182210）"):
        doc = soup(f"　　正文。\n测试区民政局\n二〇二二年八月三十日\n联系人：未知\n{phone}\n")
        assert box(doc, "signoff") == ["测试区民政局", "二〇二二年八月三十日"], phone
        assert box(doc, "letter-footer") == ["联系人：未知", phone], phone


def test_a_sentence_about_phoning_at_the_end_of_the_text_is_no_footer():
    doc = soup("　　正文。\n　　电话咨询请在工作日拨打。\n")
    assert doc.find("div") is None


def test_a_unit_and_its_date_on_one_line_above_the_contact_lines():
    # A web page's copy: the sign-off on one line pushed right, the contact and 抄送 below it.
    doc = soup("　　正文。\n" + " " * 30 + "测试区民政局      二〇二二年八月廿三日\n"
               "（此件公开发布）\n联系人：未知\n抄送：未知\n")
    assert box(doc, "signoff") == ["测试区民政局", "二〇二二年八月廿三日"]
    assert box(doc, "letter-footer") == ["（此件公开发布）", "联系人：未知", "抄送：未知"]


def test_a_unit_and_its_date_on_one_line_that_open_the_body_are_split_too():
    # As two lines at the very top are a sign-off (test_letter_parts_marks.py), so is their one-line form.
    doc = soup("测试区民政局        二O二二年八月三十日\n联系人：未知\n")
    assert box(doc, "signoff") == ["测试区民政局", "二O二二年八月三十日"]
    assert box(doc, "letter-footer") == ["联系人：未知"]


def test_emphasis_in_a_first_level_heading_is_not_counted_as_text():
    # A short 一、 line is a heading: at most 40 characters of text, whatever of it is in bold.
    forty = "一、**" + "未知" * 19 + "**"
    shown = soup(f"　　正文。\n　　{forty}\n").find_all("p")[1]
    assert (len(shown.get_text()), shown["class"]) == (40, ["indent", "n1", "n1-head"])


def test_the_salutation_follows_a_title_heading_of_any_level():
    for level in range(1, 7):
        doc = soup("#" * level + " 关于未知事项的答复\n未知委员：\n　　正文。\n")
        assert (doc.p.get_text(), doc.p.get("class")) == ("未知委员：", ["salutation"]), level


def test_phone_numbers_around_emphasis_keep_every_word_in_its_place():
    # A contact paragraph as offices bold its labels: numbers before, between and after the bold
    # parts, with words around them. Each number is a link; the words read as typed.
    text = "　　咨询请拨021-63182210或021-63182212，**工作日**请拨打021-63182211转8001，**周末**请拨打13800000000。\n"
    doc = soup(text)
    assert doc.p.get_text() == text.strip().replace("**", "")
    assert [a.get_text() for a in doc.find_all("a", class_="tel")] == [
        "021-63182210", "021-63182212", "021-63182211转8001", "13800000000"]
    assert [(child.name, child.get_text()) for child in doc.p.children if child.name] == [
        ("a", "021-63182210"), ("a", "021-63182212"), ("strong", "工作日"), ("a", "021-63182211转8001"), ("strong", "周末"),
        ("a", "13800000000")]


def test_a_flush_line_ending_in_a_colon_after_the_first_paragraph_is_no_salutation():
    # Only the first paragraph is the salutation: a web page's copy with no salutation, where a
    # later line introducing a list is flush left and ends in a colon.
    doc = soup("    经研究，现将有关情况答复如下。\n办理情况如下：\n    未知。\n")
    assert [(p.get_text(), p.get("class")) for p in doc.find_all("p")] == [
        ("经研究，现将有关情况答复如下。", ["indent"]), ("办理情况如下：", None), ("未知。", ["indent"])]


def test_a_bare_number_in_a_footnote_is_no_link():
    # Bare local numbers are phone numbers only in the contact footer; a footnote is text.
    doc = soup("　　正文[^1]。\n\n[^1]: 未知编号63182210。\n")
    assert doc.find("a", class_="tel") is None and "63182210" in doc.get_text()
