"""What feed subscribers see: one item per dated step and per announcement, ids that never move.

Expected titles, dates and texts are written out from the front matter; ids are checked for what
subscribers rely on (the same item keeps its id and its `updated` whatever else is added).
"""
import datetime as dt
from zoneinfo import ZoneInfo

from conftest import BUILD_DATE, assigned_proposal, response
from disclosure import news
from disclosure.history import Change, FileHistory
from disclosure.render import plain_text
from disclosure.site import load_site

SHANGHAI = ZoneInfo("Asia/Shanghai")
TITLE = "关于第0001号事项的建议"
NOTICE = "---\ntitle: 关于社区食堂选址的公示\ndate: {date}\nkind: {kind}\n{until}---\n\n公示正文。\n"


def load(make_content, files, today=BUILD_DATE, **site):
    s = load_site(make_content(dict(files), **site), today=today)
    assert s.report.ok, s.report.format()
    return s


def midnight(day):
    return dt.datetime.fromisoformat(day).replace(tzinfo=SHANGHAI)


STORY = [assigned_proposal(proposers=["张三", "李四"], handling="lead_co", co_units=["区民政局"],
                           events=[{"date": "2026-03-01", "label": "办前协商", "note": "与提案者座谈。"}],
                           feedback=[{"date": "2026-04-10", "satisfaction": "满意"}], closed="2026-04-20",
                           body="建议增设社区食堂。"),
         response(body="已经开工建设。", doc_no="测发改〔2026〕12号")]


def items_by_kind(site, history=None):
    items = news.proposal_items(site, site.proposals["2026-0001"], history)
    return {i.kind: i for i in items}, items


def test_one_item_per_step_with_the_steps_title_and_page(make_content):
    site = load(make_content, STORY)
    by_kind, items = items_by_kind(site)
    assert [(i.kind, i.title, i.url, i.published.date().isoformat()) for i in items] == [
        ("submitted", f"新提案：{TITLE}", "proposals/2026/0001/", "2026-01-10"),
        ("review", f"立案：{TITLE}", "proposals/2026/0001/", "2026-02-01"),
        ("assigned", f"交办区发改委办理：{TITLE}", "proposals/2026/0001/", "2026-02-10"),
        ("event", f"办前协商：{TITLE}", "proposals/2026/0001/", "2026-03-01"),
        ("reply", f"区发改委答复：{TITLE}", "responses/2026/0001-fgw/", "2026-04-01"),
        ("feedback", f"委员反馈：满意：{TITLE}", "proposals/2026/0001/", "2026-04-10"),
        ("closed", f"办结：{TITLE}", "proposals/2026/0001/", "2026-04-20"),
    ]
    for i in items:
        assert i.published == i.updated and i.published.hour == 12  # the day at noon in China (news.stamped)
        assert i.proposal_id == "2026-0001" and i.category == "economy"
    assert by_kind["reply"].units == ["fgw"]
    assert by_kind["submitted"].units == ["fgw", "mz"]
    assert len({i.id for i in items}) == len(items) and all(i.id.startswith("urn:uuid:") for i in items)


def test_item_texts(make_content):
    by_kind, _ = items_by_kind(load(make_content, STORY))
    submitted = plain_text(by_kind["submitted"].html)
    assert submitted.startswith("提交提案（2026-01-10） 提案者：张三、李四 ") and submitted.endswith(" 建议增设社区食堂。")
    assert plain_text(by_kind["event"].html) == "办前协商（2026-03-01） 与提案者座谈。"
    assert plain_text(by_kind["review"].html) == "审查：立案（2026-02-01）"
    assert plain_text(by_kind["reply"].html) == ("办理角色：主办；答复类别：A（已经解决或基本解决） "
                                                 "文号：测发改〔2026〕12号 已经开工建设。")


def test_withheld_reply_text_stays_out_of_the_feed(make_content):
    files = [STORY[0], response(body="内部讨论稿，不予公开。", disclosure="withheld")]
    by_kind, _ = items_by_kind(load(make_content, files))
    assert "内部讨论稿" not in by_kind["reply"].html
    assert plain_text(by_kind["reply"].html) == "办理角色：主办；答复类别：A（已经解决或基本解决）"


