"""A JSON collection made again from the previous build's file (opendata/collection.py,
gongkai_build/spliced.py) is byte for byte the file made from every line, whatever changed:
lines added, removed, edited, moved, at either end or all at once."""
import errno
import json
import os
import random

import pytest

from gongkai_build.writer import _write
from opendata.collection import Previous, spliced
from opendata.generator import compact_json, json_lines_bytes


def line(n: int, version: int = 0) -> bytes:
    return compact_json({"id": f"2026-{n:04d}", "title": "关于“低碳社区”的建议" * (n % 5 + 1), "v": version}).encode("utf-8")


def hashed(lines):
    return [(f"h{hash(x)}", len(x)) for x in lines]


def previous_file(tmp_path, lines) -> Previous:
    _write(str(tmp_path), "old/x.json", json_lines_bytes(lines))
    return Previous(str(tmp_path / "old" / "x.json"), tuple(hashed(lines)))


def rebuilt(tmp_path, old, new) -> bytes:
    made = []
    data = spliced(previous_file(tmp_path, old), hashed(new), lambda i: made.append(i) or new[i])
    _write(str(tmp_path), "new/x.json", data)
    out = (tmp_path / "new" / "x.json").read_bytes()
    assert out == b"".join(json_lines_bytes(new))
    json.loads(out)
    return out, made


CASES = {
    "one added at the end": ([0, 1, 2], [0, 1, 2, 3]),
    "one added first": ([1, 2, 3], [0, 1, 2, 3]),
    "one added in the middle": ([0, 1, 3], [0, 1, 2, 3]),
    "last removed": ([0, 1, 2], [0, 1]),
    "first removed": ([0, 1, 2], [1, 2]),
    "all removed": ([0, 1, 2], []),
    "from none": ([], [0, 1]),
    "one only": ([0], [0]),
    "swapped": ([0, 1, 2], [2, 1, 0]),
    "the same": ([0, 1, 2, 3], [0, 1, 2, 3]),
}


@pytest.mark.parametrize("old,new", CASES.values(), ids=CASES.keys())
def test_the_rebuilt_file_is_the_file_of_every_line(tmp_path, old, new):
    rebuilt(tmp_path, [line(n) for n in old], [line(n) for n in new])


def test_an_edited_line_is_the_only_one_made(tmp_path):
    old = [line(n) for n in range(50)]
    new = list(old)
    new[17] = line(17, version=1)
    new.append(line(50))
    _, made = rebuilt(tmp_path, old, new)
    assert made == [17, 50]


def test_random_edits(tmp_path):
    rng = random.Random(21)
    for step in range(40):
        old = [line(n, rng.randrange(2)) for n in sorted(rng.sample(range(30), rng.randrange(0, 12)))]
        new = [line(n, rng.randrange(2)) for n in sorted(rng.sample(range(30), rng.randrange(0, 12)))]
        folder = tmp_path / str(step)
        folder.mkdir()
        rebuilt(folder, old, new)


def test_without_copy_file_range_the_file_is_the_same(tmp_path, monkeypatch):
    """Another file system (EXDEV) or an old kernel: the ranges are read and written instead."""
    def refuse(*args, **kwargs):
        raise OSError(errno.EXDEV, "cross-device")

    monkeypatch.setattr(os, "copy_file_range", refuse)
    rebuilt(tmp_path, [line(n) for n in range(20)], [line(n) for n in range(21)])


def test_a_copy_the_kernel_stops_half_way_goes_on_from_where_it_stopped(tmp_path, monkeypatch):
    """copy_file_range copies a few bytes and then refuses (EXDEV): the rest is read and written
    from there, not the whole range again (which would write the copied bytes twice)."""
    real, calls = os.copy_file_range, []

    def partly(src, dst, count, offset_src=None, offset_dst=None):
        calls.append(count)
        if len(calls) == 1:
            return real(src, dst, min(count, 7), offset_src)
        raise OSError(errno.EXDEV, "cross-device")

    monkeypatch.setattr(os, "copy_file_range", partly)
    rebuilt(tmp_path, [line(n) for n in range(20)], [line(n) for n in range(21)])
    assert len(calls) == 2


def test_a_file_system_that_copies_nothing_gets_the_ranges_read_and_written(tmp_path, monkeypatch):
    """Some file systems answer copy_file_range with 0 bytes where they cannot copy: not an error."""
    monkeypatch.setattr(os, "copy_file_range", lambda *args, **kwargs: 0)
    rebuilt(tmp_path, [line(n) for n in range(20)], [line(n) for n in range(21)])


def test_a_previous_file_cut_short_fails_the_write(tmp_path):
    old = [line(n) for n in range(20)]
    previous = previous_file(tmp_path, old)
    with open(previous.path, "r+b") as fh:
        fh.truncate(100)
    with pytest.raises(OSError):
        _write(str(tmp_path), "new/x.json", spliced(previous, hashed(old + [line(20)]), lambda i: line(i)))
