"""附件 on a phone: Chromium at 375 px shows each attachment's title, type and size, without pushing
the page sideways, and the link downloads the file itself (a long unbroken file name as the worst case)."""
import pytest

from conftest import assigned_proposal, build, response, site_yaml, write_tree
from tests.support.browser import axe_violations, chromium, overflow_problem, phone_page, require_browser, serve
from tests.support.documents import write_pdf

pytestmark = pytest.mark.browser

LONG_NAME = "guanyu-laojiu-xiaoqu-jiazhuang-dianti-butie-banfa-de-dafu-han-gaizhangjian-2026.pdf"


@pytest.fixture(scope="module")
def phone(tmp_path_factory):
    require_browser()
    base = tmp_path_factory.mktemp("attachments-phone")
    content = write_tree(base / "content", {"site.yaml": site_yaml(), **dict([
        assigned_proposal("0001"), response("2026-0001", attachments=[LONG_NAME])])})
    write_pdf(content / "responses/2026" / LONG_NAME, ["答复函正文"])
    out = base / "output"
    result = build(content, out, site_url=None)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(out) as url, chromium() as browser, phone_page(browser, url + "responses/2026/0001-fgw/") as page:
        page.served = (content / "responses/2026" / LONG_NAME).read_bytes()
        yield page


def test_the_attachment_list_fits_a_phone_and_offers_the_file(phone):
    section = phone.locator("section.attachments")
    section.scroll_into_view_if_needed()
    assert section.is_visible()
    assert overflow_problem(phone) is None, overflow_problem(phone)
    link = section.locator("a")
    assert link.inner_text() == LONG_NAME
    assert section.locator("li").inner_text().endswith("（PDF，1 KB）")
    response = phone.request.get(link.get_attribute("href") if link.get_attribute("href").startswith("http")
                                 else phone.url.split("/responses/")[0] + link.get_attribute("href"))
    assert response.ok and response.body() == phone.served
    assert axe_violations(phone) == []
