"""When each content file was first published and last changed (history.py), read from a real git
repository made here: the commits, their dates, messages and files are the ones this test wrote.
"""
import datetime as dt

from disclosure.history import all_patches, blobs, git_history, is_shallow, marked_commits
from tests.support.gitrepo import commit, git, new_repo, put

TZ = dt.timezone(dt.timedelta(hours=8))


def blob(repo, rev, rel):
    return git(repo, "rev-parse", f"{rev}:{rel}").strip()


def make(tmp_path):
    """content/ in a repository: a reply added, edited, renamed with an edit; a file outside content/."""
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    put(content, "responses/2026/0001-old.md", "---\n对应提案: 2026-0001\n---\n\n第一稿。\n")
    put(repo, "README.md", "not content\n")
    commit(repo, "Add the reply", "2026-04-02T09:30:00+08:00")
    put(content, "responses/2026/0001-old.md", "---\n对应提案: 2026-0001\n---\n\n第二稿。\n")
    commit(repo, "Edit the reply [hide-diff]", "2026-05-06T15:00:00+08:00")
    git(repo, "mv", "content/responses/2026/0001-old.md", "content/responses/2026/0001-fgw.md")
    put(content, "responses/2026/0001-fgw.md", "---\n对应提案: 2026-0001\n---\n\n第二稿。\n\n此复。\n")
    commit(repo, "Rename the reply", "2026-06-07T10:15:00+08:00")
    return repo, content


def test_each_commit_of_a_file_newest_first_with_its_date_message_and_versions(tmp_path):
    repo, content = make(tmp_path)
    shas = git(repo, "log", "--format=%H").split()  # newest first
    files = git_history(content, TZ, renames=True)
    assert list(files) == ["responses/2026/0001-fgw.md"]  # relative to content/; README.md is outside it
    h = files["responses/2026/0001-fgw.md"]
    assert [c.sha for c in h.commits] == shas
    assert [c.subject for c in h.commits] == ["Rename the reply", "Edit the reply [hide-diff]", "Add the reply"]
    assert [c.when for c in h.commits] == [dt.datetime(2026, 6, 7, 10, 15, tzinfo=TZ),
                                           dt.datetime(2026, 5, 6, 15, 0, tzinfo=TZ),
                                           dt.datetime(2026, 4, 2, 9, 30, tzinfo=TZ)]
    assert h.first == dt.datetime(2026, 4, 2, 9, 30, tzinfo=TZ)
    assert h.last == dt.datetime(2026, 6, 7, 10, 15, tzinfo=TZ)
    assert [c.status for c in h.commits] == ["R", "M", "A"]
    assert [c.old_path for c in h.commits] == ["responses/2026/0001-old.md", "", ""]
    old, new = "content/responses/2026/0001-old.md", "content/responses/2026/0001-fgw.md"
    assert [(c.before, c.after) for c in h.commits] == [
        (blob(repo, shas[1], old), blob(repo, shas[0], new)),
        (blob(repo, shas[2], old), blob(repo, shas[1], old)),
        ("", blob(repo, shas[2], old))]
    # The commit times are the instants git holds, shown in the site's time zone.
    assert h.commits[0].when.utcoffset() == dt.timedelta(hours=8)
    utc = git_history(content, dt.timezone.utc, renames=True)["responses/2026/0001-fgw.md"]
    assert utc.first == dt.datetime(2026, 4, 2, 1, 30, tzinfo=dt.timezone.utc)


def test_without_following_renames_each_name_has_its_own_commits(tmp_path):
    repo, content = make(tmp_path)
    files = git_history(content, TZ)
    assert sorted(files) == ["responses/2026/0001-fgw.md", "responses/2026/0001-old.md"]
    assert [c.status for c in files["responses/2026/0001-fgw.md"].commits] == ["A"]
    assert [c.status for c in files["responses/2026/0001-old.md"].commits] == ["D", "M", "A"]
    assert files["responses/2026/0001-old.md"].commits[0].after == ""


