"""WCAG 2.1 AA in Chromium: axe-core, 320 px reflow, 200% zoom, keyboard and no-JavaScript.

Runs on one representative page of every page type of both sites, chosen from
the output (tests/support/pagetypes.py), so new templates are covered without
editing this file. See docs/quality.md for what each check means and why.
"""
from __future__ import annotations

from contextlib import ExitStack

import pytest

from support.pagetypes import representatives

from tests.support.browser import axe_violations, chromium, missing_tools, overflow_problem, serve
from .conftest import SITES, missing

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
NARROW = {"viewport": {"width": 320, "height": 640}}
# Browser zoom at 200% on a 1280 px window: 640 CSS px of layout, each drawn with 2 device px.
ZOOM_200 = {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2}


@pytest.fixture(scope="module")
def browser():
    why = missing_tools()
    if why:
        missing("Chromium with axe-core", why)
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def servers(preview_sites):
    with ExitStack() as stack:
        yield {name: stack.enter_context(serve(out)) for name, out in preview_sites.items()}


@pytest.fixture(scope="module")
def pages(preview_sites):
    return {name: representatives(out) for name, out in preview_sites.items()}


def visit(browser, base, urls, check, **context_options):
    """Open each URL in a fresh page of one context and collect check(page) problems, prefixed by URL."""
    context = browser.new_context(locale="zh-CN", **context_options)
    problems = []
    try:
        page = context.new_page()
        for url in urls:
            response = page.goto(base + url, wait_until="load")
            assert response and response.ok, f"/{url}: HTTP {response.status if response else '?'}"
            problems += [f"/{url}: {p}" for p in check(page)]
    finally:
        context.close()
    return problems


@pytest.mark.parametrize("site", SITES)
def test_axe_finds_no_wcag21_aa_violations(browser, servers, pages, site):
    def check(page):
        found = axe_violations(page)
        page.evaluate("document.documentElement.classList.add('high-contrast')")  # the reading aid's mode
        found += [f"[高对比度] {v}" for v in axe_violations(page, ["color-contrast"])]
        return found

    problems = visit(browser, servers[site], pages[site], check, **DESKTOP)
    assert len(pages[site]) >= 10
    assert not problems, f"{len(problems)} axe violations in {site}:\n" + "\n".join(problems[:60])


@pytest.mark.parametrize("site", SITES)
def test_pages_reflow_at_320_px(browser, servers, pages, site):
    """WCAG 1.4.10: at 320 CSS px nothing scrolls sideways, also with the reading aid's large text."""
    def check(page):
        found = [p for p in [overflow_problem(page)] if p]
        page.evaluate("document.documentElement.classList.add('text-large')")
        found += [f"[大字号] {p}" for p in [overflow_problem(page)] if p]
        return found

    problems = visit(browser, servers[site], pages[site], check, **NARROW)
    assert not problems, f"{len(problems)} pages overflow at 320 px in {site}:\n" + "\n".join(problems)


@pytest.mark.parametrize("site", SITES)
def test_pages_stay_readable_at_200_percent_zoom(browser, servers, pages, site):
    """WCAG 1.4.4: at 200% zoom (640 CSS px at 2 device px each) nothing is cut off or scrolls sideways."""
    def check(page):
        assert page.evaluate("devicePixelRatio") == 2 and page.evaluate("innerWidth") == 640
        return [p for p in [overflow_problem(page)] if p]

    problems = visit(browser, servers[site], pages[site], check, **ZOOM_200)
    assert not problems, f"{len(problems)} pages overflow at 200% zoom in {site}:\n" + "\n".join(problems)


def test_keyboard_reaches_the_skip_link_first_and_it_moves_to_the_content(browser, servers):
    context = browser.new_context(locale="zh-CN", **DESKTOP)
    try:
        page = context.new_page()
        page.goto(servers["sample"] + "proposals/")
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect(),
            s = getComputedStyle(e);
            return {text: e.textContent.trim(), href: e.getAttribute('href'), visible: r.width > 0 && r.top >= 0
                    && r.left >= 0 && r.bottom <= innerHeight, outline: s.outlineStyle !== 'none' || s.boxShadow !== 'none'}; }""")
        assert focused["text"] == "跳到正文" and focused["href"] == "#main"
        assert focused["visible"], "the skip link must be visible when it has focus"
        assert focused["outline"], "the focused link must show a focus indicator"
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#main"
        for _ in range(8):  # every control reached by Tab shows where the focus is
            page.keyboard.press("Tab")
            style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
                return {tag: document.activeElement.tagName, ring: s.outlineStyle !== 'none' || s.boxShadow !== 'none'}; }""")
            assert style["ring"], f"no visible focus indicator on a {style['tag']}"
    finally:
        context.close()


@pytest.mark.parametrize("site", SITES)
def test_pages_work_without_javascript(browser, servers, pages, site):
    """All content is in the HTML; controls that need a script stay hidden without one."""
    def check(page):
        found = []
        if not page.locator("main h1").first.is_visible():
            found.append("no visible h1 in main")
        for button in page.locator("button:not(form[action] button[type=submit])").all():
            if button.is_visible():  # a form's submit button works without a script; others do not
                found.append(f"a visible button that needs JavaScript: {button.inner_text()}")
        return found

    problems = visit(browser, servers[site], pages[site], check, java_script_enabled=False, **DESKTOP)
    assert not problems, "\n".join(problems)


def test_the_checks_catch_real_problems(browser):
    """The gates can fail: axe flags a missing alt and low contrast; the overflow check flags a wide page."""
    context = browser.new_context(**NARROW)
    try:
        page = context.new_page()
        page.set_content('<!DOCTYPE html><html><head><title>t</title></head><body>'
                         '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#bbb">浅色文字</p>'
                         '<div style="width:600px">宽</div></body></html>')
        rules = {line.split(" ", 1)[0] for line in axe_violations(page)}
        assert {"image-alt", "color-contrast", "html-has-lang"} <= rules
        assert "sticks out" in (overflow_problem(page) or "")
        page.set_content('<!DOCTYPE html><html lang="zh-CN"><head><title>t</title></head>'
                         '<body style="overflow-x:hidden"><div style="width:600px">宽</div></body></html>')
        assert "hidden" in (overflow_problem(page) or "")
    finally:
        context.close()
