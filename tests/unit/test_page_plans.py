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


def test_the_home_pages_newest_steps_are_the_newest_of_all_steps_ties_included(make_content):
    """recent_steps(site, 12) picks among the steps as new as the 12th newest date: many steps on
    one day (assigned together) must still come out as the first 12 of every step sorted newest
    first (by date, then proposal, then step), the order the home page shows."""
    from disclosure_site.pages import recent_steps

    files = [assigned_proposal(f"{n:04d}", assigned="2026-02-10", review_date="2026-02-01") for n in range(1, 16)]
    files += [assigned_proposal(f"{n:04d}", assigned=f"2026-03-{n - 10:02d}") for n in range(16, 21)]
    files += [response(f"2026-{n:04d}", date="2026-04-01") for n in (3, 7, 18)]
    site = load_site(make_content(files), today=BUILD_DATE)
    every = [(step.date, p.id, step.key) for p in site.all_proposals for step in site.life(p.id).timeline
             if step.date <= site.build_date]
    every.sort(reverse=True)
    for limit in (1, 5, 12, 40, len(every) + 3):
        picked = [(step.date, p.id, step.key) for step, p in recent_steps(site, limit)]
        assert picked == every[:limit], limit
