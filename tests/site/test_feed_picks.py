"""Feeds pick their items from facts kept between builds (plugins/feeds/picks.py): what the
build store keeps of a news item must leave it with the entry (docs/performance.md, purge)."""
from __future__ import annotations

from pathlib import Path

import feedparser

from conftest import assigned_proposal, build, response, site_yaml, write_tree


def feed_ids(out: Path) -> set[str]:
    """Every item id of every Atom feed, read with a real feed parser."""
    return {e.id for f in (out / "feeds").rglob("*.atom.xml") for e in feedparser.parse(f.read_bytes()).entries}


def cache_bytes(out: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (out.parent / ".gongkai-cache").rglob("*") if p.is_file())


def built(tmp_path: Path, proposals: int) -> tuple[Path, Path]:
    """A site of `proposals` answered proposals, built once: (content, output)."""
    content, out = tmp_path / "content", tmp_path / "output"
    entries = [e for n in range(1, proposals + 1) for e in (assigned_proposal(f"{n:04d}"), response(f"2026-{n:04d}"))]
    write_tree(content, {"site.yaml": site_yaml(), **dict(entries)})
    assert build(content, out).returncode == 0
    return content, out


def test_a_deleted_replys_news_item_does_not_stay_in_the_build_store(tmp_path):
    content, out = built(tmp_path, 7)
    before = feed_ids(out)
    (content / response("2026-0003")[0]).unlink()
    assert build(content, out).returncode == 0
    gone = before - feed_ids(out)
    assert gone  # the reply's news item left the feeds
    # The first build kept it to pick feeds by; the purge after the deletion dropped it.
    assert build(content, out).returncode == 0  # (and a build after that one does not bring it back)
    kept = cache_bytes(out)
    assert [i for i in gone if i.encode() in kept] == []


def test_the_build_store_keeps_what_feeds_pick_by(tmp_path):
    """A rebuild picks unchanged entries' items from the store, not by making them again."""
    _, out = built(tmp_path, 3)
    kept = cache_bytes(out)
    assert sorted(i for i in feed_ids(out) if i.encode() not in kept) == []
