"""What the new site holds, file by file, checked before it may replace the live one.

The manifest (incremental.py) keeps, for every file of the output, [size, mtime_ns,
inode, sha1]: size and hash say what the file must be; mtime and inode let a later build
see, with one stat, that the file is still exactly what was hashed (a file rewritten or
cut short gets a new mtime or size), so only new files are read and hashed.

Python's writes report a full disk (the build stops with OSError); Pagefind does not: it
exits 0 with files cut short or empty. Its bundles are checked on their own
(search/bundle_check.py), and the build refuses a site written on a file system that is
left (nearly) full, where some program may have lost a write without saying so.
"""
from __future__ import annotations

import errno
import hashlib
import os
from bisect import bisect_left
from concurrent.futures import ThreadPoolExecutor
from stat import S_ISDIR

# Less free space than this after the build: a write may have been lost.
SPARE_BYTES = 64 * 1024
HASHERS = max(2, min(4, os.cpu_count() or 1))  # threads hashing new files (record)


class Damaged(Exception):
    """The new site is not what the build wrote; it must not be published."""


def file_hash(path: str) -> str:
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def same_file(st: os.stat_result, known) -> bool:
    """Whether a stat matches a manifest record [size, mtime_ns, inode, hash]."""
    return (isinstance(known, list) and len(known) == 4 and known[0] == st.st_size
            and known[1] == st.st_mtime_ns and known[2] == st.st_ino)


def stats(paths: list[str]) -> list:
    """os.stat of each path, None where there is none: one list comprehension (~2 µs a file),
    path by path only when one of them fails."""
    stat = os.stat
    try:
        return [stat(path) for path in paths]
    except (OSError, ValueError):
        return [_stat_or_none(path) for path in paths]


def _stat_or_none(path: str):
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None


def record(root: str, known: dict, linked: dict | None = None, folders: dict | None = None,
           listed: dict | None = None, hashed: dict | None = None) -> dict[str, list]:
    """[size, mtime_ns, inode, sha1] of every file under root, by relative path; a file whose
    stat matches `known` (the previous manifest: a reused, hard-linked file) keeps its hash.
    `linked`: the files this build linked from the previous output, each with its record as
    stat'ed just before (incremental.BuildCache.reuse_many): one still of that inode (which
    the folder listing gives without a stat) is taken as it is, no stat (0.15 s for the
    ~44,000 files of a rebuild at N = 5,000). New files are hashed on HASHERS threads (reading
    and SHA-1 release the GIL): ~580 MB after a cold build, the last step before the switch.
    `folders`, if given, gets each folder's mtime_ns by relative path ("" the top; spare.py
    tells a folder changed by hand by it).
    `listed` (the spare site's folders, {folder: mtime_ns} as checked when the build began:
    spare.matches): a folder whose mtime is still that holds exactly the files it held then
    (a file added, removed or renamed in it changes its mtime), and each of them the build left
    there is in `linked` (it wrote none in place, and deleted, through spare.finish, those it
    did not keep): its files are taken from `linked`, and it is not listed again (a rebuild
    writes into a few hundred of the ~13,000 folders at N = 5,000). Any other folder is listed.
    `hashed`: files this build made, with their record as read whole once written
    (incremental.BuildCache.noted): one whose stat is still that is not read again."""
    linked = linked or {}
    hashed = hashed or {}
    root = os.fspath(root)
    found: dict[str, list] = {}
    to_hash: list[tuple[str, str, os.stat_result]] = []
    if folders is None:
        folders = {}
    folders[""] = os.lstat(root).st_mtime_ns
    same, below, now = _unchanged(root, listed) if listed else (set(), {}, {})
    if same:  # the files of the folders not listed again, from `linked`
        for rel, kept in linked.items():
            if rel.rpartition("/")[0] in same:
                found[rel] = kept
    stack = [("", root)]
    while stack:
        rel_dir, folder = stack.pop()
        if rel_dir[:-1] in same:
            for sub in below.get(rel_dir[:-1], ()):
                stack.append((sub + "/", os.path.join(root, sub)))
                folders[sub] = now[sub]  # there: removing it would have changed its folder's mtime
            continue
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = rel_dir + entry.name
                if entry.is_dir(follow_symlinks=False):
                    stack.append((rel + "/", entry.path))
                    folders[rel] = entry.stat(follow_symlinks=False).st_mtime_ns
                    continue
                if not entry.is_file(follow_symlinks=False):
                    raise Damaged(f"{rel}: not a regular file")
                kept = linked.get(rel)
                if kept is not None and kept[2] == entry.inode():
                    found[rel] = kept
                    continue
                st = entry.stat(follow_symlinks=False)
                old = known.get(rel)
                if same_file(st, old):
                    found[rel] = [st.st_size, st.st_mtime_ns, st.st_ino, old[3]]
                elif same_file(st, hashed.get(rel)):
                    found[rel] = hashed[rel]
                else:
                    found[rel] = None  # its place in the manifest's order, hashed below
                    to_hash.append((rel, entry.path, st))
    for (rel, _, st), digest in zip(to_hash, _hashed([path for _, path, _ in to_hash])):
        found[rel] = [st.st_size, st.st_mtime_ns, st.st_ino, digest]
    return found


