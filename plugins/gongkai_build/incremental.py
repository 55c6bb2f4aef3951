"""Incremental builds: reuse what the previous build wrote when its inputs are unchanged.

Correctness first. Every reused file is keyed by a hash of all its inputs (the
core's digest.py) salted with a fingerprint of code, theme, settings and library
versions, so a change anywhere that matters makes the page render again. A build
that changes nothing at all is recognised by one key over every input file and
skipped. Reused files are hard-linked from the previous output into the staging
folder, so the swap in gongkai_build stays atomic.

Nothing damaged is reused: the manifest also holds each output file's size, mtime,
inode and hash as verified when it was published (verify.py), and a file is linked
only while one stat still matches them (a file cut short or rewritten since is made
again). A build that fails after the manifest was removed leaves none, so the next
build starts cold.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
from importlib import metadata
from pathlib import Path

from disclosure.changes import hidden_commits
from disclosure.withdrawn import levels, withdrawn
from disclosure import files, kept
from .verify import same_file

PLUGINS = Path(__file__).resolve().parent.parent  # plugins/: every package whose code shapes output
LIBRARIES = ("pelican", "jinja2", "markdown", "nh3", "pyyaml", "feedgenerator", "pagefind", "pagefind-bin-extended",
             "pypinyin", "openpyxl", "pypdf", "python-docx")
VOLATILE_SETTINGS = {"PATH", "OUTPUT_PATH", "DISCLOSURE_PRELOADED_SITE", "DISCLOSURE_BUILD_CACHE"}


def _hash_files(h, folder: Path):
    """Every file's path and bytes, in path order (os.walk and plain strings: ~10,000 files a build).

    Links to folders are not followed (as disclosure.files reads content; a loop of links
    made this endless); a link to a file counts by where it points (the file it points to,
    when it is in the folder, counts by its bytes), so nothing outside is read here. Pipes
    and devices count by name only, and a file over the content cap by size and time: such
    files are errors for the check, which must still see them.
    """
    root = os.fspath(folder)
    found = []
    for here, dirs, names in os.walk(root):  # os.walk lists links to folders in dirs, never enters them
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        rel = os.path.relpath(here, root).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        found += [(prefix + name, os.path.join(here, name)) for name in names]
        found += [(prefix + name, os.path.join(here, name)) for name in dirs if os.path.islink(os.path.join(here, name))]
    for rel, path in sorted(found):
        h.update(rel.encode())
        try:
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                h.update(b"\0link\0" + os.fsencode(os.readlink(path)))
            elif not stat.S_ISREG(st.st_mode):
                h.update(b"\0special")
            elif st.st_size > files.MAX_BYTES:
                h.update(f"\0big\0{st.st_size}\0{st.st_mtime_ns}".encode())
            else:
                with open(path, "rb") as fh:
                    h.update(hashlib.sha1(fh.read()).digest())
        except OSError as exc:
            h.update(f"\0unreadable\0{exc.errno}".encode())


def _plain(value):
    """Settings values that can change output, in a stable printable form (objects are skipped)."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    return None


def code_fingerprint(settings: dict) -> str:
    """Code (plugins/), theme, settings and library versions: anything that shapes output."""
    h = hashlib.sha1()
    _hash_files(h, PLUGINS)
    theme = Path(settings.get("THEME", ""))
    if theme.is_dir():
        _hash_files(h, theme)
    plain = {k: _plain(v) for k, v in settings.items() if k.isupper() and k not in VOLATILE_SETTINGS}
    h.update(json.dumps(plain, sort_keys=True, ensure_ascii=False, default=repr).encode())
    for lib in LIBRARIES:
        try:
            h.update(f"{lib}={metadata.version(lib)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib}=-".encode())
    return h.hexdigest()


