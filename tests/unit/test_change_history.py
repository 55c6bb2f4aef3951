"""修改记录 on an entry's page (changes.SiteHistory.of): what each change shows, from a real git repository.

Ground truth is the versions committed here, each with the 公开属性 and text written into it and a
date given to git: a diff is shown only for a change between two versions both declared 全文公开,
of an entry that is 全文公开 now, and never across a commit staff marked to hide its text.
No site is built: the history is read the way a page reads it.
"""
import datetime as dt
from types import SimpleNamespace

import pytest

from conftest import front_matter
from disclosure.changes import HIDE_MARKERS, MAX_DIFF_LINES, SiteHistory, hidden_commits, own_date
from disclosure.history import git_history
from disclosure.kinds import standard_kinds
from tests.support.gitrepo import commit, git, new_repo, put

TZ = dt.timezone(dt.timedelta(hours=8))
REPLY = "responses/2026/0001-fgw.md"

V1 = "我委高度重视，将于明年研究制定补助办法。"
V2 = "我委高度重视，已于今年研究制定补助办法。"
SECRET = "内部意见：补助资金尚未落实，暂缓答复。"  # written while the reply was 不予公开
V4 = "我委已于今年出台补助办法，并在三个街道试点。"
SUMMARY_TIME = "摘要阶段的正文：试点街道名单待定。"  # written while the reply was 摘要公开


def reply_text(body, disclosure="全文公开", note=None, doc_no=None):
    meta = {"对应提案": "2026-0001", "答复单位": "fgw", "办理角色": "lead", "答复日期": "2026-04-01",
            "答复类别": "A", "公开属性": disclosure}
    if doc_no:
        meta["文号"] = doc_no
    if note:
        meta["修改说明"] = note
    return front_matter(meta, body + "\n\n联系人：区发改委办公室。")


def history(content, disclosure="full", path=REPLY, **dates):
    """The EntryHistory a page of this entry shows (dates: the entry's own date fields)."""
    site_history = SiteHistory(content, TZ, standard_kinds().history_folders)
    entry = SimpleNamespace(path=path, disclosure=disclosure, **(dates or {"date": dt.date(2026, 4, 1)}))
    return site_history.of(entry)


def diff_text(view):
    return ["".join(p.text for p in line.parts) for line in view.diff]


def shown(view, kind):
    return ["".join(p.text for p in line.parts) for line in view.diff if line.kind == kind]


def changed_lines(before_text, after_text):
    """The lines a diff of two committed versions must show: (removed, added), from the texts."""
    old, new = before_text.splitlines(), after_text.splitlines()
    return [x for x in old if x not in new], [x for x in new if x not in old]


def all_words(h):
    """Everything a reader could see of the history, as one string."""
    out = []
    for v in h.changes:
        out += [v.kind, v.diff_hidden, v.disclosure_change, v.what, v.note, *diff_text(v)]
    return "\n".join(out)


@pytest.fixture
def story(tmp_path):
    """A reply published in full, corrected, withheld (with a secret written in), then full again."""
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    put(content, REPLY, reply_text(V1))
    commit(repo, "Publish the reply of fgw", "2026-04-02T09:30:00+08:00")
    put(content, REPLY, reply_text(V2, note="更正答复中的时间"))
    commit(repo, "Correct the reply", "2026-05-06T15:00:00+08:00")
    put(content, REPLY, reply_text(SECRET, disclosure="不予公开", note="涉及内部意见，暂不公开"))
    commit(repo, "Withhold the reply", "2026-06-07T10:15:00+08:00")
    put(content, REPLY, reply_text(V4, doc_no="测发改〔2026〕12号", note="重新全文公开"))
    commit(repo, "Publish the reply again", "2026-07-08T08:00:00+08:00")
    return content


def test_each_change_is_dated_and_named_newest_first(story):
    h = history(story)
    assert h.first == dt.datetime(2026, 4, 2, 9, 30, tzinfo=TZ)
    assert h.last == dt.datetime(2026, 7, 8, 8, 0, tzinfo=TZ)
    assert [v.when for v in h.changes] == [dt.datetime(2026, 7, 8, 8, 0, tzinfo=TZ),
                                           dt.datetime(2026, 6, 7, 10, 15, tzinfo=TZ),
                                           dt.datetime(2026, 5, 6, 15, 0, tzinfo=TZ),
                                           dt.datetime(2026, 4, 2, 9, 30, tzinfo=TZ)]
    assert [v.kind for v in h.changes] == ["edited", "edited", "edited", "published"]
    assert h.edited and h.complete and h.first_label == "首次发布"
    # What changed, by the Chinese names of what differs between the two versions (never 公开属性
    # or 修改说明 themselves); the first version changed nothing.
    assert [v.what for v in h.changes] == ["正文、文号", "正文", "正文", ""]
    # The commits are the ones made here (a page keeps each hash in a data attribute).
    assert [v.sha for v in h.changes] == git(story.parent, "log", "--format=%H").split()


