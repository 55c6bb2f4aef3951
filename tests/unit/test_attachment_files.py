"""Which attachment files an entry publishes, and the checks on each file (disclosure/attachments.py).

Ground truth is docs/content-model.md "Attachments (附件), on any entry": a file is looked up from
the entry's folder, then from the content folder; it must be a regular file inside the content
folder, at most 20 MB, of a type told by its bytes that agrees with its name (PDF, Word .docx,
Excel .xlsx, PNG, JPEG); its words (a PDF's text layer, a Word file's paragraphs and tables, every
cell of a workbook) are what the search finds it by; a PDF without a text layer is a warning. And
the withheld rule: an entry public in full publishes all its attachments, a `withheld` or
`summary` entry only those marked `public: true`. Every file here is a real one, written by the
test (tests/support/documents.py).
"""
import hashlib
import io
import re
import zipfile

import openpyxl
import pytest
from pypdf import PdfReader, PdfWriter

from conftest import assigned_proposal, response
from disclosure import attachments
from disclosure.site import load_site
from tests.support.documents import pdf_bytes, write_docx, write_ofd, write_pdf, write_png, write_scan_pdf, write_xlsx

MB20 = 20 * 1024 * 1024


def found(site, prefix="attachments"):
    return [p for p in site.report.problems if p.key.startswith(prefix)]


def keys(site):
    return [(p.key, p.severity) for p in found(site)]


def names(items):
    return [a.name for a in items]


# The withheld rule --------------------------------------------------------------------------

@pytest.mark.parametrize("disclosure, shown", [
    ("full", ["答复函.pdf", "名单.xlsx"]),
    ("summary", ["名单.xlsx"]),
    ("withheld", ["名单.xlsx"]),
])
def test_only_an_entry_public_in_full_publishes_its_attachments_not_marked_public(make_content, disclosure, shown):
    # A reply with its signed letter (not marked public) and a list marked public: true.
    content = make_content(dict([assigned_proposal(), response(
        disclosure=disclosure, summary="答复摘要。",
        attachments=[{"file": "答复函.pdf", "title": "答复函（盖章件）"}, {"file": "名单.xlsx", "public": True}])]))
    write_pdf(content / "responses/2026/答复函.pdf", ["答复函正文"])
    write_xlsx(content / "responses/2026/名单.xlsx", [["序号", "名称"], [1, "未知"]])
    site = load_site(content)
    assert site.report.ok, site.report.format()
    reply = site.responses["2026/0001-fgw"]
    assert names(attachments.published(reply)) == shown
    assert names(reply.attachments) == ["答复函.pdf", "名单.xlsx"]  # the list itself is unchanged


def test_an_entry_public_in_full_publishes_every_attachment_in_the_order_written(make_content):
    content = make_content(dict([assigned_proposal(attachments=["b.png", {"file": "a.pdf", "public": False}])]))
    write_png(content / "proposals/2026/b.png")
    write_pdf(content / "proposals/2026/a.pdf", ["建议"])
    site = load_site(content)
    assert names(attachments.published(site.proposals["2026-0001"])) == ["b.png", "a.pdf"]


def test_a_withheld_entry_with_no_public_attachment_publishes_none(make_content):
    content = make_content(dict([assigned_proposal(disclosure="withheld", attachments=["a.pdf"])]))
    write_pdf(content / "proposals/2026/a.pdf", ["不公开"])
    site = load_site(content)
    assert attachments.published(site.proposals["2026-0001"]) == []


# What a reader is told about each file -------------------------------------------------------

