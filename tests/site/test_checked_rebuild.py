"""`build.py build` keeps each file's checks (disclosure/checked.py) and still reports every problem:
an unchanged file's warning on every rebuild, an edited file's new error at once, with file and line."""
from conftest import assigned_proposal, build, proposal, response, site_yaml, write_tree

WARNED = "proposals/2026/0002.md"


def line_of(file, text):
    return next(n for n, line in enumerate(file.read_text(encoding="utf-8").split("\n"), 1) if text in line)


def test_a_rebuild_reports_kept_and_new_problems_with_file_and_line(tmp_path):
    content, out = tmp_path / "content", tmp_path / "output"
    write_tree(content, {"site.yaml": site_yaml(), **dict([assigned_proposal(), response(),
                                                          proposal("0002", body="第一段。\n\n<font>红字</font>\n"),
                                                          proposal("0003")])})
    warned = f"{WARNED}:{line_of(content / WARNED, '<font>')}"
    first = build(content, out)
    assert first.returncode == 0 and warned in first.stderr
    assert (tmp_path / ".gongkai-cache" / "output" / "checked.pickle").is_file()

    write_tree(content, dict([proposal("0004")]))
    second = build(content, out)  # the checks of the four unchanged files are the kept ones
    assert second.returncode == 0, second.stderr
    assert warned in second.stderr

    path, text = proposal("0003", category="体育")
    write_tree(content, {path: text})
    third = build(content, out)
    assert third.returncode == 1
    assert f"{path}:{line_of(content / path, 'category:')}" in third.stderr and "体育" in third.stderr
    assert warned in third.stderr


def test_a_replaced_attachments_old_words_stay_in_no_kept_file(tmp_path):
    """The check across files reads each attachment's text into its entry after the entry's own
    check was kept: the kept check must be the one made before, or a replaced PDF's words (a
    private number sent by mistake) would stay in the store beside the site for good."""
    from support.documents import write_pdf

    content, out = tmp_path / "content", tmp_path / "output"
    write_tree(content, {"site.yaml": site_yaml(), **dict([
        assigned_proposal("0001", attachments=[{"file": "report.pdf", "title": "报告"}]), proposal("0002")])})
    write_pdf(content / "proposals/2026/report.pdf", ["WRONGFILE private phone 13800000000"])
    assert build(content, out).returncode == 0
    write_pdf(content / "proposals/2026/report.pdf", ["the right document"])
    def files_with_the_old_number():
        kept = [p for p in tmp_path.rglob("*") if p.is_file() and content not in p.parents]
        assert any(p.name == "checked.pickle" for p in kept)
        return [p.relative_to(tmp_path).as_posix() for p in kept if b"13800000000" in p.read_bytes()]

    assert build(content, out).returncode == 0
    assert build(content, out).returncode == 0  # the site before the PDF was replaced is gone from the spare too
    assert files_with_the_old_number() == []
    path, text = proposal("0002", disclosure="withheld", reason="涉及个人信息")  # a build that purges the stores
    write_tree(content, {path: text})
    assert build(content, out).returncode == 0
    assert files_with_the_old_number() == []
