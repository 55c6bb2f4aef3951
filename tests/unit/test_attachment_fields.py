"""The form of `attachments:` (附件) and the checks on each file (disclosure/attachment_fields.py,
disclosure/attachments.py), through load_site on real files."""
from conftest import assigned_proposal
from disclosure.site import load_site
from tests.support.documents import write_pdf, write_png


def problems(site, key_prefix="attachments"):
    return [(p.key, p.severity) for p in site.report.problems if p.key.startswith(key_prefix)]


def test_a_path_alone_a_chinese_key_and_public_as_是_are_read(make_content):
    content = make_content([assigned_proposal("0001", 附件=["a.pdf", {"文件": "b.png", "标题": "照片", "公开": "是"}],
                                              disclosure="withheld")])
    write_pdf(content / "proposals/2026/a.pdf", ["正文"])
    write_png(content / "proposals/2026/b.png")
    site = load_site(content)
    assert problems(site) == []
    p = site.proposals["2026-0001"]
    assert [(a.file, a.title, a.public, a.kind) for a in p.attachments] == [
        ("proposals/2026/a.pdf", "", False, "pdf"), ("proposals/2026/b.png", "照片", True, "png")]


def test_public_that_is_not_yes_or_no_and_an_unknown_key_are_errors(make_content):
    content = make_content([assigned_proposal("0001", attachments=[{"file": "a.pdf", "public": "大概", "note": "x"}])])
    write_pdf(content / "proposals/2026/a.pdf", ["正文"])
    assert problems(load_site(content)) == [("attachments[1]", "error"), ("attachments[1].public", "error")]


def test_two_attachments_with_one_name_are_an_error(make_content):
    content = make_content([assigned_proposal("0001", attachments=["a.pdf", "files/a.pdf"])])
    write_pdf(content / "proposals/2026/a.pdf", ["一"])
    (content / "files").mkdir()
    write_pdf(content / "files/a.pdf", ["二"])
    assert problems(load_site(content)) == [("attachments[2].file", "error")]


def test_dot_dot_out_of_the_content_folder_is_an_error(make_content, tmp_path):
    write_pdf(tmp_path / "outside.pdf", ["外面"])
    content = make_content([assigned_proposal("0001", attachments=["../../../outside.pdf"])])
    site = load_site(content)
    assert problems(site) == [("attachments[1].file", "error")]
    assert "附件在内容文件夹之外" in site.report.problems[0].zh
