"""Who answers, and how fast: the published figures, each defined once here.

Every figure is computed from the lifecycle (lifecycle.py) as of the build date,
so the statistics page, the unit pages and data/stats.json cannot disagree.
Plain Python: no Pelican, no templates. The definitions, in short (the same text
in Chinese is `DEFINITIONS`, shown on the page and exported with the data):

Scope. A figure is computed over a set of proposals (all, one year, one session,
one category). "Assigned" proposals are those with review `filed`, at least one
lead/split unit and an `assigned` date: only they must be answered. Merged,
not-filed and converted proposals never count toward reply figures.

- 立案率 filing rate = filed / reviewed (reviewed = any review result: filed,
  merged, not_filed, converted). Pending review is counted apart.
- 办复率 reply rate = assigned proposals whose every lead/split unit has replied
  / assigned proposals. Proposals still within their deadline count in the
  denominator, so the current year's rate rises as replies arrive.
- 按期办复率 on-time rate = assigned proposals whose every lead/split unit replied
  on or before `due` / assigned proposals. A unit's first reply is what counts;
  a later re-reply (重办) does not make it late.
- Days 交办→答复: per proposal, from `assigned` to the latest first reply of its
  lead/split units (the reply that completed the answer: lifecycle.days_to_reply);
  per reply, from `assigned` to each lead/split unit's first reply.
  Median: the middle value (mean of the two middle ones for an even count).
  90th percentile: nearest rank, the ceil(0.9·n)-th smallest value.
- 满意率 / 基本满意率 / 不满意率: over assigned proposals with feedback, the
  proposal's current judgement: its latest feedback; when several entries share
  the latest date (one per unit, as for split handling) the least satisfied
  counts. 满意和基本满意率 adds the first two.
- 解决采纳率 adoption rate = current lead/split replies (not superseded by a
  re-reply) whose reply class is marked `adopted` in site.yaml / current
  lead/split replies with a reply class.
- Per unit: the unit's lead/split assignments on assigned proposals; its reply,
  on-time and days figures use its first reply to each; adoption and
  satisfaction use its current replies (satisfaction: the latest feedback naming
  the unit, or naming no unit, dated on or after the reply and before the unit's
  next reply). 会办 (co) work is counted apart and does not enter the rates.
- Unknown facts (written 未知): a proposal whose 交办 date or deadline is unknown
  still counts as assigned (办复率), but it is left out of the on-time rate and of
  the days; a reply whose class is unknown is left out of the adoption rate; an
  unanswered proposal with an unknown deadline is neither 逾期 nor 办理中 but
  counted apart (期限不详). Every rate and median says how many it left out.
- Rates are shown as percentages rounded half-up to one decimal; a rate with an
  empty denominator is shown as "—" and exported as null.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal
from operator import attrgetter

from .display import session_label
from .lifecycle import feedback_for
from . import commitments
from .model import Proposal, Response, Unit

LEAD_ROLES = ("lead", "split")
SATISFACTION_ORDER = {"dissatisfied": 0, "basically_satisfied": 1, "satisfied": 2}
REVIEWS = ("filed", "merged", "not_filed", "converted")

# (key, name, definition): shown on the statistics page and exported in data/stats.json.
DEFINITIONS = [
    ("filing_rate", "立案率", "立案件数 ÷ 已审查件数（立案、并案、不予立案、转为意见建议）。待审查的提案不计入。"),
    ("reply_rate", "办复率", "所有主办（分办）单位均已答复的提案 ÷ 已交办的提案。并案、不予立案、转为意见建议的提案不计入；"
                            "尚在答复期限内的提案计入分母，因此当年的办复率会随答复增加而上升。"),
    ("on_time_rate", "按期办复率", "所有主办（分办）单位均在答复期限（含当日）前作出首次答复的提案 ÷ 已交办的提案。重新办理的答复不影响是否按期。"),
    ("days", "答复用时", "按提案：从交办日期到最后一个主办（分办）单位首次答复的天数；按答复：从交办日期到该单位首次答复的天数。"
                        "中位数为居中的值（偶数个时取中间两个的平均）；90% 分位数取从小到大第 ⌈0.9n⌉ 个值。"),
    ("satisfaction", "满意率、基本满意率", "在有委员反馈的已交办提案中，按每件提案最新的反馈计：最新日期有多条反馈（如分办时各单位各一条）时取最不满意的一条。"
                                      "满意率 = 满意 ÷ 有反馈；基本满意率 = 基本满意 ÷ 有反馈；满意和基本满意率为两者之和。"),
    ("adoption_rate", "解决采纳率", "现行（未被重新答复取代的）主办（分办）答复中，答复类别在本地词表中标为“解决采纳”的 ÷ 有答复类别的现行主办（分办）答复。"),
    ("overdue", "逾期", "已交办、已过答复期限、仍有主办（分办）单位未答复的提案（以数据截至日计）。"),
    ("unit", "承办单位统计", "按单位作为主办或分办单位承办的已交办提案计算；办复、按期和用时按该单位的首次答复，解决采纳率和满意率按其现行答复"
                          "（满意程度取针对该单位或未指明单位、日期不早于该答复的最新反馈）。会办件数单列，不计入比率。"),
    ("unknown", "日期不详", "原件没有交办日期或答复期限（写作“未知”）的提案仍计入已交办和办复率，但不计入按期办复率和答复用时，"
                          "也不判断是否逾期（单列为“期限不详”）；答复类别不详的答复不计入解决采纳率。每个比率和中位数都注明未计入的件数。"),
    ("fulfilment_rate", "承诺兑现率", "答复中记录的承诺（只计全文公开的答复）里，已完成的 ÷（已完成的 + 逾期未完成的）。"
                                   "逾期未完成：完成期限已过（以数据截至日计）、最新进展不是“已完成”；尚未到期或没有写期限的未完成承诺不计入。"
                                   "按年度以提案年度计；按承办单位计该单位答复（主办、分办或会办）中的承诺。"),
    ("rounding", "取整", "百分比按四舍五入保留一位小数；分母为零时显示“—”，数据中为 null。"),
]


@dataclass(frozen=True)
class Rate:
    """numerator / denominator, kept as counts so readers can check the arithmetic."""

    num: int
    den: int
    left_out: int = 0  # items the rate could not judge (a fact written 未知)
    why: str = "日期不详"
    unit: str = "件"

    @property
    def left_out_text(self) -> str:
        """"12 件日期不详，未计入", or "" when nothing was left out."""
        return f"{self.left_out} {self.unit}{self.why}，未计入" if self.left_out else ""

    @property
    def value(self) -> float | None:
        return self.num / self.den if self.den else None

    @property
    def percent(self) -> Decimal | None:
        """Percentage rounded half-up to one decimal (2/3 → 66.7, 1/16 → 6.3)."""
        if not self.den:
            return None
        return (Decimal(self.num * 100) / Decimal(self.den)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def text(self) -> str:
        pct = self.percent
        return "—" if pct is None else f"{pct}%"

    def as_dict(self) -> dict:
        return {"numerator": self.num, "denominator": self.den,
                "value": None if self.value is None else round(self.value, 4),
                "percent": None if self.percent is None else float(self.percent), "left_out": self.left_out}


def _rate(num, den) -> Rate:
    return Rate(num, den)


def median(values) -> float | int | None:
    """Middle value; the mean of the two middle values for an even count."""
    v = sorted(values)
    if not v:
        return None
    mid = len(v) // 2
    if len(v) % 2:
        return v[mid]
    total = v[mid - 1] + v[mid]
    return total // 2 if total % 2 == 0 else total / 2


def percentile(values, q: float) -> int | None:
    """Nearest-rank percentile: the ceil(q·n)-th smallest value (q in (0, 1])."""
    v = sorted(values)
    if not v:
        return None
    return v[max(1, math.ceil(q * len(v))) - 1]


@dataclass(frozen=True)
class Days:
    """Days from 交办 to 答复 over a set of replies or proposals."""

    values: tuple[int, ...] = ()
    left_out: int = 0  # replies or proposals whose 交办 date is unknown
    unit: str = "件"

    @property
    def left_out_text(self) -> str:
        return f"{self.left_out} {self.unit}日期不详，未计入" if self.left_out else ""

    @property
    def n(self) -> int:
        return len(self.values)

    @property
    def median(self):
        return median(self.values)

    @property
    def p90(self):
        return percentile(self.values, 0.9)

    @property
    def max(self):
        return max(self.values) if self.values else None

    @property
    def median_text(self) -> str:
        return days_text(self.median)

    @property
    def p90_text(self) -> str:
        return days_text(self.p90)

    def as_dict(self) -> dict:
        return {"count": self.n, "median": self.median, "p90": self.p90, "max": self.max, "left_out": self.left_out}


def days_text(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return str(int(value))


# ---------------------------------------------------------------- per-proposal facts


def is_assigned(p: Proposal) -> bool:
    """Filed, given to at least one lead/split unit, with a 交办 date (or one the record does not give):
    it must be answered."""
    return p.review == "filed" and bool(p.lead_units) and (p.assigned is not None or "assigned" in p.unknown)


def first_replies(life, p: Proposal) -> dict[Unit, Response]:
    """Each lead/split unit's first reply (the answer; later ones are re-replies)."""
    out = {}
    for x in life.responses:  # sorted by date
        if x.role in LEAD_ROLES and x.unit in p.lead_units and x.date:
            out.setdefault(x.unit, x)
    return out


