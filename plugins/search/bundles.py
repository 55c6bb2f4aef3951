"""The search index is one Pagefind bundle per year, so no build holds the whole archive at once.

A record goes into the bundle of the year of its date — the date results are
sorted by (a proposal's submission, a reply's date, an announcement's date);
records without a date go into "other". The bundles therefore cover disjoint
spans of dates, and newest-first over the whole archive is simply the bundles
newest first, each newest first: search.js merges them in that order without
loading any result's data (docs/search.md). Building one year at a time bounds
the Pagefind service's memory by the largest year, and an incremental build
indexes again only the years whose records changed.
"""
from __future__ import annotations

import json
from pathlib import Path

OTHER = "other"  # records without a date; their sort key is the oldest of all, so this bundle comes last


def group_of(record) -> str:
    """The bundle a record belongs to: the year of its date, or OTHER."""
    year = (record.date or "")[:4]
    return year if len(year) == 4 and year.isdigit() and year != "0000" else OTHER


def grouped(records) -> list[tuple[str, list]]:
    """[(group, its records in their given order)], newest year first, OTHER last."""
    groups: dict[str, list] = {}
    for record in records:
        groups.setdefault(group_of(record), []).append(record)
    return sorted(groups.items(), key=lambda item: (item[0] != OTHER, item[0]), reverse=True)


def page_count(bundle: Path) -> int:
    """Pages in a written bundle, as Pagefind recorded them (search.js weighs bundles by it)."""
    entry = json.loads((Path(bundle) / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(language.get("page_count", 0)) for language in entry.get("languages", {}).values())
