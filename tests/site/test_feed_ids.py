"""A feed item keeps its id and its `updated` when steps are added before, between and after it.

Feed readers show an entry as new when its id is new and as changed when its `updated`
moves. Staff often add a step dated before steps already published (a reply entered late,
a co-unit's reply, an event recorded afterwards), so each item's id must come from what
the item is, never from where it stands. Two real builds: the site as published, then
the same content with steps inserted before, between and after the existing ones; every
entry of every feed (proposal, unit, category, site; Atom and RSS) of the first build must
be in the second with the same id, title, link and dates.
"""
from __future__ import annotations

import pytest

from conftest import assigned_proposal, build, front_matter, response, site_yaml, write_tree
from support.feedcheck import parse_feed


def announcement(slug, date):
    return f"announcements/2026/{slug}.md", front_matter({"title": f"公告{slug}", "date": date, "kind": "news"},
                                                          "公告正文。")


def first(**extra):
    """The published content: two proposals with replies, events and an announcement."""
    return dict([
        assigned_proposal("0001", handling="lead_co", co_units=["区民政局"],
                          events=[{"date": "2026-03-01", "label": "办前协商"}, *extra.pop("events1", [])],
                          **extra.pop("p1", {})),
        response("2026-0001", unit="fgw", date="2026-04-10", body="主办单位的答复。"),
        assigned_proposal("0002", category="城市建设", lead_units=["区生态环境局"], handling="lead_co",
                          co_units=["区发改委"], events=extra.pop("events2", [])),
        response("2026-0002", unit="sthj", date="2026-04-01", body="生态环境局的答复。"),
        announcement("a1", "2026-03-05"),
    ])


def inserted():
    """The same content with steps dated before, between and after the published ones."""
    files = first(
        events1=[{"date": "2026-01-20", "label": "提前走访"},     # before every step but the first
                 {"date": "2026-05-01", "label": "回头看"}],      # after every step
        p1={"feedback": [{"date": "2026-05-10", "satisfaction": "满意"}]},
        events2=[{"date": "2026-02-05", "label": "补录调研"}])    # between review and 交办
    files.update(dict([
        response("2026-0001", unit="mz", role="co", date="2026-03-15", body="会办单位的答复。"),  # a co reply, back-dated
        response("2026-0002", unit="fgw", role="co", date="2026-02-20", body="补录的会办答复。"),  # before fgw's reply
        announcement("a0", "2026-01-15"),  # back-dated announcement
    ]))
    for path in files:
        if path.startswith("responses/") and "role: co" in files[path]:
            files[path] = files[path].replace("result: A\n", "")
    return files


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """(feeds of the published build, feeds after the insertions): feed path → {id: entry}."""
    base = tmp_path_factory.mktemp("feedids")
    feeds = []
    for name, files in (("v1", first()), ("v2", inserted())):
        content = write_tree(base / name, {"site.yaml": site_yaml(), **files})
        out = base / f"out-{name}"
        result = build(content, out)
        assert result.returncode == 0, result.stdout + result.stderr
        feeds.append({p.relative_to(out).as_posix(): {e.id: e for e in parse_feed(p.read_bytes()).entries}
                      for p in sorted((out / "feeds").rglob("*.xml"))})
    return feeds


def group(path: str) -> str:
    """Which kind of feed a file is: proposal, unit, category or site."""
    parts = path.split("/")
    if len(parts) == 2:
        return "site"  # feeds/all, proposals, replies, announcements
    return {"proposals": "proposal", "units": "unit", "categories": "category"}[parts[1]]


# RSS has one date (pubDate, which feedparser reads as `published`); Atom has both.
FACTS = {"atom": ("title", "link", "updated", "published"), "rss": ("title", "link", "published")}


@pytest.mark.parametrize("fmt", ["atom", "rss"])
@pytest.mark.parametrize("kind", ["proposal", "unit", "category", "site"])
def test_existing_items_keep_id_and_dates_when_steps_are_inserted(builds, kind, fmt):
    before, after = builds
    feeds = [p for p in before if group(p) == kind and p.endswith(f".{fmt}.xml")]
    assert feeds
    grew = 0
    for path in feeds:
        old, new = before[path], after[path]
        for entry_id, entry in old.items():
            assert entry_id in new, (path, entry.title, "lost its id")
            facts = FACTS[fmt]
            assert {f: new[entry_id].get(f) for f in facts} == {f: entry.get(f) for f in facts}, (path, entry_id)
            assert all(entry.get(f) for f in facts), (path, entry_id)
        grew += len(set(new) - set(old))
    assert grew, "the insertions reached these feeds"


def test_the_inserted_steps_are_new_items_in_the_proposal_feed(builds):
    before, after = builds
    old, new = before["feeds/proposals/2026/0001.atom.xml"], after["feeds/proposals/2026/0001.atom.xml"]
    added = sorted(new[i].title.split("：")[0] for i in set(new) - set(old))
    assert added == ["区民政局答复", "回头看", "委员反馈", "提前走访"]
    # The new items sit between the old ones by date, and after them.
    old_dates = sorted(e.published for e in old.values())
    new_dates = [new[i].published for i in set(new) - set(old)]
    assert any(old_dates[0] < d < old_dates[1] for d in new_dates)  # before all but the first step
    assert any(d > old_dates[-1] for d in new_dates)
