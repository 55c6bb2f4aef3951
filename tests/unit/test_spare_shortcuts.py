"""Shortcuts of a rebuild into the spare site (plugins/gongkai_build/spare.py, verify.py), each
held to the answer of the long way on a real folder:

- verify.record takes a folder's files from the build's own bookkeeping when the folder's mtime
  is still as checked when the build began (it is not listed again): what is on disk must be
  recorded all the same, whatever was added, removed or replaced there;
- Spare.survey takes the stats a process forked while the content loads took (survey_ahead):
  only when that process read the very manifest the build read, and never for a folder the
  build removed since;
- verify.record takes the hash of a file read whole once written (open data's files, measured
  for datapackage.json) only while the file's stat is the one it was read with;
- verify.check finds each promised folder (a search bundle) in a sorted range of the paths.
"""
import marshal
import os

from gongkai_build import verify
from gongkai_build.incremental import BuildCache
from gongkai_build.spare import Spare, _stat
from opendata.package import measure

OLD = 1_600_000_000_000_000_000  # a folder's mtime as the last build left it (long before this one)


def _site(root):
    for rel, text in {"index.html": "home", "a/index.html": "a", "a/b/index.html": "b", "a/b/c.json": "c",
                      "d/index.html": "d", "d/e/index.html": "e", "theme/x.css": "x"}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _aged(root) -> dict:
    """Every folder's mtime set to OLD (as a build long ago left it); {folder: mtime} as spare.py records it."""
    folders = [p for p in root.rglob("*") if p.is_dir()] + [root]
    for p in folders:
        os.utime(p, ns=(OLD, OLD))
    return {("" if p == root else p.relative_to(root).as_posix()): OLD for p in folders}


def _tampered(root):
    """What a build (or a hand) may do between the check and the record: each changes a folder's mtime."""
    (root / "a/b/new.html").write_text("new", encoding="utf-8")  # added
    (root / "d/e/index.html").unlink()  # removed, and its folder left empty
    os.rmdir(root / "d/e")
    (root / "a/index.html").unlink()  # replaced by a new file
    (root / "a/index.html").write_text("a, again", encoding="utf-8")
    (root / "f").mkdir()  # a new folder
    (root / "f/g.html").write_text("g", encoding="utf-8")


def _tampered_site(tmp_path):
    """(the site's folder, its folders as checked when the build began, its files' records then),
    after `_tampered`."""
    root = tmp_path / "site"
    _site(root)
    listed = _aged(root)
    sums = verify.record(root, {})
    _tampered(root)
    return root, listed, sums


def test_record_lists_again_every_folder_changed_since_the_build_began(tmp_path):
    root, listed, sums = _tampered_site(tmp_path)
    linked = {rel: known for rel, known in sums.items() if rel != "a/index.html"}  # the ones the build kept
    folders, walked = {}, {}
    found = verify.record(root, sums, linked, folders, listed)
    assert found == verify.record(root, sums, linked, walked)  # the long way: every folder listed
    assert folders == walked
    assert "a/b/new.html" in found and "f/g.html" in found and "d/e/index.html" not in found
    assert found["a/index.html"][3] == verify.file_hash(str(root / "a/index.html"))


def test_record_takes_an_unchanged_folders_files_from_the_bookkeeping(tmp_path):
    root, listed, sums = _tampered_site(tmp_path)
    linked = dict(sums)
    linked["d/index.html"] = ["as", "the", "build", "kept it"]  # d/ changed (d/e went): listed again
    found = verify.record(root, sums, linked, {}, listed)
    assert found["a/b/c.json"] == sums["a/b/c.json"]
    assert found["d/index.html"] == sums["d/index.html"]  # its inode is not the one kept: stat'ed


def _manifest(path, sums):
    path.write_bytes(marshal.dumps({"sums": sums}))  # as gongkai_build/manifest.py writes it
    return _stat(path)


def test_the_forked_survey_is_taken_only_for_the_manifest_the_build_read(tmp_path):
    root = tmp_path / "site"
    _site(root)
    sums = verify.record(root, {})
    manifest = tmp_path / "manifest.marshal"
    damaged = dict(sums, **{"a/b/c.json": [99, *sums["a/b/c.json"][1:]]})  # a file not as published
    read = _manifest(manifest, damaged)  # the manifest the build read: c.json must be made again
    os.replace(tmp_path / "manifest.marshal", tmp_path / "old.marshal")
    _manifest(manifest, sums)  # another manifest, by which c.json is intact, replaces it
    spare = Spare(root, {"differs": {}, "folders": {}})
    spare.survey_ahead(manifest)
    spare.survey(damaged, read)
    assert spare.intact == set(sums) - {"a/b/c.json"}

    (root / "a/b/c.json").unlink()  # replaced since it was published
    (root / "a/b/c.json").write_text("c", encoding="utf-8")
    spare = Spare(root, {"differs": {}, "folders": {}})  # the same manifest: the forked answer is taken
    spare.survey_ahead(manifest)
    spare.survey(sums, _stat(manifest))
    assert "a/b/c.json" not in spare.intact
    assert "a/b/index.html" in spare.intact


