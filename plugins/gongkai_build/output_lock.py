"""One build at a time into one output folder.

Two builds into the same output used to race: each swapped in its own folder, and the
one that finished last won, even when it had started from older content. The lock is
an flock on `.<output name>.lock` beside the output: the kernel releases it when the
process holding it ends, however it ends, so a killed build never leaves it stuck.
A second build waits for the first (and for the removal of the site it replaced, which
holds the lock too), then builds from the content as it is by then.
"""
from __future__ import annotations

import fcntl
import os
import sys
from contextlib import contextmanager
from pathlib import Path


def lock_path(output: Path) -> Path:
    output = Path(output)
    return output.parent / f".{output.name}.lock"


@contextmanager
def held(output: Path, wait: bool = True):
    """Hold the output's lock for the body; yields the lock's file descriptor (see switch.remove_later).

    When another build holds it: says so (zh + en) and waits, or raises BlockingIOError if not `wait`.
    """
    path = lock_path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise
            print(f"另一个生成（或它对旧网站的清理）正在写入 {output}，等它结束后再生成…… / "
                  f"Another build (or the removal of the site it replaced) is writing to {output}; "
                  f"waiting for it to finish…", file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        os.close(fd)
