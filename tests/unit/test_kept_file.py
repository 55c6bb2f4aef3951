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
