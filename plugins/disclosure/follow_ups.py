"""Follow-ups (回头看, 督办调研, 办理情况评估): events on a proposal that review the commitments
its replies made, decided here once for pages, feeds and data.

Staff write, on the proposal, an event with `reviews: [1, 2]` (the numbers of the reply's
commitments, from 1) or `reviews: 全部`, and `reply:` (the unit, or the reply id) only when
more than one reply of the proposal records commitments. A follow-up shows only the
commitments the public may see (commitments.is_public); the event itself stays a step of the
proposal's timeline and feed, under its own key (lifecycle: `event-<date>-<label>`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import commitments
from .broken_replies import unread_replies
from .entries import response_ref
from .model import Event, Proposal, Response
from .problems import Problem, closest


@dataclass(frozen=True)
class FollowUp:
    """One event that reviews commitments, with the public ones it reviews (in page order)."""

    proposal_id: str
    event: Event
    reviewed: tuple  # commitments.Progress, public ones only

    @property
    def key(self) -> str:
        """The event's step key in the proposal's timeline and feed (lifecycle._timeline)."""
        return f"event-{self.event.date.isoformat()}-{self.event.label}"

    @property
    def anchor(self) -> str:
        return f"event-{self.event.number}"


def _with_commitments(site, proposal_id: str) -> list[Response]:
    """The proposal's replies that record commitments, oldest first (any disclosure: staff number them)."""
    found = [x for x in site.responses_for(proposal_id) if x.commitments]
    return sorted(found, key=lambda x: (x.date or dt.date.min, x.id))


def _reply_named(site, replies: list[Response], written: str) -> list[Response]:
    ref = response_ref(written)
    by_id = [x for x in replies if x.id == ref]
    if by_id:
        return by_id
    unit = site.vocab.unit(written)
    return [x for x in replies if unit is not None and x.unit == unit]


def _choices(replies: list[Response]) -> str:
    return "、".join(f"{x.unit.label if x.unit else '?'}（{x.id}）" for x in replies)


def targets(site, p: Proposal, ev: Event,
            unread: bool = False) -> tuple[list[tuple[Response, int]], list[Problem]]:
    """(reply, index of the commitment) for each commitment the event reviews, and what is wrong.
    `unread`: a reply of the proposal may be among the files not read (broken_replies.unread_replies):
    that its reply is missing is then not a mistake of the proposal's (it is checked once the reply is read)."""
    if not ev.reviews and not ev.reviews_all:
        return [], []
    problems = []

    def problem(key, zh, en, value="", allowed="", hint="", line_key="reviews"):
        problems.append(Problem(p.path, zh=zh, en=en, key=f"events[{ev.number}].{key}", value=str(value),
                                line=ev.lines.get(line_key) or ev.lines.get("item"), allowed=allowed, hint=hint))

    replies = _with_commitments(site, p.id)
    if not replies and unread:
        return [], []
    if not replies:
        problem("reviews", "本提案的答复还没有记录承诺（commitments），没有可以回顾的承诺。",
                "No reply of this proposal records commitments, so there is nothing to review.",
                value="全部" if ev.reviews_all else "、".join(map(str, ev.reviews)),
                allowed="先在答复的 commitments 中记下承诺；这个节点不回顾承诺时删去 reviews / record the "
                        "commitments in the reply first; an event that reviews none has no 'reviews'")
        return [], problems
    if ev.reply:
        chosen = _reply_named(site, replies, ev.reply)
        if not chosen and unread:
            return [], []
        if len(chosen) != 1:
            zh, en = (("找不到这份答复：reply 写本提案记录了承诺的答复的单位名称（或简称），或答复编号。",
                       "There is no such reply: 'reply' names the unit (or its short name) of a reply of this "
                       "proposal that records commitments, or the reply id.") if not chosen else
                      ("这个单位有几份答复记录了承诺，reply 请写答复编号。",
                       "This unit has several replies that record commitments; write the reply id in 'reply'."))
            problem("reply", zh, en, value=ev.reply, allowed=_choices(replies),
                    hint=closest(ev.reply, [x.id for x in replies]), line_key="reply")
            return [], problems
    elif len(replies) > 1 and not ev.reviews_all:
        problem("reply", f"本提案有 {len(replies)} 份答复记录了承诺，请用 reply 写明回顾的是哪一份答复的承诺。",
                f"{len(replies)} replies of this proposal record commitments; name the one reviewed in 'reply'.",
                allowed=_choices(replies))
        return [], problems
    else:
        chosen = replies
    found = []
    for x in chosen:
        if x.date and ev.date < x.date:
            problems.append(Problem(
                p.path, key=f"events[{ev.number}].date", value=ev.date.isoformat(),
                line=ev.lines.get("date") or ev.lines.get("item"),
                zh=f"{ev.label}（{ev.date}）早于所回顾承诺的答复日期（{x.date}）：只能回顾答复之后的落实情况。",
                en=f"The event ({ev.date}) is before the date of the reply whose commitments it reviews ({x.date}); "
                   "a follow-up reviews what was done after the reply.",
                allowed=f"{x.date} 或之后的日期 / {x.date} or later"))
            return [], problems
        numbers = range(1, len(x.commitments) + 1) if ev.reviews_all else ev.reviews
        for n in numbers:
            if n > len(x.commitments):
                key, line = ev.lines.get(f"reviews:{n}", ("reviews", None))
                who = f"{x.unit.label if x.unit else x.id}的答复（{x.date}）" if x.date else f"答复 {x.id} "
                problems.append(Problem(
                    p.path, key=f"events[{ev.number}].{key}", value=str(n),
                    line=line or ev.lines.get("reviews") or ev.lines.get("item"),
                    zh=f"{who}只有 {len(x.commitments)} 项承诺，没有第 {n} 项。",
                    en=f"The reply {x.id} has {len(x.commitments)} commitment(s); there is no number {n}.",
                    allowed=f"1–{len(x.commitments)}（答复中 commitments 的序号 / the numbers of the reply's commitments）"))
            else:
                found.append((x, n - 1))
    return found, problems


