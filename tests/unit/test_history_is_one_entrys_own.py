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


def proposal(number: str, body: str) -> str:
    return front_matter({"提案号": number, "年度": 2026, "案由": "关于加强社区养老服务的建议",
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
