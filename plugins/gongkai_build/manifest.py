"""The manifest file: what the last build into an output made, from what, and each file's sums.

Written once a build (incremental.BuildCache.save) and read by the next one before it can
reuse anything. At N = 5,000 it holds ~45,000 paths with their fingerprints, sums and named
inputs: as JSON, parsing and writing it took ~0.25 s of every rebuild; marshal (Python's own
format for plain dicts, lists and strings) reads it about 2.5 times and writes it about 3 times
as fast. Only this program writes the file, beside the output (never in it); anything that
cannot be read as a dict (missing, cut off, written by another Python) reads as None: the
next build then starts as if there were no manifest.
"""
from __future__ import annotations

import marshal
import os
from pathlib import Path

NAME = "manifest.marshal"  # in the output's cache folder (gongkai_build.cache_dir_for)
OLD_NAME = "manifest.json"  # what builds before wrote: removed with the first manifest written now


def read(path: Path) -> dict | None:
    """The manifest at `path`, or None when there is none that can be read."""
    try:
        with open(path, "rb") as fh:
            data = marshal.loads(fh.read())  # marshal.load(fh) reads through a method call per value: 5x slower
    except Exception:  # noqa: BLE001 - damaged bytes raise more than ValueError (a list claiming 2**31
        return None    # items: MemoryError); a damaged manifest means a cold build, never every build failing
    return data if isinstance(data, dict) else None


def write(path: Path, data: dict) -> None:
    """Replace the manifest at `path` in one step (a build stopped half-way leaves the old one or none)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        marshal.dump(data, fh)
    os.replace(tmp, path)
    try:
        os.unlink(path.with_name(OLD_NAME))  # it named the outputs of a site no longer there
    except FileNotFoundError:
        pass
