"""Every public address, as readers, links and feed subscribers know it (docs/architecture.md, deploy.md).

An address that changes breaks bookmarks and feed subscriptions, so each one is written out here.
"""
from conftest import BUILD_DATE, assigned_proposal, response
from disclosure import urls
from disclosure.site import load_site

NOTICE = "---\ntitle: 关于社区食堂选址的公示\ndate: 2026-05-01\nkind: publicity\nuntil: 2026-05-08\n---\n\n正文。\n"


def test_item_pages_are_named_after_their_files(make_content):
    site = load_site(make_content(dict([assigned_proposal("0110", 2023), response("2023-0110"),
                                        ("announcements/2026/canteen.md", NOTICE)])), today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    p = site.proposals["2023-0110"]
    (x,), (a,) = site.all_responses, site.all_announcements
    assert urls.proposal(p) == "proposals/2023/0110/"
    assert urls.response(x) == "responses/2023/0110-fgw/"
    assert urls.announcement(a) == "announcements/2026/canteen/"
    assert urls.unit(p.lead_units[0]) == "units/fgw/"
    assert urls.category(p.category) == "categories/economy/"
    assert urls.sector(site.vocab.sectors[0]) == "sectors/minmeng/"


def test_listings():
    assert urls.status("replied") == "status/replied/"
    assert urls.year(2026) == "years/2026/"
    assert urls.announcement_kind("publicity") == "announcements/kind/publicity/"
    assert urls.stats() == "stats/"
    assert urls.stats_units() == "stats/units/"
    assert urls.stats_units("reply_rate") == "stats/units/by-reply_rate/"
    assert urls.search() == "search/"


def test_page_one_is_the_listing_itself():
    assert urls.page("years/2026/", 1) == "years/2026/"
    assert urls.page("years/2026/", 0) == "years/2026/"
    assert urls.page("years/2026/", 2) == "years/2026/page/2/"
    assert urls.page("", 3) == "page/3/"


def test_files_behind_addresses():
    """Pretty URLs: proposals/2023/0110/ is proposals/2023/0110/index.html; the home page is index.html."""
    assert urls.output_file("proposals/2023/0110/") == "proposals/2023/0110/index.html"
    assert urls.output_file("") == "index.html"
    assert urls.output_file("404.html") == "404.html"
    assert urls.json_twin("proposals/2023/0110/") == "proposals/2023/0110/index.json"
    assert urls.data_file("stats.json") == "data/stats.json"
    assert urls.search_bundle() == "pagefind/"
    assert urls.search_bundle("2026") == "pagefind/2026/"


def test_feeds_follow_the_page_they_belong_to():
    assert urls.feed("proposals/2023/0110/") == "feeds/proposals/2023/0110.atom.xml"
    assert urls.feed("units/fgw/", "rss") == "feeds/units/fgw.rss.xml"
    assert urls.feed("") == "feeds/all.atom.xml"
    assert urls.feed("/") == "feeds/all.atom.xml"


def test_absolute_addresses_join_with_one_slash():
    assert urls.absolute("https://zx.example.org", "proposals/2023/0110/") == "https://zx.example.org/proposals/2023/0110/"
    assert urls.absolute("https://zx.example.org/", "/feeds/all.atom.xml") == "https://zx.example.org/feeds/all.atom.xml"
    assert urls.absolute("https://zx.example.org/sub/", "") == "https://zx.example.org/sub/"


def test_only_slashes_are_trimmed_never_letters_next_to_them():
    """Proposal numbers may hold capital letters (A1X); a site may live under /GX/."""
    assert urls.feed("proposals/2026/A1X/") == "feeds/proposals/2026/A1X.atom.xml"
    assert urls.absolute("https://zx.example.org/GX", "X1/") == "https://zx.example.org/GX/X1/"
