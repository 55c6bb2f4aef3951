"""A file added where an older one was deleted has a history of its own (history.git_history,
changes.SiteHistory.of): the deleted file's versions, dates and text are not the new entry's.

Deleting a file is one way staff stop publishing an entry (staff guide: 条目改为不予公开或摘要公开（或删除）);
a reply written later under the same name must not show the deleted reply's text in its 修改记录, nor
take its first-published date. Ground truth: the versions, names and dates committed here.
"""
import datetime as dt
from types import SimpleNamespace

from disclosure.changes import SiteHistory
from disclosure.history import git_history
from disclosure.kinds import standard_kinds
from tests.support.gitrepo import commit, git, new_repo, put, reply_text

TZ = dt.timezone(dt.timedelta(hours=8))
REPLY = "responses/2026/0001-fgw.md"
WITHDRAWN = "旧答复第二稿：试点街道名单（已撤回）。"


def withdrawn_then_written_again(tmp_path):
    """A reply published and edited, deleted (withdrawn), then a new reply under the same name, edited."""
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    put(content, REPLY, reply_text("旧答复第一稿。"))
    commit(repo, "Publish", "2026-04-01T09:00:00+08:00")
    put(content, REPLY, reply_text(WITHDRAWN))
    commit(repo, "Edit", "2026-04-02T09:00:00+08:00")
    git(repo, "rm", "-q", f"content/{REPLY}")
    commit(repo, "Withdraw the reply", "2026-04-03T09:00:00+08:00")
    put(content, REPLY, reply_text("新答复第一稿。"))
    commit(repo, "Publish the new reply", "2026-05-01T09:00:00+08:00")
    put(content, REPLY, reply_text("新答复第二稿。"))
    commit(repo, "Edit the new reply", "2026-05-02T09:00:00+08:00")
    return repo, content


def test_the_new_file_has_only_its_own_commits(tmp_path):
    repo, content = withdrawn_then_written_again(tmp_path)
    for renames in (True, False):
        h = git_history(content, TZ, renames=renames)[REPLY]
        assert [c.subject for c in h.commits] == ["Edit the new reply", "Publish the new reply"]
        assert [c.status for c in h.commits] == ["M", "A"]
        assert h.first == dt.datetime(2026, 5, 1, 9, 0, tzinfo=TZ)


def test_its_page_shows_none_of_the_deleted_replys_text(tmp_path):
    repo, content = withdrawn_then_written_again(tmp_path)
    entry = SimpleNamespace(path=REPLY, disclosure="full", date=dt.date(2026, 4, 1))
    h = SiteHistory(content, TZ, standard_kinds().history_folders).of(entry)
    edit, first = h.changes
    assert (edit.kind, first.kind) == ("edited", "published")
    assert ["".join(p.text for p in line.parts) for line in edit.diff if line.kind != "hunk"][-2:] == [
        "新答复第一稿。", "新答复第二稿。"]
    assert h.first == dt.datetime(2026, 5, 1, 9, 0, tzinfo=TZ)
    shown = "\n".join("".join(p.text for p in line.parts) for v in h.changes for line in v.diff)
    assert "旧答复" not in shown


def test_a_file_renamed_onto_a_deleted_name_keeps_its_own_older_commits(tmp_path):
    # 0001-fgw.md deleted; later 0001-old.md (a reply of its own since April) renamed to 0001-fgw.md.
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    put(content, REPLY, reply_text("旧答复。"))
    put(content, "responses/2026/0001-old.md", reply_text("另一份答复，四月发布。"))
    commit(repo, "Publish both", "2026-04-01T09:00:00+08:00")
    git(repo, "rm", "-q", f"content/{REPLY}")
    commit(repo, "Withdraw", "2026-04-03T09:00:00+08:00")
    put(content, "responses/2026/0001-old.md", reply_text("另一份答复，四月发布，五月修改。"))
    commit(repo, "Edit the other", "2026-05-01T09:00:00+08:00")
    git(repo, "mv", "content/responses/2026/0001-old.md", f"content/{REPLY}")
    commit(repo, "Rename the other", "2026-06-01T09:00:00+08:00")
    files = git_history(content, TZ, renames=True)
    assert list(files) == [REPLY]
    assert [c.subject for c in files[REPLY].commits] == ["Rename the other", "Edit the other", "Publish both"]
    assert [c.status for c in files[REPLY].commits] == ["R", "M", "A"]