def current_replies(life, p: Proposal) -> list[Response]:
    """Lead/split replies not superseded by a re-reply: what the proposal's answer now is."""
    return [x for x in life.responses
            if x.role in LEAD_ROLES and x.unit in p.lead_units and x.id not in life.superseded]


def proposal_satisfaction(p: Proposal) -> str | None:
    """The latest feedback; on a tie of dates (one entry per unit) the least satisfied."""
    if not p.feedback:
        return None
    latest = max(f.date for f in p.feedback)
    return min((f.satisfaction for f in p.feedback if f.date == latest), key=SATISFACTION_ORDER.__getitem__)


def reply_satisfaction(p: Proposal, life, x: Response) -> str | None:
    """The latest feedback on one reply (see lifecycle.feedback_for); co replies only when named."""
    entries = [f for f in feedback_for(p, life, x) if f.unit is not None or x.role in LEAD_ROLES]
    if not entries:
        return None
    latest = max(f.date for f in entries)
    return min((f.satisfaction for f in entries if f.date == latest), key=SATISFACTION_ORDER.__getitem__)


@dataclass(frozen=True)
class Overdue:
    """An assigned proposal past its deadline with lead/split units still to reply."""

    proposal: Proposal
    due: dt.date
    days: int  # days past due as of the build date
    units: tuple[Unit, ...]


