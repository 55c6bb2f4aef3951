"""`python build.py import reply`: real .docx and .pdf letters, the real CLI, the entry it writes."""
from pathlib import Path

import yaml

from tests.conftest import assigned_proposal, run_cli
from tests.support.documents import write_docx, write_ofd, write_pdf

PROPOSAL = assigned_proposal("0102", 2023, term=15, session=2, handling="lead_co", lead_units=["区发改委"],
                             co_units=["区民政局"], assigned="2023-02-10")
OTHER_YEAR = assigned_proposal("0102", 2022, term=15, session=1, assigned="2022-02-10")

LETTER = [
    ("center", "测试区发展和改革委员会"),
    "A",
    "示发改提复〔2023〕15号",
    ("center", "关于区政协十五届二次会议第0102号提案的答复"),
    "某某某委员：",
    ("indent", "您提出的《关于某事项的建议》收悉。现答复如下："),
    ("indent", "一、总体情况"),
    ("indent", "（一）工作进展"),
    ("indent", "1.已完成调研。"),
    ("indent", "（1）某某事项已办结。"),
    ("table", [["项目", "进展"], ["甲项", "已完成"]]),
    ("indent", "感谢您对我区工作的关心和支持。"),
    ("right", "测试区发展和改革委员会"),
    ("right", "二〇二三年五月十日"),
    "（联系人：王某，联系电话：021-12345678）",
    "抄送：区政协提案委，区政府督查室。",
]


def split(text):
    _, meta, body = text.split("---", 2)
    return yaml.load(meta, Loader=yaml.BaseLoader), body.strip("\n")  # every value as typed


def import_reply(content, letter, *options):
    return run_cli("import", "reply", str(letter), "--content", str(content), *options)


