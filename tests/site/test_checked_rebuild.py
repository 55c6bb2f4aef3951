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
