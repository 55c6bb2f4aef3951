"""What the open data (data/*.json, the JSON twins, the CSV rows) carries of entries that are not public
in full: their metadata, never their withheld words.

Ground truth: docs/content-model.md: a `withheld` entry shows its metadata and never its text,
anywhere (data exports included); a withheld proposal's text includes the notes of its `feedback`
and `events`; a `summary` entry shows its summary; only a reply public in full publishes its
commitments; a withheld or summary entry publishes only the attachments marked `public`. Every
withheld word below contains 机密, so the test can look for it in everything exported.
"""
import json

import pytest

from conftest import BUILD_DATE, assigned_proposal, front_matter, response
from disclosure import export
from disclosure.site import load_site
from tests.support.documents import pdf_bytes, write_png

BASE = "https://zx.example.org"
SECRET = "机密"

PROPOSAL = assigned_proposal(
    disclosure="withheld", body=f"{SECRET}正文：建议增设社区食堂。",
    feedback=[{"date": "2026-04-20", "satisfaction": "不满意", "unit": "区发改委", "note": f"{SECRET}反馈意见"}],
    events=[{"date": "2026-03-01", "label": "办前协商", "note": f"{SECRET}协商记录"}],
    attachments=[{"file": "list.pdf", "title": "立案通知书", "public": True},
                 {"file": "draft.pdf", "title": f"{SECRET}草稿"}, {"file": "photo.png", "public": True}])
REPLY = response(disclosure="summary", summary="已列入  年度计划，\n 年内实施。", body=f"{SECRET}答复全文",
                 commitments=[{"text": f"{SECRET}承诺：年内建成。", "due": "2026-12-31",
                               "updates": [{"date": "2026-05-01", "status": "推进中", "note": f"{SECRET}进展"}]}],
                 attachments=[{"file": "0001-fgw.pdf", "title": f"{SECRET}答复函"}])
NOTICE = ("announcements/2026/canteen.md", front_matter(
    {"title": "社区食堂选址公示", "date": "2026-11-20", "kind": "公示", "until": "2026-11-27", "disclosure": "withheld",
     "attachments": [{"file": "map.pdf", "public": True}]}, f"{SECRET}公告正文"))


@pytest.fixture
def site(make_content):
    root = make_content(dict([PROPOSAL, REPLY, NOTICE]))
    for rel in ["proposals/2026/list.pdf", "proposals/2026/draft.pdf", "responses/2026/0001-fgw.pdf",
                "announcements/2026/map.pdf"]:
        (root / rel).write_bytes(pdf_bytes(["附件"]))
    write_png(root / "proposals/2026/photo.png")
    s = load_site(root, today=BUILD_DATE)
    assert s.report.ok, s.report.format()
    return s


def exported(site):
    """Everything the data files say of these entries, as one text."""
    p = export.proposal_record(site, site.proposals["2026-0001"], BASE)
    x = export.response_record(site, site.responses["2026/0001-fgw"], BASE)
    a = export.announcement_record(site, site.announcements["2026/canteen"], BASE)
    rows = [export.proposal_csv_row(p), *export.csv_rows(export.RESPONSE_CSV, [x]),
            *export.csv_rows(export.ANNOUNCEMENT_CSV, [a]),
            *export.csv_rows(export.COMMITMENT_CSV, export.commitment_rows(site, BASE))]
    return json.dumps([p, x, a, rows], ensure_ascii=False)


def test_no_withheld_word_is_exported(site):
    assert SECRET not in exported(site)


def test_a_withheld_proposal_keeps_its_metadata(site):
    r = export.proposal_record(site, site.proposals["2026-0001"], BASE)
    assert (r["disclosure"], r["text"], r["title"], r["proposers"], r["status"]) == (
        "withheld", "", "关于第0001号事项的建议", ["张三"], "evaluated")
    # feedback and events show their date, label, satisfaction and unit; not their notes
    assert r["feedback"] == [{"date": "2026-04-20", "satisfaction": "dissatisfied", "satisfaction_label": "不满意",
                              "unit": "测试区发展和改革委员会", "note": None}]
    assert [(s["date"], s["label"]) for s in r["timeline"] if s["step"] == "event"] == [("2026-03-01", "办前协商")]


