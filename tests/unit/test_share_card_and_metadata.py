"""What a share card says and what an item page's metadata block shows (disclosure/meta.py).

Ground truth: a share card's line is the facts first, then the public text, never withheld text
(meta.share_description; docs/content-model.md "The lifecycle": a withheld entry shows its
metadata and never its text, anywhere; a summary-only entry shows its summary); the metadata
block is docs/deploy.md "索引号 (index number)": 索引号, 发布机构 (the body, or `publisher`; for a
reply, the replying unit), 文号 (when the reply has one), 公开属性, 主题分类 (the proposal's
category), 体裁分类 and 发布日期; the footer facts are docs/deploy.md "What the public sees of
the site itself". Expected values are read off the front matter and site.yaml written here.
"""
import datetime as dt

import pytest

from conftest import BUILD_DATE, assigned_proposal, front_matter, proposal, response
from disclosure import meta
from disclosure.model import Vocabulary
from disclosure.site import load_site

BODY = "建议在老旧小区增设社区食堂。"
SUMMARY = "摘要：建议增设社区食堂。"


def load(content, today=BUILD_DATE):
    site = load_site(content, today=today)
    assert site.report.ok, site.report.format()
    return site


def notice(name="canteen", **fields):
    data = {"title": "关于社区食堂选址的公示", "date": "2026-05-01", "kind": "publicity"}
    body = fields.pop("body", "公示正文。")
    data.update(fields)
    return f"announcements/2026/{name}.md", front_matter(data, body)


# The share card ------------------------------------------------------------------------------

@pytest.mark.parametrize("disclosure, text", [("full", BODY), ("summary", SUMMARY), ("withheld", "")])
def test_a_proposals_card_is_its_facts_then_only_its_public_text(make_content, disclosure, text):
    site = load(make_content(dict([assigned_proposal(disclosure=disclosure, summary=SUMMARY, body=BODY,
                                                     proposers=["张三", "李四"])])))
    got = meta.share_description(site, site.proposals["2026-0001"])
    assert got == "2026年第0001号提案 · 办理中 · 逾期未答复 · 提案者：张三、李四。" + text


def test_a_proposal_not_yet_due_has_no_late_flag_on_its_card(make_content):
    """Assigned 2026-02-10 with 90 days to answer (site.yaml): due 2026-05-11. The cards above are
    read on the build date, 2026-11-23, when it is late (逾期未答复, as its page's badge says)."""
    site = load(make_content(dict([assigned_proposal(body=BODY, proposers=["张三"])])), today=dt.date(2026, 5, 11))
    assert meta.share_description(site, site.proposals["2026-0001"]) == "2026年第0001号提案 · 办理中 · 提案者：张三。" + BODY


@pytest.mark.parametrize("disclosure, text", [("full", "经研究，答复如下。"), ("summary", SUMMARY), ("withheld", "")])
def test_a_replys_card_names_the_unit_its_role_and_its_class(make_content, disclosure, text):
    site = load(make_content(dict([assigned_proposal(), response(disclosure=disclosure, summary=SUMMARY,
                                                                 body="经研究，答复如下。")])))
    got = meta.share_description(site, site.responses["2026/0001-fgw"])
    assert got == "测试区发展和改革委员会主办答复 · A类：已经解决或基本解决。" + text


def test_a_reply_without_a_class_leaves_it_out(make_content):
    # A co-unit (会办) reply gives no 答复类别.
    site = load(make_content(dict([assigned_proposal(handling="lead_co", co_units=["区民政局"]),
                                   response(unit="mz", role="co", result=None, body="会办意见。")])))
    assert meta.share_description(site, site.responses["2026/0001-mz"]) == "测试区民政局会办答复。会办意见。"


@pytest.mark.parametrize("disclosure, text", [("full", "公示正文。"), ("summary", SUMMARY), ("withheld", "")])
def test_an_announcements_card_is_its_kind_and_region_then_its_public_text(make_content, disclosure, text):
    site = load(make_content(dict([proposal(), notice(region="未知社区", disclosure=disclosure, summary=SUMMARY)])))
    assert meta.share_description(site, site.announcements["2026/canteen"]) == "公示 · 未知社区。" + text


def test_an_announcement_without_a_region_has_its_kind_alone(make_content):
    site = load(make_content(dict([proposal(), notice(kind="policy")])))
    assert meta.share_description(site, site.announcements["2026/canteen"]) == "政策解读。公示正文。"


