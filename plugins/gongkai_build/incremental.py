"""Incremental builds: reuse what the previous build wrote when its inputs are unchanged.

Correctness first. Every reused file is keyed by a hash of all its inputs (the
core's digest.py) salted with a fingerprint of code, theme, settings and library
versions, so a change anywhere that matters makes the page render again. A build
that changes nothing at all is recognised by one key over every input file and
skipped. Reused files are left as they are in the spare site the build updates in place
(spare.py: the last build's files, hard links of the live site's), or hard-linked from the
previous output into a new staging folder (staging.py), so the swap stays atomic.

Nothing damaged is reused: the manifest also holds each output file's size, mtime,
inode and hash as verified when it was published (verify.py), and a file is linked
only while one stat still matches them (a file cut short or rewritten since is made
again). A build that fails after the manifest was removed leaves none, so the next
build starts cold.
"""
from __future__ import annotations

import json
import os
import pickle
import shutil
from bisect import bisect_left
from concurrent.futures import ThreadPoolExecutor
from itertools import compress
from pathlib import Path

from disclosure.changes import hidden_commits
from disclosure.withdrawn import levels, withdrawn

from . import kept, manifest as manifests
from .manifest import NAME as MANIFEST
from .verify import same_file, stats


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

    def keep(self, key: str, value) -> None:
        """Keep `value` for `key` (made by the caller, which looked in `old` itself)."""
        self.used[key] = value

    def keep_old(self) -> None:
        """Every value the previous build kept stays kept, though this one asked for none of them:
        a whole made from them was kept too and reused (the next build that misses it asks for
        them again). Not for a purging build, which keeps only what it asked for."""
        self.used = {**self.old, **self.used}

    def save(self, purge: bool = False) -> None:
        if self.path is not None:
            kept.save(self.path, self.salt, self.old, self.used, purge)


