"""Phone numbers in running text become tel: links; other runs of digits stay text.

The sentences are written for this test; each expected link (the text as written, and the
digits a phone dials) is read off the sentence by hand, never off the renderer.
"""
import pytest
from bs4 import BeautifulSoup

from disclosure.render import markdown_html


def links(text):
    doc = BeautifulSoup(markdown_html(text), "html.parser")
    return [(a.get_text(), a["href"]) for a in doc.find_all("a", class_="tel")]


@pytest.mark.parametrize("sentence, number, href", [
    ("如对公示内容有异议，请拨打 13912340000 与我们联系。", "13912340000", "tel:13912340000"),
    ("值班手机：158 0000 1234（工作日）。", "158 0000 1234", "tel:15800001234"),
    ("也可以发短信到189-0000-5678，我们会回复。", "189-0000-5678", "tel:18900005678"),
    ("来电请打 +86 177 0000 4321。", "+86 177 0000 4321", "tel:+8617700004321"),
    ("街道办电话021-54000000，欢迎来电。", "021-54000000", "tel:02154000000"),
    ("县信访办：0571-8760000。", "0571-8760000", "tel:05718760000"),
    ("请致电（010）66000000了解详情。", "（010）66000000", "tel:01066000000"),
    ("咨询电话 0755-8800 1234。", "0755-8800 1234", "tel:075588001234"),
    ("总机 021-63000000 转 2105，找办公室。", "021-63000000 转 2105", "tel:02163000000"),
    ("总机 021-63000000转2105。", "021-63000000转2105", "tel:02163000000"),
    ("办公室电话：021-63000000-8001（工作日）。", "021-63000000-8001", "tel:02163000000"),
    ("请打0571-87600000－12咨询。", "0571-87600000－12", "tel:057187600000"),
])
def test_a_phone_number_in_running_text_is_one_tel_link(sentence, number, href):
    assert links(sentence) == [(number, href)]


@pytest.mark.parametrize("sentence", [
    "经研究，2023-0110 号提案与 2024-0203 号提案并案办理。",  # proposal numbers
    "根据〔2023〕57号文件精神，我们制定了办法。",  # a document number
    "该项目于2023-12-31前完成，2024-01-15验收。",  # dates
    "全年投入资金12345678元，另有13912345678元专项资金。",  # amounts, one of them mobile-shaped
    "申请人证件号码310101199001011234已核验。",  # an ID-like 18-digit number
    "登记编号 139123456789 为十二位。",  # a longer run of digits
    "编号 A13912345678 和 13912345678B 不是电话。",  # part of a code with letters
    "比例为 0.13912345678，另记 1.3912345678。",  # decimals
    "文号 2023-021-63000000 是一个编号。",  # a hyphenated run of numbers
    "编号 021-63000000-8001-2 是一串编号。",  # more hyphenated groups than a phone has
    "网址 https://example.org/13912345678 已公布。",  # inside an address
])
def test_other_runs_of_digits_stay_text(sentence):
    assert links(sentence) == []


def test_several_numbers_in_one_paragraph_keep_the_text_between_them():
    text = "白天打 021-54000000，晚上打 137 0000 2222。"
    html = markdown_html(text)
    doc = BeautifulSoup(html, "html.parser")
    assert doc.get_text() == text
    assert [a.get_text() for a in doc.find_all("a", class_="tel")] == ["021-54000000", "137 0000 2222"]


def test_a_grouped_mobile_in_the_contact_footer_is_one_link():
    # Before, the footer's local-number rule took "138 0000" and left "1111" as text.
    text = "　　正文。\n测试区民政局\n2026年4月1日\n联系人：未知　　联系电话：138 0000 1111\n"
    assert links(text) == [("138 0000 1111", "tel:13800001111")]


def test_a_number_already_in_a_link_or_code_is_left_alone():
    assert links("[热线 13912340000](https://example.org/)，代码 `13912340000`。") == []


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from disclosure.letter_parts import _DIGITS, PHONE_ANYWHERE, PHONE_FOOTER  # noqa: E402


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789１２３ -－–—()（）+.转号元", max_size=24))
def test_a_text_holding_a_number_has_three_digits_in_a_row(text):
    """_link_in looks for a number only where _DIGITS finds three digits in a row: no number is missed."""
    if PHONE_ANYWHERE.search(text) or PHONE_FOOTER.search(text):
        assert _DIGITS.search(text)
