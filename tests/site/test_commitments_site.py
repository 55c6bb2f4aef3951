"""落实情况 in a real build: the proposal page, the feeds, the open data, and nothing of a
reply that is not public in full.

Ground truth is the fixture written here: the commitments' words, dates and statuses, and
what is overdue on the tests' build date (2026-11-23) worked out by hand.
"""
from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from conftest import assigned_proposal, build, front_matter, response, site_yaml, write_tree
from support.feedcheck import parse_feed
from tests.support.outputs import read_outputs

DONE = "年内建成三处社区食堂。"
LATE = "六月底前出台老年助餐补贴办法。"
OPEN = "逐步扩大助餐服务覆盖面。"
SECRET = "㐀㐁㐂㐃承诺不公开的办理措施。"  # in a withheld reply: never published
SECRET_NOTE = "㐄㐅㐆㐇不公开的进展说明。"
SUMMARY_SECRET = "㐈㐉㐊㐋摘要公开答复里的承诺。"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def notice():
    return "announcements/2026/canteens.md", front_matter(
        {"title": "社区食堂建成公告", "date": "2026-10-20", "kind": "result"}, "公告正文。")


def replies(inserted=False):
    first_update = [{"date": "2026-05-20", "status": "推进中", "note": "选址已确定。"}] if inserted else []
    full = [
        {"text": DONE, "due": "2026-12-31", "updates": first_update + [
            {"date": "2026-10-20", "status": "已完成", "note": "三处食堂已开业。",
             "evidence": ["2026/canteens", "files/2026/canteens.pdf"]}]},
        {"text": LATE, "due": "2026-06-30", "updates": [
            {"date": "2026-07-15", "status": "推进中", "note": "办法仍在征求意见。",
             "evidence": "https://www.example.gov.cn/zhucan.html"}]},
        {"text": OPEN},
    ]
    withheld = [{"text": SECRET, "updates": [{"date": "2026-05-01", "status": "推进中", "note": SECRET_NOTE,
                                              "evidence": "2026/canteens"}]}]
    summary = [{"text": SUMMARY_SECRET, "updates": [{"date": "2026-06-01", "status": "已完成",
                                                     "evidence": "2026/canteens"}]}]
    return dict([
        assigned_proposal("0001", title="关于发展社区助餐服务的建议"),
        response("2026-0001", unit="fgw", commitments=full, body="答复正文。"),
        assigned_proposal("0002", title="关于老旧小区加装电梯的建议", lead_units=["区民政局"]),
        response("2026-0002", unit="mz", disclosure="withheld", commitments=withheld, body="不公开的答复。"),
        assigned_proposal("0003", title="关于口袋公园的建议", lead_units=["区生态环境局"]),
        response("2026-0003", unit="sthj", disclosure="summary", summary="答复摘要。", commitments=summary),
        notice(),
    ])


