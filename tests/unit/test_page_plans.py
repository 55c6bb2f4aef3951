"""The page plans a rebuild works out (disclosure_site/pages.py all_pages): an item page's
variables are made only when the page is rendered; a rebuild reuses nearly all 10,500 item
pages and needs only their hashes (kind.page for each was 0.5 s of every rebuild)."""
from conftest import BUILD_DATE, assigned_proposal, response
from disclosure import item_pages
from disclosure.changes import SiteHistory
from disclosure.digest import Digests
from disclosure.site import load_site
from disclosure_site.pages import all_pages


def test_an_item_pages_variables_are_made_when_it_is_rendered_and_not_before(make_content, monkeypatch):
    made = []
    real = item_pages.proposal_page
    monkeypatch.setattr(item_pages, "proposal_page", lambda site, p: made.append(p.id) or real(site, p))
    site = load_site(make_content([assigned_proposal("0001"), assigned_proposal("0002"), response("2026-0002")]),
                     today=BUILD_DATE)
    pages = list(all_pages(site, 20, Digests(site), SiteHistory(site.root, "Asia/Shanghai", ())))
    assert made == []  # every page planned, with its hash, and no item page's variables yet
    page = next(p for p in pages if p.url == "proposals/2026/0002/")
    assert page.deps
    assert page.vars["proposal"] is site.proposals["2026-0002"] and page.vars["page_title"] == site.proposals[
        "2026-0002"].title
    assert page.vars["breadcrumbs"][0] == ("首页", "")
    assert made == ["2026-0002"]  # made once, for the page asked for
