"""A site built for a sub-path (`--site-url http://127.0.0.1:PORT/zxta`), served by a real
HTTP server from the output's parent, crawled from its home page: every link, asset, feed,
sitemap entry and data link answers 200 under /zxta/, and search in Chromium finds pages
whose links stay under /zxta/.

linkcheck.py checks files and skips absolute links outside the site's path; this crawl
asks the server, so a link to /proposals/… (the host's root) is caught.
"""
from __future__ import annotations

import functools
import http.server
import socket
import threading
import urllib.request
from urllib.parse import urlsplit

import pytest

from conftest import build
from support.crawl import crawl
from tests.support.browser import chromium, require_browser

PREFIX = "/zxta/"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def subpath_site(every_state_content, tmp_path_factory):
    """The every-state site at http://127.0.0.1:PORT/zxta/, served by http.server."""
    www = tmp_path_factory.mktemp("subpath") / "www"
    port = _free_port()
    result = build(every_state_content, www / "zxta", site_url=f"http://127.0.0.1:{port}/zxta")
    assert result.returncode == 0, result.stdout + result.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             functools.partial(_Quiet, directory=str(www)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


def test_every_address_the_site_names_resolves_under_the_sub_path(subpath_site):
    seen, problems = crawl(subpath_site, extra=[subpath_site + "robots.txt", subpath_site + "sitemap.xml"])
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])
    paths = {urlsplit(u).path for u in seen}
    # the crawl reached every kind of file, so "no problems" means something
    for must in (PREFIX, f"{PREFIX}proposals/2026/0001/", f"{PREFIX}feeds/all.atom.xml", f"{PREFIX}feeds/all.rss.xml",
                 f"{PREFIX}data/datapackage.json", f"{PREFIX}data/proposals.xlsx", f"{PREFIX}data/proposals.csv",
                 f"{PREFIX}data/proposals.schema.json", f"{PREFIX}data/proposal.schema.json",
                 f"{PREFIX}sitemap.xml", f"{PREFIX}search/"):
        assert must in paths, must
    assert any(p.startswith(f"{PREFIX}pagefind/") and p.endswith("pagefind.js") for p in paths)
    assert sum(p.startswith(f"{PREFIX}pagefind/") and p.endswith("pagefind-entry.json") for p in paths) >= 2
    assert any(p.startswith(f"{PREFIX}theme/") and p.endswith(".css") for p in paths)
    assert any(p.startswith(f"{PREFIX}responses/") for p in paths)
    assert any(p.startswith(f"{PREFIX}announcements/2026/") for p in paths)
    assert len(seen) > 80, len(seen)


def test_the_crawl_catches_a_link_outside_the_sub_path(tmp_path):
    """The gate can fail: a root link, an absolute link to the host's root, a missing file."""
    site = tmp_path / "zxta"
    site.mkdir()
    (site / "a.css").write_text("b { background: url(/img.png) }", encoding="utf-8")
    port = _free_port()
    (site / "index.html").write_text(
        f'<link rel="stylesheet" href="a.css"><a href="/proposals/">root</a>'
        f'<a href="http://127.0.0.1:{port}/feeds/all.atom.xml">abs</a><a href="missing/">gone</a>'
        f'<a href="https://elsewhere.example/">external</a>', encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        _, problems = crawl(f"http://127.0.0.1:{port}/zxta/")
    finally:
        server.shutdown()
        server.server_close()
    text = "\n".join(problems)
    assert "/proposals/ → " in text and "all.atom.xml" in text
    assert "/img.png" in text and "missing/" in text and "elsewhere" not in text
    assert len(problems) == 4, text


@pytest.mark.browser
def test_search_on_the_sub_path_finds_pages_under_it(subpath_site):
    require_browser()
    with chromium() as browser:
        context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 812}, is_mobile=True)
        page = context.new_page()
        page.goto(subpath_site)
        page.fill("header input[type=search]", "加装电梯")
        page.keyboard.press("Enter")
        page.wait_for_url("**/zxta/search/?q=*")
        page.locator("[data-search-status]").filter(has_text="结果").wait_for()
        page.wait_for_function("() => !document.querySelector('[data-search-results]').hasAttribute('aria-busy')")
        status = page.locator("[data-search-status]").inner_text()
        links = page.locator(".search-result h2 a").evaluate_all("links => links.map(a => a.href)")
        context.close()
    # 加装电梯 is in proposal 0001's body and in the policy announcement's title (every_state.py)
    assert status.startswith("找到"), status
    assert f"{subpath_site}proposals/2026/0001/" in links, links
    assert any(link.startswith(f"{subpath_site}announcements/2026/") for link in links), links
    assert all(link.startswith(subpath_site) for link in links), links
    for link in links:
        with urllib.request.urlopen(link, timeout=30) as r:
            assert r.status == 200, link
