"""git calls a file "renamed" when a deleted file and an added one are alike (half their lines the same):
a withdrawn reply and a new reply of another proposal, written from the same template in the same
commit, would be paired, and the new reply's 修改记录 would show the withdrawn one's dates and text.
A rename keeps its older commits only when both versions are one entry (changes.SiteHistory,
Kind.identity), and a diff is the file's own text, never a diff driver's (history.all_patches).
Ground truth: the files and dates committed here.
"""
import datetime as dt
from types import SimpleNamespace

from conftest import front_matter
from disclosure.changes import SiteHistory
from disclosure.history import git_history
from disclosure.kinds import standard_kinds
from tests.support.gitrepo import commit, git, new_repo, put

TZ = dt.timezone(dt.timedelta(hours=8))
TEMPLATE = "".join(f"　　第{n}条：按照区政府工作安排，本单位已会同有关街道研究落实相关事项。\n" for n in range(1, 9))
SECRET = "　　联系居民王某，住址某路某号，电话一三八零零零零零零零零。\n"


def reply(proposal: str, body: str) -> str:
    return front_matter({"对应提案": proposal, "答复单位": "fgw", "办理角色": "lead", "答复日期": "2026-04-01",
                         "答复类别": "A", "公开属性": "全文公开"}, body)


def proposal(number: str, body: str, year: int = 2026) -> str:
    return front_matter({"提案号": number, "年度": year, "案由": "关于加强社区养老服务的建议",
                         "提案者": ["未知"], "类别": "社会事业", "提交日期": "2026-01-10"}, body)


def shown_text(h) -> str:
    return "\n".join("".join(p.text for p in line.parts) for v in h.changes for line in v.diff)


def test_a_new_reply_paired_with_a_withdrawn_one_starts_its_own_history(tmp_path):
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    put(content, "responses/2026/0001-fgw.md", reply("2026-0001", TEMPLATE + SECRET))
    commit(repo, "Publish", "2026-04-01T09:00:00+08:00")
    git(repo, "rm", "-q", "content/responses/2026/0001-fgw.md")
    put(content, "responses/2026/0002-fgw.md", reply("2026-0002", TEMPLATE))
    commit(repo, "Withdraw one reply, publish another", "2026-05-01T09:00:00+08:00")
    put(content, "responses/2026/0002-fgw.md", reply("2026-0002", TEMPLATE + "　　补充一段。\n"))
    commit(repo, "Edit", "2026-05-02T09:00:00+08:00")
    # git itself pairs them: the case this guards against is real
    assert [c.status for c in git_history(content, TZ, renames=True)["responses/2026/0002-fgw.md"].commits] == [
        "M", "R", "A"]

    entry = SimpleNamespace(path="responses/2026/0002-fgw.md", disclosure="full", date=dt.date(2026, 4, 1))
    h = SiteHistory(content, TZ, standard_kinds().history_folders).of(entry)
    assert [v.kind for v in h.changes] == ["edited", "published"]
    assert h.first == dt.datetime(2026, 5, 1, 9, 0, tzinfo=TZ)
    assert "住址" not in shown_text(h) and "补充一段" in shown_text(h)


def test_a_new_proposal_paired_with_a_deleted_one_starts_its_own_history(tmp_path):
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    put(content, "proposals/2026/0001.md", proposal("0001", TEMPLATE + SECRET))
    commit(repo, "Publish", "2026-01-20T09:00:00+08:00")
    put(content, "proposals/2026/0001.md", proposal("0001", TEMPLATE + SECRET + "　　再补一句。\n"))
    commit(repo, "Edit", "2026-01-21T09:00:00+08:00")
    git(repo, "rm", "-q", "content/proposals/2026/0001.md")
    put(content, "proposals/2026/0002.md", proposal("0002", TEMPLATE))
    commit(repo, "Replace", "2026-02-01T09:00:00+08:00")

    entry = SimpleNamespace(path="proposals/2026/0002.md", disclosure="full", submitted=dt.date(2026, 1, 10))
    h = SiteHistory(content, TZ, standard_kinds().history_folders).of(entry)
    assert [v.kind for v in h.changes] == ["published"]
    assert h.first == dt.datetime(2026, 2, 1, 9, 0, tzinfo=TZ)


