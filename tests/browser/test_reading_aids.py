"""Reading aids (适老化) in a real browser at phone width: 大/中/小 and high contrast.

The sample site is built with root-relative links and served from 127.0.0.1, then
Debian's chromium reads it at 375 px wide, as an older resident's phone would.
"""

import pytest

from tests.support.browser import chromium, require_browser, serve


pytestmark = pytest.mark.browser

PROPOSAL = "proposals/2023/0110/"




@pytest.fixture(scope="module")
def served(sample_site_rooted):
    """The sample site with root-relative links, on a free port of 127.0.0.1."""
    require_browser()
    with serve(sample_site_rooted) as url:
        yield url


@pytest.fixture(scope="module")
def browser(served):
    with chromium() as b:
        yield b


@pytest.fixture
def phone(browser):
    """A fresh 375 px wide page with empty storage (each test starts at 中, normal contrast)."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def font_px(page, selector):
    return page.eval_on_selector(selector, "el => parseFloat(getComputedStyle(el).fontSize)")


def colours(page, selector):
    return page.eval_on_selector(selector, "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]")


BODY_TEXT = "article .body p"


def open_menu(page):
    """On a phone the reading aids sit in the folded header menu (菜单): open it as a reader would."""
    if not page.evaluate("document.querySelector('.site-menu').open"):
        page.get_by_text("菜单", exact=True).click()


def test_text_size_switch_changes_the_rendered_size(phone, served):
    phone.goto(served + PROPOSAL)
    open_menu(phone)
    aids = phone.locator("[data-reading-aids]")
    assert aids.is_visible()
    assert phone.get_by_role("button", name="中").get_attribute("aria-pressed") == "true"
    medium = font_px(phone, BODY_TEXT)
    box = phone.locator(BODY_TEXT).first.bounding_box()
    phone.get_by_role("button", name="大").click()
    large = font_px(phone, BODY_TEXT)
    assert large >= medium * 1.2
    assert phone.locator(BODY_TEXT).first.bounding_box()["height"] > box["height"]
    assert phone.get_by_role("button", name="大").get_attribute("aria-pressed") == "true"
    assert phone.get_by_role("button", name="中").get_attribute("aria-pressed") == "false"
    phone.get_by_role("button", name="小").click()
    assert font_px(phone, BODY_TEXT) < medium
    phone.get_by_role("button", name="中").click()
    assert font_px(phone, BODY_TEXT) == medium


def test_large_text_still_fits_a_phone_screen(phone, served):
    phone.goto(served + PROPOSAL)
    open_menu(phone)
    phone.get_by_role("button", name="大").click()
    for url in ("", PROPOSAL, "responses/2023/0110-fgw/", "proposals/"):
        phone.goto(served + url)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{url or 'home'} scrolls sideways at 大 ({width}px)"


def test_choice_is_remembered_across_reloads_and_pages(phone, served):
    phone.goto(served + PROPOSAL)
    open_menu(phone)
    medium = font_px(phone, BODY_TEXT)
    phone.get_by_role("button", name="大").click()
    phone.get_by_role("button", name="高对比度").click()
    phone.reload()
    open_menu(phone)
    assert font_px(phone, BODY_TEXT) >= medium * 1.2
    assert phone.get_by_role("button", name="大").get_attribute("aria-pressed") == "true"
    assert phone.get_by_role("button", name="高对比度").get_attribute("aria-pressed") == "true"
    phone.goto(served + "announcements/2023/low-carbon-community-candidates-2023/")
    assert phone.evaluate("document.documentElement.className").split() == ["text-large", "high-contrast"]


def test_high_contrast_changes_colours(phone, served):
    phone.goto(served + PROPOSAL)
    open_menu(phone)
    text_before, bg_before = colours(phone, "body")
    link_before = colours(phone, "main a")[0]
    phone.get_by_role("button", name="高对比度").click()
    text_after, bg_after = colours(phone, "body")
    assert (text_before, bg_before) == ("rgb(26, 26, 26)", "rgb(255, 255, 255)")
    assert (text_after, bg_after) == ("rgb(255, 255, 255)", "rgb(0, 0, 0)")
    assert colours(phone, "main a")[0] != link_before
    assert colours(phone, ".site-header")[1] == "rgb(0, 0, 0)"
    phone.get_by_role("button", name="高对比度").click()
    assert colours(phone, "body") == [text_before, bg_before]


def test_without_javascript_the_page_reads_normally_and_no_control_shows(browser, served):
    context = browser.new_context(viewport={"width": 375, "height": 812}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(served + PROPOSAL)
        assert not page.locator("[data-reading-aids]").is_visible()
        assert page.get_by_role("button", name="大").count() == 0  # hidden controls are not offered
        assert page.locator("h1").is_visible()
        assert font_px(page, BODY_TEXT) == 17  # 1.0625rem: the normal size
    finally:
        context.close()
