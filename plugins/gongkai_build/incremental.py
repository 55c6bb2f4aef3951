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

import dataclasses
import hashlib
import inspect
import json
import os
import shutil
import stat
import subprocess
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

from disclosure.changes import hidden_commits
from disclosure.withdrawn import levels, withdrawn
from disclosure import files

from . import kept
from .verify import same_file

HERE = Path(__file__).resolve().parent
CODE = HERE.parent  # plugins/: the core, the adapters and this package all shape the output
LIBRARIES = ("pelican", "jinja2", "markdown", "nh3", "pyyaml", "feedgenerator", "pagefind", "pagefind-bin-extended",
             "pypinyin", "openpyxl", "pypdf", "python-docx")
VOLATILE_SETTINGS = {"PATH", "OUTPUT_PATH", "DISCLOSURE_PRELOADED_SITE", "DISCLOSURE_BUILD_CACHE", "DISCLOSURE_RENDERS",
                     "DISCLOSURE_OUTPUTS"}


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


def code_fingerprint(settings: dict, code: Path = CODE) -> str:
    """Code (plugins/, and a DISCLOSURE_KINDS kind's own modules), theme (and the templates that
    override it), settings and library versions: anything that shapes output.

    Named parts, "code=…;templates=…;settings=…;libraries=…", so `build.py explain` can say
    which of them changed (digest.Digests.common splits them)."""
    parts = {name: hashlib.sha1() for name in ("code", "templates", "settings", "libraries")}
    _hash_files(parts["code"], code)
    for source in _kind_sources(settings.get("DISCLOSURE_KINDS"), code):
        parts["code"].update(f"\0kind\0{source}\0".encode() + hashlib.sha1(source.read_bytes()).digest())
    theme = Path(settings.get("THEME", ""))
    if theme.is_dir():
        _hash_files(parts["templates"], theme)
    for folder in [*(settings.get("THEME_TEMPLATES_OVERRIDES") or ()), *(settings.get("EXTRA_TEMPLATES_PATHS") or ())]:
        if Path(folder).is_dir():  # templates that take a theme's place (a registered kind's page)
            parts["templates"].update(f"\0templates\0{folder}".encode())
            _hash_files(parts["templates"], Path(folder))
    plain = {k: _plain(v) for k, v in settings.items() if k.isupper() and k not in VOLATILE_SETTINGS}
    parts["settings"].update(json.dumps(plain, sort_keys=True, ensure_ascii=False, default=repr).encode())
    for lib in LIBRARIES:
        try:
            parts["libraries"].update(f"{lib}={metadata.version(lib)}".encode())
        except metadata.PackageNotFoundError:
            parts["libraries"].update(f"{lib}=-".encode())
    return ";".join(f"{name}={h.hexdigest()}" for name, h in parts.items())


def _kind_sources(kinds, code: Path = CODE) -> list[Path]:
    """The files of the code a DISCLOSURE_KINDS registry names outside plugins/ (a site's own
    kind: its model, reader, page, record … functions), which settings values alone do not show."""
    found, seen, todo = set(), set(), list(kinds or ())
    while todo:
        value = todo.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            todo += [type(value)] + [getattr(value, f.name) for f in dataclasses.fields(value)]
        elif isinstance(value, (list, tuple, set, frozenset)):
            todo += list(value)
        elif isinstance(value, dict):
            todo += [*value.keys(), *value.values()]
        elif callable(value):
            try:
                found.add(Path(inspect.getsourcefile(value)).resolve())
            except (TypeError, OSError):
                pass  # a builtin: no source of its own
    return sorted(p for p in found if p.is_file() and code not in p.parents)


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


LINK_THREADS = 2  # one per core; stat and link release the GIL


