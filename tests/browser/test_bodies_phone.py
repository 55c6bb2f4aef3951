"""Proposal, reply and announcement bodies inside their pages, on the sample site in Chromium at
375 x 812: a body's own headings never outrank the heading of the section or reply holding it,
and a wide table in a body keeps readable columns and hides nothing (it scrolls in its own box,
with a shadow at the edge that has more beyond it)."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT, build
from support.browser import chromium, overflow_problem, require_browser, serve

pytestmark = pytest.mark.browser

CONTENT = ROOT / "content"
PROPOSAL = "proposals/2023/0110/"  # its body has ## headings; two replies, each with ## 一、… headings
REPLY = "responses/2023/0110-sthj/"
RESULTS = "announcements/2026/proposal-results-2025/"  # a five-column table in its body


def source_headings(*files: str) -> list[str]:
    """The headings (## …) staff wrote in the source files, after the front matter."""
    out = []
    for name in files:
        text = (CONTENT / name).read_text(encoding="utf-8").split("\n---", 1)[1]
        out += [m.group(1).strip() for m in re.finditer(r"^#{1,6} (.+)$", text, re.M)]
    return out


@pytest.fixture(scope="module")
def phone(tmp_path_factory):
    require_browser()
    out = tmp_path_factory.mktemp("bodies-phone") / "out"
    result = build(CONTENT, out, None)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(out) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2, locale="zh-CN")
        page = context.new_page()
        page.base = base
        yield page
        context.close()


# Each heading inside a body, with the heading of the nearest section or article holding that
# body (its aria-labelledby, else its first heading outside the body), and their font sizes as drawn.
HEADINGS = """() => {
  const px = el => parseFloat(getComputedStyle(el).fontSize);
  const out = [];
  for (const body of document.querySelectorAll('main .body')) {
    const holder = body.parentElement.closest('section, article');
    const id = holder.getAttribute('aria-labelledby');
    const own = id ? document.getElementById(id)
                   : [...holder.querySelectorAll('h1, h2, h3, h4, h5, h6')].find(h => !body.contains(h));
    for (const h of body.querySelectorAll('h1, h2, h3, h4, h5, h6'))
      out.push({text: h.textContent.trim(), px: px(h), holder: own.textContent.trim(), holder_px: px(own)});
  }
  return out;
}"""


@pytest.mark.parametrize("page, sources", [
    (PROPOSAL, ["proposals/2023/0110.md", "responses/2023/0110-sthj.md", "responses/2023/0110-fgw.md"]),
    (REPLY, ["responses/2023/0110-sthj.md"]),
    (RESULTS, ["announcements/2026/proposal-results-2025.md"]),
])
def test_a_bodys_headings_are_no_larger_than_the_heading_holding_them(phone, page, sources):
    phone.goto(phone.base + page)
    shown = phone.evaluate(HEADINGS)
    assert sorted(h["text"] for h in shown) == sorted(source_headings(*sources))  # every heading was measured
    larger = [(h["text"], h["px"], h["holder"], h["holder_px"]) for h in shown if h["px"] > h["holder_px"]]
    assert larger == [], larger


def test_letter_headings_are_smaller_than_the_pages_own_sections(phone):
    """On a proposal page the letters' 一、… read below 提案内容, 答复 and 落实情况 (the page's h2)."""
    phone.goto(phone.base + PROPOSAL)
    sections = phone.evaluate("() => [...document.querySelectorAll('main section:not(.summary) > h2')].map(h => "
                              "[h.textContent.trim(), parseFloat(getComputedStyle(h).fontSize)])")
    assert "落实情况" in dict(sections)
    inner = max(h["px"] for h in phone.evaluate(HEADINGS))
    assert inner < min(px for _, px in sections), (inner, sections)


# A body table on the phone: the width of each column in characters of its own text (how many
# of a cell's characters share its first line), what a cell hides inside itself, and the box.
TABLE = """() => {
  const box = document.querySelector('main .body .table-scroll');
  const cells = [...box.querySelectorAll('th, td')];
  const perLine = c => { const n = c.firstChild; if (!n || n.nodeType !== 3) return null;
    const r = document.createRange(), top = i => { r.setStart(n, i); r.setEnd(n, i + 1); return r.getBoundingClientRect().top; };
    let k = 0;
    while (k < n.data.length && Math.abs(top(k) - top(0)) <= 1) k++;
    return {text: n.data, first: k}; };
  return {lines: cells.map(perLine).filter(Boolean),
          hidden: cells.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent),
          box: {scroll: box.scrollWidth, client: box.clientWidth, right: box.getBoundingClientRect().right,
                image: getComputedStyle(box).backgroundImage}};
}"""


def test_a_wide_body_table_keeps_readable_columns_and_hides_nothing(phone):
    phone.goto(phone.base + RESULTS)
    assert overflow_problem(phone) is None
    m = phone.evaluate(TABLE)
    assert m["hidden"] == []
    wrapped = [(c["text"], c["first"]) for c in m["lines"] if c["first"] < len(c["text"])]
    assert wrapped, "a long title wraps"  # 关于对标绿色社区创建标准、推进老旧小区绿色化改造的建议
    # never a column of 4 or 5 characters a line (6 where a line may not end with an opening bracket)
    assert min(first for _, first in wrapped) >= 6, wrapped
    box = m["box"]
    assert box["scroll"] > box["client"] and box["right"] <= 375  # the rest is reached by scrolling the table
    assert box["image"].count("gradient") >= 2  # with the edge shadows that say so
    # Scrolled to its end, the last column (委员反馈) is wholly inside the box.
    last = phone.evaluate("""() => { const box = document.querySelector('main .body .table-scroll');
        box.scrollLeft = box.scrollWidth; const b = box.getBoundingClientRect();
        return [...box.querySelectorAll('tr > :last-child')].map(c => {
          const r = c.getBoundingClientRect(); return [c.textContent, r.left >= b.left - 1 && r.right <= b.right + 1]; }); }""")
    assert [text for text, _ in last] == ["委员反馈", "满意", "基本满意"] and all(inside for _, inside in last), last
