"""Whether the evidence a commitment update cites exists (evidence.py), as `check` reports it:
an announcement of the site, or a file in the content folder that is what its name says.

Ground truth: the files written here (their bytes and sizes), the announcements' paths, the build
date 2026-11-23 (tests/conftest.py) and the messages as docs/staff-guide.md prints them.
"""
import os

import pytest

from conftest import BUILD_DATE, assigned_proposal, response
from disclosure.evidence import MAX_EVIDENCE_BYTES
from disclosure.site import load_site
from tests.support.documents import pdf_bytes, write_docx, write_xlsx

REPLY = "responses/2026/0001-fgw.md"
MISSING = "作为依据的文件不存在（路径从内容文件夹算起，例如 files/2024/评估报告.pdf）。"
WRONG = "作为依据的文件内容与扩展名不符（例如改了扩展名的其他文件）。"
TOO_BIG = "作为依据的文件超过 20 MB。"
ALLOWED_FILES = "*.pdf、*.docx、*.xlsx、*.ofd（路径从内容文件夹算起 / a path inside the content folder）"


def notice(name, title="公告"):
    return (f"announcements/{name}.md", f"---\ntitle: {title}\ndate: 2026-10-01\nkind: policy\n---\n\n正文。\n")


def site_citing(make_content, evidence, files=(), updates=None, extra=()):
    """A site whose reply has one commitment, one update per piece of evidence."""
    updates = updates or [{"date": f"2026-05-{i:02d}", "status": "推进中", "evidence": e} for i, e in enumerate(evidence, 1)]
    root = make_content(dict([assigned_proposal(), response(commitments=[{"text": "年底前出台导则。", "updates": updates}]),
                              *extra]))
    for rel, data in dict(files).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(data):
            data(path)
        else:
            path.write_bytes(data)
    return load_site(root, today=BUILD_DATE)


def evidence_errors(site):
    return [(p.key, p.value, p.zh) for p in site.report.problems if p.key.endswith(".evidence")]


def test_files_that_are_what_their_names_say_pass(make_content):
    site = site_citing(make_content, ["files/a.pdf", "files/b.docx", "files/c.xlsx", "files/d.ofd", "files/E.PDF"], files={
        "files/a.pdf": pdf_bytes(["评估报告"]),
        "files/b.docx": lambda p: write_docx(p, ["通知"]),
        "files/c.xlsx": lambda p: write_xlsx(p, [["项目", "进度"]]),
        "files/d.ofd": b"PK\x03\x04" + b"\0" * 26,  # an OFD is a zip: told by its header
        "files/E.PDF": pdf_bytes(["大写扩展名"]),
    })
    assert evidence_errors(site) == []
    assert site.report.ok, site.report.format()


@pytest.mark.parametrize("name, data", [
    ("files/a.pdf", b"<script>alert(1)</script>"),
    ("files/b.docx", pdf_bytes(["其实是 PDF"])),  # another kind renamed
    ("files/c.xlsx", "docx"),  # a Word file renamed .xlsx: both are zips, told apart by their parts
    ("files/e.docx", "xlsx"),  # and an Excel file renamed .docx
    ("files/d.ofd", pdf_bytes(["其实是 PDF"])),
    ("files/f.ofd", "纯文本，不是 OFD。".encode("utf-8")),  # an OFD is a zip
])
def test_a_file_that_is_not_what_its_name_says_is_an_error(make_content, name, data):
    writers = {"docx": lambda p: write_docx(p, ["通知"]), "xlsx": lambda p: write_xlsx(p, [["项目"]])}
    files = {name: writers.get(data, data) if isinstance(data, str) else data}
    site = site_citing(make_content, [name], files=files)
    [problem] = [p for p in site.report.problems if p.key.endswith(".evidence")]
    assert (problem.key, problem.value, problem.zh) == ("commitments[1].updates[1].evidence", name, WRONG)
    assert problem.is_error and problem.allowed == ALLOWED_FILES and problem.hint == ""
    assert problem.en == "The file cited as evidence is not what its extension says (e.g. another file renamed)."


def test_a_missing_file_a_folder_and_paths_out_of_the_content_folder(make_content, tmp_path):
    (tmp_path / "secret.pdf").write_bytes(pdf_bytes(["外面的文件"]))
    cited = ["files/none.pdf", "files/folder.pdf", "../secret.pdf", "files/../../secret.pdf", "files/link.pdf"]

    def link(path):
        os.symlink(tmp_path / "secret.pdf", path)

    site = site_citing(make_content, cited, files={"files/folder.pdf/real.pdf": pdf_bytes(["在"]), "files/link.pdf": link})
    got = evidence_errors(site)
    assert [zh for _, _, zh in got] == [MISSING] * len(cited)
    assert [key for key, _, _ in got] == [f"commitments[1].updates[{i}].evidence" for i in range(1, len(cited) + 1)]
    [first] = [p for p in site.report.problems if p.key == "commitments[1].updates[1].evidence"]
    assert first.en.startswith("The file cited as evidence does not exist")
    assert first.allowed == ALLOWED_FILES and first.hint == "" and first.is_error