def test_a_long_text_is_cut_so_the_card_keeps_its_length(make_content):
    body = "一二三四五六七八九十" * 30
    site = load(make_content(dict([assigned_proposal(body=body)])))
    p = site.proposals["2026-0001"]
    head = "2026年第0001号提案 · 办理中 · 逾期未答复 · 提案者：张三。"
    got = meta.share_description(site, p)
    assert len(got) == 120 and got == head + body[: 120 - len(head) - 1] + "…"
    assert meta.share_description(site, p, length=60) == head + body[: 60 - len(head) - 1] + "…"


def test_facts_longer_than_the_card_still_leave_twenty_characters_of_text(make_content):
    body = "一二三四五六七八九十" * 5
    proposers = [f"委员{n:02d}" for n in range(30)]  # a joint proposal (委员联名) with thirty names
    site = load(make_content(dict([assigned_proposal(body=body, proposers=proposers)])))
    got = meta.share_description(site, site.proposals["2026-0001"])
    head = "2026年第0001号提案 · 办理中 · 逾期未答复 · 提案者：" + "、".join(proposers) + "。"
    assert got == head + body[:19] + "…"


# The metadata block --------------------------------------------------------------------------

def rows(m):
    return [(r.label, r.value, r.date) for r in m.rows()]


def test_a_proposals_metadata_block(make_content):
    site = load(make_content(dict([assigned_proposal(category="社会事业", disclosure="summary", summary=SUMMARY)])))
    assert rows(meta.metadata(site, site.proposals["2026-0001"])) == [
        ("索引号", "2026-TA-0001", None), ("发布机构", "政协测试区委员会", None), ("公开属性", "摘要公开", None),
        ("主题分类", "社会事业", None), ("体裁分类", "提案", None), ("发布日期", "", dt.date(2026, 1, 10))]


def test_the_publisher_of_site_yaml_replaces_the_body(make_content):
    site = load(make_content(dict([assigned_proposal(), notice()]), publisher="测试区政协办公室"))
    assert meta.metadata(site, site.proposals["2026-0001"]).publisher == "测试区政协办公室"
    assert meta.metadata(site, site.announcements["2026/canteen"]).publisher == "测试区政协办公室"


def test_a_replys_metadata_block(make_content):
    site = load(make_content(dict([
        assigned_proposal(category="城市建设", handling="split", lead_units=["区发改委", "区民政局"]),
        response(role="split", doc_no="测发改函〔2026〕12号", published="2026-04-15", disclosure="withheld")])))
    assert rows(meta.metadata(site, site.responses["2026/0001-fgw"])) == [
        ("索引号", "2026-DF-0001-fgw", None), ("发布机构", "测试区发展和改革委员会", None),
        ("文号", "测发改函〔2026〕12号", None), ("公开属性", "不予公开", None), ("主题分类", "城市建设", None),
        ("体裁分类", "答复（分办）", None), ("发布日期", "", dt.date(2026, 4, 15))]


def test_a_reply_issued_by_another_body_names_it_and_is_dated_by_its_letter(make_content):
    site = load(make_content(dict([assigned_proposal(), response(issuer="测试区人民政府办公室")])))
    m = meta.metadata(site, site.responses["2026/0001-fgw"])
    assert (m.publisher, m.doc_no, m.published, m.genre) == ("测试区人民政府办公室", "", dt.date(2026, 4, 1), "答复（主办）")
    assert "文号" not in [r.label for r in m.rows()]  # no 文号 written: the row is left out


def test_an_announcements_metadata_block_names_the_categories_of_its_proposals_once(make_content):
    site = load(make_content(dict([
        proposal("0001", category="社会事业"), proposal("0002", category="城市建设"), proposal("0003", category="社会事业"),
        notice(related=["2026-0001", "2026-0002", "2026-0003"], issuer="测试区住房和城乡建设委员会")])))
    assert rows(meta.metadata(site, site.announcements["2026/canteen"])) == [
        ("索引号", "2026-GG-canteen", None), ("发布机构", "测试区住房和城乡建设委员会", None),
        ("公开属性", "全文公开", None), ("主题分类", "社会事业、城市建设", None), ("体裁分类", "公告（公示）", None),
        ("发布日期", "", dt.date(2026, 5, 1))]


def test_an_announcement_without_related_proposals_has_no_topic(make_content):
    site = load(make_content(dict([proposal(), notice(kind="news")])))
    m = meta.metadata(site, site.announcements["2026/canteen"])
    assert (m.topic, m.genre, m.publisher) == ("", "公告（工作动态）", "政协测试区委员会")


# 索引号 ---------------------------------------------------------------------------------------

