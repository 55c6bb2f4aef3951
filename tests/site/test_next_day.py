"""The next day (only the build date changed): the pages that show date-dependent text are
made again, every other page is reused, and the output is byte for byte a cold build's."""
import re
import shutil

from bs4 import BeautifulSoup

from conftest import ROOT, SOURCE_DATE_EPOCH, run_cli
from gongkai_build import manifest as manifests

SITE_URL = "https://zx.example.org"
DAY = 86400
# Text that changes with the date alone (the templates' words, read off the pages)
DAY_COUNT = re.compile(r"还剩 \d+ 天|(?<!已)逾期 \d+ 天(?!后)|已逾期 \d+ 天|还有 \d+ 天截止|今天截止|尚未开始")


def build_on(content, out, days_later):
    env = {"SOURCE_DATE_EPOCH": str(int(SOURCE_DATE_EPOCH) + days_later * DAY)}
    result = run_cli("build", "--content", str(content), "--output", str(out), "--site-url", SITE_URL, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def files(out):
    return {p.relative_to(out).as_posix(): p for p in sorted(out.rglob("*")) if p.is_file()}


def text(data: bytes) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(data.decode("utf-8"), "html.parser").get_text(" "))


def test_a_date_only_rebuild_remakes_only_date_dependent_pages(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    out = tmp_path / "site"
    build_on(content, out, 0)
    before = {rel: (p.stat().st_ino, p.read_bytes()) for rel, p in files(out).items()}
    manifest = manifests.read(tmp_path / ".gongkai-cache/site" / manifests.NAME)
    reusable = {rel for rel in manifest["files"] if rel.endswith(".html")}

    for days in (1, 2, 40):  # the next day, the day after, and past deadlines and 公示 windows
        build_on(content, out, days)
        after = files(out)
        remade = {rel for rel in reusable if rel in after and after[rel].stat().st_ino != before[rel][0]}
        kept = reusable - remade
        # a page made again shows something new today (a day count, 数据截至 …): nothing is remade for nothing
        same = [rel for rel in remade if after[rel].read_bytes() == before[rel][1]]
        assert same == [], (days, same[:10])
        # a page that shows a day count is made again; one that is kept shows none
        assert not [rel for rel in kept if DAY_COUNT.search(text(before[rel][1]))], days
        assert kept and remade, (days, len(kept), len(remade))
        if days == 1:
            assert "proposals/2024/0078/index.html" in kept  # a closed proposal
            # feeds, JSON twins and search bundles show no day count: a proposal's stay as they were
            records = [rel for rel in manifest["files"] if rel.startswith(("feeds/proposals/", "proposals/"))
                       and not rel.endswith(".html") and rel in after and after[rel].stat().st_ino != before[rel][0]]
            assert records == []
            overdue = [rel for rel in remade if "逾期" in text(after[rel].read_bytes())]
            assert overdue

        cold = tmp_path / f"cold-{days}"
        build_on(content, cold, days)
        a, b = files(out), files(cold)
        assert sorted(a) == sorted(b), (days, set(a) ^ set(b))
        differ = [rel for rel in a if a[rel].read_bytes() != b[rel].read_bytes()]
        assert differ == [], (days, differ[:10])
        before = {rel: (p.stat().st_ino, p.read_bytes()) for rel, p in after.items()}
        manifest = manifests.read(tmp_path / ".gongkai-cache/site" / manifests.NAME)
        reusable = {rel for rel in manifest["files"] if rel.endswith(".html")}


def test_a_page_whose_dates_lie_ahead_changes_on_that_day(tmp_path):
    """No day count, but a reply dated tomorrow (published from its day) and a 公示 that ends
    tomorrow: the reused pages of today must not survive into tomorrow's site."""
    from conftest import assigned_proposal, response, site_yaml, write_tree, front_matter

    notice = front_matter({"title": "公示：测试项目", "date": "2026-11-01", "kind": "publicity",
                           "until": "2026-11-24"}, "公示内容。")
    content = write_tree(tmp_path / "content", {
        "site.yaml": site_yaml(),
        **dict([assigned_proposal("0001", due="2026-12-31"), response("2026-0001", date="2026-11-24"),
                assigned_proposal("0002", closed="2026-05-01"), response("2026-0002", date="2026-04-01"),
                ("announcements/2026/notice.md", notice)])})
    out = tmp_path / "site"
    build_on(content, out, 0)
    for days in (1, 2):
        build_on(content, out, days)
        cold = tmp_path / f"cold-{days}"
        build_on(content, cold, days)
        a, b = files(out), files(cold)
        assert sorted(a) == sorted(b), (days, set(a) ^ set(b))
        differ = [rel for rel in a if a[rel].read_bytes() != b[rel].read_bytes()]
        assert differ == [], (days, differ[:10])
