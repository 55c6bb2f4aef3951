"""Feed items: when each says it happened, a reply published later than signed, a late answer's
mark, and attachments (links in the item's text, enclosures for the feed).

Expected values are read off the front matter written here, the attachment files' sizes on
disk, and the recipe in news.stamped's docstring (noon in China, a minute per lifecycle stage in
the order 提交 审查 交办 办理节点 答复 委员反馈 办结, a second from the step's key).
"""
import datetime as dt
import hashlib
import re
from zoneinfo import ZoneInfo

from conftest import BUILD_DATE, assigned_proposal, proposal, response
from disclosure import news
from disclosure.render import plain_text
from disclosure.site import load_site
from tests.support.documents import write_pdf, write_png

SHANGHAI = ZoneInfo("Asia/Shanghai")
STAGES = ["submitted", "review", "assigned", "event", "reply", "feedback", "closed"]


def load(content, today=BUILD_DATE):
    s = load_site(content, today=today)
    assert s.report.ok, s.report.format()
    return s


def items(site, pid="2026-0001"):
    return news.proposal_items(site, site.proposals[pid])


def when(day, kind, key):
    second = int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 60
    return dt.datetime.fromisoformat(day).replace(hour=12, minute=STAGES.index(kind) + 1, second=second,
                                                  tzinfo=SHANGHAI)


def test_each_item_is_stamped_at_noon_plus_its_stage_and_key(make_content):
    # Submitted, reviewed and assigned on one day; two split units answer on one day.
    site = load(make_content(dict([
        assigned_proposal(submitted="2026-02-10", review_date="2026-02-10", assigned="2026-02-10",
                          handling="split", lead_units=["区发改委", "区民政局"]),
        response(role="split"), response(unit="mz", role="split")])))
    got = [(i.kind, i.published) for i in items(site)]
    assert got == [("submitted", when("2026-02-10", "submitted", "submitted")),
                   ("review", when("2026-02-10", "review", "review")),
                   ("assigned", when("2026-02-10", "assigned", "assigned")),
                   ("reply", when("2026-04-01", "reply", "reply-2026/0001-fgw")),
                   ("reply", when("2026-04-01", "reply", "reply-2026/0001-mz"))]
    # what a reader sorts by: one day's steps in lifecycle order, the two replies apart
    assert got[0][1] < got[1][1] < got[2][1] and got[3][1] != got[4][1]


def test_a_reply_is_news_on_the_day_it_was_published(make_content):
    # Signed 04-01, published 04-15; another signed 04-01 is published only on 12-01, after the
    # build date (11-23): not news yet, while a later step (an event on 06-01) is.
    site = load(make_content(dict([
        assigned_proposal(handling="split", lead_units=["区发改委", "区民政局"],
                          events=[{"date": "2026-06-01", "label": "督办调研"}]),
        response(role="split", published="2026-04-15"),
        response(unit="mz", role="split", published="2026-12-01")])))
    got = [(i.kind, i.url, i.published.date().isoformat()) for i in items(site)]
    assert got == [("submitted", "proposals/2026/0001/", "2026-01-10"), ("review", "proposals/2026/0001/", "2026-02-01"),
                   ("assigned", "proposals/2026/0001/", "2026-02-10"), ("reply", "responses/2026/0001-fgw/", "2026-04-15"),
                   ("event", "proposals/2026/0001/", "2026-06-01")]


def test_a_late_answer_says_so_in_its_item(make_content):
    # 交办 02-10, deadline 05-11 (reply_days 90): 区发改委 answers 05-20, late; a re-reply is never late.
    site = load(make_content(dict([
        assigned_proposal(), response(date="2026-05-20", body="已经开工。"),
        response(suffix="-2", date="2026-07-01", supersedes="2026/0001-fgw", body="已经建成。")])))
    replies = [plain_text(i.html) for i in items(site) if i.kind == "reply"]
    assert replies == ["办理角色：主办；答复类别：A（已经解决或基本解决） 逾期答复（答复期限 2026-05-11） 已经开工。",
                       "办理角色：主办；答复类别：A（已经解决或基本解决） 已经建成。"]


