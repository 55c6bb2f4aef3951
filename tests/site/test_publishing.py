"""Publishing: what residents, chat apps, search engines and the web server see of each page.

The metadata block (索引号 …), the footer's registrations, share cards and canonical
links on built pages; sitemap.xml against the sitemaps.org schema; robots.txt, the
404 page, the favicon; `make publish` and `make upload`.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import ROOT, assigned_proposal, build, proposal, response, run_cli, site_yaml, write_tree
from support.feedcheck import sitemap_errors

BASE = "https://zx.example.org"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def page(out, url):
    path = out / url / "index.html" if not url.endswith(".html") else out / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text(node):
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()


def meta_block(soup):
    rows = soup.select("dl.meta-block .meta-row")
    return {text(r.dt): text(r.dd) for r in rows}


def og(soup, prop):
    tag = soup.find("meta", attrs={"property": prop})
    return tag["content"] if tag else None


def footer(soup):
    return {text(li.select_one(".identity-label")).rstrip("："): li for li in soup.select(".site-footer .site-identity li")}


def sitemap_locs(out):
    root = etree.fromstring((out / "sitemap.xml").read_bytes())
    return {u.findtext(SM + "loc"): u.findtext(SM + "lastmod") for u in root.iter(SM + "url")}


# --- the metadata block -------------------------------------------------------


def test_proposal_page_has_the_disclosure_metadata_block(sample_site):
    soup = page(sample_site, "proposals/2023/0110")
    assert meta_block(soup) == {
        "索引号": "2023-TA-0110", "发布机构": "政协上海市黄浦区委员会", "公开属性": "全文公开",
        "主题分类": "生态环境", "体裁分类": "提案", "发布日期": "2023年1月8日",
    }
    assert soup.select_one("dl.meta-block time")["datetime"] == "2023-01-08"
    # the block comes right after the title and the resident's summary (issue 18), before the facts
    assert soup.select_one("article > header + section.summary + dl.meta-block + dl.facts") is not None


def test_reply_page_metadata_names_the_replying_unit_and_its_document_number(sample_site):
    soup = page(sample_site, "responses/2023/0110-fgw")
    m = meta_block(soup)
    assert m == {
        "索引号": "2023-DF-0110-fgw", "发布机构": "上海市黄浦区发展和改革委员会", "文号": "黄发改提〔2023〕12号",
        "公开属性": "全文公开", "主题分类": "生态环境", "体裁分类": "答复（主办）", "发布日期": "2023年4月26日",
    }
    facts = text(soup.select_one("dl.facts"))  # said once: not repeated below the block
    assert "文号" not in facts and "公开属性" not in facts and "答复类别" in facts
    withheld = meta_block(page(sample_site, "responses/2024/0104-jsgl"))
    assert withheld["公开属性"] == "不予公开" and withheld["索引号"] == "2024-DF-0104-jsgl"


def test_reply_without_document_number_has_no_empty_row(built):
    out = built(dict([assigned_proposal(), response()]))
    m = meta_block(page(out, "responses/2026/0001-fgw"))
    assert "文号" not in m and "" not in m.values()
    assert m["发布机构"] == "测试区发展和改革委员会" and m["发布日期"] == "2026年4月1日"


def test_announcement_metadata_takes_its_topic_from_related_proposals(sample_site):
    m = meta_block(page(sample_site, "announcements/2023/low-carbon-community-candidates-2023"))
    assert m["索引号"] == "2023-GG-low-carbon-community-candidates-2023"
    assert m["发布机构"] == "政协上海市黄浦区委员会" and m["主题分类"] == "生态环境"
    assert m["体裁分类"] == "公告（公示）" and m["发布日期"] == "2023年3月20日"


def test_every_item_page_has_one_metadata_block_and_unique_index_numbers(sample_site):
    numbers = []
    for kind in ("proposals", "responses", "announcements"):
        for index in (sample_site / kind).rglob("index.html"):
            rel = index.parent.relative_to(sample_site).as_posix()
            if kind != "responses" and rel.count("/") != 2 or "kind/" in rel or "/page/" in rel:
                continue  # listings, not items
            soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
            assert len(soup.select("dl.meta-block")) == 1, rel
            numbers.append(meta_block(soup)["索引号"])
    assert len(numbers) == 15 + 14 + 6
    assert len(set(numbers)) == len(numbers)


def test_index_pattern_from_site_yaml_is_used_and_stable_when_files_are_added(tmp_path):
    settings = dict(index_prefix="11310101MB2F00000X", index_pattern="{prefix}/{year}-{kind}-{number:0>5}{unit}")
    files = dict([assigned_proposal("0007"), response("2026-0007", unit="fgw")])
    out1 = tmp_path / "one"
    content = write_tree(tmp_path / "c1", {"site.yaml": site_yaml(**settings), **files})
    assert build(content, out1).returncode == 0
    files.update(dict([proposal("0003"), assigned_proposal("0005")]))
    out2 = tmp_path / "two"
    content = write_tree(tmp_path / "c2", {"site.yaml": site_yaml(**settings), **files})
    assert build(content, out2).returncode == 0
    for out in (out1, out2):
        assert meta_block(page(out, "proposals/2026/0007"))["索引号"] == "11310101MB2F00000X/2026-TA-00007"
        assert meta_block(page(out, "responses/2026/0007-fgw"))["索引号"] == "11310101MB2F00000X/2026-DF-00007fgw"


def test_bad_or_ambiguous_index_pattern_is_a_content_error(make_content):
    bad = make_content(dict([proposal()]), index_pattern="{year}-{serial}")
    result = run_cli("check", "--content", str(bad))
    assert result.returncode == 1
    assert "index_pattern" in result.stderr and "{serial}" in result.stderr and "{key}" in result.stderr
    clash = make_content(dict([assigned_proposal("0001"), response("2026-0001", unit="fgw"),
                               response("2026-0001", unit="fgw", suffix="-2", supersedes="2026/0001-fgw",
                                        date="2026-05-01")]),
                         index_pattern="{year}-{kind}-{number}")
    result = run_cli("check", "--content", str(clash))
    assert result.returncode == 1
    assert "索引号重复" in result.stderr and "2026-DF-0001" in result.stderr


# --- footer -------------------------------------------------------------------


def test_footer_shows_registrations_only_when_set(built, sample_site):
    assert footer(page(sample_site, "")) == {}
    t = text(page(sample_site, "").select_one(".site-footer"))
    for label in ("主办单位", "网站标识码", "ICP备案号", "公安备案号"):
        assert label not in t
    out = built(dict([proposal()]), organiser="政协测试区委员会办公室", website_code="3101010001",
                icp="沪ICP备12345678号-1", police_record="沪公网安备 31010102000001号",
                phone="021-12345678", email="zx@example.org")
    for url in ("", "proposals/2026/0001", "feeds/", "data/", "404.html"):
        f = footer(page(out, url))
        assert list(f) == ["主办单位", "电话", "电子邮箱", "网站标识码", "ICP备案号", "公安备案号"], url
    assert text(f["主办单位"]) == "主办单位： 政协测试区委员会办公室"
    assert f["ICP备案号"].a["href"] == "https://beian.miit.gov.cn/" and text(f["ICP备案号"].a) == "沪ICP备12345678号-1"
    assert f["公安备案号"].a["href"].endswith("code=31010102000001")
    assert f["电子邮箱"].a["href"] == "mailto:zx@example.org"
    assert f["网站标识码"].a is None and text(f["网站标识码"]).endswith("3101010001")


# --- share cards and canonical links -----------------------------------------


def test_item_pages_have_canonical_url_and_a_share_card(sample_site):
    soup = page(sample_site, "proposals/2023/0110")
    url = f"{BASE}/proposals/2023/0110/"
    assert soup.find("link", rel="canonical")["href"] == url
    assert og(soup, "og:url") == url and og(soup, "og:type") == "article"
    assert og(soup, "og:title") == soup.h1.get_text(strip=True)
    assert og(soup, "og:site_name") == "黄浦政协提案全周期公开" and og(soup, "og:locale") == "zh_CN"
    desc = og(soup, "og:description")
    assert desc.startswith("2023年第0110号提案 · 已办结 · 重点提案 · 提案者：民盟黄浦区委。")  # key: true in its file
    assert soup.find("meta", attrs={"name": "description"})["content"] == desc
    image = og(soup, "og:image")
    assert image == f"{BASE}/theme/img/share.png"
    assert (sample_site / "theme/img/share.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert og(soup, "og:image:width") == "1200" and og(soup, "og:image:height") == "630"
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"


def test_listing_and_plugin_pages_have_canonical_urls(sample_site):
    for url in ("", "proposals/", "status/assigned/", "feeds/", "data/"):
        soup = page(sample_site, url)
        assert soup.find("link", rel="canonical")["href"] == f"{BASE}/{url}", url
        assert og(soup, "og:type") == "website"
        assert og(soup, "og:description")


def test_share_card_never_carries_withheld_text(sample_site):
    source = (ROOT / "content/proposals/2024/0104.md").read_text(encoding="utf-8")
    body = source.split("---", 2)[2]
    secret = max((line.strip() for line in body.splitlines()), key=len)
    assert len(secret) > 10
    soup = page(sample_site, "proposals/2024/0104")
    desc = og(soup, "og:description")
    assert desc.startswith("2024年第0104号提案")
    assert secret[:10] not in desc
    assert secret[:10] not in str(soup.head)
    summary = page(sample_site, "proposals/2024/0067")
    assert "提案建议从扩大重点项目事前绩效评估范围" in og(summary, "og:description")


def test_share_image_from_the_content_folder_is_published(tmp_path):
    png = (ROOT / "themes/gongkai/static/img/apple-touch-icon.png").read_bytes()
    content = write_tree(tmp_path / "content", {"site.yaml": site_yaml(share_image="images/card.png"),
                                                "images/card.png": png, **dict([proposal()])})
    out = tmp_path / "out"
    assert build(content, out).returncode == 0
    assert og(page(out, "proposals/2026/0001"), "og:image") == f"{BASE}/share/card.png"
    assert (out / "share/card.png").read_bytes() == png  # a folder of its own: never over a generated file


# --- sitemap, robots, 404, favicon --------------------------------------------


def test_sitemap_validates_and_lists_every_item_page(sample_site):
    data = (sample_site / "sitemap.xml").read_bytes()
    assert sitemap_errors(data) == []
    locs = sitemap_locs(sample_site)
    items = [p for p in (ROOT / "content/proposals").rglob("*.md")]
    for path in items:
        year, number = path.parent.name, path.stem
        assert f"{BASE}/proposals/{year}/{number}/" in locs
    for kind in ("responses", "announcements"):
        for path in (ROOT / "content" / kind).rglob("*.md"):
            rel = path.relative_to(ROOT / "content" / kind).as_posix()[:-3]
            assert f"{BASE}/{kind}/{rel}/" in locs, rel
    for listing in ("", "proposals/", "years/2023/", "status/assigned/", "categories/ecology/",
                    "units/fgw/", "announcements/", "announcements/kind/publicity/", "feeds/", "data/"):
        assert f"{BASE}/{listing}" in locs, listing
    assert not any("404" in loc or "/theme/" in loc for loc in locs)
    # every HTML page of the site except the 404 page is listed
    pages = [p for p in sample_site.rglob("*.html") if "theme" not in p.parts and p.name != "404.html"]
    assert len(locs) == len(pages)


def test_sitemap_lastmod_comes_from_the_content(sample_site):
    locs = sitemap_locs(sample_site)
    assert locs[f"{BASE}/announcements/2023/low-carbon-community-candidates-2023/"] == "2023-03-20"
    assert locs[f"{BASE}/responses/2023/0110-sthj/"] == "2023-05-18"  # the proposer's feedback, shown on it
    assert all(v is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) for v in locs.values())
    assert max(v for v in locs.values() if v) <= "2026-11-23"  # never after the build date


def test_sitemap_is_the_same_for_the_same_content(sample_site, tmp_path):
    again = tmp_path / "again"
    assert build(ROOT / "content", again).returncode == 0
    assert (again / "sitemap.xml").read_bytes() == (sample_site / "sitemap.xml").read_bytes()


def test_robots_txt_points_at_the_sitemap(sample_site):
    robots = (sample_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert f"Sitemap: {BASE}/sitemap.xml" in robots.splitlines()
    assert not re.search(r"^Disallow: /", robots, re.M)


def test_404_page_leads_home_and_is_not_indexed(sample_site):
    soup = page(sample_site, "404.html")
    assert soup.h1.get_text(strip=True) == "页面未找到"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.find("link", rel="canonical") is None
    hrefs = [a["href"] for a in soup.select("main a")]
    assert f"{BASE}/" in hrefs and f"{BASE}/proposals/" in hrefs
    # served at any missing path, so the stylesheet must not be relative
    assert soup.find("link", rel="stylesheet")["href"].startswith(("/", "http"))


def test_favicon_at_the_root_and_linked_from_pages(sample_site):
    ico = (sample_site / "favicon.ico").read_bytes()
    assert ico[:4] == b"\0\0\1\0"  # ICONDIR, type 1 = icon
    assert int.from_bytes(ico[4:6], "little") >= 2
    soup = page(sample_site, "")
    icons = {l["href"] for l in soup.find_all("link", rel="icon")}
    assert icons == {f"{BASE}/favicon.ico", f"{BASE}/theme/img/favicon.svg"}
    svg = (sample_site / "theme/img/favicon.svg").read_text(encoding="utf-8")
    assert etree.fromstring(svg.encode()).tag == "{http://www.w3.org/2000/svg}svg"
    assert (sample_site / "theme/img/apple-touch-icon.png").is_file()


def test_reading_aids_are_hidden_without_javascript(sample_site):
    soup = page(sample_site, "proposals/2023/0110")
    aids = soup.select_one("[data-reading-aids]")
    assert aids.has_attr("hidden")
    assert [b.get_text() for b in aids.select("button[data-text-size]")] == ["大", "中", "小"]
    assert aids.select_one("button[data-contrast]").get_text() == "高对比度"
    scripts = [s["src"] for s in soup.find_all("script", src=True)]
    assert f"{BASE}/theme/js/reading.js" in scripts
    assert (sample_site / "theme/js/reading.js").is_file()


# --- make publish / make upload -----------------------------------------------


def make(*args, env=None):
    full = {k: v for k, v in os.environ.items() if not k.startswith(("SSH_", "GONGKAI_SITE_URL", "SITEURL"))}
    full.update(env or {}, SOURCE_DATE_EPOCH="1795406400")
    # STAMP= keeps make from reinstalling the venv; PYTHON= uses the interpreter running the tests
    return subprocess.run(["make", "--no-print-directory", *args, "STAMP=", f"PYTHON={sys.executable}"],
                          cwd=ROOT, capture_output=True, text=True, env=full, timeout=300)


needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


@needs_make
def test_make_publish_needs_the_public_address():
    result = make("publish", "OUTPUTDIR=/nonexistent/never-written")
    assert result.returncode != 0
    assert "SITEURL" in result.stderr
    assert not Path("/nonexistent/never-written").exists()


@needs_make
def test_make_upload_refuses_without_a_host():
    result = make("upload", "SITEURL=https://zx.example.org")
    assert result.returncode != 0
    assert "SSH_HOST" in result.stderr and "SSH_TARGET_DIR" in result.stderr
    assert "build.py" not in result.stdout  # nothing was built


@needs_make
def test_make_upload_publishes_then_copies_output_with_rsync(tmp_path):
    out = tmp_path / "public"
    result = make("upload", "SITEURL=https://zx.example.org", f"OUTPUTDIR={out}", "RSYNC=echo rsync",
                  "SSH_HOST=www1.example.org", "SSH_USER=deploy", "SSH_PORT=2222", "SSH_TARGET_DIR=/srv/www/zx")
    assert result.returncode == 0, result.stderr
    line = [l for l in result.stdout.splitlines() if l.startswith("rsync ")][-1]
    assert line == f"rsync -e ssh -p 2222 -P -rvzc --cvs-exclude --delete {out}/ deploy@www1.example.org:/srv/www/zx"
    # the copied folder is a published build: absolute public links everywhere
    assert "Sitemap: https://zx.example.org/sitemap.xml" in (out / "robots.txt").read_text(encoding="utf-8")
    soup = page(out, "proposals/2023/0110")
    assert soup.find("link", rel="canonical")["href"] == "https://zx.example.org/proposals/2023/0110/"
    assert b"https://zx.example.org/proposals/" in (out / "feeds/all.atom.xml").read_bytes()
