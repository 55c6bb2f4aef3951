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
from support.gitrepo import commit, new_repo
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


def test_check_and_build_report_a_mistake_in_a_registered_kind_with_file_line_and_key(tmp_path):
    root = content(tmp_path)
    (root / "bulletins/2026/q3.md").write_text(BULLETIN[1].replace("2026-10-08", "2026-13-08"), encoding="utf-8")
    (root / "bulletins/2026/q3.markdown").write_text(BULLETIN[1], encoding="utf-8")
    wrong_date = "bulletins/2026/q3.md:3 [date] 「2026-13-08」 错误：日期无效：没有 13 月。"
    twice = "bulletins/2026/q3.markdown 「2026/q3」 错误：简报编号 2026/q3 重复（另见 bulletins/2026/q3.md）。"
    checked = run_cli("check", "--content", str(root), "--settings", str(SETTINGS))
    built = build(root, tmp_path / "output", SITE_URL, settings=SETTINGS)
    for result in (checked, built):
        assert result.returncode == 1
        assert wrong_date in result.stderr and twice in result.stderr and "提案编号" not in result.stderr
        assert "Duplicate bulletin id 2026/q3 (also in bulletins/2026/q3.md)" in result.stderr
    assert "网站没有生成" in built.stderr and not (tmp_path / "output").exists()


def test_new_refuses_a_kind_it_does_not_write_and_names_the_registered_ones(tmp_path):
    root = content(tmp_path)
    registered = run_cli("new", "bulletin", "--content", str(root), "--settings", str(SETTINGS))
    assert registered.returncode == 2
    assert "build.py new 不能新建简报（bulletin）：请复制 bulletins/ 中的一个文件，改名后修改。" in registered.stderr
    assert "proposal（提案）、response（答复）、announcement（公告）" in registered.stderr
    unknown = run_cli("new", "bulletin", "--content", str(root))  # without the settings registering it
    assert unknown.returncode == 2
    assert ("没有名为 bulletin 的内容类型。已注册的内容类型：proposal（提案）、response（答复）、announcement（公告）"
            in unknown.stderr)
    assert "The registered kinds are proposal, response, announcement" in unknown.stderr
    typo = run_cli("new", "bulletn", "--settings", str(SETTINGS))
    assert typo.returncode == 2 and "是不是要写 bulletin？" in typo.stderr and "bulletin（简报）" in typo.stderr
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md")) == [
        "bulletins/2026/q3.md", "proposals/2026/0001.md"]  # nothing written


def test_a_registered_kind_shows_its_history_by_its_own_key_names(tmp_path):
    """The 修改记录 of a bulletin names what changed by the bulletin's Chinese key names, and a
    version that wrote 标题 for title changed nothing. The search page offers the bulletin's year."""
    repo = new_repo(tmp_path / "repo")
    root = content(repo)
    commit(repo, "Publish the bulletin", "2026-10-08T09:00:00+08:00")
    (root / "bulletins/2026/q3.md").write_text(
        f"---\n标题: {TITLE}\n日期: 2025-10-09\n---\n\n本季度共办复提案十二件，满意率较上季度提高。\n", encoding="utf-8")
    commit(repo, "Correct the bulletin's date", "2026-10-10T09:00:00+08:00")
    out = tmp_path / "output"
    result = build(root, out, SITE_URL, settings=SETTINGS)
    assert result.returncode == 0, result.stdout + result.stderr

    page = BeautifulSoup((out / "bulletins/2026/q3/index.html").read_text(encoding="utf-8"), "html.parser")
    changes = page.select("section.history li.change")
    assert [c.select_one(".change-what").get_text(strip=True) if c.select_one(".change-what") else ""
            for c in changes] == ["（日期）", ""]
    search = BeautifulSoup((out / "search/index.html").read_text(encoding="utf-8"), "html.parser")
    assert [o.get_text() for o in search.select("select#filter-year option")] == ["全部", "2026年", "2025年"]


