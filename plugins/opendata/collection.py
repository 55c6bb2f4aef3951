"""A kind's JSON collection (data/proposals.json, ~60 MB at N = 5,000) made again from the
previous build's file: its unchanged lines are byte ranges of that file, copied by the kernel
(gongkai_build/spliced.py); only new and changed items' lines are made in this process.

The file is json_lines_bytes's: "[\\n", each item's line followed by ",\\n" (the last by
"\\n]\\n"); "[]\\n" when empty. Its layout (each item's content hash and line length, in
order) is kept by the file's fingerprint ("layouts" store): the next build finds each line
it can reuse at its offset. It holds hashes and numbers only, no text of any entry.
"""
from __future__ import annotations

import hashlib
import os

from gongkai_build.spliced import Spliced
from gongkai_build.verify import same_file

EMPTY, OPEN, COMMA, CLOSE = FRAME = b"[]\n", b"[\n", b",\n", b"\n]\n"  # generator.json_lines's framing


def content_hash(exported: tuple) -> str:
    """The hash of all an item's open data shows (its JSON line, CSV row and line, sheet row):
    files and twins made from items are keyed by it, so an item made again with the same
    bytes (the next day: its date horizon moved, nothing it shows did) changes no file."""
    return hashlib.sha1(repr(exported).encode("utf-8")).hexdigest()


class Previous:
    """The previous build's collection file, when the manifest vouches for it (its stat as
    published, verify.py) and its layout was kept; else nothing can be copied from it."""

    def __init__(self, path: str | None = None, old_layout=None):
        self.path = path
        self.layout = old_layout if path is not None else None
        self._at = None

    @classmethod
    def of(cls, cache, rel: str, layouts) -> "Previous":
        """The file `rel` of the live output the build cache `cache` read, with its layout from `layouts`."""
        fp = getattr(cache, "old", {}).get(rel)
        old_layout = layouts.old.get(fp) if fp else None
        if old_layout is None:
            return cls()
        path = os.path.join(cache.previous, rel)
        try:
            intact = same_file(os.stat(path), cache.sums.get(rel))
        except OSError:
            intact = False
        return cls(path, old_layout) if intact else cls()

    def at(self) -> dict[str, tuple[int, int, bool]]:
        """content hash → (offset, length, whether it is the last line) of each of its lines."""
        if self._at is None:
            self._at, offset = {}, len(OPEN)
            last = len(self.layout or ()) - 1
            for k, (digest, length) in enumerate(self.layout or ()):
                self._at.setdefault(digest, (offset, length, k == last))
                offset += length + len(COMMA)
        return self._at

    def line(self, digest: str, length: int) -> bytes | None:
        """The line of the item with this content hash, read from the file (None if it has none)."""
        found = self.at().get(digest)
        if found is None or found[1] != length:
            return None
        with open(self.path, "rb") as fh:
            data = os.pread(fh.fileno(), length, found[0])
        return data if len(data) == length else None


def spliced(previous: Previous, items, line_of) -> Spliced | bytes:
    """The collection of `items` ((content hash, line length) in order): each line the previous
    file holds is a range of it, any other is line_of(index)."""
    if not items:
        return EMPTY
    at = previous.at()
    pieces: list = []

    def copy(offset, length):
        last = pieces[-1] if pieces else None
        if isinstance(last, list) and last[0] + last[1] == offset:
            last[1] += length
        else:
            pieces.append([offset, length])

    new = pieces.append
    if at:
        copy(0, len(OPEN))
    else:
        new(OPEN)
    end = len(items) - 1
    for i, (digest, length) in enumerate(items):
        found = at.get(digest)
        if found is not None and found[1] == length:
            offset, _, was_last = found
            copy(offset, length)
            if i == end and was_last:
                copy(offset + length, len(CLOSE))
            elif i < end and not was_last:
                copy(offset + length, len(COMMA))
            else:
                new(CLOSE if i == end else COMMA)
        else:
            new(line_of(i))
            new(CLOSE if i == end else COMMA)
    if not at:
        return pieces  # nothing to copy: the lines, written one after another (writer.py)
    return Spliced(previous.path, [p if isinstance(p, bytes) else tuple(p) for p in pieces])
