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


def test_only_the_changed_items_dates_are_worked_out_again_and_each_reaches_the_sitemap(tmp_path):
    # One new reply and an edited one: the plan is not laid on whole, each item whose record is
    # the one kept takes its kept date (publishing/generator._item_dates). Were an item's record
    # not compared, the edited reply's proposal would keep its old date; were the items matched
    # by position rather than path, the new reply would shift every later item's date.
    content, out = tmp_path / "content", tmp_path / "site"
    write_tree(content, {"site.yaml": site_yaml(), **dict([
        assigned_proposal("0001"), response("2026-0001", date="2026-04-10"),
        assigned_proposal("0002"), assigned_proposal("0003"), response("2026-0003", date="2026-03-02")])})
    assert build(content, out, env=day(0)).returncode == 0
    write_tree(content, dict([response("2026-0001", date="2026-05-20"),
                              response("2026-0002", unit="fgw", date="2026-06-11")]))
    assert build(content, out, env=day(0)).returncode == 0
    cold = tmp_path / "cold"
    assert build(content, cold, env=day(0)).returncode == 0
    after = (out / "sitemap.xml").read_bytes()
    assert after == (cold / "sitemap.xml").read_bytes()
    assert b"2026-05-20" in after and b"2026-06-11" in after and b"2026-03-02" in after


def test_a_deleted_replys_path_and_date_leave_the_kept_plan(tmp_path):
    # The plan holds each entry's path, record and date. Were it kept under a key that does not
    # change with what it holds (code and settings alone), the store would keep the first build's
    # plan for good: a deleted reply's path and date stayed in the cache after a purging build.
    content, out = tmp_path / "content", tmp_path / "site"
    gone = response("2026-0002", unit="fgw", date="2026-06-11")
    write_tree(content, {"site.yaml": site_yaml(), **dict([
        assigned_proposal("0001"), assigned_proposal("0002"), gone])})
    assert build(content, out, env=day(0)).returncode == 0
    plan = tmp_path / ".gongkai-cache" / "site" / "lastmods plans.pickle"
    assert gone[0].encode() in plan.read_bytes()
    (content / gone[0]).unlink()
    assert build(content, out, env=day(0)).returncode == 0
    assert b"2026-06-11" not in (out / "sitemap.xml").read_bytes()
    assert gone[0].encode() not in plan.read_bytes()
