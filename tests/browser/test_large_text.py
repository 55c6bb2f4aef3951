"""A resident who turns the text up (a phone's large-text setting, 适老化) or reads on a small phone.

Large text is simulated as the resident's browser does it: a Chromium profile whose default text
size is 32 px (200 %, WCAG 1.4.4) instead of 16, read at 375 × 812; the small phone is 320 × 640
at the usual size (WCAG 1.4.10's reflow width). Served from the shipped sample site.
"""
from __future__ import annotations

import pytest

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, large_text_page, overflow_problem, require_browser, serve

pytestmark = pytest.mark.browser

OVERDUE, NOT_ANSWERED, CLOSED_TWO_REPLIES = "proposals/2026/0047/", "proposals/2026/0203/", "proposals/2023/0110/"
PAGES = ["", CLOSED_TWO_REPLIES, "proposals/2026/0015/", "responses/2025/0062-wjw/", OVERDUE, NOT_ANSWERED,
         "proposals/", "status/replied/2026/", "years/2026/", "stats/", "units/fgw/", "search/?q=养老",
         "search/?q=不存在的词语组合", "announcements/2026/proposal-results-2025/", "feeds/"]

# Text a box cuts off: it hides what overflows it (or ends in …) and its content is wider or taller
# than the box. Form fields scroll their own text and 1 px visually-hidden labels are meant to hide.
CLIPPED_JS = """() => [...document.querySelectorAll('body *')].filter(el => {
    if (!el.checkVisibility() || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) return false;
    const s = getComputedStyle(el), r = el.getBoundingClientRect();
    if (r.width <= 2 || r.height <= 2) return false;
    const hides = ['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY);
    return hides && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
  }).map(el => el.tagName.toLowerCase() + '.' + el.className + ': ' + el.innerText.trim().slice(0, 30))"""

# How many of its own characters fit on one line of each value in a list of facts.
VALUE_CHARS_JS = """() => [...document.querySelectorAll('.summary-facts dd, dl.facts dd, .meta-block dd')]
  .filter(dd => dd.checkVisibility())
  .map(dd => { const s = getComputedStyle(dd);
               const inner = dd.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
               return [dd.closest('dl').className, dd.innerText.trim().slice(0, 20), inner / parseFloat(s.fontSize)]; })"""


@pytest.fixture(scope="module")
def served(sample_site_rooted):
    require_browser()
    with serve(sample_site_rooted) as url:
        yield url


