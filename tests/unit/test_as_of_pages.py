"""The 数据截至 date a listing page shows (as_of.AsOf.shown_as_of): the build date exactly when one
of its members shows a day count. Listings ask it of every page, so each entry's answer is kept
by the entry; a member that is not one of the site's entries is still answered by itself.
Ground truth: a proposal assigned and not answered by the build date has a running deadline
(还剩 N 天); one answered has none."""
import copy
import datetime as dt
import hashlib

from conftest import assigned_proposal, response
from disclosure.as_of import AsOf
from disclosure.digest import _hash
from disclosure.site import load_site

TODAY = dt.date(2026, 3, 1)


def _site(make_content):
    return load_site(make_content([assigned_proposal("0001"), assigned_proposal("0002"),
                                   response("2026-0002", date="2026-02-20")]), today=TODAY)


def test_a_page_shows_the_date_when_one_member_runs_a_deadline(make_content):
    site = _site(make_content)
    clock = AsOf(site)
    waiting, answered = site.proposals["2026-0001"], site.proposals["2026-0002"]
    reply = site.all_responses[0]
    assert clock.shown_as_of([answered]) is None
    assert clock.shown_as_of([answered, waiting]) == TODAY
    assert clock.shown_as_of([waiting]) == TODAY
    assert clock.shown_as_of([reply]) is None
    assert clock.shown_as_of([]) is None


def test_a_member_that_is_not_one_of_the_sites_entries_is_answered_too(make_content):
    site = _site(make_content)
    clock = AsOf(site)
    clock.shown_as_of([site.proposals["2026-0002"]])  # the site's entries are now known by id
    stray = copy.copy(site.proposals["2026-0001"])
    assert clock.shown_as_of([site.proposals["2026-0002"], stray]) == TODAY


def test_the_hash_of_parts_is_each_parts_text_and_a_nul_byte():
    def by_part(parts):
        h = hashlib.sha1()
        for p in parts:
            h.update(str(p).encode("utf-8"))
            h.update(b"\0")
        return h.hexdigest()
    for parts in ([], [""], ["a"], ["提案", 3, None, ""], ["a\0b", "c"]):
        assert _hash(parts) == by_part(parts), parts
    assert _hash(iter(["x", "y"])) == by_part(["x", "y"])
