"""A list in the front matter whose items are blank (`- ""`, a space, a full-width space pasted from a
table): a blank item names nothing, so it is dropped, and a required list left with nothing is missing.

Ground truth: docs/content-model.md: `proposers` is required; "an omitted required key is an error
whose message says how to write 未知"; pages show the proposers named (a blank name would be a
proposer nobody can read, in pages, proposers.csv and the data).
"""
import pytest

from conftest import BUILD_DATE, proposal
from disclosure.site import load_site

MISSING = "缺少必填项「proposers」（提案者）。原件上没有时，写「proposers: 未知」。"


@pytest.mark.parametrize("written", [[""], [" "], ["\u3000"], ["", " "], "、"])
def test_a_proposers_list_of_blank_items_is_missing(make_content, written):
    site = load_site(make_content(dict([proposal(proposers=written)])), today=BUILD_DATE)
    assert [(p.key, p.zh) for p in site.report.errors] == [("proposers", MISSING)]


def test_a_blank_item_beside_names_is_dropped(make_content):
    site = load_site(make_content(dict([proposal(proposers=["张三", " ", "李四"], tags=["养老", "\u3000"])])),
                     today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    p = site.proposals["2026-0001"]
    assert (p.proposers, p.tags) == (["张三", "李四"], ["养老"])
