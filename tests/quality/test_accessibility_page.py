"""The accessibility statement (无障碍声明): reachable from every page, says what is tested, whom to contact."""
from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import assigned_proposal
from support.pagetypes import html_files


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_statement_lists_the_checks_limits_and_the_contact_from_site_yaml(built):
    out = built([assigned_proposal()], phone="010-12345678", email="zx@example.gov.cn", publisher="测试区政协办公室")
    page = soup(out / "accessibility" / "index.html")
    assert page.h1.get_text() == "无障碍声明"
    text = page.main.get_text(" ", strip=True)
    for claim in ("WCAG", "2.1 AA", "Nu Html Checker", "axe-core", "320 像素", "200%", "高对比度", "只用键盘",
                  "JavaScript", "已知的不足", "GB/T 37668"):
        assert claim in text, claim
    assert "请与测试区政协办公室联系" in text and "010-12345678" in text
    assert page.find("a", href="mailto:zx@example.gov.cn")


def test_without_contact_settings_the_statement_names_the_body(sample_site):
    text = soup(sample_site / "accessibility" / "index.html").main.get_text(" ", strip=True)
    assert "请与政协上海市黄浦区委员会联系。" in text and "电话" not in text


def test_every_page_links_to_the_statement_from_its_footer(sample_site):
    pages = html_files(sample_site)
    assert len(pages) > 20
    for path in pages:
        footer = soup(path).find("footer")
        assert footer and footer.find("a", string="无障碍声明"), path
        assert footer.find("a", string="无障碍声明")["href"].endswith("/accessibility/")