def test_a_file_renamed_twice_keeps_all_its_commits(tmp_path):
    repo, content = make(tmp_path)
    git(repo, "mv", "content/responses/2026/0001-fgw.md", "content/responses/2026/0001-a.md")
    commit(repo, "Rename again", "2026-07-01T08:00:00+08:00")
    files = git_history(content, TZ, renames=True)
    assert list(files) == ["responses/2026/0001-a.md"]
    assert [c.subject for c in files["responses/2026/0001-a.md"].commits] == [
        "Rename again", "Rename the reply", "Edit the reply [hide-diff]", "Add the reply"]


def test_outside_git_every_lookup_is_empty(tmp_path):
    plain = tmp_path / "plain"
    put(plain, "responses/2026/0001-fgw.md", "---\n---\n")
    assert git_history(plain, TZ, renames=True) == {}
    assert marked_commits(plain, ["[hide-diff]"]) == set()
    assert is_shallow(plain) is False
    assert all_patches(plain) == {}
    assert blobs(plain, ["0" * 40]) == {}


def test_an_empty_repository_has_no_history(tmp_path):
    repo = new_repo(tmp_path / "repo")
    assert git_history(repo, TZ) == {}


def test_marked_commits_are_found_by_their_message(tmp_path):
    repo, content = make(tmp_path)
    shas = git(repo, "log", "--format=%H").split()
    assert marked_commits(content, ["[hide-diff]"]) == {shas[1]}  # a fixed string, not a pattern
    assert marked_commits(content, ["[hide-diff]", "Rename the"]) == {shas[0], shas[1]}
    assert marked_commits(content, ["【不显示差异】"]) == set()


def test_a_full_clone_is_not_shallow_a_depth_one_clone_is(tmp_path):
    repo, content = make(tmp_path)
    assert is_shallow(content) is False
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    assert is_shallow(clone / "content") is True
    files = git_history(clone / "content", TZ, renames=True)
    assert [c.subject for c in files["responses/2026/0001-fgw.md"].commits] == ["Rename the reply"]


def test_blobs_gives_each_versions_bytes_and_leaves_out_what_git_lacks(tmp_path):
    repo, content = make(tmp_path)
    shas = git(repo, "log", "--format=%H").split()
    first = blob(repo, shas[2], "content/responses/2026/0001-old.md")
    last = blob(repo, shas[0], "content/responses/2026/0001-fgw.md")
    tree = git(repo, "rev-parse", f"{shas[0]}^{{tree}}").strip()
    missing = "1" * 40
    found = blobs(content, [first, "", missing, "not an id", last, first, tree])
    assert found == {first: "---\n对应提案: 2026-0001\n---\n\n第一稿。\n".encode("utf-8"),
                     last: "---\n对应提案: 2026-0001\n---\n\n第二稿。\n\n此复。\n".encode("utf-8")}
    assert blobs(content, ["", "xyz"]) == {}


def test_blobs_reads_versions_of_any_size_in_one_pass(tmp_path):
    repo = new_repo(tmp_path / "repo")
    texts = {"a.md": "甲\n" * 5000, "b.md": "", "c.md": "乙"}
    for name, body in texts.items():
        put(repo, name, body)
    commit(repo, "Add", "2026-04-02T09:30:00+08:00")
    ids = {name: blob(repo, "HEAD", name) for name in texts}
    found = blobs(repo, list(ids.values()))
    assert {name: found[i].decode("utf-8") for name, i in ids.items()} == texts


def test_patches_of_edits_by_commit_and_path_at_that_commit(tmp_path):
    repo, content = make(tmp_path)
    shas = git(repo, "log", "--format=%H").split()
    patches = all_patches(content, ("responses",))
    # Edits and renames have patches; the commit that added the file has none.
    assert set(patches) == {(shas[0], "responses/2026/0001-fgw.md"), (shas[1], "responses/2026/0001-old.md")}
    edit = patches[(shas[1], "responses/2026/0001-old.md")]
    assert edit[0].startswith("@@")
    assert "-第一稿。" in edit and "+第二稿。" in edit
    assert not any(line.startswith(("---", "+++", "diff --git", "index ")) for line in edit)
    renamed = patches[(shas[0], "responses/2026/0001-fgw.md")]
    assert "+此复。" in renamed
    # Only the folders asked for.
    assert all_patches(content, ("proposals",)) == {}


