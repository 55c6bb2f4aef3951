"""Feeds as a subscriber's reader sees them: valid, stable, and each new step is news."""
import os
import subprocess

import pytest
from bs4 import BeautifulSoup

from conftest import assigned_proposal, build, response, site_yaml, write_tree
from support.feedcheck import atom_errors, parse_feed, rss_errors


def entries(out, path):
    feed = parse_feed((out / path).read_bytes())
    return {e.id: e for e in feed.entries}


def test_every_feed_of_the_sample_site_is_valid(sample_site):
    feeds = sorted((sample_site / "feeds").rglob("*.xml"))
    assert len(feeds) > 40
    for path in feeds:
        data = path.read_bytes()
        errors = atom_errors(data) if path.name.endswith(".atom.xml") else rss_errors(data)
        assert errors == [], (path, errors)
        parse_feed(data)


def test_expected_feeds_exist(sample_site):
    for name in ["all.atom.xml", "all.rss.xml", "replies.atom.xml", "replies.rss.xml", "announcements.atom.xml",
                 "units/fgw.atom.xml", "categories/ecology.rss.xml", "proposals/2023/0110.atom.xml",
                 "proposals/2023/0110.rss.xml"]:
        assert (sample_site / "feeds" / name).is_file(), name


def test_rss_guids_are_not_permalinks(sample_site):
    soup = BeautifulSoup((sample_site / "feeds/all.rss.xml").read_text(encoding="utf-8"), "xml")
    guids = soup.find_all("guid")
    assert guids and all(g["isPermaLink"] == "false" and g.text.startswith("urn:uuid:") for g in guids)


def test_proposal_feed_has_every_step_with_readable_titles(sample_site):
    feed = parse_feed((sample_site / "feeds/proposals/2023/0110.atom.xml").read_bytes())
    titles = [e.title for e in feed.entries]
    assert "区发改委答复：聚力低碳社区建设，推进黄浦区绿色低碳高质量发展的建议" in titles
    kinds = {t.split("：")[0] for t in titles}
    assert {"新提案", "立案", "办结"} <= kinds
    # submitted, review, assigned, 2 events, 2 replies, feedback, closed, 2 commitment updates (0110-fgw.md)
    assert len(titles) == 11
    reply = next(e for e in feed.entries if e.title.startswith("区发改委答复"))
    assert reply.link == "https://zx.example.org/responses/2023/0110-fgw/"
    assert "汇龙新城" in reply.content[0].value
    assert feed.feed.link == "https://zx.example.org/proposals/2023/0110/"


def test_subscribe_page_lists_copyable_links(sample_site):
    soup = BeautifulSoup((sample_site / "feeds/index.html").read_text(encoding="utf-8"), "html.parser")
    codes = [c.get_text() for c in soup.select("table.feeds code")]
    assert "https://zx.example.org/feeds/all.atom.xml" in codes
    assert "https://zx.example.org/feeds/units/fgw.rss.xml" in codes
    assert "什么是订阅源" in soup.get_text()


@pytest.fixture
def timeline_site(tmp_path):
    """A content tree the test changes between builds, as staff would."""
    content = tmp_path / "content"
    write_tree(content, {"site.yaml": site_yaml(),
                         **dict([assigned_proposal("0001", handling="lead_co", co_units=["区民政局"]),
                                 assigned_proposal("0002", lead_units=["区生态环境局"]),
                                 response("2026-0002", unit="sthj")])})
    return content


def build_feeds(content, out):
    result = build(content, out)
    assert result.returncode == 0, result.stderr
    return {name: entries(out, f"feeds/{name}") for name in
            ["all.atom.xml", "proposals/2026/0001.atom.xml", "units/fgw.atom.xml", "replies.atom.xml"]}


def assert_only_new(before, after, new_count):
    added = set(after) - set(before)
    assert len(added) == new_count, added
    assert set(before) <= set(after)  # nothing disappeared, ids stable
    for entry_id in before:
        assert after[entry_id].updated == before[entry_id].updated, after[entry_id].title  # nothing else looks new
    return [after[i] for i in added]