def test_a_pattern_that_gives_two_items_one_number_is_an_error_on_site_yaml(make_content):
    site = load_site(make_content(dict([proposal("0001"), proposal("0002"), proposal("0003")]),
                                  index_pattern="{year}-{kind}"))
    dupes = [p for p in site.report.problems if p.key == "index_pattern"]
    assert [(p.path, p.value, p.severity) for p in dupes] == [("site.yaml", "2026-TA", "error")] * 2
    assert "proposals/2026/0001.md 与 proposals/2026/0002.md 都是「2026-TA」" in dupes[0].zh
    assert "proposals/2026/0001.md 与 proposals/2026/0003.md" in dupes[1].zh
    assert "proposals/2026/0001.md and proposals/2026/0002.md are both '2026-TA'" in dupes[0].en


def test_a_unique_pattern_is_no_error(make_content):
    site = load_site(make_content(dict([proposal("0001"), proposal("0002"), assigned_proposal("0003"),
                                        response("2026-0003"), notice()]), index_pattern="{prefix}{kind}{hash}",
                                  index_prefix="X"))
    assert [p for p in site.report.problems if p.key == "index_pattern"] == []


@pytest.mark.parametrize("settings, expected", [
    ({"index_pattern": "{year}-{serial}"}, "2023-TA-0110"),  # unusable: the default
    ({"index_pattern": "{year}-{serial}", "index_prefix": "ORG"}, "ORG-2023-TA-0110"),
    ({"index_pattern": "", "index_prefix": "ORG"}, "ORG-2023-TA-0110"),
    ({"index_pattern": "{kind}/{number}"}, "TA/0110"),
])
def test_an_unusable_or_empty_pattern_falls_back_to_the_default(settings, expected):
    from disclosure.model import Proposal
    p = Proposal(path="proposals/2023/0110.md", number="0110", year=2023)
    assert meta.index_number(p, settings) == expected


def test_a_notice_outside_a_year_folder_takes_the_year_of_its_date():
    from disclosure.model import Announcement
    a = Announcement(path="announcements/canteen.md", date=dt.date(2025, 3, 1))
    assert meta.index_number(a, {"index_pattern": "{year}/{kind}/{key}/{number}/{unit}"}) == "2025/GG/canteen/canteen/"


def test_a_reply_in_a_nested_folder_keeps_every_part_of_its_name():
    from disclosure.model import Response, Unit
    x = Response(path="responses/2023/jan/0110-fgw.md", proposal_id="2023-0110", unit=Unit("区发改委全称", "fgw"),
                 date=dt.date(2023, 4, 26))
    assert meta.index_number(x, {"index_pattern": "{year}|{key}|{number}|{unit}"}) == "2023|jan-0110-fgw|0110|fgw"


def test_an_item_whose_year_cannot_be_formatted_gets_the_default_pattern():
    # {year:04d} is a fine pattern (every sample year is a number), but an announcement outside a
    # year folder and without a date has no year: its number falls back to the default pattern.
    from disclosure.model import Announcement
    a = Announcement(path="announcements/canteen.md", date=None)
    assert meta.index_number(a, {"index_pattern": "{year:04d}-{key}"}) == "-GG-canteen"


# Footer facts --------------------------------------------------------------------------------

def test_every_footer_fact_in_order_with_its_link():
    v = Vocabulary(settings={"organiser": "政协测试区委员会", "publisher": "测试区政协办公室", "address": "未知",
                             "phone": "021-00000000", "email": "zx@example.org", "contact": "提案委员会",
                             "website_code": "3101010001", "icp": "沪ICP备1号", "icp_url": "https://icp.example.org/",
                             "police_record": "沪公网安备 31010102000001号",
                             "police_record_url": "https://police.example.org/"})
    assert meta.site_identity(v) == [
        ("主办单位", "政协测试区委员会", ""), ("发布机构", "测试区政协办公室", ""), ("地址", "未知", ""),
        ("电话", "021-00000000", ""), ("电子邮箱", "zx@example.org", "mailto:zx@example.org"),
        ("联系方式", "提案委员会", ""), ("网站标识码", "3101010001", ""),
        ("ICP备案号", "沪ICP备1号", "https://icp.example.org/"),
        ("公安备案号", "沪公网安备 31010102000001号", "https://police.example.org/")]


def test_a_police_record_without_digits_is_shown_without_a_link():
    assert meta.site_identity(Vocabulary(settings={"police_record": "未知"})) == [("公安备案号", "未知", "")]


# The date a page last changed (sitemap lastmod) -----------------------------------------------

