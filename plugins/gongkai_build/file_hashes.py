"""The hash of each file the build's key reads, kept with the stat it had, as git's index does.

Working out the key read every content file (80 MB at N = 5,000) on every build. Now a
file is read again only when its size, mtime, inode or ctime changed since it was hashed:
an edit that puts the size and mtime back (touch -d) still changes the ctime, and a file
replaced by another gets a new inode.

Racy files (git's "racily clean" entries): on a file system whose clock is coarse, a file
written again within the same tick as it was hashed keeps every one of those values. So a
hash is trusted only for a file whose mtime and ctime were at least RACY_NS older than the
clock when it was read; a younger one is read again next time (then it is old enough).

Stored beside the output's other caches (gongkai_build.cache_dir_for); losing the file only
costs one full read. Hashes are of files on this machine: the store holds no content text,
and files are named by a hash of their path, not the path: the name of a withheld reply's
attachment (secret-letter.pdf) must not sit beside the output either.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import time
from pathlib import Path

RACY_NS = 2_000_000_000  # two seconds: FAT's granularity, the coarsest in use; a network clock a little off
FORMAT = 2  # 2: files named by a hash of their path


class FileHashes:
    """sha1(path) → ((size, mtime_ns, inode, ctime_ns), token, trusted) of each file hashed."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.old: dict[str, tuple] = self._load()
        self.new: dict[str, tuple] = {}
        self.by_path: dict[str, tuple] = {}  # the same entries by the path as hashed (in memory only: digest_of)
        self.changed = False

    def _load(self) -> dict:
        if self.path is None:
            return {}
        try:
            with open(self.path, "rb") as fh:
                data = pickle.load(fh)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError, AttributeError, ImportError):
            return {}
        return data["files"] if isinstance(data, dict) and data.get("format") == FORMAT else {}

    def token(self, original: str, st: os.stat_result, make) -> bytes:
        """What `make(original, st)` returns for the file at `original` whose lstat is `st`: kept from the last
        time, when the stat is the same and was trusted, else made (the file read) and kept."""
        stamp = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
        path = _name(original)
        known = self.new.get(path) or self.old.get(path)
        if known is not None and known[0] == stamp and known[2]:
            self.new[path] = self.by_path[original] = known
            return known[1]
        now = time.time_ns()  # before the read: anything written after it is younger than this
        made = make(original, st)
        entry = (stamp, made, max(st.st_mtime_ns, st.st_ctime_ns) < now - RACY_NS)
        if entry != known:
            self.changed = True
        self.new[path] = self.by_path[original] = entry
        return made

    def digest_of(self, path) -> str | None:
        """The sha1 (hex) of the bytes of the regular file at `path` as this build hashed them
        (token, for the build's key), or None: not hashed by this build (a link, a file over the
        content cap, one outside the folders hashed). The loader then need not read it again."""
        known = self.by_path.get(os.fspath(path))  # the loader's path, as hashed: no abspath and SHA-1 of it
        if known is None:
            known = self.new.get(_name(os.path.abspath(path)))
        return known[1].hex() if known is not None and len(known[1]) == 20 else None

    def save(self) -> None:
        """Keep the hashes of the files read for this key (a deleted file's is dropped): call it
        once a whole key was worked out, or the files not read yet would be dropped too."""
        if self.path is None or not (self.changed or set(self.new) != set(self.old)):
            return
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as fh:
                pickle.dump({"format": FORMAT, "files": self.new}, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:  # a full disk, say: the next build reads the files again, nothing worse
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
            return
        self.old, self.changed = dict(self.new), False


def _name(path: str) -> bytes:
    """How the store names a file: its path's digest (a content file's name may be private)."""
    return hashlib.sha1(os.fsencode(path)).digest()
