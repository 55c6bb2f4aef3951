"""What the search index holds: one record per item page, built from the core.

disclosure/search_records.py makes each record (withheld text never reaches it, docs/search.md);
this module lists the items of every kind (kinds.Kind.search_record) in a stable order.
"""
from __future__ import annotations

from dataclasses import dataclass

from disclosure import labels as L
from disclosure.search_records import Record


@dataclass
class Item:
    """An item page before its record is made: enough to put it in its bundle (bundles.py)."""
    kind: str
    entry: object
    date: str  # the record's date, the sort key

    def record(self, site) -> Record:
        return site.kinds.named(self.kind).search_record(site, self.entry)


def _iso(day) -> str:
    return day.isoformat() if day else ""


def all_items(site) -> list[Item]:
    """Every item page of the site, in a stable order (that of all_records): kind by kind, by id."""
    return [Item(kind.name, e, _iso(kind.date(e)))
            for kind in site.kinds for e in sorted(site.entries_of(kind).values(), key=lambda e: e.id)]


def item_digest(digests, item) -> str:
    """Everything the item's record is made from (its proposal's story, or the announcement's),
    dated by the horizon: a record shows no day count (digest.Digests.record)."""
    return digests.record(item.entry)


def records_of(site, items) -> list[Record]:
    return [item.record(site) for item in items]


def all_records(site) -> list[Record]:
    """Every item page of the site, in a stable order."""
    return records_of(site, all_items(site))


def filter_choices(site) -> dict[str, list[str]]:
    """Every value each filter can take, in the order the search page lists them: the years are those
    the items of every kind are filtered by (kinds.Kind.year_of), newest first."""
    years = sorted({year for kind in site.kinds for e in site.entries_of(kind).values()
                    for year in [kind.year_of(site, e)] if year}, reverse=True)
    return {
        "kind": [kind.label for kind in site.kinds],
        "status": list(L.STATUS.labels.values()),
        "category": [t.name for t in site.vocab.categories],
        "unit": [u.name for u in site.vocab.units],
        "year": [str(y) for y in years],
    }