def test_attachments_are_linked_and_enclosed_by_the_item_they_belong_to(make_content):
    content = make_content(dict([
        assigned_proposal(attachments=[{"file": "plan.pdf", "title": "选址方案"}]),
        response(attachments=["photo.png", "site.png"])]))
    write_pdf(content / "proposals/2026/plan.pdf", ["选址方案"])
    write_png(content / "responses/2026/photo.png")
    write_png(content / "responses/2026/site.png")
    plan = (content / "proposals/2026/plan.pdf").stat().st_size
    photo = (content / "responses/2026/photo.png").stat().st_size
    site_map = (content / "responses/2026/site.png").stat().st_size
    by_kind = {i.kind: i for i in items(load(content))}
    assert by_kind["submitted"].enclosures == [("proposals/2026/0001/attachments/plan.pdf", plan, "application/pdf")]
    assert by_kind["reply"].enclosures == [("responses/2026/0001-fgw/attachments/photo.png", photo, "image/png"),
                                           ("responses/2026/0001-fgw/attachments/site.png", site_map, "image/png")]
    assert by_kind["review"].enclosures == [] and by_kind["assigned"].enclosures == []
    submitted = plain_text(by_kind["submitted"].html)
    assert submitted.startswith("提交提案（2026-01-10） 提案者：张三 ") and "建议加快推进。" in submitted
    assert "建议加快推进。 附件： 选址方案（PDF，" in submitted and submitted.endswith("）")
    assert '<a href="/proposals/2026/0001/attachments/plan.pdf">选址方案</a>' in by_kind["submitted"].html
    assert re.search(r'<li><a href="/responses/2026/0001-fgw/attachments/photo.png">photo.png</a>（PNG 图片，[^<]*）</li>'
                     r'<li><a href="/responses/2026/0001-fgw/attachments/site.png">site.png</a>', by_kind["reply"].html)
    assert "附件" not in by_kind["review"].html


def test_an_announcements_attachments_and_time(make_content):
    notice = "---\ntitle: 关于社区食堂选址的公示\ndate: 2026-05-01\nkind: publicity\nattachments: [map.png]\n---\n\n公示正文。\n"
    content = make_content({"announcements/2026/canteen.md": notice})
    write_png(content / "announcements/2026/map.png")
    size = (content / "announcements/2026/map.png").stat().st_size
    (item,) = [i for i in news.all_items(load(content)) if i.kind == "announcement"]
    assert item.enclosures == [("announcements/2026/canteen/attachments/map.png", size, "image/png")]
    assert '<a href="/announcements/2026/canteen/attachments/map.png">map.png</a>' in item.html
    second = int(hashlib.sha1(b"2026/canteen").hexdigest(), 16) % 60  # no stage: minute 0
    assert item.published == dt.datetime(2026, 5, 1, 12, 0, second, tzinfo=SHANGHAI) == item.updated


def test_a_withheld_entrys_attachment_stays_out_unless_marked_public(make_content):
    content = make_content(dict([
        proposal("0001", disclosure="withheld", attachments=["secret.pdf", {"file": "open.pdf", "public": True}])]))
    write_pdf(content / "proposals/2026/secret.pdf", ["内部"])
    write_pdf(content / "proposals/2026/open.pdf", ["公开"])
    (submitted,) = items(load(content))
    assert [e[0] for e in submitted.enclosures] == ["proposals/2026/0001/attachments/open.pdf"]
    assert "secret.pdf" not in submitted.html and "open.pdf" in submitted.html


PROMISE = {"text": "年内建成三处社区食堂。", "due": "2026-12-31",
           "updates": [{"date": "2026-06-15", "status": "推进中", "note": "两处已完成选址。"},
                       {"date": "2026-11-20", "status": "已完成"}]}


def test_each_update_of_a_commitment_is_an_item(make_content):
    site = load(make_content(dict([assigned_proposal(), response(commitments=[PROMISE])])))
    got = [i for i in items(site) if i.kind == "commitment"]
    title = "关于第0001号事项的建议"
    assert [i.title for i in got] == [f"承诺落实进展（推进中）：{title}", f"承诺落实进展（已完成）：{title}"]
    for i, day in zip(got, ["2026-06-15", "2026-11-20"]):
        assert i.url.startswith("proposals/2026/0001/#commitment-2026-0001-fgw-")
        assert (i.proposal_id, i.units, i.category) == ("2026-0001", ["fgw"], "economy")
        assert i.published == i.updated and i.published.date().isoformat() == day
        assert (i.published.hour, i.published.minute) == (12, 8)  # after 办结 (minute 7) of the same day
    assert plain_text(got[0].html) == ("年内建成三处社区食堂。 承诺出自测试区发展和改革委员会 2026-04-01 的答复，"
                                       "完成期限 2026-12-31。 2026-06-15：推进中 两处已完成选址。")
    assert len({i.id for i in items(site)}) == len(items(site))
    # An update dated before the others is added: the existing items keep their ids and times.
    earlier = dict(PROMISE, updates=[{"date": "2026-05-01", "status": "推进中"}, *PROMISE["updates"]])
    again = load(make_content(dict([assigned_proposal(), response(commitments=[earlier])])))
    after = {i.id: (i.title, i.published) for i in items(again) if i.kind == "commitment"}
    assert len(after) == 3 and all(after[i.id] == (i.title, i.published) for i in got)


def test_a_withheld_replys_commitments_are_no_news(make_content):
    site = load(make_content(dict([assigned_proposal(), response(commitments=[PROMISE], disclosure="withheld")])))
    assert [i.kind for i in items(site) if i.kind == "commitment"] == []


