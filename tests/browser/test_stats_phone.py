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
