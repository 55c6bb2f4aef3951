"""Staff text is data in every output: markup and spreadsheet formulas in any field stay inert.

One real build of content whose every free-text front-matter field and every site.yaml
text field holds markup (<img onerror>, <script>, an attribute break-out into <svg onload>)
behind a spreadsheet formula starter (= + - @ tab CR). Then every output format is read
the way its consumer reads it: HTML pages (BeautifulSoup), the HTML inside Atom and RSS
entries, the inline SVG charts, every CSV cell (as Excel would: a cell starting with a
formula starter is a formula unless it starts with '), JSON in pages and JSON files.
The ground truth is the list of payloads (tests/support/hostile.py), never what the code writes.
"""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree

from conftest import SITE_YAML, build, front_matter, run_cli, write_tree
from support.hostile import (EXTERNAL_IMAGE, FORMULA, HYPERLINK, MARKUP, SITE, STARTERS, SUM, every_payload, files,
                             payload, shown)
from support.htmlsafety import own_script

SITE_URL = "https://zx.example.org"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("escaping")
    content = write_tree(base / "content", files())
    result = build(content, base / "output", SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "output"


# ---------------------------------------------------------------- what counts as made from a payload


def payload_parts(soup) -> list[str]:
    """Elements and attributes a payload could have produced, in a parsed HTML document or fragment."""
    found = []
    for el in soup.find_all(True):
        for name in el.attrs:
            if name.lower().startswith("on"):
                found.append(f"<{el.name} {name}>")
        if el.name == "script" and (not own_script(el.get("src"), SITE_URL) or el.get_text().strip()):
            if el.get("type") != "application/json" and el.get("type") != "application/ld+json":
                found.append(f"<script src={el.get('src')!r}>{el.get_text()[:40]}")
        if el.name == "img":
            src = el.get("src", "")
            if src == "x" or re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", src, re.I) and not src.startswith(SITE_URL + "/"):
                found.append(f"<img src={src!r}>")  # the payload's, or one loaded from a third party
        if el.name == "svg" and "chart" not in (el.get("class") or []):
            found.append("<svg> that is not a chart")
    return found


def html_text(soup) -> str:
    return soup.get_text(" ")


@pytest.fixture(scope="module")
def pages(hostile_site):
    return {p.relative_to(hostile_site).as_posix(): BeautifulSoup(p.read_bytes(), "lxml")
            for p in sorted(hostile_site.rglob("*.html"))}


# ---------------------------------------------------------------- the tests


def test_pages_show_every_payload_as_text_and_run_none(pages):
    assert len(pages) > 30
    bad = {name: parts for name, soup in pages.items() if (parts := payload_parts(soup))}
    assert bad == {}, sorted(bad.items())[:3]
    text = " ".join(html_text(soup) for soup in pages.values())
    # Every value reached the pages as the text staff wrote (so the check above had something to check).
    # Not on pages: language and short_name (accepted, unused by the theme), an announcement's tags (data and search only), the 索引号 pattern
    # (only the numbers made from it: test_index_pattern_markup_is_text_in_the_metadata_block), and a reply's
    # contact, which is shown as person and phone with its punctuation tidied (entries._contact).
    missing = [v for v in every_payload() if v not in text
               and not re.match(r"^.?(language|short_name|notice_tag|index_pattern|contact)<", v)]
    assert missing == []


def test_site_yaml_links_are_kept_exactly(pages):
    hrefs = {a.get("href") for a in pages["index.html"].select("footer a")}
    assert {SITE["icp_url"], SITE["police_record_url"]} <= hrefs


def test_fields_that_name_things_refuse_markup(tmp_path):
    """Numbers and references are checked, never published as typed: markup in them is an error."""
    bad = "<img src=x onerror=alert(1)>"
    tree = files()
    tree["proposals/2026/0009.md"] = front_matter({"number": bad, "year": 2026, "title": "题", "proposers": ["张三"],
                                                   "category": SITE["categories"][0]["name"], "submitted": "2026-01-10",
                                                   "review": "merged", "review_date": "2026-02-01",
                                                   "merged_into": bad})
    tree["announcements/2026/bad.md"] = front_matter({"title": "题", "date": "2026-07-01", "kind": "news",
                                                      "related": [bad]})
    tree["responses/2026/0001-fgw-2.md"] = front_matter({"proposal": "2026-0001", "unit": "fgw", "role": "lead",
                                                         "date": "2026-08-01", "result": SITE["result_codes"][0]["code"],
                                                         "supersedes": bad})
    result = run_cli("check", "--content", str(write_tree(tmp_path / "content", tree)))
    report = result.stdout + result.stderr
    assert result.returncode != 0
    for path, key, shown_key in [("proposals/2026/0009.md", "number", "number"),
                                 ("proposals/2026/0009.md", "merged_into", "merged_into"),
                                 ("announcements/2026/bad.md", "related", "related[1]"),
                                 ("responses/2026/0001-fgw-2.md", "supersedes", "supersedes")]:
        line = next(i for i, text in enumerate(tree[path].splitlines(), 1) if text.startswith(key + ":"))
        assert f"{path}:{line} [{shown_key}]" in report


def test_index_pattern_markup_is_text_in_the_metadata_block(pages):
    page = pages["proposals/2026/0001/index.html"]
    number = f"{shown(payload('index_pattern', 4))}{payload('index_prefix', 9)}-2026-TA-0001"
    assert number in html_text(page)


def test_external_images_are_links_with_their_alt_text(pages):
    page = pages["proposals/2026/0001/index.html"]
    links = {a.get("href"): a.get_text(" ", strip=True) for a in page.select("a")}
    assert EXTERNAL_IMAGE in links, "the external image is offered as a link"
    assert f"外部图片{MARKUP}" in links[EXTERNAL_IMAGE]
    assert not page.select("img[src*='evil.example']")


def feed_html(path) -> list[str]:
    """The HTML of every entry of an Atom or RSS feed (escaped text inside the XML)."""
    tree = etree.parse(str(path))
    out = []
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag.rsplit("}", 1)[-1] in ("content", "description", "summary") \
                and el.getparent() is not None and el.getparent().tag.rsplit("}", 1)[-1] in ("entry", "item"):
            out.append(el.text or "")
    return out


def test_feed_entries_carry_payloads_as_text(hostile_site):
    feeds = sorted((hostile_site / "feeds").rglob("*.xml"))
    assert len(feeds) > 20
    bad, text = {}, []
    for path in feeds:
        for fragment in feed_html(path):
            soup = BeautifulSoup(fragment, "lxml")
            if parts := payload_parts(soup):
                bad.setdefault(path.relative_to(hostile_site).as_posix(), []).extend(parts)
            text.append(html_text(soup))
    assert bad == {}, sorted(bad.items())[:3]
    text = " ".join(text)
    # The fields a feed entry shows (issue 14): 文号, 提案者, node labels, reply class, unit names.
    for value in [FORMULA, SUM, payload("doc_no", 1), payload("proposer", 1), payload("event", 2),
                  payload("event_note", 3), payload("result1", 4), payload("short0", 3),
                  payload("commitment", 1), payload("commitment_note", 2), payload("follow_up", 2),
                  payload("follow_up_note", 3)]:
        assert shown(value) in text


def test_svg_charts_are_well_formed_with_labels_as_text(pages):
    charts = [svg for soup in pages.values() for svg in soup.select("svg.chart")]
    assert charts
    labels = []
    for svg in charts:
        root = etree.fromstring(str(svg).encode("utf-8"))
        tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter() if isinstance(el.tag, str)}
        assert tags <= {"svg", "title", "desc", "line", "rect", "text"}, tags
        assert not [a for el in root.iter() if isinstance(el.tag, str) for a in el.attrib if a.startswith("on")]
        labels += ["".join(el.itertext()) for el in root.iter() if el.tag.rsplit("}", 1)[-1] in ("title", "text")]
    assert any(shown(payload("short0", 3)) in label for label in labels)


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8"))
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_no_csv_cell_is_a_formula(hostile_site):
    tables = sorted((hostile_site / "data").glob("*.csv"))
    assert {p.name for p in tables} >= {"proposals.csv", "responses.csv", "announcements.csv", "units.csv"}
    formulas, cells = [], []
    for path in tables:
        rows = read_csv(path)
        for row in rows[1:]:
            for cell in row:
                cells.append(cell)
                if cell[:1] in STARTERS:
                    formulas.append((path.name, cell[:40]))
    assert formulas == []
    # Neutralised the OWASP way: the same text behind a single quote, nothing else changed.
    for value in [HYPERLINK, FORMULA, payload("notice_title", 1), payload("unit2", 2), payload("result0", 3)]:
        assert "'" + value in cells
    assert "'" + SUM + "、" + shown(payload("proposer", 1)) in cells