def test_new_reply_then_feedback_then_edit(tmp_path, timeline_site):
    v1 = build_feeds(timeline_site, tmp_path / "o1")
    again = build_feeds(timeline_site, tmp_path / "o1b")
    assert {k: set(v) for k, v in again.items()} == {k: set(v) for k, v in v1.items()}

    # Unanswered, 2026-0001 is past its deadline (2026-05-11; the build date is 2026-11-23): its
    # feeds say 逾期未答复, from 2026-05-12. Its reply, dated before the deadline, withdraws that.
    late = {i for i, e in v1["proposals/2026/0001.atom.xml"].items() if e.title == "逾期未答复：关于第0001号事项的建议"}
    assert len(late) == 1 and late <= set(v1["units/fgw.atom.xml"]) and late <= set(v1["all.atom.xml"])
    assert v1["proposals/2026/0001.atom.xml"][next(iter(late))].published.startswith("2026-05-12")

    def but_late(feed):
        return {i: e for i, e in feed.items() if i not in late}

    write_tree(timeline_site, dict([response("2026-0001", date="2026-04-02", body="第一次答复的内容。")]))
    v2 = build_feeds(timeline_site, tmp_path / "o2")
    [new] = assert_only_new(but_late(v1["proposals/2026/0001.atom.xml"]), v2["proposals/2026/0001.atom.xml"], 1)
    assert new.title == "区发改委答复：关于第0001号事项的建议" and "第一次答复的内容" in new.content[0].value
    assert not late & set(v2["proposals/2026/0001.atom.xml"])
    assert_only_new(but_late(v1["units/fgw.atom.xml"]), v2["units/fgw.atom.xml"], 1)
    assert_only_new(v1["replies.atom.xml"], v2["replies.atom.xml"], 1)
    assert_only_new(but_late(v1["all.atom.xml"]), v2["all.atom.xml"], 1)

    path, text = assigned_proposal("0001", handling="lead_co", co_units=["区民政局"],
                                   feedback=[{"date": "2026-04-20", "satisfaction": "基本满意"}])
    write_tree(timeline_site, {path: text})
    v3 = build_feeds(timeline_site, tmp_path / "o3")
    [fb] = assert_only_new(v2["proposals/2026/0001.atom.xml"], v3["proposals/2026/0001.atom.xml"], 1)
    assert fb.title == "委员反馈：基本满意：关于第0001号事项的建议"

    write_tree(timeline_site, dict([response("2026-0001", date="2026-04-02", updated="2026-05-06",
                                             body="更正后的答复内容。")]))
    v4 = build_feeds(timeline_site, tmp_path / "o4")
    feed3, feed4 = v3["proposals/2026/0001.atom.xml"], v4["proposals/2026/0001.atom.xml"]
    assert set(feed3) == set(feed4)  # an edit is not a new entry
    changed = [i for i in feed3 if feed3[i].updated != feed4[i].updated]
    assert changed == [new.id]
    assert feed4[new.id].updated.startswith("2026-05-06") and feed4[new.id].published == feed3[new.id].published
    assert "更正后的答复内容" in feed4[new.id].content[0].value


def test_edit_committed_in_git_shows_as_updated(tmp_path, timeline_site):
    write_tree(timeline_site, dict([response("2026-0001", date="2026-04-02", body="原答复。")]))
    git = ["git", "-C", str(timeline_site), "-c", "user.name=staff", "-c", "user.email=staff@example.org"]
    subprocess.run(["git", "init", "-q", str(timeline_site)], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    env_date = {"GIT_AUTHOR_DATE": "2026-04-02T10:00:00+08:00", "GIT_COMMITTER_DATE": "2026-04-02T10:00:00+08:00"}
    subprocess.run(git + ["commit", "-qm", "publish"], check=True, env={**os.environ, **env_date})
    v1 = build_feeds(timeline_site, tmp_path / "o1")
    write_tree(timeline_site, dict([response("2026-0001", date="2026-04-02", body="更正后的答复。")]))
    env_date = {"GIT_AUTHOR_DATE": "2026-05-08T15:30:00+08:00", "GIT_COMMITTER_DATE": "2026-05-08T15:30:00+08:00"}
    subprocess.run(git + ["commit", "-qam", "correct reply"], check=True, env={**os.environ, **env_date})
    v2 = build_feeds(timeline_site, tmp_path / "o2")
    f1, f2 = v1["proposals/2026/0001.atom.xml"], v2["proposals/2026/0001.atom.xml"]
    assert set(f1) == set(f2)
    changed = [f2[i] for i in f1 if f1[i].updated != f2[i].updated]
    assert [e.title for e in changed] == ["区发改委答复：关于第0001号事项的建议"]
    assert changed[0].updated == "2026-05-08T15:30:00+08:00"


def test_feed_ids_do_not_depend_on_the_site_url(tmp_path, timeline_site):
    a = build(timeline_site, tmp_path / "a", site_url="https://one.example.org")
    b = build(timeline_site, tmp_path / "b", site_url="https://two.example.org")
    assert a.returncode == b.returncode == 0
    ea, eb = entries(tmp_path / "a", "feeds/all.atom.xml"), entries(tmp_path / "b", "feeds/all.atom.xml")
    assert set(ea) == set(eb)
    assert all(e.link.startswith("https://two.example.org/") for e in eb.values())