def test_an_absolute_path_is_not_a_content_file(make_content, tmp_path):
    outside = tmp_path / "abs.pdf"
    outside.write_bytes(pdf_bytes(["外面"]))
    site = site_citing(make_content, [str(outside)])
    assert [zh for _, _, zh in evidence_errors(site)] == [MISSING]


def test_20_mb_is_the_largest_file_cited(make_content):
    def sized(size):
        def write(path):
            with open(path, "wb") as fh:
                fh.write(pdf_bytes(["大文件"]))
                fh.truncate(size)
        return write

    assert MAX_EVIDENCE_BYTES == 20 * 1024 * 1024
    site = site_citing(make_content, ["files/edge.pdf", "files/over.pdf"],
                       files={"files/edge.pdf": sized(20 * 1024 * 1024), "files/over.pdf": sized(20 * 1024 * 1024 + 1)})
    assert evidence_errors(site) == [("commitments[1].updates[2].evidence", "files/over.pdf", TOO_BIG)]
    [p] = [p for p in site.report.problems if p.key.endswith(".evidence")]
    assert p.en == "The file cited as evidence is larger than 20 MB." and p.allowed == ALLOWED_FILES and p.hint == ""


def test_an_announcement_cited_must_exist_and_the_closest_is_suggested(make_content):
    notices = [notice(f"2026/n{i:02d}") for i in range(12)] + [notice("2026/daoze", "导则印发")]
    site = site_citing(make_content, ["2026/daoze", "2026/daozhe"], extra=notices)
    [problem] = [p for p in site.report.problems if p.key.endswith(".evidence")]
    assert problem.key == "commitments[1].updates[2].evidence" and problem.value == "2026/daozhe"
    assert problem.zh == "找不到作为依据的公告（写公告文件在 announcements/ 下的路径，不带 .md）。"
    assert problem.hint == "2026/daoze"
    # The first ten announcements, in the order of their paths.
    ids = sorted(["2026/daoze", *(f"2026/n{i:02d}" for i in range(12))])
    assert problem.allowed == "、".join(ids[:10])
    assert problem.is_error


def test_a_web_address_is_not_checked_here(make_content):
    site = site_citing(make_content, ["https://www.example.gov.cn/daoze.html"])
    assert evidence_errors(site) == []


def test_an_update_dated_after_the_build_date_is_a_warning_naming_the_day(make_content):
    updates = [{"date": "2026-11-23", "status": "推进中"}, {"date": "2026-11-24", "status": "推进中"}]
    site = site_citing(make_content, [], updates=updates)
    reply = site.root / REPLY
    line = next(n for n, text in enumerate(reply.read_text(encoding="utf-8").splitlines(), 1) if "2026-11-24" in text)
    [p] = [p for p in site.report.problems if p.key.startswith("commitments")]
    assert (p.path, p.key, p.value, p.severity, p.line) == (REPLY, "commitments[1].updates[2].date", "2026-11-24", "warning", line)
    assert p.zh == "进展日期在今天（2026-11-23）之后，到那天才会公开。"
    assert p.en == "The update is dated after today (2026-11-23); it is published from that day."
    assert site.report.ok  # a warning: the build goes on


def test_each_bad_piece_of_evidence_is_named_by_its_commitment_update_and_line(make_content):
    root = make_content(dict([assigned_proposal(), response(commitments=[
        {"text": "甲。", "updates": [{"date": "2026-05-01", "status": "推进中", "evidence": "files/x.pdf"}]},
        {"text": "乙。", "updates": [{"date": "2026-05-01", "status": "推进中"},
                                    {"date": "2026-06-01", "status": "推进中",
                                     "evidence": ["files/y.pdf", "2026/none"]}]}])]))
    site = load_site(root, today=BUILD_DATE)
    lines = (root / REPLY).read_text(encoding="utf-8").splitlines()
    got = [(p.key, p.value, p.line) for p in site.report.problems if ".evidence" in p.key]
    assert {p.path for p in site.report.problems if ".evidence" in p.key} == {REPLY}
    def line_of(words):
        return next(n for n, t in enumerate(lines, 1) if words in t)
    assert lines[line_of("files/y.pdf") - 2].strip() == "evidence:"  # a list: each item on its own line
    assert got == [("commitments[1].updates[1].evidence", "files/x.pdf", line_of("files/x.pdf")),
                   ("commitments[2].updates[2].evidence[1]", "files/y.pdf", line_of("files/y.pdf")),
                   ("commitments[2].updates[2].evidence[2]", "2026/none", line_of("2026/none"))]
