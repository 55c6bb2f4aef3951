"""The spare site: the previous live site, kept beside output/ and brought up to date in place.

A rebuild used to hard-link every unchanged file (~44,500 at N = 5,000) into a fresh folder
and make its ~12,500 folders: 2–3 s, for a build that changes a few hundred files. Instead
two complete sites are kept: output/ (live) and `.<name>-spare` beside it, the site output/
held before the last switch. The spare differs from the live site only by what the last
build changed, and that is known: the live site's manifest (incremental.py) and, in this
module's record, each path whose file differed between the two (`differs`). A rebuild
writes into the spare only the outputs it makes, links the few files the last build
changed from the live site, deletes what the new build no longer has (and folders left
empty), and switch.py exchanges spare and output/; the old live site is the next spare.

Hard links join the two trees (every file the last two builds did not change is one inode
in both), so nothing may ever write into a file of the spare: every write makes a new
file (writer.py: a new file, never one opened in place; Pelican's Writer the same; a
search bundle made again gets a fresh folder; the theme's static files, which Pelican
copies over whatever is there, are removed from the spare first).

The spare is used only while it can prove it is what the record says (`Record.spare_for`):
the record names the manifest it goes with (its stat), the spare folder (device and inode)
and each of its folders' mtime, as the build that made it saw them: a file added, removed
or renamed by hand, in output/ while it was live or in the spare since, changes its
folder's mtime. A file edited in place keeps its folder's mtime, but its own stat no
longer matches the manifest, and `keep` takes the live site's file (or the build makes
it again). The record loses its spare part before the first write into the spare, and
is written again, last, once the new site is live and its manifest saved: a build
stopped half-way, a lost manifest, a missing or replaced spare, anything doubtful, and
the build takes the full path instead (a new folder, every unchanged file linked:
staging.py), after which the replaced site becomes the spare again.
"""
from __future__ import annotations

import gc
import os
import pickle
import select
import shutil
import signal
import time
from pathlib import Path

from .manifest import read as read_manifest
from .verify import same_file, stats

AHEAD_WAIT = 60  # seconds survey_ahead's process may take (~0.4 s at N = 5,000); then it is stopped
RECORD = "trees.pickle"  # in the build cache (cache_dir_for(output)), never in the output
FORMAT = 1


def spare_path(output: Path) -> Path:
    """Where the spare site is kept: beside output/, hidden (`.output-spare` for output/)."""
    return output.with_name(f".{output.name}-spare")


