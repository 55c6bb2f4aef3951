"""Attachments (附件): real PDF, Word, Excel and PNG files, a real CLI build, every output read as its client reads it.

Ground truth is the fixture files: their bytes, sizes and the words written into them here.
docs/content-model.md: an attachment is published unchanged at <entry url>attachments/<name>,
listed with its type and size, in the JSON twin, as a feed enclosure and in the search; a
withheld or summary entry publishes only the attachments marked `public: true`.
"""
from __future__ import annotations

import itertools
import json
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import assigned_proposal, build, front_matter, run_cli, site_yaml, write_tree
from tests.support.documents import write_docx, write_pdf, write_png, write_scan_pdf, write_xlsx
from tests.support.feedcheck import atom_errors
from tests.support.outputs import read_outputs, reader_of
from test_stats_site import errors as schema_errors

SITE_URL = "https://zx.example.org"
_rare = itertools.count(0x3400)  # CJK Extension A: no template or other text uses these


def words(n: int = 6) -> str:
    return "".join(chr(next(_rare)) for _ in range(n))


DOCX_WORDS, PDF_WORDS, XLSX_WORDS = words(), words(), words()
SECRET_WORDS, OPEN_WORDS, SUMMARY_SECRET = words(), words(), words()


def reply(number, unit="fgw", **fields):
    meta = {"proposal": f"2026-{number}", "unit": unit, "role": "lead", "date": "2026-04-01", "result": "A", **fields}
    return f"responses/2026/{number}-{unit}.md", front_matter(meta, "答复正文。")


