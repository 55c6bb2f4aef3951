"""The spare site: a rebuild brings the previous site (kept beside output/) up to date in place.

Real builds through the CLI (plugins/gongkai_build/spare.py, staging.py). What a reader of the
site could tell: output/ is always a whole site, the same as a cold build's, file for file and
folder for folder; what the owner of the machine could tell: a file the rebuild reuses is left
where it is (not linked again: a new link changes the file's ctime), the replaced site is
kept whole as the next spare, and a spare that is not exactly what the record says is not
trusted. Killed builds use the fault-injection points of plugins/gongkai_build/faults.py.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import assigned_proposal, build, response, write_tree
from support.outputs import read_outputs

A, B = "https://zx.example.org", "https://zx-new.example.org"  # every page differs between the two
UNTOUCHED = "proposals/2026/0003/index.html"  # a page the edits below never change


def site_files(make_content):
    files = [assigned_proposal(f"{n:04d}") for n in range(1, 6)] + [response("2026-0001")]
    files += [assigned_proposal("0001", year=2025), response("2025-0001")]
    return make_content(files)


def edit(content: Path, n: int) -> None:
    """Change one proposal's text (its page, listings, feeds, data and search bundle change)."""
    path = content / "proposals/2026/0005.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\n第{n}次补充说明。\n", encoding="utf-8")


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def folders(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_dir()}


def spare_of(out: Path) -> Path:
    return out.parent / f".{out.name}-spare"


def built(content, out, url=A, env=None):
    result = build(content, out, url, env=env)
    assert result.returncode == 0, result.stderr
    return result


def assert_cold(content, out, tmp_path, url=A):
    """output/ is byte for byte a cold build of the same content: the same files and folders."""
    cold = tmp_path / f"cold-{len(list(tmp_path.glob('cold-*')))}" / "site"
    built(content, cold, url)
    a, b = tree(out), tree(cold)
    assert sorted(a) == sorted(b), set(a) ^ set(b)
    assert [name for name in a if a[name] != b[name]] == []
    assert folders(out) == folders(cold), folders(out) ^ folders(cold)


def with_spare(make_content, tmp_path):
    """A site built twice: the second build kept the first site as the spare."""
    content, out = site_files(make_content), tmp_path / "site"
    built(content, out)
    edit(content, 1)
    built(content, out)
    assert spare_of(out).is_dir()
    return content, out


def test_a_rebuild_leaves_the_files_it_reuses_where_they_are(tmp_path, make_content):
    content, out = with_spare(make_content, tmp_path)
    before = os.stat(out / UNTOUCHED)
    folder = os.stat(spare_of(out) / "proposals/2026/0003")
    for n in (2, 3):
        edit(content, n)
        built(content, out)
        now = os.stat(out / UNTOUCHED)
        # the same file, not linked again into a new folder (a link would change its ctime)
        assert (now.st_ino, now.st_ctime_ns) == (before.st_ino, before.st_ctime_ns), n
        assert now.st_nlink == 2  # one file in both complete sites
    # two rebuilds later, output/ is the very folder it was: the sites took turns
    assert os.stat(out / "proposals/2026/0003").st_ino != folder.st_ino
    assert os.stat(spare_of(out) / "proposals/2026/0003").st_ino == folder.st_ino
    assert_cold(content, out, tmp_path)


def test_writing_the_new_site_never_changes_a_file_of_the_live_one(tmp_path, make_content):
    content, out = with_spare(make_content, tmp_path)
    live = tree(out)
    shared = [p for p in out.rglob("*") if p.is_file() and p.stat().st_nlink > 1]
    assert len(shared) > 50  # the two sites share many files (hard links)
    built(content, out, B)  # another address: every page is written again, into the spare
    assert tree(spare_of(out)) == live  # the replaced site, byte for byte as it was served
    assert_cold(content, out, tmp_path, B)


def _stray_in_spare(out: Path) -> None:
    (spare_of(out) / "proposals/2026/0003/stray.html").write_text("stray", encoding="utf-8")


def _removed_from_spare(out: Path) -> None:
    (spare_of(out) / "proposals/2026/0002/index.html").unlink()


def _edited_in_place(out: Path) -> None:
    with open(spare_of(out) / UNTOUCHED, "r+b") as fh:  # one inode in both sites: the live page too
        fh.write(b"<!-- edited -->")


def _record_lost(out: Path) -> None:
    (out.parent / ".gongkai-cache" / out.name / "trees.pickle").unlink()


def _spare_copied(out: Path) -> None:
    spare = spare_of(out)
    shutil.copytree(spare, out.parent / "copy", copy_function=shutil.copy2)
    shutil.rmtree(spare)
    (out.parent / "copy").rename(spare)


def _added_to_output(out: Path) -> None:
    (out / "proposals/2026/0003/google1234.html").write_text("by hand", encoding="utf-8")


@pytest.mark.parametrize("tamper", [_stray_in_spare, _removed_from_spare, _edited_in_place, _record_lost,
                                    _spare_copied, _added_to_output], ids=lambda f: f.__name__.strip("_"))
