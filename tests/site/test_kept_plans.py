"""What a rebuild keeps from the last build for its plans (each item's sitemap date and URL, each
body's store key) is made again whenever what it stands for changes: the build date crossing a
date the item shows, an edited entry, an edited body. Ground truth is the content's own dates
and text, and a cold build of the same content."""
import re
import shutil

from conftest import SOURCE_DATE_EPOCH, assigned_proposal, front_matter, response, run_cli, site_yaml, write_tree

SITE_URL = "https://zx.example.org"
DAY = 86400  # SOURCE_DATE_EPOCH is 2026-11-23
PROPOSAL = "https://zx.example.org/proposals/2026/0001/"


def build_on(content, out, days_later):
    env = {"SOURCE_DATE_EPOCH": str(int(SOURCE_DATE_EPOCH) + days_later * DAY)}
    result = run_cli("build", "--content", str(content), "--output", str(out), "--site-url", SITE_URL, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def lastmod(out, loc):
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    found = re.search(rf"<loc>{re.escape(loc)}</loc><lastmod>([^<]+)</lastmod>", sitemap)
    return found and found.group(1)


def same_as_cold(content, out, tmp_path, days, label):
    cold = tmp_path / f"cold-{label}"
    build_on(content, cold, days)
    a = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    b = {p.relative_to(cold).as_posix(): p.read_bytes() for p in cold.rglob("*") if p.is_file()}
    assert sorted(a) == sorted(b), (label, set(a) ^ set(b))
    assert [rel for rel in a if a[rel] != b[rel]] == [], label


def test_a_kept_sitemap_date_changes_with_the_build_date_and_the_entry(tmp_path):
    reply_path, reply = response("2026-0001", date="2026-11-24")  # tomorrow: shown from its day on
    content = write_tree(tmp_path / "content", {
        "site.yaml": site_yaml(),
        **dict([assigned_proposal("0001", due="2026-12-31"), (reply_path, reply)])})
    out = tmp_path / "site"

    build_on(content, out, 0)
    assert lastmod(out, PROPOSAL) == "2026-02-10"  # assigned; the reply is not shown yet

    build_on(content, out, 1)  # the build date reaches the reply's date
    assert lastmod(out, PROPOSAL) == "2026-11-24"
    same_as_cold(content, out, tmp_path, 1, "reply-day")

    # the reply corrected (修改日期) the next day: the proposal shows the change
    (content / reply_path).write_text(reply.replace("result: A", "result: A\nupdated: 2026-11-25"), encoding="utf-8")
    build_on(content, out, 2)
    assert lastmod(out, PROPOSAL) == "2026-11-25"
    same_as_cold(content, out, tmp_path, 2, "corrected")


def test_an_edited_body_of_the_same_length_shows_its_new_text(tmp_path):
    """The body's store key is kept by its file's hash (the same length, other words): the page
    shows the new text, as a cold build does."""
    path, text = assigned_proposal("0001", body="建议加快推进老旧小区改造。")
    content = write_tree(tmp_path / "content", {"site.yaml": site_yaml(), path: text})
    out = tmp_path / "site"
    build_on(content, out, 0)
    page = out / "proposals/2026/0001/index.html"
    assert "老旧小区改造" in page.read_text(encoding="utf-8")

    (content / path).write_text(text.replace("老旧小区改造", "背街小巷整治"), encoding="utf-8")
    build_on(content, out, 0)
    shown = page.read_text(encoding="utf-8")
    assert "背街小巷整治" in shown and "老旧小区改造" not in shown
    same_as_cold(content, out, tmp_path, 0, "edited-body")


def test_a_copied_content_folder_keeps_nothing_wrong(tmp_path):
    """Two sites built into one cache one after the other: a file of the same path and length but
    other bytes never takes the other's kept key or date."""
    first = write_tree(tmp_path / "a", {"site.yaml": site_yaml(), **dict([
        assigned_proposal("0001", body="甲方案正文。"), response("2026-0001", date="2026-03-01")])})
    second = tmp_path / "b"
    shutil.copytree(first, second)
    path, text = assigned_proposal("0001", body="乙方案正文。")
    (second / path).write_text(text, encoding="utf-8")
    reply_path, reply = response("2026-0001", date="2026-03-02")
    (second / reply_path).write_text(reply, encoding="utf-8")
    out = tmp_path / "site"
    build_on(first, out, 0)
    assert lastmod(out, PROPOSAL) == "2026-03-01"
    build_on(second, out, 0)
    assert lastmod(out, PROPOSAL) == "2026-03-02"
    assert "乙方案正文" in (out / "proposals/2026/0001/index.html").read_text(encoding="utf-8")
    same_as_cold(second, out, tmp_path, 0, "other-site")


def test_kept_story_plans_follow_every_file_of_the_story(tmp_path):
    """Each proposal's story plan (its files' hash, its records' dates, its 公示 notices) is kept by
    every file's hash: the next day reuses it and works out only what the date decides; a notice
    added, a reply edited or a proposal withheld makes it again. Each step equals a cold build."""
    reply_path, reply = response("2026-0001", date="2026-11-20")
    content = write_tree(tmp_path / "content", {
        "site.yaml": site_yaml(),
        **dict([assigned_proposal("0001", due="2026-12-31"), (reply_path, reply),
                assigned_proposal("0002", due="2026-11-25")])})
    out = tmp_path / "site"
    page = out / "proposals/2026/0001/index.html"
    build_on(content, out, 0)
    build_on(content, out, 1)  # the plans of day 0, the date worked out anew (0002's days left)
    same_as_cold(content, out, tmp_path, 1, "next-day")

    # a 公示 naming 0001, open from tomorrow: a new file in its story, whose window makes it daily
    notice = front_matter({"title": "公示：老旧小区改造项目", "date": "2026-11-25", "kind": "publicity",
                           "until": "2026-11-30", "related": ["2026-0001"]}, "公示内容。")
    (content / "announcements/2026").mkdir(parents=True)
    (content / "announcements/2026/notice.md").write_text(notice, encoding="utf-8")
    build_on(content, out, 1)
    assert "老旧小区改造项目" in page.read_text(encoding="utf-8")
    same_as_cold(content, out, tmp_path, 1, "notice-added")
    build_on(content, out, 2)  # the notice's window opens: the kept plan names it
    same_as_cold(content, out, tmp_path, 2, "notice-open")

    # the reply's class edited: a file of the story changed, nothing else
    (content / reply_path).write_text(reply.replace("result: A", "result: B"), encoding="utf-8")
    build_on(content, out, 2)
    same_as_cold(content, out, tmp_path, 2, "reply-edited")

    # the reply withheld: its story is no longer kept, and the site shows what a cold build shows
    (content / reply_path).write_text(reply.replace("result: A", "result: B\ndisclosure: withheld"), encoding="utf-8")
    build_on(content, out, 3)
    same_as_cold(content, out, tmp_path, 3, "reply-withheld")
