"""Pasted official letters, built for real and read in Chromium at 375 x 812, as on a phone.

Each fixture reply is a letter as it arrives from Word, a web page or WeChat (see
/work/shared/design/official-documents.md). What must hold is read off the source
text: every line that starts a line in the source (salutation, numbered item,
sign-off, 联系人, 抄送) starts its own line on screen; a line written with 　　 or
spaces shows a first-line indent of about two characters; the sign-off is
right-aligned; nothing is wider than the screen; no <pre> comes from body text.
"""
from __future__ import annotations

import re

import pytest

from conftest import assigned_proposal, build, response, site_yaml, write_tree
from support import nuchecker
from tests.support.browser import axe_violations, chromium, overflow_problem, require_browser, serve

pytestmark = pytest.mark.browser

WORD = (
    "未知委员：\n"
    "　　您提出的《关于未知事项的建议》收悉。经研究，现答复如下。\n"
    "　　一、基本情况\n"
    "　　（一）已开展的工作\n"
    "　　1.第一项工作已经完成，相关情况未知。\n"
    "　　（1）细项一；\n"
    "　　（2）细项二。\n"
    "　　2.第二项工作正在推进。\n"
    "　　二、下一步工作\n"
    "　　我们将继续推进相关工作，并及时向您通报进展。这一段写得比较长，在手机上会折成好几行，用来检查首行缩进只在第一行。\n"
    "测试区发展和改革委员会\n"
    "2026年4月1日\n"
    "联系人：未知　　联系电话：021-00000000\n"
    "抄送：未知。\n"
)
WEB = (
    "未知委员：\n\n"
    "    您提出的建议收悉，现答复如下。这一段来自网页，用四个空格缩进，不能变成代码块，也不能撑宽页面。\n"
    "    一、关于第一个问题\n"
    "    我们已经研究。\n"
    + " " * 100 + "测试区生态环境局\n"
    + " " * 104 + "2026年4月2日\n\n"
    "联 系 人：赵   历\n"
    "联系电话：021-00000001，6318 2210\n"
)
WECHAT = (
    "未知委员：\n\n您提出的建议收悉。\n\n一、关于未知问题\n\n已经研究。\n\n（一）未知\n\n"
    "测试区发展和改革委员会\n\n二〇二六年四月三日\n\n抄送：未知。\n"
)
TABLES = (
    "　　情况如下：\n"
    "社区\t创建情况\t面积\t户数\t年份\t备注\t联系人\t联系电话\n"
    "未知社区甲\t市级低碳社区\t未知\t未知\t未知\t未知\t未知\t021-00000002\n"
    "未知社区乙\t未知\t未知\t未知\t未知\t未知\t未知\t未知\n"
    "\n| 指标 | 第一季度 | 第二季度 | 第三季度 | 第四季度 | 全年合计 | 同比变化 | 说明 |\n"
    "|---|---|---|---|---|---|---|---|\n"
    "| 未知指标 | 未知 | 未知 | 未知 | 未知 | 未知 | 未知 | https://example.org/a/very/long/address/that/does/not/wrap |\n"
    '\n<img src="seal.png"> <a href="javascript:alert(1)">见附件</a>\n'  # left without alt / href by the sanitiser
)
LETTERS = {"0001": WORD, "0002": WEB, "0003": WECHAT, "0004": TABLES}
PAGES = {number: f"responses/2026/{number}-fgw/" for number in LETTERS}


def starting_lines(body: str) -> list[str]:
    """From the source: the text that begins each non-empty line (as staff see it in the file)."""
    lines = []
    for line in body.splitlines():
        text = line.strip(" \u3000")
        if text and "\t" not in text and not text.startswith(("|", "<")):
            lines.append(re.match(r"\D{1,5}|\S{1,5}", text).group(0))  # up to a phone number's link
    return lines


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("letters")
    files = {"site.yaml": site_yaml()}
    for number, body in LETTERS.items():
        files.update([assigned_proposal(number), response(f"2026-{number}", body=body)])
    content = write_tree(root / "content", files)
    out = root / "output"
    result = build(content, out, site_url=None)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def phone(site):
    require_browser()
    with serve(site) as url, chromium() as browser:
        context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2, locale="zh-CN")
        page = context.new_page()
        page.base = url
        yield page
        context.close()


