"""/stats/ on a phone (375 × 812): tables scroll in their own box, short cells never wrap
per character, chart labels draw at 12 px or more, chart data tables are folded under their charts."""
from __future__ import annotations

import pytest

from conftest import ROOT, build
from support.browser import chromium, overflow_problem, require_browser, serve

pytestmark = pytest.mark.browser

MEASURE = """() => {
  const lines = c => { const r = document.createRange(); r.selectNodeContents(c);
                       return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; };
  const cells = [...document.querySelectorAll('main table th, main table td')].filter(c => c.checkVisibility());
  const wrapped = cells.filter(c => { const t = c.innerText.trim(); return t.length > 1 && t.length <= 8 && lines(c) > 1; })
                       .map(c => c.innerText.trim());
  const label_px = [...document.querySelectorAll('svg.chart')].map(s => {
    const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
    return parseFloat(s.getAttribute('font-size')) * scale; });
  const open_data = [...document.querySelectorAll('table.chart-data')].filter(t => t.checkVisibility()).length;
  return {wrapped, label_px, open_data, charts: document.querySelectorAll('svg.chart').length,
          height: document.documentElement.scrollHeight};
}"""


@pytest.fixture(scope="module")
def stats_page(tmp_path_factory):
    require_browser()
    out = tmp_path_factory.mktemp("stats-phone") / "out"
    result = build(ROOT / "content", out, None)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(out) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN")
        page = context.new_page()
        page.goto(base + "stats/")
        yield page
        context.close()


def test_short_cells_never_wrap_and_nothing_scrolls_the_page(stats_page):
    stats_page.evaluate("document.querySelectorAll('main details').forEach(d => d.open = true)")  # every table
    m = stats_page.evaluate(MEASURE)
    assert m["wrapped"] == [], f"short cells broken over lines: {m['wrapped']}"
    assert m["open_data"] >= 5  # the tables were measured open
    assert overflow_problem(stats_page) is None
    stats_page.evaluate("document.querySelectorAll('main details').forEach(d => d.open = false)")


def test_chart_labels_are_at_least_12px(stats_page):
    m = stats_page.evaluate(MEASURE)
    assert m["label_px"] and min(m["label_px"]) >= 12, m["label_px"]


def test_chart_tables_are_folded_under_their_charts(stats_page):
    m = stats_page.evaluate(MEASURE)
    assert m["charts"] >= 5 and m["open_data"] == 0
    summary = stats_page.locator("details.chart-table > summary").first
    summary.click()
    assert stats_page.evaluate(MEASURE)["open_data"] == 1  # one tap shows the numbers


# Every glyph of a table (caption, labels, values) as a resident sees it without scrolling
# sideways: inside the viewport and inside every box that clips or scrolls it; every number
# on one line. Ground truth is the page's own text: each text node of each cell.
SEEN = """selector => {
  const shownPart = el => {
    let left = 0, right = innerWidth;
    for (let a = el; a; a = a.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) {
        const r = a.getBoundingClientRect();
        left = Math.max(left, r.left + a.clientLeft); right = Math.min(right, r.left + a.clientLeft + a.clientWidth);
      }
    }
    return [left, right];
  };
  const unseen = [], numbers = [];
  for (const table of document.querySelectorAll(selector)) {
    for (const cell of table.querySelectorAll('caption, th, td')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node; (node = walker.nextNode());) {
        const [left, right] = shownPart(node.parentElement);
        const range = document.createRange();
        for (let i = 0; i < node.data.length; i++) {
          if (!node.data[i].trim()) continue;
          range.setStart(node, i); range.setEnd(node, i + 1);
          const r = range.getBoundingClientRect();
          if (r.left < left - 0.5 || r.right > right + 0.5) { unseen.push(cell.textContent.trim().slice(0, 20) + ' → ' + node.data[i]); break; }
        }
        for (const m of node.data.matchAll(/\\d[\\d.,%]*/g)) {
          range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
          numbers.push(m[0]);
          if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) unseen.push('broken: ' + m[0]);
        }
      }
    }
  }
  return {unseen, numbers};
}"""


@pytest.mark.parametrize("selector", ["table.figures", "table.overdue-list"])
def test_every_number_of_the_overall_tables_is_seen_without_scrolling_sideways(stats_page, selector):
    """The overall figures and the overdue list on a 375 px screen: labels may wrap, but no
    glyph is cut off or hidden beyond the table's edge, and no number breaks over two lines."""
    table = stats_page.locator(f"main section > {selector}")
    assert table.count() == 1 and table.is_visible()
    table.evaluate("t => t.scrollIntoView()")
    m = stats_page.evaluate(SEEN, f"main section > {selector}")
    assert m["unseen"] == [], m["unseen"]
    rows = table.locator("tbody tr").count()
    assert rows and len(m["numbers"]) >= rows  # every row holds a number, and each was measured