def test_a_reply_renamed_and_edited_keeps_its_history(tmp_path):
    # the same reply (same proposal, same unit) under a corrected file name, edited in the same commit
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    put(content, "responses/2026/0001-fgv.md", reply("2026-0001", TEMPLATE))
    commit(repo, "Publish", "2026-04-01T09:00:00+08:00")
    git(repo, "mv", "content/responses/2026/0001-fgv.md", "content/responses/2026/0001-fgw.md")
    put(content, "responses/2026/0001-fgw.md", reply("2026-0001", TEMPLATE + "　　补充一段。\n"))
    commit(repo, "Fix the name", "2026-04-02T09:00:00+08:00")

    entry = SimpleNamespace(path="responses/2026/0001-fgw.md", disclosure="full", date=dt.date(2026, 4, 1))
    h = SiteHistory(content, TZ, standard_kinds().history_folders).of(entry)
    assert [v.kind for v in h.changes] == ["renamed", "published"]
    assert h.first == dt.datetime(2026, 4, 1, 9, 0, tzinfo=TZ)
    assert "补充一段" in shown_text(h)


def test_a_diff_shows_the_files_own_text_whatever_gitattributes_configures(tmp_path):
    # A checkout may convert files for its diffs (.gitattributes `diff=` with a textconv or an external
    # diff): the page shows what the file said, not what a converter printed.
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    (repo / ".gitattributes").write_text("*.md diff=conv\n", encoding="utf-8")
    git(repo, "config", "diff.conv.textconv", "sed s/补充/CONVERTED/")
    git(repo, "config", "diff.conv.command", "echo EXTERNAL")
    put(content, "responses/2026/0001-fgw.md", reply("2026-0001", TEMPLATE))
    commit(repo, "Publish", "2026-04-01T09:00:00+08:00")
    put(content, "responses/2026/0001-fgw.md", reply("2026-0001", TEMPLATE + "　　补充一段。\n"))
    commit(repo, "Edit", "2026-04-02T09:00:00+08:00")

    entry = SimpleNamespace(path="responses/2026/0001-fgw.md", disclosure="full", date=dt.date(2026, 4, 1))
    h = SiteHistory(content, TZ, standard_kinds().history_folders).of(entry)
    assert "　　补充一段。" in shown_text(h).splitlines()
    assert "CONVERTED" not in shown_text(h) and "EXTERNAL" not in shown_text(h)


def test_a_rename_that_also_rewrites_the_keys_in_english_is_still_one_entry(tmp_path):
    # 对应提案 / 答复单位 before, proposal / unit after: the same reply by its kind's aliases
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    put(content, "responses/2026/0001-a.md", reply("2026-0001", TEMPLATE))
    commit(repo, "Publish", "2026-04-01T09:00:00+08:00")
    git(repo, "mv", "content/responses/2026/0001-a.md", "content/responses/2026/0001-fgw.md")
    english = front_matter({"proposal": "2026-0001", "unit": "fgw", "role": "lead", "date": "2026-04-01",
                            "result": "A", "disclosure": "full"}, TEMPLATE)
    put(content, "responses/2026/0001-fgw.md", english)
    commit(repo, "Rename, keys in English", "2026-04-02T09:00:00+08:00")
    entry = SimpleNamespace(path="responses/2026/0001-fgw.md", disclosure="full", date=dt.date(2026, 4, 1))
    h = SiteHistory(content, TZ, standard_kinds().history_folders).of(entry)
    assert [v.kind for v in h.changes] == ["renamed", "published"]


def history_of(content, path, **dates):
    entry = SimpleNamespace(path=path, disclosure="full", **dates)
    return SiteHistory(content, TZ, standard_kinds().history_folders).of(entry)


