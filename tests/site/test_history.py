"""Verifiable history: a page shows when its file was published, changed, and what changed
(never a commit message or hash, and no text that was not public in full).

A temporary git repository holds the content; commits are dated explicitly so
the dates the page shows are known. A plain folder builds the same site with no
history block.
"""
import re

import pytest
from bs4 import BeautifulSoup

from conftest import assigned_proposal, build, response, site_yaml, write_tree
from tests.support.gitrepo import commit, git


def page(out, url):
    return BeautifulSoup((out / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(node):
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()


REPLY_V1 = "我委高度重视，将于明年研究制定补助办法。"
REPLY_V2 = "我委高度重视，已于今年研究制定补助办法。"


@pytest.fixture
def repo(tmp_path):
    """A git checkout whose content/ holds a proposal and a reply edited in two later commits."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    content = repo / "content"
    pid = "2026-0001"
    write_tree(content, {"site.yaml": site_yaml(), **dict([assigned_proposal()]),
                         **dict([response(pid, body=REPLY_V1 + "\n\n联系人：区发改委办公室。")])})
    commit(repo, "Publish proposal 0001 and the reply of 区发改委", "2026-04-02T09:30:00+08:00")
    reply = content / "responses/2026/0001-fgw.md"
    reply.write_text(reply.read_text(encoding="utf-8").replace(REPLY_V1, REPLY_V2), encoding="utf-8")
    commit(repo, "Correct the reply: the subsidy rules are already drafted", "2026-05-06T15:00:00+08:00")
    path, body = response(pid, doc_no="测发改〔2026〕12号", body=REPLY_V2 + "\n\n联系人：区发改委办公室。")
    reply.write_text(body, encoding="utf-8")
    commit(repo, "Add the document number to the reply", "2026-06-07T10:15:00+08:00")
    return repo


def test_reply_page_shows_dates_what_changed_and_diff(repo, tmp_path):
    out = tmp_path / "out"
    result = build(repo / "content", out)
    assert result.returncode == 0, result.stderr

    soup = page(out, "responses/2026/0001-fgw")
    section = soup.select_one("section.history")
    assert section is not None, "the reply page has no history block"
    facts = dict(zip([text(d) for d in section.select("dl dt")], [text(d) for d in section.select("dl dd")]))
    assert facts["首次发布"] == "2026年4月2日 09:30"
    assert facts["最后修改"] == "2026年6月7日 10:15"

    changes = section.select("li.change")
    assert [text(c.select_one(".change-kind")) for c in changes] == ["修改", "修改", "首次发布"]
    # What each change changed, named from the two versions (文号 is doc_no's Chinese name).
    assert [text(c.select_one(".change-what")) if c.select_one(".change-what") else "" for c in changes] == [
        "（文号）", "（正文）", ""]
    # Commit messages and hashes are the developers' words: not in what a reader sees.
    shas = git(repo, "log", "--format=%H").split()
    assert len(shas) == 3
    for said in ["Add the document number", "Correct the reply", "Publish proposal 0001", *shas, *(h[:7] for h in shas)]:
        assert said not in text(soup), said
    assert text(changes[1].time) == "2026年5月6日 15:00"

    # The edit of the text: the old and new line, with the changed characters marked.
    correction = changes[1].select_one("table.diff-lines")
    removed = [r.td.get_text() for r in correction.select("tr.diff-del")]
    added = [r.td.get_text() for r in correction.select("tr.diff-add")]
    assert removed == [REPLY_V1] and added == [REPLY_V2]
    assert [d.get_text() for d in correction.select("del")] == ["将", "明"]
    assert [i.get_text() for i in correction.select("ins")] == ["已", "今"]
    # The metadata edit shows as an added front-matter line.
    added_key = [r.td.get_text() for r in changes[0].select("tr.diff-add")]
    assert added_key == ["doc_no: 测发改〔2026〕12号"]
    assert changes[2].select_one("table") is None  # the first version is the page itself

    # The proposal was never edited: one change, no diff.
    psec = page(out, "proposals/2026/0001").select_one("section.history")
    assert [text(c.select_one(".change-kind")) for c in psec.select("li.change")] == ["首次发布"]
    assert "发布后未修改" in text(psec)
    # Announcements and listings do not carry the block.
    assert page(out, "proposals").select_one("section.history") is None


def test_history_is_escaped(repo, tmp_path):
    reply = repo / "content/responses/2026/0001-fgw.md"
    source = reply.read_text(encoding="utf-8").replace("result: A\n", "result: A\nchange_note: <b>bold</b> 说明\n")
    reply.write_text(source + "\n<script>alert(1)</script>\n", encoding="utf-8")
    commit(repo, "<i>message</i>", "2026-07-01T08:00:00+08:00")
    out = tmp_path / "out"
    assert build(repo / "content", out).returncode == 0
    html = (out / "responses/2026/0001-fgw/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "<b>bold</b>" not in html and "message</i>" not in html
    assert "修改说明：&lt;b&gt;bold&lt;/b&gt; 说明" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text in the diff


def test_change_note_shows_with_the_change_that_brings_it(repo, tmp_path):
    """修改说明 (change_note): the staff's words for a change, shown once, never from a withheld version."""
    reply = repo / "content/responses/2026/0001-fgw.md"
    original = reply.read_text(encoding="utf-8")
    reply.write_text(original.replace("result: A\n", "result: B\n修改说明: 更正答复类别\n"), encoding="utf-8")
    commit(repo, "v4", "2026-07-01T08:00:00+08:00")
    reply.write_text(original.replace("result: A\n", "result: B\n修改说明: 更正答复类别\n")
                     .replace("联系人：区发改委办公室。", "联系人：区发改委综合科。"), encoding="utf-8")
    commit(repo, "v5", "2026-07-02T08:00:00+08:00")
    reply.write_text(original.replace("result: A\n", "result: B\ndisclosure: withheld\nchange_note: 内部：转为不公开\n"),
                     encoding="utf-8")
    commit(repo, "v6", "2026-07-03T08:00:00+08:00")
    reply.write_text(original.replace("result: A\n", "result: B\nchange_note: 恢复全文公开\n"), encoding="utf-8")
    commit(repo, "v7", "2026-07-04T08:00:00+08:00")
    out = tmp_path / "out"
    assert build(repo / "content", out).returncode == 0
    changes = page(out, "responses/2026/0001-fgw").select("section.history li.change")
    notes = [text(c.select_one(".change-note")) if c.select_one(".change-note") else "" for c in changes]
    assert notes == ["修改说明：恢复全文公开", "", "", "修改说明：更正答复类别", "", "", ""]
    assert "内部：转为不公开" not in text(page(out, "responses/2026/0001-fgw"))
    assert text(changes[3].select_one(".change-what")) == "（答复类别）"  # the note itself is not listed


def test_withheld_or_hidden_text_never_shows_in_history(repo, tmp_path):
    reply = repo / "content/responses/2026/0001-fgw.md"
    reply.write_text(reply.read_text(encoding="utf-8").replace("联系人：区发改委办公室。", "私人电话 13800000000。"),
                     encoding="utf-8")
    commit(repo, "Add a phone number by mistake", "2026-07-01T08:00:00+08:00")
    reply.write_text(reply.read_text(encoding="utf-8").replace("私人电话 13800000000。", "联系人：区发改委办公室。"),
                     encoding="utf-8")
    commit(repo, "Remove the phone number [hide-diff]", "2026-07-02T08:00:00+08:00")
    out = tmp_path / "out"
    assert build(repo / "content", out).returncode == 0
    soup = page(out, "responses/2026/0001-fgw")
    assert "13800000000" not in str(soup)
    changes = soup.select("section.history li.change")
    assert len(changes) == 5 and text(changes[0].select_one(".change-what")) == "（正文）"
    # The marked change and every earlier edit hide their text: older versions held the number too.
    for change in changes[:4]:
        assert change.select_one("table") is None and "不宜公开" in text(change)
    assert "首次发布" in text(changes[4])

    # A withheld reply shows its dates and messages but no text from any version.
    reply.write_text(reply.read_text(encoding="utf-8").replace("result: A\n", "result: A\ndisclosure: withheld\n"),
                     encoding="utf-8")
    commit(repo, "Withhold the reply", "2026-07-03T08:00:00+08:00")
    assert build(repo / "content", out).returncode == 0
    soup = page(out, "responses/2026/0001-fgw")
    section = soup.select_one("section.history")
    assert "补助办法" not in str(soup) and section.select_one("table") is None
    assert "公开属性由「全文公开」改为「不予公开」" in text(section) and "不是全文公开" in text(section)


def test_renamed_file_keeps_its_first_date(repo, tmp_path):
    content = repo / "content"
    git(repo, "mv", "content/responses/2026/0001-fgw.md", "content/responses/2026/0001-fgw-a.md")
    commit(repo, "Rename the reply file", "2026-08-01T08:00:00+08:00")
    reply = content / "responses/2026/0001-fgw-a.md"
    reply.write_text(reply.read_text(encoding="utf-8").replace("result: A", "result: B"), encoding="utf-8")
    commit(repo, "Correct the reply class", "2026-08-02T08:00:00+08:00")
    out = tmp_path / "out"
    assert build(content, out).returncode == 0
    section = page(out, "responses/2026/0001-fgw-a").select_one("section.history")
    assert "2026年4月2日" in text(section.select_one("dl"))
    changes = section.select("li.change")
    assert [text(c.select_one(".change-kind")) for c in changes] == ["修改", "文件更名", "修改", "修改", "首次发布"]
    assert [r.td.get_text() for r in changes[0].select("tr.diff-del, tr.diff-add")] == ["result: A", "result: B"]
    assert changes[1].select_one("table") is None  # a rename changes no text
    # The edits made under the old name still show their text.
    assert [d.get_text() for d in changes[3].select("del")] == ["将", "明"]


def test_a_new_reply_git_pairs_with_a_withdrawn_one_shows_none_of_its_history(repo, tmp_path):
    # The reply is withdrawn, and in the same commit another proposal's reply is written from it
    # (same unit, same wording): git calls that a rename by likeness alone. The new reply's page
    # must not show the withdrawn one's dates or earlier text (REPLY_V1), nor must any other output.
    content = repo / "content"
    old = (content / "responses/2026/0001-fgw.md").read_text(encoding="utf-8")
    git(repo, "rm", "-q", "content/responses/2026/0001-fgw.md")
    write_tree(content, {**dict([assigned_proposal("0002")]),
                         "responses/2026/0002-fgw.md": old.replace("2026-0001", "2026-0002")})
    commit(repo, "Withdraw the reply to 0001; publish the reply to 0002", "2026-09-01T08:00:00+08:00")
    assert "R" in git(repo, "log", "-1", "-M", "--name-status", "--format=")  # git pairs them
    out = tmp_path / "out"
    assert build(content, out).returncode == 0
    section = page(out, "responses/2026/0002-fgw").select_one("section.history")
    assert [text(c.select_one(".change-kind")) for c in section.select("li.change")] == ["首次发布"]
    assert "2026年9月1日" in text(section.select_one("dl")) and "2026年4月2日" not in text(section)
    leaked = [p for p in out.rglob("*") if p.is_file() and REPLY_V1.encode() in p.read_bytes()]
    assert leaked == []


def test_plain_folder_builds_without_history(repo, tmp_path):
    plain = tmp_path / "plain"
    write_tree(plain, {str(p.relative_to(repo / "content")): p.read_bytes()
                       for p in (repo / "content").rglob("*") if p.is_file()})
    out = tmp_path / "out"
    result = build(plain, out)
    assert result.returncode == 0, result.stderr
    soup = page(out, "responses/2026/0001-fgw")
    assert soup.select_one("section.history") is None and "修改记录" not in text(soup)
    assert REPLY_V2 in text(soup)


# Disclosure over history: text that was withheld or only summarised in an earlier version
# never reaches the public page once the entry is full. Each version's body carries its own
# sentences; the secret ones were never public in full and must not appear in any output file.
OPENING = "一、办理情况：本件已按程序办理，现将有关情况说明如下。"
CLOSING = "三、下一步工作：我们将继续跟踪落实，并及时向社会公开进展。"
SECRET_1 = "内部意见：拟由张某某私下协调征地补偿款八百万元。"
SECRET_2 = "内部意见：补偿款改为分三年拨付，暂不对外说明。"
PUBLIC_1 = "二、主要做法：已制定补偿方案并向社会公开征求意见。"
PUBLIC_2 = "二、主要做法：已制定补偿方案并经公开征求意见后印发。"
SUMMARY = "本件答复摘要：已制定补偿方案。"


def body_with(middle):
    return f"{OPENING}\n\n{middle}\n\n{CLOSING}"


def entry_file(kind, level, middle):
    fields = {"body": body_with(middle)}
    if level != "full":
        fields["disclosure"] = level
    if level == "summary":
        fields["summary"] = SUMMARY
    if kind == "proposal":
        return assigned_proposal(**fields)[1]
    return response(**fields)[1]


# kind → (the file's path, an earlier name it had before a `git mv`, the page's URL)
KINDS = {
    "proposal": ("proposals/2026/0001.md", "proposals/2026/1.md", "proposals/2026/0001"),
    "reply": ("responses/2026/0001-fgw.md", "responses/2026/0001-fgw-draft.md", "responses/2026/0001-fgw"),
}
# Each version: (disclosure, the body's middle paragraph). The last edit (full → full) must
# still show its diff: the guarantee hides only what was not public, not every change.
TRANSITIONS = {
    "withheld-full": [("withheld", SECRET_1), ("full", PUBLIC_1), ("full", PUBLIC_2)],
    "summary-full": [("summary", SECRET_1), ("full", PUBLIC_1), ("full", PUBLIC_2)],
    "withheld-summary-full": [("withheld", SECRET_1), ("summary", SECRET_2), ("full", PUBLIC_1), ("full", PUBLIC_2)],
    "full-withheld-full": [("full", PUBLIC_1), ("withheld", SECRET_1), ("full", PUBLIC_1), ("full", PUBLIC_2)],
    "withheld-full-across-git-mv": [("withheld", SECRET_1), ("full", PUBLIC_1), ("full", PUBLIC_2)],
}
LEVEL_ZH = {"full": "全文公开", "summary": "摘要公开", "withheld": "不予公开"}


def all_output_text(out):
    """Every text file of the built site (pages, feeds, data, search records)."""
    for path in out.rglob("*"):
        if path.is_file():
            yield path, path.read_bytes().decode("utf-8", "replace")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("transition", TRANSITIONS)
def test_history_shows_no_text_that_was_not_public_in_full(tmp_path, kind, transition):
    path, old_path, url = KINDS[kind]
    versions = TRANSITIONS[transition]
    moved = transition.endswith("git-mv")
    repo = tmp_path / "repo"
    content = repo / "content"
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    base = {"site.yaml": site_yaml()}
    if kind == "reply":
        base.update([assigned_proposal()])
    first_path = old_path if moved else path
    write_tree(content, {**base, first_path: entry_file(kind, *versions[0])})
    commit(repo, "Publish the entry", "2026-04-02T09:00:00+08:00")
    for n, version in enumerate(versions[1:], start=1):
        if moved and n == 1:  # renamed and made public in the same commit
            git(repo, "mv", f"content/{old_path}", f"content/{path}")
        (content / path).write_text(entry_file(kind, *version), encoding="utf-8")
        commit(repo, f"Version {n + 1}", f"2026-04-{2 + n:02d}T09:00:00+08:00")

    out = tmp_path / "out"
    result = build(content, out)
    assert result.returncode == 0, result.stderr
    secrets = {middle for level, middle in versions if level != "full"}
    for file, body in all_output_text(out):
        for secret in secrets:
            assert secret not in body, f"{secret} (never public in full) is in {file.relative_to(out)}"

    changes = page(out, url).select("section.history li.change")
    assert len(changes) == len(versions)
    for change, (before, _), (after, _) in zip(reversed(changes[:-1]), versions, versions[1:]):
        note = change.select_one(".change-disclosure")
        if before != after:
            assert text(note) == f"公开属性由「{LEVEL_ZH[before]}」改为「{LEVEL_ZH[after]}」"
        else:
            assert note is None
        if "full" != before or "full" != after:
            assert change.select_one("table") is None and "不是全文公开" in text(change)
    # The last change, between two full versions, still shows what changed.
    last = changes[0].select_one("table.diff-lines")
    assert [r.td.get_text() for r in last.select("tr.diff-del")] == [PUBLIC_1]
    assert [r.td.get_text() for r in last.select("tr.diff-add")] == [PUBLIC_2]


def test_a_back_catalogue_entry_says_when_it_was_entered_never_first_published_after_itself(tmp_path):
    """A 2023 proposal typed in in 2026: the page says 录入本站 2026…, not 首次发布 2026… (issue 18)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    content = repo / "content"
    write_tree(content, {"site.yaml": site_yaml(), **dict([assigned_proposal("0110", year=2023),
                                                            assigned_proposal("0001", year=2026)])})
    commit(repo, "Enter the back catalogue and a new proposal", "2026-04-02T09:30:00+08:00")
    out = tmp_path / "output"
    result = build(content, out)
    assert result.returncode == 0, result.stderr
    old = page(out, "proposals/2023/0110").select_one(".history")
    assert [text(dt) for dt in old.select(".history-facts dt")][0] == "录入本站"
    assert text(old.select_one(".change-kind")) == "录入本站" and "首次发布" not in text(old)
    new = page(out, "proposals/2026/0001").select_one(".history")  # 82 days after its submission
    assert [text(dt) for dt in new.select(".history-facts dt")][0] == "首次发布"


@pytest.mark.parametrize("now", ["withheld", "summary"])
@pytest.mark.parametrize("committed", [True, False], ids=["committed", "only-on-disk"])
def test_an_entry_no_longer_full_shows_no_text_of_its_earlier_full_versions(tmp_path, now, committed):
    """Full, edited while full, then withheld or summary-only (committed, or only in the files the
    build reads): the edit's diff was public once, but an entry shows no text now, in any version."""
    repo = tmp_path / "repo"
    content = repo / "content"
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    write_tree(content, {"site.yaml": site_yaml(), "responses/2026/0001-fgw.md": entry_file("reply", "full", PUBLIC_1),
                         **dict([assigned_proposal()])})
    commit(repo, "Publish the reply", "2026-04-02T09:00:00+08:00")
    (content / "responses/2026/0001-fgw.md").write_text(entry_file("reply", "full", PUBLIC_2), encoding="utf-8")
    commit(repo, "Edit the reply", "2026-04-03T09:00:00+08:00")
    (content / "responses/2026/0001-fgw.md").write_text(entry_file("reply", now, SECRET_1), encoding="utf-8")
    if committed:
        commit(repo, "Take the reply's text down", "2026-04-04T09:00:00+08:00")
    out = tmp_path / "out"
    result = build(content, out)
    assert result.returncode == 0, result.stderr
    changes = page(out, "responses/2026/0001-fgw").select("section.history li.change")
    assert len(changes) == (3 if committed else 2)  # the page does show the history, without text
    for file, body in all_output_text(out):
        for gone in (PUBLIC_1, PUBLIC_2, SECRET_1):
            assert gone not in body, f"{gone} is in {file.relative_to(out)}"
    assert all(c.select_one("table") is None for c in changes)


def test_the_newest_hide_marker_hides_every_change_before_it_even_after_an_older_marker(repo, tmp_path):
    """Two mistakes, each removed by a commit marked 【不显示差异】: the newer marker hides its change
    and every earlier one, including those between the two markers."""
    reply = repo / "content/responses/2026/0001-fgw.md"
    for mistake, day in (("私人电话 13800000000。", 1), ("家庭住址：某小区某号。", 3)):
        reply.write_text(reply.read_text(encoding="utf-8").replace("联系人：区发改委办公室。", mistake),
                         encoding="utf-8")
        commit(repo, "Add a line", f"2026-07-{day:02d}T08:00:00+08:00")
        reply.write_text(reply.read_text(encoding="utf-8").replace(mistake, "联系人：区发改委办公室。"),
                         encoding="utf-8")
        commit(repo, "Remove it 【不显示差异】", f"2026-07-{day + 1:02d}T08:00:00+08:00")
    out = tmp_path / "out"
    assert build(repo / "content", out).returncode == 0
    soup = page(out, "responses/2026/0001-fgw")
    assert "13800000000" not in str(soup) and "某小区某号" not in str(soup)
    changes = soup.select("section.history li.change")
    assert len(changes) == 7 and all(c.select_one("table") is None for c in changes)