def test_a_diff_only_between_two_versions_both_public_in_full(story):
    newest, withholding, correction, first = history(story).changes
    # The correction: both versions 全文公开, so the old and new lines are shown (the sentence,
    # and the 修改说明 written into the front matter), the changed characters marked (将→已, 明→今).
    removed, added = changed_lines(reply_text(V1), reply_text(V2, note="更正答复中的时间"))
    assert removed == [V1] and V2 in added and len(added) == 2
    assert shown(correction, "del") == removed and shown(correction, "add") == added
    dels = [line for line in correction.diff if line.kind == "del"]
    assert [p.text for p in dels[0].parts if p.changed] == ["将", "明"]
    adds = {"".join(p.text for p in line.parts): line for line in correction.diff if line.kind == "add"}
    assert [p.text for p in adds[V2].parts if p.changed] == ["已", "今"]
    note_line = next(x for x in added if x != V2)
    assert [(p.text, p.changed) for p in adds[note_line].parts] == [(note_line, False)]  # a line added alone
    assert correction.diff_hidden == "" and correction.truncated == 0
    # Into and out of 不予公开: dates and what changed, never the text.
    for view in (withholding, newest):
        assert view.diff == []
        assert view.diff_hidden == "修改前或修改后的版本不是全文公开，不显示修改前后的文字。"
    assert withholding.disclosure_change == "公开属性由「全文公开」改为「不予公开」"
    assert newest.disclosure_change == "公开属性由「不予公开」改为「全文公开」"
    assert correction.disclosure_change == "" and first.disclosure_change == ""
    assert first.diff == [] and first.diff_hidden == ""


def test_the_line_numbers_of_a_diff_are_the_files_own(story, tmp_path):
    correction = history(story).changes[2]
    old_lines = reply_text(V1).splitlines()
    new_lines = reply_text(V2, note="更正答复中的时间").splitlines()
    _, added = changed_lines(reply_text(V1), reply_text(V2, note="更正答复中的时间"))
    # 1-based lines of each added line in the new version, of the removed one in the old
    assert [line.new for line in correction.diff if line.kind == "add"] == [new_lines.index(x) + 1 for x in added]
    assert [line.old for line in correction.diff if line.kind == "del"] == [old_lines.index(V1) + 1]
    # An unchanged line keeps its number on both sides (nothing before it moved it).
    same = [line for line in correction.diff if line.kind == "same" and line.parts[0].text]
    for line in same:
        assert old_lines[line.old - 1] == line.parts[0].text == new_lines[line.new - 1]
    # Each stretch says the line it starts at in the new version.
    for k, line in enumerate(correction.diff):
        if line.kind == "hunk":
            after = correction.diff[k + 1]
            assert line.parts[0].text == f"第 {after.new} 行起"
    assert any(line.kind == "hunk" for line in correction.diff)


def test_text_written_while_withheld_or_in_summary_is_never_shown(tmp_path):
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    put(content, REPLY, reply_text(SECRET, disclosure="不予公开"))
    commit(repo, "Add the reply, withheld", "2026-04-02T09:30:00+08:00")
    put(content, REPLY, reply_text(SUMMARY_TIME, disclosure="摘要公开"))
    commit(repo, "Publish the summary", "2026-05-06T15:00:00+08:00")
    put(content, REPLY, reply_text(V1))
    commit(repo, "Publish in full", "2026-06-07T10:15:00+08:00")
    put(content, REPLY, reply_text(V2))
    commit(repo, "Correct", "2026-07-08T08:00:00+08:00")
    h = history(content)
    words = all_words(h)
    for secret in (SECRET, SUMMARY_TIME, "试点街道", "暂缓答复"):
        assert secret not in words
    correction, to_full, to_summary, _ = h.changes
    assert shown(correction, "del") == [V1] and shown(correction, "add") == [V2]
    assert to_full.disclosure_change == "公开属性由「摘要公开」改为「全文公开」"
    assert to_summary.disclosure_change == "公开属性由「不予公开」改为「摘要公开」"
    assert to_full.diff == [] and to_summary.diff == []


def test_an_entry_not_public_in_full_now_shows_no_diff_at_all(story):
    for level in ("summary", "withheld"):
        h = history(story, disclosure=level)
        assert [v.kind for v in h.changes] == ["edited", "edited", "edited", "published"]
        for view in h.changes[:-1]:
            assert view.diff == []
            assert view.diff_hidden == "本条目不是全文公开，不显示修改前后的文字。"
        assert V1 not in all_words(h) and V2 not in all_words(h)
        # Still the dates and what changed.
        assert [v.what for v in h.changes] == ["正文、文号", "正文", "正文", ""]


