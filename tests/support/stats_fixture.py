"""A small site whose every statistic was computed by hand (see the comments).

Build date 2026-11-23, reply_days 90. Units: 区发改委 fgw, 区生态环境局 sthj,
区民政局 mz; reply classes A and B count as adopted, C does not.

2026 (十五届五次会议 unless noted):
  0001 sole fgw, 交办 02-10, due 05-11; fgw 04-01 A (50 d, on time); 满意 04-20.
  0002 split fgw+mz (社会事业), 交办 02-10, due 05-11; fgw 03-12 B (30 d); mz 05-21 C
       (100 d, late): the proposal completes late at 100 d. 06-01: fgw 满意, mz 基本满意
       (same date → the proposal counts as 基本满意).
  0003 lead sthj + co mz (城市建设), 交办 03-01, due 05-30; mz co 04-05; sthj 04-10 C (40 d,
       on time); 不满意 04-20; sthj re-reply 06-10 A supersedes it; 满意 06-20 (re-handled).
  0004 not filed · 0005 merged into 0001 · 0006 converted · 0007 filed, not assigned
  0008 submitted, not reviewed
  0009 sole fgw, 交办 06-01, due 08-30, no reply: overdue by 85 days on 11-23.
  0010 sole mz (闭会期间, submitted 09-20), 交办 10-01, due 12-30: in progress.
  0011 sole sthj, 交办 02-10, due set to 03-01; sthj 03-05 B (23 d, late); no feedback.
2025 (十五届四次会议):
  0001 sole fgw, 交办 02-10; fgw 03-02 A (20 d, on time); 基本满意 (no unit) 03-20; closed.
  0002 not filed.
"""
from conftest import assigned_proposal, proposal, response

S5 = {"term": 15, "session": 5}
S4 = {"term": 15, "session": 4}


def files() -> dict:
    return dict([
        assigned_proposal("0001", **S5, feedback=[{"date": "2026-04-20", "satisfaction": "满意", "unit": "区发改委"}]),
        response("2026-0001", "fgw", date="2026-04-01", result="A",  # one commitment: commitments.csv has a row
                 commitments=[{"text": "年内完成。", "due": "2026-12-31",
                               "updates": [{"date": "2026-06-01", "status": "推进中"}]}]),

        assigned_proposal("0002", **S5, category="社会事业", handling="split", lead_units=["区发改委", "区民政局"],
                          feedback=[{"date": "2026-06-01", "satisfaction": "satisfied", "unit": "区发改委"},
                                    {"date": "2026-06-01", "satisfaction": "basically_satisfied", "unit": "区民政局"}]),
        response("2026-0002", "fgw", role="split", date="2026-03-12", result="B"),
        response("2026-0002", "mz", role="split", date="2026-05-21", result="C"),

        assigned_proposal("0003", **S5, category="城市建设", handling="lead_co", lead_units=["区生态环境局"],
                          co_units=["区民政局"], assigned="2026-03-01",
                          feedback=[{"date": "2026-04-20", "satisfaction": "不满意", "unit": "区生态环境局"},
                                    {"date": "2026-06-20", "satisfaction": "满意", "unit": "区生态环境局"}]),
        response("2026-0003", "mz", role="co", date="2026-04-05", result=None),
        response("2026-0003", "sthj", date="2026-04-10", result="C"),
        response("2026-0003", "sthj", suffix="-2", date="2026-06-10", result="A", supersedes="2026/0003-sthj"),

        proposal("0004", **S5, review="not_filed", review_date="2026-02-01"),
        proposal("0005", **S5, review="merged", review_date="2026-02-01", merged_into="2026-0001"),
        proposal("0006", **S5, review="converted", review_date="2026-02-01"),
        proposal("0007", **S5, review="filed", review_date="2026-02-01"),
        proposal("0008", **S5),
        assigned_proposal("0009", **S5, assigned="2026-06-01"),
        assigned_proposal("0010", term=15, session="闭会期间", submitted="2026-09-20", review_date="2026-09-25",
                          lead_units=["区民政局"], assigned="2026-10-01"),
        assigned_proposal("0011", **S5, lead_units=["区生态环境局"], due="2026-03-01"),
        response("2026-0011", "sthj", date="2026-03-05", result="B"),

        assigned_proposal("0001", 2025, **S4, feedback=[{"date": "2025-03-20", "satisfaction": "基本满意"}],
                          closed="2025-04-01"),
        response("2025-0001", "fgw", date="2025-03-02", result="A"),
        proposal("0002", 2025, **S4, review="not_filed", review_date="2025-02-01"),
    ])