# ---------------------------------------------------------------- figures over a set of proposals


@dataclass(frozen=True)
class Satisfaction:
    satisfied: int = 0
    basically_satisfied: int = 0
    dissatisfied: int = 0

    @property
    def total(self) -> int:
        return self.satisfied + self.basically_satisfied + self.dissatisfied

    @property
    def satisfied_rate(self) -> Rate:
        return _rate(self.satisfied, self.total)

    @property
    def basic_rate(self) -> Rate:
        return _rate(self.basically_satisfied, self.total)

    @property
    def dissatisfied_rate(self) -> Rate:
        return _rate(self.dissatisfied, self.total)

    @property
    def satisfied_or_basic_rate(self) -> Rate:
        return _rate(self.satisfied + self.basically_satisfied, self.total)

    @classmethod
    def of(cls, judgements) -> "Satisfaction":
        j = [s for s in judgements if s]
        return cls(j.count("satisfied"), j.count("basically_satisfied"), j.count("dissatisfied"))

    def as_dict(self) -> dict:
        return {"with_feedback": self.total, "satisfied": self.satisfied,
                "basically_satisfied": self.basically_satisfied, "dissatisfied": self.dissatisfied,
                "satisfied_rate": self.satisfied_rate.as_dict(), "basic_rate": self.basic_rate.as_dict(),
                "dissatisfied_rate": self.dissatisfied_rate.as_dict(),
                "satisfied_or_basic_rate": self.satisfied_or_basic_rate.as_dict()}


