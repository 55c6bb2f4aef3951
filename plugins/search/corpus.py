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
    pairs: str  # its pairs of adjacent words, "园 光" one a line (pairs.text_pairs)
    own: tuple[str, ...]  # the ASCII runs of its own fields (own_ascii.own_runs)


def corpus_file(record) -> CorpusFile:
    text = index_text(record.fields, record.keys)
    return CorpusFile(urls.output_file(record.url), record_html(record, text).encode("utf-8"),
                      "\n".join(text_pairs(text)), own_runs(record))


def write_corpus(files, folder: Path) -> int:
    """Each CorpusFile at its path under folder, and the anchor; returns how many records.

    Plain os calls, each folder made once: a year's ~1,050 files are written on a thread while the
    main thread runs Python, and every call that lets go of the GIL waits to get it back (pathlib's
    mkdir and write_bytes cost twice the calls)."""
    folder = os.fspath(folder)
    made: set[str] = set()
    for path, data in [*((f.path, f.html) for f in files), (ANCHOR_PATH, anchor_html().encode("utf-8"))]:
        parent = os.path.dirname(path)
        if parent not in made:
            os.makedirs(os.path.join(folder, parent), exist_ok=True)
            made.add(parent)
        fd = os.open(os.path.join(folder, path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
    return len(files)
