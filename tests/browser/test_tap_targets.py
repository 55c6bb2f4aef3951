"""Links a resident taps on a phone are big enough to hit (WCAG 2.2 2.5.8, 24 × 24 CSS px at least).

Links inside a sentence are exempt there; these stand alone: the breadcrumb (首页 › 提案 › 2026年),
the footer (开放数据 · 订阅更新 · 无障碍声明), the home page's overdue alert, a page's 订阅 links and
the whole list's ways in (按状态 / 按年度).
Measured in Chromium at 375 × 812 on the shipped sample site.
"""
from __future__ import annotations

import pytest

from tests.support.browser import chromium, require_browser, serve

pytestmark = pytest.mark.browser

STANDALONE = ".breadcrumbs a, .site-footer a, p.warn a, .subscribe a, nav.browse a"


@pytest.fixture(scope="module")
def phone(sample_site_rooted):
    require_browser()
    with serve(sample_site_rooted) as url, chromium() as browser:
        context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, locale="zh-CN")
        yield url, context.new_page()
        context.close()


@pytest.mark.parametrize("path", ["", "proposals/", "proposals/2026/0047/", "stats/"])
def test_standalone_links_are_at_least_24px_tall(phone, path):
    base, page = phone
    page.goto(base + path)
    sizes = page.eval_on_selector_all(STANDALONE, """links => links.filter(a => a.offsetParent)
        .map(a => [a.textContent.trim(), a.getBoundingClientRect().height])""")
    assert sizes, f"no standalone link on /{path}"
    small = [(text, round(h, 1)) for text, h in sizes if h < 24]
    assert small == [], f"/{path}: {small}"
