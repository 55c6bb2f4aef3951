"""Make Pagefind's bundle byte-identical from one build to the next.

Pagefind (1.5) writes its filter indexes and the list of filters in the
metadata file in hash-map order, which changes on every run (its fragments and
word indexes are already stable). Two builds of the same content must be
identical, so published changes are exactly content changes: this sorts those
lists, then renames the rewritten files by their new content and points the
metadata file and pagefind-entry.json at the new names. Nothing else changes;
the search reads the same data.

The files are gzip("pagefind_dcd" + CBOR); the CBOR here only uses integers,
strings, arrays and maps, which this module reads and writes (shortest form,
as Pagefind does).
"""
from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


class Unsupported(ValueError):
    pass


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for code, fmt, limit in ((24, ">B", 0xFF), (25, ">H", 0xFFFF), (26, ">I", 0xFFFFFFFF), (27, ">Q", 2 ** 64 - 1)):
        if n <= limit:
            return bytes([major << 5 | code]) + struct.pack(fmt, n)
    raise Unsupported("integer too large")


def encode(value) -> bytes:
    if isinstance(value, bool) or value is None:
        return bytes([0xF5 if value is True else 0xF4 if value is False else 0xF6])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value.items())
    raise Unsupported(type(value).__name__)


def decode(data: bytes):
    value, end = _decode(data, 0)
    if end != len(data):
        raise Unsupported("trailing bytes")
    return value


def _decode(data: bytes, i: int):
    first = data[i]
    major, info = first >> 5, first & 31
    i += 1
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if info not in simple:
            raise Unsupported("float or simple value")
        return simple[info], i
    if info < 24:
        n = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        n = int.from_bytes(data[i:i + size], "big")
        i += size
    else:
        raise Unsupported("indefinite length")
    if major == 0:
        return n, i
    if major == 1:
        return -1 - n, i
    if major in (2, 3):
        raw = data[i:i + n]
        return (raw if major == 2 else raw.decode("utf-8")), i + n
    if major == 4:
        items = []
        for _ in range(n):
            item, i = _decode(data, i)
            items.append(item)
        return items, i
    if major == 5:
        mapping = {}
        for _ in range(n):
            key, i = _decode(data, i)
            mapping[key], i = _decode(data, i)
        return mapping, i
    raise Unsupported(f"major type {major}")


def read(path: Path):
    try:
        raw = gzip.decompress(path.read_bytes())
        if not raw.startswith(SIGNATURE):
            raise Unsupported(f"{path.name}: not a Pagefind file")
        return decode(raw[len(SIGNATURE):])
    except (OSError, EOFError, IndexError, UnicodeDecodeError) as error:
        raise Unsupported(f"{path.name}: {error}") from error


def rewrite(path: Path, old_hash: str, value) -> tuple[str, Path]:
    """Write value where path was, named by its content's hash as Pagefind names files; (hash, new path)."""
    payload = SIGNATURE + encode(value)
    lang, digest = old_hash.split("_", 1)
    new_hash = f"{lang}_{hashlib.sha256(payload).hexdigest()[:len(digest)]}"
    new_path = path.with_name(path.name.replace(old_hash, new_hash))
    data = gzip.compress(payload, compresslevel=9, mtime=0)
    path.unlink()
    new_path.write_bytes(data)
    return new_hash, new_path


def stabilise(bundle: Path) -> None:
    """Sort the filter indexes and the metadata's filter list of every language in a bundle."""
    bundle = Path(bundle)
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise Unsupported(f"{entry_path.name}: {error}") from error
    for language in entry.get("languages", {}).values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = read(meta_path)
        if not (isinstance(meta, list) and len(meta) > 3 and isinstance(meta[0], str)
                and all(isinstance(f, list) and len(f) == 2 for f in meta[3])):
            raise Unsupported("unexpected metadata layout")
        # Read everything before writing anything: an unknown layout leaves the bundle untouched.
        paths = [(name, old, bundle / "filter" / f"{old}.pf_filter") for name, old in meta[3]]
        contents = [read(path) for _, _, path in paths]
        filters = []
        for (name, old, path), (fname, values) in zip(paths, contents):
            new, _ = rewrite(path, old, [fname, sorted(values, key=lambda v: v[0])])
            filters.append([name, new])
        meta[3] = sorted(filters)
        language["hash"], _ = rewrite(meta_path, language["hash"], meta)
    fresh = entry_path.with_name(entry_path.name + ".new")  # a new file, never writing through a hard link
    fresh.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    fresh.replace(entry_path)
