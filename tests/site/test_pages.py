"""The built sample site, read as a resident would: pages, listings, disclosure, safety."""
import json
import re

import pytest
from bs4 import BeautifulSoup

from conftest import assigned_proposal, proposal, response


def page(out, url):
    path = out / url / "index.html" if not url.endswith(".html") else out / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text(soup):
    return re.sub(r"\s+", " ", soup.get_text(" "))


def test_home_shows_counts_by_status_and_recent_changes(sample_site):
    soup = page(sample_site, "")
    counts = {li.select_one(".count-label").get_text(): int(li.select_one(".count").get_text())
              for li in soup.select(".counts li")}
    assert counts == {"已提交": 1, "已立案": 1, "不予立案": 1, "已并案": 1, "转为意见建议": 1, "办理中": 2,
                      "已答复": 1, "已反馈": 1, "已办结": 6}
    assert "1 件提案已超过答复期限" in text(soup)
    assert len(soup.select(".changes li")) == 12


def test_proposal_page_tells_the_whole_story(sample_site):
    soup = page(sample_site, "proposals/2023/0110")
    t = text(soup)
    assert soup.h1.get_text(strip=True).startswith("聚力低碳社区建设")
    assert "2023年 第0110号" in t and "十五届二次会议" in t
    assert [b.get_text() for b in soup.select(".status-line .badge")] == ["已办结", "重点提案"]
    facts = dict(zip([d.get_text(strip=True) for d in soup.select("dl.facts")[0].find_all("dt")],
                     [d.get_text(" ", strip=True) for d in soup.select("dl.facts")[0].find_all("dd")]))
    assert facts["主办单位"] == "上海市黄浦区发展和改革委员会" and facts["会办单位"] == "上海市黄浦区生态环境局"
    assert facts["办理方式"] == "主办会办" and facts["答复期限"] == "2023年5月9日"
    steps = [li.select_one(".step-label").get_text(strip=True) for li in soup.select(".timeline li")]
    assert steps[0] == "提交提案" and steps[-1] == "办结" and "区发改委答复" in steps
    replies = soup.select("article.reply")
    assert len(replies) == 2
    lead = next(r for r in replies if "发展和改革委员会" in r.h3.get_text())
    lt = text(lead)
    assert "主办" in lt and "文号" in lt and "A 类：所提问题已经解决或基本解决" in lt and "满意" in lt
    assert "汇龙新城" in lt  # the reply in full
    related = [a.get_text() for a in soup.select("#related ~ ul a")]
    assert any("低碳社区" in r for r in related)
    merged = soup.select("#merged ~ ul a")
    assert merged and "2023年第0145号" in merged[0].get_text()
    feed = soup.find("link", rel="alternate", type="application/atom+xml", href=re.compile("proposals/2023/0110"))
    assert feed["href"] == "https://zx.example.org/feeds/proposals/2023/0110.atom.xml"


def test_overdue_proposal_says_so(sample_site):
    t = text(page(sample_site, "proposals/2026/0047"))
    assert "逾期未答复" in t and "已超过答复期限" in t and "尚未答复" in t


def test_reopened_proposal_links_superseding_reply(sample_site):
    soup = page(sample_site, "proposals/2023/0131")
    assert "重新办理" in [b.get_text() for b in soup.select(".badge")]
    old = soup.select_one("article.reply.superseded")
    assert old and "重新答复" in old.select_one(".notice").get_text()
    assert "不满意" in text(old)


def test_response_page(sample_site):
    soup = page(sample_site, "responses/2023/0110-fgw")
    assert soup.h1.get_text(strip=True).startswith("区发改委答复：聚力低碳社区建设")
    assert soup.find("a", href="/proposals/2023/0110/") is not None or soup.find(
        "a", href="https://zx.example.org/proposals/2023/0110/") is not None


def test_publicity_window_open_and_closed(sample_site):
    open_page = text(page(sample_site, "announcements/2026/district-low-carbon-communities-2026"))
    assert "公示中" in open_page
    closed = text(page(sample_site, "announcements/2023/low-carbon-community-candidates-2023"))
    assert "公示已结束" in closed


def test_listings_and_breadcrumbs(sample_site):
    soup = page(sample_site, "status/assigned")
    assert soup.h1.get_text() == "办理中的提案"
    assert [a.get_text() for a in soup.select(".breadcrumbs a")] == ["首页", "按状态"]
    assert len(soup.select(".items .item")) == 2
    for url in ["proposals", "years/2023", "categories", "units/fgw", "sectors", "announcements",
                "announcements/kind/publicity"]:
        assert (sample_site / url / "index.html").is_file(), url


def test_pagination(built):
    files = [proposal(f"{n:04d}") for n in range(1, 46)]
    out = built(files)
    first = page(out, "proposals")
    assert len(first.select(".items .item")) == 20 and "第 1 / 3 页" in text(first)
    third = page(out, "proposals/page/3")
    assert len(third.select(".items .item")) == 5
    assert third.find("a", rel="prev")["href"].endswith("/proposals/page/2/")


def all_output_text(out):
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*") if p.is_file())


