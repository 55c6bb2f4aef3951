"""Records as offices have them, built for real with the CLI: a legacy proposal with unknown facts."""
import json
import re

from bs4 import BeautifulSoup

from conftest import assigned_proposal, front_matter, response, run_cli
from test_stats_site import errors


def page(out, url):
    return BeautifulSoup((out / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def facts(soup):
    dl = soup.select("dl.facts")[0]
    return dict(zip([d.get_text(strip=True) for d in dl.find_all("dt")],
                    [d.get_text(" ", strip=True) for d in dl.find_all("dd")]))


def text(soup):
    return re.sub(r"\s+", " ", soup.get_text(" "))


# Our own words in the shape of an older published record: the office gave no number, no dates,
# no proposer and no reply class; the reply letter is dated as printed.
LEGACY = {
    "proposals/2022/legacy-1.md": front_matter(
        {"提案号": "未知", "年度": 2022, "案由": "关于改善老旧小区停车的建议", "提案者": "未知", "类别": "城市建设",
         "提交日期": "未知", "审查结果": "立案", "审查日期": "不详", "主办单位": ["区发改委"], "交办日期": "未知"},
        "提案全文未公开。"),
    "proposals/2022/legacy-2.md": front_matter(
        {"number": "未知", "year": 2022, "title": "关于增设社区食堂的建议", "proposers": ["张三"], "category": "社会事业",
         "submitted": "2022年1月10日", "review": "filed", "review_date": "2022/1/30", "lead_units": ["区民政局"],
         "assigned": "未知", "due": "未知"}),
    "responses/2022/legacy-1-fgw.md": front_matter(
        {"对应提案": "2022-legacy-1", "答复单位": "区发改委", "办理角色": "主办", "答复日期": "二〇二二年八月三十日",
         "答复类别": "未知"}, "答复正文。"),
    "proposals/2022/legacy-3.md": front_matter(  # no date at all: nothing to put in its feed
        {"number": "未知", "year": 2022, "title": "关于加强河道保洁的建议", "proposers": "不详", "category": "城市建设",
         "submitted": "未知"}),
    "proposals/2022/0005.md": front_matter(
        {"number": "0005", "year": 2022, "title": "关于加强社区养老服务的建议", "proposers": ["九三学社测试区委"],
         "category": "社会事业", "submitted": "2022.1.12"}),
}


def test_a_legacy_proposal_with_unknown_facts_builds_and_says_不详(built):
    out = built({**LEGACY, **dict([assigned_proposal(year=2022), response("2022-0001", date="2022-03-01")])})
    soup = page(out, "proposals/2022/legacy-1")
    f = facts(soup)
    assert (f["提案号"], f["提案者"], f["提交日期"], f["交办日期"], f["答复期限"]) == ("不详",) * 5
    assert f["审查结果"] == "立案（日期不详）"
    assert "答复用时" not in f
    assert "2022年 编号不详（legacy-1）" in text(soup)
    assert [b.get_text() for b in soup.select(".status-line .badge")] == ["已答复"]
    reply = facts(page(out, "responses/2022/legacy-1-fgw"))
    assert reply["答复类别"] == "不详" and reply["答复日期"] == "2022年8月30日"

    pending = page(out, "proposals/2022/legacy-2")  # 交办 long ago, no reply, deadline unknown
    assert [b.get_text() for b in pending.select(".status-line .badge")] == ["办理中"]
    assert "逾期" not in text(pending) and facts(pending)["答复期限"] == "不详"
    undated = page(out, "proposals/2022/legacy-3")
    assert [li.get_text(" ", strip=True) for li in undated.select(".timeline li")] == ["原件未载明办理各环节的日期（不详）。"]

    proposer = page(out, "proposals/2022/0005").select_one("dl.facts a[href*='/proposers/']")
    assert proposer.get_text() + proposer.next_sibling == "九三学社测试区委（党派）"  # the name links to its page

    twin = json.loads((out / "proposals/2022/legacy-1/index.json").read_text(encoding="utf-8"))
    record = twin
    assert record["id"] == "2022-legacy-1"
    assert [record[k] for k in ("number", "proposers", "submitted", "review_date", "assigned", "due", "days_to_reply")] \
        == [None] * 7
    assert record["flags"] == [] and record["responses"][0]["result"] is None
    data = {r["id"]: r for r in json.loads((out / "data/proposals.json").read_text(encoding="utf-8"))}
    assert data["2022-legacy-2"]["flags"] == [] and data["2022-legacy-2"]["due"] is None

    stats_page = text(page(out, "stats"))
    assert "按期办复率 100.0% （2 件日期不详，未计入）" in stats_page
    assert "答复用时中位数 19 天 （1 件日期不详，未计入）" in stats_page
    assert "解决采纳率 100.0% （1 份答复类别不详，未计入）" in stats_page
    assert "未答复（期限不详） 1 件" in stats_page
    stats_json = json.loads((out / "data/stats.json").read_text(encoding="utf-8"))
    overall = stats_json["overall"]
    assert overall["on_time_rate"]["left_out"] == 2 and overall["days_per_proposal"]["left_out"] == 1


def test_open_data_with_unknown_facts_validates_against_the_schemas(built):
    from support.feedcheck import atom_errors, parse_feed

    out = built(LEGACY)
    feed = (out / "feeds/proposals/2022/legacy-3.atom.xml").read_bytes()
    assert atom_errors(feed) == [] and parse_feed(feed).entries == []
    for name in ("proposals", "responses", "stats", "units"):
        data = json.loads((out / "data" / f"{name}.json").read_text(encoding="utf-8"))
        assert errors(out, f"{name}.schema.json", data) == [], name
    twin = json.loads((out / "proposals/2022/legacy-1/index.json").read_text(encoding="utf-8"))
    assert errors(out, "proposal.schema.json", twin) == []


def test_check_reports_one_full_width_slip_once_on_its_line(make_content):
    path, text = assigned_proposal()
    text = text.replace("category: 经济建设", "category：经济建设").replace("- 区发改委", "- 区发改委，区民政局")
    text = text.replace("handling: sole", "handling: split").replace("---\n\n", "feedback:\n- {date: 2026-05-10，满意度: 满意}\n---\n\n")
    content = make_content({path: text, **dict([response(role="split"), response(unit="mz", role="split")])})
    result = run_cli("check", "--content", str(content))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = text.split("\n").index("- {date: 2026-05-10，满意度: 满意}") + 1
    assert result.stderr.splitlines()[0] == (f"proposals/2026/0001.md:{line} 「，」 错误：元数据（YAML）格式有误："
                                             "全角字符「，」应改为半角「,」（英文输入法）。")
    assert "共 1 个错误，0 个警告。" in result.stderr, result.stderr
    text = text.replace("- {date: 2026-05-10，满意度: 满意}", "- {date：2026-05-10，satisfaction：满意}")
    content = make_content({path: text, **dict([response(role="split"), response(unit="mz", role="split")])})
    result = run_cli("check", "--content", str(content))
    assert result.returncode == 0, result.stderr


def test_reply_and_notice_facts_on_pages_data_and_feeds(built):
    from support.feedcheck import parse_feed

    files = dict([
        assigned_proposal(handling="lead_co", co_units=["区民政局"]),
        response(date="2026-04-01", published="2026-04-15", cc=["区政协提案委", "区政府办公室"],
                 contact="联系人：李明，电话：021-6300 1234", issuer="测试区人民政府办公室"),
        response(unit="mz", role="co", date="2026-03-20"),
    ])
    files["announcements/2026/canteen.md"] = front_matter(
        {"title": "关于社区食堂选址的公示", "date": "2026-11-20", "kind": "publicity", "from": "2026-11-20",
         "until": "2026-11-27", "issuer": "测试区住房和城乡建设管理委员会", "objection": "书面意见寄送区住建委"})
    out = built(files)

    reply = page(out, "responses/2026/0001-fgw")
    f = facts(reply)
    assert (f["签发日期"], f["发布日期"], f["抄送"], f["发文单位"]) == (
        "2026年4月1日", "2026年4月15日", "区政协提案委、区政府办公室", "测试区人民政府办公室")
    assert f["联系人及电话"] == "李明 021-6300 1234"
    assert reply.select_one('dl.facts a[href^="tel:"]')["href"] == "tel:02163001234"
    meta = {d.get_text(strip=True): d.find_next("dd").get_text(strip=True) for d in reply.select(".meta-block dt")}
    assert meta["发布机构"] == "测试区人民政府办公室" and meta["发布日期"] == "2026年4月15日"

    co = facts(page(out, "responses/2026/0001-mz"))
    assert "提案者评价" not in co and co["会办意见"].startswith("致主办单位测试区发展和改革委员会")

    feed = parse_feed((out / "feeds/proposals/2026/0001.atom.xml").read_bytes())
    [entry] = [e for e in feed.entries if e.link.endswith("/responses/2026/0001-fgw/")]
    assert entry.published.startswith("2026-04-15")

    record = json.loads((out / "responses/2026/0001-fgw/index.json").read_text(encoding="utf-8"))
    assert (record["date"], record["published"], record["cc"], record["contact_phone"]) == (
        "2026-04-01", "2026-04-15", ["区政协提案委", "区政府办公室"], "021-6300 1234")

    notice = page(out, "announcements/2026/canteen")
    meta = {d.get_text(strip=True): d.find_next("dd").get_text(strip=True) for d in notice.select(".meta-block dt")}
    assert meta["发布机构"] == "测试区住房和城乡建设管理委员会"
    nf = facts(notice)
    assert nf["公示期"].startswith("2026年11月20日 至 2026年11月27日 公示中") and "还有 4 天截止" in nf["公示期"]
    assert nf["意见反馈方式"] == "书面意见寄送区住建委"
    data = json.loads((out / "announcements/2026/canteen/index.json").read_text(encoding="utf-8"))
    assert (data["from"], data["until"], data["window_open"], data["issuer"]) == (
        "2026-11-20", "2026-11-27", True, "测试区住房和城乡建设管理委员会")
    for name in ("responses", "announcements"):
        assert errors(out, f"{name}.schema.json", json.loads((out / "data" / f"{name}.json").read_text(encoding="utf-8"))) == []