def content_key(content: Path, salt: str, build_date: str) -> str:
    """Every input of a build as one hash: content bytes, git commits, code, date."""
    h = hashlib.sha1(f"{salt}\0{build_date}".encode())
    _hash_files(h, content)
    try:
        head = subprocess.run(["git", "-C", str(content), "log", "-1", "--format=%H", "--", "."],
                              capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        head = ""
    h.update(head.encode())
    return h.hexdigest()


_MADE: set[str] = set()  # folders already made in this process (skips ~11,000 mkdir calls per build)


def already_made(folders) -> None:
    """Folders staging.py made ahead: _link need not make them."""
    _MADE.update(os.fspath(f) for f in folders)


def _link(source, target) -> bool:
    """A hard link (instant, no copy); a copy where the file system cannot link. False if
    there is no such file (or folder) to link: plain strings and no stat, ~11,000 times a build."""
    source, target = os.fspath(source), os.fspath(target)
    folder = os.path.dirname(target)
    if folder not in _MADE:
        os.makedirs(folder, exist_ok=True)
        _MADE.add(folder)
    try:
        os.link(source, target)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        if not os.path.isfile(source):
            return False
        shutil.copy2(source, target)
    return True


class Memo:
    """Values the previous build worked out, by the hash of their inputs, for this build to reuse.

    For what is cheap to keep and costly to make again for every item of a rebuild (an
    item's open-data line). A key must hash everything its value is made from (digest.py);
    the file is also salted, so a change of code or settings starts it empty. Stored with
    disclosure/kept.py: new values are appended, unused ones dropped now and then.
    """

    def __init__(self, path: Path | None, salt: str):
        self.path, self.salt = path, salt
        self.old: dict = kept.load(path, salt) if path is not None else {}
        self.used: dict = {}

    def get(self, key: str | None, make):
        """The value kept for `key`, else make(); a key of None is never kept."""
        if key is None:
            return make()
        value = self.old[key] if key in self.old else make()
        self.used[key] = value
        return value

    def save(self, purge: bool = False) -> None:
        if self.path is not None:
            kept.save(self.path, self.salt, self.old, self.used, purge)


class BuildCache:
    """The previous build's manifest (output path → input hash) and the new one being written."""

    def __init__(self, cache_dir: Path | None, previous: Path, staging: Path, salt: str):
        self.cache_dir = cache_dir
        self.previous = previous
        self.staging = staging
        self.salt = salt
        self.old: dict[str, str] = {}
        self.new: dict[str, str] = {}
        self.old_key = ""
        self.sums: dict[str, list] = {}  # [size, mtime_ns, inode, sha1] of each previous file (verify.py)
        self.reused = 0
        self._memos: dict[str, Memo] = {}
        _MADE.clear()  # a new staging folder: nothing in it is made yet
        manifest = self._manifest_path()
        if manifest and manifest.is_file() and previous.is_dir():
            try:
                data = json.loads(manifest.read_text(encoding="utf-8"))
                if data.get("salt") == salt:
                    self.old = data.get("files", {})
                    self.old_key = data.get("key", "")
                    self.sums = data.get("sums", {})
            except (OSError, ValueError):
                pass

    def _manifest_path(self):
        return self.cache_dir / "manifest.json" if self.cache_dir else None

    def reuse(self, rel: str, fp: str | None) -> bool:
        """Link the previous build's file into staging when its inputs are the same."""
        if not fp or self.old.get(rel) != fp:
            return False
        source = os.path.join(self.previous, rel)
        if not self._intact(rel, source):
            return False
        if not _link(source, os.path.join(self.staging, rel)):
            return False
        self.new[rel] = fp
        self.reused += 1
        return True

    def _intact(self, rel: str, source: str) -> bool:
        """Whether the previous output's file is still exactly what was verified and published."""
        try:
            return same_file(os.stat(source), self.sums.get(rel))
        except OSError:
            return False

    def record(self, rel: str, fp: str | None) -> None:
        if fp:
            self.new[rel] = fp

    def recorded(self, rel: str) -> str | None:
        """The input hash this build gave the file (reused or written), if it has one."""
        return self.new.get(rel)

    def reuse_tree(self, rel_dir: str, fp: str) -> bool:
        """A whole folder (the search index) reused as one unit."""
        marker = rel_dir.rstrip("/") + "/"
        if self.old.get(marker) != fp or not (self.previous / rel_dir).is_dir():
            return False
        files = [(source.relative_to(self.previous).as_posix(), source)
                 for source in (self.previous / rel_dir).rglob("*") if not source.is_dir()]
        if not all(self._intact(rel, os.fspath(source)) for rel, source in files):
            return False  # one damaged file: the whole bundle is made again
        for rel, source in files:
            _link(source, self.staging / rel)
        self.new[marker] = fp
        return True

    def record_tree(self, rel_dir: str, fp: str) -> None:
        self.new[rel_dir.rstrip("/") + "/"] = fp

    def memo(self, name: str) -> Memo:
        """The named Memo of this output (kept in the cache folder as <name>.pickle)."""
        if name not in self._memos:
            path = self.cache_dir / f"{name}.pickle" if self.cache_dir else None
            self._memos[name] = Memo(path, self.salt)
        return self._memos[name]

    def save(self, key: str, sums: dict[str, list], purge: bool = False) -> None:
        """Keep the memos and the manifest of the output just published (`sums`: verify.record);
        `purge` drops every kept value this build did not use."""
        for memo in self._memos.values():
            memo.save(purge)
        manifest = self._manifest_path()
        if not manifest:
            return
        manifest.parent.mkdir(parents=True, exist_ok=True)
        tmp = manifest.with_suffix(".tmp")
        tmp.write_text(json.dumps({"salt": self.salt, "key": key, "files": self.new, "sums": sums},
                                  ensure_ascii=False, separators=(",", ":")),
                       encoding="utf-8")
        os.replace(tmp, manifest)


class Purge:
    """Whether this build purges the kept values (renders, front matter, data lines) it does not
    use: true when an entry stopped being public since the last build into this output
    (disclosure/withdrawn.py), when staff marked a new commit to hide its text (【不显示差异】),
    or when that build left no record of what each entry showed.

    The record is written by `done`, after every store was saved: a build stopped half-way
    purges again the next time.
    """

    def __init__(self, cache_dir: Path | None, site):
        self.path = cache_dir / "shown.json" if cache_dir else None
        self.now = {"levels": levels(site), "hidden": sorted(hidden_commits(site.root))}
        before = self._before()
        self.needed = (before is None or bool(withdrawn(before["levels"], self.now["levels"]))
                       or not set(self.now["hidden"]) <= set(before["hidden"]))

    def _before(self) -> dict | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8")) if self.path else {}
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict):
            return None
        found = {"levels": data.get("levels", {}), "hidden": data.get("hidden", [])}
        return found if isinstance(found["levels"], dict) and isinstance(found["hidden"], list) else None

    def __bool__(self) -> bool:
        return self.needed

    def done(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.now, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)


class NoCache:
    """Plain `pelican` runs: nothing is reused."""

    reused = 0

    def reuse(self, rel, fp):
        return False

    def record(self, rel, fp):
        pass

    def recorded(self, rel):
        return None

    def reuse_tree(self, rel_dir, fp):
        return False

    def record_tree(self, rel_dir, fp):
        pass

    def memo(self, name):
        return Memo(None, "")


def cache_of(context) -> BuildCache | NoCache:
    return context.get("DISCLOSURE_BUILD_CACHE") or NoCache()