def test_withheld_text_appears_nowhere(built):
    secret = "这是不予公开的机密段落甲乙丙"
    files = [assigned_proposal(disclosure="withheld", body=secret),
             response(disclosure="不予公开", body="答复中的机密内容丁戊己")]
    out = built(files)
    everything = all_output_text(out)
    assert secret not in everything and "丁戊己" not in everything
    t = text(page(out, "proposals/2026/0001"))
    assert "不予公开" in t and "关于第0001号事项的建议" in t  # metadata still shown
    record = json.loads((out / "data/proposals.json").read_text(encoding="utf-8"))[0]
    assert record["text"] == "" and record["responses"][0]["text"] == ""


def test_summary_shows_only_the_summary(built):
    out = built([assigned_proposal(disclosure="summary", summary="公开的摘要文字", body="完整正文不应出现")])
    everything = all_output_text(out)
    assert "公开的摘要文字" in text(page(out, "proposals/2026/0001"))
    assert "完整正文不应出现" not in everything


def test_script_in_content_never_runs(built):
    out = built([proposal(title='<script>alert("t")</script>标题',
                          body='<script>alert("b")</script><p onclick="alert(1)">段落</p>[x](javascript:alert(2))')])
    everything = all_output_text(out)
    assert 'alert("b")' not in everything and "onclick" not in everything and "javascript:" not in everything
    soup = page(out, "proposals/2026/0001")
    assert soup.h1.get_text() == '<script>alert("t")</script>标题'  # shown as text, escaped
    for script in soup.find_all("script"):
        assert "alert" not in (script.string or "")


def test_open_data(sample_site):
    records = json.loads((sample_site / "data/proposals.json").read_text(encoding="utf-8"))
    by_id = {r["id"]: r for r in records}
    assert len(records) == 15
    seed = by_id["2023-0110"]
    assert seed["status"] == "closed" and seed["flags"] == ["key"]
    assert seed["url"] == "https://zx.example.org/proposals/2023/0110/"
    assert [s["step"] for s in seed["timeline"]][:3] == ["submitted", "review", "assigned"]
    assert {x["unit"]["slug"] for x in seed["responses"]} == {"fgw", "sthj"}
    assert by_id["2026-0047"]["flags"] == ["overdue"]
    assert (sample_site / "data/responses.json").is_file() and (sample_site / "data/announcements.json").is_file()
    csv_bytes = (sample_site / "data/proposals.csv").read_bytes()
    assert csv_bytes.startswith(b"\xef\xbb\xbf")
    assert "提案编号" in csv_bytes.decode("utf-8-sig").splitlines()[0]


@pytest.mark.parametrize("status", ["submitted", "filed", "not_filed", "merged", "converted", "assigned",
                                    "replied", "evaluated", "closed"])
def test_sample_site_shows_every_status(sample_site, status):
    records = json.loads((sample_site / "data/proposals.json").read_text(encoding="utf-8"))
    assert any(r["status"] == status for r in records)


@pytest.mark.parametrize("flag", ["overdue", "reopened", "key"])
def test_sample_site_shows_every_flag(sample_site, flag):
    records = json.loads((sample_site / "data/proposals.json").read_text(encoding="utf-8"))
    assert any(flag in r["flags"] for r in records)


def test_sample_withheld_text_appears_nowhere(sample_site):
    from conftest import BUILD_DATE, ROOT
    from disclosure.site import load_site

    site = load_site(ROOT / "content", today=BUILD_DATE)
    withheld = [e for e in site.all_proposals + site.all_responses + site.all_announcements
                if e.disclosure == "withheld"]
    assert len(withheld) >= 2
    everything = all_output_text(sample_site)
    for entry in withheld:
        lines = [ln.strip("#-* ") for ln in entry.body.splitlines() if len(ln.strip()) >= 15]
        assert lines
        for line in lines:
            assert line not in everything, (entry.path, line)


def test_the_whole_list_offers_each_status_and_year_on_its_first_page(built):
    """A resident on a phone finds 办理中 or 2025年 from the list itself, not only from the menu:
    every status a proposal can be in (README: 已提交 → 已立案 → 办理中 → 已答复 → 已反馈 → 已办结,
    and 不予立案, 已并案, 转为意见建议), 逾期未答复, and every year the content has, each a page that exists."""
    out = built([proposal("0001", year=2025, submitted="2025-01-10"), assigned_proposal("0002"),
                 *[proposal(f"{n:04d}") for n in range(3, 25)]])
    first = page(out, "proposals")
    rows = {p.select_one(".browse-by").get_text(): [(a.get_text(), a["href"]) for a in p.select("a")]
            for p in first.select("nav.browse p")}
    statuses = [label for label, _ in rows["按状态："]]
    for label in ("已提交", "已立案", "办理中", "已答复", "已反馈", "已办结", "不予立案", "已并案", "转为意见建议", "逾期未答复"):
        assert label in statuses, (label, statuses)
    assert [label for label, _ in rows["按年度："]] == ["2026年", "2025年"]
    for _, href in rows["按状态："] + rows["按年度："]:
        path = href.split("zx.example.org/", 1)[1]
        assert (out / path / "index.html").is_file(), href
    assert not page(out, "proposals/page/2").select("nav.browse")  # the first page only
