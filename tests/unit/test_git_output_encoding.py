"""git's output read as UTF-8 whatever the machine (history._git): a staff computer's locale may be GBK,
and a file copied from a Windows zip may have a name in GBK that git writes as it is.

Ground truth: the names and commit messages typed here.
"""
import datetime as dt
import locale
import os

from disclosure.history import all_patches, git_history, marked_commits
from tests.support.gitrepo import commit, git, new_repo, put

TZ = dt.timezone(dt.timedelta(hours=8))


def test_names_and_messages_are_read_as_utf8_in_a_gbk_locale(tmp_path, monkeypatch):
    repo = new_repo(tmp_path / "repo")
    put(repo, "proposals/2026/关于社区食堂.md", "甲\n")
    commit(repo, "发布提案【不显示差异】", "2026-04-02T09:30:00+08:00")
    put(repo, "proposals/2026/关于社区食堂.md", "乙\n")
    commit(repo, "修改提案", "2026-04-03T09:30:00+08:00")
    monkeypatch.setattr(locale, "getencoding", lambda: "gbk")  # what subprocess would decode with
    files = git_history(repo, TZ, renames=True)
    assert list(files) == ["proposals/2026/关于社区食堂.md"]
    assert [c.subject for c in files["proposals/2026/关于社区食堂.md"].commits] == ["修改提案", "发布提案【不显示差异】"]
    assert [x for x in all_patches(repo)[(files["proposals/2026/关于社区食堂.md"].commits[0].sha,
                                          "proposals/2026/关于社区食堂.md")] if x[:1] in "+-"] == ["-甲", "+乙"]
    assert len(marked_commits(repo, ["【不显示差异】"])) == 1


def test_a_name_that_is_not_utf8_does_not_stop_the_history(tmp_path):
    repo = new_repo(tmp_path / "repo")
    put(repo, "proposals/2026/普通.md", "甲\n")
    (repo / "proposals/2026").joinpath(os.fsdecode(b"\xb9\xd8\xd3\xda.md")).write_text("甲\n")  # 关于 in GBK
    commit(repo, "Add", "2026-04-02T09:30:00+08:00")
    put(repo, "proposals/2026/普通.md", "乙\n")
    (repo / "proposals/2026").joinpath(os.fsdecode(b"\xb9\xd8\xd3\xda.md")).write_text("乙\n")
    commit(repo, "Edit", "2026-04-03T09:30:00+08:00")
    files = git_history(repo, TZ, renames=True)
    assert [c.subject for c in files["proposals/2026/普通.md"].commits] == ["Edit", "Add"]
    assert len(files) == 2  # the other under a name with replacement characters, matching no file
    assert [name for name in files if "\ufffd" in name]
    patches = all_patches(repo)
    assert [x for x in patches[(files["proposals/2026/普通.md"].commits[0].sha, "proposals/2026/普通.md")]
            if x[:1] in "+-"] == ["-甲", "+乙"]


def test_a_repository_git_cannot_read_to_the_end_gives_no_text_rather_than_part(tmp_path):
    # One stored version lost (a damaged or partly copied .git): `git log -p` prints the newer changes,
    # then stops with an error. Its output is not used: no 修改记录 text rather than some of it.
    repo = new_repo(tmp_path / "repo")
    for n, text in enumerate(["甲\n", "乙\n", "丙\n"]):
        put(repo, "a.md", text)
        commit(repo, f"v{n}", f"2026-04-0{n + 1}T09:30:00+08:00")
    lost = git(repo, "rev-parse", "HEAD~2:a.md").strip()
    (repo / ".git/objects" / lost[:2] / lost[2:]).unlink()
    assert all_patches(repo) == {}
