"""The lifecycle (全周期) of a proposal, derived from its fields and its replies.

Status, flags and the dated timeline are computed here and nowhere else, as of
the build date, so every page, feed and export tells the same story.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import labels as L
from .display import proposers_text
from .model import Proposal, Response, Unit

ORDER = {name: i for i, name in enumerate(L.STEP.labels)}


@dataclass(frozen=True)
class Step:
    """One dated step of the timeline."""

    date: dt.date
    kind: str  # a key of labels.STEP
    label: str  # what happened, in Chinese
    detail: str = ""
    ref: str = ""  # response id for replies
    key: str = ""  # stable identity of the step within the proposal (feeds use it)
    event: int = 0  # an event step's place in `events:` (Event.number): two events may share a key

    def as_dict(self):
        return {"date": self.date.isoformat(), "step": self.kind, "label": self.label,
                "detail": self.detail, **({"response": self.ref} if self.ref else {})}


@dataclass
class Lifecycle:
    status: str
    flags: list[str] = field(default_factory=list)
    due: dt.date | None = None
    timeline: list[Step] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    superseded: set[str] = field(default_factory=set)
    pending_units: list[Unit] = field(default_factory=list)
    first_reply: dt.date | None = None
    last_lead_reply: dt.date | None = None
    days_overdue: int | None = None  # with flag "overdue": days past `due` on the build date

    @property
    def days_to_reply(self) -> int | None:
        """Days from 交办 to the reply that completed the answer."""
        if self.status in ("replied", "evaluated", "closed") and self.last_lead_reply and self._assigned:
            return (self.last_lead_reply - self._assigned).days
        return None

    _assigned: dt.date | None = None


def due_date(p: Proposal, reply_days: int) -> dt.date | None:
    """`due` as written, else 交办 + reply_days; None when either is unknown (no 逾期 from a guess)."""
    if p.due_set:
        return p.due_set
    if p.assigned and "due" not in p.unknown:
        return p.assigned + dt.timedelta(days=reply_days)
    return None


def derive(p: Proposal, responses: list[Response], reply_days: int, today: dt.date) -> Lifecycle:
    # most proposals have one reply or none: no key to work out (Response.id is string work, 5,000 times a build)
    responses = sorted(responses, key=lambda x: (x.date or dt.date.min, x.id)) if len(responses) > 1 else list(responses)
    superseded = {x.supersedes for x in responses if x.supersedes}
    lead_replies = {}
    for x in responses:
        if x.role in ("lead", "split") and x.unit in p.lead_units:
            lead_replies.setdefault(x.unit, []).append(x)
    pending = [u for u in p.lead_units if u not in lead_replies]
    life = Lifecycle(status="submitted", responses=responses, superseded=superseded,
                     pending_units=pending, due=due_date(p, reply_days))
    life._assigned = p.assigned
    if responses:
        life.first_reply = responses[0].date
    if lead_replies and not pending:
        life.last_lead_reply = max((r[0].date for r in lead_replies.values() if r[0].date), default=None)
    life.status = _status(p, pending, lead_replies, responses)
    life.flags = _flags(p, life, responses, today)
    if "overdue" in life.flags:
        life.days_overdue = (today - life.due).days
    life.timeline = _timeline(p, responses)
    return life


def _status(p, pending, lead_replies, responses) -> str:
    if p.closed:
        return "closed"
    if not p.review:
        return "submitted"
    if p.review != "filed":
        return p.review
    if not p.lead_units or not (p.assigned or "assigned" in p.unknown):
        return "filed"
    if pending:
        return "assigned"
    latest_reply = max((x.date for x in responses if x.date), default=None)  # None only in content with errors
    if p.feedback and latest_reply and max((f.date for f in p.feedback if f.date), default=dt.date.min) >= latest_reply:
        return "evaluated"
    return "replied"


def awaited_by(life) -> dt.date | None:
    """The deadline a proposal still awaits its answer by (交办, not every lead unit has answered),
    else None. It is overdue exactly when the build date is past this: a search result can say so
    (search.js) from a record that does not change from day to day."""
    return life.due if life.status == "assigned" and life.due else None


def _flags(p, life, responses, today) -> list[str]:
    flags = []
    due = awaited_by(life)
    if due and today > due:
        flags.append("overdue")
    if answered_late(p, life):
        flags.append("answered_late")
    if _reopened(p, responses):
        flags.append("reopened")
    if p.key:
        flags.append("key")
    return flags


def answered_late(p, life) -> bool:
    """Every lead/split unit has replied and the last first reply came after the deadline.

    The mark stays once the answer is in (replied, evaluated, closed): a late reply is late
    for good, as /stats/ counts it (按期办复率). Re-replies (重办) never make it late.
    """
    return (p.review == "filed" and bool(p.lead_units) and p.assigned is not None and not life.pending_units
            and life.due is not None and life.last_lead_reply is not None and life.last_lead_reply > life.due)


def due_state(p, life, today) -> str | None:
    """Where the proposal stands against its deadline (labels.DUE_STATE), None when it has none.
    A deadline written on a record whose 交办 date is 未知 counts, as it does for the overdue flag."""
    if not life.due or not p.lead_units or not (p.assigned or "assigned" in p.unknown) or p.review != "filed":
        return None
    if life.pending_units:
        if p.closed:
            return None
        return "overdue" if today > life.due else "pending"
    return "late" if "answered_late" in life.flags else "on_time"


def reply_is_late(p, life, x) -> bool:
    """A lead/split unit's first reply (its answer) dated after the deadline; re-replies never are."""
    if not (life.due and x.date and x.role in ("lead", "split") and x.unit in p.lead_units):
        return False
    first = next((y for y in life.responses if y.unit == x.unit and y.role in ("lead", "split") and y.date), None)
    return first is x and x.date > life.due


