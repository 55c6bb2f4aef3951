"""Where a reply's commitments (承诺) show, and that only a reply public in full shows them
(commitments.py): a commitment quotes its letter, so a withheld or summary-only reply's promises,
the announcements and files they cite, are on no page, list or index.

Ground truth: the replies written here, their 公开属性, the commitments' words, deadlines and updates,
and the build date 2026-11-23 (tests/conftest.py).
"""
import datetime as dt
import hashlib

import pytest

from conftest import BUILD_DATE, assigned_proposal, response
from disclosure import commitments
from disclosure.site import load_site
from tests.support.documents import pdf_bytes

DONE = "年底前出台社区食堂建设导则。"
LATE = "六月底前完成选址。"
LATER = "明年三月底前开放第一家。"
OPEN_NO_DUE = "持续听取居民意见。"
SECRET = "内部承诺：先在甲街道试点，暂不对外。"
SUMMARY_PROMISE = "摘要公开的答复里的承诺。"


def notice(name, title):
    return (f"announcements/{name}.md", f"---\ntitle: {title}\ndate: 2026-10-01\nkind: policy\n---\n\n正文。\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from conftest import site_yaml, write_tree

    full = [
        {"text": LATE, "due": "2026-06-30", "updates": [{"date": "2026-05-01", "status": "推进中"}]},
        {"text": DONE, "due": "2026-12-31", "updates": [
            {"date": "2026-05-01", "status": "推进中", "evidence": "2026/xuanzhi"},
            {"date": "2026-10-01", "status": "已完成", "evidence": ["2026/daoze", "files/daoze.pdf", "2026/xuanzhi"]},
            {"date": "2026-12-01", "status": "调整"}]},  # after the build date: not yet shown
        {"text": OPEN_NO_DUE},
        {"text": LATER, "due": "2027-03-31"},
    ]
    withheld = [{"text": SECRET, "due": "2026-06-30", "updates": [
        {"date": "2026-05-01", "status": "推进中", "evidence": ["2026/secret-notice", "files/secret.pdf"]}]}]
    files = dict([
        assigned_proposal("0001"),
        response("2026-0001", commitments=full),
        assigned_proposal("0002", lead_units=["区民政局"]),
        response("2026-0002", unit="mz", commitments=withheld, 公开属性="不予公开"),
        assigned_proposal("0003"),
        response("2026-0003", commitments=[{"text": SUMMARY_PROMISE, "due": "2026-06-30"}], 公开属性="摘要公开",
                 摘要="答复摘要。"),
        notice("2026/daoze", "导则印发"), notice("2026/xuanzhi", "选址公示"), notice("2026/secret-notice", "另一公告"),
    ])
    root = write_tree(tmp_path_factory.mktemp("commitments") / "content", {"site.yaml": site_yaml(), **files})
    (root / "files").mkdir()
    (root / "files/daoze.pdf").write_bytes(pdf_bytes(["导则"]))
    (root / "files/secret.pdf").write_bytes(pdf_bytes(["内部"]))
    s = load_site(root, today=BUILD_DATE)
    assert s.report.ok, s.report.format()
    return s


def texts(items):
    return [c.commitment.text for c in items]


def reply(site, rid):
    return site.responses[rid]


def test_a_reply_public_in_full_shows_its_commitments_as_of_the_build_date(site):
    items = commitments.of_reply(site, reply(site, "2026/0001-fgw"))
    assert texts(items) == [LATE, DONE, OPEN_NO_DUE, LATER]
    assert [(c.status, c.since, c.overdue) for c in items] == [
        ("in_progress", dt.date(2026, 5, 1), True),  # due 2026-06-30 passed, not 已完成
        ("done", dt.date(2026, 10, 1), False),  # the update of 2026-12-01 is after the build date
        ("none", None, False),
        ("none", None, False)]  # due 2027-03-31: not yet
    assert [u.date for u in items[1].updates] == [dt.date(2026, 5, 1), dt.date(2026, 10, 1)]
    assert [c.status_label for c in items] == ["推进中", "已完成", "尚无进展", "尚无进展"]
    assert commitments.counts(items) == {"total": 4, "done": 1, "overdue": 1}


def test_a_commitment_is_known_by_its_reply_and_its_words(site):
    [c, *_] = commitments.of_reply(site, reply(site, "2026/0001-fgw"))
    words = hashlib.sha1(LATE.encode("utf-8")).hexdigest()[:12]
    assert c.key == f"2026/0001-fgw#{words}"
    assert c.anchor == f"commitment-2026-0001-fgw-{words}"


def test_a_withheld_or_summary_only_reply_shows_no_commitment_anywhere(site):
    for rid in ("2026/0002-mz", "2026/0003-fgw"):
        assert reply(site, rid).commitments  # they were read
        assert commitments.of_reply(site, reply(site, rid)) == []
        assert not commitments.is_public(reply(site, rid))
    assert commitments.of_proposal(site, "2026-0002") == [] and commitments.of_proposal(site, "2026-0003") == []
    assert commitments.cited_announcements(site, "2026-0002") == []
    assert commitments.citing(site, "2026/secret-notice") == []
    assert commitments.evidence_files(site) == ["files/daoze.pdf"]  # not files/secret.pdf
    fgw = reply(site, "2026/0001-fgw").unit
    assert SUMMARY_PROMISE not in texts(commitments.open_of_unit(site, fgw))
    assert commitments.open_of_unit(site, reply(site, "2026/0002-mz").unit) == []  # its only reply is withheld


def test_a_proposals_commitments_and_the_announcements_they_cite(site):
    assert texts(commitments.of_proposal(site, "2026-0001")) == [LATE, DONE, OPEN_NO_DUE, LATER]
    cited = commitments.cited_announcements(site, "2026-0001")
    assert [a.id for a in cited] == ["2026/xuanzhi", "2026/daoze"]  # in the order cited, each once


def test_an_announcement_lists_the_public_commitments_that_cite_it(site):
    assert texts(commitments.citing(site, "2026/daoze")) == [DONE]
    [c] = commitments.citing(site, "2026/xuanzhi")  # cited by two updates of one commitment: once
    assert c.reply.id == "2026/0001-fgw" and c.status == "done"
    assert commitments.citing(site, "2026/none") == []


def test_a_units_open_commitments_overdue_first_then_by_deadline(site):
    fgw = reply(site, "2026/0001-fgw").unit
    assert texts(commitments.open_of_unit(site, fgw)) == [LATE, LATER, OPEN_NO_DUE]  # 已完成 left out; no deadline last


def test_evidence_links_say_where_to_go_and_what_to_show(site):
    [_, done, *_] = commitments.of_reply(site, reply(site, "2026/0001-fgw"))
    first, files_and_notices = done.updates
    links = [commitments.evidence_link(site, e) for e in files_and_notices.evidence]
    assert links == [("announcements/2026/daoze/", "导则印发"), ("evidence/files/daoze.pdf", "daoze.pdf"),
                     ("announcements/2026/xuanzhi/", "选址公示")]


def test_an_evidence_link_to_the_web_or_to_a_missing_announcement(make_content):
    from disclosure.model import Evidence

    site = load_site(make_content(dict([assigned_proposal()])), today=BUILD_DATE)
    url = "https://www.example.gov.cn/daoze.html"
    assert commitments.evidence_link(site, Evidence("link", url)) == (url, url)
    assert commitments.evidence_link(site, Evidence("announcement", "2026/none")) == ("", "2026/none")
