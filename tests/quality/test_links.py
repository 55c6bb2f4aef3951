"""Every internal link, asset and #fragment on every page resolves to a file (and an id) in the output."""
from __future__ import annotations

import pytest

from support.linkcheck import link_errors
from support.pagetypes import html_files

from .conftest import SITE_URL, SITES


@pytest.mark.parametrize("site", SITES)
def test_published_site_has_no_broken_internal_links(published_sites, site):
    errors = link_errors(published_sites[site], SITE_URL)
    assert not errors, f"{len(errors)} broken links in {site}:\n" + "\n".join(errors[:60])


@pytest.mark.parametrize("site", SITES)
def test_preview_site_has_no_broken_internal_links(preview_sites, site):
    """Built without a public address (make html): root-relative links resolve too."""
    errors = link_errors(preview_sites[site], None)
    assert not errors, f"{len(errors)} broken links in {site}:\n" + "\n".join(errors[:60])


def test_the_checker_follows_links_assets_and_fragments(published_sites):
    """The absolute links of a published build are internal links: the checker must visit them."""
    out = published_sites["every-state"]
    page = out / "proposals" / "2026" / "0001" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert f'{SITE_URL}/theme/css/site.css' in html or '/theme/css/site.css' in html
    assert len(html_files(out)) > 20


def test_checker_reports_each_kind_of_broken_link(tmp_path):
    """The gate can fail: a missing page, asset, fragment or style-sheet image, relative and absolute."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="here">x</p>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="/theme/missing.css">'
        '<a href="a/">ok</a><a href="/a/#here">ok</a><a href="#top">same page</a><h1 id="top">t</h1>'
        '<a href="https://zx.example.org/nowhere/">gone</a><a href="a/#nope">bad fragment</a>'
        '<img src="img/x.png" alt=""><a href="https://elsewhere.example/">external</a>'
        '<a href="mailto:a@example.org">mail</a><a href="../../etc/passwd">outside</a>', encoding="utf-8")
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "site.css").write_text(
        'a { background: url("../a/index.html"); } b { background: url(img/none.png) } c { x: url(data:,x) }',
        encoding="utf-8")
    errors = "\n".join(link_errors(tmp_path, "https://zx.example.org"))
    for broken in ("theme/missing.css", "nowhere/", 'no id "nope"', "img/x.png", "../../etc/passwd",
                   "url(img/none.png)"):
        assert broken in errors
    for fine in ('"a/"', "#here", "#top", "elsewhere", "mailto"):
        assert fine not in errors
    assert len(errors.splitlines()) == 6
