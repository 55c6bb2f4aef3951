"""The text of each change (history.all_patches), read from a real git repository made here, whatever
the git configuration of the machine that builds: staff and CI machines differ (colours, rename
detection, blank lines), and the 修改记录 must show the same lines, under the same file, on each.

Ground truth: the files and their versions as this test typed them.
"""
from disclosure.history import all_patches, git_history
from tests.support.gitrepo import commit, git, new_repo, put

import datetime as dt

TZ = dt.timezone(dt.timedelta(hours=8))
LINES = ["第一条：社区食堂选址。", "", "第二条：资金来源。", "第三条：运营方式。", "第四条：监督。", "第五条：评估。"]


def head(repo):
    return git(repo, "rev-parse", "HEAD").strip()


def renamed_with_an_edit(repo):
    """responses/a.md added; renamed to responses/b.md with its third line changed."""
    put(repo, "responses/a.md", "\n".join(LINES) + "\n")
    commit(repo, "Add", "2026-04-02T09:30:00+08:00")
    git(repo, "mv", "responses/a.md", "responses/b.md")
    edited = LINES[:2] + ["第二条：资金由区财政安排。"] + LINES[3:]
    put(repo, "responses/b.md", "\n".join(edited) + "\n")
    commit(repo, "Rename and edit", "2026-04-03T09:30:00+08:00")
    return head(repo)


def test_the_same_change_text_whatever_the_git_configuration_says(tmp_path):
    plain = new_repo(tmp_path / "plain")
    configured = new_repo(tmp_path / "configured")
    # A machine that turned rename detection off, colours on, and blank context lines empty.
    for key, value in [("diff.renames", "false"), ("color.ui", "always"), ("color.diff", "always"),
                       ("diff.suppressBlankEmpty", "true")]:
        git(configured, "config", key, value)
    for repo in (plain, configured):
        sha = renamed_with_an_edit(repo)
        patches = all_patches(repo)
        # The rename is followed: the edit's text is under the new name, in plain text.
        assert list(patches) == [(sha, "responses/b.md")]
        lines = patches[(sha, "responses/b.md")]
        assert lines[0].startswith("@@ -1,")
        assert [x for x in lines if x.startswith(("+", "-"))] == ["-第二条：资金来源。", "+第二条：资金由区财政安排。"]
        # The lines around it as typed (the blank one written " " or "", as git's configuration says).
        assert [x[1:] for x in lines[1:] if not x.startswith(("+", "-"))] == LINES[:2] + LINES[3:]
        # And the commits are the file's under its new name.
        files = git_history(repo, TZ, renames=True)
        assert [c.status for c in files["responses/b.md"].commits] == ["R", "A"]


def test_an_empty_line_of_context_stays_a_line(tmp_path):
    # With diff.suppressBlankEmpty git writes a blank context line as "" (not " "): it is still the
    # file's empty second line, between its neighbours.
    repo = new_repo(tmp_path / "repo")
    git(repo, "config", "diff.suppressBlankEmpty", "true")
    put(repo, "a.md", "甲\n\n乙\n")
    commit(repo, "Add", "2026-04-02T09:30:00+08:00")
    put(repo, "a.md", "甲\n\n丙\n")
    commit(repo, "Edit", "2026-04-03T09:30:00+08:00")
    assert all_patches(repo)[(head(repo), "a.md")] == ["@@ -1,3 +1,3 @@", " 甲", "", "-乙", "+丙"]


def test_a_version_without_a_last_newline_keeps_git_s_note(tmp_path):
    repo = new_repo(tmp_path / "repo")
    put(repo, "a.md", "甲")
    commit(repo, "Add", "2026-04-02T09:30:00+08:00")
    put(repo, "a.md", "乙")
    commit(repo, "Edit", "2026-04-03T09:30:00+08:00")
    assert all_patches(repo)[(head(repo), "a.md")] == [
        "@@ -1 +1 @@", "-甲", "\\ No newline at end of file", "+乙", "\\ No newline at end of file"]


def test_a_file_name_with_a_space_keeps_its_name(tmp_path):
    # git ends the ---/+++ lines of such a name with a tab, and writes rename lines unquoted.
    repo = new_repo(tmp_path / "repo")
    put(repo, "proposals/关于 社区食堂.md", "甲\n")
    commit(repo, "Add", "2026-04-02T09:30:00+08:00")
    put(repo, "proposals/关于 社区食堂.md", "乙\n")
    commit(repo, "Edit", "2026-04-03T09:30:00+08:00")
    edit = head(repo)
    git(repo, "mv", "proposals/关于 社区食堂.md", "proposals/关于 新建 社区食堂.md")
    commit(repo, "Rename", "2026-04-04T09:30:00+08:00")
    rename = head(repo)
    assert all_patches(repo) == {(rename, "proposals/关于 新建 社区食堂.md"): [],
                                 (edit, "proposals/关于 社区食堂.md"): ["@@ -1 +1 @@", "-甲", "+乙"]}
    assert list(git_history(repo, TZ, renames=True)) == ["proposals/关于 新建 社区食堂.md"]


def test_only_blob_ids_are_read_never_a_name_git_would_resolve(tmp_path):
    # The versions a history compares are asked for by the blob ids git listed; a revision or a path
    # (which `git cat-file` would also answer) is never read, so no other file's text comes back.
    from disclosure.history import blobs

    repo = new_repo(tmp_path / "repo")
    put(repo, "a.md", "甲\n")
    commit(repo, "Add", "2026-04-02T09:30:00+08:00")
    blob = git(repo, "rev-parse", "HEAD:a.md").strip()
    assert blobs(repo, ["HEAD:a.md", "main:a.md", f"{blob} ", blob.upper()]) == {}
    assert blobs(repo, ["HEAD:a.md", blob]) == {blob: "甲\n".encode("utf-8")}


def test_a_quoted_name_that_is_not_utf8_reads_without_stopping(tmp_path):
    # A name in GBK (关于 as b9 d8 d3 da, from a Windows zip), listed by git with quotepath on as octal bytes:
    # read back with a replacement character instead of stopping the build.
    from disclosure.history import _unquote

    repo = new_repo(tmp_path / "repo")
    (repo / "proposals").mkdir()
    (repo / "proposals").joinpath(b"\xb9\xd8\xd3\xda.md".decode("utf-8", "surrogateescape")).write_text("甲\n")
    commit(repo, "Add", "2026-04-02T09:30:00+08:00")
    listed = git(repo, "-c", "core.quotepath=on", "ls-files").strip()
    assert listed == '"proposals/\\271\\330\\323\\332.md"'
    assert _unquote(listed).startswith("proposals/") and _unquote(listed).endswith(".md")
    assert "\ufffd" in _unquote(listed)
