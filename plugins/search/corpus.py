"""Records → a folder of tiny HTML files that Pagefind indexes in one call.

Pagefind's Python API answers one request per 0.1 s, so 20,000 awaited
add_custom_record calls would take over half an hour; one add_directory call
over files written here takes seconds (measured in docs/search.md).

Each file holds the tokenised text (tokens.index_text) in the body Pagefind
indexes, and the meta, filters and sort key outside it, so they are shown and
filtered on but never matched as body text. The file's path is the item's URL.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from disclosure import urls

from .pairs import add_text_pairs
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


def write_corpus(records, folder: Path, pairs: set | None = None) -> int:
    """One HTML file per record at <url>/index.html under folder, and the anchor; returns how many records.
    `pairs`, if given, gets the pairs of adjacent words of every record's text (pairs.py)."""
    folder = Path(folder)
    for record in records:
        text = index_text(record.fields, record.keys)
        if pairs is not None:
            add_text_pairs(pairs, text)
        path = folder / urls.output_file(record.url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(record_html(record, text), encoding="utf-8")
    anchor = folder / ANCHOR_PATH
    anchor.parent.mkdir(parents=True, exist_ok=True)
    anchor.write_text(anchor_html(), encoding="utf-8")
    return len(records)
