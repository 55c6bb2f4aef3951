"""A rebuild lays every feed's kept fingerprint on the feeds without picking their items when
nothing they are made from changed (plugins/feeds/generator.py, plan_key): each entry's news
(its items' facts, a proposal's story), the horizon the site-wide feeds pick by, code,
settings and site.yaml. Were one of these left out of the key, a feed would be reused as the
previous build wrote it: the feeds here must be a cold build's, byte for byte, after each step.
"""
from __future__ import annotations

from pathlib import Path

from conftest import assigned_proposal, build, response, run_cli, site_yaml, write_tree
from support.rebuilds import announcement, dated_archive, day, same_as_cold, tree



def is_feed(rel: str) -> bool:
    return rel.endswith(".xml") and "feeds" in rel.split("/")


def same_feeds_as_cold(tmp_path: Path, content: Path, out: Path, name: str, env=None) -> dict[str, bytes]:
    return same_as_cold(tmp_path, content, out, name, env, keep=is_feed)


def test_feeds_laid_from_a_kept_plan_are_a_cold_builds_after_each_change(tmp_path):
    # build date 2026-11-23: the announcement dated the 25th is news from then on
    content, out = tmp_path / "content", tmp_path / "site"
    dated_archive(content)
    assert build(content, out, env=day(0)).returncode == 0
    assert build(content, out, env=day(1)).returncode == 0  # the next day: the plan of day 0, or a new one
    first = same_feeds_as_cold(tmp_path, content, out, "cold1", env=day(1))

    # a new reply: that proposal's story, its unit's, its category's and the site-wide feeds change
    write_tree(content, dict([response("2026-0002", unit="fgw", date="2026-11-20", body="新的答复。")]))
    assert build(content, out, env=day(1)).returncode == 0
    second = same_feeds_as_cold(tmp_path, content, out, "cold2", env=day(1))
    assert any("0002" in rel for rel in second if second[rel] != first.get(rel))

    # two days on, with nothing else changed: the dated-ahead announcement joins the site-wide feeds
    assert build(content, out, env=day(2)).returncode == 0
    third = same_feeds_as_cold(tmp_path, content, out, "cold3", env=day(2))
    assert any("公告later" in text.decode() for text in third.values())
    assert not any("公告later" in text.decode() for text in second.values())


def test_a_kept_feed_gone_from_the_spare_is_made_again_from_its_picked_items(tmp_path):
    content, out = tmp_path / "content", tmp_path / "site"
    write_tree(content, {"site.yaml": site_yaml(), **dict([
        assigned_proposal("0001"), response("2026-0001", date="2026-04-10"), announcement("a1", "2026-03-05")])})
    assert build(content, out, env=day(0)).returncode == 0
    assert build(content, out, env=day(1)).returncode == 0  # leaves day 0's site as the spare
    assert build(content, out, env=day(0)).returncode == 0  # a plan kept for day 0's key: laid on
    gone = sorted(rel for rel in tree(out) if is_feed(rel) and "proposals/" in rel)[0]
    for folder in (out, out.parent / f".{out.name}-spare"):
        (folder / gone).unlink(missing_ok=True)
    assert build(content, out, env=day(1)).returncode == 0  # the plan hit; the feed made from its items
    assert (out / gone).is_file()
    same_feeds_as_cold(tmp_path, content, out, "cold", env=day(1))



def fingerprint(out: Path, path: str) -> str:
    """The fingerprint `build.py explain` gives the output (what its inputs hash to)."""
    said = run_cli("explain", path, "--output", str(out))
    assert said.returncode == 0, said.stderr
    return next(line for line in said.stdout.splitlines() if line.startswith("fingerprint"))


def test_the_site_wide_feeds_are_keyed_by_the_dates_of_an_edited_file_not_the_kept_ones(tmp_path):
    # The site-wide feeds' horizon comes from every record's dates, kept as one set by a key over
    # every file (feeds/generator.site_horizon). An announcement dated after the build date moves
    # closer: were the set kept by the files' paths alone, the old date would stay in the horizon
    # and the site-wide feed's fingerprint would not be the one a cold build gives it.
    content, out = tmp_path / "content", tmp_path / "site"
    dated_archive(content)
    write_tree(content, dict([announcement("later", "2026-11-30")]))
    assert build(content, out, env=day(0)).returncode == 0
    assert build(content, out, env=day(1)).returncode == 0
    write_tree(content, dict([announcement("later", "2026-11-25")]))
    assert build(content, out, env=day(0)).returncode == 0
    cold = tmp_path / "cold0"
    assert build(content, cold, env=day(0)).returncode == 0
    assert fingerprint(out, "feeds/all.atom.xml") == fingerprint(cold, "feeds/all.atom.xml")
    for n in (1, 2):  # the 24th and 25th: it is news from the 25th on
        assert build(content, out, env=day(n)).returncode == 0
    feeds = same_feeds_as_cold(tmp_path, content, out, "cold2", env=day(2))
    assert "公告later" in feeds["feeds/all.atom.xml"].decode()
