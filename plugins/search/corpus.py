"""Records → a folder of tiny HTML files that Pagefind indexes in one call.

Pagefind's Python API answers one request per 0.1 s, so 20,000 awaited
add_custom_record calls would take over half an hour; one add_directory call
over files written here takes seconds (measured in docs/search.md).

Each file holds the tokenised text (tokens.index_text) in the body Pagefind
indexes, and the meta, filters and sort key outside it, so they are shown and
filtered on but never matched as body text. The file's path is the item's URL.
A record's file is made once (corpus_file) with what the bundle needs beside it (its pairs
of adjacent words, the ASCII runs of its own fields), so a rebuild can keep it
(kept_corpus.py) and tokenise only the records that changed.
"""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import NamedTuple

from disclosure import urls

from .own_ascii import own_runs
from .pairs import text_pairs
from .tokens import index_text

# Not a language Pagefind stems or segments: the text is already cut into tokens.
LANGUAGE = "und"

# One extra page per bundle that sorts before every record and that no query can find.
# Sorted by date, Pagefind scores each result by its place in the bundle's date order
# (0 = oldest page); search.js weighs the bundles by those places to merge them newest
# first, and a place of 0 would weigh nothing, so no result may have it. Its only word
# is several letters long, and a query is a phrase of one-character tokens and u-codes.
ANCHOR_PATH = "pagefind-order-anchor/index.html"
ANCHOR_SORT = "!"  # before "0000-00-00" and every ISO date
ANCHOR_WORD = "orderanchor"
NO_DATE = "0000-00-00"  # the sort key of a record without a date: the oldest


def _one_line(value: str) -> str:
    return re.sub(r"\s+", " ", value or "").strip()


def record_html(record, text: str | None = None) -> str:
    """A record's file; `text` is its index_text, if already made."""
    esc = html.escape
    lines = [f'<!DOCTYPE html><html lang="{LANGUAGE}"><head><meta charset="utf-8"><title>-</title></head><body>']
    for key, value in record.meta.items():
        lines.append(f'<p data-pagefind-meta="{esc(key)}">{esc(_one_line(value))}</p>')
    for key, values in record.filters.items():
        for value in values:
            lines.append(f'<p data-pagefind-filter="{esc(key)}">{esc(_one_line(value))}</p>')
    lines.append(f'<p data-pagefind-sort="date">{esc(record.date or NO_DATE)}</p>')
    if text is None:
        text = index_text(record.fields, record.keys)
    lines.append(f"<div data-pagefind-body>{esc(text)}</div>")
    lines.append("</body></html>\n")
    return "\n".join(lines)


def anchor_html() -> str:
    return (f'<!DOCTYPE html><html lang="{LANGUAGE}"><head><meta charset="utf-8"><title>-</title></head><body>\n'
            f'<p data-pagefind-sort="date">{ANCHOR_SORT}</p>\n<div data-pagefind-body>{ANCHOR_WORD}</div>\n'
            '</body></html>\n')


class CorpusFile(NamedTuple):
    """A record as its bundle needs it: its file for Pagefind and what is written beside the bundle."""
    path: str  # under the corpus folder: the item's URL as a file (urls.output_file)
    html: bytes  # record_html, UTF-8
    pairs: str | Unpaired  # its pairs of adjacent words, "园 光" one a line (pairs.text_pairs): pairs_of
    own: tuple[str, ...]  # the ASCII runs of its own fields (own_ascii.own_runs)


class Unpaired:
    """A CorpusFile's pairs, made only when first asked for (pairs_of): a bundle needs them once
    Pagefind has started, and making them (~40 % of a record's file) before its corpus is written
    delayed every Pagefind, the first one most (the chain's start)."""
    __slots__ = ("_text", "_made")

    def __init__(self, text: str):
        self._text, self._made = text, None

    def made(self) -> str:
        text = self._text  # read before the pairs: the text is let go only once they are kept, so a
        made = self._made  # caller on another thread finds one or the other
        if made is None:
            made = self._made = "\n".join(text_pairs(text))
            self._text = None
        return made


