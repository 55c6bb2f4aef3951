"""What the search index holds for each item page, from the files (docs/search.md).

The expected fields, result lines and filters are written out from the front matter and
site.yaml; withheld and summary-only bodies are checked against the files' own text.
"""

from conftest import BUILD_DATE, assigned_proposal, proposal, response
from disclosure.site import load_site
from search import records

TITLE = "关于第0001号事项的建议"
NOTICE = ("---\ntitle: 关于社区食堂选址的公示\ndate: 2025-12-01\nkind: publicity\nregion: 东湖街道\n{extra}---\n\n"
          "食堂选址在东湖路。\n")


def load(make_content, files, **site):
    s = load_site(make_content(dict(files), **site), today=BUILD_DATE)
    assert s.report.ok, s.report.format()
    return s


FILES = [assigned_proposal(proposers=["张三", "李四"], category="城市建设", body="## 具体建议\n\n建议增设社区食堂。"),
         response(body="已经开工建设。", doc_no="测发改〔2026〕12号"),
         ("announcements/2025/canteen.md", NOTICE.format(extra=""))]


def by_kind(site):
    return {r.kind: r for r in records.all_records(site)}


def test_a_proposal_record(make_content):
    r = by_kind(load(make_content, FILES))["proposal"]
    assert r.url == "proposals/2026/0001/" and r.date == "2026-01-10"
    unit = "测试区发展和改革委员会、区发改委"  # site.yaml's name and short name
    # Its own fields first (title, number, keywords: none here), then proposers, units, body. The
    # number as typed in links (2026-0001), as pages print it (2026年第0001号), without its zeros.
    numbers = "2026-0001、2026年第0001号、第1号"
    assert r.fields == [TITLE, numbers, "", "张三、李四", unit, "具体建议 建议增设社区食堂。"] and r.keys == 3
    assert r.text == f"{TITLE}\n{numbers}\n张三、李四\n{unit}\n具体建议 建议增设社区食堂。"
    assert r.meta == {"title": TITLE, "kind": "提案", "status": "已答复", "date": "2026-01-10",
                      "date_zh": "2026年1月10日"}
    assert r.filters == {"kind": ["提案"], "status": ["已答复"], "category": ["城市建设"],
                         "unit": ["测试区发展和改革委员会"], "year": ["2026"]}


def test_inline_emphasis_does_not_split_a_chinese_phrase(make_content):
    site = load(make_content, [assigned_proposal(body="建议增设**社区食堂**。")])
    assert "建议增设社区食堂。" in by_kind(site)["proposal"].text


def test_a_reply_record(make_content):
    r = by_kind(load(make_content, FILES))["response"]
    title = f"区发改委答复：{TITLE}"
    assert r.url == "responses/2026/0001-fgw/" and r.date == "2026-04-01"
    # Its own fields first (a title of its own: none here; 文号), then the title made from its proposal's.
    assert r.fields == ["", "测发改〔2026〕12号", title, "2026-0001", "测试区发展和改革委员会、区发改委",
                        "已经开工建设。"] and r.keys == 2
    assert r.meta == {"title": title, "kind": "答复", "status": "已答复", "date": "2026-04-01",
                      "date_zh": "2026年4月1日"}
    assert r.filters == {"kind": ["答复"], "status": ["已答复"], "category": ["城市建设"],
                         "unit": ["测试区发展和改革委员会"], "year": ["2026"]}


def test_an_announcement_record(make_content):
    r = by_kind(load(make_content, FILES))["announcement"]
    assert r.url == "announcements/2025/canteen/" and r.date == "2025-12-01"
    assert r.fields == ["关于社区食堂选址的公示", "", "东湖街道", "食堂选址在东湖路。"] and r.keys == 2  # title, keywords
    assert r.meta == {"title": "关于社区食堂选址的公示", "kind": "公告", "status": "公示", "date": "2025-12-01",
                      "date_zh": "2025年12月1日"}
    assert r.filters == {"kind": ["公告"], "year": ["2025"]}


