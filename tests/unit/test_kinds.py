"""The content kinds registry (disclosure/kinds.py): every part of the build asks it, and an
entry of a kind nobody registered fails the same clear way everywhere."""
from dataclasses import replace

import pytest

from conftest import BUILD_DATE, assigned_proposal, response
from disclosure import meta, news
from disclosure.digest import Digests
from disclosure.kinds import Kinds, UnknownKind, standard_kinds
from disclosure.site import load_site
from search.records import Item, all_items
from support import testkind

NOTICE = "---\ntitle: 关于社区食堂选址的公示\ndate: 2026-05-01\nkind: publicity\nuntil: 2026-05-08\n---\n\n选址在东湖路。\n"
BULLETIN = ("bulletins/2026/q3.md", "---\ntitle: 三季度简报\ndate: 2026-10-08\n---\n\n本季度办复十二件。\n")


def load(make_content, files, kinds=None):
    site = load_site(make_content(dict(files)), today=BUILD_DATE, kinds=kinds)
    assert site.report.ok, site.report.format()
    return site


def test_an_announcement_is_of_kind_announcement_and_keeps_its_notice_type(make_content):
    site = load(make_content, [assigned_proposal(), ("announcements/2026/canteen.md", NOTICE)])
    a = site.announcements["2026/canteen"]
    assert a.kind == "announcement" and a.notice_type == "publicity"  # front-matter key `kind: publicity`
    assert site.kinds.of(a).name == "announcement"


def test_the_standard_kinds_in_the_order_pages_feeds_and_data_list_them():
    kinds = standard_kinds()
    assert kinds.names == ("proposal", "response", "announcement")
    assert kinds.folders == ("proposals", "responses", "announcements")
    assert [k.label for k in kinds] == ["提案", "答复", "公告"]


def test_two_kinds_cannot_share_a_folder():
    with pytest.raises(ValueError, match="same folder: proposals"):
        Kinds((*standard_kinds(), replace(testkind.BULLETIN, folder="proposals")))


def test_an_unregistered_kind_raises_one_clear_error_everywhere(make_content):
    site = load(make_content, [assigned_proposal()])
    stray = testkind.Bulletin(path="bulletins/2026/q3.md", title="三季度简报")
    asks = [lambda: site.kinds.of(stray), lambda: meta.metadata(site, stray), lambda: meta.last_changed(site, stray),
            lambda: meta.share_description(site, stray), lambda: Digests(site).entry(stray),
            lambda: meta.index_number(stray, {}), lambda: Item("bulletin", stray, "").record(site),
            lambda: site.entries_of(testkind.BULLETIN)]
    for ask in asks:
        with pytest.raises(UnknownKind, match="no content kind is registered for .*; the registered kinds are "
                                              "proposal, response, announcement"):
            ask()


def test_a_registered_kind_is_read_searched_and_news(make_content):
    site = load(make_content, [assigned_proposal(), BULLETIN], kinds=testkind.kinds())
    (b,) = site.entries_of(testkind.BULLETIN).values()
    assert (b.id, b.title, b.kind) == ("2026/q3", "三季度简报", "bulletin")
    assert site.kinds.of(b) is site.kinds.named("bulletin")
    assert [(i.kind, i.date) for i in all_items(site)][-1] == ("bulletin", "2026-10-08")
    assert [i.title for i in news.all_items(site) if i.kind == "bulletin"] == ["简报：三季度简报"]
    assert meta.index_number(b, {}, site.kinds) == "2026-JB-q3"
    assert meta.metadata(site, b).genre == "简报"


def test_entries_of_two_kinds_may_share_an_id(make_content):
    """responses/2026/0001-fgw.md and announcements/2026/0001-fgw.md are both "2026/0001-fgw": no clash."""
    notice = ("announcements/2026/0001-fgw.md", NOTICE)
    site = load(make_content, [assigned_proposal(), response(), notice])
    assert set(site.responses) == set(site.announcements) == {"2026/0001-fgw"}
    assert site.duplicate_ids == {}