def test_a_pure_rename_has_an_empty_patch_under_its_new_name(tmp_path):
    repo, content = make(tmp_path)
    git(repo, "mv", "content/responses/2026/0001-fgw.md", "content/responses/2026/0001-a.md")
    commit(repo, "Rename again", "2026-07-01T08:00:00+08:00")
    sha = git(repo, "rev-parse", "HEAD").strip()
    patches = all_patches(content)
    assert patches[(sha, "responses/2026/0001-a.md")] == []


def test_patches_of_two_files_in_one_commit_stay_apart(tmp_path):
    repo = new_repo(tmp_path / "repo")
    put(repo, "a.md", "一\n二\n")
    put(repo, "b.md", "三\n四\n")
    commit(repo, "Add", "2026-04-02T09:30:00+08:00")
    put(repo, "a.md", "一\n贰\n")
    put(repo, "b.md", "叁\n四\n")
    commit(repo, "Edit both", "2026-04-03T09:30:00+08:00")
    sha = git(repo, "rev-parse", "HEAD").strip()
    patches = all_patches(repo)
    assert [x for x in patches[(sha, "a.md")] if x[:1] in "+-"] == ["-二", "+贰"]
    assert [x for x in patches[(sha, "b.md")] if x[:1] in "+-"] == ["-三", "+叁"]


def test_a_line_that_looks_like_a_header_inside_a_patch_is_text(tmp_path):
    # A body line "-- 附件" removed shows in git's patch as "--- 附件": text of the change, not a header.
    repo = new_repo(tmp_path / "repo")
    put(repo, "a.md", "正文\n-- 附件\n++ 备注\n")
    commit(repo, "Add", "2026-04-02T09:30:00+08:00")
    put(repo, "a.md", "正文\n")
    commit(repo, "Edit", "2026-04-03T09:30:00+08:00")
    sha = git(repo, "rev-parse", "HEAD").strip()
    patch = all_patches(repo)[(sha, "a.md")]
    assert [x for x in patch if x[:1] in "+-"] == ["--- 附件", "-++ 备注"]


def test_a_file_name_git_must_quote_keeps_its_name(tmp_path):
    # git writes a name with a double quote or a tab in C quotes, its Chinese characters as they are
    # (core.quotepath off): the history is still the file's, under its own name.
    repo = new_repo(tmp_path / "repo")
    names = ['proposals/2026/关于"食堂".md', "proposals/2026/a\tb.md", "proposals/2026/普通.md"]
    for name in names:
        put(repo, name, "甲\n")
    commit(repo, "Add", "2026-04-02T09:30:00+08:00")
    for name in names:
        put(repo, name, "乙\n")
    commit(repo, "Edit", "2026-04-03T09:30:00+08:00")
    sha = git(repo, "rev-parse", "HEAD").strip()
    assert sorted(git_history(repo, TZ, renames=True)) == sorted(names)
    assert sorted(path for _, path in all_patches(repo)) == sorted(names)
    assert all(all_patches(repo)[(sha, name)][-2:] == ["-甲", "+乙"] for name in names)


def test_a_name_quoted_with_octal_bytes_is_read_back_too(tmp_path):
    # With core.quotepath on (git's default) every byte of 中 is an octal escape: the same name.
    from disclosure.history import _unquote

    repo = new_repo(tmp_path / "repo")
    put(repo, '关于"食堂"\t.md', "甲\n")
    commit(repo, "Add", "2026-04-02T09:30:00+08:00")
    listed = git(repo, "-c", "core.quotepath=on", "ls-files").strip()
    assert listed.startswith('"') and "\\345" in listed  # 关 is e5 85 b3
    assert _unquote(listed) == '关于"食堂"\t.md'
    assert _unquote("普通.md") == "普通.md" and _unquote('"') == '"'
