"""Each proposer's record on a page of its own, linked from every proposal they made (issue 18).

Ground truth is the fixture: who proposed what, the reply classes and the verdicts written here.
"""
from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import assigned_proposal, proposal, response

GROUP = "九三学社测试区委"


def page(out, url):
    return BeautifulSoup((out / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_a_proposers_page_lists_their_proposals_with_answers_and_verdicts(built):
    out = built([
        assigned_proposal("0001", title="关于社区食堂的建议", proposers=["张伟", "李四"],
                          feedback=[{"date": "2026-05-01", "satisfaction": "满意", "unit": "区发改委"}]),
        response("2026-0001", result="B"),
        proposal("0002", title="关于口袋公园的建议", proposers=["张伟"], submitted="2026-01-20"),
        proposal("0003", title="关于河道治理的建议", proposers=["章伟"]),  # reads zhang wei too
        proposal("0004", title="关于加装电梯的建议", proposers=[GROUP]),
    ])
    index = page(out, "proposers")
    listed = {a.get_text(): a["href"] for a in index.select("ul.groups a")}
    assert set(listed) == {"张伟", "李四", "章伟", GROUP}
    assert listed["张伟"] != listed["章伟"], "two names that read alike get two pages"
    zhang = BeautifulSoup((out / listed["张伟"].removeprefix("https://zx.example.org/") / "index.html")
                          .read_text(encoding="utf-8"), "html.parser")
    titles = [a.get_text() for a in zhang.select(".items .item-title a")]
    assert titles == ["关于口袋公园的建议", "关于社区食堂的建议"], "newest first, only their own"
    answered = zhang.select(".items .item")[1].select_one(".item-answers").get_text()
    assert answered == "答复：B 类 · 提案者评价：满意"
    # Every proposer's name on a proposal page leads to their page.
    links = {a.get_text(): a["href"] for a in page(out, "proposals/2026/0001").select("dl.facts a[href*='/proposers/']")}
    assert links == {"张伟": listed["张伟"], "李四": listed["李四"]}
    assert page(out, "proposals/2026/0004").select_one("dl.facts a[href*='/proposers/']").get_text() == GROUP
