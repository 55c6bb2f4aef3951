"""gongkai_build/kept.py: values kept between builds in one file, new ones appended."""
from __future__ import annotations

import pickle

from gongkai_build import kept


def test_a_file_cut_off_by_a_killed_build_is_rewritten_not_appended_behind_the_cut(tmp_path):
    path = tmp_path / "store.pickle"
    kept.save(path, "s", {}, {f"k{n}": n for n in range(20)})
    whole = kept.load(path, "s")
    before = path.stat().st_size
    kept.save(path, "s", whole, {**whole, "new1": "一" * 200})  # appended
    data = path.read_bytes()
    path.write_bytes(data[:before + (len(data) - before) // 2])  # the build was killed half-way through that append
    cut = kept.load(path, "s")
    assert set(cut) == {f"k{n}" for n in range(20)}  # what came before the cut is still right
    kept.save(path, "s", cut, {**cut, "new1": "一" * 200})
    again = kept.load(path, "s")
    assert again.get("new1") == "一" * 200 and len(again) == 21  # not written where no load would read it


def test_a_file_pickle_cannot_read_reads_as_empty(tmp_path):
    path = tmp_path / "store.pickle"
    path.write_bytes(pickle.dumps({"salt": "s", "values": {"k": 1}})[:8] + b"\xff" * 40)
    assert kept.load(path, "s") == {}
    path.write_bytes(b"")
    assert kept.load(path, "s") == {}


def test_a_file_of_texts_is_read_only_where_asked(tmp_path, monkeypatch):
    """Rendered bodies (stores.RenderStore): a rebuild reads the keys, then only the texts it asks
    for (the next day asks for two of 10,500); new ones are appended, the others come back as kept."""
    path = tmp_path / "renders.pickle"
    texts = {f"k{n}": f"<p>第{n}件答复</p>" * (n + 1) for n in range(20)}
    kept.save_texts(path, "s", kept.Texts(), texts.keys(), texts)
    reads = []
    real = kept.os.pread
    monkeypatch.setattr(kept.os, "pread", lambda *a: reads.append(a) or real(*a))
    loaded = kept.load_texts(path, "s")
    assert set(loaded) == set(texts) and loaded.whole and reads == []
    assert loaded.get("k7") == texts["k7"] and len(reads) == 1
    assert kept.load_texts(path, "other code") .get("k7") is None
    before = path.stat().st_size
    kept.save_texts(path, "s", loaded, {*texts, "new"}, {**texts, "new": "<p>新答复</p>"})
    assert path.stat().st_size > before  # appended, not rewritten
    again = kept.load_texts(path, "s")
    assert {k: again[k] for k in again} == {**texts, "new": "<p>新答复</p>"}
    with open(path, "rb") as fh:  # still a stream of pickles (tests/site/test_cache_purge.py reads it so)
        assert pickle.load(fh)["salt"] == "s" and isinstance(pickle.load(fh), bytes)


def test_a_file_of_texts_cut_off_or_purged(tmp_path):
    path = tmp_path / "renders.pickle"
    texts = {f"k{n}": "一" * (n + 1) for n in range(20)}
    kept.save_texts(path, "s", kept.Texts(), texts.keys(), texts)
    whole = kept.load_texts(path, "s")
    before = path.stat().st_size
    kept.save_texts(path, "s", whole, {*texts, "new"}, {**texts, "new": "二" * 300})
    data = path.read_bytes()
    path.write_bytes(data[:before + (len(data) - before) - 10])  # killed while appending
    cut = kept.load_texts(path, "s")
    assert set(cut) == set(texts) and not cut.whole and cut["k19"] == texts["k19"]
    kept.save_texts(path, "s", cut, {*texts, "new"}, {"new": "二" * 300, **{k: cut[k] for k in cut}})
    again = kept.load_texts(path, "s")
    assert again.get("new") == "二" * 300 and len(again) == 21  # rewritten: not behind the cut
    secret = "不公开的答复原文"
    kept.save_texts(path, "s", again, {*texts, "gone"}, {**{k: again[k] for k in texts}, "gone": secret})
    kept.save_texts(path, "s", kept.load_texts(path, "s"), set(texts), {k: again[k] for k in texts}, purge=True)
    assert secret.encode() not in path.read_bytes()
    assert {k: v for k, v in ((k, kept.load_texts(path, "s").get(k)) for k in texts)} == texts


def test_saving_a_file_of_texts_holds_about_one_copy_of_them(tmp_path):
    """A cold build saves all 57 MB of rendered bodies at its end, while the site is still in memory
    (the build's target is 1 GiB): the texts are written part by part, not joined and pickled whole."""
    import tracemalloc

    texts = {f"k{n}": f"<p>第{n}件答复</p>" * 300 for n in range(2_000)}  # ~11 MB in UTF-8
    size = sum(len(t.encode()) for t in texts.values())
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        kept.save_texts(tmp_path / "renders.pickle", "s", kept.Texts(), texts.keys(), texts)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert peak < 1.5 * size
    again = kept.load_texts(tmp_path / "renders.pickle", "s")
    assert again.whole and again["k1999"] == texts["k1999"]


def test_a_segment_whose_texts_are_not_as_written_is_not_read(tmp_path):
    """A file extended before its data was written (a power cut on some file systems) holds zeros
    where a segment's texts should be: the segments before it are read, not the zeros as a body."""
    path = tmp_path / "renders.pickle"
    kept.save_texts(path, "s", kept.Texts(), {"a"}, {"a": "<p>甲</p>"})
    whole = kept.load_texts(path, "s")
    before = path.stat().st_size
    kept.save_texts(path, "s", whole, {"a", "b"}, {"a": "<p>甲</p>", "b": "<p>乙</p>" * 50})
    data = path.read_bytes()
    path.write_bytes(data[:-20] + bytes(20))
    read = kept.load_texts(path, "s")
    assert set(read) == {"a"} and not read.whole and read["a"] == "<p>甲</p>" and path.stat().st_size > before
