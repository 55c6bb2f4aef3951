"""The open-data tables beside the JSON (units.csv, commitments.csv; plugins/disclosure/export.py) and the
evidence a commitment update cites, as data users read them.

Ground truth: the unit figures worked out by hand in tests/support/stats_fixture.py (the same numbers
test_stats_export.py checks in stats.json), docs/statistics.md (a rate with an empty denominator is
exported as a missing value, never 0%; rates to one decimal; a median may end in .5) and
docs/content-model.md "Commitments" (evidence: an announcement id, an http(s) address or a file,
published as evidence/<path>).
"""
from urllib.parse import unquote, urlsplit

import pytest

from conftest import BUILD_DATE, assigned_proposal, response
from disclosure import export
from disclosure.site import load_site
from support.stats_fixture import files
from tests.support.documents import pdf_bytes

BASE = "https://zx.example.org"


@pytest.fixture
def stats_site(make_content):
    s = load_site(make_content(files()), today=BUILD_DATE)
    assert s.report.ok, s.report.format()
    return s


def unit_row(site, slug):
    unit = next(u for u in site.vocab.units if u.slug == slug)
    (row,) = export.csv_rows(export.UNIT_CSV, [export.unit_record(site, unit, BASE)])
    return dict(zip([c.header for c in export.UNIT_CSV], row))


def test_a_unit_s_row_in_units_csv(stats_site):
    # 区发改委 leads 2026-0001 (50 d), 0002 (split, 30 d), 0009 (no reply, overdue) and 2025-0001 (20 d);
    # 满意 on 0001 and 0002, 基本满意 on 2025-0001; its replies are A, B, A; one commitment (due 12-31,
    # 推进中): neither done nor overdue, so 承诺兑现率 has an empty denominator.
    assert unit_row(stats_site, "fgw") == {
        "单位名称": "测试区发展和改革委员会", "简称": "区发改委", "代码": "fgw", "主办分办件数": 4, "已答复": 3,
        "按期答复": 3, "办理中": 0, "逾期未答复": 1, "办复率（%）": "75.0", "按期办复率（%）": "75.0",
        "答复用时中位数（天）": "30", "答复用时90%分位数（天）": "50", "解决采纳率（%）": "100.0", "有反馈": 3,
        "满意": 2, "基本满意": 1, "不满意": 0, "满意率（%）": "66.7", "重新办理": 0, "会办件数": 0, "承诺": 1,
        "承诺已完成": 0, "承诺逾期未完成": 0, "承诺兑现率（%）": "", "网址": f"{BASE}/units/fgw/"}


def test_a_zero_rate_is_zero_and_an_empty_one_is_missing(stats_site):
    # 区民政局: 0002 (split, 100 d, late, C) and 0010 (in progress); it co-handles 0003; 基本满意 on 0002.
    row = unit_row(stats_site, "mz")
    assert {k: row[k] for k in ["办复率（%）", "按期办复率（%）", "解决采纳率（%）", "满意率（%）", "答复用时中位数（天）",
                                "答复用时90%分位数（天）", "办理中", "会办件数", "承诺", "承诺兑现率（%）"]} == {
        "办复率（%）": "50.0", "按期办复率（%）": "0.0", "解决采纳率（%）": "0.0", "满意率（%）": "0.0",
        "答复用时中位数（天）": "100", "答复用时90%分位数（天）": "100", "办理中": 1, "会办件数": 1, "承诺": 0,
        "承诺兑现率（%）": ""}


def test_a_median_of_two_replies_may_end_in_a_half(stats_site):
    # 区生态环境局's first replies: 0003 after 40 days (03-01 → 04-10), 0011 after 23 (02-10 → 03-05).
    row = unit_row(stats_site, "sthj")
    assert (row["答复用时中位数（天）"], row["答复用时90%分位数（天）"]) == ("31.5", "40")
    assert (row["已答复"], row["按期答复"], row["按期办复率（%）"]) == (2, 1, "50.0")


def test_a_unit_with_nothing_assigned_has_missing_rates_not_zero(make_content):
    site = load_site(make_content(dict([assigned_proposal()])), today=BUILD_DATE)
    row = unit_row(site, "mz")
    assert [row[k] for k in ["办复率（%）", "按期办复率（%）", "答复用时中位数（天）", "答复用时90%分位数（天）",
                             "解决采纳率（%）", "满意率（%）", "承诺兑现率（%）"]] == [""] * 7
    assert (row["主办分办件数"], row["已答复"], row["有反馈"]) == (0, 0, 0)


