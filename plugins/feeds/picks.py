"""Which news items each feed shows, picked from facts kept between builds; the items
themselves are made only for the feeds that are written.

A site, unit or category feed shows the newest items across every entry, so picking them
needed every entry's items (~27,500 at N = 5,000, 4 s under load) on every build, though a
rebuild after one new reply writes a handful of feeds and reuses the rest. Picking needs of
an item only its id, dates, kind, proposal, units and category: those facts are kept for each
entry by the hash of what its items are made from (Digests.news, with code, settings and
site.yaml), in the build store "news" (incremental.Memo). Titles, text and attachments are
made (news.py, each kind's feed_items) only for entries shown in a feed that is written.
The kept facts hold no words of an entry, and a build that purges (disclosure/withdrawn.py)
drops every fact it did not use, as it does every kept value.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Pick:
    """What choosing an item for a feed reads of it (feed_specs, news.newest_first, the feed's hash)."""
    id: str
    published: object
    updated: object
    kind: str
    proposal_id: str
    units: tuple
    category: str
    entry: object
    index: int  # its place among its entry's items (two items may share an id)


def facts(item) -> tuple:
    return (item.id, item.published, item.updated, item.kind, item.proposal_id, tuple(item.units), item.category)


class NewsItems:
    """Every entry's picks for this build, and its full news items on demand (once per entry)."""

    def __init__(self, site, history, digests, memo):
        self.site, self.history, self.digests, self.memo = site, history, digests, memo
        self._items: dict[int, list] = {}  # id(entry) → its NewsItems, made in this build

    def picks(self) -> list[Pick]:
        """Each kind's items (kinds.Kind.feed_items) as picks, in the registry's order."""
        site, d, out = self.site, self.digests, []
        for kind in site.kinds:
            if kind.feed_items is None:
                continue
            for entry in site.entries_of(kind).values():
                key = d.of("news items", d.news(entry)) if d else None
                kept = self.memo.get(key, lambda kind=kind, entry=entry: [facts(i) for i in self._make(kind, entry)])
                for index, f in enumerate(kept):
                    out.append(Pick(*f, entry, index))
        return out

    def _make(self, kind, entry) -> list:
        made = self._items.get(id(entry))
        if made is None:
            made = list(kind.feed_items(self.site, entry, self.history))
            for item in made:
                item.entry = entry  # a feed finds what the item is made from by it, not by its URL
            self._items[id(entry)] = made
        return made

    def full(self, picks) -> list:
        """The news items these picks stand for, in the same order."""
        kinds = self.site.kinds
        return [self._make(kinds.of(p.entry), p.entry)[p.index] for p in picks]
