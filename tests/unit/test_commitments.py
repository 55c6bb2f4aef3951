"""Commitments (承诺) a reply makes: read, checked, and followed to the end as of the build date.

Ground truth is the dates and words written into the fixture files here: the expected status of
each day is worked out by hand from the updates below, and the line of each error is found by
searching the file's own text.
"""
import datetime as dt

import pytest

from conftest import BUILD_DATE, assigned_proposal, response
from disclosure import commitments
from disclosure.site import load_site

REPLY = "responses/2026/0001-fgw.md"
PROMISE = "年底前出台社区食堂建设导则。"


def reply_with(items, **fields):
    return response(commitments=items, **fields)


def load(make_content, files, today=BUILD_DATE):
    return load_site(make_content(dict(files)), today=today)


def line_of(site, path, text):
    """1-based line of the first line containing text, read from the file itself."""
    lines = (site.root / path).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


# -- lifecycle -------------------------------------------------------------------------------

LIFE = [{"text": PROMISE, "due": "2026-08-31", "updates": [
    {"date": "2026-05-10", "status": "推进中", "note": "已完成初稿。"},
    {"date": "2026-09-15", "status": "done", "note": "导则已印发。", "evidence": "https://www.example.gov.cn/daoze.html"},
]}]


@pytest.mark.parametrize("today, status, since, overdue", [
    (dt.date(2026, 4, 20), "none", None, False),               # promised, nothing reported yet
    (dt.date(2026, 5, 10), "in_progress", dt.date(2026, 5, 10), False),
    (dt.date(2026, 8, 31), "in_progress", dt.date(2026, 5, 10), False),  # due day itself: not yet late
    (dt.date(2026, 9, 1), "in_progress", dt.date(2026, 5, 10), True),    # due passed, not 已完成
    (dt.date(2026, 9, 15), "done", dt.date(2026, 9, 15), False),         # done late: no longer overdue
    (BUILD_DATE, "done", dt.date(2026, 9, 15), False),
])
def test_a_commitment_through_its_updates(make_content, today, status, since, overdue):
    site = load(make_content, [assigned_proposal(), reply_with(LIFE)], today=today)
    assert site.report.ok, site.report.format()
    [c] = commitments.of_proposal(site, "2026-0001")
    assert (c.commitment.text, c.status, c.since, c.overdue) == (PROMISE, status, since, overdue)
    assert [u.date for u in c.updates] == [d for d in (dt.date(2026, 5, 10), dt.date(2026, 9, 15)) if d <= today]


def test_not_done_stays_overdue_and_adjusted_is_not_done(make_content):
    items = [{"text": "甲。", "due": "2026-06-30", "updates": [{"date": "2026-07-01", "status": "未落实"}]},
             {"text": "乙。", "due": "2026-06-30", "updates": [{"date": "2026-06-01", "status": "调整", "note": "改为明年。"}]},
             {"text": "丙。"}]
    site = load(make_content, [assigned_proposal(), reply_with(items)])
    got = [(c.commitment.text, c.status, c.overdue) for c in commitments.of_proposal(site, "2026-0001")]
    assert got == [("甲。", "not_done", True), ("乙。", "adjusted", True), ("丙。", "none", False)]
    assert commitments.counts(commitments.of_proposal(site, "2026-0001")) == {"total": 3, "done": 0, "overdue": 2}


def test_chinese_keys_and_updates_in_any_order(make_content):
    items = [{"内容": PROMISE, "期限": "2026年12月31日", "进展": [
        {"日期": "2026-10-01", "状态": "已完成", "依据": "2026/daoze"},
        {"日期": "2026/5/1", "状态": "推进中", "说明": "起草中。"}]}]
    notice = ("announcements/2026/daoze.md", "---\ntitle: 导则印发\ndate: 2026-10-01\nkind: policy\n---\n\n正文。\n")
    files = [assigned_proposal(), notice, ("responses/2026/0001-fgw.md",
             response(**{"承诺": items})[1])]
    site = load(make_content, files)
    assert site.report.ok, site.report.format()
    [c] = commitments.of_proposal(site, "2026-0001")
    assert [u.status for u in c.updates] == ["in_progress", "done"] and c.status == "done"
    assert commitments.evidence_link(site, c.updates[1].evidence[0]) == ("announcements/2026/daoze/", "导则印发")


@pytest.mark.parametrize("disclosure", ["withheld", "summary"])
def test_a_reply_not_public_in_full_publishes_no_commitment(make_content, disclosure):
    extra = {"summary": "摘要。"} if disclosure == "summary" else {}
    site = load(make_content, [assigned_proposal(), reply_with(LIFE, disclosure=disclosure, **extra)])
    assert site.report.ok, site.report.format()
    assert commitments.of_proposal(site, "2026-0001") == []


