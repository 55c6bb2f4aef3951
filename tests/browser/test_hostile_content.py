"""Hostile staff text in a real browser: nothing runs, nothing loads from another site.

The content of tests/support/hostile.py (markup in every field, images from
evil.example in every body) is built and served from 127.0.0.1, and Chromium at
phone width opens each kind of page and searches for a payload. A script that
ran would open an alert dialog; an image from another host would be a request
that leaves 127.0.0.1. Both are recorded for the whole visit.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.support.browser import chromium, require_browser, serve

from conftest import build, write_tree
from support.hostile import HYPERLINK, files, payload, shown

pytestmark = pytest.mark.browser

PAGES = ["", "proposals/", "proposals/2026/0001/", "proposals/2026/0006/", "responses/2026/0001-fgw/",
         "announcements/2026/notice-0/", "units/fgw/", "stats/", "stats/units/", "data/", "feeds/", "accessibility/",
         "categories/economy/"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    require_browser()
    base = tmp_path_factory.mktemp("hostile")
    content = write_tree(base / "content", files())
    result = build(content, base / "output", site_url=None)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(base / "output") as url:
        yield url


@pytest.fixture(scope="module")
def visit(served):
    """(page, dialogs, requests to other hosts) of one phone-width browser session."""
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN")
        page = context.new_page()
        dialogs, elsewhere = [], []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: elsewhere.append(r.url) if urlsplit(r.url).hostname != "127.0.0.1" else None)
        yield page, dialogs, elsewhere
        context.close()


def test_pages_run_no_payload_and_load_nothing_from_elsewhere(visit, served):
    page, dialogs, elsewhere = visit
    for path in PAGES:
        response = page.goto(served + path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
    assert dialogs == []
    assert elsewhere == []
    page.goto(served + "proposals/2026/0001/")
    assert HYPERLINK in page.locator("h1").inner_text()


def test_search_results_show_payloads_as_text(visit, served):
    page, dialogs, elsewhere = visit
    page.goto(served + "search/?q=notice_title")
    page.locator("[data-search-status]").filter(has_text="找到").wait_for()
    titles = page.locator(".search-result h2 a").all_inner_texts()
    assert any(shown(payload("notice_title", 2)) in t for t in titles), titles
    assert dialogs == []
    assert elsewhere == []
