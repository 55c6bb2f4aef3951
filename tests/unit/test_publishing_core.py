"""The 索引号 pattern language, the footer facts and sitemap splitting, without a build."""
import datetime as dt

import pytest
from lxml import etree

from disclosure import meta
from disclosure.model import Announcement, Proposal, Response, Unit, Vocabulary
from publishing import sitemap
from support.feedcheck import sitemap_errors

P = Proposal(path="proposals/2023/0110.md", number="0110", year=2023)
X = Response(path="responses/2023/0110-fgw.md", proposal_id="2023-0110", unit=Unit("区发改委全称", "fgw"),
             date=dt.date(2023, 4, 26))
A = Announcement(path="announcements/2023/notice.md", date=dt.date(2024, 1, 2), notice_type="publicity")


@pytest.mark.parametrize("pattern, expected", [
    ("{year}-{kind}-{key}", ["2023-TA-0110", "2023-DF-0110-fgw", "2023-GG-notice"]),
    ("{prefix}/{year}-{kind}-{number:0>5}", ["ORG/2023-TA-00110", "ORG/2023-DF-00110", "ORG/2023-GG-notice"]),
    ("{kind}{unit}", ["TA", "DFfgw", "GG"]),
])
def test_pattern_fields(pattern, expected):
    settings = {"index_prefix": "ORG", "index_pattern": pattern}
    assert [meta.index_number(e, settings) for e in (P, X, A)] == expected


def test_default_pattern_uses_the_prefix_only_when_set():
    assert meta.index_number(P, {}) == "2023-TA-0110"
    assert meta.index_number(P, {"index_prefix": "ORG"}) == "ORG-2023-TA-0110"


def test_hash_depends_only_on_the_item():
    first = meta.index_number(X, {"index_pattern": "{hash}"})
    assert len(first) == 8 and first == meta.index_number(X, {"index_pattern": "{hash}"})
    assert first != meta.index_number(P, {"index_pattern": "{hash}"})


@pytest.mark.parametrize("pattern, why", [
    ("{year}-{serial}", "unknown field {serial}"), ("{year.real}", "unknown field"), ("{0}", "unknown field"),
    ("no fields", "no field"), ("{year", "not a valid pattern"), ("{key:05d}", "format spec"),
])
def test_unusable_patterns_are_explained(pattern, why):
    assert why in meta.pattern_problem(pattern)


def test_footer_facts_only_when_set_and_record_links():
    assert meta.site_identity(Vocabulary()) == []
    v = Vocabulary(settings={"icp": "沪ICP备1号", "police_record": "沪公网安备 31010102000001号",
                             "website_code": "3101010001"})
    rows = meta.site_identity(v)
    assert rows == [("网站标识码", "3101010001", ""), ("ICP备案号", "沪ICP备1号", "https://beian.miit.gov.cn/"),
                    ("公安备案号", "沪公网安备 31010102000001号",
                     "https://beian.mps.gov.cn/#/query/webSearch?code=31010102000001")]


def test_large_sites_get_a_sitemap_index_over_valid_parts():
    entries = [(f"https://zx.example.org/p/{i}/", dt.date(2026, 1, i + 1)) for i in range(5)]
    files = sitemap.sitemap_files(entries, "https://zx.example.org", max_urls=2)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    for name in ("sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"):
        assert sitemap_errors(files[name].encode()) == []
    index = etree.fromstring(files["sitemap.xml"].encode())
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    assert index.tag == ns + "sitemapindex"
    assert [s.findtext(ns + "loc") for s in index] == [f"https://zx.example.org/sitemap-{n}.xml" for n in (1, 2, 3)]
    assert [s.findtext(ns + "lastmod") for s in index] == ["2026-01-02", "2026-01-04", "2026-01-05"]
    assert list(sitemap.sitemap_files(entries, "https://zx.example.org")) == ["sitemap.xml"]


def test_the_sitemap_lists_the_writers_files_as_a_walk_of_the_folder_would(tmp_path):
    files = ["index.html", "b/index.html", "a/z.html", "a/index.html", "a/b/index.html", "ab/index.html",
             "404.html", "theme/x.html", ".hidden/index.html", "a/.git/index.html", "data/p.json", "a/b/c/d.html"]
    for rel in files:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("<html></html>", encoding="utf-8")
    noindex = lambda rel, path: rel == "404.html"  # noqa: E731
    expected = ["", "a/", "a/z.html", "a/b/", "a/b/c/d.html", "ab/", "b/"]
    assert sitemap.page_urls(str(tmp_path), noindex=noindex) == expected
    assert sitemap.page_urls(str(tmp_path), noindex=noindex, files=files) == expected