def test_an_edited_reply_is_updated_at_noon_plus_the_reply_stage_and_its_id(make_content):
    site = load(make_content(dict([assigned_proposal(), response(updated="2026-05-03")])))
    (reply,) = [i for i in items(site) if i.kind == "reply"]
    assert reply.published == when("2026-04-01", "reply", "reply-2026/0001-fgw")
    assert reply.updated == when("2026-05-03", "reply", "2026/0001-fgw")


def test_a_commitment_items_evidence_is_named_and_a_web_address_linked(make_content):
    notice = "---\ntitle: 关于社区食堂开业的公告\ndate: 2026-11-20\nkind: news\n---\n\n已开业。\n"
    done = {"date": "2026-11-20", "status": "已完成", "evidence": ["https://example.org/canteen", "2026/canteen"]}
    promise = dict(PROMISE, updates=[done])
    site = load(make_content({**dict([assigned_proposal(), response(commitments=[promise])]),
                              "announcements/2026/canteen.md": notice}))
    (item,) = [i for i in items(site) if i.kind == "commitment"]
    assert '<p>依据：<a href="https://example.org/canteen">https://example.org/canteen</a></p>' in item.html
    assert "<p>依据：关于社区食堂开业的公告</p>" in item.html


def test_two_commitments_updated_on_one_day_are_not_stamped_alike(make_content):
    other = {"text": "明年增设两处老年助餐点。", "updates": [{"date": "2026-06-15", "status": "推进中"}]}
    site = load(make_content(dict([assigned_proposal(), response(commitments=[PROMISE, other])])))
    same_day = [i.published for i in items(site) if i.kind == "commitment" and i.published.date().isoformat() == "2026-06-15"]
    assert len(same_day) == 2 and same_day[0] != same_day[1]
    (no_due,) = [i for i in items(site) if i.kind == "commitment" and "助餐" in i.html]
    assert plain_text(no_due.html) == "明年增设两处老年助餐点。 承诺出自测试区发展和改革委员会 2026-04-01 的答复。 2026-06-15：推进中"


def test_a_commitment_items_id_and_time_follow_the_documented_recipe(make_content):
    """docs/architecture.md, "Feed ids": uuid5 of "<body>|commitment|<proposal>|<reply>|<words>|<day>",
    <words> the first 12 hex digits of the SHA-1 of the commitment's text (spaces collapsed)."""
    import uuid

    namespace = uuid.UUID("6f1c7a52-3f0e-5d2a-9a57-0c4b8e2d1a10")
    words = hashlib.sha1("年内建成三处社区食堂。".encode("utf-8")).hexdigest()[:12]
    site = load(make_content(dict([assigned_proposal(), response(commitments=[PROMISE])])))
    got = [(i.id, i.published) for i in items(site) if i.kind == "commitment"]
    expected = []
    for day in ["2026-06-15", "2026-11-20"]:
        name = f"政协测试区委员会|commitment|2026-0001|2026/0001-fgw|{words}|{day}"
        second = int(hashlib.sha1(f"commitment-2026/0001-fgw#{words}-{day}".encode("utf-8")).hexdigest(), 16) % 60
        at = dt.datetime.fromisoformat(day).replace(hour=12, minute=8, second=second, tzinfo=SHANGHAI)
        expected.append((f"urn:uuid:{uuid.uuid5(namespace, name)}", at))  # minute 8: the stage after 办结
    assert got == expected


def test_a_proposal_past_its_deadline_unanswered_is_news_the_day_after_it(make_content):
    """Subscribers to a proposal are told it is late: assigned 2026-02-10, 90 days (site.yaml), due
    2026-05-11; on 2026-05-12 an item 逾期未答复 naming the unit still to answer, stamped that day at
    noon and the 答复期限 stage (STEP's ninth). The day before, and once answered, there is none."""
    files = dict([assigned_proposal(title="关于增设社区食堂的建议")])
    late = [i for i in items(load(make_content(files), today=dt.date(2026, 5, 12))) if i.kind == "due"]
    assert [(i.title, i.url) for i in late] == [("逾期未答复：关于增设社区食堂的建议", "proposals/2026/0001/")]
    second = int(hashlib.sha1(b"overdue").hexdigest(), 16) % 60
    assert late[0].published == dt.datetime(2026, 5, 12, 12, 9, second, tzinfo=SHANGHAI)
    assert plain_text(late[0].html) == "答复期限（2026-05-11）已过，区发改委尚未答复。"
    assert [i for i in items(load(make_content(files), today=dt.date(2026, 5, 11))) if i.kind == "due"] == []


def test_an_answered_proposal_has_no_late_item_even_if_the_answer_was_late(make_content):
    site = load(make_content(dict([assigned_proposal(), response(date="2026-06-01")])))
    assert [i for i in items(site) if i.kind == "due"] == []
