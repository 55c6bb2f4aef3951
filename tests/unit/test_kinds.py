"""The content kinds registry (disclosure/kinds.py): every part of the build asks it, and an
entry of a kind nobody registered fails the same clear way everywhere."""
from dataclasses import replace

import pytest

from conftest import BUILD_DATE, assigned_proposal, response
from disclosure import meta, news
from disclosure.digest import Digests
from disclosure.kinds import Kinds, UnknownKind, standard_kinds
from disclosure.site import load_site
from search.records import Item, all_items, filter_choices
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


def problems_of(make_content, files, kinds):
    site = load_site(make_content(dict(files)), today=BUILD_DATE, kinds=kinds)
    return [p for p in site.report.problems if p.path.startswith("bulletins/")]


def test_an_empty_body_is_an_error_in_a_kind_that_requires_one(make_content):
    """Kind.body_required (a reply's, here a bulletin's): worded by the kind's label, in Chinese and English."""
    empty = ("bulletins/2026/q3.md", "---\ntitle: 三季度简报\ndate: 2026-10-08\n---\n\n")
    required = Kinds(tuple(replace(k, body_required=True) if k.name == "bulletin" else k for k in testkind.kinds()))
    (problem,) = problems_of(make_content, [assigned_proposal(), empty], required)
    assert problem.is_error and (problem.path, problem.key, problem.line) == ("bulletins/2026/q3.md", "正文", 5)
    assert problem.zh == "简报正文是空的：请把简报全文粘贴在第二个 --- 之后（不公开的简报请写 disclosure: withheld）。"
    assert problem.en.startswith("The bulletin has no text: paste the full bulletin below the second ---")
    (warning,) = problems_of(make_content, [assigned_proposal(), empty], testkind.kinds())
    assert not warning.is_error  # the test kind as registered: an empty bulletin is only a warning


def test_front_matter_pasted_into_a_body_is_found_by_the_kinds_own_keys(make_content):
    """日期 is a bulletin's key (its aliases), no standard kind's: a `---` then `日期:` line was pasted."""
    pasted = ("bulletins/2026/q3.md",
              "---\ntitle: 三季度简报\ndate: 2026-10-08\n---\n\n本季度办复十二件。\n\n---\n日期: 2026-10-08\n")
    (problem,) = problems_of(make_content, [assigned_proposal(), pasted], testkind.kinds())
    assert (problem.key, problem.line, problem.severity) == ("正文", 8, "warning")
    assert "正文里有像文件头（front matter）的内容" in problem.zh


def test_a_kind_with_a_history_brings_its_aliases():
    """The 修改记录 names what changed by the keys' Chinese names: a kind showing one must register them."""
    with pytest.raises(ValueError, match="bulletin shows a 修改记录 .* needs its aliases"):
        replace(testkind.BULLETIN, aliases={})
    assert replace(testkind.BULLETIN, aliases={}, history=False).aliases == {}


def test_a_duplicate_id_is_worded_by_its_kind(make_content):
    twice = [("bulletins/2026/q3.md", BULLETIN[1]), ("bulletins/2026/q3.markdown", BULLETIN[1])]
    found = problems_of(make_content, [assigned_proposal(), *twice], testkind.kinds())
    assert sorted((p.path, p.key, p.zh, p.en) for p in found) == [
        ("bulletins/2026/q3.markdown", "", "简报编号 2026/q3 重复（另见 bulletins/2026/q3.md）。"
                                          "每件简报的文件夹和文件名（不计扩展名）必须唯一。",
         "Duplicate bulletin id 2026/q3 (also in bulletins/2026/q3.md). "
         "Folder and file name (without the extension) must be unique."),
        ("bulletins/2026/q3.md", "", "简报编号 2026/q3 重复（另见 bulletins/2026/q3.markdown）。"
                                    "每件简报的文件夹和文件名（不计扩展名）必须唯一。",
         "Duplicate bulletin id 2026/q3 (also in bulletins/2026/q3.markdown). "
         "Folder and file name (without the extension) must be unique.")]
    assert all(p.is_error for p in found)


def test_the_search_years_come_from_every_kind_with_a_date(make_content):
    """A bulletin of 2025 on a site whose proposals are all of 2026: 2025 is a year to filter by."""
    old = ("bulletins/2025/q4.md", "---\ntitle: 四季度简报\ndate: 2025-12-20\n---\n\n全年办复。\n")
    site = load(make_content, [assigned_proposal(), old], kinds=testkind.kinds())
    assert filter_choices(site)["year"] == ["2026", "2025"]
    (record,) = [i.record(site) for i in all_items(site) if i.kind == "bulletin"]
    assert record.filters["year"] == ["2025"]


def test_render_ahead_renders_the_bodies_of_every_registered_kind(make_content, tmp_path, monkeypatch):
    from gongkai_build import parallel, render_ahead
    from gongkai_build.stores import RenderStore

    original = parallel.start_map  # little content: fork for it all the same
    monkeypatch.setattr(parallel, "start_map", lambda fn, items: original(fn, items, min_items=1, processes=2))
    content = make_content(dict([assigned_proposal(), BULLETIN]))
    started = render_ahead(content, tmp_path / "output", testkind.kinds())
    try:
        rendered = {key: html for key, html, _ in filter(None, started.results())}
    finally:
        started.cancel()
    assert rendered[RenderStore().key("\n本季度办复十二件。\n")] == "<p>本季度办复十二件。</p>"