def test_a_proposal_not_yet_reviewed_has_no_unit_filter(make_content):
    r = by_kind(load(make_content, [proposal()]))["proposal"]
    assert r.filters == {"kind": ["提案"], "status": ["已提交"], "category": ["经济建设"], "year": ["2026"]}


def test_withheld_and_summary_bodies(make_content):
    secret, summary = "内部讨论稿，不予公开。", "关于  食堂的\n摘要。"
    files = [assigned_proposal(body=secret, disclosure="summary", summary=summary),
             response(body=secret, disclosure="withheld"),
             ("announcements/2025/canteen.md", NOTICE.format(extra="disclosure: withheld\n"))]
    site = load(make_content, files)
    found = by_kind(site)
    assert found["proposal"].fields[-1] == "关于 食堂的 摘要。"
    assert found["response"].fields[-1] == "" and found["announcement"].fields[-1] == ""
    for r in found.values():
        assert "内部讨论稿" not in r.text and "东湖路" not in r.text


def test_items_are_in_a_stable_order_and_make_their_records(make_content):
    files = [*FILES, assigned_proposal("0002"), response("2026-0002"),
             ("announcements/2025/a-first.md", NOTICE.format(extra=""))]
    site = load(make_content, files)
    items = records.all_items(site)
    assert [(i.kind, i.date) for i in items] == [
        ("proposal", "2026-01-10"), ("proposal", "2026-01-10"), ("response", "2026-04-01"),
        ("response", "2026-04-01"), ("announcement", "2025-12-01"), ("announcement", "2025-12-01")]
    assert [r.url for r in records.records_of(site, items)] == [
        "proposals/2026/0001/", "proposals/2026/0002/", "responses/2026/0001-fgw/", "responses/2026/0002-fgw/",
        "announcements/2025/a-first/", "announcements/2025/canteen/"]
    assert [r.url for r in records.all_records(site)] == [r.url for r in records.records_of(site, items)]


def test_filter_choices_list_every_value_newest_year_first(make_content):
    site = load(make_content, [*FILES, proposal("0001", 2024)])
    choices = records.filter_choices(site)
    assert choices["kind"] == ["提案", "答复", "公告"]
    assert choices["status"] == ["已提交", "已立案", "不予立案", "已并案", "转为意见建议", "办理中", "已答复", "已反馈",
                                 "已办结"]
    assert choices["category"] == ["经济建设", "城市建设", "社会事业"]
    assert choices["unit"] == ["测试区发展和改革委员会", "测试区生态环境局", "测试区民政局"]
    assert choices["year"] == ["2026", "2025", "2024"]


def test_an_items_digest_moves_when_its_story_changes(make_content):
    """A bundle is rebuilt when a record's sources change: an edited reply changes its proposal's record."""
    from disclosure.digest import Digests

    def digests(files):
        site = load(make_content, files)
        d = Digests(site)
        return {(i.kind, i.date): records.item_digest(d, i) for i in records.all_items(site)}

    before = digests(FILES)
    after = digests([FILES[0], response(body="已经建成开放。", doc_no="测发改〔2026〕12号"), FILES[2]])
    assert before[("proposal", "2026-01-10")] != after[("proposal", "2026-01-10")]
    assert before[("response", "2026-04-01")] != after[("response", "2026-04-01")]
    assert before[("announcement", "2025-12-01")] == after[("announcement", "2025-12-01")]
    assert len(set(before.values())) == 3


def test_a_proposal_awaiting_its_answer_carries_its_deadline_for_the_results_late_mark(make_content):
    """Assigned 2026-02-10, 90 days to answer (site.yaml): due 2026-05-11. The record says so while
    the answer is awaited, so the search page marks it 逾期未答复 after that day without the record
    changing every day; once answered (FILES' proposal), or before it is assigned, it says nothing."""
    site = load(make_content, [assigned_proposal("0002", title="关于增设公共厕所的建议"),
                               proposal("0003", title="关于修缮篮球场的建议"), *FILES])
    metas = {r.url: r.meta for r in records.all_records(site) if r.kind == "proposal"}
    assert metas["proposals/2026/0002/"]["due"] == "2026-05-11"
    assert "due" not in metas["proposals/2026/0003/"] and "due" not in metas["proposals/2026/0001/"]