@dataclass
class Figures:
    """The figures over one set of proposals (all, a year, a session, a category)."""

    total: int = 0
    reviews: dict[str, int] = field(default_factory=lambda: {k: 0 for k in REVIEWS})
    unreviewed: int = 0
    awaiting_assignment: int = 0  # filed, not yet given to a lead unit
    assigned: int = 0
    replied: int = 0
    on_time: int = 0
    in_progress: int = 0  # not replied, deadline not passed
    overdue: list[Overdue] = field(default_factory=list)
    due_unknown: int = 0  # assigned, deadline unknown (未知): left out of the on-time rate
    due_unknown_pending: int = 0  # of those, not replied: neither 逾期 nor 办理中
    reopened: int = 0
    days: Days = Days()  # per proposal
    reply_days: Days = Days()  # per lead/split reply
    satisfaction: Satisfaction = Satisfaction()
    results: dict[str, int] = field(default_factory=dict)  # current lead/split replies by reply class
    adopted: int = 0
    with_result: int = 0
    result_unknown: int = 0  # current lead/split replies whose class is unknown
    commitments: int = 0  # public commitments of these proposals' replies (disclosure.commitments)
    commitments_done: int = 0
    commitments_overdue: int = 0

    @property
    def fulfilment_rate(self) -> Rate:
        """承诺兑现率: done ÷ (done + overdue); commitments not yet due are not counted."""
        return _rate(self.commitments_done, self.commitments_done + self.commitments_overdue)

    @property
    def reviewed(self) -> int:
        return sum(self.reviews.values())

    @property
    def filing_rate(self) -> Rate:
        return _rate(self.reviews["filed"], self.reviewed)

    @property
    def reply_rate(self) -> Rate:
        return _rate(self.replied, self.assigned)

    @property
    def on_time_rate(self) -> Rate:
        return Rate(self.on_time, self.assigned - self.due_unknown, self.due_unknown)

    @property
    def replied_late(self) -> int:
        return self.replied - self.on_time - (self.due_unknown - self.due_unknown_pending)

    @property
    def adoption_rate(self) -> Rate:
        return Rate(self.adopted, self.with_result, self.result_unknown, "答复类别不详", "份")

    def as_dict(self) -> dict:
        return {
            "due_unknown": self.due_unknown, "due_unknown_pending": self.due_unknown_pending,
            "result_unknown": self.result_unknown,
            "proposals": self.total, "unreviewed": self.unreviewed, "reviewed": self.reviewed,
            "filed": self.reviews["filed"], "merged": self.reviews["merged"],
            "not_filed": self.reviews["not_filed"], "converted": self.reviews["converted"],
            "filing_rate": self.filing_rate.as_dict(), "awaiting_assignment": self.awaiting_assignment,
            "assigned": self.assigned, "replied": self.replied, "replied_on_time": self.on_time,
            "replied_late": self.replied_late, "in_progress": self.in_progress, "overdue": len(self.overdue),
            "reply_rate": self.reply_rate.as_dict(), "on_time_rate": self.on_time_rate.as_dict(),
            "reopened": self.reopened, "days_per_proposal": self.days.as_dict(),
            "days_per_reply": self.reply_days.as_dict(), "satisfaction": self.satisfaction.as_dict(),
            "results": dict(self.results), "adopted": self.adopted, "with_result": self.with_result,
            "adoption_rate": self.adoption_rate.as_dict(),
            "commitments": self.commitments, "commitments_done": self.commitments_done,
            "commitments_overdue": self.commitments_overdue, "fulfilment_rate": self.fulfilment_rate.as_dict(),
        }


def _memo(site, key, make):
    """Figures are asked for by pages, /stats/ and the data exports: work each out once per build."""
    memo = site.stats_memo
    if key not in memo:
        memo[key] = make()
    return memo[key]


def _ids(site, proposals) -> tuple | None:
    """A set of proposals as a memo key: the objects' identities (p.id, a property, cost ~0.1 s a
    build); each set is kept in the memo too, so no identity is reused while the memo lives."""
    if proposals is None:
        return None
    key = tuple(map(id, proposals))
    _memo(site, "sets", dict).setdefault(key, proposals)
    return key


def figures(site, proposals) -> Figures:
    """The figures over `proposals` (see the module docstring for every definition)."""
    proposals = list(proposals)
    return _memo(site, ("figures", _ids(site, proposals)), lambda: _figures(site, proposals))