def pairs_of(made: CorpusFile) -> str:
    """Its pairs, "园 光" one a line."""
    return made.pairs if isinstance(made.pairs, str) else made.pairs.made()


def corpus_file(record) -> CorpusFile:
    """The record's CorpusFile; its pairs are made when pairs_of first asks for them."""
    text = index_text(record.fields, record.keys)
    return CorpusFile(urls.output_file(record.url), record_html(record, text).encode("utf-8"),
                      Unpaired(text), own_runs(record))


def write_corpus(files, folder: Path) -> int:
    """Each CorpusFile at its path under folder, and the anchor; returns how many records.

    A year's ~1,050 files are written on a thread while the main thread runs Python, and a
    thread that lets go of the GIL for each of its ~4,000 system calls waits to get it back
    (up to the 5 ms switch interval each time: 1.1–1.6 s for a year on one new reply). So the
    files go into one tar archive in memory, written with one call and unpacked by `tar`, which
    makes the folders and files in the archive's order, the order written here, on which
    Pagefind's output depends (it lists each folder in the order the file system gives, and
    tmpfs gives the order of creation). Without `tar`, each file is written from here."""
    entries = [*((f.path, f.html) for f in files), (ANCHOR_PATH, anchor_html().encode("utf-8"))]
    folder = os.fspath(folder)
    tar = shutil.which("tar")
    if tar is None:
        _write_each(entries, folder)
    else:
        _unpacked(entries, folder, tar)
    return len(files)


def _folders_first(entries):
    """(path, bytes or None for a folder) in the order os.makedirs then a write would make them:
    each file's missing folders, outermost first, just before the file."""
    made: set[str] = {""}
    for path, data in entries:
        if os.path.isabs(path) or ".." in path.split("/"):
            raise ValueError(f"not a path inside the search corpus: {path!r}")
        parent = os.path.dirname(path)
        missing = []
        while parent not in made:
            missing.append(parent)
            made.add(parent)
            parent = os.path.dirname(parent)
        yield from ((name, None) for name in reversed(missing))
        yield path, data


def _tar_bytes(entries) -> bytes:
    """A GNU tar archive of the entries, in their order."""
    parts = []
    for name, data in _folders_first(entries):
        info = tarfile.TarInfo(name)
        if data is None:
            info.type, info.mode = tarfile.DIRTYPE, 0o755
        else:
            info.size, info.mode = len(data), 0o644
        parts.append(info.tobuf(tarfile.GNU_FORMAT, "utf-8", "surrogateescape"))
        if data:
            parts += (data, bytes(-len(data) % tarfile.BLOCKSIZE))
    parts.append(bytes(2 * tarfile.BLOCKSIZE))
    return b"".join(parts)


def _unpacked(entries, folder: str, tar: str) -> None:
    os.makedirs(folder, exist_ok=True)
    archive = folder.rstrip(os.sep) + ".tar"
    said_path = folder.rstrip(os.sep) + ".tar-said"
    try:
        _write_file(archive, _tar_bytes(entries))
        # a file, not a pipe, for what tar says: a page worker forked meanwhile would hold a pipe open;
        # "./name" from its folder: GNU tar takes a name with a colon before any slash for a remote host
        with open(said_path, "w+b") as said:
            code = subprocess.run([tar, "-x", "-m", "--no-same-owner", "-f", "./" + os.path.basename(archive),
                                   "-C", os.path.abspath(folder)], cwd=os.path.dirname(os.path.abspath(archive)),
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=said).returncode
            if code != 0:
                said.seek(0)
                told = said.read().decode("utf-8", "replace")[-2000:]
                raise OSError(f"tar could not write the search corpus into {folder} ({code}): {told}")
    finally:
        for made in (archive, said_path):
            try:
                os.unlink(made)
            except FileNotFoundError:
                pass


def _write_each(entries, folder: str) -> None:
    """Plain os calls, in _folders_first's order, as tar makes them."""
    os.makedirs(folder, exist_ok=True)
    for name, data in _folders_first(entries):
        if data is None:
            os.mkdir(os.path.join(folder, name))
        else:
            _write_file(os.path.join(folder, name), data)


def _write_file(path: str, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)
