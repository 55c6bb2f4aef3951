"""Rendering ahead (a first build renders every body on all cores while the content is loaded)."""
from pathlib import Path

from disclosure import render
from disclosure.site import content_files, load_site
from gongkai_build import _render_file, render_ahead
from gongkai_build.parallel import start_map
from gongkai_build.stores import RenderStore

ROOT = Path(__file__).resolve().parents[2]


def test_each_body_rendered_ahead_is_the_one_the_loader_reads():
    """Otherwise the early renders would be wasted: keys must match the loaded entries' bodies."""
    site = load_site(ROOT / "content")
    entries = site.all_proposals + site.all_responses + site.all_announcements
    ahead = {key: html for key, html, _ in filter(None, (_render_file(RenderStore(), file)
                                                         for _, file in content_files(ROOT / "content")))}
    assert ahead
    for entry in entries:
        key = RenderStore().key(entry.body)  # the build's store: a store made in another process
        assert key in ahead, entry.path
        assert ahead[key] == render.markdown_html(entry.body)


def test_start_map_gives_map_all_results_in_order():
    started = start_map(str.upper, [f"x{i}" for i in range(500)], processes=2)
    assert started is not None
    assert started.results() == [f"X{i}" for i in range(500)]


def test_start_map_does_not_fork_for_little_work():
    assert start_map(str.upper, ["a", "b"], processes=2) is None


def test_a_rebuild_does_not_render_ahead(tmp_path):
    output = tmp_path / "output"
    cache = tmp_path / ".gongkai-cache" / "output"
    cache.mkdir(parents=True)
    (cache / "renders.pickle").write_bytes(b"")
    assert render_ahead(ROOT / "content", output) is None


def test_a_first_build_renders_ahead(tmp_path, monkeypatch):
    from gongkai_build import parallel
    original = parallel.start_map  # the shipped content is small: fork for it all the same
    monkeypatch.setattr(parallel, "start_map", lambda fn, items: original(fn, items, min_items=1, processes=2))
    started = render_ahead(ROOT / "content", tmp_path / "output")
    assert started is not None
    try:
        pairs = [p for p in started.results() if p]
    finally:
        started.cancel()
    assert len(pairs) == sum(1 for _ in content_files(ROOT / "content"))