def test_steps_after_the_build_date_are_not_news_yet(make_content):
    site = load(make_content, STORY, today=dt.date(2026, 4, 1))
    _, items = items_by_kind(site)
    assert [i.kind for i in items] == ["submitted", "review", "assigned", "event", "reply"]


def test_ids_and_updated_stay_when_earlier_steps_are_added(make_content):
    """A back-dated event and co reply land before existing steps: no existing item changes."""
    before = {i.id: (i.title, i.updated) for i in items_by_kind(load(make_content, STORY))[1]}
    proposal = assigned_proposal(proposers=["张三", "李四"], handling="lead_co", co_units=["区民政局"],
                                 events=[{"date": "2026-01-20", "label": "督办调研"},
                                         {"date": "2026-03-01", "label": "办前协商", "note": "与提案者座谈。"}],
                                 feedback=[{"date": "2026-04-10", "satisfaction": "满意"}], closed="2026-04-20",
                                 body="建议增设社区食堂。")
    files = [proposal, STORY[1], response(unit="mz", role="co", result=None, date="2026-03-20")]
    after = {i.id: (i.title, i.updated) for i in items_by_kind(load(make_content, files))[1]}
    assert len(after) == len(before) + 2
    assert {k: after[k] for k in before} == before


def test_ids_differ_between_bodies_and_between_proposals(make_content):
    ours = {i.id for i in items_by_kind(load(make_content, STORY))[1]}
    theirs = {i.id for i in items_by_kind(load(make_content, STORY, body="政协另一区委员会"))[1]}
    assert not ours & theirs
    two = load(make_content, [*STORY, assigned_proposal("0002")])
    first = {i.id for i in news.proposal_items(two, two.proposals["2026-0001"])}
    second = {i.id for i in news.proposal_items(two, two.proposals["2026-0002"])}
    # 2026-0002: submitted, reviewed, assigned, and 逾期未答复 (due 2026-05-11, unanswered on the build date)
    assert len(first) == 7 and len(second) == 4 and not first & second


def test_an_edited_reply_shows_as_updated(make_content):
    """Its `updated:` key, or a later commit of its file, moves `updated`; `published` stays."""
    files = [STORY[0], response(updated="2026-05-03")]
    reply = items_by_kind(load(make_content, files))[0]["reply"]
    assert reply.published.date().isoformat() == "2026-04-01" and reply.updated.date().isoformat() == "2026-05-03"

    site = load(make_content, STORY)
    committed = midnight("2026-06-01").replace(hour=15)
    history = {"responses/2026/0001-fgw.md": FileHistory([Change(committed, "改正错字"),
                                                          Change(midnight("2026-04-01"), "答复")])}
    by_kind, items = items_by_kind(site, history)
    assert by_kind["reply"].updated == committed and by_kind["reply"].published.date().isoformat() == "2026-04-01"
    assert all(i.updated == i.published for i in items if i.kind != "reply")
    once = {"responses/2026/0001-fgw.md": FileHistory([Change(midnight("2026-06-01"), "答复")])}
    reply = items_by_kind(site, once)[0]["reply"]
    assert reply.updated == reply.published and reply.published.date().isoformat() == "2026-04-01"


def test_a_commit_older_than_the_reply_date_does_not_move_updated(make_content):
    site = load(make_content, STORY)
    old = {"responses/2026/0001-fgw.md": FileHistory([Change(midnight("2026-03-30"), "改"),
                                                      Change(midnight("2026-03-29"), "草稿")])}
    reply = items_by_kind(site, old)[0]["reply"]
    assert reply.updated == reply.published and reply.published.date().isoformat() == "2026-04-01"


