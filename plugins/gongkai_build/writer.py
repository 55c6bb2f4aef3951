"""Every file of a build goes through one OutputWriter: one output per path, counted, recorded.

Pages, feeds and JSON twins are made in forked workers (parallel.py), each with its own
copy of the process: a guard or a counter kept there is lost when the worker ends. So the
parent decides: every output is claimed here with what makes it (a template, an entry's
file) before it is written. A second claim on a path is not written; once every generator
has run, `check` stops the build naming each such path and both its sources, all at once,
before the new site (in its staging folder) is published. Workers only write the paths they were given and return them; the parent then counts
each file (the OUTPUT signal, which staff/progress.py shows) and records it in the manifest
(incremental.BuildCache.record). Files Pelican's own Writer writes (GuardedWriter) and
files reused from the previous build (BuildCache.reuse) are claimed the same way.

Every file is written as a new file, never into one already there: the spare site a build
updates in place shares its unchanged files with the live one (hard links: spare.py), so
writing into such a file would change the live site too.
"""
from __future__ import annotations

import os
import shutil
from functools import partial

from blinker import signal
from pelican.writers import Writer

from .incremental import cache_of
from .parallel import map_all
from .spliced import Spliced

OUTPUT = signal("gongkai-output")  # sender: the OutputWriter; rel=path in the output (None: a batch), reused=bool,
# count=how many files (1, or a batch's)


class DuplicateOutput(RuntimeError):
    """Two parts of one build would write the same file."""

    def __init__(self, clashes):
        self.clashes = clashes
        lines = [f"{rel}：「{first}」和「{second}」都要生成这个文件，只能有一个。"
                 f" / Two outputs would write {rel}: {first} and {second}; only one may."
                 for rel, first, second in clashes]
        super().__init__("\n".join(["同一个文件不能由两处生成（请改用不同的网址或文件名）。"
                                    " / One file cannot be made by two outputs (give one another URL or file name)."]
                                   + lines))


