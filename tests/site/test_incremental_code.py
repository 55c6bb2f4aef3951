"""A change to the code of any plugin (not only the build package) makes the next build render again.

The build cache is salted with a fingerprint of the code (gongkai_build/incremental.py,
code_fingerprint). When the build modules moved into plugins/gongkai_build/, the
fingerprint went on hashing the folder beside it, which was now the build package alone:
a changed label in the core then left every page as the previous build wrote it.
The test edits a copy of the project, so the code under test is not touched.
"""
import os
import subprocess

from conftest import PYTHON, SOURCE_DATE_EPOCH, assigned_proposal
from support.rebuilds import code_copy

SITE_URL = "https://zx.example.org"


def tree(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def build(repo, content, out):
    result = subprocess.run([PYTHON, str(repo / "build.py"), "build", "--content", str(content), "--output", str(out),
                             "--site-url", SITE_URL], capture_output=True, text=True, cwd=repo, timeout=300,
                            env=dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, PYTHONIOENCODING="utf-8"))
    assert result.returncode == 0, result.stderr
    return result


def test_a_changed_core_label_shows_after_an_incremental_build(tmp_path, make_content):
    repo = code_copy(tmp_path)
    content = make_content([assigned_proposal("0001")])
    out = tmp_path / "site"
    build(repo, content, out)
    page = out / "proposals/2026/0001/index.html"
    assert "单独办理" in page.read_text(encoding="utf-8")

    labels = repo / "plugins/disclosure/labels.py"
    text = labels.read_text(encoding="utf-8")
    assert '"sole": "单独办理"' in text
    labels.write_text(text.replace('"sole": "单独办理"', '"sole": "单独承办"'), encoding="utf-8")
    build(repo, content, out)
    cold = tmp_path / "cold"
    build(repo, content, cold)

    assert "单独承办" in page.read_text(encoding="utf-8")
    a, b = tree(out), tree(cold)
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
