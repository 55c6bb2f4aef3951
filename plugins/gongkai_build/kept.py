"""A file of values kept between builds, keyed by a hash of what each is made from.

Rendered bodies, parsed front matter, open-data lines: a rebuild after one new
reply needs all of them and makes only a few new ones. Rewriting a 60–100 MB
file for those few would cost more than making them, so new values are
appended to it, and the file is rewritten (with only the values the build used)
once a quarter of what it holds is no longer used.

The file is a pickled {"salt", "values"} followed by appended {"values"}; a
different salt (other code or settings) reads as empty, and a file cut off
half-way keeps what was read before the cut. Values are only ever read from
files this program wrote.

A build after an entry stopped being public (withheld, summary only, or
deleted) saves with `purge`: the file is then rewritten without every value
this build did not use, so the entry's old text does not stay on disk.

Rendered bodies are kept the same way in a file of texts (load_texts, save_texts): only the keys
and where each text is are read when the build starts, the texts (with one read) once one is asked for.
"""
from __future__ import annotations

import io
import os
import pickle
from pathlib import Path


class Loaded(dict):
    """load()'s values; `whole` says the file was read to its end (appending after a cut-off
    tail would put values where load never reads them: save then rewrites the file)."""

    whole = False


def load(path: Path, salt: str, at_once: bool = False) -> dict:
    """`at_once`: the file read in one call first (a store read on a thread while another runs
    Python: each of the ~200 reads of 64 KB otherwise waits for the GIL; it costs the file's size
    in memory meanwhile)."""
    values = Loaded()
    try:
        with open(path, "rb") as raw:
            size = os.fstat(raw.fileno()).st_size
            fh = io.BytesIO(raw.read()) if at_once else raw
            head = pickle.load(fh)
            if not isinstance(head, dict) or head.get("salt") != salt:
                return Loaded()
            values.update(head.get("values", {}))
            while True:
                at = fh.tell()
                if at == size:
                    values.whole = True
                    break
                values.update(pickle.load(fh).get("values", {}))
    except Exception:  # missing, foreign, from other code or cut off: what was read so far is still right
        pass
    return values


def save(path: Path, salt: str, loaded: dict, used: dict, purge: bool = False) -> None:
    """Keep `used` for the next build; `loaded` is what load() returned at the start of this one.
    With `purge`, nothing this build did not use stays in the file. A value that cannot be
    pickled raises before anything is written (the file stays as it was)."""
    save_used(path, salt, loaded, used.keys(), used, purge)


def save_used(path: Path, salt: str, loaded: dict, keys, values: dict, purge: bool = False) -> None:
    """`save` of the values of `keys` (a set of keys, those not in `values` left out), without
    making that dict when the file is only appended to: a rebuild that used what it loaded
    (the next day: ~10,500 front matters and checks) appends nothing, and building the dict of
    every used value only to find that took ~0.05 s a store at N = 5,000."""
    keys, new, append = _appending(path, loaded, keys, values, purge)
    if append:
        if new:
            data = pickle.dumps({"values": {k: values[k] for k in new}}, protocol=pickle.HIGHEST_PROTOCOL)  # whole, before a byte is appended
            with open(path, "ab") as fh:
                fh.write(data)
        return
    used = {k: values[k] for k in keys}
    _write_anew(path, lambda fh: pickle.dump({"salt": salt, "values": used}, fh, protocol=pickle.HIGHEST_PROTOCOL))


def _appending(path: Path, loaded, keys, values, purge: bool) -> tuple[set, set, bool]:
    """(the used keys that have a value, the new ones among them, whether to append those to the
    file rather than rewrite it): appended while at most a quarter of what it holds is unused, and
    only to a file read whole under this salt (`loaded` holds its values: after another salt's
    header, or a cut-off tail, appended values would never be read back); never when purging."""
    keys = set(values.keys() & keys)
    new = keys - loaded.keys()
    unused = len(loaded) - (len(keys) - len(new))
    append = (len(loaded) > 0 and getattr(loaded, "whole", True) and path.exists() and unused * 4 <= len(keys)
              and not (purge and unused))
    return keys, new, append


