"""A new file made of byte ranges of another file and new bytes, copied by the kernel.

A rebuild after one new reply changes one line of each ~30–60 MB open-data collection: the
rest is the previous build's file, byte for byte. Copying those ranges with copy_file_range
keeps the data out of this process (no 100 MB of kept lines loaded, joined and written
again). The source must be a file the manifest vouches for (stat as published: the caller
checks); the copy is checked to be as long as planned, and the writer still makes a new
file, never one written in place (writer.py).
"""
from __future__ import annotations

import errno
import os

# copy_file_range refuses (another file system, an old kernel, a file system without it): read and write
_CANNOT = {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EBADF, errno.EPERM}
CHUNK = 1 << 20


class Spliced:
    """The file `source`'s ranges (offset, length) and new bytes, in order (`pieces`)."""

    def __init__(self, source: str, pieces: list):
        self.source = source
        self.pieces = pieces
        self.size = sum(len(p) if isinstance(p, bytes) else p[1] for p in pieces)

    def write_to(self, fh) -> None:
        """Write the pieces into the new file `fh` (opened "xb", nothing written yet)."""
        fh.flush()
        out = fh.fileno()
        with open(self.source, "rb") as src:
            kernel = True
            for piece in self.pieces:
                if isinstance(piece, bytes):
                    _write_all(out, piece)
                    continue
                offset, length = piece
                if kernel:
                    offset, length, kernel = _copy_range(src.fileno(), out, offset, length)
                if length:
                    _read_write(src.fileno(), out, offset, length)
        written = os.fstat(out).st_size
        if written != self.size:
            raise OSError(errno.EIO, f"{written} bytes written of {self.size} (its source {self.source} cut short?)")


def _copy_range(src: int, out: int, offset: int, length: int) -> tuple[int, int, bool]:
    """copy_file_range until `length` bytes are copied: (offset, length) of what is left, and whether
    the kernel may be asked again. It stops at a refusal or a copy of 0 bytes (some file systems
    answer so where they cannot): the rest is read and written from there, never again from the
    start (which would write the bytes already copied twice); a source truly cut short fails there."""
    while length:
        try:
            done = os.copy_file_range(src, out, length, offset)
        except OSError as err:
            if err.errno not in _CANNOT:
                raise
            return offset, length, False
        if done == 0:
            return offset, length, False
        offset, length = offset + done, length - done
    return offset, length, True


def _read_write(src: int, out: int, offset: int, length: int) -> None:
    while length:
        data = os.pread(src, min(length, CHUNK), offset)
        if not data:
            raise OSError(errno.EIO, "the source file ended before the range to copy")
        _write_all(out, data)
        offset, length = offset + len(data), length - len(data)


def _write_all(out: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(out, view):]