@dataclass
class _Share:
    """What one proposal adds to the figures of any set it is in (the whole, its year, its session,
    its category): worked out once a build (_share), then added up for each set."""

    review: str = ""
    reopened: bool = False
    promised: tuple = (0, 0, 0)  # commitments: total, done, overdue
    awaiting: bool = False
    assigned: bool = False
    due_unknown: bool = False
    state: str = ""  # of an assigned one: replied, overdue, in_progress or due_unknown_pending
    overdue: Overdue | None = None
    on_time: bool = False
    days: int | None = None
    days_left_out: int = 0
    reply_days: tuple = ()
    reply_days_left_out: int = 0
    replies: tuple = ()  # (result unknown, result code or None, adopted) of each current reply
    judgement: str | None = None


def _share(site, p: Proposal) -> _Share:
    shares = _memo(site, "shares", dict)  # by identity (p.id, a property, is slower), with p kept alive
    known = shares.get(id(p))
    if known is not None and known[0] is p:
        return known[1]
    life = site.life(p.id)
    promised = commitments.counts(commitments.of_proposal(site, p.id))
    s = _Share(p.review, "reopened" in life.flags, (promised["total"], promised["done"], promised["overdue"]))
    shares[id(p)] = (p, s)
    if not is_assigned(p):
        s.awaiting = p.review == "filed"
        return s
    s.assigned = True
    firsts = first_replies(life, p)
    s.due_unknown = life.due is None
    if life.pending_units:
        if life.due is None:
            s.state = "due_unknown_pending"
        elif "overdue" in life.flags:
            s.state = "overdue"
            s.overdue = Overdue(p, life.due, (site.build_date - life.due).days, tuple(life.pending_units))
        else:
            s.state = "in_progress"
    else:
        s.state = "replied"
        s.on_time = life.due is not None and "answered_late" not in life.flags  # lifecycle.answered_late decides
        if life.days_to_reply is not None:
            s.days = life.days_to_reply
        elif p.assigned is None:
            s.days_left_out = 1
    if p.assigned is None:
        s.reply_days_left_out = len(firsts)
    else:
        s.reply_days = tuple((x.date - p.assigned).days for x in firsts.values())
    s.replies = tuple(("result" in x.unknown, x.result.code if x.result else None, x.result.adopted if x.result else 0)
                      for x in current_replies(life, p))
    s.judgement = proposal_satisfaction(p)
    return s


_SHARE_FIELDS = tuple(f.name for f in fields(_Share))


def share_row(site, p: Proposal) -> tuple | None:
    """What `p` adds to the figures (_share), as plain values a kept day holds (digest.Digests'
    `kept_day`: taken on another day only for a proposal whose dates the build date did not cross
    and that is not daily, so the same); None for an overdue one (its days overdue change daily)."""
    s = _share(site, p)
    return None if s.overdue is not None else attrgetter(*_SHARE_FIELDS)(s)


def keep_shares(site, pairs) -> None:
    """This build's _share of each (proposal, share_row) pair: made from the kept values, not again."""
    shares = _memo(site, "shares", dict)
    for p, row in pairs:
        shares[id(p)] = (p, _Share(*row))


def _figures(site, proposals) -> Figures:
    f = Figures()
    codes = {c.code: 0 for c in site.vocab.result_codes}
    days, reply_days, judgements = [], [], []
    days_left_out = reply_days_left_out = 0
    for p in proposals:
        s = _share(site, p)
        f.total += 1
        if s.review in f.reviews:
            f.reviews[s.review] += 1
        elif not s.review:
            f.unreviewed += 1
        f.reopened += s.reopened
        f.commitments += s.promised[0]
        f.commitments_done += s.promised[1]
        f.commitments_overdue += s.promised[2]
        f.awaiting_assignment += s.awaiting
        if not s.assigned:
            continue
        f.assigned += 1
        f.due_unknown += s.due_unknown
        if s.state == "due_unknown_pending":
            f.due_unknown_pending += 1
        elif s.state == "overdue":
            f.overdue.append(s.overdue)
        elif s.state == "in_progress":
            f.in_progress += 1
        else:
            f.replied += 1
            f.on_time += s.on_time
            if s.days is not None:
                days.append(s.days)
            days_left_out += s.days_left_out
        reply_days_left_out += s.reply_days_left_out
        reply_days += s.reply_days
        for unknown, code, adopted in s.replies:
            f.result_unknown += unknown
            if code is not None:
                f.with_result += 1
                f.adopted += adopted
                codes[code] = codes.get(code, 0) + 1
        judgements.append(s.judgement)
    f.days, f.reply_days = Days(tuple(days), days_left_out), Days(tuple(reply_days), reply_days_left_out, "份")
    f.satisfaction = Satisfaction.of(judgements)
    f.results = codes
    f.overdue.sort(key=lambda o: (-o.days, o.proposal.id))
    return f


