"""Five proposals a resident may open, one per way a story can end (issue 18's first screen).

Dates are the ground truth the tests compare with: the build date is 2026-11-23
(tests/conftest.py), reply_days is 90, so a proposal assigned on 2026-02-10 is due
on 2026-05-11.
"""
from __future__ import annotations

import datetime as dt

from conftest import assigned_proposal, proposal, response

LONG = "关于加快推进老旧小区加装电梯和无障碍设施改造、完善社区居家养老服务体系的建议"
ASSIGNED = dt.date(2026, 2, 10)
DUE = ASSIGNED + dt.timedelta(days=90)
LATE_REPLY = dt.date(2026, 10, 29)
OVERDUE_ASSIGNED = dt.date(2026, 3, 1)

CLOSED, OVERDUE, LATE, REHANDLED, MERGED, WAITING = "0001", "0002", "0003", "0004", "0005", "0006"
NOT_FILED = "0007"
# 审查意见 as offices word it: the outcome with its reason and where the matter can go instead.
NOT_FILED_REASON = "本件所提事项属上级部门事权，不在区级党政部门职责范围内，不予立案，建议通过社情民意信息渠道向上反映。"
WAITING_ASSIGNED = dt.date(2026, 10, 1)  # due 2026-12-30: 办理中 but not overdue


def files() -> dict:
    return dict([
        assigned_proposal(CLOSED, title=LONG, handling="lead_co", co_units=["区生态环境局"],
                          feedback=[{"date": "2026-04-20", "satisfaction": "满意"}], closed="2026-05-01"),
        response(f"2026-{CLOSED}", date="2026-04-01", result="A"),
        response(f"2026-{CLOSED}", unit="sthj", role="co", result=None, date="2026-03-20"),
        assigned_proposal(OVERDUE, title=LONG, assigned=OVERDUE_ASSIGNED.isoformat(),
                          handling="split", lead_units=["区发改委", "区民政局"]),
        response(f"2026-{OVERDUE}", role="split", date="2026-04-15", result="B"),
        assigned_proposal(LATE, title=LONG, feedback=[{"date": "2026-11-05", "satisfaction": "基本满意"}]),
        response(f"2026-{LATE}", date=LATE_REPLY.isoformat(), result="B"),
        assigned_proposal(REHANDLED, title=LONG, feedback=[
            {"date": "2026-04-10", "satisfaction": "不满意", "note": "答复不具体。"},
            {"date": "2026-06-10", "satisfaction": "满意"}]),
        response(f"2026-{REHANDLED}", date="2026-04-01", result="C"),
        response(f"2026-{REHANDLED}", suffix="-2", date="2026-06-01", result="A", supersedes=f"2026/{REHANDLED}-fgw"),
        proposal(MERGED, title=LONG, review="merged", review_date="2026-02-01", merged_into=f"2026-{CLOSED}"),
        assigned_proposal(WAITING, assigned=WAITING_ASSIGNED.isoformat()),
        proposal(NOT_FILED, title=LONG, review="not_filed", review_date="2026-02-01", review_note=NOT_FILED_REASON),
    ])
