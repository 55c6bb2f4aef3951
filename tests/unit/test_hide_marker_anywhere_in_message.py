"""【不显示差异】 written anywhere in the commit message hides the change's text (changes.SiteHistory.of).

The staff guide (七、修改记录) says: 在提交说明中加上 `【不显示差异】`（或 `[hide-diff]`）. A message written in
an editor or a web form often has a title and a description below it (after a blank line); the
marker in the description is as much in the 提交说明 as in the title. Ground truth: the versions and
the message committed here; the removed telephone number must be nowhere in the history a page shows.
"""
import datetime as dt
from types import SimpleNamespace

import pytest

from disclosure.changes import HIDE_MARKERS, SiteHistory, hidden_commits
from disclosure.kinds import standard_kinds
from tests.support.gitrepo import commit, new_repo, put, reply_text

TZ = dt.timezone(dt.timedelta(hours=8))
REPLY = "responses/2026/0001-fgw.md"
PHONE = "联系人电话：13800000000。"


@pytest.mark.parametrize("marker", HIDE_MARKERS)
def test_a_marker_in_the_messages_description_hides_the_text_too(tmp_path, marker):
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    put(content, REPLY, reply_text("我委高度重视。"))
    commit(repo, "发布区发改委答复", "2026-04-01T09:00:00+08:00")
    put(content, REPLY, reply_text("我委高度重视。\n\n" + PHONE))
    commit(repo, "补充联系人", "2026-04-02T09:00:00+08:00")
    put(content, REPLY, reply_text("我委高度重视。"))
    commit(repo, f"删除误填的个人电话\n\n按办公室要求处理。{marker}", "2026-04-03T09:00:00+08:00")
    entry = SimpleNamespace(path=REPLY, disclosure="full", date=dt.date(2026, 4, 1))
    removal, addition, first = SiteHistory(content, TZ, standard_kinds().history_folders).of(entry).changes
    for view in (removal, addition):
        assert view.diff == []
        assert view.diff_hidden == "此次修改涉及不宜公开的内容，不显示修改前后的文字。"
        assert view.what == "正文"  # what changed is still said
    assert first.kind == "published"
    shown = [w for v in (removal, addition, first) for w in (v.what, v.note, v.diff_hidden, v.disclosure_change)]
    shown += ["".join(p.text for p in line.parts) for v in (removal, addition, first) for line in v.diff]
    assert "13800000000" not in "\n".join(shown)
    assert hidden_commits(content) == {removal.sha}  # the caches are purged for the same commit
