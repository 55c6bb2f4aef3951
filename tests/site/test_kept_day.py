"""The kept day (digest.Digests `kept_day`): another build date takes a story's hashes from the day
they were made on only when the build date crossed none of its dates and it showed no day count;
any edit of a file, of site.yaml or of the code makes the day again. Ground truth is a cold build
of the same content on the same date, and the content's own dates."""
import datetime as dt
import os
import pickle
import subprocess

from conftest import (PYTHON, SOURCE_DATE_EPOCH, assigned_proposal, front_matter, response, run_cli,
                      site_yaml, write_tree)
from support.rebuilds import code_copy

SITE_URL = "https://zx.example.org"
DAY = 86400
D0 = dt.date(2026, 11, 23)  # SOURCE_DATE_EPOCH's date


def build_on(content, out, days_later, repo=None):
    env = {"SOURCE_DATE_EPOCH": str(int(SOURCE_DATE_EPOCH) + days_later * DAY)}
    if repo is None:
        result = run_cli("build", "--content", str(content), "--output", str(out), "--site-url", SITE_URL, env=env)
    else:  # a copy of the project whose code a test edits
        result = subprocess.run([PYTHON, str(repo / "build.py"), "build", "--content", str(content), "--output",
                                 str(out), "--site-url", SITE_URL], capture_output=True, text=True, cwd=repo,
                                timeout=300, env=dict(os.environ, PYTHONIOENCODING="utf-8", **env))
    assert result.returncode == 0, result.stdout + result.stderr


def tree(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def same_as_cold(content, out, tmp_path, days, label, repo=None):
    cold = tmp_path / f"cold-{label}"
    build_on(content, cold, days, repo)
    a, b = tree(out), tree(cold)
    assert sorted(a) == sorted(b), (label, set(a) ^ set(b))
    assert [rel for rel in a if a[rel] != b[rel]] == [], label


def kept_days(tmp_path) -> list:
    """(the day it was made on, the proposal ids it holds) of each kept day in the cache, read as the
    stream of pickles kept.py writes."""
    values = {}
    with open(tmp_path / ".gongkai-cache/site/day hashes.pickle", "rb") as fh:
        while True:
            try:
                values.update(pickle.load(fh)["values"])
            except EOFError:
                break
    days = [pickle.loads(packed) for packed in values.values()]  # each kept as its own pickle (incremental.Packed)
    return [(made_on, sorted(row[0] for row in rows)) for made_on, rows in days]


def page(out, pid):
    return (out / f"proposals/{pid}/index.html").read_bytes()


def dated_site(tmp_path):
    reply_path, reply = response("2026-0001", commitments=[{"text": "年底前完成改造。", "due": "2026-11-24"}])
    notice = front_matter({"title": "公示：口袋公园项目", "date": "2026-11-10", "kind": "publicity",
                           "until": "2026-11-21", "related": ["2026-0003"]}, "公示内容。")
    return write_tree(tmp_path / "content", {
        "site.yaml": site_yaml(),
        **dict([assigned_proposal("0001"), (reply_path, reply),  # a commitment due tomorrow
                assigned_proposal("0002", due="2026-12-31"),  # awaiting its reply: 还剩 N 天, daily
                assigned_proposal("0003"), response("2026-0003"),  # a 公示 that ended two days ago
                ("announcements/2026/notice.md", notice),
                assigned_proposal("0004"), response("2026-0004")])})  # nothing ahead


def test_a_kept_day_gives_only_stories_whose_dates_the_build_date_did_not_cross(tmp_path):
    content = dated_site(tmp_path)
    out = tmp_path / "site"
    build_on(content, out, 0)
    first = {pid: page(out, pid) for pid in ("2026/0001", "2026/0002", "2026/0003")}

    build_on(content, out, 2)  # the commitment's due date lies between: overdue on its page and in /stats/
    assert page(out, "2026/0001") != first["2026/0001"]
    assert page(out, "2026/0002") != first["2026/0002"]  # a day count: changes every day
    same_as_cold(content, out, tmp_path, 2, "two-days-later")
    # the day kept is day 0's, and holds every story but the daily one
    assert kept_days(tmp_path) == [(D0, ["2026-0001", "2026-0003", "2026-0004"])]
    second = page(out, "2026/0002")

    build_on(content, out, 3)
    assert page(out, "2026/0002") != second
    same_as_cold(content, out, tmp_path, 3, "three-days-later")

    build_on(content, out, -3)  # back before the 公示 ended: its window is open again, a day count
    assert '数据截至 <time datetime="2026-11-20">' in page(out, "2026/0003").decode("utf-8")
    assert "数据截至 <time" not in first["2026/0003"].decode("utf-8")
    same_as_cold(content, out, tmp_path, -3, "three-days-earlier")


def test_an_edit_of_a_file_or_of_site_yaml_or_a_withheld_reply_makes_the_day_again(tmp_path):
    content = dated_site(tmp_path)
    out = tmp_path / "site"
    build_on(content, out, 0)
    build_on(content, out, 1)
    assert [made_on for made_on, _ in kept_days(tmp_path)] == [D0]

    # a reply of a kept story edited: its pages show the new class, as a cold build does
    reply_path, reply = response("2026-0004")
    (content / reply_path).write_text(reply.replace("result: A", "result: B"), encoding="utf-8")
    build_on(content, out, 1)
    same_as_cold(content, out, tmp_path, 1, "reply-edited")
    assert [made_on for made_on, _ in kept_days(tmp_path)] == [D0 + dt.timedelta(days=1)]

    (content / "site.yaml").write_text(site_yaml(reply_days=60), encoding="utf-8")
    build_on(content, out, 2)
    same_as_cold(content, out, tmp_path, 2, "site-yaml")
    assert [made_on for made_on, _ in kept_days(tmp_path)] == [D0 + dt.timedelta(days=2)]

    # the reply withheld: the file changed (a new day), its story is not kept, and the purging build
    # keeps no older day
    (content / reply_path).write_text(reply.replace("result: A", "result: B\ndisclosure: withheld"),
                                      encoding="utf-8")
    build_on(content, out, 3)
    same_as_cold(content, out, tmp_path, 3, "withheld")
    assert kept_days(tmp_path) == [(D0 + dt.timedelta(days=3), ["2026-0001", "2026-0003"])]


def test_a_change_of_code_makes_the_day_again(tmp_path):
    repo = code_copy(tmp_path)
    content = dated_site(tmp_path)
    out = tmp_path / "site"
    build_on(content, out, 0, repo)
    build_on(content, out, 1, repo)
    assert [made_on for made_on, _ in kept_days(tmp_path)] == [D0]

    labels = repo / "plugins/disclosure/labels.py"
    text = labels.read_text(encoding="utf-8")
    assert '"sole": "单独办理"' in text
    labels.write_text(text.replace('"sole": "单独办理"', '"sole": "单独承办"'), encoding="utf-8")
    build_on(content, out, 1, repo)
    assert "单独承办" in page(out, "2026/0004").decode("utf-8")
    same_as_cold(content, out, tmp_path, 1, "code", repo)
    assert [made_on for made_on, _ in kept_days(tmp_path)] == [D0 + dt.timedelta(days=1)]
