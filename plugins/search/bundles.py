"""The search index is one Pagefind bundle per year, so no build holds the whole archive at once.

A record goes into the bundle of the year of its date — the date results are
sorted by (a proposal's submission, a reply's date, an announcement's date);
records without a date go into "other". The bundles therefore cover disjoint
spans of dates, and newest-first over the whole archive is simply the bundles
newest first, each newest first: search.js merges them in that order without
loading any result's data (docs/search.md). Building one bundle at a time bounds
Pagefind's memory by the largest bundle (about 0.4 MiB per record), and an
incremental build indexes again only the years whose records changed. A year
with more than MAX_RECORDS records is cut into parts of consecutive dates
(2025-1 the older, 2025-2 the newer), so no bundle outgrows the memory budget.
"""
from __future__ import annotations

import json
from pathlib import Path

OTHER = "other"  # records without a date; their sort key is the oldest of all, so this bundle comes last
MAX_RECORDS = 1500  # per bundle: Pagefind then peaks near 600 MiB, the whole build under 1 GiB


def group_of(record) -> str:
    """The bundle a record belongs to: the year of its date, or OTHER."""
    year = (record.date or "")[:4]
    return year if len(year) == 4 and year.isdigit() and year != "0000" else OTHER


def grouped(records, limit: int = MAX_RECORDS) -> list[tuple[str, list]]:
    """[(bundle name, its records)], newest first, OTHER last; a year over `limit` records is cut in parts."""
    years: dict[str, list] = {}
    for record in records:
        years.setdefault(group_of(record), []).append(record)
    bundles = []
    for year, members in years.items():
        parts = [members] if year == OTHER else _parts(members, limit)
        bundles += [(year, members)] if len(parts) == 1 else [(f"{year}-{i}", p) for i, p in enumerate(parts, 1)]
    return sorted(bundles, key=lambda bundle: _age(bundle[0]), reverse=True)


def _age(name: str) -> tuple:
    return (0,) if name == OTHER else (1, *map(int, name.split("-")))


def _parts(records, limit: int) -> list[list]:
    """Records in date order, cut into about equal parts of `limit` or fewer; never between two equal dates."""
    if len(records) <= limit:
        return [records]
    ordered = sorted(records, key=lambda r: r.date)
    count = -(-len(ordered) // limit)
    parts, start = [], 0
    for k in range(1, count):
        cut = max(start + 1, round(len(ordered) * k / count))
        while cut < len(ordered) and ordered[cut].date == ordered[cut - 1].date:
            cut += 1  # keep a date in one part, so the parts' dates stay disjoint
        if cut >= len(ordered):
            break
        parts.append(ordered[start:cut])
        start = cut
    parts.append(ordered[start:])
    return parts


def _entry(bundle: Path) -> dict:
    return json.loads((Path(bundle) / "pagefind-entry.json").read_text(encoding="utf-8"))


def page_count(bundle: Path) -> int:
    """Pages in a written bundle, as Pagefind recorded them (search.js weighs bundles by it)."""
    return sum(int(language.get("page_count", 0)) for language in _entry(bundle).get("languages", {}).values())


def index_files(bundle: Path) -> dict:
    """What search.js needs to fetch a written bundle's first files before Pagefind asks for them.

    {"meta": the index's hash, "wasm": its WebAssembly's name}. The metadata file is
    pagefind.<meta>.pf_meta and the WebAssembly wasm.<wasm>.pagefind (Pagefind's names); the
    hash also tags the entry file's address (pagefind-entry.json?ts=<meta>, Pagefind's
    metaCacheTag), so the page can name all three in advance and the search page preloads
    them at once (docs/search.md). The bundles hold one index each (language "und").
    """
    languages = list(_entry(bundle).get("languages", {}).values())
    if len(languages) != 1:
        raise ValueError(f"{bundle}: {len(languages)} indexes, expected one")
    return {"meta": languages[0]["hash"], "wasm": languages[0].get("wasm") or "unknown"}