def shown_timeline(p, life, today) -> list[Step]:
    """The timeline as pages show it: with the 答复期限 in its place while it matters, and kept
    (已逾期，逾期答复) once a late answer came. Feeds and data use `life.timeline` alone."""
    state = due_state(p, life, today)
    if state not in ("pending", "overdue", "late"):
        return life.timeline
    due = Step(life.due, "due", L.STEP.label("due"), L.DUE_STATE.label(state), key="due")
    return sorted([*life.timeline, due], key=lambda s: (s.date, ORDER.get(s.kind, 99)))


def _reopened(p, responses) -> bool:
    """不满意 followed by a reply that supersedes an earlier one."""
    unhappy = [f.date for f in p.feedback if f.satisfaction == "dissatisfied"]
    return any(x.supersedes and x.date and any(d <= x.date for d in unhappy) for x in responses)


def _timeline(p: Proposal, responses) -> list[Step]:
    steps = []
    if p.submitted:
        who = proposers_text(p, 3)
        steps.append(Step(p.submitted, "submitted", "提交提案", f"提案者：{who}", key="submitted"))
    if p.review and p.review_date:
        detail = "；".join(part for part in (
            f"并入提案 {p.merged_into}" if p.review == "merged" and p.merged_into else "", p.review_note) if part)
        steps.append(Step(p.review_date, "review", f"审查：{L.REVIEW.label(p.review)}", detail, key="review"))
    if p.assigned and p.lead_units:
        role = "分办" if p.handling == "split" else "主办"
        detail = f"{role}：{'、'.join(u.label for u in p.lead_units)}"
        if p.co_units:
            detail += f"；会办：{'、'.join(u.label for u in p.co_units)}"
        steps.append(Step(p.assigned, "assigned", "交办承办单位", detail, key="assigned"))
    seen: dict[str, int] = {}
    for ev in p.events:
        key = f"event-{ev.date.isoformat()}-{ev.label}"
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:  # two 回头看 of one day: each its own feed item (the first keeps its published id)
            key = f"{key}-{seen[key]}"
        steps.append(Step(ev.date, "event", ev.label, ev.note, key=key, event=ev.number))
    for x in responses:
        if not x.date or not x.unit:
            continue
        what = "重新答复" if x.supersedes else "答复"
        detail = f"办理角色：{L.ROLE.label(x.role)}"
        if x.result:
            detail += f"；答复类别：{x.result.code}（{x.result.label}）"
        steps.append(Step(x.date, "reply", f"{x.unit.label}{what}", detail, ref=x.id, key=f"reply-{x.id}"))
    for f in p.feedback:
        unit = f"（对{f.unit.label}）" if f.unit else ""
        steps.append(Step(f.date, "feedback", f"委员反馈：{L.SATISFACTION.label(f.satisfaction)}{unit}",
                          f.note, key=f"feedback-{f.date.isoformat()}-{f.unit.slug if f.unit else 'all'}"))
    if p.closed:
        steps.append(Step(p.closed, "closed", "办结", key="closed"))
    return sorted(steps, key=lambda s: (s.date, ORDER.get(s.kind, 99)))


def feedback_for(p: Proposal, life: Lifecycle, x: Response):
    """The proposer's feedback on one reply: same unit (or none named), after it, before the next reply."""
    later = [y.date for y in life.responses if y.unit == x.unit and y.date and x.date and y.date > x.date]
    until = min(later) if later else None
    return [f for f in p.feedback
            if (f.unit is None or f.unit == x.unit) and x.date and f.date >= x.date
            and (until is None or f.date < until)]


def publicity_window(a, today: dt.date) -> str | None:
    """"open" while a 公示 can still receive objections, then "closed"; "upcoming" before `from`."""
    if a.notice_type != "publicity" or not a.until:
        return None
    if a.opens and today < a.opens:
        return "upcoming"
    return "open" if today <= a.until else "closed"


def superseded_by(life: Lifecycle, x: Response):
    return next((y for y in life.responses if y.supersedes == x.id), None)
