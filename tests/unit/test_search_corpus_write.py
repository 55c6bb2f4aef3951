"""A bundle's corpus is written for Pagefind by one `tar` (search/corpus.py write_corpus), not a
system call per file from a thread that shares the GIL. Pagefind's index depends on the order the
file system lists each folder, so what `tar` unpacks must be made in the order the files are given,
as writing them one by one does: the same bundle, byte for byte, either way."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from disclosure.search_records import Record
from search import corpus as corpus_module
from search.corpus import ANCHOR_PATH, corpus_file, write_corpus
from search.indexer import _pagefind, build_index


def records() -> list[Record]:
    """Records in the order a bundle gives them: new folders and folders met again, deep and shallow."""
    made = []
    for n, (url, kind) in enumerate([("proposals/2025/0007/", "proposal"), ("responses/2025/0007-jy/", "response"),
                                     ("proposals/2025/0003/", "proposal"), ("announcements/2025/路灯维修/", "notice"),
                                     ("responses/2025/0003-mz/", "response"), ("proposals/2025/0011/", "proposal")]):
        made.append(Record(url=url, kind=kind, fields=[f"关于第{n}号的事项", f"低碳社区建设第{n}段正文。"],
                           meta={"title": f"事项{n}"}, filters={"kind": [kind]}, date=f"2025-0{n + 1}-01", keys=1))
    return made


def scratch(tmp_path: Path) -> Path:
    """tmpfs where the machine has it (the build's own scratch: a listing there follows creation)."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        import tempfile
        return Path(tempfile.mkdtemp(prefix="gongkai-test-corpus-", dir=shm))
    return tmp_path


def listing(folder: Path) -> list[tuple[str, list[str], bytes | None]]:
    """Every folder's entries in the order the file system lists them, with each file's bytes."""
    seen = []
    for parent, dirs, files in os.walk(folder):
        rel = os.path.relpath(parent, folder)
        seen.append((rel, os.listdir(parent), None))
        seen += [(os.path.join(rel, name), [], (Path(parent) / name).read_bytes()) for name in files]
    return seen


def without_tar(monkeypatch):
    real = corpus_module.shutil.which
    monkeypatch.setattr(corpus_module.shutil, "which", lambda name, *a, **k: None if name == "tar" else real(name, *a, **k))


def test_tar_makes_the_folders_and_files_in_the_order_writing_them_one_by_one_does(tmp_path, monkeypatch):
    files = [corpus_file(r) for r in records()]
    base = scratch(tmp_path)
    try:
        write_corpus(files, base / "by-tar")
        without_tar(monkeypatch)
        write_corpus(files, base / "one-by-one")
        by_tar, one_by_one = listing(base / "by-tar"), listing(base / "one-by-one")
        assert by_tar == one_by_one
        written = {rel for rel, _, data in by_tar if data is not None}
        assert written == {os.path.normpath(f.path) for f in files} | {os.path.normpath(ANCHOR_PATH)}
        assert not (base / "by-tar.tar").exists()  # the archive is gone once unpacked
    finally:
        if base != tmp_path:
            import shutil
            shutil.rmtree(base, ignore_errors=True)


@pytest.mark.skipif(_pagefind() is None, reason="Pagefind is not installed")
def test_the_bundle_is_the_same_byte_for_byte_whichever_way_its_corpus_is_written(tmp_path, monkeypatch):
    build_index(records(), tmp_path / "by-tar")
    without_tar(monkeypatch)
    build_index(records(), tmp_path / "one-by-one")
    assert listing(tmp_path / "by-tar")[1:] == listing(tmp_path / "one-by-one")[1:]


def test_a_tar_that_fails_stops_the_build_with_what_it_said_and_leaves_no_archive(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "tar"
    fake.write_text("#!/bin/sh\necho 'tar: site/x: Cannot write: No space left on device' >&2\nexit 2\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(OSError, match="No space left on device"):
        write_corpus([corpus_file(r) for r in records()], tmp_path / "site")
    assert not (tmp_path / "site.tar").exists() and not (tmp_path / "site.tar-said").exists()


def test_a_path_that_would_leave_the_corpus_folder_is_refused(tmp_path):
    from search.corpus import CorpusFile
    for bad in ("../outside/index.html", "/tmp/outside/index.html", "a/../../outside/index.html"):
        with pytest.raises(ValueError, match="not a path inside the search corpus"):
            write_corpus([CorpusFile(bad, b"<p>x</p>", "", ())], tmp_path / "site")
    assert not (tmp_path / "outside").exists()