class Packed:
    """A Memo whose values are kept as one pickled bytes object each, unpickled only when asked for.

    For a large value of many small objects asked for by one key of many (digest.Digests' kept day:
    ~30,000 tuples at N = 5,000): a build whose key is another (any edited file) neither loads
    the old value's objects nor keeps the new one's after pickling it (each would count towards a
    garbage collection of the main thread: one new reply ran a generation-1 collection, ~0.1 s)."""

    def __init__(self, memo: Memo):
        self.memo = memo

    def get(self, key: str | None, make):
        if key is None:
            return make()
        packed = self.memo.old.get(key)
        if packed is not None:
            self.memo.keep(key, packed)
            return pickle.loads(packed)
        value = make()
        self.memo.keep(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        return value


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
        self.published: dict[str, list] = {}  # the same, whatever the salt: what output/ holds (spare.py)
        self.spare = None  # the spare.Spare this build updates in place, if any (staging.Staging.begin)
        self.linked: dict[str, list] = {}  # the files linked into staging, with those sums (verify.record)
        self.hashed: dict[str, list] = {}  # files made, with their record as read once written (`noted`)
        self.reused = 0
        self.trees: dict[str, list[str]] = {}  # "x/" → the files reuse_tree reused in it
        self._below: dict[str, list[str]] = {}  # _files_under's sorted paths, by top folder
        self._memos: dict[str, Memo] = {}
        self._stores: list = []  # other kept stores with a save(purge), saved with the memos (`keep_with`)
        # whether this build purges what it keeps (incremental.Purge; set by build_site): a generator
        # that would skip loading a memo it reads (so it is not rewritten) does not then
        self.purging = True
        _MADE.clear()  # a new staging folder: nothing in it is made yet
        manifest = self._manifest_path()
        data = manifests.read(manifest) if manifest and previous.is_dir() else None
        if data is not None:
            # what the last build hashed, kept to explain (even when code or settings changed)
            self.old_common, self.old_parts = data.get("common", {}), data.get("parts", {})
            self.published = data["sums"] if isinstance(data.get("sums"), dict) else {}
            if data.get("salt") == salt:
                self.old = data.get("files", {})
                self.old_key = data.get("key", "")
                self.sums = data.get("sums", {})

    def _manifest_path(self):
        return self.cache_dir / MANIFEST if self.cache_dir else None

    def reuse(self, rel: str, fp: str | None) -> bool:
        """Link the previous build's file into staging when its inputs are the same."""
        if not fp or self.old.get(rel) != fp:
            return False
        source = os.path.join(self.previous, rel)
        if self.spare is not None:
            if not self.spare.keep(rel, source, self.sums.get(rel)):
                return False
        elif not (self._intact(rel, source) and _link(source, os.path.join(self.staging, rel))):
            return False
        self.linked[rel] = self.sums[rel]
        self.new[rel] = fp
        if rel in self.old_parts:
            self.parts[rel] = self.old_parts[rel]
        self.reused += 1
        return True

    def reuse_many(self, wanted) -> list[bool]:
        """`reuse` for many (rel, fp) at once. In the spare (nearly always), each file is looked up
        in what spare.Spare.survey found when the build began (one stat a file, in one loop), and
        the bookkeeping is done for the whole batch (dict updates from zipped lists): a Python
        call per file was ~40 µs of the ~44,500 files of a rebuild. Without one, the stat and the link of each are done on a few threads (both
        release the GIL; ~43,000 links at N = 5,000 took 1.6 s one by one). Whether each was
        reused, in order."""
        wanted = wanted if isinstance(wanted, list) else list(wanted)
        old, sums = self.old, self.sums
        picked = [i for i, (rel, fp) in enumerate(wanted) if fp and old.get(rel) == fp]
        rels = [wanted[i][0] for i in picked]
        knowns = list(map(sums.get, rels))
        if self.spare is not None:
            ok = self.spare.keep_many(rels, knowns, os.fspath(self.previous), linked)
        else:
            ok = linked(self._linker(), zip(rels, knowns))
        return self._reused([wanted[i][1] for i in picked], rels, knowns, ok, picked, len(wanted))

    def _linker(self):
        """Without a spare: link(rel, known) links the previous file into staging when intact."""
        previous, staging = os.fspath(self.previous), os.fspath(self.staging)

        def link(job) -> bool:
            rel, _known = job
            source = os.path.join(previous, rel)
            return self._intact(rel, source) and _link(source, os.path.join(staging, rel))
        return link

    def _reused(self, fps, rels, knowns, ok, picked, total) -> list[bool]:
        """The bookkeeping of a batch (`ok`: which of `rels` were reused), all at once; whether each
        of the `total` jobs was (`picked`: the jobs `rels` are, in order)."""
        done = list(compress(rels, ok))
        self.linked.update(zip(done, compress(knowns, ok)))
        self.new.update(zip(done, compress(fps, ok)))
        parts = self.old_parts
        self.parts.update({rel: parts[rel] for rel in done if rel in parts})
        self.reused += len(done)
        result = [False] * total
        for i in compress(picked, ok):
            result[i] = True
        return result

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

    def noted(self, rel: str):
        """note(stat, sha1) for a file this build made and someone read whole once it was written
        (opendata's package.measure): verify.record takes that record while the file's stat is
        still the one it was read with, instead of reading the file again."""
        def note(st, sha1: str) -> None:
            self.hashed[rel] = [st.st_size, st.st_mtime_ns, st.st_ino, sha1]
        return note

    def reuse_tree(self, rel_dir: str, fp: str) -> bool:
        """A whole folder (a search bundle) reused as one unit: its files are the ones the
        manifest lists under it (no walk of the folder), each checked as `reuse_many` does."""
        marker = rel_dir.rstrip("/") + "/"
        if self.old.get(marker) != fp:
            return self._made_again(rel_dir)
        rels = self._files_under(marker)
        if not rels:
            return self._made_again(rel_dir)
        knowns = list(map(self.sums.get, rels))
        if self.spare is not None:
            ok = self.spare.keep_many(rels, knowns, os.fspath(self.previous), linked)
            if not all(ok):
                return self._made_again(rel_dir)  # one damaged file: the whole bundle is made again
            self.spare.only(rel_dir, rels)
        else:
            if not all(same_file(st, known) if st is not None else False
                       for st, known in zip(stats([os.path.join(self.previous, rel) for rel in rels]), knowns)):
                return self._made_again(rel_dir)  # one damaged file: the whole bundle is made again
            ok = linked(lambda rel: _link(os.path.join(self.previous, rel), os.path.join(self.staging, rel)), rels)
            if not all(ok):  # a link failed (the file went since its stat): not half a bundle
                for rel in compress(rels, ok):
                    os.unlink(os.path.join(self.staging, rel))  # shared with the live site: never written into
                return self._made_again(rel_dir)
        self.linked.update(zip(compress(rels, ok), compress(knowns, ok)))
        self.trees[marker] = list(compress(rels, ok))
        self.new[marker] = fp
        return True

    def reused_tree(self, rel_dir: str) -> list[str] | None:
        """The files of a folder `reuse_tree` reused (paths in the output), in order; None if it did not."""
        return self.trees.get(rel_dir.rstrip("/") + "/")

    def _files_under(self, marker: str) -> list[str]:
        """The previous manifest's files under `marker` ("x/"), sorted: the manifest's paths below
        the marker's top folder are sorted once, and each folder is a range of them."""
        top = marker.split("/", 1)[0] + "/"
        if top not in self._below:
            self._below[top] = sorted(rel for rel in self.sums if rel.startswith(top))
        below = self._below[top]
        return below[bisect_left(below, marker):bisect_left(below, marker[:-1] + "0")]  # "0" follows "/"

    def _made_again(self, rel_dir: str) -> bool:
        """Not reused: in the spare, the program that makes the folder gets an empty one (it may
        write into files in place, and those may be the live site's too)."""
        if self.spare is not None:
            self.spare.clear(rel_dir)
        return False

    def record_tree(self, rel_dir: str, fp: str) -> None:
        self.new[rel_dir.rstrip("/") + "/"] = fp

    def memo(self, name: str) -> Memo:
        """The named Memo of this output (kept in the cache folder as <name>.pickle)."""
        if name not in self._memos:
            path = self.cache_dir / f"{name}.pickle" if self.cache_dir else None
            self._memos[name] = Memo(path, self.salt)
        return self._memos[name]

    def keep_with(self, store) -> None:
        """A store of a generator's own (search/kept_corpus.py), written under pending/ (pending.py)
        and saved only once the new site is live."""
        self._stores.append(store)

    def save(self, key: str, sums: dict[str, list], purge: bool = False) -> None:
        """Keep the memos and the manifest of the output just published (`sums`: verify.record);
        `purge` drops every kept value this build did not use."""
        for memo in (*self._memos.values(), *self._stores):
            memo.save(purge)
        manifest = self._manifest_path()
        if not manifest:
            return
        manifests.write(manifest, {"salt": self.salt, "key": key, "files": self.new, "sums": sums,
                                   "common": self.common, "parts": self.parts, "made": self.why})


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
        before = self.before = self._before()
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
        if self.path is None or self.before == self.now:  # the record on disk says the same already
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.now, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)


class NoCache:
    """Plain `pelican` runs: nothing is reused."""

    reused = 0
    purging = True

    def reuse(self, rel, fp):
        return False

    def reuse_many(self, wanted):
        return [False for _ in wanted]

    def record(self, rel, fp, parts=None):
        pass

    def recorded(self, rel):
        return None

    def noted(self, rel):
        return None

    def reuse_tree(self, rel_dir, fp):
        return False

    def reused_tree(self, rel_dir):
        return None

    def record_tree(self, rel_dir, fp):
        pass

    def memo(self, name):
        return Memo(None, "")

    def keep_with(self, store):
        pass


def cache_of(context) -> BuildCache | NoCache:
    return context.get("DISCLOSURE_BUILD_CACHE") or NoCache()