# Where a piece of body text starts and where the text before it ends, from the rendered glyphs.
GLYPHS_JS = """needle => {
  const body = document.querySelector('article .body');
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  let prev = null, node;
  const box = (n, i) => { const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
                          const b = r.getBoundingClientRect(); return {top: b.top, bottom: b.bottom, left: b.left, right: b.right}; };
  while ((node = walker.nextNode())) {
    const at = node.data.indexOf(needle);
    if (at >= 0) {
      const block = node.parentElement.closest('p, li, h2, h3, td, th, div');
      const style = getComputedStyle(block), rect = block.getBoundingClientRect();
      const end = node.data.trimEnd().length - 1;
      return {first: box(node, at), last: box(node, end), before: prev,
              block: {left: rect.left + parseFloat(style.paddingLeft), right: rect.right - parseFloat(style.paddingRight),
                      fontSize: parseFloat(style.fontSize), align: style.textAlign, tag: block.tagName.toLowerCase()}};
    }
    const t = node.data.trimEnd();
    if (t.trim()) prev = box(node, t.length - 1);
  }
  return null;
}"""


def glyphs(page, needle):
    found = page.evaluate(GLYPHS_JS, needle)
    assert found, f"{needle!r} is not on the page"
    return found


@pytest.mark.parametrize("number", list(LETTERS))
def test_a_pasted_letter_fits_a_phone_and_keeps_its_lines(phone, number):
    phone.goto(phone.base + PAGES[number])
    assert overflow_problem(phone) is None, overflow_problem(phone)
    assert phone.locator("article .body pre").count() == 0
    for needle in starting_lines(LETTERS[number]):
        g = glyphs(phone, needle)
        if g["before"] is not None:
            assert g["first"]["top"] >= g["before"]["bottom"] - 1, f"{needle!r} does not start its own line"
    assert axe_violations(phone) == []


def test_the_first_line_indent_is_two_characters(phone):
    phone.goto(phone.base + PAGES["0001"])
    long = glyphs(phone, "我们将继续推进")
    indent = long["first"]["left"] - long["block"]["left"]
    assert abs(indent - 2 * long["block"]["fontSize"]) <= 0.25 * long["block"]["fontSize"], indent
    salutation = glyphs(phone, "未知委员")
    assert abs(salutation["first"]["left"] - salutation["block"]["left"]) < 1  # written flush left, shown so
    phone.goto(phone.base + PAGES["0002"])
    web = glyphs(phone, "您提出的建议收悉")
    assert abs(web["first"]["left"] - web["block"]["left"] - 2 * web["block"]["fontSize"]) <= 0.25 * web["block"]["fontSize"]


@pytest.mark.parametrize("number, lines", [("0001", ["测试区发展和改革委员会", "2026年4月1日"]),
                                           ("0002", ["测试区生态环境局", "2026年4月2日"]),
                                           ("0003", ["测试区发展和改革委员会", "二〇二六年四月三日"])])
def test_the_sign_off_is_right_aligned(phone, number, lines):
    phone.goto(phone.base + PAGES[number])
    for needle in lines:
        g = glyphs(phone, needle)
        assert abs(g["last"]["right"] - g["block"]["right"]) <= 1.5, (needle, g)
        assert g["first"]["left"] > g["block"]["left"] + 2 * g["block"]["fontSize"], (needle, g)


def test_phone_numbers_are_links_that_do_not_break(phone):
    phone.goto(phone.base + PAGES["0001"])
    assert phone.locator("article .body a[href='tel:02100000000']").inner_text() == "021-00000000"
    phone.goto(phone.base + PAGES["0002"])
    links = phone.locator("article .body a.tel")
    assert links.all_inner_texts() == ["021-00000001", "6318 2210"]
    try:  # at every width where a number meets the end of a line, it moves whole to the next one
        for width in range(300, 421, 2):
            phone.set_viewport_size({"width": width, "height": 812})
            pieces = links.evaluate_all("links => links.map(a => a.getClientRects().length)")
            assert pieces == [1, 1], width
    finally:
        phone.set_viewport_size({"width": 375, "height": 812})


def test_wide_tables_scroll_inside_their_own_box(phone):
    phone.goto(phone.base + PAGES["0004"])
    boxes = phone.locator("article .body .table-scroll")
    assert boxes.count() == 2
    for i in range(2):
        sizes = boxes.nth(i).evaluate("b => [b.scrollWidth, b.clientWidth, b.getBoundingClientRect().right]")
        assert sizes[0] > sizes[1] and sizes[2] <= 375  # wider than the screen, scrolled within
    assert [c.inner_text() for c in phone.locator("article .body table").first.locator("th").all()][:2] == ["社区", "创建情况"]


def test_letter_pages_are_valid_html(site):
    why = nuchecker.available()
    if why:
        pytest.skip(why)
    files = [site / page / "index.html" for page in PAGES.values()]
    assert nuchecker.vnu_messages(files) == []
