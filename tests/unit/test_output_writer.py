"""gongkai_build/writer.py: one output per path in a build, whichever process writes it, and
every file counted and recorded in the build's own process.

Pages, feeds and JSON twins are made in forked workers; the guard and the count must hold
there too (a worker's own copy of a set or a counter is lost when it ends).
"""
import os

import pytest
from jinja2 import Template

from gongkai_build import verify
from gongkai_build.incremental import BuildCache
from gongkai_build.writer import OUTPUT, DuplicateOutput, GuardedWriter, OutputWriter


def _page(n):
    return f"<p>{n}</p>\n"


def files_in(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, names in os.walk(root) for f in names)


def test_pages_made_on_two_cores_are_counted_and_recorded_here(tmp_path):
    cache = BuildCache(None, tmp_path / "previous", tmp_path / "out", "salt")
    outputs = OutputWriter(tmp_path / "out", cache)
    seen = []
    OUTPUT.connect(hook := lambda sender, rel, reused, count: seen.extend([rel] * count), sender=outputs)
    try:
        jobs = [(f"p/{n}/index.html", f"p{n}.md", f"deps{n}", n) for n in range(450)]  # enough to fork
        outputs.write_all(_page, jobs)
    finally:
        OUTPUT.disconnect(hook)
    assert outputs.made == 450 and len(seen) == 450 == len(files_in(tmp_path / "out"))
    assert (tmp_path / "out/p/7/index.html").read_text(encoding="utf-8") == "<p>7</p>\n"
    assert cache.recorded("p/7/index.html") == "deps7"


def test_two_outputs_to_one_path_in_workers_are_named_and_the_second_is_not_written(tmp_path):
    out = tmp_path / "out"
    outputs = OutputWriter(out)
    jobs = [(f"p/{n}/index.html", f"proposals/{n}.md", None, n) for n in range(450)]
    jobs += [("p/3/index.html", "bulletins/2026/3.md", None, "bulletin"), ("p/4/index.html", "x.md", None, "x")]
    outputs.write_all(_page, jobs)
    with pytest.raises(DuplicateOutput) as raised:
        outputs.check()
    message = str(raised.value)
    assert "p/3/index.html" in message and "proposals/3.md" in message and "bulletins/2026/3.md" in message
    assert "p/4/index.html" in message and "x.md" in message  # every clash at once
    assert "同一个文件不能由两处生成" in message and "One file cannot be made by two outputs" in message
    assert (out / "p/3/index.html").read_text(encoding="utf-8") == "<p>3</p>\n"  # the first one stays
    assert outputs.made == 450 == len(files_in(out))


def test_a_worker_page_on_a_file_pelicans_writer_wrote_is_refused(tmp_path):
    out = tmp_path / "out"
    outputs = OutputWriter(out)
    writer = GuardedWriter(str(out), {"DISCLOSURE_OUTPUTS": outputs})
    writer.write_file("stats/index.html", Template("统计"), {})
    outputs.write_all(_page, [("stats/index.html", "bulletins/2026/stats.md", None, 1)])
    outputs.write_all(_page, [("p/index.html", "p.md", None, 1)])
    writer.write_file("p/index.html", Template("页"), {})  # and the other way round
    with pytest.raises(DuplicateOutput) as raised:
        outputs.check()
    assert "Pelican Writer" in str(raised.value) and "bulletins/2026/stats.md" in str(raised.value)
    assert "p/index.html" in str(raised.value) and "p.md" in str(raised.value)
    assert (out / "stats/index.html").read_text(encoding="utf-8") == "统计"  # the first one stays
    assert (out / "p/index.html").read_text(encoding="utf-8") == "<p>1</p>\n"


def test_a_reused_file_claims_its_path_too(tmp_path):
    previous, staging = tmp_path / "previous", tmp_path / "staging"
    (previous / "a").mkdir(parents=True)
    (previous / "a/index.html").write_text("old", encoding="utf-8")
    cache = BuildCache(None, previous, staging, "salt")
    cache.old, cache.sums = {"a/index.html": "same"}, verify.record(previous, {})  # as the last build left it
    outputs = OutputWriter(staging, cache)
    assert outputs.reuse("a/index.html", "same", "a.md")
    outputs.write("a/index.html", "new", "b.md")
    with pytest.raises(DuplicateOutput, match="a.md"):
        outputs.check()
    assert (staging / "a/index.html").read_text(encoding="utf-8") == "old"
    assert (outputs.made, outputs.reused) == (0, 1)