# -- staff errors: exact wording, file, line, key, allowed ------------------------------------


def problem_on(site, key):
    found = [p for p in site.report.problems if p.key == key]
    assert len(found) == 1, site.report.format()
    return found[0]


def test_an_update_before_the_reply(make_content):
    items = [{"text": PROMISE, "updates": [{"date": "2026-03-20", "status": "推进中"}]}]
    site = load(make_content, [assigned_proposal(), reply_with(items)])
    p = problem_on(site, "commitments[1].updates[1].date")
    assert p.format() == (
        f"{REPLY}:{line_of(site, REPLY, '- date: ')} [commitments[1].updates[1].date] 「2026-03-20」 错误："
        "进展日期（2026-03-20）早于答复日期（2026-04-01）：承诺的进展只能在答复之后。 "
        "可用的值：2026-04-01 或之后的日期 / 2026-04-01 or later\n"
        "  error: The update (2026-03-20) is before the reply's date (2026-04-01); a commitment's updates "
        "come after the reply. Allowed: 2026-04-01 或之后的日期 / 2026-04-01 or later")


def test_an_unknown_status(make_content):
    items = [{"text": PROMISE, "updates": [{"date": "2026-05-01", "status": "差不多了"}]}]
    site = load(make_content, [assigned_proposal(), reply_with(items)])
    p = problem_on(site, "commitments[1].updates[1].status")
    assert p.format() == (
        f"{REPLY}:{line_of(site, REPLY, 'status: 差不多了')} [commitments[1].updates[1].status] 「差不多了」 错误："
        "「落实状态」的值不在允许范围内。 可用的值：in_progress（推进中）、done（已完成）、not_done（未落实）、adjusted（调整）\n"
        "  error: Unknown value for 'status'. Allowed: in_progress（推进中）、done（已完成）、not_done（未落实）、adjusted（调整）")


def test_a_due_date_before_the_reply(make_content):
    site = load(make_content, [assigned_proposal(), reply_with([{"text": PROMISE, "due": "2026-03-31"}])])
    p = problem_on(site, "commitments[1].due")
    assert p.format() == (
        f"{REPLY}:{line_of(site, REPLY, 'due: ')} [commitments[1].due] 「2026-03-31」 错误："
        "承诺期限（2026-03-31）早于答复日期（2026-04-01）。 可用的值：2026-04-01 或之后的日期 / 2026-04-01 or later\n"
        "  error: The commitment's 'due' (2026-03-31) is before the reply's date (2026-04-01). "
        "Allowed: 2026-04-01 或之后的日期 / 2026-04-01 or later")


def test_evidence_that_does_not_exist(make_content):
    items = [{"text": PROMISE, "updates": [
        {"date": "2026-05-01", "status": "推进中", "evidence": "2026/no-such-notice"},
        {"date": "2026-06-01", "status": "done", "evidence": "files/2026/daoze.pdf"},
        {"date": "2026-07-01", "status": "done", "evidence": "javascript:alert(1)"}]}]
    site = load(make_content, [assigned_proposal(), reply_with(items)])
    notice = problem_on(site, "commitments[1].updates[1].evidence")
    assert notice.format() == (
        f"{REPLY}:{line_of(site, REPLY, 'evidence: 2026/no-such-notice')} [commitments[1].updates[1].evidence] "
        "「2026/no-such-notice」 错误：找不到作为依据的公告（写公告文件在 announcements/ 下的路径，不带 .md）。 "
        "可用的值：（暂无公告 / no announcements yet）\n"
        "  error: The announcement cited as evidence does not exist (write its path under announcements/, "
        "without .md). Allowed: （暂无公告 / no announcements yet）")
    file = problem_on(site, "commitments[1].updates[2].evidence")
    assert file.line == line_of(site, REPLY, "evidence: files/2026/daoze.pdf")
    assert file.zh == "作为依据的文件不存在（路径从内容文件夹算起，例如 files/2024/评估报告.pdf）。"
    assert file.allowed.startswith("*.pdf、*.docx、*.xlsx、*.ofd")
    link = problem_on(site, "commitments[1].updates[3].evidence")
    assert "http:// 或 https://" in link.zh and link.value == "javascript:alert(1)"
    assert len(site.report.errors) == 3  # all at once