def test_a_proposals_page_changes_with_its_replies_announcements_and_commitments(make_content):
    site = load(make_content(dict([
        assigned_proposal(feedback=[{"date": "2026-05-01", "satisfaction": "满意"}]),
        response(updated="2026-06-01", commitments=[{"text": "年内建成三处社区食堂。",
                                                    "updates": [{"date": "2026-07-01", "status": "推进中"},
                                                                {"date": "2026-12-01", "status": "已完成"}]}]),
        notice(date="2026-08-01", related=["2026-0001"]), notice("later", date="2026-12-20", related=["2026-0001"])])))
    # 12-01 and 12-20 are after the build date (11-23): not shown yet
    assert meta.last_changed(site, site.proposals["2026-0001"]) == dt.date(2026, 8, 1)


def test_a_proposals_page_changes_with_a_commitment_update(make_content):
    site = load(make_content(dict([
        assigned_proposal(), response(commitments=[{"text": "年内建成三处社区食堂。",
                                                    "updates": [{"date": "2026-07-01", "status": "推进中"}]}])])))
    assert meta.last_changed(site, site.proposals["2026-0001"]) == dt.date(2026, 7, 1)


def test_a_proposals_page_changes_when_a_reply_is_corrected(make_content):
    site = load(make_content(dict([assigned_proposal(), response(updated="2026-06-01")])))
    assert meta.last_changed(site, site.proposals["2026-0001"]) == dt.date(2026, 6, 1)


def test_a_replys_page_changes_with_feedback_and_a_superseding_reply(make_content):
    site = load(make_content(dict([
        assigned_proposal(feedback=[{"date": "2026-05-01", "unit": "区发改委", "satisfaction": "不满意"}]),
        response(), response(suffix="-2", date="2026-07-01", supersedes="2026/0001-fgw")])))
    assert meta.last_changed(site, site.responses["2026/0001-fgw"]) == dt.date(2026, 7, 1)
    assert meta.last_changed(site, site.responses["2026/0001-fgw-2"]) == dt.date(2026, 7, 1)


def test_a_replys_page_changes_with_feedback_on_it(make_content):
    site = load(make_content(dict([
        assigned_proposal(feedback=[{"date": "2026-05-01", "unit": "区发改委", "satisfaction": "满意"}]), response()])))
    assert meta.last_changed(site, site.responses["2026/0001-fgw"]) == dt.date(2026, 5, 1)


def test_a_replys_page_changes_when_it_is_corrected(make_content):
    site = load(make_content(dict([assigned_proposal(), response(updated="2026-06-01")])))
    assert meta.last_changed(site, site.responses["2026/0001-fgw"]) == dt.date(2026, 6, 1)


def test_an_announcements_page_changes_when_a_commitment_cites_it(make_content):
    site = load(make_content(dict([
        assigned_proposal(), notice(date="2026-05-01"),
        response(commitments=[{"text": "年内建成三处社区食堂。",
                               "updates": [{"date": "2026-09-01", "status": "已完成", "evidence": "2026/canteen"}]}])])))
    assert meta.last_changed(site, site.announcements["2026/canteen"]) == dt.date(2026, 9, 1)


def test_a_page_dated_only_after_the_build_date_has_no_date_yet(make_content):
    site = load(make_content(dict([proposal(), notice(date="2026-12-01")])))
    assert meta.last_changed(site, site.announcements["2026/canteen"]) is None


# A kind a site registers (tests/support/testkind.py: 简报), with no rules of its own -----------

BULLETIN = ("bulletins/2026/q3.md", "---\ntitle: 三季度简报\ndate: 2026-10-08\n---\n\n本季度办复十二件。\n")


def test_a_registered_kinds_metadata_block_is_the_plain_one(make_content):
    from support import testkind
    site = load_site(make_content(dict([assigned_proposal(), BULLETIN])), today=BUILD_DATE, kinds=testkind.kinds())
    assert site.report.ok, site.report.format()
    (b,) = site.entries_of(testkind.BULLETIN).values()
    assert rows(meta.metadata(site, b)) == [
        ("索引号", "2026-JB-q3", None), ("发布机构", "政协测试区委员会", None), ("公开属性", "全文公开", None),
        ("体裁分类", "简报", None), ("发布日期", "", dt.date(2026, 10, 8))]
    assert (meta.metadata(site, b).doc_no, meta.metadata(site, b).topic) == ("", "")


def test_a_registered_kinds_card_is_its_name_then_its_text(make_content):
    from support import testkind
    site = load_site(make_content(dict([assigned_proposal(), BULLETIN])), today=BUILD_DATE, kinds=testkind.kinds())
    (b,) = site.entries_of(testkind.BULLETIN).values()
    assert meta.share_description(site, b) == "简报。本季度办复十二件。"
