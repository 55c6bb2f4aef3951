"""What was promised, and whether it was done: each commitment's state as of the build date.

A commitment's status is its latest update's (none yet: "none"); it is overdue when its
`due` has passed and it is not 已完成. Decided here once, for pages, feeds and data.
Only a reply published in full publishes its commitments: a commitment quotes the letter.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from . import labels as L
from . import urls
from .model import Commitment, CommitmentUpdate, Evidence, Response

NONE = "none"  # no update yet


@dataclass(frozen=True)
class Progress:
    """One commitment of one reply, as the public sees it on the build date."""

    reply: Response
    commitment: Commitment
    status: str  # a labels.COMMITMENT_STATUS key, or NONE
    since: dt.date | None  # the date of the update that set the status
    overdue: bool
    updates: tuple[CommitmentUpdate, ...]  # the updates dated on or before the build date

    @property
    def key(self) -> str:
        """Identity across builds: the reply and a hash of the commitment's words."""
        return f"{self.reply.id}#{self.commitment.key}"

    @property
    def anchor(self) -> str:
        return "commitment-" + self.key.replace("/", "-").replace("#", "-")

    @property
    def status_label(self) -> str:
        return L.COMMITMENT_NO_UPDATE if self.status == NONE else L.COMMITMENT_STATUS.label(self.status)


def progress(x: Response, c: Commitment, today: dt.date) -> Progress:
    updates = tuple(u for u in sorted(c.updates, key=lambda u: u.date) if u.date <= today)
    latest = updates[-1] if updates else None
    status = latest.status if latest else NONE
    overdue = bool(c.due and today > c.due and status != "done")
    return Progress(x, c, status, latest.date if latest else None, overdue, updates)


def is_public(x: Response) -> bool:
    """A commitment quotes its letter: shown only when the letter is public in full."""
    return x.disclosure == "full"


def of_reply(site, x: Response) -> list[Progress]:
    """A reply's commitments, none when the reply is not public in full."""
    return [progress(x, c, site.build_date) for c in x.commitments] if is_public(x) else []


def of_proposal(site, proposal_id: str) -> list[Progress]:
    """The public commitments of a proposal's replies, in the order of the replies."""
    return [progress(x, c, site.build_date) for x in site.life(proposal_id).responses
            if is_public(x) for c in x.commitments]


def counts(items: list[Progress]) -> dict:
    """承诺 N 项，已完成 M 项，逾期 K 项 (a summary line and the data)."""
    return {"total": len(items), "done": sum(i.status == "done" for i in items),
            "overdue": sum(i.overdue for i in items)}


def evidence_link(site, ev: Evidence) -> tuple[str, str]:
    """(site-relative or absolute address, words to show) for one piece of evidence."""
    if ev.kind == "announcement":
        a = site.announcements.get(ev.target)
        return (urls.announcement(a), a.title) if a else ("", ev.target)
    if ev.kind == "file":
        return urls.evidence_file_url(ev.target), os.path.basename(ev.target)
    return ev.target, ev.target


def evidence_files(site) -> list[str]:
    """Files cited as evidence by public commitments (published under urls.evidence_file)."""
    found = set()  # a set: every build asks (withdrawn.levels), and a list's `not in` grew with its square
    for x in site.all_responses:
        if is_public(x):
            for c in x.commitments:
                for u in c.updates:
                    found.update(e.target for e in u.evidence if e.kind == "file")
    return sorted(found)


def cited_announcements(site, proposal_id: str):
    """Announcements cited as evidence by a proposal's public commitments (its story covers them)."""
    out = []
    for x in site.responses_for(proposal_id):
        if is_public(x):
            for c in x.commitments:
                for u in c.updates:
                    for e in u.evidence:
                        a = site.announcements.get(e.target) if e.kind == "announcement" else None
                        if a is not None and a not in out:
                            out.append(a)
    return out


def citing(site, announcement_id: str) -> list[Progress]:
    """The public commitments whose updates cite this announcement as evidence (its page lists them)."""
    index = site._index("evidence", lambda: ((e.target, (x.id, i)) for x in site.all_responses if is_public(x)
                                             for i, c in enumerate(x.commitments) for u in c.updates
                                             for e in u.evidence if e.kind == "announcement"))
    return [progress(site.responses[rid], site.responses[rid].commitments[i], site.build_date)
            for rid, i in index.get(announcement_id, [])]


def open_of_unit(site, unit) -> list[Progress]:
    """A unit's public commitments not yet 已完成: overdue first, then by deadline (none last)."""
    found = [progress(x, c, site.build_date) for x in site.all_responses
             if x.unit == unit and is_public(x) for c in x.commitments]
    found = [c for c in found if c.status != "done"]
    return sorted(found, key=lambda c: (not c.overdue, c.commitment.due or dt.date.max, c.reply.id, c.commitment.key))