def linked(link, jobs) -> list:
    """link(job) for every job, on LINK_THREADS threads (in order of jobs); few jobs: here."""
    jobs = list(jobs)
    if len(jobs) < 200:
        return [link(job) for job in jobs]
    size = -(-len(jobs) // LINK_THREADS)
    chunks = [jobs[k:k + size] for k in range(0, len(jobs), size)]
    with ThreadPoolExecutor(LINK_THREADS, thread_name_prefix="gongkai-link") as pool:
        return [ok for part in pool.map(lambda chunk: [link(job) for job in chunk], chunks) for ok in part]


class Memo:
    """Values the previous build worked out, by the hash of their inputs, for this build to reuse.

    For what is cheap to keep and costly to make again for every item of a rebuild (an
    item's open-data line). A key must hash everything its value is made from (digest.py);
    the file is also salted, so a change of code or settings starts it empty. Stored with
    gongkai_build/kept.py: new values are appended, unused ones dropped now and then.
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
        self.old_parts: dict[str, dict] = {}
        self.parts: dict[str, dict] = {}  # output → its named inputs' hashes (`build.py explain`)
        self.why: dict[str, str] = {}  # output made in this build → why it was not reused
        self.common: dict[str, str] = {}  # the parts every output hashes (salt's parts, site.yaml)
        self.old_common: dict[str, str] = {}
        self.sums: dict[str, list] = {}  # [size, mtime_ns, inode, sha1] of each previous file (verify.py)
        self.reused = 0
        self._memos: dict[str, Memo] = {}
        _MADE.clear()  # a new staging folder: nothing in it is made yet
        manifest = self._manifest_path()
        if manifest and manifest.is_file() and previous.is_dir():
            try:
                data = json.loads(manifest.read_text(encoding="utf-8"))
                # what the last build hashed, kept to explain (even when code or settings changed)
                self.old_common, self.old_parts = data.get("common", {}), data.get("parts", {})
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
        if rel in self.old_parts:
            self.parts[rel] = self.old_parts[rel]
        self.reused += 1
        return True

    def reuse_many(self, wanted) -> list[bool]:
        """`reuse` for many (rel, fp) at once: the stat and the link of each are done on a few
        threads (both release the GIL; ~43,000 links at N = 5,000 took 1.6 s one by one), the
        bookkeeping here. Whether each was reused, in order."""
        wanted = list(wanted)
        candidates = [(i, rel, os.path.join(self.previous, rel)) for i, (rel, fp) in enumerate(wanted)
                      if fp and self.old.get(rel) == fp]
        staging, sums = os.fspath(self.staging), self.sums

        def link(job) -> bool:
            _i, rel, source = job
            try:
                if not same_file(os.stat(source), sums.get(rel)):
                    return False
            except OSError:
                return False
            return _link(source, os.path.join(staging, rel))

        done = [False] * len(wanted)
        for (i, rel, _source), ok in zip(candidates, linked(link, candidates)):
            if ok:
                fp = wanted[i][1]
                self.new[rel] = fp
                if rel in self.old_parts:
                    self.parts[rel] = self.old_parts[rel]
                self.reused += 1
                done[i] = True
        return done

    def _intact(self, rel: str, source: str) -> bool:
        """Whether the previous output's file is still exactly what was verified and published."""
        try:
            return same_file(os.stat(source), self.sums.get(rel))
        except OSError:
            return False

    def record(self, rel: str, fp: str | None, parts: dict | None = None) -> None:
        """A file made in this build: its fingerprint, the named inputs it hashes, and why it was made."""
        if fp:
            self.new[rel] = fp
            if parts:
                self.parts[rel] = parts
            before = self.old_parts.get(rel)
            self.why[rel] = _why(self.old.get(rel), fp, None if before is None else {**self.old_common, **before},
                                 {**self.common, **(parts or {})})

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
        linked(lambda job: _link(job[1], os.path.join(self.staging, job[0])), files)
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
        tmp.write_text(json.dumps({"salt": self.salt, "key": key, "files": self.new, "sums": sums,
                                   "common": self.common, "parts": self.parts, "made": self.why},
                                  ensure_ascii=False, separators=(",", ":")),
                       encoding="utf-8")
        os.replace(tmp, manifest)


def _why(old_fp, fp, old_parts, parts) -> str:
    """In words, why an output with a fingerprint was made rather than reused (`old_parts`: what
    the last build recorded for it, None when it recorded nothing)."""
    if old_fp is None and old_parts is None:
        return "new: the last build had no such output (or left no manifest)"
    if old_fp == fp:
        return "same inputs, but the last build's file was missing or changed on disk"
    old_parts = old_parts or {}
    changed = sorted(k for k in set(parts) | set(old_parts) if parts.get(k) != old_parts.get(k))
    return "inputs changed: " + ", ".join(changed) if changed else "inputs changed"


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

    def reuse_many(self, wanted):
        return [False for _ in wanted]

    def record(self, rel, fp, parts=None):
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
