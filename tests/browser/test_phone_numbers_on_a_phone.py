"""Phone numbers in a 公示 and in a reply letter: tappable on a phone, never broken across lines.

Built for real and read in Chromium at 375 x 812. The numbers are written into the fixture
text below; the expected links (text as written, digits dialled) are read off that text.
Each number is placed after 0 … 23 filler characters, so on a 375 px screen some of them
reach the end of a line, where a number allowed to wrap would break at its hyphen or space.
"""
from __future__ import annotations

import pytest

from conftest import assigned_proposal, build, response, site_yaml, write_tree
from tests.support.browser import chromium, phone_page, require_browser, serve

pytestmark = pytest.mark.browser

NUMBERS = {"139-0000-5678": "tel:13900005678", "021-54000000": "tel:02154000000",
           "186 0000 4321": "tel:18600004321"}
FILLER = "居民"  # two characters per step
NOT_PHONES = ["2023-0110", "〔2023〕57号", "12345678元"]


def paragraphs() -> str:
    lines = [f"{FILLER * (k // 2)}{'民' * (k % 2)}请致电{number}咨询。"
             for k in range(24) for number in NUMBERS]
    lines.append(f"依据{NOT_PHONES[0]}号提案和{NOT_PHONES[1]}文件，安排资金{NOT_PHONES[2]}。")
    return "\n\n".join(lines)


ANNOUNCEMENT = ("---\ntitle: 关于社区食堂选址的公示\ndate: 2026-11-20\nkind: publicity\nuntil: 2026-12-20\n---\n\n"
                + paragraphs() + "\n")
PAGES = ["announcements/2026/notice/", "responses/2026/0001-fgw/"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("phones")
    files = {"site.yaml": site_yaml(), "announcements/2026/notice.md": ANNOUNCEMENT}
    files.update([assigned_proposal("0001"), response("2026-0001", body=paragraphs())])
    out = root / "output"
    result = build(write_tree(root / "content", files), out, site_url=None)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


LINKS_JS = """() => [...document.querySelectorAll('main a[href^="tel:"]')].map(a => (
  {text: a.textContent, href: a.getAttribute('href'), lines: a.getClientRects().length}))"""


@pytest.mark.parametrize("path", PAGES)
def test_every_phone_number_is_one_unbroken_tel_link(site, path):
    require_browser()
    with serve(site) as url, chromium() as browser, phone_page(browser, url + path) as page:
        found = page.evaluate(LINKS_JS)
        body = page.locator("main").inner_text()
    assert sorted((f["text"], f["href"]) for f in found) == sorted(list(NUMBERS.items()) * 24)
    broken = [f["text"] for f in found if f["lines"] != 1]
    assert broken == [], f"{len(broken)} numbers wrap onto two lines"
    for text in NOT_PHONES:
        assert text in body