NOTICE = ("announcements/2026/canteen-opening.md",
          "---\ntitle: 社区食堂开业\ndate: 2026-05-01\nkind: news\n---\n\n正文。\n")
EVIDENCE = ["files/2026/评估报告.pdf", "https://gov.example.cn/a?b=1", "2026/canteen-opening"]


@pytest.fixture
def cited(make_content):
    updates = [{"date": "2026-05-01", "status": "推进中", "note": "已选址。", "evidence": EVIDENCE},
               {"date": "2026-07-01", "status": "已完成"}]
    root = make_content(dict([
        assigned_proposal(events=[{"date": "2026-09-10", "label": "回头看", "note": "察看三处食堂。", "reviews": [1]}]),
        response(commitments=[{"text": "六月底前建成社区食堂。", "due": "2026-06-30", "updates": updates},
                              {"text": "逐步扩大助餐服务。"}]), NOTICE]))
    (root / "files/2026").mkdir(parents=True)
    (root / "files/2026/评估报告.pdf").write_bytes(pdf_bytes(["评估报告"]))
    s = load_site(root, today=BUILD_DATE)
    assert s.report.ok and not s.report.problems, s.report.format()
    return s


def test_each_kind_of_evidence_is_a_link_a_reader_can_follow(cited):
    first, _ = export.response_record(cited, cited.responses["2026/0001-fgw"], BASE)["commitments"]
    assert first["updates"][0]["evidence"] == [
        # the address percent-encoded (UTF-8), as an attachment's: the schema says `format: uri`
        {"kind": "file", "ref": "files/2026/评估报告.pdf",
         "url": f"{BASE}/evidence/files/2026/%E8%AF%84%E4%BC%B0%E6%8A%A5%E5%91%8A.pdf", "title": "评估报告.pdf"},
        {"kind": "link", "ref": "https://gov.example.cn/a?b=1", "url": "https://gov.example.cn/a?b=1",
         "title": "https://gov.example.cn/a?b=1"},
        {"kind": "announcement", "ref": "2026/canteen-opening", "url": f"{BASE}/announcements/2026/canteen-opening/",
         "title": "社区食堂开业"}]


def test_an_evidence_file_s_address_names_the_file_whatever_its_name(make_content):
    """A file name with a space, # or % (staff name files as they like; `check` accepts them) is still
    the file: read as a browser reads the address, the path is evidence/<path>, with no fragment."""
    name = "files/2026/评估 报告#1 100%.pdf"
    root = make_content(dict([assigned_proposal(), response(commitments=[{"text": "年底前出台导则。", "updates": [
        {"date": "2026-05-01", "status": "推进中", "evidence": name}]}])]))
    (root / "files/2026").mkdir(parents=True)
    (root / name).write_bytes(pdf_bytes(["评估报告"]))
    site = load_site(root, today=BUILD_DATE)
    assert site.report.ok and not site.report.problems, site.report.format()
    (c,) = export.response_record(site, site.responses["2026/0001-fgw"], BASE)["commitments"]
    (ev,) = c["updates"][0]["evidence"]
    address = urlsplit(ev["url"])
    assert (address.scheme, address.netloc, address.query, address.fragment) == ("https", "zx.example.org", "", "")
    assert unquote(address.path) == "/evidence/" + name
    assert ev["url"].isascii() and " " not in ev["url"]
    assert (ev["ref"], ev["title"]) == (name, "评估 报告#1 100%.pdf")


def test_a_commitment_record_as_of_the_build_date(cited):
    first, second = export.response_record(cited, cited.responses["2026/0001-fgw"], BASE)["commitments"]
    # done on 07-01, after its due date 06-30: done late is no longer overdue (content-model.md)
    assert {k: first[k] for k in ["text", "due", "status", "status_label", "status_date", "overdue"]} == {
        "text": "六月底前建成社区食堂。", "due": "2026-06-30", "status": "done", "status_label": "已完成",
        "status_date": "2026-07-01", "overdue": False}
    assert [(u["date"], u["status"], u["status_label"], u["note"]) for u in first["updates"]] == [
        ("2026-05-01", "in_progress", "推进中", "已选址。"), ("2026-07-01", "done", "已完成", None)]
    assert first["updates"][1]["evidence"] == []
    assert first["reviews"] == [{"date": "2026-09-10", "label": "回头看", "note": "察看三处食堂。"}]
    # no update, no due date: 尚无进展, never overdue, no status date
    assert {k: second[k] for k in ["text", "due", "status", "status_label", "status_date", "overdue", "updates",
                                   "reviews"]} == {
        "text": "逐步扩大助餐服务。", "due": None, "status": "none", "status_label": "尚无进展", "status_date": None,
        "overdue": False, "updates": [], "reviews": []}