def test_the_staff_note_shows_once_and_never_from_a_withheld_version(story, tmp_path):
    newest, withholding, correction, first = history(story).changes
    assert correction.note == "更正答复中的时间"
    assert withholding.note == ""  # written into a 不予公开 version: not shown
    assert newest.note == "重新全文公开"
    assert first.note == ""
    # A note left unchanged in the next version is not shown again.
    repo = story.parent
    put(story, REPLY, reply_text(V4 + "补充。", doc_no="测发改〔2026〕12号", note="重新全文公开"))
    commit(repo, "Another edit, the note left as it was", "2026-08-01T08:00:00+08:00")
    again = history(story).changes[0]
    assert again.note == "" and again.what == "正文"
    assert shown(again, "add") == [V4 + "补充。"]
    # A version that drops the note has none to show.
    put(story, REPLY, reply_text(V4 + "补充。", doc_no="测发改〔2026〕12号"))
    commit(repo, "The note taken out", "2026-08-02T08:00:00+08:00")
    dropped = history(story).changes[0]
    assert dropped.note == "" and dropped.what == ""


def test_versions_written_with_english_keys_are_named_and_noted_the_same(tmp_path):
    # conftest's writers use the English keys (doc_no, change_note) that staff may also write.
    from conftest import response

    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    put(content, REPLY, response(body=V1)[1])
    commit(repo, "Publish", "2026-04-02T09:30:00+08:00")
    put(content, REPLY, response(body=V2, doc_no="测发改〔2026〕12号", signer="李四", change_note="补文号")[1])
    commit(repo, "Edit", "2026-05-06T15:00:00+08:00")
    put(content, REPLY, response(body=V2, doc_no="测发改〔2026〕12号", signer="王五", change_note="补文号")[1])
    commit(repo, "Edit again", "2026-05-07T15:00:00+08:00")
    newest, edit, _ = history(content).changes
    assert edit.what == "正文、文号、签发人" and edit.note == "补文号"
    assert newest.what == "签发人" and newest.note == ""


def test_a_note_in_a_summary_version_is_shown(tmp_path):
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    put(content, REPLY, reply_text(V1, disclosure="摘要公开"))
    commit(repo, "Add", "2026-04-02T09:30:00+08:00")
    put(content, REPLY, reply_text(V2, disclosure="摘要公开", note="更正时间"))
    commit(repo, "Correct", "2026-05-06T15:00:00+08:00")
    correction = history(content, disclosure="summary").changes[0]
    assert correction.note == "更正时间"
    assert correction.disclosure_change == ""


@pytest.mark.parametrize("marker", HIDE_MARKERS)
def test_a_marked_commit_hides_its_text_and_every_earlier_one(tmp_path, marker):
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    put(content, REPLY, reply_text("第一稿。"))
    commit(repo, "Publish", "2026-04-01T09:00:00+08:00")
    put(content, REPLY, reply_text("第二稿，含一个不该公开的电话。"))
    commit(repo, "Edit", "2026-04-02T09:00:00+08:00")
    put(content, REPLY, reply_text("第三稿。"))
    commit(repo, f"Remove the phone number {marker}", "2026-04-03T09:00:00+08:00")
    put(content, REPLY, reply_text("第四稿。"))
    commit(repo, "Edit again", "2026-04-04T09:00:00+08:00")
    newest, marked, earlier, first = history(content).changes
    assert shown(newest, "del") == ["第三稿。"] and shown(newest, "add") == ["第四稿。"]
    for view in (marked, earlier):
        assert view.diff == []
        assert view.diff_hidden == "此次修改涉及不宜公开的内容，不显示修改前后的文字。"
    assert "电话" not in all_words(history(content))
    assert hidden_commits(content) == {marked.sha}


def test_no_marked_commit_hides_nothing(story):
    assert hidden_commits(story) == set()


def test_a_renamed_file_keeps_its_history_and_its_old_diffs(tmp_path):
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    old = "responses/2026/0001-old.md"
    put(content, old, reply_text(V1))
    commit(repo, "Publish", "2026-04-02T09:30:00+08:00")
    put(content, old, reply_text(V2))
    commit(repo, "Correct", "2026-05-06T15:00:00+08:00")
    git(repo, "mv", f"content/{old}", f"content/{REPLY}")
    commit(repo, "Rename", "2026-06-07T10:15:00+08:00")
    h = history(content)
    assert [v.kind for v in h.changes] == ["renamed", "edited", "published"]
    assert h.first == dt.datetime(2026, 4, 2, 9, 30, tzinfo=TZ)
    renamed, correction, _ = h.changes
    assert renamed.what == "" and renamed.diff == []  # the same text under a new name
    assert shown(correction, "del") == [V1] and shown(correction, "add") == [V2]


