"""Scratch folders for Pagefind's corpus, in memory (tmpfs), that no killed build leaves behind.

A corpus is a year's records written as files (12-20 MB at N = 5,000) into /dev/shm, which is
RAM until the machine restarts. A build that ends normally, fails or is interrupted (Ctrl-C)
removes its folders itself; a build killed outright (SIGKILL, the OOM killer, a CI job cancelled
with SIGTERM) cannot. So each folder holds a lock file that its build keeps locked (flock) while
the folder is in use; the kernel lets go of the lock when the process dies, however it dies. Every
new scratch folder first removes the folders of its kind whose lock is free: their builds are
gone. A folder is only looked at once it is a minute old, so one just made (its lock not yet
taken) is never removed.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; folders are not swept there
    fcntl = None

PREFIX = "gongkai-search-"
OWNER = "owner.lock"
SETTLED = 60.0  # seconds: older than the moment between making a folder and locking it


class Scratch:
    """A folder of our own under `base`, locked while this object holds it; `remove()` ends it."""

    def __init__(self, base: str | None):
        sweep(Path(base or tempfile.gettempdir()))
        self.path = Path(tempfile.mkdtemp(prefix=PREFIX, dir=base))
        self._lock = None
        if fcntl is not None:
            self._lock = os.open(self.path / OWNER, os.O_CREAT | os.O_RDWR | os.O_CLOEXEC, 0o600)
            fcntl.flock(self._lock, fcntl.LOCK_EX)

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def _abandoned(folder: Path, now: float) -> bool:
    """Whether `folder` is a scratch folder whose build is gone: settled, and its lock free (or never taken)."""
    try:
        if now - folder.stat().st_mtime < SETTLED:
            return False
        fd = os.open(folder / OWNER, os.O_RDWR | os.O_CLOEXEC)
    except FileNotFoundError:
        return True  # settled and never locked: its build died before it could lock it
    except OSError:
        return False  # not ours to judge (another user's, unreadable)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False  # its build still holds it
    finally:
        os.close(fd)


def sweep(base: Path) -> list[Path]:
    """Remove the scratch folders under `base` that killed builds left; returns them."""
    if fcntl is None:
        return []
    now = time.time()
    try:
        found = [Path(e.path) for e in os.scandir(base)
                 if e.name.startswith(PREFIX) and e.is_dir(follow_symlinks=False)]
    except OSError:
        return []
    gone = [folder for folder in found if _abandoned(folder, now)]
    for folder in gone:
        shutil.rmtree(folder, ignore_errors=True)
    return gone
