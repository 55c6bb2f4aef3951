"""落实情况 on a phone: Chromium at 375 px reads each commitment, its status and the overdue mark.

A fixture site with long words (an unbroken address as evidence, a long quoted promise) so the
section is tested where it is most likely to push the page sideways.
"""
import pytest

from conftest import assigned_proposal, build, front_matter, response, site_yaml, write_tree
from tests.support.browser import axe_violations, chromium, overflow_problem, phone_page, require_browser, serve

pytestmark = pytest.mark.browser

LONG_URL = "https://www.example.gov.cn/" + "zhengce/" * 12 + "laonian-zhucan-butie-banfa-zhengqiu-yijian.html"
LATE = "六月底前出台老年助餐补贴办法，" + "明确补贴对象、标准和发放方式，" * 4 + "并向社会公布。"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    require_browser()
    base = tmp_path_factory.mktemp("commitments-phone")
    promises = [
        {"text": "年内建成三处社区食堂。", "due": "2026-12-31",
         "updates": [{"date": "2026-10-20", "status": "已完成", "note": "三处食堂已开业。", "evidence": "2026/canteens"}]},
        {"text": LATE, "due": "2026-06-30",
         "updates": [{"date": "2026-07-15", "status": "推进中", "note": "办法仍在征求意见。", "evidence": LONG_URL}]},
    ]
    content = write_tree(base / "content", {
        "site.yaml": site_yaml(),
        **dict([assigned_proposal("0001", title="关于发展社区助餐服务的建议"),
                response("2026-0001", commitments=promises),
                ("announcements/2026/canteens.md",
                 front_matter({"title": "社区食堂建成公告", "date": "2026-10-20", "kind": "result"}, "正文。"))])})
    out = base / "output"
    result = build(content, out, site_url=None)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(out) as url:
        yield url


@pytest.fixture(scope="module")
def phone(served):
    with chromium() as browser, phone_page(browser, served + "proposals/2026/0001/") as page:
        yield page


def test_the_commitments_section_fits_a_phone_and_reads_in_order(phone):
    section = phone.locator("section.commitments")
    section.scroll_into_view_if_needed()
    assert section.is_visible()
    assert overflow_problem(phone) is None
    items = section.locator("li.commitment")
    assert items.count() == 2
    assert items.nth(0).locator(".commitment-status").inner_text() == "已完成"
    late = items.nth(1)
    assert late.locator(".flag-overdue").inner_text() == "已逾期" and late.locator(".flag-overdue").is_visible()
    box = late.locator(".commitment-text").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    link = late.locator(f'a[href="{LONG_URL}"]')
    link_box = link.bounding_box()
    assert link.is_visible() and link_box["x"] + link_box["width"] <= 375


def test_the_commitments_section_passes_axe(phone):
    assert axe_violations(phone) == []