@pytest.fixture(scope="module")
def playwright(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def large(playwright, served, tmp_path_factory):
    """A 375 × 812 phone whose reader has set text to 200 %."""
    profile = tmp_path_factory.mktemp("profile-200")
    with large_text_page(playwright, profile, {"width": 375, "height": 812}) as page:
        page.goto(served)
        assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == 32
        yield page


@pytest.fixture(scope="module")
def small(playwright):
    """A 320 × 640 phone at the usual text size."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="zh-CN")
    yield context.new_page()
    browser.close()


def visit(page, base, path):
    page.goto(base + path)
    if path.startswith("search/"):
        page.wait_for_selector(".search-status:not(:empty)")


@pytest.mark.parametrize("path", PAGES)
def test_large_text_reflows_without_sideways_scrolling_or_cut_off_text(large, served, path):
    visit(large, served, path)
    assert overflow_problem(large) is None, f"/{path}: {overflow_problem(large)}"
    clipped = large.evaluate(CLIPPED_JS)
    assert clipped == [], f"/{path}: text cut off: {clipped}"


@pytest.mark.parametrize("path", [OVERDUE, CLOSED_TWO_REPLIES, "responses/2025/0062-wjw/"])
def test_large_text_facts_keep_a_readable_line(large, served, path):
    """A value beside its label must not be squeezed to a few characters a line (当前状态 was 1)."""
    visit(large, served, path)
    widths = large.evaluate(VALUE_CHARS_JS)
    assert widths
    narrow = [(dl, text, round(chars, 1)) for dl, text, chars in widths if chars < 6]
    assert narrow == [], f"/{path}: values with room for fewer than 6 characters a line: {narrow}"


@pytest.mark.parametrize("path", [OVERDUE, NOT_ANSWERED, CLOSED_TWO_REPLIES, "proposals/2026/0216/"])
def test_large_text_first_screen_still_says_where_the_proposal_is(large, served, path):
    """The summary's headline (已超过答复期限，区教育局尚未答复。) is on the first screen."""
    visit(large, served, path)
    box = large.eval_on_selector(".summary-headline", "e => { const r = e.getBoundingClientRect(); "
                                 "return {bottom: r.bottom, text: e.innerText}; }")
    assert box["bottom"] <= 812, f"/{path}: {box['text']!r} ends at y={box['bottom']:.0f}, below the first screen"


def test_large_text_search_box_shows_what_was_typed(large, served):
    visit(large, served, "search/?q=不存在的词语组合")
    chars = large.eval_on_selector(".search-box input", """i => { const s = getComputedStyle(i);
        return (i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)) / parseFloat(s.fontSize); }""")
    assert chars >= 7, f"the search box shows {chars:.1f} characters"


def test_small_phone_keeps_the_days_overdue_together(small, served):
    """At 320 px "逾期 168 天" broke after 逾期, its number on the next line."""
    small.goto(served + OVERDUE)
    assert overflow_problem(small) is None
    lines = small.eval_on_selector(".summary-due .due-note", """e => { const r = document.createRange();
        r.selectNodeContents(e); return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }""")
    assert lines == 1


def test_large_text_shows_each_chart_as_a_table_at_the_readers_size(large, served):
    """A chart's labels stay about 13 px whatever the reader's setting: its data table is open."""
    visit(large, served, "stats/")
    charts = large.evaluate("""() => [...document.querySelectorAll('svg.chart')].map(svg => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const table = svg.closest('figure').querySelector('table.chart-data');
        return [parseFloat(svg.getAttribute('font-size')) * scale, table.checkVisibility(),
                parseFloat(getComputedStyle(table).fontSize)]; })""")
    assert len(charts) >= 5
    assert all(label < 20 for label, _, _ in charts)  # the drawn labels are small at 200 %: the reason
    assert [shown for _, shown, _ in charts] == [True] * len(charts), "a chart's numbers need a tap to read"
    assert min(px for _, _, px in charts) >= 24
    large.locator(".chart-table > summary").first.click()  # the reader can still fold one away
    assert not large.evaluate("document.querySelector('svg.chart').closest('figure')"
                              ".querySelector('table.chart-data').checkVisibility()")


@pytest.mark.parametrize("path", ["stats/", OVERDUE, "responses/2025/0062-wjw/"])
def test_small_phone_with_large_text_reflows(large, served, path):
    """Both at once (a 320 px phone at 200 %): ten characters across, still no sideways scrolling,
    and the overall figures' labels (提案总数 …) are not one character a line."""
    large.set_viewport_size({"width": 320, "height": 640})
    try:
        visit(large, served, path)
        assert overflow_problem(large) is None, f"/{path}: {overflow_problem(large)}"
        labels = large.evaluate("""() => [...document.querySelectorAll('table.figures th')].map(th =>
            th.clientWidth / parseFloat(getComputedStyle(th).fontSize))""")
        assert all(chars >= 6 for chars in labels), labels
    finally:
        large.set_viewport_size({"width": 375, "height": 812})


def test_large_text_search_filters_open_within_the_screen(large, served):
    """筛选 opened at 200 %: each select is as wide as its longest unit's name unless held in."""
    visit(large, served, "search/?q=养老")
    large.click(".search-filters-fold > summary")
    assert large.is_visible("#filter-unit")
    assert overflow_problem(large) is None, overflow_problem(large)


def test_larger_still_the_statistics_cards_fit(playwright, served, tmp_path):
    """At 250 % a 9rem card (360 px) is wider than the screen's column: the cards shrink to it."""
    with large_text_page(playwright, tmp_path / "profile-250", {"width": 375, "height": 812}, text_px=40) as page:
        page.goto(served + "stats/")
        assert overflow_problem(page) is None, overflow_problem(page)


def test_site_name_wraps_in_balanced_lines(playwright, served, tmp_path):
    """At 150 % the name took two lines with 开 alone on the second."""
    with large_text_page(playwright, tmp_path / "profile-150", {"width": 375, "height": 812}, text_px=24) as page:
        page.goto(served)
        widths = page.eval_on_selector(".site-name a", """a => { const r = document.createRange();
            r.selectNodeContents(a); return [...r.getClientRects()].map(x => x.width); }""")
        assert len(widths) == 2 and min(widths) >= max(widths) / 2, widths