def test_a_spare_that_is_not_what_the_record_says_is_not_trusted(tmp_path, make_content, tamper):
    content, out = with_spare(make_content, tmp_path)
    tamper(out)
    for n in (2, 3):  # a file added to output/ is in the spare one build later
        edit(content, n)
        built(content, out)
        assert_cold(content, out, tmp_path)
    assert spare_of(out).is_dir()  # and the site it replaced is a spare again


@pytest.mark.parametrize("fault", ["spare-dropped", "spare-updated", "before-switch", "after-exchange",
                                   "no-exchange,kill@between-renames"])
def test_a_build_killed_while_it_updates_the_spare_leaves_a_whole_site(tmp_path, make_content, fault):
    content, out = with_spare(make_content, tmp_path)
    before = tree(out)
    edit(content, 2)
    added = content / "proposals/2026/0006.md"
    write_tree(content, dict([assigned_proposal("0006")]))  # pages the killed build writes, the next one not
    killed = build(content, out, A, env={"GONGKAI_FAULT": fault if "@" in fault else f"kill@{fault}"})
    assert killed.returncode == -9, killed.stderr
    if fault == "after-exchange":
        assert (out / "proposals/2026/0006/index.html").is_file()  # the new site, whole
        assert_cold(content, out, tmp_path)
        added.unlink()
        built(content, out)
    elif "between-renames" in fault:
        assert not out.exists()  # for an instant; the next build puts the previous site back first
        added.unlink()
        built(content, out, env={"GONGKAI_FAULT": "no-exchange"})
    else:
        assert tree(out) == before  # the previous site, untouched
        added.unlink()
        built(content, out)
    assert_cold(content, out, tmp_path)
    edit(content, 3)  # and the builds after it are right too
    built(content, out)
    assert_cold(content, out, tmp_path)
    assert spare_of(out).is_dir()


def test_an_entry_that_stops_being_public_leaves_no_trace_of_its_text_in_the_spare(tmp_path, make_content):
    content, out = with_spare(make_content, tmp_path)
    secret, other = "只在公开时可见的答复原文。", "后来删除的答复原文。"
    reply, deleted = content / "responses/2026/0001-fgw.md", content / "responses/2025/0001-fgw.md"
    for path, text in ((reply, secret), (deleted, other)):
        path.write_text(path.read_text(encoding="utf-8").replace("答复正文。", text), encoding="utf-8")
    built(content, out)
    assert all(any(text.encode() in data for data in tree(out).values()) for text in (secret, other))
    reply.write_text(reply.read_text(encoding="utf-8").replace("result: A", "result: A\ndisclosure: withheld"),
                     encoding="utf-8")
    built(content, out)  # withheld: the replaced site, which showed it, is the spare now
    spare = spare_of(out)
    assert not any(secret in text for _, text in read_outputs(out))  # live, spare and cache, each file read as its client reads it
    # what the spare keeps is the live site's own files (one inode in both), nothing else
    assert all(p.stat().st_ino == (out / p.relative_to(spare)).stat().st_ino for p in spare.rglob("*") if p.is_file())
    assert_cold(content, out, tmp_path)
    edit(content, 2)
    built(content, out)
    assert_cold(content, out, tmp_path)
    deleted.unlink()  # a deleted entry: the same
    built(content, out)
    assert not any(text in read for _, read in read_outputs(out) for text in (secret, other))
    assert_cold(content, out, tmp_path)
    edit(content, 3)
    built(content, out)
    assert_cold(content, out, tmp_path)
    assert spare.is_dir()


@pytest.mark.parametrize("fault", ["after-exchange", "after-switch", "save-cache"])
def test_a_build_killed_after_withholding_an_entry_leaves_its_text_nowhere_once_the_next_build_ends(
        tmp_path, make_content, fault):
    """The build that withholds an entry is killed once the new site is live, before the replaced
    site (now the spare, which showed the text) is scrubbed and before the kept stores are saved:
    the next build must still purge (build.py records what each entry showed only at the end).
    Enough other entries that a store with one value unused is appended to, not rewritten."""
    files = [assigned_proposal(f"{n:04d}") for n in range(1, 21)] + [response("2026-0001")]
    content, out = make_content(files), tmp_path / "site"
    built(content, out)
    edit(content, 1)
    built(content, out)
    assert spare_of(out).is_dir()
    secret = "只在公开时可见的答复原文。"
    reply = content / "responses/2026/0001-fgw.md"
    reply.write_text(reply.read_text(encoding="utf-8").replace("答复正文。", secret), encoding="utf-8")
    built(content, out)
    reply.write_text(reply.read_text(encoding="utf-8").replace("result: A", "result: A\ndisclosure: withheld"),
                     encoding="utf-8")
    killed = build(content, out, A, env={"GONGKAI_FAULT": f"kill@{fault}"})
    assert killed.returncode == -9, killed.stderr
    assert not any(secret in text for path, text in read_outputs(out) if not path.startswith((".", "..")))
    built(content, out)
    assert not any(secret in text for _, text in read_outputs(out))  # live, spare and cache
    leftovers = [p for p in out.parent.rglob("*") if p.is_file() and not p.is_relative_to(content)
                 and secret.encode() in p.read_bytes()]
    assert leftovers == []  # nor any other file beside the output (a -new- or -old- folder)
    assert_cold(content, out, tmp_path)
