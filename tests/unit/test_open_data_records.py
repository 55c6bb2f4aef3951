"""Open-data records (data/*.json, the JSON twins, the CSV rows: plugins/disclosure/export.py), from
a small site loaded without a build. Every expected value is read off the front matter and
site.yaml below (docs/content-model.md); every record must validate against the schema the site
publishes (plugins/opendata/schemas/)."""
import json
from pathlib import Path

import disclosure
import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from conftest import BUILD_DATE, assigned_proposal, front_matter, proposal, response
from disclosure import export
from disclosure.site import load_site

BASE = "https://zx.example.org"
SCHEMAS = Path(disclosure.__file__).resolve().parent.parent / "opendata" / "schemas"
FEEDBACK = {"date": "2026-04-20", "satisfaction": "基本满意", "unit": "区发改委", "note": "希望加快进度。"}
PROPOSAL = assigned_proposal(
    term=15, session=2, sector="中国民主同盟", proposers=["张三", "李四"], category="社会事业", tags=["养老", "食堂"],
    handling="lead_co", lead_units=["区发改委"], co_units=["区生态环境局"], key=True, supervisor="区政协主席",
    feedback=[FEEDBACK], events=[{"date": "2026-03-01", "label": "办前协商", "note": "与委员面商。"}],
    body="建议增设社区食堂。")
COMMITMENTS = [{"text": "年内建成三处社区食堂。", "due": "2026-12-31",
                "updates": [{"date": "2026-06-15", "status": "推进中", "note": "两处已完成选址。"}]}]
LEAD_REPLY = response(date="2026-04-01", published="2026-04-03", doc_no="测发改〔2026〕12号", signer="王某",
                      contact="李明 021-63001234", cc=["区政协提案委"], issuer="测试区人民政府办公室",
                      commitments=COMMITMENTS, body="已经开工建设。")
CO_REPLY = response(unit="sthj", role="co", date="2026-03-20", result=None, body="会办意见。")
NOTICE = ("announcements/2026/canteen.md", front_matter({
    "title": "关于社区食堂选址的公示", "date": "2026-11-20", "kind": "公示", "from": "2026-11-20", "until": "2026-11-27",
    "objection": "书面意见寄区政协提案委。", "issuer": "测试区民政局", "region": "东湖街道", "related": ["2026-0001"],
    "tags": ["食堂"]}, "食堂选址在东湖路。"))
LEGACY = ("proposals/2022/legacy-1.md", front_matter({
    "number": "未知", "year": 2022, "title": "关于改善老旧小区停车的建议", "proposers": "未知", "category": "城市建设",
    "submitted": "未知", "disclosure": "withheld"}, "不公开的正文。"))


@pytest.fixture
def site(make_content):
    files = dict([PROPOSAL, LEAD_REPLY, CO_REPLY, NOTICE, LEGACY])
    files = {k: v.replace("result: null\n", "") for k, v in files.items()}
    s = load_site(make_content(files), today=BUILD_DATE)
    assert s.report.ok and not s.report.errors, s.report.format()
    return s


