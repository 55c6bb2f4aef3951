"""What the search index holds of one item: its record, built from the core.

Records come from the disclosure core, never from crawled HTML: the body is
`public_text(entry)`, which is "" for a withheld entry and the summary for a
summary-only one, so withheld text cannot reach the index by any route.

A record's `fields` are what a query is matched against (title, numbers,
people, keywords, units, proposers' feedback notes, body); the first `keys` of them
are the item's own title, number and keywords, which rank it first (a reply's
mention of its proposal's number or title is a field, not its own); `meta` is what a result shows; `filters` are what the search
page can narrow by. Meta and filters are plain values, never searched as
phrases (see docs/search.md). Each kind names its record builder (kinds.Kind.search_record);
plugins/search/ puts the records into bundles and runs Pagefind.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import attachments, commitments, display, urls
from . import labels as L
from .display import response_title
from .lifecycle import awaited_by
from .render import public_text


@dataclass
class Record:
    url: str
    kind: str  # a key of labels.KIND
    fields: list[str]
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)
    date: str = ""  # ISO date, the sort key
    keys: int = 0  # how many of the first fields are the item's own (title, number, keywords)

    @property
    def text(self) -> str:
        """The searchable text: a query is "in" the record when it is a substring of this."""
        return "\n".join(f for f in self.fields if f)


def _meta(kind, title, status, date):
    return {"title": title, "kind": L.KIND.label(kind), "status": status,
            "date": date.isoformat() if date else "", "date_zh": display.date_zh(date)}


def proposal_record(site, p) -> Record:
    life = site.life(p.id)
    status = L.STATUS.label(life.status)
    due = awaited_by(life)
    return Record(
        url=urls.proposal(p), kind="proposal",
        fields=[p.title, display.numbers_searched(p), _tags(p.tags), "、".join(p.proposers), _units(p.units),
                *filter(None, [p.review_note]), *(f.note for f in p.feedback), public_text(p, site.renders), *_commitment_words(site, p), *_attached(p)],
        keys=3,
        meta=_meta("proposal", p.title, status, p.submitted) | ({"due": due.isoformat()} if due else {}),
        filters=_filters("proposal", status=status, category=p.category, units=p.units, year=proposal_year(site, p)),
        date=_iso(p.submitted),
    )


def _commitment_words(site, p) -> list[str]:
    """The public commitments' words and progress notes (none from a reply not public in full)."""
    words = []
    for c in commitments.of_proposal(site, p.id):
        words += [c.commitment.text, *(u.note for u in c.updates if u.note)]
    return words


def response_record(site, x) -> Record:
    p = site.proposals.get(x.proposal_id)
    title = response_title(x, p)
    status = L.STATUS.label(site.life(p.id).status) if p else ""
    return Record(
        url=urls.response(x), kind="response",
        # Its own title if staff gave it one; a title made from its proposal's is not its own.
        fields=[x.title, x.doc_no, "" if x.title else title, x.proposal_id, _units([x.unit] if x.unit else []),
                public_text(x, site.renders), *_attached(x)],
        keys=2,
        meta=_meta("response", title, status, x.date),
        filters=_filters("response", status=status, category=p.category if p else None,
                         units=[x.unit] if x.unit else [], year=response_year(site, x)),
        date=_iso(x.date),
    )


def announcement_record(site, a) -> Record:
    return Record(
        url=urls.announcement(a), kind="announcement",
        fields=[a.title, _tags(a.tags), a.region, public_text(a, site.renders), *_attached(a)],
        keys=2,
        meta=_meta("announcement", a.title, L.ANNOUNCEMENT_KIND.label(a.notice_type), a.date),
        filters=_filters("announcement", year=a.date.year if a.date else None),
        date=_iso(a.date),
    )


def proposal_year(site, p) -> int | None:
    """The 年度 a proposal is searched by: its session's year (kinds.Kind.year)."""
    return p.year


def response_year(site, x) -> int | None:
    """A reply is searched by its proposal's year (it answers that year's proposal), else its own date's."""
    p = site.proposals.get(x.proposal_id)
    return p.year if p else (x.date.year if x.date else None)


def _attached(entry) -> list[str]:
    """The titles and text of the attachments a reader may see (none of a withheld entry unless public)."""
    return [part for a in attachments.published(entry) for part in (a.title, a.text) if part]


def _tags(tags) -> str:
    """Keywords (关键词) are searched like the title: staff chose them for residents to find the item by."""
    return "、".join(tags)


def _units(units) -> str:
    """A unit by its full name and its short one, so 区发改委 and 发展和改革委员会 both find its replies."""
    return "、".join(dict.fromkeys(n for u in units for n in (u.name, u.short) if n))


def _filters(kind, status="", category=None, units=(), year=None) -> dict[str, list[str]]:
    out = {"kind": [L.KIND.label(kind)]}
    if status:
        out["status"] = [status]
    if category:
        out["category"] = [category.name]
    if units:
        out["unit"] = [u.name for u in units]
    if year:
        out["year"] = [str(year)]
    return out


def _iso(day) -> str:
    return day.isoformat() if day else ""
