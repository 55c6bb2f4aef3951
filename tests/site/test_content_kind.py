"""Adding a content kind is one registration plus its template (docs/architecture.md).

tests/support/testkind.py registers 工作简报 (bulletins), a kind nothing in plugins/ names;
a real build with it (through the DISCLOSURE_KINDS setting) gives each bulletin a page, a
search record, a feed item, open data and a JSON twin. The expected text comes from the
bulletin's file below, never from the code under test.
"""
from __future__ import annotations

import csv
import io
import json

from bs4 import BeautifulSoup

from conftest import ROOT, assigned_proposal, build, run_cli, site_yaml, write_tree
from support.feedcheck import parse_feed
from support.outputs import pagefind_file

SETTINGS = ROOT / "tests/support/testkind_settings.py"
SITE_URL = "https://zx.example.org"
TITLE = "第三季度提案办理工作简报"
BULLETIN = ("bulletins/2026/q3.md",
            f"---\ntitle: {TITLE}\ndate: 2026-10-08\n---\n\n本季度共办复提案十二件，满意率较上季度提高。\n")


def content(tmp_path):
    return write_tree(tmp_path / "content", {"site.yaml": site_yaml(), **dict([assigned_proposal(), BULLETIN])})


def test_a_registered_kind_gets_a_page_a_search_record_a_feed_item_and_data(tmp_path):
    out = tmp_path / "output"
    result = build(content(tmp_path), out, SITE_URL, settings=SETTINGS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "bulletins" not in result.stdout + result.stderr  # read, not warned about as a stray file

    page = BeautifulSoup((out / "bulletins/2026/q3/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("h1").get_text() == TITLE
    assert "本季度共办复提案十二件，满意率较上季度提高。" in page.find(class_="body").get_text()
    assert [a.get_text() for a in page.select("nav.breadcrumbs a, .breadcrumbs a")][:1] == ["首页"]
    assert "2026-JB-2026-q3" not in page.get_text() and "2026-JB-q3" in page.get_text()  # 索引号 {year}-{kind}-{key}

    fragments = [json.loads(pagefind_file(f.read_bytes())) for f in out.glob("pagefind/*/fragment/*.pf_fragment")]
    (record,) = [f for f in fragments if f["url"].endswith("/bulletins/2026/q3/")]
    assert record["meta"]["title"] == TITLE and record["filters"]["kind"] == ["简报"]
    assert "本季度共办复提案十二件" in record["content"].replace(" ", "")

    feed = parse_feed((out / "feeds/all.atom.xml").read_bytes())
    (item,) = [e for e in feed.entries if e.link == f"{SITE_URL}/bulletins/2026/q3/"]
    assert item.title == f"简报：{TITLE}"
    proposals_feed = parse_feed((out / "feeds/proposals.atom.xml").read_bytes())
    assert all("bulletins" not in e.link for e in proposals_feed.entries)  # not a proposal's news

    data = json.loads((out / "data/bulletins.json").read_text(encoding="utf-8"))
    assert [(r["id"], r["title"], r["date"]) for r in data] == [("2026/q3", TITLE, "2026-10-08")]
    rows = list(csv.reader(io.StringIO((out / "data/bulletins.csv").read_text(encoding="utf-8-sig"))))
    assert rows == [["编号", "标题", "网址"], ["2026/q3", TITLE, f"{SITE_URL}/bulletins/2026/q3/"]]
    assert json.loads((out / "bulletins/2026/q3/index.json").read_text(encoding="utf-8"))["title"] == TITLE
    assert "bulletins/2026/q3/" in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_without_the_registration_the_folder_is_not_read(tmp_path):
    result = run_cli("check", "--content", str(content(tmp_path)))
    assert result.returncode == 0
    assert "bulletins/2026/q3.md" in result.stderr and "此文件不在 proposals/、responses/ 或 announcements/ 文件夹中" \
        in result.stderr
    with_kind = run_cli("check", "--content", str(tmp_path / "content"), "--settings", str(SETTINGS))
    assert with_kind.returncode == 0 and "bulletins" not in with_kind.stderr