def test_announcements_are_items_once_published(make_content):
    files = {"announcements/2026/a.md": NOTICE.format(date="2026-05-01", kind="publicity", until="until: 2026-05-08\n"),
             "announcements/2026/b.md": NOTICE.format(date="2026-11-30", kind="news", until="")}
    site = load(make_content, files)
    (item,) = [i for i in news.all_items(site) if i.kind == "announcement"]
    assert item.title == "公示：关于社区食堂选址的公示" and item.url == "announcements/2026/a/"
    assert item.published == item.updated and item.published.date().isoformat() == "2026-05-01"
    assert plain_text(item.html) == "公示 公示截止：2026-05-08 公示正文。"
    later = load(make_content, files, today=dt.date(2026, 11, 30))
    titles = [i.title for i in news.all_items(later) if i.kind == "announcement"]
    assert titles == ["公示：关于社区食堂选址的公示", "工作动态：关于社区食堂选址的公示"]
    news_item = [i for i in news.all_items(later) if i.title.startswith("工作动态")][0]
    assert plain_text(news_item.html) == "工作动态 公示正文。"
    assert news_item.id != item.id


def test_newest_first_by_updated_then_published():
    def item(iid, published, updated):
        return news.NewsItem(iid, "", "", midnight(published), midnight(updated), lambda: "", "reply")
    items = [item("a", "2026-01-01", "2026-03-01"), item("b", "2026-02-01", "2026-02-01"),
             item("c", "2026-01-15", "2026-03-01"), item("d", "2026-01-15", "2026-03-01")]
    assert [i.id for i in news.newest_first(items)] == ["d", "c", "a", "b"]


def test_all_items_covers_every_proposal(make_content):
    site = load(make_content, [*STORY, assigned_proposal("0002")])
    assert sorted({i.proposal_id for i in news.all_items(site)}) == ["2026-0001", "2026-0002"]
    assert len(news.all_items(site)) == 11  # 7 of 2026-0001's story; 2026-0002's three steps and 逾期未答复


def test_published_ids_follow_the_documented_recipe(make_content):
    """Ids already in subscribers' readers must never change (docs/architecture.md, "Feed ids"):
    urn:uuid: + uuid5(6f1c7a52-3f0e-5d2a-9a57-0c4b8e2d1a10, "<body>|proposal|<proposal id>|<step key>")
    and "<body>|announcement|<announcement id>" for announcements."""
    import uuid

    namespace = uuid.UUID("6f1c7a52-3f0e-5d2a-9a57-0c4b8e2d1a10")

    def recipe(*parts):
        return f"urn:uuid:{uuid.uuid5(namespace, '|'.join(parts))}"

    files = [*STORY, ("announcements/2026/canteen.md",
                      NOTICE.format(date="2026-05-01", kind="publicity", until=""))]
    site = load(make_content, files)
    by_kind, _ = items_by_kind(site)
    assert by_kind["submitted"].id == recipe("政协测试区委员会", "proposal", "2026-0001", "submitted")
    assert by_kind["reply"].id == recipe("政协测试区委员会", "proposal", "2026-0001", "reply-2026/0001-fgw")
    (notice,) = [i for i in news.all_items(site) if i.kind == "announcement"]
    assert notice.id == recipe("政协测试区委员会", "announcement", "2026/canteen")


def test_assignment_to_several_units_names_them_all(make_content):
    files = [assigned_proposal(handling="split", lead_units=["区发改委", "区民政局"])]
    by_kind, _ = items_by_kind(load(make_content, files))
    assert by_kind["assigned"].title == f"交办区发改委、区民政局办理：{TITLE}"


def test_a_new_proposal_item_names_every_proposer(make_content):
    """The timeline step says 张三、李四、王五等; the feed item lists all four, once."""
    files = [assigned_proposal(proposers=["张三", "李四", "王五", "赵六"])]
    text = plain_text(items_by_kind(load(make_content, files))[0]["submitted"].html)
    assert "提案者：张三、李四、王五、赵六" in text and text.count("提案者") == 1


def test_all_items_use_the_git_history(make_content):
    site = load(make_content, STORY)
    committed = midnight("2026-06-01").replace(hour=15)
    history = {"responses/2026/0001-fgw.md": FileHistory([Change(committed, "改正错字"),
                                                          Change(midnight("2026-04-01"), "答复")])}
    (reply,) = [i for i in news.all_items(site, history) if i.kind == "reply"]
    assert reply.updated == committed