def test_only_the_public_attachments_of_an_entry_not_public_in_full(site):
    r = export.proposal_record(site, site.proposals["2026-0001"], BASE)
    folder = f"{BASE}/proposals/2026/0001/attachments"
    assert [{k: v for k, v in a.items() if k != "bytes"} for a in r["attachments"]] == [
        {"url": f"{folder}/list.pdf", "name": "list.pdf", "title": "立案通知书", "type": "application/pdf"},
        {"url": f"{folder}/photo.png", "name": "photo.png", "title": None, "type": "image/png"}]
    sizes = [(site.root / "proposals/2026" / a["name"]).stat().st_size for a in r["attachments"]]
    assert [a["bytes"] for a in r["attachments"]] == sizes
    x = export.response_record(site, site.responses["2026/0001-fgw"], BASE)
    assert x["attachments"] == []
    a = export.announcement_record(site, site.announcements["2026/canteen"], BASE)
    assert [(f["name"], f["url"]) for f in a["attachments"]] == [
        ("map.pdf", f"{BASE}/announcements/2026/canteen/attachments/map.pdf")]


def test_a_summary_reply_exports_its_summary_and_no_commitment(site):
    x = export.response_record(site, site.responses["2026/0001-fgw"], BASE)
    assert (x["disclosure"], x["text"], x["commitments"]) == ("summary", "已列入 年度计划， 年内实施。", [])
    # its metadata stays: the unit, the date, the class
    assert (x["unit"]["slug"], x["date"], x["result"]["code"]) == ("fgw", "2026-04-01", "A")
    p = export.proposal_record(site, site.proposals["2026-0001"], BASE)
    assert p["commitment_counts"] == {"total": 0, "done": 0, "overdue": 0}
    assert [r["text"] for r in p["responses"]] == ["已列入 年度计划， 年内实施。"]
    assert export.commitment_rows(site, BASE) == []


def test_the_tables_say_how_public_each_entry_is(site):
    x = export.response_record(site, site.responses["2026/0001-fgw"], BASE)
    a = export.announcement_record(site, site.announcements["2026/canteen"], BASE)
    (reply_row,) = export.csv_rows(export.RESPONSE_CSV, [x])
    (notice_row,) = export.csv_rows(export.ANNOUNCEMENT_CSV, [a])
    assert dict(zip([c.header for c in export.RESPONSE_CSV], reply_row))["公开属性"] == "摘要公开"
    assert dict(zip([c.header for c in export.ANNOUNCEMENT_CSV], notice_row))["公开属性"] == "不予公开"
    assert (a["text"], a["title"], a["window_open"]) == ("", "社区食堂选址公示", True)


def test_a_withheld_reply_publishes_no_text_and_no_commitment(make_content):
    site = load_site(make_content(dict([assigned_proposal(), response(
        disclosure="withheld", body=f"{SECRET}答复全文", commitments=[{"text": f"{SECRET}承诺"}])])), today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    x = export.response_record(site, site.responses["2026/0001-fgw"], BASE)
    assert (x["disclosure"], x["text"], x["commitments"], x["role_label"]) == ("withheld", "", [], "主办")
    assert SECRET not in json.dumps(export.proposal_record(site, site.proposals["2026-0001"], BASE), ensure_ascii=False)


def test_a_reply_public_in_full_publishes_every_attachment(make_content):
    root = make_content(dict([assigned_proposal(), response(attachments=[{"file": "0001-fgw.pdf", "title": "答复函（盖章件）"},
                                                                         "附表.pdf"])]))
    for name in ["0001-fgw.pdf", "附表.pdf"]:
        (root / "responses/2026" / name).write_bytes(pdf_bytes(["答复"]))
    site = load_site(root, today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    x = export.response_record(site, site.responses["2026/0001-fgw"], BASE)
    folder = f"{BASE}/responses/2026/0001-fgw/attachments"
    assert [(a["url"], a["name"], a["title"], a["type"]) for a in x["attachments"]] == [
        (f"{folder}/0001-fgw.pdf", "0001-fgw.pdf", "答复函（盖章件）", "application/pdf"),
        (f"{folder}/%E9%99%84%E8%A1%A8.pdf", "附表.pdf", None, "application/pdf")]  # the name percent-encoded