def test_the_forked_survey_never_vouches_for_a_folder_removed_since(tmp_path):
    root = tmp_path / "site"
    _site(root)
    sums = verify.record(root, {})
    manifest = tmp_path / "manifest.marshal"
    _manifest(manifest, sums)
    spare = Spare(root, {"differs": {"d/index.html": None}, "folders": {}})
    spare.survey_ahead(manifest)
    spare.clear("theme")  # Pelican copies the theme's files anew
    spare.survey(sums, _stat(manifest))
    assert spare.intact == set(sums) - {"theme/x.css", "d/index.html"}


def test_a_survey_that_failed_in_its_process_is_taken_here(tmp_path):
    root = tmp_path / "site"
    _site(root)
    sums = verify.record(root, {})
    spare = Spare(root, {"differs": {}, "folders": {}})
    spare.survey_ahead(tmp_path / "no-manifest.marshal")  # the forked process finds none: it answers nothing
    spare.survey(sums, ("any", "stat", 1))
    assert spare.intact == set(sums)


def test_record_takes_a_hash_noted_once_written_only_while_the_file_is_as_read(tmp_path):
    root = tmp_path / "site"
    _site(root)
    cache = BuildCache(None, tmp_path / "previous", root, "salt")
    for rel in ("a/b/c.json", "d/index.html"):
        measure(str(root / rel), cache.noted(rel))
    noted = cache.hashed
    assert noted["a/b/c.json"][3] == verify.file_hash(str(root / "a/b/c.json"))
    (root / "d/index.html").write_text("d, changed after it was read", encoding="utf-8")
    noted["a/b/c.json"] = noted["a/b/c.json"][:3] + ["as noted"]  # taken as it is, not read again
    found = verify.record(root, {}, {}, None, None, noted)
    assert found["a/b/c.json"][3] == "as noted"
    assert found["d/index.html"][3] == verify.file_hash(str(root / "d/index.html"))


def test_check_finds_each_promised_folder_among_the_files(tmp_path):
    sums = {"index.html": [], "pagefind/2025/a.pf": [], "pagefind/2025x/b.pf": [], "pagefind/2026/c/d.pf": []}
    verify.check(tmp_path, sums, ["index.html", "pagefind/2025/", "pagefind/2026/", "pagefind/"])
    for missing in ("pagefind/2024/", "pagefind/2026/c/e/", "search/", "pagefind/2025/b.pf"):
        try:
            verify.check(tmp_path, sums, ["pagefind/2025/", missing])
        except verify.Damaged as error:
            assert missing in str(error)
        else:
            raise AssertionError(f"{missing} was not found missing")


def test_a_survey_that_does_not_answer_in_time_is_stopped_and_taken_here(tmp_path, monkeypatch):
    from gongkai_build import spare as spare_module

    root = tmp_path / "site"
    _site(root)
    sums = verify.record(root, {})
    manifest = tmp_path / "manifest.marshal"
    (root / "a/b/c.json").write_text("edited in place", encoding="utf-8")
    monkeypatch.setattr(spare_module, "AHEAD_WAIT", 0)
    spare = Spare(root, {"differs": {}, "folders": {}})
    spare.survey_ahead(manifest)
    spare.survey(sums, _manifest(manifest, sums))
    assert spare.intact == set(sums) - {"a/b/c.json"}


def test_no_process_to_fork_leaves_the_survey_to_the_build_and_no_pipe_open(tmp_path, monkeypatch):
    """A process limit reached (fork's EAGAIN) must not fail the build: the stats are taken here."""
    root = tmp_path / "site"
    _site(root)
    sums = verify.record(root, {})
    manifest = tmp_path / "manifest.marshal"
    _manifest(manifest, sums)
    (root / "a/b/c.json").unlink()  # replaced since it was published
    (root / "a/b/c.json").write_text("c", encoding="utf-8")
    before = set(os.listdir("/proc/self/fd"))

    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")
    monkeypatch.setattr(os, "fork", no_fork)
    spare = Spare(root, {"differs": {}, "folders": {}})
    spare.survey_ahead(manifest)
    assert set(os.listdir("/proc/self/fd")) == before  # the pipe's two ends closed
    spare.survey(sums, _stat(manifest))
    assert "a/b/c.json" not in spare.intact and "a/b/index.html" in spare.intact


def test_cancel_stops_a_survey_still_taking_its_stats(tmp_path, monkeypatch):
    """A build that fails before `survey` (its spare found untrustworthy) is not held up by the stats."""
    import time

    import gongkai_build.spare as spare_module
    root = tmp_path / "site"
    _site(root)
    manifest = tmp_path / "manifest.marshal"
    _manifest(manifest, verify.record(root, {}))
    monkeypatch.setattr(spare_module, "_surveyed", lambda *args: time.sleep(30))  # a very slow disk
    spare = Spare(root, {"differs": {}, "folders": {}})
    spare.survey_ahead(manifest)
    started = time.monotonic()
    spare.cancel()
    assert time.monotonic() - started < 10
