"""A resident's first screen on a phone (375 × 812): the proposal summary is all above the fold.

Five stories (tests/support/first_screen.py): closed, overdue, answered late, re-handled, merged.
Expected words and numbers are worked out here from the fixture dates, not read from the code.
"""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import BUILD_DATE, build, site_yaml, write_tree
from support import first_screen as F
from support.browser import chromium, require_browser, serve

pytestmark = pytest.mark.browser

SCREEN = {"width": 375, "height": 812}
OK_GREEN = "rgb(29, 107, 53)"  # --ok in site.css


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    require_browser()
    root = tmp_path_factory.mktemp("first-screen")
    content = write_tree(root / "content", {"site.yaml": site_yaml(), **F.files()})
    result = build(content, root / "out", None)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(root / "out") as base, chromium() as browser:
        yield base, browser


def days(a: dt.date, b: dt.date) -> int:
    return (b - a).days


DUE_OVERDUE = F.OVERDUE_ASSIGNED + dt.timedelta(days=90)
# (proposal, {row selector: words that row must show}) — every row must sit within the first screen.
CASES = {
    "closed": (F.CLOSED, {".summary-status": ["已办结"], ".summary-units": ["区发改委", "会办：区生态环境局"],
                          ".summary-due": ["按期答复"], ".summary-answers": ["A 类"],
                          ".summary-days": [f"用时 {days(F.ASSIGNED, dt.date(2026, 4, 1))} 天，按期答复"],
                          ".summary-verdict": ["满意"]}),
    "overdue": (F.OVERDUE, {".summary-status": ["办理中", "逾期未答复"], ".summary-units": ["区发改委、区民政局"],
                            ".summary-due": [f"逾期 {days(DUE_OVERDUE, BUILD_DATE)} 天"],
                            ".summary-answers": ["区发改委：B 类",
                                                 f"用时 {days(F.OVERDUE_ASSIGNED, dt.date(2026, 4, 15))} 天",
                                                 "区民政局：尚未答复"],
                            ".summary-verdict": ["尚未反馈"]}),
    "late": (F.LATE, {".summary-status": ["已反馈", "逾期答复"], ".summary-units": ["区发改委"],
                      ".summary-due": [f"逾期 {days(F.DUE, F.LATE_REPLY)} 天后答复"],
                      ".summary-answers": ["B 类"],
                      ".summary-days": [f"逾期答复，用时 {days(F.ASSIGNED, F.LATE_REPLY)} 天（期限 90 天）"],
                      ".summary-verdict": ["基本满意"]}),
    "rehandled": (F.REHANDLED, {".summary-status": ["已反馈", "重新办理"], ".summary-units": ["区发改委"],
                                ".summary-due": ["按期答复"], ".summary-answers": ["A 类", "重新答复"],
                                ".summary-days": [f"用时 {days(F.ASSIGNED, dt.date(2026, 4, 1))} 天，按期答复"],
                                ".summary-verdict": ["满意", "不满意 → 重新办理"]}),
    "merged": (F.MERGED, {".summary-status": ["已并案", "审查"], ".summary-merged": [f"2026年第{F.CLOSED}号"]}),
    "not filed": (F.NOT_FILED, {".summary-status": ["不予立案", "审查"], ".summary-review-note": [F.NOT_FILED_REASON]}),
}

ROWS_JS = """sels => sels.map(s => { const e = document.querySelector('.summary ' + s);
  if (!e) return null; const r = e.getBoundingClientRect();
  return {bottom: r.bottom, right: r.right, text: e.innerText.replace(/\\s+/g, ' ')}; })"""


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("case", list(CASES))
def test_summary_fits_the_first_phone_screen(site, case, javascript):
    base, browser = site
    number, rows = CASES[case]
    context = browser.new_context(viewport=SCREEN, locale="zh-CN", java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.goto(f"{base}proposals/2026/{number}/")
        header = page.eval_on_selector(".site-header", "e => e.getBoundingClientRect().height")
        assert header <= 120, f"the header takes {header}px"
        found = dict(zip(rows, page.evaluate(ROWS_JS, list(rows))))
        for sel, words in rows.items():
            row = found[sel]
            assert row, f"{case}: no {sel} in the summary"
            assert row["bottom"] <= SCREEN["height"], f"{case}: {sel} ends at y={row['bottom']}, below the first screen"
            assert row["right"] <= SCREEN["width"], f"{case}: {sel} sticks out to x={row['right']}"
            for w in words:
                assert w in row["text"], f"{case}: {sel} says {row['text']!r}, not {w!r}"
        order = page.evaluate("""() => [document.querySelector('.summary').getBoundingClientRect().top,
                                        document.querySelector('.meta-block').getBoundingClientRect().top]""")
        assert order[0] < order[1], "the summary comes before the 信息公开 metadata block"
    finally:
        context.close()


def test_a_late_answer_is_not_shown_in_plain_green(site):
    base, browser = site
    context = browser.new_context(viewport=SCREEN, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(f"{base}proposals/2026/{F.LATE}/")
        badge = page.eval_on_selector(".summary .status-line .badge", "e => getComputedStyle(e).color")
        assert badge != OK_GREEN
        page.goto(f"{base}proposals/2026/{F.CLOSED}/")  # an on-time answer is green: the check can tell
        assert page.eval_on_selector(".summary .status-line .badge", "e => getComputedStyle(e).color") == OK_GREEN
    finally:
        context.close()
