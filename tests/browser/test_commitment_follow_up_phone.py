"""A 回头看 on a phone: Chromium at 375 × 812 reads the follow-up in 办理过程, follows its link to the
commitment it reviewed, and finds the follow-up again on that commitment's progress timeline.

Long words on purpose (a long promise, a long note) where the page is most likely to overflow.
"""
import pytest

from conftest import assigned_proposal, build, response, site_yaml, write_tree
from tests.support.browser import axe_violations, chromium, overflow_problem, phone_page, require_browser, serve

pytestmark = pytest.mark.browser

LATE = "六月底前出台老年助餐补贴办法，" + "明确补贴对象、标准和发放方式，" * 4 + "并向社会公布。"
NOTE = "区政协提案委组织部分委员和提案者代表察看三处社区食堂，" * 3 + "听取补贴办法起草情况。"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    require_browser()
    base = tmp_path_factory.mktemp("follow-up-phone")
    promises = [{"text": "年内建成三处社区食堂。", "due": "2026-12-31",
                 "updates": [{"date": "2026-10-20", "status": "已完成", "note": "三处食堂已开业。"}]},
                {"text": LATE, "due": "2026-06-30"}]
    look_back = {"date": "2026-09-10", "label": "回头看", "note": NOTE, "reviews": [1, 2]}
    content = write_tree(base / "content", {"site.yaml": site_yaml(), **dict([
        assigned_proposal("0001", title="关于发展社区助餐服务的建议", events=[look_back]),
        response("2026-0001", commitments=promises)])})
    out = base / "output"
    result = build(content, out, site_url=None)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(out) as url:
        yield url


@pytest.fixture(scope="module")
def phone(served):
    with chromium() as browser, phone_page(browser, served + "proposals/2026/0001/") as page:
        yield page


def test_the_follow_up_reads_in_the_timeline_and_leads_to_the_commitment(phone):
    step = phone.locator("ol.timeline li.step-event", has_text="回头看")
    step.scroll_into_view_if_needed()
    reviews = step.locator(".follow-up-reviews")
    assert reviews.is_visible() and reviews.inner_text().startswith("回顾的承诺：")
    assert overflow_problem(phone) is None
    box = reviews.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    late = step.locator(".follow-up-reviews a").nth(1)
    assert late.inner_text() == LATE
    late.click()
    target = phone.locator("section.commitments li.commitment").nth(1)
    phone.wait_for_function("location.hash.startsWith('#commitment-')")
    top = target.bounding_box()["y"]
    assert -1 < top < 812, top  # the overdue commitment is on screen after the tap (sub-pixel scroll)
    follow_up = target.locator(".step-follow-up")
    assert follow_up.is_visible()
    assert " ".join(follow_up.inner_text().split()) == f"2026年9月10日 回头看 回顾这项承诺的落实情况：{NOTE}"
    assert target.locator(".flag-overdue").is_visible()


def test_the_page_with_a_follow_up_passes_axe(phone):
    assert axe_violations(phone) == []