# ---------------------------------------------------------------- per unit


@dataclass
class UnitFigures:
    """One handling unit's record as lead/split unit (co work counted apart)."""

    unit: Unit
    assigned: int = 0
    replied: int = 0
    on_time: int = 0
    in_progress: int = 0
    overdue: list[Overdue] = field(default_factory=list)
    due_unknown: int = 0  # assignments whose deadline is unknown: left out of the on-time rate
    days: Days = Days()
    satisfaction: Satisfaction = Satisfaction()
    adopted: int = 0
    with_result: int = 0
    result_unknown: int = 0
    reopened: int = 0  # its replies superseded by a re-reply (重办)
    co_assigned: int = 0
    co_replied: int = 0
    commitments: int = 0  # promises in its replies public in full (any role: a co unit's are its own)
    commitments_done: int = 0
    commitments_overdue: int = 0

    @property
    def fulfilment_rate(self) -> Rate:
        """承诺兑现率 of its own commitments, as Figures.fulfilment_rate."""
        return _rate(self.commitments_done, self.commitments_done + self.commitments_overdue)

    @property
    def reply_rate(self) -> Rate:
        return _rate(self.replied, self.assigned)

    @property
    def on_time_rate(self) -> Rate:
        return Rate(self.on_time, self.assigned - self.due_unknown, self.due_unknown)

    @property
    def adoption_rate(self) -> Rate:
        return Rate(self.adopted, self.with_result, self.result_unknown, "答复类别不详", "份")

    def as_dict(self) -> dict:
        return {
            "due_unknown": self.due_unknown, "result_unknown": self.result_unknown,
            "assigned": self.assigned, "replied": self.replied, "replied_on_time": self.on_time,
            "in_progress": self.in_progress, "overdue": len(self.overdue),
            "overdue_proposals": [o.proposal.id for o in self.overdue],
            "reply_rate": self.reply_rate.as_dict(), "on_time_rate": self.on_time_rate.as_dict(),
            "days_per_reply": self.days.as_dict(), "satisfaction": self.satisfaction.as_dict(),
            "adopted": self.adopted, "with_result": self.with_result,
            "adoption_rate": self.adoption_rate.as_dict(), "reopened": self.reopened,
            "co_assigned": self.co_assigned, "co_replied": self.co_replied,
            "commitments": self.commitments, "commitments_done": self.commitments_done,
            "commitments_overdue": self.commitments_overdue, "fulfilment_rate": self.fulfilment_rate.as_dict(),
        }


def unit_figures(site, unit: Unit, proposals=None) -> UnitFigures:
    """The unit's figures over `proposals` (default: all)."""
    proposals = None if proposals is None else list(proposals)
    ids = _ids(site, proposals)
    every = _memo(site, ("units", ids), lambda: _units_figures(site, site.vocab.units, proposals))
    if unit in every:
        return every[unit]
    return _memo(site, ("unit", unit.slug, ids), lambda: _units_figures(site, [unit], proposals)[unit])