def test_many_reused_files_are_linked_on_threads_claimed_in_order_and_counted_once(tmp_path):
    previous, staging = tmp_path / "previous", tmp_path / "staging"
    for n in range(450):  # enough for the link threads (incremental.linked)
        (previous / f"p/{n}").mkdir(parents=True)
        (previous / f"p/{n}/index.html").write_text(f"old {n}", encoding="utf-8")
    cache = BuildCache(None, previous, staging, "salt")
    cache.old = {f"p/{n}/index.html": f"deps{n}" for n in range(450)}
    cache.sums = verify.record(previous, {})
    (previous / "p/5/index.html").write_text("cut", encoding="utf-8")  # changed since it was published
    outputs = OutputWriter(staging, cache)
    outputs.write("p/9/index.html", "first", "nine.md")  # the path is another output's already
    signals = []
    OUTPUT.connect(hook := lambda sender, rel, reused, count: signals.append((rel, reused, count)), sender=outputs)
    try:
        jobs = [(f"p/{n}/index.html", f"p{n}.md", "changed" if n == 7 else f"deps{n}", n) for n in range(450)]
        todo = outputs.reuse_all(jobs)
    finally:
        OUTPUT.disconnect(hook)
    assert [rel for rel, *_ in todo] == ["p/5/index.html", "p/7/index.html"]  # damaged, inputs changed
    assert signals == [(None, True, 447)] and outputs.reused == 447  # one signal, every file counted
    assert (staging / "p/300/index.html").read_text(encoding="utf-8") == "old 300"
    assert os.stat(staging / "p/300/index.html").st_ino == os.stat(previous / "p/300/index.html").st_ino
    assert (staging / "p/9/index.html").read_text(encoding="utf-8") == "first"
    with pytest.raises(DuplicateOutput, match="p9.md"):
        outputs.check()
    assert cache.recorded("p/300/index.html") == "deps300" and cache.recorded("p/7/index.html") is None


def test_files_linked_from_the_last_build_are_recorded_without_reading_them_again(tmp_path):
    """verify.record takes a linked file's record from the link (same inode), hashes a new file,
    and a file written again in place of a linked one (a new inode) is hashed as it is now."""
    previous, staging = tmp_path / "previous", tmp_path / "staging"
    for n in range(3):
        (previous / f"p/{n}").mkdir(parents=True)
        (previous / f"p/{n}/index.html").write_text(f"old {n}", encoding="utf-8")
    cache = BuildCache(None, previous, staging, "salt")
    cache.old = {f"p/{n}/index.html": f"deps{n}" for n in range(3)}
    cache.sums = verify.record(previous, {})
    outputs = OutputWriter(staging, cache)
    assert outputs.reuse_all([(f"p/{n}/index.html", f"p{n}.md", f"deps{n}", n) for n in range(3)]) == []
    assert set(cache.linked) == {f"p/{n}/index.html" for n in range(3)}
    (staging / "p/2/index.html").unlink()
    (staging / "p/2/index.html").write_text("replaced", encoding="utf-8")
    outputs.write("new.html", "new", "new.md")
    linked = {rel: [*record[:3], "as linked"] for rel, record in cache.linked.items()}  # told, not read
    sums = verify.record(staging, cache.sums, linked)
    assert sums["p/0/index.html"][3] == sums["p/1/index.html"][3] == "as linked"
    assert sums["p/2/index.html"][3] == verify.file_hash(str(staging / "p/2/index.html"))  # a new inode: read
    assert sums["new.html"][3] == verify.file_hash(str(staging / "new.html"))
    assert verify.record(staging, cache.sums) == {**sums, "p/0/index.html": cache.sums["p/0/index.html"],
                                                  "p/1/index.html": cache.sums["p/1/index.html"]}


def test_many_new_files_are_each_recorded_with_their_own_hash_in_listing_order(tmp_path, monkeypatch):
    """verify.record hashes new files on several threads: each record still names its own file's
    SHA-1 (computed here with hashlib), in the order of one file after another."""
    import hashlib

    texts = {f"d{n % 7}/f{n}.html": f"第{n}页".encode() * (n % 50 + 1) for n in range(300)}
    for rel, data in texts.items():
        (tmp_path / rel).parent.mkdir(exist_ok=True)
        (tmp_path / rel).write_bytes(data)
    (tmp_path / "kept.html").write_bytes(b"kept")
    st = os.stat(tmp_path / "kept.html")
    known = {"kept.html": [st.st_size, st.st_mtime_ns, st.st_ino, "from the manifest"]}
    sums = verify.record(tmp_path, known)
    monkeypatch.setattr(verify, "HASHERS", 1000)  # one file after another, in this thread
    assert list(sums.items()) == list(verify.record(tmp_path, known).items())
    assert sums.pop("kept.html")[3] == "from the manifest"
    assert {rel: record[3] for rel, record in sums.items()} == {rel: hashlib.sha1(d).hexdigest() for rel, d in texts.items()}
    assert all(record[0] == len(texts[rel]) for rel, record in sums.items())
