"""The browser checks' page selection covers every URL shape and every piece of markup the site has."""
from __future__ import annotations

import shutil

from support.pagetypes import html_files, representatives, shape, tokens, url_of


def test_representatives_cover_every_shape_and_token(published_sites):
    out = published_sites["every-state"]
    chosen = representatives(out)
    pages = {url_of(out, p): tokens(p) for p in html_files(out)}
    assert {shape(u) for u in chosen} == {shape(u) for u in pages}
    assert set().union(*(pages[u] for u in chosen)) == set().union(*pages.values())
    assert len(chosen) < len(pages) / 2, "a selection, not every page"
    for url in ("", "accessibility/", "proposals/", "announcements/"):
        assert url in chosen


def test_a_new_page_type_is_picked_up_without_configuration(published_sites, tmp_path):
    out = shutil.copytree(published_sites["every-state"], tmp_path / "site")
    before = representatives(out)
    (out / "proposals" / "2026" / "0001" / "index.html").write_text(
        (out / "proposals" / "2026" / "0001" / "index.html").read_text(encoding="utf-8")
        .replace("<main", '<aside class="brand-new-widget">新</aside><main', 1), encoding="utf-8")
    (out / "reports" / "2026" / "q1").mkdir(parents=True)
    (out / "reports" / "2026" / "q1" / "index.html").write_text("<!DOCTYPE html><title>x</title><p>季报</p>",
                                                                   encoding="utf-8")
    after = representatives(out)
    assert "reports/2026/q1/" in after and "reports/2026/q1/" not in before
    files = {url_of(out, p): p for p in html_files(out)}
    assert any("aside.brand-new-widget" in tokens(files[u]) for u in after)
