"""A fixture site with every status, flag, role, disclosure and announcement kind.

The sample content shows a realistic archive; this one makes sure no state is
missing from the quality gates: each status of the lifecycle, an overdue, a
late-answered, a reopened and a key proposal, summary and withheld disclosure,
commitments (done, overdue, none yet) and a 回头看 reviewing them, every kind of
announcement with an open and a closed 公示 window, an empty listing and a
second page of a paginated listing; a legacy proposal whose facts are unknown (未知), a reply
published later than signed with 抄送 and a phone, a 公示 with its window and issuer, a reply with an attachment.
"""
from __future__ import annotations

from conftest import assigned_proposal, proposal, response
from tests.support.documents import pdf_bytes

RICH_BODY = """## 背景情况

老旧小区加装电梯涉及**业主协商**、资金筹措和_规划审批_三个环节。参见[第0002号提案](/proposals/2026/0002/)。

## 具体建议

1. 建立协商平台；
2. 设立专项补贴：

| 项目 | 补贴比例 |
|---|---|
| 设备 | 40% |
| 安装 | 20% |

> 以上建议供参考。

- 要点一
- 要点二

[返回页首](#main)
"""


def files() -> dict:
    tree = dict([
        proposal("0001", body=RICH_BODY),
        proposal("0002", review="filed", review_date="2026-02-01", key=True),
        proposal("0003", review="not_filed", review_date="2026-02-01"),
        proposal("0004", review="merged", review_date="2026-02-01", merged_into="2026-0002"),
        proposal("0005", review="converted", review_date="2026-02-01"),
        assigned_proposal("0006", assigned="2026-10-20"),
        assigned_proposal("0007", key=True, supervisor="区政协主席会议", sector="中国民主同盟",
                          events=[{"date": "2026-03-05", "label": "办前协商", "note": "与承办单位当面沟通"}]),
        assigned_proposal("0008", events=[{"date": "2026-05-20", "label": "回头看", "note": "委员察看试点小区。",
                                           "reviews": [1, 2]}]),  # a follow-up reviewing two commitments
        response("2026-0008", doc_no="测发改〔2026〕8号", signer="王五", contact="区发改委办公室 010-12345678",
                 published="2026-04-10", cc=["区政协提案委"], issuer="测试区人民政府办公室",
                 commitments=[  # 落实情况: done with evidence, overdue, not yet reported
                     {"text": "年内出台加装电梯补贴办法。", "due": "2026-12-31", "updates": [
                         {"date": "2026-05-01", "status": "推进中", "note": "草案征求意见。"},
                         {"date": "2026-06-01", "status": "已完成", "evidence": ["2026/policy", "https://www.example.gov.cn/"]}]},
                     {"text": "六月底前完成首批试点。", "due": "2026-06-30", "updates": [
                         {"date": "2026-05-15", "status": "未落实", "note": "资金未到位。"}]},
                     {"text": "逐步扩大覆盖面。"}]),
        assigned_proposal("0009", feedback=[{"date": "2026-05-01", "satisfaction": "basically_satisfied"}]),
        response("2026-0009", result="B", attachments=[{"file": "0009-fgw.pdf", "title": "答复函（盖章件）"}]),
        assigned_proposal("0010", handling="lead_co", co_units=["区生态环境局"],
                          feedback=[{"date": "2026-05-01", "satisfaction": "满意", "unit": "区发改委"}],
                          closed="2026-06-01"),
        response("2026-0010"),
        response("2026-0010", unit="sthj", role="co", result=None, date="2026-03-20"),
        assigned_proposal("0011", feedback=[
            {"date": "2026-04-10", "satisfaction": "dissatisfied", "unit": "区发改委", "note": "答复不具体。"},
            {"date": "2026-06-10", "satisfaction": "satisfied", "unit": "区发改委"}]),
        response("2026-0011", result="C"),
        response("2026-0011", suffix="-2", date="2026-06-01", supersedes="2026/0011-fgw"),
        assigned_proposal("0012", handling="split", lead_units=["区发改委", "区民政局"]),
        response("2026-0012", role="split"),
        response("2026-0012", unit="mz", role="split", result="C", date="2026-04-05"),
        proposal("0013", disclosure="summary", summary="本提案摘要公开：建议优化社区养老服务。"),
        assigned_proposal("0014", disclosure="withheld"),
        response("2026-0014", disclosure="withheld"),
        assigned_proposal("0024", handling="split", lead_units=["区发改委", "区民政局"],
                          feedback=[{"date": "2026-11-05", "satisfaction": "基本满意"}]),  # answered late
        response("2026-0024", role="split", date="2026-04-01"),
        response("2026-0024", unit="mz", role="split", result="B", date="2026-10-29"),
    ])
    tree["responses/2026/0009-fgw.pdf"] = pdf_bytes(["答复函：加装电梯补贴列入明年计划。"])  # an attachment (附件)
    for n in range(15, 24):  # fill proposals/ and years/2026/ past one page (20 per page)
        tree.update([proposal(f"{n:04d}", category="社会事业")])
    for n in range(1, 3):
        tree.update([proposal(f"{n:04d}", year=2025, sector="经济界")])
    tree["proposals/2025/legacy-1.md"] = proposal(
        "未知", year=2025, title="关于旧提案的建议", proposers="未知", submitted="未知", review="filed",
        review_date="未知", lead_units=["区发改委"], assigned="未知", due="未知")[1]
    tree.update({
        "announcements/2026/publicity-open.md": _announcement("公示：社区微更新项目", "2026-11-20", "publicity",
                                                              until="2026-12-20", related=["2026-0002"],
                                                              **{"from": "2026-11-20", "objection": "书面意见寄送区住建委",
                                                                 "issuer": "测试区住房和城乡建设管理委员会"}),
        "announcements/2026/publicity-closed.md": _announcement("公示：已结束的项目", "2026-03-01", "publicity",
                                                                until="2026-03-10"),
        "announcements/2026/result.md": _announcement("2025年度提案办理结果", "2026-02-15", "result",
                                                      related=["2026-0010", "2026-0011"]),
        "announcements/2026/policy.md": _announcement("政策解读：加装电梯补贴", "2026-04-01", "policy", region="测试街道"),
        "announcements/2025/news.md": _announcement("工作动态：提案办理座谈会", "2025-12-01", "news"),
    })
    return tree


def _announcement(title, date, kind, **fields):
    import yaml

    meta = {"title": title, "date": date, "kind": kind, **fields}
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{text}---\n\n公告正文。\n\n| 序号 | 名称 |\n|---|---|\n| 1 | 测试社区 |\n"
