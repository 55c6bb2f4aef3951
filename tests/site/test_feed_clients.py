"""Feeds and open data as their real clients see them (feedparser, a crawler, a data-package validator).

Ground truth is the fixture below: its dates, its proposer, its licence.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft7Validator

from conftest import assigned_proposal, build, response, site_yaml, write_tree
from support.feedcheck import parse_feed

ROOT = Path(__file__).resolve().parents[2]
PROPOSER = "钱某某"
LICENCE = "CC-BY-4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
SAME_DAY = "2026-02-10"
FORMULA_TITLE = '=HYPERLINK("http://evil.example/","点击")'  # review and assignment on one day, as offices often do both


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("clients")
    files = dict([
        assigned_proposal("0001", proposers=[PROPOSER], review_date=SAME_DAY, assigned=SAME_DAY),
        assigned_proposal("0110", title=FORMULA_TITLE, proposers=["孙某某"]),
        response("2026-0001", date="2026-04-01"),
    ])
    content = write_tree(base / "content", {"site.yaml": site_yaml(data_license=LICENCE, data_license_url=LICENCE_URL),
                                            **files})
    out = base / "output"
    result = build(content, out)
    assert result.returncode == 0, result.stderr
    return out


def feed(out, name):
    return parse_feed((out / "feeds" / name).read_bytes())


def test_a_new_proposal_entry_names_its_proposer_once(site):
    entry = next(e for e in feed(site, "proposals/2026/0001.atom.xml").entries if e.title.startswith("新提案"))
    assert entry.content[0].value.count(PROPOSER) == 1, entry.content[0].value


def test_every_feed_home_link_is_a_page_of_the_site(site):
    for path in sorted((site / "feeds").rglob("*.xml")):
        link = feed(site, path.relative_to(site / "feeds").as_posix()).feed.link
        rel = link.removeprefix("https://zx.example.org/")
        page = site / rel / "index.html" if rel else site / "index.html"
        assert page.is_file(), (path.name, link)


def test_entries_keep_their_day_in_utc_and_same_day_steps_do_not_tie(site):
    entries = feed(site, "proposals/2026/0001.atom.xml").entries
    stamps = {e.title.split("：")[0]: e.updated_parsed for e in entries}
    for e in entries:  # the day a reader on UTC shows is the day the content gives
        day = dt.date(*e.updated_parsed[:3])
        assert day.isoformat() in {"2026-01-10", SAME_DAY, "2026-04-01"}, (e.title, e.updated)
    review = next(v for k, v in stamps.items() if k == "立案")
    assigned = next(v for k, v in stamps.items() if k.startswith("交办"))
    assert review < assigned, "交办 comes after 立案 on the same day"
    assert len({e.updated for e in entries}) == len(entries), "no two entries share a time"


def test_proposal_pages_offer_both_feeds_and_site_feeds_have_distinct_titles(site):
    soup = BeautifulSoup((site / "proposals/2026/0001/index.html").read_text(encoding="utf-8"), "html.parser")
    alternates = {link["type"]: link["href"] for link in soup.select("link[rel=alternate]")
                  if "2026/0001" in link["href"]}
    assert alternates == {"application/atom+xml": "https://zx.example.org/feeds/proposals/2026/0001.atom.xml",
                          "application/rss+xml": "https://zx.example.org/feeds/proposals/2026/0001.rss.xml",
                          "application/json": "https://zx.example.org/proposals/2026/0001/index.json"}
    assert feed(site, "all.atom.xml").feed.title != feed(site, "all.rss.xml").feed.title


def test_the_replies_listing_shows_each_reply(site):
    soup = BeautifulSoup((site / "replies/index.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in soup.select(".items h2 a")]
    assert links == ["https://zx.example.org/responses/2026/0001-fgw/"]
    assert "2026年4月1日" in soup.get_text()


def test_the_data_licence_is_stated_on_the_data_page_and_in_the_package(site):
    package = json.loads((site / "data/datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] == [{"path": LICENCE_URL, "title": LICENCE}]
    profile = json.loads((ROOT / "tests/schemas/datapackage-2.0.json").read_text(encoding="utf-8"))
    assert list(Draft7Validator(profile).iter_errors(package)) == []
    soup = BeautifulSoup((site / "data/index.html").read_text(encoding="utf-8"), "html.parser")
    licence = soup.select_one("a[rel=license]")
    assert licence["href"] == LICENCE_URL and licence.get_text() == LICENCE


def test_without_a_licence_the_data_page_says_none_was_declared(sample_site):
    package = json.loads((sample_site / "data/datapackage.json").read_text(encoding="utf-8"))
    assert "licenses" not in package
    text = BeautifulSoup((sample_site / "data/index.html").read_text(encoding="utf-8"), "html.parser").get_text()
    assert "尚未声明数据的许可条件" in text


def test_each_csv_has_a_spreadsheet_twin_with_text_dates_and_a_frozen_header(site):
    import openpyxl

    package = json.loads((site / "data/datapackage.json").read_text(encoding="utf-8"))
    listed = {r["path"]: r for r in package["resources"]}
    for csv_name in ("proposals.csv", "responses.csv", "announcements.csv", "units.csv"):
        name = csv_name.replace(".csv", ".xlsx")
        assert listed[name]["mediatype"].endswith("spreadsheetml.sheet")
        book = openpyxl.load_workbook(site / "data" / name)
        sheet = book.worksheets[0]
        assert sheet.freeze_panes == "A2", name
    sheet = openpyxl.load_workbook(site / "data/proposals.xlsx").worksheets[0]
    header = [c.value for c in sheet[1]]
    rows = {r[header.index("提案号")].value: r for r in sheet.iter_rows(min_row=2)}
    row = rows["0110"]  # the number as written, not 110
    assert row[header.index("提案号")].data_type == "s"
    title = row[header.index("案由")]
    assert title.value == FORMULA_TITLE and title.data_type == "s", "a title is text, never a formula"
    submitted = rows["0001"][header.index("提交日期")].value
    assert submitted.date() == dt.date(2026, 1, 10)


def test_frictionless_reads_the_data_package_its_licence_and_every_table(site):
    """The Frictionless framework, as a data user runs it: every resource valid, the licence read."""
    from frictionless import Package, validate

    report = validate(site / "data/datapackage.json")
    assert report.valid, report.flatten(["resourceName", "type", "note"])[:5]
    package = Package(site / "data/datapackage.json")
    assert [(lic.get("path"), lic.get("title")) for lic in package.licenses] == [(LICENCE_URL, LICENCE)]
    assert {r.name for r in package.resources} >= {"proposals-csv", "proposals-xlsx", "responses-xlsx"}


def test_links_staff_write_from_the_root_lead_into_the_site_from_a_feed(tmp_path):
    """Under a sub-path a feed reader resolves "/proposals/…" against the host: the link must carry the site's path."""
    files = dict([assigned_proposal("0001"), assigned_proposal("0002", body="参见[第0001号提案](/proposals/2026/0001/)。")])
    content = write_tree(tmp_path / "content", {"site.yaml": site_yaml(), **files})
    out = tmp_path / "output"
    assert build(content, out, site_url="https://www.example.gov.cn/zxta").returncode == 0
    for name in ("proposals/2026/0002.atom.xml", "proposals/2026/0002.rss.xml"):
        entry = next(e for e in feed(out, name).entries if e.title.startswith("新提案"))
        html = entry.content[0].value if name.endswith("atom.xml") else entry.description
        links = [a["href"] for a in BeautifulSoup(html, "html.parser").select("a")]
        assert links == ["https://www.example.gov.cn/zxta/proposals/2026/0001/"], (name, links)