def test_the_follow_up_on_the_proposal_names_what_it_reviewed(cited):
    r = export.proposal_record(cited, cited.proposals["2026-0001"], BASE)
    (f,) = r["follow_ups"]
    (review,) = f["reviews"]
    assert (f["date"], f["label"], f["note"]) == ("2026-09-10", "回头看", "察看三处食堂。")
    assert (review["response"], review["text"]) == ("2026/0001-fgw", "六月底前建成社区食堂。")
    assert review["url"].startswith(f"{BASE}/proposals/2026/0001/#") and review["key"].startswith("2026/0001-fgw#")
    assert r["commitment_counts"] == {"total": 2, "done": 1, "overdue": 0}


def test_commitments_csv_one_row_per_commitment(cited):
    rows = export.commitment_rows(cited, BASE)
    headers = [c.header for c in export.COMMITMENT_CSV]
    cells = [dict(zip(headers, row)) for row in export.csv_rows(export.COMMITMENT_CSV, rows)]
    assert [{k: v for k, v in c.items() if k != "网址"} for c in cells] == [
        {"提案编号": "2026-0001", "答复编号": "2026/0001-fgw", "答复单位": "测试区发展和改革委员会",
         "答复日期": "2026-04-01", "承诺内容": "六月底前建成社区食堂。", "完成期限": "2026-06-30", "目前状态": "已完成",
         "状态日期": "2026-07-01", "逾期": "否", "进展条数": 2},
        {"提案编号": "2026-0001", "答复编号": "2026/0001-fgw", "答复单位": "测试区发展和改革委员会",
         "答复日期": "2026-04-01", "承诺内容": "逐步扩大助餐服务。", "完成期限": "", "目前状态": "尚无进展",
         "状态日期": "", "逾期": "否", "进展条数": 0}]
    first, second = cells
    assert first["网址"].startswith(f"{BASE}/proposals/2026/0001/#") and first["网址"] != second["网址"]


def test_a_closed_proposal_with_feedback_from_no_unit_in_particular(stats_site):
    # 2025-0001: 基本满意 (no unit named) on 2025-03-20, closed on 2025-04-01
    r = export.proposal_record(stats_site, stats_site.proposals["2025-0001"], BASE)
    assert (r["closed"], r["status"], r["status_label"]) == ("2025-04-01", "closed", "已办结")
    assert r["feedback"] == [{"date": "2025-03-20", "satisfaction": "basically_satisfied",
                              "satisfaction_label": "基本满意", "unit": None, "note": None}]
    assert dict(zip(export.CSV_HEADER, export.proposal_csv_row(r)))["办结日期"] == "2025-04-01"


def test_stats_json_lists_each_overdue_proposal(stats_site):
    # 2026-0009: 交办 06-01, due 08-30 (90 days), no reply: 85 days overdue on the build date 11-23
    from test_open_data_records import schema_errors

    r = export.stats_record(stats_site, BASE)
    assert schema_errors("stats.schema.json", r) == []
    assert r["overdue"] == [{"proposal": "2026-0009", "title": "关于第0009号事项的建议",
                             "url": f"{BASE}/proposals/2026/0009/", "due": "2026-08-30", "days_overdue": 85,
                             "units": [{"name": "测试区发展和改革委员会", "short": "区发改委", "slug": "fgw"}]}]


def test_a_column_of_a_new_table_describes_itself_in_the_table_schema():
    # as a kind registered later writes its table (docs/architecture.md, kinds' Export)
    plain = export.Column("编号", "id", "string", lambda r: r["id"])
    link = export.Column("网址", "url", "string", lambda r: r["url"], description="url: its page", format="uri")
    assert export.table_schema([plain, link], primary_key="编号") == {
        "fields": [{"name": "编号", "title": "编号", "type": "string", "description": "id"},
                   {"name": "网址", "title": "网址", "type": "string", "description": "url: its page", "format": "uri"}],
        "missingValues": [""], "primaryKey": ["编号"]}
    assert export.csv_rows([plain, link], [{"id": "2026-0001", "url": "https://zx.example.org/"}]) == [
        ["2026-0001", "https://zx.example.org/"]]