def test_word_letter_becomes_a_reply_that_passes_check(make_content, tmp_path):
    content = make_content(dict([PROPOSAL, OTHER_YEAR]))
    letter = write_docx(tmp_path / "答复函.docx", LETTER)
    result = import_reply(content, letter, "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    entry = content / "responses/2023/0102-fgw.md"
    meta, body = split(entry.read_text(encoding="utf-8"))
    assert meta == {"proposal": "2023-0102", "unit": "区发改委", "role": "lead", "date": "2023-05-10",
                    "doc_no": "示发改提复〔2023〕15号", "result": "A", "contact": "王某 021-12345678",
                    "cc": ["区政协提案委", "区政府督查室"],
                    "attachments": [{"file": "0102-fgw.docx", "title": "答复函原件"}]}
    assert body.split("\n") == [
        "某某某委员：",
        "　　您提出的《关于某事项的建议》收悉。现答复如下：",
        "　　一、总体情况",
        "　　（一）工作进展",
        "　　1.已完成调研。",
        "　　（1）某某事项已办结。",
        "",
        "| 项目 | 进展 |",
        "| --- | --- |",
        "| 甲项 | 已完成 |",
        "",
        "　　感谢您对我区工作的关心和支持。",
        "测试区发展和改革委员会",
        "二〇二三年五月十日",
        "（联系人：王某，联系电话：021-12345678）",
        "抄送：区政协提案委，区政府督查室。",
    ]
    kept = content / "responses/2023/0102-fgw.docx"
    assert kept.read_bytes() == letter.read_bytes()
    assert "原件：0102-fgw.docx" in entry.read_text(encoding="utf-8")
    assert run_cli("check", "--content", str(content)).returncode == 0


def test_word_automatic_numbering_is_written_as_shown(make_content, tmp_path):
    """Four levels numbered by Word (the numbers are not in the paragraphs' text)."""
    content = make_content(dict([PROPOSAL]))
    items = LETTER[:5] + [("auto", 0, "总体情况"), ("auto", 1, "工作进展"), ("auto", 2, "已完成调研。"),
                          ("auto", 3, "甲事项。"), ("auto", 3, "乙事项。"), ("auto", 2, "已开展试点。"),
                          ("auto", 0, "下一步工作"), ("auto", 1, "继续推进")] + LETTER[11:]
    result = import_reply(content, write_docx(tmp_path / "auto.docx", items), "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    _, body = split((content / "responses/2023/0102-fgw.md").read_text(encoding="utf-8"))
    assert body.split("\n")[1:9] == ["　　一、总体情况", "　　（一）工作进展", "　　1.已完成调研。", "　　（1）甲事项。",
                                     "　　（2）乙事项。", "　　2.已开展试点。", "　　二、下一步工作", "　　（一）继续推进"]


def test_line_separators_in_word_text_are_line_breaks_not_yaml(make_content, tmp_path):
    """U+2028 (a line separator, which YAML reads as a new line) in the title and the text."""
    content = make_content(dict([PROPOSAL]))
    items = [("center", "关于区政协十五届二次会议\u2028第0102号提案的答复")] + LETTER[4:6] + \
        [("indent", "第一句。\u2028第二句。")] + LETTER[11:]
    result = import_reply(content, write_docx(tmp_path / "sep.docx", items), "--yes", "--result", "A")
    assert result.returncode == 0, result.stdout + result.stderr
    text = (content / "responses/2023/0102-fgw.md").read_text(encoding="utf-8")
    assert "\u2028" not in text
    assert "# 来文标题：关于区政协十五届二次会议第0102号提案的答复" in text
    assert "　　第一句。\n　　第二句。" in text


def test_an_existing_entry_is_never_overwritten(make_content, tmp_path):
    content = make_content(dict([PROPOSAL]))
    letter = write_docx(tmp_path / "l.docx", LETTER)
    assert import_reply(content, letter, "--yes").returncode == 0
    entry = content / "responses/2023/0102-fgw.md"
    entry.write_text(entry.read_text(encoding="utf-8") + "工作人员的修改。\n", encoding="utf-8")
    before = entry.read_bytes()
    again = import_reply(content, letter, "--yes")
    assert again.returncode == 1
    assert "已经存在" in again.stderr
    assert entry.read_bytes() == before


def test_short_name_sign_off_co_unit_and_no_reply_class(make_content, tmp_path):
    content = make_content(dict([PROPOSAL]))
    letter = write_docx(tmp_path / "mz.docx", [
        ("center", "关于政协第十五届第二次会议第102号提案的会办意见答复"),
        "区发改委：",
        ("indent", "现将会办意见答复如下。"),
        ("right", "区民政局"),
        ("right", "二〇二三年四月二十日"),
    ])
    result = import_reply(content, letter, "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    meta, _ = split((content / "responses/2023/0102-mz.md").read_text(encoding="utf-8"))
    assert (meta["unit"], meta["role"], meta["date"]) == ("区民政局", "co", "2023-04-20")
    assert "result" not in meta  # a co unit's reply has no class, and none was invented


def test_lead_reply_without_a_printed_class_is_written_as_unknown(make_content, tmp_path):
    content = make_content(dict([PROPOSAL]))
    items = [item for item in LETTER if item != "A"]
    result = import_reply(content, write_docx(tmp_path / "l.docx", items), "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    meta, _ = split((content / "responses/2023/0102-fgw.md").read_text(encoding="utf-8"))
    assert meta["result"] == "未知"
    assert "result: 未知" in result.stdout


def test_pdf_letter_with_a_text_layer(make_content, tmp_path):
    content = make_content(dict([PROPOSAL]))
    pdf = write_pdf(tmp_path / "letter.pdf", [
        "测试区发展和改革委员会",
        "示发改提复〔2023〕16号",
        "关于区政协十五届二次会议第0102号提案的答复",
        "某某某委员：",
        "您提出的《关于某事项的建议》收悉。经研究，现将有关情况答复",
        "如下。",
        "一、总体情况",
        "测试区发展和改革委员会",
        "2023年5月12日",
        "联系人：王某　联系电话：021-12345678",
    ])
    result = import_reply(content, pdf, "--yes", "--result", "B")
    assert result.returncode == 0, result.stdout + result.stderr
    meta, body = split((content / "responses/2023/0102-fgw.md").read_text(encoding="utf-8"))
    assert (meta["date"], meta["doc_no"], meta["result"]) == ("2023-05-12", "示发改提复〔2023〕16号", "B")
    assert body.split("\n") == [
        "某某某委员：",
        "　　您提出的《关于某事项的建议》收悉。经研究，现将有关情况答复如下。",
        "　　一、总体情况",
        "测试区发展和改革委员会",
        "2023年5月12日",
        "联系人：王某　联系电话：021-12345678",
    ]
    assert (content / "responses/2023/0102-fgw.pdf").read_bytes() == pdf.read_bytes()


def test_what_the_letter_does_not_say_is_named_and_nothing_is_written(make_content, tmp_path):
    content = make_content(dict([PROPOSAL]))
    letter = write_docx(tmp_path / "bare.docx", ["某某委员：", ("indent", "答复正文。"), "某某单位"])
    result = import_reply(content, letter, "--yes")
    assert result.returncode == 2
    assert "--proposal" in result.stderr
    assert not (content / "responses").exists()
    with_options = import_reply(content, letter, "--yes", "--proposal", "2023-0102", "--unit", "fgw")
    assert with_options.returncode == 2
    assert "--date" in with_options.stderr and "--proposal" not in with_options.stderr
    assert not (content / "responses").exists()


def test_unit_not_handling_the_proposal_is_named(make_content, tmp_path):
    content = make_content(dict([PROPOSAL]))
    items = [("right", "测试区生态环境局") if item == ("right", "测试区发展和改革委员会") else item for item in LETTER]
    result = import_reply(content, write_docx(tmp_path / "l.docx", items), "--yes")
    assert result.returncode == 2
    assert "测试区生态环境局" in result.stderr and "proposals/2023/0102.md" in result.stderr
    assert not (content / "responses").exists()


def test_a_proposal_not_yet_assigned_is_named(make_content, tmp_path):
    from tests.conftest import proposal

    content = make_content(dict([proposal("0102", 2023, term=15, session=2)]))
    result = import_reply(content, write_docx(tmp_path / "l.docx", LETTER), "--yes")
    assert result.returncode == 2
    assert "还没有交办" in result.stderr and "proposals/2023/0102.md" in result.stderr
    assert not (content / "responses").exists()


def test_a_letter_dated_before_the_assignment_is_written_and_the_problem_named(make_content, tmp_path):
    """The letter is kept as written (its text is the record); `check` names what to correct."""
    content = make_content(dict([PROPOSAL]))
    items = [("right", "二〇二三年一月五日") if item == ("right", "二〇二三年五月十日") else item for item in LETTER]
    result = import_reply(content, write_docx(tmp_path / "early.docx", items), "--yes")
    assert result.returncode == 1
    assert "responses/2023/0102-fgw.md" in result.stderr and "[date]" in result.stderr
    assert "还没有通过检查" in result.stderr
    assert (content / "responses/2023/0102-fgw.md").exists()


def test_scanned_pdf_is_refused_with_a_reason(make_content, tmp_path):
    content = make_content(dict([PROPOSAL]))
    result = import_reply(content, write_pdf(tmp_path / "scan.pdf", []), "--yes")
    assert result.returncode == 2
    assert "没有文字层" in result.stderr
    assert not Path(content / "responses").exists()


def test_old_word_wps_and_damaged_ofd_files_are_refused_saying_what_to_do(make_content, tmp_path):
    """Offices also send a reply as an old Word or WPS file (.doc, .wps: an OLE2 file), which cannot
    be read here, or an OFD that turns out damaged. Each refusal says what to do with that kind of
    file, and nothing is written."""
    content = make_content(dict([PROPOSAL]))
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    (tmp_path / "答复函.doc").write_bytes(ole2)
    (tmp_path / "答复函.wps").write_bytes(ole2)
    (tmp_path / "答复函.ofd").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    for name in ("答复函.doc", "答复函.wps"):
        result = import_reply(content, tmp_path / name, "--yes")
        assert result.returncode == 2 and "另存为" in result.stderr and ".docx" in result.stderr, result.stderr
    result = import_reply(content, tmp_path / "答复函.ofd", "--yes")
    assert result.returncode == 2
    assert "无法作为 OFD 文件打开" in result.stderr and "导出为 PDF" in result.stderr, result.stderr
    assert not Path(content / "responses").exists()


def test_ofd_letter_as_e_government_systems_issue_it(make_content, tmp_path):
    """A signed reply in OFD (GB/T 33190): the letterhead on a template page, a line cut into one
    object per character, a paragraph's lines in one object, a page number, the sign-off on the
    next page pushed right, 联系人 and 电话 far apart on one line. Read as the PDF above is: the
    facts from the letter, the body one paragraph a line, the original kept as the attachment."""
    content = make_content(dict([PROPOSAL]))
    ofd = write_ofd(tmp_path / "答复函.ofd", [[
        "示发改提复〔2023〕16号",
        "关于区政协十五届二次会议第0102号提案的答复",
        "某某某委员：",
        ("chars", "　　您提出的《关于某事项的建议》收悉。经研究，现将有关情况答复"),
        "如下。",
        ("block", ["　　一、总体情况。本区已于年内开展相关工作，具体", "情况见附表。"]),
        "- 1 -",
    ], [
        ("right", "测试区发展和改革委员会"),
        ("right", "二〇二三年五月十二日"),
        ("apart", "联系人：王某", "联系电话：021-12345678"),
    ]], letterhead=["测试区发展和改革委员会"])
    result = import_reply(content, ofd, "--yes", "--result", "B")
    assert result.returncode == 0, result.stdout + result.stderr
    meta, body = split((content / "responses/2023/0102-fgw.md").read_text(encoding="utf-8"))
    assert (meta["proposal"], meta["unit"], meta["date"], meta["doc_no"], meta["result"]) == (
        "2023-0102", "区发改委", "2023-05-12", "示发改提复〔2023〕16号", "B")
    assert body.split("\n") == [
        "某某某委员：",
        "　　您提出的《关于某事项的建议》收悉。经研究，现将有关情况答复如下。",
        "　　一、总体情况。本区已于年内开展相关工作，具体情况见附表。",
        "测试区发展和改革委员会",
        "二〇二三年五月十二日",
        "联系人：王某 联系电话：021-12345678",
    ]
    assert (content / "responses/2023/0102-fgw.ofd").read_bytes() == ofd.read_bytes()
    assert "内容检查通过" in result.stdout  # the original, an OFD, is an attachment check accepts


def test_on_a_terminal_it_asks_for_what_the_letter_does_not_say(make_content, tmp_path):
    """A real terminal (a pty): the title names no proposal and no class is printed; the
    answers typed are the proposal, Enter for the unit and date read from the letter, and B."""
    import os
    import pty
    import subprocess

    from tests.conftest import PYTHON, ROOT, SOURCE_DATE_EPOCH

    content = make_content(dict([PROPOSAL]))
    items = [("center", "关于某事项建议的答复")] + [i for i in LETTER[4:]]
    letter = write_docx(tmp_path / "l.docx", items)
    master, slave = pty.openpty()
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen([PYTHON, str(ROOT / "build.py"), "import", "reply", str(letter), "--content",
                             str(content)], stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    os.write(master, "2023-0102\n\n\nB\n".encode())
    out, err = proc.communicate(timeout=120)
    os.close(master)
    assert proc.returncode == 0, out.decode() + err.decode()
    assert "对应提案" in out.decode() and "答复类别" in out.decode()
    meta, _ = split((content / "responses/2023/0102-fgw.md").read_text(encoding="utf-8"))
    assert (meta["proposal"], meta["unit"], meta["date"], meta["result"]) == ("2023-0102", "区发改委",
                                                                              "2023-05-10", "B")


def test_an_imported_letter_reads_as_a_letter_on_its_page_and_the_original_is_its_attachment(make_content, tmp_path):
    """Built for real: each paragraph its own, the four numbering levels, the table, the sign-off
    and the contact/抄送 footer as the official-letter dialect shows them; the .docx published
    only as the reply's attachment."""
    from bs4 import BeautifulSoup

    from tests.conftest import build

    content = make_content(dict([PROPOSAL]))
    assert import_reply(content, write_docx(tmp_path / "l.docx", LETTER), "--yes").returncode == 0
    out = tmp_path / "out"
    result = build(content, out)
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((out / "responses/2023/0102-fgw/index.html").read_text(encoding="utf-8"), "html.parser")
    texts = {p.get_text(strip=True): p.get("class") or [] for p in page.select("p")}
    assert "salutation" in texts["某某某委员："]
    assert "n1" in texts["一、总体情况"] and "n2" in texts["（一）工作进展"]
    assert "n3" in texts["1.已完成调研。"] and "n4" in texts["（1）某某事项已办结。"]
    assert [td.get_text(strip=True) for td in page.select("table td")] == ["甲项", "已完成"]
    signoff = page.select_one("div.signoff").get_text(" ", strip=True)
    assert "测试区发展和改革委员会" in signoff and "二〇二三年五月十日" in signoff
    footer = page.select_one("div.letter-footer").get_text(" ", strip=True)
    assert "联系人：王某" in footer and "抄送：区政协提案委" in footer
    assert [p.relative_to(out).as_posix() for p in out.rglob("*.docx")] == [
        "responses/2023/0102-fgw/attachments/0102-fgw.docx"]


def test_the_original_letter_is_the_reply_pages_attachment(make_content, tmp_path):
    """The letter is kept beside the entry as its attachment: the built reply page offers it unchanged."""
    from urllib.parse import unquote, urlsplit

    from bs4 import BeautifulSoup

    from tests.conftest import build

    content = make_content(dict([PROPOSAL]))
    letter = write_pdf(tmp_path / "答复函.pdf", [t if isinstance(t, str) else t[-1] for t in LETTER if t[0] != "table"])
    assert import_reply(content, letter, "--yes").returncode == 0
    out = tmp_path / "out"
    result = build(content, out)
    assert result.returncode == 0, result.stdout + result.stderr
    page = BeautifulSoup((out / "responses/2023/0102-fgw/index.html").read_bytes(), "html.parser")
    link = page.find("section", attrs={"aria-labelledby": "attachments"}).find("a")
    assert link.get_text() == "答复函原件"
    assert (out / unquote(urlsplit(link["href"]).path).lstrip("/")).read_bytes() == letter.read_bytes()