def test_a_long_diff_is_cut_and_says_how_much_is_left(tmp_path):
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    before = [f"第{i}段，原文。" for i in range(300)]
    after = [f"第{i}段，改后。" for i in range(300)]
    put(content, REPLY, reply_text("\n".join(before)))
    commit(repo, "Publish", "2026-04-02T09:30:00+08:00")
    put(content, REPLY, reply_text("\n".join(after)))
    commit(repo, "Rewrite", "2026-05-06T15:00:00+08:00")
    view = history(content).changes[0]
    assert len(view.diff) == MAX_DIFF_LINES
    # git's own patch of that commit: every line of its hunks is one line of the diff.
    patch = git(repo, "show", "--format=", "--no-color", view.sha, "--", f"content/{REPLY}").splitlines()
    body = patch[next(i for i, x in enumerate(patch) if x.startswith("@@")):]
    assert view.truncated == len(body) - MAX_DIFF_LINES > 0
    assert shown(view, "del")[:3] == before[:3]


def test_an_entry_typed_in_long_after_its_own_date_was_entered_not_published(tmp_path):
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    path = "proposals/2023/0001.md"
    put(content, path, front_matter({"提案号": "0001", "年度": 2023, "案由": "关于增设社区食堂的建议",
                                     "提交日期": "2023-01-10"}, "建议增设。"))
    commit(repo, "Back-catalogue", "2026-04-02T09:30:00+08:00")
    later = history(content, path=path, submitted=dt.date(2023, 1, 10))
    assert later.entered_later and later.first_label == "录入本站"
    assert [v.kind for v in later.changes] == ["entered"]
    # Within a year (366 days) of its own date it was published, not typed in later.
    first = dt.date(2026, 4, 2)
    on_time = history(content, path=path, submitted=first - dt.timedelta(days=366))
    assert not on_time.entered_later and on_time.first_label == "首次发布"
    assert [v.kind for v in on_time.changes] == ["published"]
    late = history(content, path=path, submitted=first - dt.timedelta(days=367))
    assert late.entered_later
    # No date of its own: published.
    assert history(content, path=path, submitted=None).changes[0].kind == "published"


def test_own_date_is_the_date_an_entry_is_about():
    assert own_date(SimpleNamespace(submitted=dt.date(2023, 1, 10), date=dt.date(2024, 1, 1))) == dt.date(2023, 1, 10)
    assert own_date(SimpleNamespace(public_date=dt.date(2026, 4, 3), date=dt.date(2026, 4, 1))) == dt.date(2026, 4, 3)
    assert own_date(SimpleNamespace(date=dt.date(2026, 4, 1))) == dt.date(2026, 4, 1)
    assert own_date(SimpleNamespace(submitted="未知", date=None)) is None


def test_a_shallow_clone_calls_the_first_date_the_earliest_known(story, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{story.parent}", str(clone))
    h = history(clone / "content")
    assert not h.complete and h.first_label == "最早记录"
    assert h.first == dt.datetime(2026, 7, 8, 8, 0, tzinfo=TZ)


def test_outside_git_or_before_the_first_commit_there_is_no_history(tmp_path, story):
    plain = tmp_path / "plain"
    put(plain, REPLY, reply_text(V1))
    site_history = SiteHistory(plain, TZ, standard_kinds().history_folders)
    assert not site_history
    assert history(plain) is None
    put(story, "responses/2026/0002-fgw.md", reply_text(V1))  # written, not committed
    assert bool(SiteHistory(story, TZ, standard_kinds().history_folders))
    assert history(story, path="responses/2026/0002-fgw.md") is None


def test_a_file_moved_in_from_a_folder_without_history_is_first_published_when_it_came_in(tmp_path):
    # Staff drafted the reply outside responses/ (check ignores that folder, nothing there is published)
    # and moved it in with an edit: git pairs the two names, but the draft's commits are not the
    # published reply's, so its history starts with the move, and no draft text is shown.
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    put(content, "drafts/0001-fgw.md", reply_text(V1))
    commit(repo, "Draft", "2026-04-01T09:30:00+08:00")
    (content / REPLY).parent.mkdir(parents=True)
    git(repo, "mv", "content/drafts/0001-fgw.md", f"content/{REPLY}")
    put(content, REPLY, reply_text(V1 + "此复。"))
    commit(repo, "Publish the draft", "2026-04-02T09:30:00+08:00")
    assert [c.status for c in git_history(content, TZ, renames=True)[REPLY].commits] == ["R", "A"]
    h = history(content)
    assert [v.kind for v in h.changes] == ["published"] and h.changes[0].diff == []
    assert h.first == dt.datetime(2026, 4, 2, 9, 30, tzinfo=TZ)