def schema_errors(name, instance):
    found = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.schema.json")}
    registry = Registry().with_resources([(n, Resource.from_contents(s)) for n, s in found.items()])
    validator = Draft202012Validator(found[name], registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{e.json_path}: {e.message[:200]}" for e in validator.iter_errors(instance)]


FGW = {"name": "测试区发展和改革委员会", "short": "区发改委", "slug": "fgw"}
STHJ = {"name": "测试区生态环境局", "short": "区生态环境局", "slug": "sthj"}


def test_a_proposal_record_says_what_the_file_says(site):
    r = export.proposal_record(site, site.proposals["2026-0001"], BASE)
    assert schema_errors("proposal.schema.json", r) == []
    assert {k: r[k] for k in ["id", "number", "year", "term", "session", "title", "url", "proposers", "proposer_type",
                              "sector", "category", "tags", "submitted", "review", "review_date", "merged_into",
                              "handling", "lead_units", "co_units", "assigned", "due", "key", "supervisor", "closed",
                              "disclosure", "unknown", "text", "attachments"]} == {
        "id": "2026-0001", "number": "0001", "year": 2026, "term": 15, "session": 2, "title": "关于第0001号事项的建议",
        "url": f"{BASE}/proposals/2026/0001/", "proposers": ["张三", "李四"], "proposer_type": "joint",
        "sector": "中国民主同盟", "category": "社会事业", "tags": ["养老", "食堂"], "submitted": "2026-01-10",
        "review": "filed", "review_date": "2026-02-01", "merged_into": None, "handling": "lead_co",
        "lead_units": [FGW], "co_units": [STHJ], "assigned": "2026-02-10",
        "due": "2026-05-11",  # 交办 + site.yaml's reply_days (90)
        "key": True, "supervisor": "区政协主席", "closed": None, "disclosure": "full", "unknown": [],
        "text": "建议增设社区食堂。", "attachments": []}
    assert r["feedback"] == [{"date": "2026-04-20", "satisfaction": "basically_satisfied",
                              "satisfaction_label": "基本满意", "unit": "测试区发展和改革委员会", "note": "希望加快进度。"}]
    # replied by its lead unit on 04-01 (50 days after 交办, before the deadline), then evaluated
    assert (r["status"], r["status_label"], r["flags"], r["days_to_reply"]) == ("evaluated", "已反馈", ["key"], 50)
    assert [(s["date"], s["step"]) for s in r["timeline"]][:3] == [
        ("2026-01-10", "submitted"), ("2026-02-01", "review"), ("2026-02-10", "assigned")]
    assert sorted(x["id"] for x in r["responses"]) == ["2026/0001-fgw", "2026/0001-sthj"]
    assert r["responses"][0]["unit"] and "commitments" in r["responses"][0]
    assert r["commitment_counts"] == {"total": 1, "done": 0, "overdue": 0}
    assert r["follow_ups"] == []


def test_a_reply_record_says_what_the_letter_says(site):
    r = export.response_record(site, site.responses["2026/0001-fgw"], BASE)
    assert schema_errors("response.schema.json", r) == []
    assert {k: v for k, v in r.items() if k != "commitments"} == {
        "id": "2026/0001-fgw", "proposal": "2026-0001", "url": f"{BASE}/responses/2026/0001-fgw/", "unit": FGW,
        "role": "lead", "role_label": "主办", "date": "2026-04-01", "doc_no": "测发改〔2026〕12号",
        "result": {"code": "A", "label": "已经解决或基本解决", "adopted": True}, "signer": "王某",
        "contact": "李明 021-63001234", "contact_person": "李明", "contact_phone": "021-63001234",
        "published": "2026-04-03", "cc": ["区政协提案委"], "issuer": "测试区人民政府办公室", "supersedes": None,
        "superseded": False, "disclosure": "full", "unknown": [], "text": "已经开工建设。", "attachments": []}
    (c,) = r["commitments"]
    assert {k: v for k, v in c.items() if k not in ("key", "updates")} == {
        "text": "年内建成三处社区食堂。", "due": "2026-12-31", "status": "in_progress", "status_label": "推进中",
        "status_date": "2026-06-15", "overdue": False, "reviews": []}
    assert c["updates"] == [{"date": "2026-06-15", "status": "in_progress", "status_label": "推进中",
                             "note": "两处已完成选址。", "evidence": []}]


def test_a_co_reply_has_no_class_and_empty_keys_are_null(site):
    r = export.response_record(site, site.responses["2026/0001-sthj"], BASE)
    assert schema_errors("response.schema.json", r) == []
    assert (r["unit"], r["role"], r["role_label"], r["result"]) == (STHJ, "co", "会办", None)
    assert [r[k] for k in ["doc_no", "signer", "contact", "contact_person", "contact_phone", "published", "issuer",
                           "supersedes"]] == [None] * 8
    assert r["cc"] == [] and r["commitments"] == []


def test_an_announcement_record(site):
    r = export.announcement_record(site, site.announcements["2026/canteen"], BASE)
    assert schema_errors("announcement.schema.json", r) == []
    assert r == {
        "id": "2026/canteen", "title": "关于社区食堂选址的公示", "url": f"{BASE}/announcements/2026/canteen/",
        "date": "2026-11-20", "kind": "publicity", "kind_label": "公示", "from": "2026-11-20", "until": "2026-11-27",
        "window_open": True,  # as of the build date, 2026-11-23
        "objection": "书面意见寄区政协提案委。", "issuer": "测试区民政局", "region": "东湖街道", "related": ["2026-0001"],
        "tags": ["食堂"], "disclosure": "full", "text": "食堂选址在东湖路。", "attachments": []}


@pytest.mark.parametrize("opens, until, is_open", [
    ("2026-11-23", "2026-11-23", True),    # opens and closes on the build date
    ("2026-11-24", "2026-11-30", False),   # not open yet
    ("2026-11-01", "2026-11-22", False),   # closed yesterday
    (None, "2026-11-23", True),
])
def test_a_window_is_open_on_its_first_and_last_day(make_content, opens, until, is_open):
    meta = {"title": "公示", "date": "2026-11-01", "kind": "publicity", "until": until}
    if opens:
        meta["from"] = opens
    s = load_site(make_content({"announcements/2026/a.md": front_matter(meta)}), today=BUILD_DATE)
    assert s.report.ok, s.report.format()
    assert export.announcement_record(s, s.announcements["2026/a"], BASE)["window_open"] is is_open


def test_news_without_a_window_has_none(make_content):
    s = load_site(make_content({"announcements/2026/a.md": front_matter(
        {"title": "动态", "date": "2026-11-01", "kind": "news"})}), today=BUILD_DATE)
    r = export.announcement_record(s, s.announcements["2026/a"], BASE)
    assert (r["window_open"], r["from"], r["until"], r["objection"], r["issuer"], r["region"]) == (None,) * 6


def test_a_legacy_proposal_gives_null_for_what_the_record_does_not_say(site):
    r = export.proposal_record(site, site.proposals["2022-legacy-1"], BASE)
    assert schema_errors("proposal.schema.json", r) == []
    assert (r["number"], r["proposers"], r["submitted"], r["text"]) == (None, None, None, "")
    assert r["unknown"] == ["number", "proposers", "submitted"]
    row = export.proposal_csv_row(r)
    assert (row[1], row[8], row[9]) == ("不详", "不详", "")  # pages and tables say 不详, never invent


def test_a_proposal_with_no_proposer_named_is_an_empty_list_not_unknown(make_content):
    s = load_site(make_content(dict([proposal(proposers=["九三学社测试区委"])])), today=BUILD_DATE)
    r = export.proposal_record(s, s.proposals["2026-0001"], BASE)
    assert r["proposers"] == ["九三学社测试区委"] and r["proposer_type"] == "party" and r["sector"] is None


def test_the_proposals_csv_row_follows_its_header(site):
    r = export.proposal_record(site, site.proposals["2026-0001"], BASE)
    row = export.proposal_csv_row(r)
    assert len(row) == len(export.CSV_HEADER) == len(export.PROPOSAL_CSV)
    assert dict(zip(export.CSV_HEADER, row)) == {
        "提案编号": "2026-0001", "提案号": "0001", "年度": 2026, "案由": "关于第0001号事项的建议", "状态": "已反馈",
        "标记": "重点提案", "类别": "社会事业", "界别": "中国民主同盟", "提案者": "张三、李四", "提交日期": "2026-01-10",
        "审查结果": "立案", "交办日期": "2026-02-10", "答复期限": "2026-05-11", "主办单位": "测试区发展和改革委员会",
        "会办单位": "测试区生态环境局", "答复数": 2, "办结日期": "", "网址": f"{BASE}/proposals/2026/0001/"}


def test_the_replies_csv_rows(site):
    rows = export.csv_rows(export.RESPONSE_CSV, [export.response_record(site, site.responses[i], BASE)
                                                 for i in ["2026/0001-fgw", "2026/0001-sthj"]])
    headers = [c.header for c in export.RESPONSE_CSV]
    assert dict(zip(headers, rows[0])) == {
        "答复编号": "2026/0001-fgw", "提案编号": "2026-0001", "答复单位": "测试区发展和改革委员会", "办理角色": "主办",
        "答复日期": "2026-04-01", "文号": "测发改〔2026〕12号", "答复类别": "A", "答复类别名称": "已经解决或基本解决",
        "解决采纳": "是", "重新答复所替代的答复": "", "已被重新答复取代": "否", "公开属性": "全文公开",
        "网址": f"{BASE}/responses/2026/0001-fgw/"}
    assert dict(zip(headers, rows[1]))["答复类别"] == "" and dict(zip(headers, rows[1]))["解决采纳"] == ""


def test_the_commitments_rows(site):
    (row,) = export.commitment_rows(site, BASE)
    assert (row["proposal"], row["response"], row["unit"], row["reply_date"], row["text"]) == (
        "2026-0001", "2026/0001-fgw", "测试区发展和改革委员会", "2026-04-01", "年内建成三处社区食堂。")
    assert row["url"].startswith(f"{BASE}/proposals/2026/0001/#")
    cells = dict(zip([c.header for c in export.COMMITMENT_CSV], export.csv_rows(export.COMMITMENT_CSV, [row])[0]))
    assert cells["目前状态"] == "推进中" and cells["逾期"] == "否" and cells["进展条数"] == 1


def test_units_and_the_proposals_they_lead_or_co_handle(site):
    members = export.unit_proposals(site)
    units = {u.slug: u for u in site.vocab.units}
    assert members[units["fgw"]] == (["2026-0001"], [])
    assert members[units["sthj"]] == ([], ["2026-0001"])
    assert units["mz"] not in members
    r = export.unit_record(site, units["sthj"], BASE)
    assert {k: r[k] for k in ["name", "short", "slug", "url", "lead_proposals", "co_proposals"]} == {
        **STHJ, "url": f"{BASE}/units/sthj/", "lead_proposals": [], "co_proposals": ["2026-0001"]}
    assert r == export.unit_record(site, units["sthj"], BASE, members=members)


def test_a_unit_that_leads_and_co_handles_one_proposal_counts_it_as_lead(make_content):
    s = load_site(make_content(dict([assigned_proposal(handling="lead_co", lead_units=["区发改委"],
                                                       co_units=["区发改委", "区民政局"])])), today=BUILD_DATE)
    members = export.unit_proposals(s)
    units = {u.slug: u for u in s.vocab.units}
    assert members[units["fgw"]] == (["2026-0001"], [])


def test_stats_record_validates_and_is_as_of_the_build_date(site):
    r = export.stats_record(site, BASE)
    assert schema_errors("stats.schema.json", r) == []
    assert r["as_of"] == "2026-11-23"
    assert sorted(y["year"] for y in r["years"]) == ["2022", "2026"]


def test_a_table_schema_names_each_column_and_its_type():
    schema = export.table_schema(export.RESPONSE_CSV, primary_key="答复编号")
    assert schema["primaryKey"] == ["答复编号"] and schema["missingValues"] == [""]
    fields = {f["name"]: f for f in schema["fields"]}
    assert fields["答复日期"] == {"name": "答复日期", "title": "答复日期", "type": "date", "description": "date"}
    assert fields["解决采纳"]["trueValues"] == ["是"] and fields["解决采纳"]["falseValues"] == ["否"]
    assert fields["网址"]["format"] == "uri"
    assert "primaryKey" not in export.table_schema(export.UNIT_CSV)