def test_two_proposals_whose_numbers_are_both_unknown_are_not_one_entry(tmp_path):
    # older records: 提案号 未知, the file name is the id; one withdrawn and another added in one commit
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    put(content, "proposals/2023/legacy-1.md", proposal("未知", TEMPLATE + SECRET, 2023))
    commit(repo, "Publish", "2026-01-20T09:00:00+08:00")
    git(repo, "rm", "-q", "content/proposals/2023/legacy-1.md")
    put(content, "proposals/2023/legacy-2.md", proposal("未知", TEMPLATE, 2023))
    commit(repo, "Withdraw one, add another", "2026-02-01T09:00:00+08:00")
    assert [c.status for c in git_history(content, TZ, renames=True)["proposals/2023/legacy-2.md"].commits] == ["R", "A"]
    h = history_of(content, "proposals/2023/legacy-2.md", submitted=dt.date(2026, 1, 10))
    assert [v.kind for v in h.changes] == ["published"] and h.first == dt.datetime(2026, 2, 1, 9, 0, tzinfo=TZ)


def test_the_units_new_reply_written_as_its_withdrawn_one_goes_is_not_the_withdrawn_one(tmp_path):
    # one unit may answer a proposal twice (重新答复): the new reply has its own date
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    put(content, "responses/2026/0001-fgw.md", reply("2026-0001", TEMPLATE + SECRET))
    commit(repo, "Publish", "2026-04-01T09:00:00+08:00")
    git(repo, "rm", "-q", "content/responses/2026/0001-fgw.md")
    put(content, "responses/2026/0001-fgw-2.md", reply("2026-0001", TEMPLATE).replace("2026-04-01", "2026-05-01"))
    commit(repo, "Withdraw the reply, publish the unit's new one", "2026-05-01T09:00:00+08:00")
    h = history_of(content, "responses/2026/0001-fgw-2.md", date=dt.date(2026, 5, 1))
    assert [v.kind for v in h.changes] == ["published"] and "住址" not in shown_text(h)


def test_a_new_reply_written_over_the_old_ones_file_name_starts_its_own_history(tmp_path):
    # the old reply moved aside and the new one written under its name: git sees an edit of that name
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    put(content, "responses/2026/0001-fgw.md", reply("2026-0001", TEMPLATE + SECRET))
    commit(repo, "Publish", "2026-04-01T09:00:00+08:00")
    git(repo, "mv", "content/responses/2026/0001-fgw.md", "content/responses/2026/0001-fgw-old.md")
    put(content, "responses/2026/0001-fgw.md", reply("2026-0001", TEMPLATE).replace("2026-04-01", "2026-05-01"))
    commit(repo, "Keep the old reply aside, publish the new one", "2026-05-01T09:00:00+08:00")
    assert [c.status for c in git_history(content, TZ, renames=True)["responses/2026/0001-fgw.md"].commits] == ["M", "A"]
    h = history_of(content, "responses/2026/0001-fgw.md", date=dt.date(2026, 5, 1))
    assert [v.kind for v in h.changes] == ["published"] and "住址" not in shown_text(h)


def test_the_diff_shown_is_of_the_pair_whose_identity_was_compared(tmp_path):
    # git pairs renames among the files it is shown: the change history and the diffs must be read over
    # the same files, or the diff of another pairing (the withdrawn X → Y) is shown under Z → Y's.
    lines = [f"　　第{n}条：按照区政府工作安排，本单位已会同有关街道研究落实相关事项，编号{n * 7919}。\n"
             for n in range(1, 21)]
    other = [f"　　另{n}：经认真研究，我委将继续推进相关工作并及时反馈，序号{n * 104729}。\n" for n in range(1, 21)]
    repo = new_repo(tmp_path / "repo")
    content = repo / "content"
    put(content, "responses/2026/0001-fgw.md", reply("2026-0001", "".join(lines) + SECRET))
    put(content, "responses/2026/0002-fgw.md", reply("2026-0002", "".join(lines[:12] + other[10:16])))
    commit(repo, "Publish", "2026-04-01T09:00:00+08:00")
    git(repo, "rm", "-q", "content/responses/2026/0001-fgw.md", "content/responses/2026/0002-fgw.md")
    put(content, "responses/2026/0002-fgw-new.md", reply("2026-0002", "".join(lines[:14] + other[:6])))
    put(content, "announcements/2026/notice.md", "---\n标题: 通知\n发布日期: 2026-05-01\n类型: 通知\n---\n\n" + "".join(lines))
    commit(repo, "Reorganise", "2026-05-01T09:00:00+08:00")
    h = history_of(content, "responses/2026/0002-fgw-new.md", date=dt.date(2026, 4, 1))
    assert "住址" not in shown_text(h)
