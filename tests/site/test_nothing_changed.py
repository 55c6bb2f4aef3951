"""A build with nothing to do says so before loading Pelican (gongkai_build/unchanged.py), and
only then: a change is seen however the edited file's stat was kept, and wherever it was made.

Content hashes are kept with each file's stat (gongkai_build/file_hashes.py) and trusted only
for a file older than RACY_NS when it was read; `settle` waits until the content is that old,
so the builds below do trust them, and the edits must get past that.
"""
from __future__ import annotations

import os
import time

from conftest import ROOT, assigned_proposal, build, response, site_yaml, write_tree
from gongkai_build.file_hashes import RACY_NS
from tests.support.gitrepo import commit, git, new_repo

URL = "https://zx.example.org"
SAID = "没有变化"


def site_files(make_content):
    return make_content([assigned_proposal("0001"), assigned_proposal("0002"), response("2026-0001")])


def settle(content):
    """Wait until every content file was last changed more than RACY_NS ago."""
    newest = max(max(p.stat().st_mtime_ns, p.stat().st_ctime_ns) for p in content.rglob("*"))
    while time.time_ns() <= newest + RACY_NS + 100_000_000:
        time.sleep(0.2)


def test_nothing_changed_is_decided_without_loading_pelican(tmp_path, make_content):
    content, out = site_files(make_content), tmp_path / "site"
    assert build(content, out, URL).returncode == 0
    again = build(content, out, URL, env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert again.returncode == 0 and SAID in again.stdout
    imported = [line.rsplit("|", 1)[-1].strip() for line in again.stderr.splitlines() if line.startswith("import time")]
    assert "gongkai_build.unchanged" in imported  # the lines were read right
    assert not [name for name in imported if name.split(".")[0] in ("pelican", "jinja2", "markdown", "yaml")]


def test_an_edit_that_puts_size_and_mtime_back_is_seen(tmp_path, make_content):
    content, out = site_files(make_content), tmp_path / "site"
    settle(content)
    assert build(content, out, URL).returncode == 0
    assert SAID in build(content, out, URL).stdout
    path = content / "proposals/2026/0002.md"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "建议加快推进" in text
    with open(path, "r+b") as fh:  # in place: the same inode, the same size (加快 → 尽快)
        fh.write(text.replace("建议加快推进", "建议尽快推进").encode("utf-8"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -d` would put the time back
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    result = build(content, out, URL)
    assert result.returncode == 0 and SAID not in result.stdout, result.stdout
    assert "建议尽快推进" in (out / "proposals/2026/0002/index.html").read_text(encoding="utf-8")


def test_a_file_edited_in_the_same_second_as_the_build_is_seen(tmp_path, make_content):
    content, out = site_files(make_content), tmp_path / "site"
    assert build(content, out, URL).returncode == 0
    path = content / "proposals/2026/0001.md"
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("建议加快推进", "建议尽快推进"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    result = build(content, out, URL)
    assert result.returncode == 0 and SAID not in result.stdout, result.stdout
    assert "建议尽快推进" in (out / "proposals/2026/0001/index.html").read_text(encoding="utf-8")


def test_a_setting_taken_from_the_environment_is_seen(tmp_path, make_content):
    """The settings file is Python: what it reads (here an environment variable) counts, not its text."""
    content, out = site_files(make_content), tmp_path / "site"
    settings = tmp_path / "settings.py"
    settings.write_text(f"import os, sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
                        "DISCLOSURE_PER_PAGE = int(os.environ.get('TEST_PER_PAGE', '20'))\n", encoding="utf-8")
    assert build(content, out, URL, settings=settings).returncode == 0
    assert SAID in build(content, out, URL, settings=settings).stdout
    result = build(content, out, URL, settings=settings, env={"TEST_PER_PAGE": "1"})
    assert result.returncode == 0 and SAID not in result.stdout, result.stdout
    assert (out / "proposals/page/2/index.html").is_file()  # one proposal a page now


def test_a_commit_that_changes_no_file_is_seen(tmp_path):
    """Pages show the git history, so a commit counts even when no file changed: here the last
    one reworded to hide its diff."""
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    write_tree(content, {"site.yaml": site_yaml(),
                         **dict([assigned_proposal(), response("2026-0001", body="将于明年研究制定补助办法。")])})
    commit(repo, "Publish proposal 0001 and its reply", "2026-04-02T09:30:00+08:00")
    reply = content / "responses/2026/0001-fgw.md"
    reply.write_text(reply.read_text(encoding="utf-8").replace("将于明年", "已于今年"), encoding="utf-8")
    commit(repo, "Correct the reply", "2026-05-06T15:00:00+08:00")
    out = tmp_path / "site"
    page = out / "responses/2026/0001-fgw/index.html"
    assert build(content, out, URL).returncode == 0
    assert SAID in build(content, out, URL).stdout
    assert "查看修改前后的文字" in page.read_text(encoding="utf-8")  # the correction's diff is shown
    git(repo, "commit", "--amend", "-q", "-m", "Correct the reply [hide-diff]", date="2026-05-06T15:00:00+08:00")
    result = build(content, out, URL)
    assert result.returncode == 0 and SAID not in result.stdout, result.stdout
    assert "查看修改前后的文字" not in page.read_text(encoding="utf-8")