def test_a_file_cited_as_evidence_must_be_what_its_name_says(make_content):
    items = [{"text": PROMISE, "updates": [{"date": "2026-05-01", "status": "推进中", "evidence": "files/a.pdf"},
                                           {"date": "2026-06-01", "status": "推进中", "evidence": "files/b.pdf"}]}]
    root = make_content(dict([assigned_proposal(), reply_with(items)]))
    (root / "files").mkdir()
    (root / "files/a.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\n")
    (root / "files/b.pdf").write_text("<script>alert(1)</script>")
    site = load_site(root, today=BUILD_DATE)
    assert [p.key for p in site.report.errors] == ["commitments[1].updates[2].evidence"]
    assert commitments.evidence_files(site) == ["files/a.pdf", "files/b.pdf"]


def test_a_file_outside_the_content_folder_is_refused(make_content, tmp_path):
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.7\n")
    items = [{"text": PROMISE, "updates": [{"date": "2026-05-01", "status": "推进中", "evidence": "../secret.pdf"}]}]
    site = load(make_content, [assigned_proposal(), reply_with(items)])
    assert [p.key for p in site.report.errors] == ["commitments[1].updates[1].evidence"]


def test_two_updates_on_one_day_and_a_missing_text(make_content):
    items = [{"text": PROMISE, "updates": [{"date": "2026-05-01", "status": "推进中"},
                                           {"date": "2026-05-01", "status": "done"}]},
             {"due": "2026-12-31"}]
    site = load(make_content, [assigned_proposal(), reply_with(items)])
    twice = problem_on(site, "commitments[1].updates[2].date")
    assert twice.zh == "同一项承诺在 2026-05-01 已有一条进展（第 1 条），同一天只写一条。"
    missing = problem_on(site, "commitments[2].text")
    assert missing.zh == "每项承诺需要承诺内容（text），请照答复原文摘录。"
    assert missing.line == line_of(site, REPLY, "- due: ")


# -- statistics: 承诺兑现率 -------------------------------------------------------------------


def test_fulfilment_rate_against_hand_counted_commitments(make_content):
    """Build date 2026-11-23. By hand: 6 public commitments; done: 甲 and 丁 (丁 done after its due);
    overdue: 乙 (推进中, due 2026-06-30) and 戊 (未落实, due 2026-09-30); not counted: 丙 (no due),
    己 (调整, due 2027). The withheld reply's two commitments count nowhere. 2 ÷ (2 + 2) = 50.0%."""
    from disclosure import stats

    def c(text, due=None, *updates):
        item = {"text": text, "updates": [{"date": d, "status": s} for d, s in updates]}
        return {**item, "due": due} if due else item

    first = [c("甲。", "2026-12-31", ("2026-05-01", "已完成")), c("乙。", "2026-06-30", ("2026-05-01", "推进中")),
             c("丙。", None, ("2026-05-01", "推进中"))]
    second = [c("丁。", "2026-06-30", ("2026-05-01", "推进中"), ("2026-08-01", "已完成")),
              c("戊。", "2026-09-30", ("2026-10-01", "未落实")), c("己。", "2027-06-30", ("2026-10-01", "调整"))]
    hidden = [c("庚。", "2026-06-30", ("2026-05-01", "推进中")), c("辛。", "2026-12-31", ("2026-05-01", "已完成"))]
    site = load(make_content, [
        assigned_proposal("0001"), response("2026-0001", commitments=first),
        assigned_proposal("0002", lead_units=["区民政局"]), response("2026-0002", unit="mz", commitments=second),
        assigned_proposal("0003", lead_units=["区生态环境局"]),
        response("2026-0003", unit="sthj", commitments=hidden, disclosure="withheld")])
    assert site.report.ok, site.report.format()
    f = stats.overall(site)
    assert (f.commitments, f.commitments_done, f.commitments_overdue) == (6, 2, 2)
    assert f.as_dict()["fulfilment_rate"] == {"numerator": 2, "denominator": 4, "value": 0.5, "percent": 50.0,
                                                  "left_out": 0}
    assert f.fulfilment_rate.text == "50.0%"


def test_an_error_under_chinese_keys_names_its_own_line(make_content):
    items = [{"内容": PROMISE, "进展": [{"日期": "2026-05-01", "状态": "推进中"}, {"日期": "2026-06-01", "状态": "搞定"}]}]
    site = load(make_content, [assigned_proposal(), ("responses/2026/0001-fgw.md", response(**{"承诺": items})[1])])
    p = problem_on(site, "commitments[1].updates[2].status")
    assert p.line == line_of(site, REPLY, "状态: 搞定") and p.value == "搞定"
