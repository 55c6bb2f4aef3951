"""Who proposed what: every proposer (a member, a party, a sector group) and their proposals.

TheyWorkForYou gives each representative a page of their record; residents ask the same of
a CPPCC member. A proposer is the name as written in `proposers` (one person or one group);
their URL slug is the name's tone-less pinyin (slugs.py), with -2, -3 … in the order of
first appearance when two names read alike (张伟 and 章伟), decided here once per site.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .slugs import slugify


@dataclass
class Proposer:
    name: str
    slug: str
    proposals: list = field(default_factory=list)  # Proposal, newest first

    @property
    def id(self) -> str:
        return self.slug


def proposers_of(site, slug_of=slugify) -> list[Proposer]:
    """Every proposer named in a proposal, by how many proposals they made (most first), then by name.

    Worked out once per Site (pages, digests and templates ask). `slug_of(name)` is slugify's
    answer, perhaps kept from the last build (digest.Digests: reading pinyin loads pypinyin's
    dictionaries, 0.2–0.5 s, for names a rebuild has seen before)."""
    if not site.proposers_memo:
        site.proposers_memo.append(_proposers(site, slug_of))
    return site.proposers_memo[0]


def _proposers(site, slug_of) -> list[Proposer]:
    by_name: dict[str, Proposer] = {}
    taken: set[str] = set()
    ordered = sorted(site.all_proposals, key=lambda p: p.id)
    for p in ordered:  # slugs in a stable order: the same site gives the same URLs
        for name in p.proposers:
            if name in by_name:
                continue
            base = slug_of(name)
            slug, n = base, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
            taken.add(slug)
            by_name[name] = Proposer(name, slug)
    for p in sorted(ordered, key=lambda p: (p.submitted.isoformat() if p.submitted else f"{p.year:04d}", p.id),
                    reverse=True):
        for name in dict.fromkeys(p.proposers):
            by_name[name].proposals.append(p)
    return sorted(by_name.values(), key=lambda x: (-len(x.proposals), x.name))


def proposer_rows(proposers: list[Proposer]) -> list[tuple]:
    """proposers_of's answer as plain values, to keep between builds: (name, slug, proposal ids)."""
    return [(x.name, x.slug, tuple(p.id for p in x.proposals)) for x in proposers]


def kept_proposers(site, rows) -> None:
    """proposers_of's answer for this Site from proposer_rows kept by a build of the same records
    (digest.Digests.plan keeps them by every file's hash), unless already worked out."""
    if not site.proposers_memo:
        proposals = site.proposals
        site.proposers_memo.append([Proposer(name, slug, [proposals[i] for i in ids]) for name, slug, ids in rows])