def test_numbers_stay_numbers_in_csv(hostile_site):
    rows = read_csv(hostile_site / "data" / "units.csv")
    header = rows[0]
    for row in rows[1:]:
        cells = dict(zip(header, row))
        assert cells["主办分办件数"] == "2" and cells["办复率（%）"] == "100.0"


def test_json_files_carry_the_exact_text(hostile_site):
    for path in sorted(hostile_site.rglob("*.json")):
        json.loads(path.read_text(encoding="utf-8"))
    proposals = json.loads((hostile_site / "data" / "proposals.json").read_text(encoding="utf-8"))
    first = next(p for p in proposals if p["id"] == "2026-0001")
    assert first["title"] == HYPERLINK and first["proposers"][0] == SUM
    assert first["responses"][0]["doc_no"] == FORMULA
    twin = json.loads((hostile_site / "responses/2026/0002-sthj/index.json").read_text(encoding="utf-8"))
    assert twin["doc_no"] == shown(payload("doc_no", 1))


def test_json_in_pages_parses_and_cannot_close_its_element(pages):
    seen = 0
    for name, soup in pages.items():
        for script in soup.find_all("script"):
            if script.get("type") in ("application/json", "application/ld+json"):
                seen += 1
                json.loads(script.get_text())
        for el in soup.find_all(True):
            for attr, value in el.attrs.items():
                if attr.startswith("data-") and isinstance(value, str) and value[:1] in ("[", "{"):
                    seen += 1
                    json.loads(value)
    assert seen


# ---------------------------------------------------------------- site.yaml URL fields


@pytest.mark.parametrize("key", ["icp_url", "police_record_url", "share_image"])
@pytest.mark.parametrize("bad", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
                                 "vbscript:msgbox(1)", "https://x.example/\"><svg onload=alert(1)>",
                                 "//evil.example/"])
def test_site_yaml_urls_must_be_http(tmp_path, key, bad):
    site = dict(SITE_YAML, icp="沪ICP备00000000号", police_record="沪公网安备00000000000000号", **{key: bad})
    text = yaml.safe_dump(site, allow_unicode=True, sort_keys=False)
    content = write_tree(tmp_path / "content", {"site.yaml": text})
    result = run_cli("check", "--content", str(content))
    assert result.returncode != 0
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.startswith(key + ":"))
    report = result.stdout + result.stderr
    assert f"site.yaml:{line} [{key}]" in report
    assert "http://" in report and "https://" in report  # what is allowed
    assert "错误" in report and "error" in report