def test_a_rebuild_follows_an_edit_to_a_registered_kinds_code_or_template(tmp_path):
    """A kind registered through DISCLOSURE_KINDS lives outside plugins/ and its template outside
    the theme (THEME_TEMPLATES_OVERRIDES): editing either changes its page at the next build, as
    editing plugins/ or the theme does (the build's fingerprint covers them all)."""
    import shutil

    support = ROOT / "tests/support"
    mine = tmp_path / "mine"
    (mine / "templates").mkdir(parents=True)
    shutil.copyfile(support / "testkind.py", mine / "mykind.py")
    shutil.copyfile(support / "testkind_templates/bulletin.html", mine / "templates/bulletin.html")
    settings = mine / "settings.py"
    settings.write_text(
        "import os, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r}); sys.path.insert(0, {str(mine)!r})\n"
        "from pelicanconf import *  # noqa\n"
        "import mykind\n"
        "DISCLOSURE_KINDS = mykind.kinds()\n"
        f"THEME_TEMPLATES_OVERRIDES = [{str(mine / 'templates')!r}]\n", encoding="utf-8")
    root, out = content(tmp_path), tmp_path / "output"
    page = out / "bulletins/2026/q3/index.html"
    assert build(root, out, SITE_URL, settings=settings).returncode == 0

    template = mine / "templates/bulletin.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        '<article class="bulletin">', '<article class="bulletin"><p class="kicker">本期简报</p>'), encoding="utf-8")
    result = build(root, out, SITE_URL, settings=settings)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "本期简报" in page.read_text(encoding="utf-8")

    code = mine / "mykind.py"
    code.write_text(code.read_text(encoding="utf-8").replace('"page_title": b.title', '"page_title": "简报 " + b.title'),
                    encoding="utf-8")
    result = build(root, out, SITE_URL, settings=settings)
    assert result.returncode == 0, result.stdout + result.stderr
    title = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("title").get_text()
    assert title.startswith(f"简报 {TITLE}"), title


def test_a_settings_file_that_cannot_be_read_is_named_not_a_traceback(tmp_path):
    """`check --settings` (which reads the kinds a site registers) names the settings file and
    what is wrong with it, in Chinese and English, and checks nothing (exit 2)."""
    root = content(tmp_path)
    broken = tmp_path / "broken.py"
    broken.write_text("import os\nDISCLOSURE_KINDS = (\n", encoding="utf-8")
    for settings in (tmp_path / "missing.py", broken):
        for command in (["check", "--content", str(root)], ["new", "bulletin", "--content", str(root)]):
            result = run_cli(*command, "--settings", str(settings))
            assert result.returncode == 2, result.stdout + result.stderr
            assert "Traceback" not in result.stderr, result.stderr
            assert f"无法读取设置文件 {settings}" in result.stderr and f"Cannot read the settings file {settings}" \
                in result.stderr, result.stderr


def test_a_registered_kind_whose_feed_item_links_to_a_place_on_its_page_builds(tmp_path):
    """A kind's feed item may link into its page (an #anchor), not just to kind.url: the feed
    still finds the entry the item came from (the build used to stop with a KeyError)."""
    import shutil

    support = ROOT / "tests/support"
    mine = tmp_path / "mine"
    mine.mkdir()
    code = (support / "testkind.py").read_text(encoding="utf-8")
    old = 'title=f"简报：{b.title}", url=bulletin_url(b),'
    assert old in code
    (mine / "mykind.py").write_text(code.replace(old, 'title=f"简报：{b.title}", url=bulletin_url(b) + "#summary",'),
                                    encoding="utf-8")
    (mine / "settings.py").write_text(
        "import os, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r}); sys.path.insert(0, {str(mine)!r})\n"
        "from pelicanconf import *  # noqa\n"
        "import mykind\n"
        "DISCLOSURE_KINDS = mykind.kinds()\n"
        f"THEME_TEMPLATES_OVERRIDES = [{str(support / 'testkind_templates')!r}]\n", encoding="utf-8")
    shutil.rmtree(mine / "__pycache__", ignore_errors=True)
    out = tmp_path / "output"
    result = build(content(tmp_path), out, SITE_URL, settings=mine / "settings.py")
    assert result.returncode == 0, result.stdout + result.stderr
    feed = parse_feed((out / "feeds/all.atom.xml").read_bytes())
    assert [e.title for e in feed.entries if e.link == f"{SITE_URL}/bulletins/2026/q3/#summary"] == [f"简报：{TITLE}"]
