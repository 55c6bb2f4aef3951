"""The sitemap's dates of items are laid from a kept plan when no item's record changed
(plugins/publishing/generator.py, _item_dates: a key over every record, code, settings and
site.yaml). Were the records left out of the key, a reply's new date would not reach the
sitemap: it must be a cold build's, byte for byte.
"""
from __future__ import annotations

from conftest import assigned_proposal, build, response, site_yaml, write_tree
from support.rebuilds import day

def test_a_replys_new_date_reaches_the_sitemap_after_a_kept_plan(tmp_path):
    content, out = tmp_path / "content", tmp_path / "site"
    write_tree(content, {"site.yaml": site_yaml(), **dict([
        assigned_proposal("0001"), response("2026-0001", date="2026-04-10"), assigned_proposal("0002")])})
    assert build(content, out, env=day(0)).returncode == 0
    assert build(content, out, env=day(1)).returncode == 0
    assert build(content, out, env=day(0)).returncode == 0  # day 0's plan laid on
    before = (out / "sitemap.xml").read_bytes()
    assert b"2026-04-10" in before

    write_tree(content, dict([response("2026-0001", date="2026-05-20")]))
    assert build(content, out, env=day(0)).returncode == 0
    cold = tmp_path / "cold"
    assert build(content, cold, env=day(0)).returncode == 0
    after = (out / "sitemap.xml").read_bytes()
    assert after == (cold / "sitemap.xml").read_bytes()
    assert b"2026-05-20" in after and after != before