def _unchanged(root: str, listed: dict) -> tuple[set[str], dict[str, list[str]], dict[str, int]]:
    """(the folders of `listed` still a folder with their recorded mtime; for each of them, its
    subfolders on record; each folder's mtime now), one lstat a folder. The top folder is ""."""
    same, now = set(), {}
    for rel, mtime in listed.items():
        try:
            st = os.lstat(os.path.join(root, rel) if rel else root)
        except OSError:
            continue
        if S_ISDIR(st.st_mode):
            now[rel] = st.st_mtime_ns
            if st.st_mtime_ns == mtime:
                same.add(rel)
    below: dict[str, list[str]] = {}
    for rel in listed:
        if rel:
            parent = rel.rpartition("/")[0]
            if parent in same:
                below.setdefault(parent, []).append(rel)
                if rel not in now:  # gone, yet its folder's mtime is as recorded: list that folder
                    same.discard(parent)
    return same, below, now


def _hashed(paths: list[str]) -> list[str]:
    """file_hash of each path, in order, on HASHERS threads: one slice each, not a task per
    file (a thread pool's task costs ~15 µs, half a small file's hash)."""
    if len(paths) < 2 * HASHERS:
        return [file_hash(path) for path in paths]
    step = -(-len(paths) // HASHERS)
    with ThreadPoolExecutor(HASHERS, thread_name_prefix="gongkai-verify") as pool:
        parts = pool.map(lambda part: [file_hash(path) for path in part],
                         [paths[i:i + step] for i in range(0, len(paths), step)])
        return [digest for part in parts for digest in part]


def check(root: str, sums: dict[str, list], promised) -> None:
    """Raise Damaged unless every file the build said it made was found (a "x/" entry: a
    folder with files); OSError(ENOSPC) if the disk was left full."""
    missing = [rel for rel in promised if not rel.endswith("/") and rel not in sums]
    markers = [rel for rel in promised if rel.endswith("/")]
    if markers:  # each a range of the paths below their top folders, sorted (not a scan of every path each)
        tops = tuple({rel.split("/", 1)[0] + "/" for rel in markers})
        below = sorted(name for name in sums if name.startswith(tops))
        for rel in markers:
            at = bisect_left(below, rel)
            if at == len(below) or not below[at].startswith(rel):
                missing.append(rel)
    if missing:
        raise Damaged(f"{len(missing)} file(s) missing, e.g. {', '.join(sorted(missing)[:5])}")
    full_disk(root)


def full_disk(path: str) -> None:
    """OSError(ENOSPC) when the file system holding `path` has (almost) no room left."""
    st = os.statvfs(path)
    free = (st.f_bfree if os.geteuid() == 0 else st.f_bavail) * st.f_frsize
    if free < SPARE_BYTES:
        raise OSError(errno.ENOSPC, f"{os.strerror(errno.ENOSPC)} ({free} bytes left)", path)