def built_site(base, name, files):
    content = write_tree(base / name, {"site.yaml": site_yaml(), **files, "files/2026/canteens.pdf": PDF})
    out = base / f"out-{name}"
    result = build(content, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    base = tmp_path_factory.mktemp("commitments")
    return built_site(base, "v1", replies()), built_site(base, "v2", replies(inserted=True))


def page(out, url):
    return BeautifulSoup((out / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_proposal_page_shows_what_was_promised_after_the_replies(sites):
    out = sites[0]
    soup = page(out, "proposals/2026/0001")
    headings = [h.get_text(strip=True) for h in soup.select("article.proposal > section > h2")]
    assert headings.index("落实情况") == headings.index("答复（1 份）") + 1
    section = soup.select_one("section.commitments")
    assert "答复中的承诺 3 项，已完成 1 项，逾期未完成 1 项" in section.get_text()
    items = section.select("li.commitment")
    assert [i.select_one(".commitment-text").get_text(strip=True) for i in items] == [DONE, LATE, OPEN]
    facts = [" ".join(i.select_one(".commitment-facts").get_text(" ", strip=True).split()) for i in items]
    assert facts[0].startswith("完成期限 2026年12月31日 目前状态 已完成 （ 2026年10月20日 ）")
    assert facts[1].startswith("完成期限 2026年6月30日 目前状态 推进中 （ 2026年7月15日 ） 已逾期")
    assert facts[2] == "完成期限 答复未写明 目前状态 尚无进展"
    assert [("commitment-overdue" in i["class"]) for i in items] == [False, True, False]
    # The timeline: the promise, then each update with its note and evidence.
    steps = [" ".join(li.get_text(" ", strip=True).split()) for li in items[0].select(".commitment-timeline li")]
    assert steps == ["2026年4月1日 在答复中作出承诺",
                     "2026年10月20日 已完成 三处食堂已开业。 依据： 社区食堂建成公告 ； canteens.pdf"]
    links = {a.get_text(strip=True): a["href"] for a in items[0].select(".evidence a")}
    assert links == {"社区食堂建成公告": "https://zx.example.org/announcements/2026/canteens/",
                     "canteens.pdf": "https://zx.example.org/evidence/files/2026/canteens.pdf"}
    assert (out / "evidence/files/2026/canteens.pdf").read_bytes() == PDF
    assert items[1].select_one(".evidence a")["href"] == "https://www.example.gov.cn/zhucan.html"
    assert "已逾期，尚无完成记录" in items[1].select_one(".step-due").get_text()


def test_an_announcement_cited_as_evidence_lists_the_commitments_it_shows_done(sites):
    section = page(sites[0], "announcements/2026/canteens").select_one("section.fulfils")
    items = [" ".join(li.get_text(" ", strip=True).split()) for li in section.select("li")]
    assert items == [f"{DONE} （测试区发展和改革委员会答复， 2026年第0001号提案：关于发展社区助餐服务的建议 ） "
                     "目前状态：已完成（2026年10月20日）"]
    assert section.select_one("a")["href"].startswith("https://zx.example.org/proposals/2026/0001/#commitment-")


def test_a_unit_page_lists_its_open_commitments_overdue_first(sites):
    soup = page(sites[0], "units/fgw")
    items = soup.select("ul.open-commitments li")
    assert [li.select_one("q").get_text() for li in items] == [LATE, OPEN]  # DONE is done
    assert [bool(li.select(".flag-overdue")) for li in items] == [True, False]
    assert page(sites[0], "units/mz").select("ul.open-commitments") == []  # its reply is withheld


def test_the_sitemap_dates_a_proposal_by_its_latest_commitment_update(sites):
    sitemap = (sites[0] / "sitemap.xml").read_text(encoding="utf-8")
    # The reply is dated 2026-04-01; the latest update 2026-10-20 (the notice does not name the proposal).
    assert "<loc>https://zx.example.org/proposals/2026/0001/</loc><lastmod>2026-10-20</lastmod>" in sitemap


def entries(out, feed):
    return {e.id: e for e in parse_feed((out / "feeds" / feed).read_bytes()).entries}


def commitment_entries(out, feed):
    return {i: e for i, e in entries(out, feed).items() if e.title.startswith("承诺落实进展")}


@pytest.mark.parametrize("feed", ["proposals/2026/0001.atom.xml", "proposals/2026/0001.rss.xml",
                                  "units/fgw.atom.xml", "all.atom.xml", "proposals.atom.xml"])
def test_each_update_is_an_item_of_the_proposal_unit_and_site_feeds(sites, feed):
    found = commitment_entries(sites[0], feed)
    titles = sorted(e.title for e in found.values())
    assert titles == ["承诺落实进展（已完成）：关于发展社区助餐服务的建议", "承诺落实进展（推进中）：关于发展社区助餐服务的建议"]
    done = next(e for e in found.values() if "已完成" in e.title)
    assert DONE in done.summary + "".join(c.value for c in done.get("content", []))
    assert done.link.startswith("https://zx.example.org/proposals/2026/0001/#commitment-")


def test_an_update_inserted_before_another_changes_no_existing_item(sites):
    before, after = sites
    for feed in ("proposals/2026/0001.atom.xml", "units/fgw.atom.xml", "all.atom.xml"):
        old, new = commitment_entries(before, feed), commitment_entries(after, feed)
        for entry_id, entry in old.items():
            assert entry_id in new, (feed, entry.title)
            assert (new[entry_id].title, new[entry_id].link, new[entry_id].published) == \
                (entry.title, entry.link, entry.published)
        [added] = [new[i] for i in set(new) - set(old)]
        assert added.title == "承诺落实进展（推进中）：关于发展社区助餐服务的建议"
        assert added.published < min(e.published for e in old.values())


def test_the_open_data_carries_commitments_and_their_updates(sites):
    out = sites[0]
    twin = json.loads((out / "proposals/2026/0001/index.json").read_text(encoding="utf-8"))
    assert twin["commitment_counts"] == {"total": 3, "done": 1, "overdue": 1}
    got = [(c["text"], c["due"], c["status"], c["status_date"], c["overdue"], [u["date"] for u in c["updates"]])
           for c in twin["responses"][0]["commitments"]]
    assert got == [(DONE, "2026-12-31", "done", "2026-10-20", False, ["2026-10-20"]),
                   (LATE, "2026-06-30", "in_progress", "2026-07-15", True, ["2026-07-15"]),
                   (OPEN, None, "none", None, False, [])]
    evidence = twin["responses"][0]["commitments"][0]["updates"][0]["evidence"]
    assert [(e["kind"], e["url"]) for e in evidence] == [
        ("announcement", "https://zx.example.org/announcements/2026/canteens/"),
        ("file", "https://zx.example.org/evidence/files/2026/canteens.pdf")]
    data = (out / "data/proposals.json").read_text(encoding="utf-8")
    assert DONE in data and LATE in data
    import csv
    with open(out / "data/commitments.csv", encoding="utf-8-sig", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert [(r["提案编号"], r["承诺内容"], r["完成期限"], r["目前状态"], r["状态日期"], r["逾期"]) for r in table] == [
        ("2026-0001", DONE, "2026-12-31", "已完成", "2026-10-20", "否"),
        ("2026-0001", LATE, "2026-06-30", "推进中", "2026-07-15", "是"),
        ("2026-0001", OPEN, "", "尚无进展", "", "否")]
    package = json.loads((out / "data/datapackage.json").read_text(encoding="utf-8"))
    assert {"commitments.csv", "commitments.xlsx"} <= {r["path"] for r in package["resources"]}


@pytest.mark.parametrize("text", [SECRET, SECRET_NOTE, SUMMARY_SECRET])
def test_a_reply_not_public_in_full_publishes_no_commitment_text(sites, text):
    """Pages, feeds, data, the search index and the build cache: the withheld words are nowhere."""
    outputs = list(read_outputs(sites[0]))
    assert any(DONE in t for p, t in outputs if p.startswith("pagefind/")), "the reader sees the search index"
    assert [p for p, t in outputs if text in t or text[:4] in t] == []
    soup = page(sites[0], "proposals/2026/0002")
    assert soup.select_one("section.commitments") is None


def test_the_first_screen_summary_counts_the_promises(sites):
    """承诺 N 项，已完成 M 项 in the 办理摘要, linked to 落实情况; only public commitments are counted."""
    row = page(sites[0], "proposals/2026/0001").select_one(".summary-commitments")
    assert row.select_one("a")["href"] == "#commitments"
    assert row.get_text(strip=True) == "落实情况承诺 3 项，已完成 1 项，逾期未完成 1 项"
    assert page(sites[0], "proposals/2026/0002").select_one(".summary-commitments") is None  # withheld reply


@pytest.mark.parametrize("level", ["withheld", "summary"])
def test_a_file_cited_only_by_a_reply_not_public_in_full_is_not_published(tmp_path, level):
    """Evidence files are published for the commitments the public may see: a file that only a
    withheld or summary-only reply's commitment cites stays in the content folder."""
    cited = [{"text": "㐌㐍㐎㐏不公开的承诺。", "updates": [{"date": "2026-05-01", "status": "推进中",
                                                       "evidence": "files/2026/internal-plan.pdf"}]}]
    extra = {"summary": "答复摘要。"} if level == "summary" else {}
    out = built_site(tmp_path, "c", dict([assigned_proposal("0001"), response(
        "2026-0001", disclosure=level, commitments=cited, body="不公开的答复。", **extra)]) | {
        "files/2026/internal-plan.pdf": PDF})
    assert (out / "proposals/2026/0001/index.html").is_file()
    assert not [p for p in out.rglob("*") if "internal-plan" in p.name]
    assert not [path for path, text in read_outputs(out) if "internal-plan" in text]


def test_a_file_no_longer_cited_as_evidence_leaves_the_spare_site_too(tmp_path):
    """A file cited by mistake, then the citation taken out: the live site drops the file, and so
    must the spare beside it (the replaced site, which published it), as for a deleted entry."""
    def reply(cited):
        update = {"date": "2026-05-01", "status": "推进中", "note": "进展说明。",
                  **({"evidence": "files/2026/wrong-file.pdf"} if cited else {})}
        return response("2026-0001", commitments=[{"text": DONE, "updates": [update]}])

    others = [assigned_proposal(f"{n:04d}") for n in range(1, 21)]
    content = write_tree(tmp_path / "content", {"site.yaml": site_yaml(), **dict(others), **dict([reply(True)]),
                                                "files/2026/wrong-file.pdf": PDF})
    out = tmp_path / "site"
    for _ in range(2):  # the second build keeps the first site as the spare
        assert build(content, out).returncode == 0
        extra = content / "proposals/2026/0005.md"
        extra.write_text(extra.read_text(encoding="utf-8") + "\n补充。\n", encoding="utf-8")
    assert (out.parent / f".{out.name}-spare/evidence/files/2026/wrong-file.pdf").is_file()
    write_tree(content, dict([reply(False)]))
    assert build(content, out).returncode == 0
    assert [p for p in tmp_path.rglob("wrong-file.pdf") if content not in p.parents] == []