def _stat(path: Path):
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def folder_id(path: Path):
    """(device, inode) of a folder, or None: which folder a record describes."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if os.path.isdir(path) and not os.path.islink(path) else None


class Record:
    """What is known of the live site's folders and of the spare, for the manifest now in the cache.

    live: {folder (relative, "" the top): mtime_ns} of output/ as the build that published it saw them;
    spare: {"id": folder_id, "folders": the same for the spare, "differs": {path: the spare's file
    record [size, mtime_ns, inode, sha1], or None where the spare has no such file} for each path
    whose file is not the live site's}.
    """

    def __init__(self, cache_dir: Path | None, manifest: Path | None, load: bool = True):
        self.path = cache_dir / RECORD if cache_dir else None
        self.manifest = manifest
        self.live: dict | None = None
        self.spare: dict | None = None
        self._vouched = None  # the manifest's stat this record was found to go with
        data = self._load() if load else None
        if data is not None:
            self.live, self.spare = data.get("live"), data.get("spare")
            self._vouched = data.get("manifest")

    def _load(self) -> dict | None:
        if self.path is None or self.manifest is None:
            return None
        try:
            with open(self.path, "rb") as fh:
                data = pickle.load(fh)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError, AttributeError, ImportError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        manifest = _stat(self.manifest)
        if manifest is None or data.get("manifest") != manifest:
            return None  # it goes with another manifest: another live site
        return data

    def manifest_stat(self) -> tuple | None:
        """The manifest file's stat, while it is still the one this record was loaded for."""
        now = _stat(self.manifest) if self.manifest is not None else None
        return now if now is not None and now == self._vouched else None

    def spare_for(self, folder: Path) -> dict | None:
        """The spare part, when `folder` is the spare it describes (its folders are checked by `matches`)."""
        spare = self.spare
        if not isinstance(spare, dict) or not isinstance(spare.get("folders"), dict) \
                or not isinstance(spare.get("differs"), dict):
            return None
        return spare if spare.get("id") == folder_id(folder) else None

    def drop_spare(self) -> None:
        """Before the spare is changed: from now on the record does not vouch for it."""
        if self.spare is not None:
            self.spare = None
            self.save(self.manifest)

    def save(self, manifest: Path, live: dict | None = None, spare: dict | None = None) -> None:
        """Write the record for `manifest` (just saved); `live`: None keeps the one loaded."""
        if self.path is None:
            return
        if live is not None:
            self.live, self.spare = live, spare
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            self.path.unlink(missing_ok=True)
            if self.live is None:
                return
            with open(tmp, "wb") as fh:
                pickle.dump({"format": FORMAT, "manifest": _stat(manifest), "live": self.live,
                             "spare": self.spare}, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:  # only the next build's shortcut is lost: it takes the full path
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass


def matches(root: Path, folders: dict, stop=None) -> bool:
    """Whether every recorded folder of `root` is there with its recorded mtime (one stat each)."""
    prefix = os.fspath(root)
    for rel, mtime in folders.items():
        if stop is not None and stop.is_set():
            return False
        try:
            st = os.lstat(os.path.join(prefix, rel) if rel else prefix)
        except OSError:
            return False
        if st.st_mtime_ns != mtime or (st.st_mode & 0o170000) != 0o040000:
            return False
    return bool(folders)


def differs(before: dict, after: dict) -> dict:
    """{path: before's record, or None} for every path whose file is not the same in both."""
    changed = {rel: known for rel, known in before.items() if after.get(rel) != known}
    changed.update((rel, None) for rel in after.keys() - before.keys())
    return changed


def scrub(root: Path, changed, folders: dict) -> dict | None:
    """Delete from the spare `root` the files at `changed` and the folders left empty; `folders`
    (the spare's folder mtimes on record) brought up to date. None, and nothing deleted, when a
    folder there is not as recorded: the spare is not to be kept then."""
    root = os.fspath(root)
    touched = _ancestors(changed) | ({""} if changed else set())
    if touched and not matches(root, {folder: folders.get(folder) for folder in touched}):
        return None
    for rel in changed:
        os.unlink(os.path.join(root, rel))
    removed = _remove_empty(root, touched - {""})
    kept = {folder: mtime for folder, mtime in folders.items() if folder not in removed}
    for folder in touched - removed:
        kept[folder] = os.lstat(os.path.join(root, folder) if folder else root).st_mtime_ns
    return kept


def _ancestors(rels) -> set[str]:
    """Every folder (relative, the top "" left out) that holds one of the paths `rels`."""
    folders = set()
    for rel in rels:
        folder = os.path.dirname(rel)
        while folder and folder not in folders:
            folders.add(folder)
            folder = os.path.dirname(folder)
    return folders


def _remove_empty(root: str, folders) -> set[str]:
    """Remove those of `folders` (relative to `root`) left empty, deepest first; the ones removed."""
    removed = set()
    for folder in sorted(folders, key=lambda f: (f.count("/"), f), reverse=True):
        try:
            os.rmdir(os.path.join(root, folder))
            removed.add(folder)
        except OSError:
            pass  # not empty: other files are in it
    return removed


class Spare:
    """The spare site while a build brings it up to date (BuildCache.spare; staging.py starts it)."""

    def __init__(self, path: Path, record: dict):
        self.path = path
        self.root = os.fspath(path)
        self.differs: dict = record["differs"]  # path → the spare's file, where it is not the live site's
        self.folders: dict = record["folders"]
        self.intact: set[str] | None = None  # files found still the live site's (`survey`)
        self._ahead: tuple[int, int] | None = None  # (pid, pipe) of survey_ahead's process
        self._cleared: list[str] = []  # folders `clear` removed ("x/")

    def files(self, live: dict) -> set[str]:
        """Every file in the spare: the live site's (its manifest `live`), changed by `differs`."""
        names = set(live)
        for rel, known in self.differs.items():
            if known is None:
                names.discard(rel)
            else:
                names.add(rel)
        return names

    def keep(self, rel: str, source: str, known) -> bool:
        """Reuse the live site's file `source` at `rel`: already there (the same inode, unchanged:
        one stat), else linked from the live site when that one is still as published."""
        target = os.path.join(self.root, rel)
        if rel not in self.differs:
            try:
                if same_file(os.stat(target), known):
                    return True
            except OSError:
                pass
        try:
            if not same_file(os.stat(source), known):
                return False
        except OSError:
            return False
        return _replace_link(source, target)

    def survey(self, sums: dict, manifest: tuple | None = None) -> None:
        """Before the build writes (Staging.begin): which files of the spare are still the live
        site's, as its manifest `sums` records them, one stat each (~2 µs a file).

        The spare's folders were checked against the record (`matches`): no file was added,
        removed or renamed in them, so a path outside `differs` names the very inode the live
        site's manifest records there, and one stat of it tells whether that inode is still
        as published (an edit in place, from either site, changes its size or mtime): a
        second stat, of the live path, could say no more. A live file edited in place while
        this build runs is published as it then is, under its old record, and the next build's
        survey finds it changed and makes it again.

        The stats were nearly always taken by a process forked while the content loads
        (`survey_ahead`, on the other core; in a thread of this one each stat would wait for the
        GIL): its answer is taken when it read the manifest the build read, `manifest` (the
        manifest file's stat, as the record vouched for it, found unchanged now). Else the
        stats are taken here, while no other thread of the build runs."""
        differs = self.differs
        ahead = self._collect()
        if ahead is not None and manifest is not None and ahead[0] == manifest:
            cleared = tuple(self._cleared)  # removed since (`clear`): none of their files is there
            self.intact = set(sums).difference(differs, ahead[1],
                                               [rel for rel in sums if rel.startswith(cleared)] if cleared else ())
            return
        rels = [rel for rel in sums if rel not in differs]
        found = stats([self.root + os.sep + rel for rel in rels])
        self.intact = {rel for rel, known, st in zip(rels, map(sums.get, rels), found)
                       if st is not None and same_file(st, known)}

    def survey_ahead(self, manifest: Path) -> None:
        """Fork a process that takes `survey`'s stats now, from the manifest file (the build reads
        it later), while this one loads the content: the ~44,500 stats of a rebuild at N = 5,000
        (0.2-0.3 s) then cost the build nothing. It answers (the manifest's stat, unchanged
        while it read it, or None; the paths outside `differs` not as recorded) through a pipe."""
        if not hasattr(os, "fork") or self._ahead is not None:
            return
        try:
            read, write = os.pipe()
        except OSError:
            return  # no pipe to spare (too many open files): `survey` takes the stats itself
        try:
            pid = os.fork()
        except OSError:  # no process to spare (a limit reached): as above
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: stats and a pipe only; never returns into the build
            code = 1
            try:
                os.close(read)
                os.closerange(0, write)  # not the output's lock (output_lock.py), nor the caller's pipes
                os.closerange(write + 1, 1 << 16)
                answer = pickle.dumps(_surveyed(self.root, os.fspath(manifest), self.differs),
                                      protocol=pickle.HIGHEST_PROTOCOL)
                with open(write, "wb") as fh:
                    fh.write(answer)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self._ahead = (pid, read)

    def _collect(self):
        """survey_ahead's answer (waiting for it), or None when there is none to trust."""
        if self._ahead is None:
            return None
        pid, read = self._ahead
        self._ahead = None
        chunks, deadline = [], time.monotonic() + AHEAD_WAIT
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([read], [], [], left)[0]:
                    os.kill(pid, signal.SIGKILL)  # stuck: the stats are taken here instead
                    chunks = []
                    break
                chunk = os.read(read, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
        finally:
            os.close(read)
            _, status = os.waitpid(pid, 0)
        data = b"".join(chunks)
        if status != 0 or not data:
            return None
        try:
            answer = pickle.loads(data)
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError):
            return None
        return answer if isinstance(answer, tuple) and len(answer) == 2 and answer[0] is not None else None

    def cancel(self) -> None:
        """The build stopped before `survey`: the forked process is stopped and reaped, its answer dropped
        (not waited for: on a slow disk its stats could hold up a failing build's clean-up)."""
        if self._ahead is not None:
            pid, read = self._ahead
            self._ahead = None
            os.close(read)
            try:
                os.kill(pid, signal.SIGKILL)  # it writes nothing but its pipe: nothing to finish
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)

    def keep_many(self, rels: list, knowns: list, previous: str, each=None) -> list[bool]:
        """`keep` for many files at once (every unchanged file of a rebuild, ~44,500 at N = 5,000),
        `knowns` from the manifest `survey` was given: those it found intact are kept as they are;
        the others (in `differs`, or not as recorded) go through `keep`: linked from the live
        site when that one is still as published, else made again by the build. `each(f, jobs)`:
        f(job) for every job, in order (incremental.linked: on a few threads; a bundle the last
        build made again is ~1,000 links); by default one after another."""
        intact = self.intact
        if intact is None:
            self.survey(dict(zip(rels, knowns)))
            intact, self.intact = self.intact, None
        done = [rel in intact for rel in rels]
        rest = [j for j, ok in enumerate(done) if not ok]
        if rest:
            def keep(j: int) -> bool:
                return self.keep(rels[j], os.path.join(previous, rels[j]), knowns[j])
            for j, ok in zip(rest, (each or _one_by_one)(keep, rest)):
                done[j] = ok
        return done

    def clear(self, rel_dir: str) -> None:
        """A folder made again by another program (a Pagefind bundle): it writes into a new, empty one.
        A folder not wholly removed raises (the build fails, output/ untouched): what is left may
        be files shared with the live site, which that program would write into."""
        path = os.path.join(self.root, rel_dir)
        self._cleared.append(rel_dir.strip("/") + "/")
        if os.path.lexists(path):
            shutil.rmtree(path)

    def only(self, rel_dir: str, rels) -> None:
        """A reused folder (a search bundle): remove what the spare holds in it beyond `rels`.
        The spare's folders are as recorded, so what it holds there beyond the live site's files
        (`rels`, from its manifest) is in `differs`: no walk of the folder."""
        marker = rel_dir.strip("/") + "/"
        keep = set(rels)
        extra = [rel for rel, known in self.differs.items()
                 if known is not None and rel.startswith(marker) and rel not in keep]
        for rel in extra:
            try:
                os.unlink(os.path.join(self.root, rel))
            except (FileNotFoundError, NotADirectoryError):
                pass
        _remove_empty(self.root, {folder for folder in _ancestors(extra) if folder.startswith(marker)})

    def finish(self, live: dict, claimed, skip: str) -> int:
        """Delete every file of the spare this build did not make or reuse (`claimed`), except under
        `skip` (the theme's static files, which Pelican copied anew), then the folders left empty,
        deepest first. How many files were deleted."""
        stale = [rel for rel in self.files(live) if rel not in claimed and not rel.startswith(skip)]
        for rel in stale:
            try:
                os.unlink(os.path.join(self.root, rel))
            except (FileNotFoundError, NotADirectoryError):
                pass  # in a bundle made again, say
        _remove_empty(self.root, _ancestors(stale))
        return len(stale)


def _surveyed(root: str, manifest: str, differs: dict) -> tuple:
    """survey_ahead's answer, worked out in the forked process: (the manifest's stat, or None if it
    changed while read; the paths of its files outside `differs` whose file in `root` is not as
    it records). It imports nothing: a lock another thread held at the fork stays held here."""
    gc.disable()  # a short-lived process: nothing to collect
    before = _stat(Path(manifest))
    data = read_manifest(Path(manifest))
    sums = data.get("sums") if data is not None else None
    if before is None or before != _stat(Path(manifest)) or not isinstance(sums, dict):
        return None, []
    rels = [rel for rel in sums if rel not in differs]
    found = stats([root + os.sep + rel for rel in rels])
    return before, [rel for rel, st in zip(rels, found) if st is None or not same_file(st, sums[rel])]


def _one_by_one(f, jobs) -> list:
    return [f(job) for job in jobs]


def _replace_link(source: str, target: str) -> bool:
    """Link `source` at `target`, replacing the file there (never written into); a copy where the
    file system cannot link."""
    for _ in range(3):
        try:
            os.link(source, target)
            return True
        except FileExistsError:
            os.unlink(target)
        except FileNotFoundError:
            if not os.path.isfile(source):
                return False
            os.makedirs(os.path.dirname(target), exist_ok=True)
        except OSError:
            if not os.path.isfile(source):
                return False
            tmp = target + ".gongkai-tmp"
            shutil.copy2(source, tmp)
            os.replace(tmp, target)
            return True
    return False