def problems(site, unread: set[str] | None = None) -> list[Problem]:
    """Every follow-up that names no reply, a commitment the reply does not have, or comes before the reply."""
    out = []
    unread = unread_replies(site) if unread is None else unread
    for p in site.all_proposals:
        for ev in p.events:
            out += targets(site, p, ev, p.id in unread)[1]
    return out


def _all(site) -> dict:
    """Proposal id → its follow-ups, worked out once per build (pages ask per commitment). One
    dated after the build date reviews nothing yet (as a commitment update dated later): it
    counts from its day everywhere (pages, feeds, data); the event itself shows as any event."""
    memo = site.follow_ups_memo
    if not memo:
        for p in site.all_proposals:
            shown = {(c.reply.id, next(i for i, k in enumerate(c.reply.commitments) if k is c.commitment)): c
                     for c in commitments.of_proposal(site, p.id)}
            items = []
            for ev in p.events:
                found, wrong = targets(site, p, ev)
                if (ev.reviews or ev.reviews_all) and not wrong and ev.date <= site.build_date:
                    items.append(FollowUp(p.id, ev, tuple(shown[(x.id, i)] for x, i in found if (x.id, i) in shown)))
            memo[p.id] = items
    return memo


def of_proposal(site, proposal_id: str) -> list[FollowUp]:
    """The proposal's events that review commitments, in the order they were written."""
    return _all(site).get(proposal_id, [])


def by_event(site, proposal_id: str) -> dict[int, FollowUp]:
    """Its follow-ups by their event's place in `events:` (a timeline step's `event`: the proposal
    page's 办理过程 and the feed ask by step; two events of one day and label share a step key)."""
    return {f.event.number: f for f in of_proposal(site, proposal_id)}


def of_commitment(site, c) -> list[FollowUp]:
    """The follow-ups that reviewed one public commitment (a commitments.Progress), oldest first."""
    found = [f for f in of_proposal(site, c.reply.proposal_id) if any(r.key == c.key for r in f.reviewed)]
    return sorted(found, key=lambda f: f.event.date)


def story(site, c) -> list[tuple[dt.date, str, object]]:
    """A commitment's progress timeline: its updates and the follow-ups that reviewed it, by date
    (an update before a follow-up of the same day). Each row is (date, "update" | "follow_up", item)."""
    rows = [(u.date, "update", u) for u in c.updates] + [(f.event.date, "follow_up", f) for f in of_commitment(site, c)]
    return sorted(rows, key=lambda r: (r[0], r[1] != "update"))