class OutputWriter:
    """The one writer of a build into `root` (the staging folder): claims, counts and records."""

    def __init__(self, root, cache=None):
        self.root = os.fspath(root)
        self.cache = cache if cache is not None else cache_of({})
        self.owners: dict[str, str] = {}  # path in the output → what makes it
        self.clashes: list[tuple[str, str, str]] = []
        self.made = 0  # files written by this build
        self.reused = 0  # files linked from the previous build

    # -- the guard -----------------------------------------------------------------------

    def claim(self, rel: str, source: str) -> bool:
        """`source` will make `rel`: True when the path is its own. A second claim is a clash,
        kept for `check` (the build goes on without writing it, to find every clash at once)."""
        rel = rel.replace(os.sep, "/")
        if rel in self.owners:
            self.clashes.append((rel, self.owners[rel], source))
            return False
        self.owners[rel] = source
        return True

    def claim_all(self, jobs: list) -> list:
        """`claim` for many jobs (rel, source, ...): the jobs whose path is theirs, in order. A batch
        of new, distinct paths is claimed at once (one dict update for ~20,000 pages); any clash,
        and each is claimed in turn, so every clash is kept as `claim` keeps it."""
        rels = [job[0] for job in jobs] if os.sep == "/" else [job[0].replace(os.sep, "/") for job in jobs]
        if len(set(rels)) == len(rels) and self.owners.keys().isdisjoint(rels):
            self.owners.update(zip(rels, [job[1] for job in jobs]))
            return jobs
        return [job for job in jobs if self.claim(job[0], job[1])]

    def check(self) -> None:
        """Stop the build if two outputs claimed one path (before the new site is published)."""
        if self.clashes:
            raise DuplicateOutput(self.clashes)

    def unclaimed(self, paths) -> list[str]:
        """The given output paths that no claim made (written behind the writer's back)."""
        return sorted(rel for rel in paths if rel not in self.owners)

    # -- counting and the manifest -------------------------------------------------------

    def _done(self, rel: str, deps=None, reused: bool = False, parts: dict | None = None) -> None:
        if reused:
            self.reused += 1
        else:
            self.made += 1
            self.cache.record(rel, deps, parts)
        OUTPUT.send(self, rel=rel, reused=reused, count=1)

    def _counted(self, count: int, reused: bool) -> None:
        """A batch of files, counted and signalled once (a signal per file cost 0.7 s of a
        rebuild that reuses 44,000 files); `rel` is None: the listener counts, it does not list."""
        if count:
            OUTPUT.send(self, rel=None, reused=reused, count=count)

    def reuse(self, rel: str, deps, source: str) -> bool:
        """Claim `rel`, then link the previous build's file when its inputs are the same. False:
        the caller makes it (write_all(..., claimed=True)); True: nothing to make (reused, or
        the path is another output's: a clash)."""
        if not self.claim(rel, source):
            return True
        if self.cache.reuse(rel, deps):
            self._done(rel, deps, reused=True)
            return True
        return False

    def reuse_all(self, jobs) -> list:
        """`reuse` for many jobs (rel, source, deps, arg) at once, as write_all takes them; the
        previous build's files are checked (or linked) all at once (incremental.BuildCache.reuse_many).
        The jobs to make, claimed: hand them to write_all(..., claimed=True)."""
        jobs = jobs if isinstance(jobs, list) else list(jobs)
        mine = self.claim_all(jobs)
        linked = self.cache.reuse_many([(rel, deps) for rel, _, deps, _ in mine])
        reused = sum(linked)
        self.reused += reused
        self._counted(reused, reused=True)
        return [job for job, done in zip(mine, linked) if not done]

    def tree(self, rel_dir: str, deps, source: str, reused: bool) -> None:
        """A folder another program wrote (Pagefind) or that was reused whole: each file claimed and
        counted (a reused one's files are those the cache reused, no walk of the folder)."""
        files = self.cache.reused_tree(rel_dir) if reused else None
        if files is None:
            base = os.path.join(self.root, rel_dir)
            files = [os.path.relpath(os.path.join(here, name), self.root).replace(os.sep, "/")
                     for here, _dirs, names in os.walk(base) for name in sorted(names)]
        counted = len(self.claim_all([(rel, source) for rel in files]))
        if reused:
            self.reused += counted
        else:
            self.made += counted
        self._counted(counted, reused)
        if not reused and deps:
            self.cache.record_tree(rel_dir, deps)

    def adopt(self, rel: str, source: str) -> None:
        """A file another part of the toolchain copied (Pelican's theme static files): claimed and counted."""
        if self.claim(rel, source):
            self._done(rel)

    # -- writing -------------------------------------------------------------------------

    def path(self, rel: str) -> str:
        return os.path.join(self.root, rel)

    def write(self, rel: str, data: str | bytes, source: str, deps=None) -> None:
        """Write one file in this process (unless the path is another output's)."""
        if self.claim(rel, source):
            _write(self.root, rel, data)
            self._done(rel, deps)

    def copy(self, rel: str, file: str, source: str) -> None:
        """Copy a file (an attachment, a schema) unchanged to `rel` (unless the path is another output's)."""
        if self.claim(rel, source):
            target = self.path(rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            _unlink(target)  # a new file, not the one there (spare.py)
            shutil.copyfile(file, target)
            self._done(rel)

    def write_all(self, make, jobs, claimed: bool = False, parts: dict | None = None, min_items: int = 400) -> None:
        """jobs: (rel, source, deps, arg); make(arg) → the text or bytes of rel, on every core.
        `parts`: rel → the named inputs deps hashes, kept in the manifest for `build.py explain`;
        `min_items`: fewer jobs than this are made in this process (parallel.map_all).

        Every path is claimed here first (or was, by `reuse`: `claimed`): a path already
        another output's is not written. The workers return the paths they wrote, which are
        counted and recorded here.
        """
        jobs = list(jobs)
        if claimed:
            if any(self.owners.get(rel) != source for rel, source, _, _ in jobs):
                raise RuntimeError("write_all(claimed=True) for a path reuse() did not claim")
        else:
            jobs = [job for job in jobs if self.claim(job[0], job[1])]
        written = map_all(partial(_make, make, self.root), [(rel, arg) for rel, _, _, arg in jobs], min_items=min_items)
        for (rel, _, deps, _), done in zip(jobs, written):
            if done != rel:  # a worker that wrote something else than it was given: never silently
                raise RuntimeError(f"a worker wrote {done!r} instead of {rel!r}")
            self.made += 1
            self.cache.record(rel, deps, (parts or {}).get(rel))
        self._counted(len(jobs), reused=False)

    def write_aside(self, pool, jobs, then=None) -> dict:
        """Write the files of `jobs` (rel, source, deps, data: claimed by `reuse_all`, their text or
        bytes made already, in this process) on `pool`'s threads: writing ~100 MB of open data
        (copied by the kernel, or encoded and written) holds this thread for 0.2–0.6 s and the
        GIL for little of it. Each is counted and recorded here, now; `then(path)`, if given, runs
        on the same thread once its file is written. rel → its Future (then's answer): the caller
        waits for every one, and raises what it raised, before anything forks or the build ends."""
        jobs = list(jobs)
        if any(self.owners.get(rel) != source for rel, source, _, _ in jobs):
            raise RuntimeError("write_aside for a path reuse() did not claim")
        root = self.root

        def write(rel, data):
            _write(root, rel, data)
            return then(rel) if then is not None else None
        futures = {rel: pool.submit(write, rel, data) for rel, _, _, data in jobs}
        for rel, _, deps, _ in jobs:
            self.made += 1
            self.cache.record(rel, deps)
        self._counted(len(jobs), reused=False)
        return futures


def _write(root: str, rel: str, data: str | bytes | list | Spliced) -> None:
    """`data`: text, bytes, a list of bytes written one after another (not joined first), or
    ranges of another file with new bytes (spliced.py: a ~60 MB open-data collection after one
    changed line)."""
    target = os.path.join(root, rel)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if isinstance(data, Spliced):
        with _new_file(target, "xb") as fh:
            data.write_to(fh)
    elif isinstance(data, list):
        with _new_file(target, "xb") as fh:
            fh.writelines(data)
    elif isinstance(data, bytes):
        with _new_file(target, "xb") as fh:
            fh.write(data)
    else:
        with _new_file(target, "x", encoding="utf-8", newline="") as fh:
            fh.write(data)


def _new_file(target: str, mode: str, **kwargs):
    """Open a new file at `target` (mode "x…"): one already there is unlinked first, never
    written into (it may be the live site's file too: spare.py)."""
    try:
        return open(target, mode, **kwargs)
    except FileExistsError:
        os.unlink(target)
        return open(target, mode, **kwargs)


def _unlink(target: str) -> None:
    try:
        os.unlink(target)
    except FileNotFoundError:
        pass


def _make(make, root: str, job) -> str:
    """Runs in a worker: make one file and say which."""
    rel, arg = job
    _write(root, rel, make(arg))
    return rel


class GuardedWriter(Writer):
    """Pelican's Writer, whose files are claimed and counted by the build's OutputWriter too
    (its own guard still applies). Handed to Pelican by the get_writer signal."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        settings = settings if settings is not None else {}
        self.outputs = settings.get("DISCLOSURE_OUTPUTS")
        if self.outputs is None:  # plain `pelican`: one for this run, found by the sitemap too
            self.outputs = settings["DISCLOSURE_OUTPUTS"] = OutputWriter(output_path, cache_of(settings))
        self._source = "Pelican"

    def write_file(self, name, template, context, *args, **kwargs):
        self._source = f"{getattr(template, 'name', template)}（Pelican Writer）"
        return super().write_file(name, template, context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        rel = os.path.relpath(filename, self.outputs.root).replace(os.sep, "/")
        if not self.outputs.claim(rel, self._source):
            return open(os.devnull, "w", encoding=encoding)  # another output's path: kept for check()
        _unlink(filename)  # Pelican opens with "w": into a new file, not the one there (spare.py)
        fh = super()._open_w(filename, encoding, override)
        self.outputs._done(rel)
        return fh


def outputs_of(writer) -> OutputWriter:
    """The build's OutputWriter, from the writer Pelican hands a generator."""
    return writer.outputs


def get_writer(pelican):
    """signals.get_writer: Pelican writes through GuardedWriter."""
    return GuardedWriter


def check_outputs(pelican):
    """signals.finalized: a plain `pelican` run stops on a clash too (build.py checks again
    after the theme's static files are counted: gongkai_build.account_static)."""
    outputs = pelican.settings.get("DISCLOSURE_OUTPUTS")
    if outputs is not None:
        outputs.check()