def fixture_tree(root: Path) -> Path:
    files = dict([
        assigned_proposal("0001", attachments=[{"file": "调研报告.docx", "title": "调研报告"}]),
        assigned_proposal("0002"),
        reply("0001", attachments=[{"file": "files/2026/fgw-letter.pdf", "title": "答复函（盖章件）"}]),
        reply("0002", disclosure="withheld", attachments=[
            {"file": "secret-letter.pdf", "title": "内部意见"},
            {"file": "open-letter.pdf", "title": "公开的答复函", "public": True}]),
        ("announcements/2026/list.md", front_matter(
            {"title": "名单公示", "date": "2026-05-01", "kind": "publicity", "until": "2026-05-08",
             "附件": [{"file": "名单.xlsx", "标题": "名单"}, {"file": "photo.png", "title": "现场照片"}]}, "公示正文。")),
        ("announcements/2026/brief.md", front_matter(
            {"title": "摘要公开的公告", "date": "2026-05-02", "kind": "news", "disclosure": "summary",
             "summary": "只公开摘要。", "attachments": ["brief-detail.docx"]}, "不公开的正文。")),
    ])
    write_tree(root, {"site.yaml": site_yaml(), **files})
    write_docx(root / "proposals/2026/调研报告.docx", [f"调研报告：{DOCX_WORDS}"])
    (root / "files/2026").mkdir(parents=True)
    write_pdf(root / "files/2026/fgw-letter.pdf", [f"答复函：{PDF_WORDS}"])
    write_pdf(root / "responses/2026/secret-letter.pdf", [f"内部：{SECRET_WORDS}"])
    write_pdf(root / "responses/2026/open-letter.pdf", [f"公开：{OPEN_WORDS}"])
    write_xlsx(root / "announcements/2026/名单.xlsx", [["姓名", "小区"], ["某某", XLSX_WORDS]])
    write_png(root / "announcements/2026/photo.png")
    write_docx(root / "announcements/2026/brief-detail.docx", [f"细节：{SUMMARY_SECRET}"])
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("attachments")
    content = fixture_tree(base / "content")
    out = base / "output"
    result = build(content, out, SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    return content, out


def kib(path: Path) -> str:
    """What the page says of a file under 1 MB: its size in KB, rounded (docs/content-model.md)."""
    return f"{round(os.path.getsize(path) / 1024)} KB"


PUBLISHED = [  # (entry page, file in content, title, type shown, media type)
    ("proposals/2026/0001/", "proposals/2026/调研报告.docx", "调研报告", "Word",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("responses/2026/0001-fgw/", "files/2026/fgw-letter.pdf", "答复函（盖章件）", "PDF", "application/pdf"),
    ("responses/2026/0002-fgw/", "responses/2026/open-letter.pdf", "公开的答复函", "PDF", "application/pdf"),
    ("announcements/2026/list/", "announcements/2026/名单.xlsx", "名单", "Excel",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("announcements/2026/list/", "announcements/2026/photo.png", "现场照片", "PNG 图片", "image/png"),
]


@pytest.mark.parametrize("page, source, title, shown, media", PUBLISHED)
def test_attachment_is_listed_on_its_page_and_published_unchanged(site, page, source, title, shown, media):
    content, out = site
    soup = BeautifulSoup((out / page / "index.html").read_bytes(), "html.parser")
    section = soup.find("section", attrs={"aria-labelledby": "attachments"})
    assert section is not None and section.h2.get_text() == "附件"
    link = next(a for a in section.find_all("a") if a.get_text() == title)
    name = source.rsplit("/", 1)[-1]
    path = unquote(urlsplit(link["href"]).path)
    assert path == f"/{page}attachments/{name}"
    size = f"{os.path.getsize(content / source)} 字节" if os.path.getsize(content / source) < 1024 else kib(content / source)
    assert f"{title} （{shown}，{size}）" in " ".join(link.parent.get_text().split())
    assert (out / path.lstrip("/")).read_bytes() == (content / source).read_bytes()


@pytest.mark.parametrize("page, source, title, shown, media", PUBLISHED)
def test_attachment_is_in_the_json_twin(site, page, source, title, shown, media):
    content, out = site
    twin = json.loads((out / page / "index.json").read_text(encoding="utf-8"))
    found = [a for a in twin["attachments"] if a["title"] == title]
    name = source.rsplit("/", 1)[-1]
    assert len(found) == 1
    assert unquote(found[0]["url"]) == f"{SITE_URL}/{page}attachments/{name}"
    assert found[0]["type"] == media and found[0]["bytes"] == os.path.getsize(content / source)
    kind = page.split("/")[0].rstrip("s")
    assert schema_errors(out, f"{kind}.schema.json", twin) == []  # the published schema describes them


def test_feeds_carry_attachments_as_enclosures(site):
    content, out = site
    atom = feedparser.parse((out / "feeds/all.atom.xml").read_bytes())
    assert atom_errors((out / "feeds/all.atom.xml").read_bytes()) == []  # valid Atom with its enclosure links
    rss = feedparser.parse((out / "feeds/all.rss.xml").read_bytes())
    for page, source, _, _, media in PUBLISHED:
        if page.startswith("proposals/"):
            continue  # the proposal's attachments ride on its 提交 item, checked below
        url = f"{SITE_URL}/{page}attachments/{source.rsplit('/', 1)[-1]}"
        item = next(e for e in atom.entries if e.link == f"{SITE_URL}/{page}")
        enclosures = {unquote(x.href): x for x in item.enclosures}
        assert url in enclosures, (page, list(enclosures))
        assert int(enclosures[url].length) == os.path.getsize(content / source) and enclosures[url].type == media
    submitted = [e for e in atom.entries if e.link == f"{SITE_URL}/proposals/2026/0001/" and e.enclosures]
    assert submitted and unquote(submitted[0].enclosures[0].href).endswith("/attachments/调研报告.docx")
    announcement = next(e for e in rss.entries if e.link == f"{SITE_URL}/announcements/2026/list/")
    assert len(announcement.enclosures) == 1  # RSS allows one: the first
    assert unquote(announcement.enclosures[0].href) == f"{SITE_URL}/announcements/2026/list/attachments/名单.xlsx"
    # ... so the item's HTML links every attachment, with its title
    links = {a.get_text(): unquote(a["href"]) for a in BeautifulSoup(announcement.description, "html.parser").find_all("a")}
    assert links["名单"] == f"{SITE_URL}/announcements/2026/list/attachments/名单.xlsx"
    assert links["现场照片"] == f"{SITE_URL}/announcements/2026/list/attachments/photo.png"


def test_attachment_text_is_searchable(site):
    _, out = site
    index = "\n".join(text for rel, text in read_outputs(out) if reader_of(rel) == "pagefind-fragment")
    for phrase in (DOCX_WORDS, PDF_WORDS, XLSX_WORDS, OPEN_WORDS):
        assert phrase in index, phrase


def test_withheld_and_summary_entries_publish_no_private_attachment(site):
    content, out = site
    hidden = [content / "responses/2026/secret-letter.pdf", content / "announcements/2026/brief-detail.docx"]
    hidden_bytes = {p.read_bytes() for p in hidden}
    for rel, file in ((p.relative_to(out).as_posix(), p) for p in out.rglob("*") if p.is_file()):
        assert file.read_bytes() not in hidden_bytes, rel
    for rel, text in read_outputs(out):
        for leak in (SECRET_WORDS, SUMMARY_SECRET, "secret-letter", "brief-detail", "内部意见"):
            assert leak not in text, (leak, rel)
    # the attachment marked public is published although its reply is withheld
    assert (out / "responses/2026/0002-fgw/attachments/open-letter.pdf").is_file()


def check(content):
    """The check command's exit code and everything it printed (problems go to stderr)."""
    result = run_cli("check", "--content", str(content))
    result.stdout = result.stdout + result.stderr
    return result


def bad_tree(tmp_path, attachments, make=None):
    root = tmp_path / "content"
    write_tree(root, {"site.yaml": site_yaml(), **dict([assigned_proposal("0001", attachments=attachments)])})
    if make:
        make(root / "proposals/2026")
    return root


def test_missing_file_is_an_error_naming_file_and_line(tmp_path):
    root = bad_tree(tmp_path, [{"file": "没有这个文件.pdf"}])
    result = check(root)
    assert result.returncode == 1
    lines = (root / "proposals/2026/0001.md").read_text(encoding="utf-8").split("\n")
    line = next(i for i, text in enumerate(lines, 1) if "没有这个文件.pdf" in text)
    assert f"proposals/2026/0001.md:{line} [attachments[1].file] 「没有这个文件.pdf」 错误：找不到附件文件" in result.stdout
    assert "The attachment file does not exist" in result.stdout


def test_a_link_out_of_the_content_folder_is_an_error(tmp_path):
    outside = write_pdf(tmp_path / "elsewhere.pdf", ["外面的文件"])
    root = bad_tree(tmp_path, [{"file": "link.pdf"}], lambda d: os.symlink(outside, d / "link.pdf"))
    result = check(root)
    assert result.returncode == 1 and "附件在内容文件夹之外" in result.stdout, result.stdout


@pytest.mark.parametrize("name, data", [("notes.txt", b"plain text"), ("fake.pdf", b"<html>not a pdf</html>"),
                                        ("fake.docx", b"PK\x03\x04 not really a zip")])
def test_a_type_not_allowed_is_an_error(tmp_path, name, data):
    root = bad_tree(tmp_path, [{"file": name}], lambda d: (d / name).write_bytes(data))
    result = check(root)
    assert result.returncode == 1
    assert f"「{name}」 错误：" in result.stdout and ("网站不发布这种类型的附件" in result.stdout
                                                   or "附件内容与扩展名不符" in result.stdout), result.stdout


def test_a_scanned_pdf_gets_a_warning_that_it_cannot_be_searched(tmp_path):
    root = bad_tree(tmp_path, [{"file": "scan.pdf"}], lambda d: write_scan_pdf(d / "scan.pdf"))
    result = check(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "「scan.pdf」 警告：这个 PDF 没有文字层" in result.stdout


def test_a_changed_attachment_is_republished_by_an_incremental_build(tmp_path):
    from tests.site.test_incremental import assert_same_as_cold
    content = fixture_tree(tmp_path / "content")
    out = tmp_path / "site"
    assert build(content, out, SITE_URL).returncode == 0
    write_docx(content / "proposals/2026/调研报告.docx", ["调研报告：改过的内容，篇幅也更长了一些。" * 20])
    assert_same_as_cold(content, out, tmp_path, "changed-attachment")
    assert (out / "proposals/2026/0001/attachments/调研报告.docx").read_bytes() == \
        (content / "proposals/2026/调研报告.docx").read_bytes()


def test_a_hostile_title_and_file_name_are_shown_as_text(tmp_path):
    """Titles and names are staff-written: escaped on the page and in the feed, the name percent-encoded."""
    title = '<img src=x onerror="alert(1)">答复函'
    root = tmp_path / "content"
    write_tree(root, {"site.yaml": site_yaml(), **dict([
        assigned_proposal("0001"), reply("0001", attachments=[{"file": "a\"b<c>#?.pdf", "title": title}])])})
    write_pdf(root / "responses/2026/a\"b<c>#?.pdf", ["正文"])
    out = tmp_path / "out"
    result = build(root, out, SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    page = BeautifulSoup((out / "responses/2026/0001-fgw/index.html").read_bytes(), "html.parser")
    section = page.find("section", attrs={"aria-labelledby": "attachments"})
    assert section.find("img") is None and section.a.get_text() == title
    assert (out / unquote(urlsplit(section.a["href"]).path).lstrip("/")).read_bytes() == \
        (root / "responses/2026/a\"b<c>#?.pdf").read_bytes()
    feed = feedparser.parse((out / "feeds/all.atom.xml").read_bytes())
    item = next(e for e in feed.entries if e.link == f"{SITE_URL}/responses/2026/0001-fgw/")
    assert BeautifulSoup(item.content[0].value, "html.parser").find("img") is None
    assert title in BeautifulSoup(item.content[0].value, "html.parser").get_text()


def test_an_entry_that_becomes_withheld_takes_its_attachment_down(tmp_path):
    from tests.site.test_incremental import assert_same_as_cold
    content = fixture_tree(tmp_path / "content")
    out = tmp_path / "site"
    assert build(content, out, SITE_URL).returncode == 0
    published = out / "responses/2026/0001-fgw/attachments/fgw-letter.pdf"
    assert published.is_file()
    entry = content / "responses/2026/0001-fgw.md"
    entry.write_text(entry.read_text(encoding="utf-8").replace("result: A\n", "result: A\ndisclosure: withheld\n"),
                     encoding="utf-8")
    assert_same_as_cold(content, out, tmp_path, "withheld")
    assert not published.exists()
    assert not any(PDF_WORDS in text for _, text in read_outputs(out))


@pytest.mark.parametrize("change", ["not-public-any-more", "taken-off-the-list"])
def test_an_attachment_that_stops_being_published_leaves_the_spare_site_too(tmp_path, change):
    """A withheld reply's attachment marked `public: true`, then no longer public (or taken off its
    list): the live site drops it, and so must the spare beside it (the replaced site, which
    published the file and its words in the search index), as when a whole entry stops being public."""
    words = "".join(chr(next(_rare)) for _ in range(6))
    content, out = tmp_path / "content", tmp_path / "site"

    def letter(public):
        listed = [{"file": "open-letter.pdf", "title": "答复函", "public": public}]
        return reply("0002", disclosure="withheld", attachments=listed if public or change != "taken-off-the-list" else [])

    others = [assigned_proposal(f"{n:04d}") for n in range(1, 21)]
    write_tree(content, {"site.yaml": site_yaml(), **dict(others), **dict([letter(True)])})
    write_pdf(content / "responses/2026/open-letter.pdf", [f"公开：{words}"])
    assert build(content, out, SITE_URL).returncode == 0
    extra = content / "proposals/2026/0005.md"
    extra.write_text(extra.read_text(encoding="utf-8") + "\n补充。\n", encoding="utf-8")
    assert build(content, out, SITE_URL).returncode == 0  # the first site is the spare now
    spare = out.parent / f".{out.name}-spare"
    assert (spare / "responses/2026/0002-fgw/attachments/open-letter.pdf").is_file()
    assert any(words in text for _, text in read_outputs(out))  # its words are found where they are
    write_tree(content, dict([letter(False)]))
    assert build(content, out, SITE_URL).returncode == 0
    assert not [p for p in out.parent.rglob("open-letter.pdf") if content not in p.parents]
    assert not [path for path, text in read_outputs(out) if words in text]  # live, spare and cache
