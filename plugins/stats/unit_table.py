"""The table of all units, sortable without JavaScript: one pre-sorted page per column."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Column:
    key: str  # URL part (stats/units/by-<key>/); "" is site.yaml order
    header: str
    value: Callable
    descending: bool = True  # the useful order first: highest rate, most cases, fewest days

    @property
    def order_label(self) -> str:
        return "从高到低" if self.descending else "从低到高"


def _pct(rate):
    return rate.value


COLUMNS = [
    Column("", "承办单位", lambda u: None, False),
    Column("assigned", "主办分办件数", lambda u: u.assigned),
    Column("reply-rate", "办复率", lambda u: _pct(u.reply_rate)),
    Column("on-time", "按期办复率", lambda u: _pct(u.on_time_rate)),
    Column("overdue", "逾期未答复", lambda u: len(u.overdue)),
    Column("median-days", "用时中位数（天）", lambda u: u.days.median, False),
    Column("p90-days", "用时90%分位（天）", lambda u: u.days.p90, False),
    Column("adoption", "解决采纳率", lambda u: _pct(u.adoption_rate)),
    Column("satisfaction", "满意率", lambda u: _pct(u.satisfaction.satisfied_rate)),
    Column("reopened", "重新办理", lambda u: u.reopened),
    Column("commitments", "承诺（逾期未完成）", lambda u: u.commitments),
    Column("fulfilment", "承诺兑现率", lambda u: _pct(u.fulfilment_rate)),
]


def sort_units(units, column: Column) -> list:
    """Sorted by the column; units without a value last; ties keep site.yaml order."""
    if not column.key:
        return list(units)
    known = [u for u in units if column.value(u) is not None]
    unknown = [u for u in units if column.value(u) is None]
    return sorted(known, key=column.value, reverse=column.descending) + unknown
