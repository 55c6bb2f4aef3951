"""What a resident reads first on a proposal page, decided once for every page that shows it.

Where it is now (status and stage), who must answer (lead and co units), the deadline
with days left or days overdue, each lead unit's answer (class, days taken, on time or
逾期答复) and the proposer's verdict. templates/summary.html only shows a `Summary`.
"""
from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass, field

from . import labels as L
from .lifecycle import due_state, superseded_by
from .model import Proposal, Response, ResultCode, Unit
from .stats import LEAD_ROLES, first_replies, proposal_satisfaction, reply_satisfaction

# Status → stage reached (labels.STAGE); review outcomes other than 立案 stop at 审查.
STAGE_OF = {"submitted": "submitted", "filed": "review", "not_filed": "review", "merged": "review",
            "converted": "review", "assigned": "assigned", "replied": "replied", "evaluated": "evaluated",
            "closed": "closed"}


@dataclass(frozen=True)
class Answer:
    """One lead/split unit's answer: its first reply decides time, its current reply the class."""

    unit: Unit
    first: Response | None = None
    current: Response | None = None
    days: int | None = None  # 交办 → first reply
    late: bool = False  # first reply after the deadline
    verdict: str | None = None  # the proposer's latest word on the current reply

    @property
    def result(self) -> ResultCode | None:
        return self.current.result if self.current else None

    @property
    def rehandled(self) -> bool:
        return self.current is not None and self.first is not None and self.current is not self.first


@dataclass(frozen=True)
class Summary:
    status: str
    stage: str  # a key of labels.STAGE
    stopped: bool  # the proposal went no further than 审查 (不予立案、并案、转为意见建议)
    headline: str  # one sentence: where it is now
    lead_role: str = "主办"  # 主办 or 分办
    lead_units: list[Unit] = field(default_factory=list)
    co_units: list[Unit] = field(default_factory=list)
    due: dt.date | None = None
    due_state: str | None = None  # labels.DUE_STATE
    days_left: int | None = None  # while within the deadline
    days_overdue: int | None = None  # overdue now, or how late the answer came
    period: int | None = None  # 交办 → 答复期限, in days
    answers: list[Answer] = field(default_factory=list)
    pending_units: list[Unit] = field(default_factory=list)
    days_taken: int | None = None  # 交办 → the reply that completed the answer
    verdict: str | None = None  # labels.SATISFACTION key: the proposal's current judgement
    reopened: bool = False  # 不满意 → 重新办理
    merged_into: str = ""
    review_note: str = ""  # 审查意见: why it stopped at 审查 (or why it was filed), as the office wrote it

    @property
    def stages(self) -> list[tuple[str, str, str]]:
        """(key, label, "done" | "current" | "todo") along the way; only 提交、审查 when it stopped there."""
        keys = list(L.STAGE.labels)[:2] if self.stopped else list(L.STAGE.labels)
        at = keys.index(self.stage)
        return [(k, L.STAGE.label(k), "done" if i < at else "current" if i == at else "todo")
                for i, k in enumerate(keys)]

    @property
    def timing(self) -> str:
        """答复用时 in one phrase: "用时 50 天，按期答复" or "逾期答复，用时 261 天（期限 90 天）"."""
        if self.days_taken is None:
            return ""
        if self.due_state == "late":
            period = f"（期限 {self.period} 天）" if self.period is not None else ""
            return f"逾期答复，用时 {self.days_taken} 天{period}"
        return f"用时 {self.days_taken} 天，按期答复"


def summarize(p: Proposal, life, today: dt.date) -> Summary:
    """The summary of one proposal as of `today` (the build date)."""
    state = due_state(p, life, today)
    firsts = first_replies(life, p)
    answers = []
    for unit in p.lead_units:
        first = firsts.get(unit)
        current = first
        while current is not None and (later := superseded_by(life, current)) is not None:
            current = later
        answers.append(Answer(
            unit=unit, first=first, current=current,
            days=(first.date - p.assigned).days if first and p.assigned else None,
            late=bool(first and life.due and first.date > life.due),
            verdict=reply_satisfaction(p, life, current) if current and current.role in LEAD_ROLES else None))
    days_overdue = None
    if state == "overdue":
        days_overdue = (today - life.due).days
    elif state == "late":
        days_overdue = (life.last_lead_reply - life.due).days
    return Summary(
        status=life.status, stage=STAGE_OF[life.status],
        stopped=life.status in ("not_filed", "merged", "converted"),
        headline=_headline(p, life, state),
        lead_role="分办" if p.handling == "split" else "主办",
        lead_units=list(p.lead_units), co_units=[u for u in p.co_units if u not in p.lead_units],
        due=life.due if state else None, due_state=state,
        days_left=(life.due - today).days if state == "pending" else None,
        days_overdue=days_overdue,
        period=(life.due - p.assigned).days if state and p.assigned else None,
        answers=answers if any(a.first for a in answers) else [],
        pending_units=list(life.pending_units) if p.assigned and p.review == "filed" else [],
        days_taken=life.days_to_reply, verdict=proposal_satisfaction(p),
        reopened="reopened" in life.flags, merged_into=p.merged_into, review_note=p.review_note)


def _headline(p, life, state) -> str:
    pending = "、".join(u.label for u in life.pending_units)
    if state == "overdue":
        return f"已超过答复期限，{pending}尚未答复。"
    if state == "pending":
        return f"已交办，等待{pending}答复。"
    return L.STATUS_HELP[life.status]


@dataclass(frozen=True)
class RecentReply:
    """A reply as the home page lists it: who answered what, how fast, on time or not."""

    reply: Response
    proposal: Proposal
    days: int | None  # 交办 → this reply
    late: bool  # a unit's first answer after the deadline (a re-reply is never "late")
    rehandled: bool  # a re-reply (重新答复) after 不满意


def recent_replies(site, limit: int = 5) -> list[RecentReply]:
    """The latest lead/split replies up to the build date, newest first."""
    today, proposals = site.build_date, site.proposals
    # Each proposal's lifecycle holds exactly its replies (site.responses_for): the replies are
    # walked once, not each proposal's lifecycle (5,000 lookups of a life and an id a build)
    shown = [(x, p) for x in site.all_responses if x.date and x.date <= today and x.role in LEAD_ROLES
             for p in [proposals.get(x.proposal_id)] if p is not None and x.unit in p.lead_units]
    # heapq.nlargest is sorted(..., reverse=True)[:limit]: the newest few, without sorting every reply
    out = []
    for x, p in heapq.nlargest(limit, shown, key=lambda xp: (xp[0].date, xp[0].id)):
        life = site.life(p.id)
        firsts = set(id(y) for y in first_replies(life, p).values())
        out.append(RecentReply(x, p, (x.date - p.assigned).days if p.assigned else None,
                               id(x) in firsts and bool(life.due) and x.date > life.due, bool(x.supersedes)))
    return out
