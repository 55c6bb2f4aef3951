"""Every page of both sites is valid HTML by the Nu HTML Checker (vnu.jar, run with Java)."""
from __future__ import annotations

import pytest

from support import nuchecker
from support.pagetypes import html_files

from .conftest import SITES, missing


BAD = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>x</title></head>'
       '<body><p id="a">一</p><p id="a">二</p></div></body></html>')
GOOD = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>x</title></head>'
        '<body><p>好</p></body></html>')


@pytest.fixture(scope="module")
def vnu_report(published_sites, tmp_path_factory):
    """{site: [error lines]}, from one Java run over every page of every site and two canary pages."""
    why = nuchecker.available()
    if why:
        missing("the Nu HTML Checker", why)
    canaries = tmp_path_factory.mktemp("canaries")
    (canaries / "bad.html").write_text(BAD, encoding="utf-8")
    (canaries / "good.html").write_text(GOOD, encoding="utf-8")
    sites = dict(published_sites, canaries=canaries)
    pages = {name: html_files(out) for name, out in sites.items()}
    messages = nuchecker.vnu_messages([p for files in pages.values() for p in files])
    report = {name: [] for name in sites}
    for m in messages:
        path = m.get("url", "").removeprefix("file:")
        name = next((n for n, out in sites.items() if path.startswith(str(out) + "/")), None)
        report.setdefault(name or "?", []).append(nuchecker.format_message(m, sites.get(name)))
    return report, pages


@pytest.mark.parametrize("site", SITES)
def test_every_page_is_valid_html(vnu_report, site):
    report, pages = vnu_report
    assert len(pages[site]) > 20, "the site should have been built with its pages"
    errors = report[site]
    assert not errors, f"{len(errors)} HTML errors in {site}:\n" + "\n".join(errors[:60])


def test_no_errors_from_unknown_files(vnu_report):
    report, _ = vnu_report
    assert not report.get("?"), "\n".join(report.get("?", []))


def test_checker_reports_invalid_html(vnu_report):
    """The gate can fail: in the same run, a page with a duplicate id and a stray end tag is reported."""
    report, _ = vnu_report
    text = "\n".join(report["canaries"])
    assert "bad.html" in text and "good.html" not in text
    assert "Duplicate ID" in text and "Stray end tag" in text