def test_each_type_is_named_and_served_with_its_media_type(make_content):
    content = make_content(dict([assigned_proposal(attachments=["a.pdf", "b.docx", "c.xlsx", "d.png", "e.jpg", "f.jpeg"])]))
    folder = content / "proposals/2026"
    write_pdf(folder / "a.pdf", ["一"])
    write_docx(folder / "b.docx", ["二"])
    write_xlsx(folder / "c.xlsx", [["三"]])
    write_png(folder / "d.png")
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
    (folder / "e.jpg").write_bytes(jpeg)
    (folder / "f.jpeg").write_bytes(jpeg)
    site = load_site(content)
    assert site.report.ok, site.report.format()
    got = [(a.kind, attachments.type_label(a), attachments.media_type(a)) for a in site.proposals["2026-0001"].attachments]
    assert got == [
        ("pdf", "PDF", "application/pdf"),
        ("docx", "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("xlsx", "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("png", "PNG 图片", "image/png"),
        ("jpeg", "JPEG 图片", "image/jpeg"),
        ("jpeg", "JPEG 图片", "image/jpeg")]


def test_an_attachment_not_yet_checked_has_no_type_label_and_a_generic_media_type():
    from disclosure.model import Attachment
    a = Attachment(written="x.pdf")
    assert attachments.type_label(a) == ""
    assert attachments.media_type(a) == "application/octet-stream"


def test_a_checked_file_knows_its_path_size_and_digest(make_content):
    content = make_content(dict([assigned_proposal(), response(attachments=["photo.png"])]))
    data = write_png(content / "responses/2026/photo.png").read_bytes()
    site = load_site(content)
    a = site.responses["2026/0001-fgw"].attachments[0]
    assert (a.file, a.bytes, a.digest) == ("responses/2026/photo.png", len(data), hashlib.sha1(data).hexdigest())


# Where a file is looked up -------------------------------------------------------------------

def test_a_path_is_looked_up_from_the_entrys_folder_first_then_from_the_content_folder(make_content):
    content = make_content(dict([assigned_proposal(), response(attachments=["a.pdf", "files/b.pdf"])]))
    write_pdf(content / "responses/2026/a.pdf", ["本文件夹"])
    write_pdf(content / "a.pdf", ["内容文件夹"])  # same name higher up: the entry's own folder wins
    (content / "files").mkdir()
    write_pdf(content / "files/b.pdf", ["从内容文件夹算起"])
    site = load_site(content)
    assert site.report.ok, site.report.format()
    got = [(a.file, a.text) for a in site.responses["2026/0001-fgw"].attachments]
    assert got == [("responses/2026/a.pdf", "本文件夹"), ("files/b.pdf", "从内容文件夹算起")]


def test_a_path_starting_with_a_slash_is_from_the_content_folder(make_content):
    content = make_content(dict([assigned_proposal(attachments=["/a.pdf", "/X光机采购清单.xlsx"])]))
    write_pdf(content / "proposals/2026/a.pdf", ["本文件夹"])
    write_pdf(content / "a.pdf", ["内容文件夹"])
    write_xlsx(content / "X光机采购清单.xlsx", [["未知"]])
    site = load_site(content)
    assert site.report.ok, site.report.format()
    got = [(a.file, a.text) for a in site.proposals["2026-0001"].attachments]
    assert got == [("a.pdf", "内容文件夹"), ("X光机采购清单.xlsx", "未知")]


def test_a_windows_path_with_backslashes_is_read(make_content):
    content = make_content(dict([assigned_proposal(attachments=["files\\2026\\名单.xlsx"])]))
    (content / "files/2026").mkdir(parents=True)
    write_xlsx(content / "files/2026/名单.xlsx", [["名单"]])
    site = load_site(content)
    assert site.report.ok, site.report.format()
    assert site.proposals["2026-0001"].attachments[0].file == "files/2026/名单.xlsx"


def test_a_missing_file_is_an_error_naming_its_key_line_and_what_is_allowed(make_content):
    content = make_content(dict([assigned_proposal(attachments=["a.pdf", "没有这个文件.pdf"])]))
    write_pdf(content / "proposals/2026/a.pdf", ["有"])
    site = load_site(content)
    [p] = found(site)
    text = (content / "proposals/2026/0001.md").read_text(encoding="utf-8").splitlines()
    assert (p.path, p.key, p.value, p.severity) == ("proposals/2026/0001.md", "attachments[2].file", "没有这个文件.pdf", "error")
    assert text[p.line - 1].strip() == "- 没有这个文件.pdf"
    assert p.zh.startswith("找不到附件文件") and p.en.startswith("The attachment file does not exist")
    assert p.allowed == attachments.ALLOWED and "*.pdf" in p.allowed and "20 MB" in p.allowed
    # the entry keeps its good attachment
    assert [a.file for a in site.proposals["2026-0001"].attachments if a.file] == ["proposals/2026/a.pdf"]


def test_a_symbolic_link_out_of_the_content_folder_is_an_error(make_content, tmp_path):
    write_pdf(tmp_path / "outside.pdf", ["外面"])
    content = make_content(dict([assigned_proposal(attachments=["link.pdf"])]))
    (content / "proposals/2026/link.pdf").symlink_to(tmp_path / "outside.pdf")
    site = load_site(content)
    [p] = found(site)
    assert (p.key, p.severity) == ("attachments[1].file", "error")
    assert p.zh.startswith("附件在内容文件夹之外") and "outside the content folder" in p.en
    assert site.proposals["2026-0001"].attachments[0].text == ""  # nothing of it was read


def test_a_symbolic_link_inside_the_content_folder_is_the_file_it_points_to(make_content):
    content = make_content(dict([assigned_proposal(attachments=["letter.pdf"])]))
    (content / "files").mkdir()
    write_pdf(content / "files/答复函.pdf", ["答复"])
    (content / "proposals/2026/letter.pdf").symlink_to(content / "files/答复函.pdf")
    site = load_site(content)
    assert site.report.ok, site.report.format()
    assert site.proposals["2026-0001"].attachments[0].file == "files/答复函.pdf"


def test_a_dangling_link_is_not_published(make_content, tmp_path):
    content = make_content(dict([assigned_proposal(attachments=["gone.pdf"])]))
    (content / "proposals/2026/gone.pdf").symlink_to(content / "proposals/2026/deleted.pdf")
    site = load_site(content)
    [p] = found(site)
    assert (p.key, p.severity) == ("attachments[1].file", "error")
    assert not site.report.ok


def test_a_folder_named_like_a_file_is_an_error(make_content):
    content = make_content(dict([assigned_proposal(attachments=["scans.pdf"])]))
    (content / "proposals/2026/scans.pdf").mkdir()
    site = load_site(content)
    [p] = found(site)
    assert (p.key, p.severity) == ("attachments[1].file", "error")
    assert (p.zh, p.en) == ("附件不是普通文件（是文件夹、管道或设备）。",
                            "The attachment is not a regular file (a folder, pipe or device).")


# Size and type -------------------------------------------------------------------------------

def test_twenty_megabytes_is_allowed_and_one_byte_more_is_an_error(make_content):
    # A photo with trailing bytes (as cameras write them) is still a PNG by its first bytes.
    content = make_content(dict([assigned_proposal(attachments=["exact.png", "over.png"])]))
    for name, size in (("exact.png", MB20), ("over.png", MB20 + 1)):
        path = write_png(content / "proposals/2026" / name)
        with open(path, "r+b") as fh:
            fh.truncate(size)
    site = load_site(content)
    [p] = found(site)
    assert (p.key, p.value) == ("attachments[2].file", "over.png")
    assert (p.zh, p.en) == ("附件超过 20 MB。请压缩或拆分后再附上。",
                            "The attachment is larger than 20 MB. Compress or split it.")
    exact = site.proposals["2026-0001"].attachments[0]
    assert (exact.kind, exact.bytes) == ("png", MB20)


def test_a_type_the_site_does_not_publish_is_an_error(make_content):
    content = make_content(dict([assigned_proposal(attachments=["旧答复.doc", "说明.txt"])]))
    (content / "proposals/2026/旧答复.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    (content / "proposals/2026/说明.txt").write_text("说明", encoding="utf-8")
    site = load_site(content)
    assert keys(site) == [("attachments[1].file", "error"), ("attachments[2].file", "error")]
    assert all(p.zh.startswith("网站不发布这种类型的附件") and "does not publish this type" in p.en for p in found(site))


def test_a_file_renamed_to_another_extension_is_an_error(make_content):
    content = make_content(dict([assigned_proposal(attachments=["photo.pdf", "letter.docx", "list.docx"])]))
    folder = content / "proposals/2026"
    write_png(folder / "photo.pdf")
    write_pdf(folder / "letter.docx", ["答复"])
    write_xlsx(folder / "list.docx", [["名单"]])  # a workbook is a zip too, but holds no word/document.xml
    site = load_site(content)
    assert keys(site) == [(f"attachments[{i}].file", "error") for i in (1, 2, 3)]
    assert all(p.zh.startswith("附件内容与扩展名不符") and "not what its extension says" in p.en for p in found(site))


def test_an_extension_in_capitals_is_read_as_its_type(make_content):
    content = make_content(dict([assigned_proposal(attachments=["SCAN.PDF", "PHOTO.JPG"])]))
    write_pdf(content / "proposals/2026/SCAN.PDF", ["大写扩展名"])
    (content / "proposals/2026/PHOTO.JPG").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9")
    site = load_site(content)
    assert site.report.ok, site.report.format()
    assert [a.kind for a in site.proposals["2026-0001"].attachments] == ["pdf", "jpeg"]


def test_two_attachments_with_one_file_name_name_the_first(make_content):
    content = make_content(dict([assigned_proposal(attachments=["a.pdf", "b.png", "files/a.pdf"])]))
    write_pdf(content / "proposals/2026/a.pdf", ["一"])
    write_png(content / "proposals/2026/b.png")
    (content / "files").mkdir()
    write_pdf(content / "files/a.pdf", ["二"])
    site = load_site(content)
    [p] = found(site)
    assert (p.path, p.key, p.value, p.severity) == ("proposals/2026/0001.md", "attachments[3].file", "files/a.pdf", "error")
    lines = (content / "proposals/2026/0001.md").read_text(encoding="utf-8").splitlines()
    assert lines[p.line - 1].strip() == "- files/a.pdf"
    assert p.zh == "与第 1 个附件同名（a.pdf），发布后会互相覆盖。请改其中一个文件名。"
    assert p.en == "It has the same name as attachment 1 (a.pdf); one would replace the other. Rename one of the files."


# The words the search finds ------------------------------------------------------------------

def test_the_words_of_a_pdf_a_word_file_and_a_workbook_are_read(make_content):
    content = make_content(dict([assigned_proposal(attachments=["a.pdf", "b.docx", "c.xlsx", "d.png"])]))
    folder = content / "proposals/2026"
    write_pdf(folder / "a.pdf", ["关于增设社区食堂的答复", "第二行"])
    write_docx(folder / "b.docx", ["正文第一段", ("table", [["序号", "社区"], ["1", "未知"]]), "正文末段"])
    book = write_xlsx(folder / "c.xlsx", [["序号", "名称", None], [1, "", "未知"]])
    wb = openpyxl.load_workbook(book)
    wb.create_sheet("第二页").append(["第二页的格"])
    wb.save(book)
    write_png(folder / "d.png")
    site = load_site(content)
    assert site.report.ok, site.report.format()
    got = [a.text for a in site.proposals["2026-0001"].attachments]
    # whitespace (line breaks between lines, paragraphs and cells) is one space
    assert got == ["关于增设社区食堂的答复 第二行",
                   "正文第一段 正文末段 序号 社区 1 未知",
                   "序号 名称 1 未知 第二页的格",
                   ""]


def test_a_pdf_without_a_text_layer_is_a_warning_and_still_published(make_content):
    content = make_content(dict([assigned_proposal(attachments=["扫描件.pdf", "带文字.pdf"])]))
    write_scan_pdf(content / "proposals/2026/扫描件.pdf")
    write_pdf(content / "proposals/2026/带文字.pdf", ["文字层"])
    site = load_site(content)
    assert site.report.ok  # a warning, not an error
    [p] = found(site)
    assert (p.key, p.value, p.severity) == ("attachments[1].file", "扫描件.pdf", "warning")
    assert p.zh.startswith("这个 PDF 没有文字层") and "no text layer" in p.en
    text = (content / "proposals/2026/0001.md").read_text(encoding="utf-8").splitlines()
    assert text[p.line - 1].strip() == "- 扫描件.pdf"
    assert names(attachments.published(site.proposals["2026-0001"])) == ["扫描件.pdf", "带文字.pdf"]


def test_a_damaged_file_is_published_but_has_no_words(make_content):
    # Bytes that start as a PDF and as a Word file but that no library can read.
    content = make_content(dict([assigned_proposal(attachments=["坏.pdf", "坏.docx"])]))
    (content / "proposals/2026/坏.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00" * 64)
    with zipfile.ZipFile(content / "proposals/2026/坏.docx", "w") as z:
        z.writestr("word/document.xml", "<不是 XML")
    site = load_site(content)
    assert [a.text for a in site.proposals["2026-0001"].attachments] == ["", ""]
    assert [a.kind for a in attachments.published(site.proposals["2026-0001"])] == ["pdf", "docx"]
    assert keys(site) == [("attachments[1].file", "warning")]  # the PDF cannot be searched


def test_the_words_of_every_page_of_a_pdf_are_read(make_content):
    # A two-page letter: the last word of page 1 and the first of page 2 stay two words.
    content = make_content(dict([assigned_proposal(attachments=["两页.pdf"])]))
    writer = PdfWriter()
    for lines in (["第一页", "末行"], ["第二页"]):
        writer.add_page(PdfReader(io.BytesIO(pdf_bytes(lines))).pages[0])
    with open(content / "proposals/2026/两页.pdf", "wb") as fh:
        writer.write(fh)
    site = load_site(content)
    assert site.report.ok, site.report.format()
    assert site.proposals["2026-0001"].attachments[0].text == "第一页 末行 第二页"


def test_after_a_bad_attachment_the_next_ones_are_still_checked(make_content):
    content = make_content(dict([assigned_proposal(attachments=["没有.pdf", "a.pdf", "说明.txt", "a.pdf", "扫描.pdf"])]))
    write_pdf(content / "proposals/2026/a.pdf", ["答复"])
    (content / "proposals/2026/说明.txt").write_text("说明", encoding="utf-8")
    write_scan_pdf(content / "proposals/2026/扫描.pdf")
    site = load_site(content)
    assert keys(site) == [("attachments[1].file", "error"), ("attachments[3].file", "error"),
                          ("attachments[4].file", "error"), ("attachments[5].file", "warning")]
    assert [(a.kind, a.text) for a in site.proposals["2026-0001"].attachments] == [
        ("", ""), ("pdf", "答复"), ("", ""), ("pdf", "答复"), ("pdf", "")]


def test_a_workbook_cell_with_a_formula_is_searched_by_the_value_excel_shows(make_content):
    # Excel saves a formula with the value it last showed; a reader sees 30, not =SUM(B2:B3).
    content = make_content(dict([assigned_proposal(attachments=["统计.xlsx"])]))
    path = write_xlsx(content / "proposals/2026/统计.xlsx", [["社区", "座位"], ["甲", 10], ["乙", 20], ["合计", "=SUM(B2:B3)"]])
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    assert "<f>SUM(B2:B3)</f><v></v>" in sheet or "<f>SUM(B2:B3)</f><v/>" in sheet
    parts["xl/worksheets/sheet1.xml"] = re.sub(r"<f>SUM\(B2:B3\)</f><v\s*/?>(</v>)?", "<f>SUM(B2:B3)</f><v>30</v>",
                                               sheet).encode("utf-8")
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    site = load_site(content)
    assert site.report.ok, site.report.format()
    assert site.proposals["2026-0001"].attachments[0].text == "社区 座位 甲 10 乙 20 合计 30"


def test_an_ofd_is_published_as_ofd_and_its_words_on_every_page_are_searched(make_content):
    """A signed reply as government systems issue it (OFD, GB/T 33190: a zip holding OFD.xml), as
    `import reply` keeps the original beside the reply; its words are found in reading order."""
    content = make_content(dict([assigned_proposal(attachments=["答复函.ofd"])]))
    write_ofd(content / "proposals/2026/答复函.ofd", [["关于增设社区食堂的答复", ("chars", "逐字排版的一行")],
                                                    [("apart", "联系人：未知", "电话：未知")]],
              letterhead=["测试区发展和改革委员会"])
    site = load_site(content)
    assert site.report.ok, site.report.format()
    [a] = site.proposals["2026-0001"].attachments
    assert (a.kind, attachments.type_label(a), attachments.media_type(a)) == ("ofd", "OFD", "application/ofd")
    assert a.text == "测试区发展和改革委员会 关于增设社区食堂的答复 逐字排版的一行 联系人：未知 电话：未知"


def test_a_zip_that_is_no_ofd_is_refused_as_one(make_content):
    content = make_content(dict([assigned_proposal(attachments=["a.ofd", "b.ofd"])]))
    folder = content / "proposals/2026"
    write_docx(folder / "a.ofd", ["答复"])  # a zip, but a Word file
    write_xlsx(folder / "b.ofd", [["名单"]])
    site = load_site(content)
    assert keys(site) == [(f"attachments[{i}].file", "error") for i in (1, 2)]
    assert all(p.zh.startswith("附件内容与扩展名不符") for p in found(site))


def test_an_ofd_of_page_images_only_is_a_warning_as_a_scanned_pdf_is(make_content):
    """A signed letter scanned into OFD holds pictures of its pages and no text: searched by nothing."""
    content = make_content(dict([assigned_proposal(attachments=["扫描件.ofd"])]))
    write_ofd(content / "proposals/2026/扫描件.ofd", [[]])
    site = load_site(content)
    [problem] = found(site)
    assert (problem.severity, problem.zh) == ("warning", "这个 OFD 没有文字层（可能是扫描件），网站搜索找不到其中的文字。"
                                                         "如有带文字的版本（由 Word 导出的 PDF），请换成那个文件。")
    assert site.report.ok  # published all the same