def _units_figures(site, units, proposals) -> dict[Unit, UnitFigures]:
    """Each of `units`' figures, in one pass over the proposals (a pass for each unit took
    0.4 s of every build): a proposal counts only for the units it names."""
    out = {unit: UnitFigures(unit) for unit in units}
    days = {unit: [] for unit in out}
    judgements = {unit: [] for unit in out}
    days_left_out = dict.fromkeys(out, 0)
    for p in site.all_proposals if proposals is None else proposals:
        promised = commitments.of_proposal(site, p.id)
        for unit in dict.fromkeys(c.reply.unit for c in promised):
            if unit in out:
                counted = commitments.counts([c for c in promised if c.reply.unit == unit])
                u = out[unit]
                u.commitments += counted["total"]
                u.commitments_done += counted["done"]
                u.commitments_overdue += counted["overdue"]
        if not is_assigned(p):
            continue
        life = site.life(p.id)
        for unit in dict.fromkeys(p.co_units):
            if unit in out and unit not in p.lead_units:
                u = out[unit]
                u.co_assigned += 1
                u.co_replied += any(x.unit == unit for x in life.responses)
        firsts = None
        for unit in dict.fromkeys(p.lead_units):
            if unit not in out:
                continue
            u = out[unit]
            if firsts is None:
                firsts = first_replies(life, p)
            u.assigned += 1
            u.due_unknown += life.due is None
            first = firsts.get(unit)
            if first is None:
                if life.due and site.build_date > life.due:
                    u.overdue.append(Overdue(p, life.due, (site.build_date - life.due).days, (unit,)))
                elif life.due:
                    u.in_progress += 1
                continue
            u.replied += 1
            u.on_time += life.due is not None and first.date <= life.due
            if p.assigned is None:
                days_left_out[unit] += 1
            else:
                days[unit].append((first.date - p.assigned).days)
            mine = [x for x in life.responses if x.unit == unit and x.role in LEAD_ROLES]
            u.reopened += sum(1 for x in mine if x.id in life.superseded)
            for x in mine:
                if x.id in life.superseded:
                    continue
                u.result_unknown += "result" in x.unknown
                if x.result:
                    u.with_result += 1
                    u.adopted += x.result.adopted
                judgements[unit].append(reply_satisfaction(p, life, x))
    for unit, u in out.items():
        u.days = Days(tuple(days[unit]), days_left_out[unit], "份")
        u.satisfaction = Satisfaction.of(judgements[unit])
        u.overdue.sort(key=lambda o: (-o.days, o.proposal.id))
    return out


def all_unit_figures(site, proposals=None) -> list[UnitFigures]:
    """Every unit of site.yaml, in its order there."""
    return [unit_figures(site, unit, proposals) for unit in site.vocab.units]


# ---------------------------------------------------------------- groupings


@dataclass
class Group:
    """A labelled set of proposals and its figures (a year, a session, a category)."""

    key: str
    label: str
    figures: Figures
    detail: str = ""  # e.g. the sessions a year covers


def by_year(site) -> list[Group]:
    """Newest year first; each year's label names the sessions it covers."""
    years = {}
    for p in site.all_proposals:
        years.setdefault(p.year, []).append(p)
    out = []
    for year in sorted(years, reverse=True):
        sessions = []
        for p in sorted(years[year], key=lambda p: (isinstance(p.session, str), str(p.session))):
            label = session_label(p.term, p.session)
            if label and label not in sessions:
                sessions.append(label)
        out.append(Group(str(year), f"{year}年", figures(site, years[year]), "、".join(sessions)))
    return out


def by_session(site) -> list[Group]:
    """十五届五次会议, 十五届闭会期间 …: the group with the latest submission first."""
    groups = {}
    for p in site.all_proposals:
        groups.setdefault((p.term, p.session), []).append(p)
    latest = {k: max((p.submitted or dt.date.min, p.id) for p in v) for k, v in groups.items()}
    out = []
    for key in sorted(groups, key=latest.__getitem__, reverse=True):
        label = session_label(*key) or "未注明届次"
        out.append(Group(f"{key[0] or ''}-{key[1] or ''}", label, figures(site, groups[key])))
    return out


def by_category(site) -> list[Group]:
    """Each category of site.yaml, in its order there (empty ones too)."""
    members = {t: [] for t in site.vocab.categories}  # Terms are equal by value, as they hash
    for p in site.all_proposals:  # one pass, not one per category
        if p.category in members:
            members[p.category].append(p)
    return [Group(t.slug, t.name, figures(site, members[t])) for t in site.vocab.categories]


def overall(site) -> Figures:
    return figures(site, site.all_proposals)