def _write_anew(path: Path, write, buffering: int = -1) -> None:
    """The file written whole by `write(fh)` beside it, then moved into place: a failed write
    leaves the old file as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    try:
        with open(tmp, "wb", buffering=buffering) as fh:
            write(fh)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)


class Texts:
    """load_texts()'s values: the texts read from the file only once one is asked for (`get`), then
    all of them with one `os.pread`, not one read each: a read lets go of the GIL, and on one new
    reply the main thread asks for ~230 renders while the search job's thread runs Python, so each
    read waited up to the 5 ms switch interval to get it back (+0.6 s of the reply). The file stays
    open until then, so a later rewrite (os.replace) of the path does not change what it reads."""

    whole = False

    def __init__(self, fd: int | None = None, where: dict | None = None, size: int = 0):
        self._fd = fd
        self._where = where or {}  # key → (offset, length) of its UTF-8 bytes in the file
        self._size = size  # the file's bytes when its keys were read
        self._data: bytes | None = None

    def __del__(self):
        self._close()

    def _close(self) -> None:
        if self._fd is not None:
            try:
                os.close(self._fd)
            except OSError:
                pass
            self._fd = None

    def _read(self) -> bytes:
        if self._data is None:
            parts, at = [], 0
            while self._fd is not None and at < self._size:
                part = os.pread(self._fd, self._size - at, at)
                if not part:
                    break
                parts.append(part)
                at += len(part)
            self._data = b"".join(parts)
            self._close()
        return self._data

    def get(self, key: str, default=None):
        where = self._where.get(key)
        if where is None:
            return default
        start, length = where
        data = self._read()[start:start + length]
        if len(data) != length:  # not as written: not a value
            return default
        return data.decode("utf-8", "surrogatepass")

    def __getitem__(self, key: str) -> str:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key) -> bool:
        return key in self._where

    def keys(self):
        return self._where.keys()

    def __iter__(self):
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


def load_texts(path: Path, salt: str) -> Texts:
    """A file of texts (save_texts) under `salt`, as `load` reads one, but only the keys and
    where each text is are read now: a rebuild asks for few of the rendered bodies (the next day:
    two of 10,500; reading all 57 MB of them took 0.06–0.1 s of the main thread).

    The file is segments, each a pickled {"index": {key: (offset, length)}, "skip", "size"} (the
    first with the salt) followed by a pickle of `size` bytes of one bytes object, the texts in
    UTF-8 (`skip` bytes in, offsets from there): the whole file is a stream of pickles still."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return Texts()
    where: dict = {}
    whole, size = False, 0
    try:
        with open(os.dup(fd), "rb") as fh:
            size = os.fstat(fd).st_size
            first = True
            while True:
                at = fh.tell()
                if at == size:
                    whole = True
                    break
                head = pickle.load(fh)
                if first and (not isinstance(head, dict) or head.get("salt") != salt):
                    os.close(fd)
                    return Texts()
                first = False
                start = fh.tell()
                end = start + head["size"]
                if end > size:  # cut off in its texts
                    break
                fh.seek(end - 1)
                if fh.read(1) != pickle.STOP:  # not as written (a file extended before its data was)
                    break
                start += head["skip"]
                where.update({key: (start + offset, length) for key, (offset, length) in head["index"].items()})
    except Exception:  # cut off or foreign: what was read so far is still right
        pass
    texts = Texts(fd, where, size)
    texts.whole = whole
    return texts


_BUFFER = 1 << 20  # a few large writes, not one per ~5 KB text
_BYTES8 = b"\x80\x04\x8e"  # pickle protocol 4, BINBYTES8: one bytes object, its 8-byte length next


def _write_segment(fh, values: dict, salt: str | None) -> None:
    """One segment of a file of texts: its head (the index), then the texts' bytes as one pickled
    bytes object written part by part (~1× the texts in memory, not the 4× of joining and pickling)."""
    index, parts, offset = {}, [], 0
    for key, text in values.items():
        data = text.encode("utf-8", "surrogatepass")
        index[key] = (offset, len(data))
        offset += len(data)
        parts.append(data)
    head = {"index": index, "skip": len(_BYTES8) + 8, "size": len(_BYTES8) + 8 + offset + 1}
    if salt is not None:
        head["salt"] = salt
    fh.write(pickle.dumps(head, protocol=pickle.HIGHEST_PROTOCOL))
    fh.write(_BYTES8 + offset.to_bytes(8, "little"))
    for data in parts:
        fh.write(data)
    fh.write(pickle.STOP)


def save_texts(path: Path, salt: str, loaded: Texts, keys, values, purge: bool = False) -> None:
    """save_used for a file of texts (load_texts): `values` a mapping of every value this build may
    keep (those made in it and, read from the file, those `loaded`), `keys` those it used."""
    keys, new, append = _appending(path, loaded, keys, values, purge)
    if append:
        if new:  # a segment cut off by a kill is found so by its size or its last byte (load_texts)
            with open(path, "ab", buffering=_BUFFER) as fh:
                _write_segment(fh, {k: v for k in new if (v := values.get(k)) is not None}, None)
        return
    _write_anew(path, lambda fh: _write_segment(fh, {k: v for k in keys if (v := values.get(k)) is not None}, salt),
                _BUFFER)  # one no longer read: left out
