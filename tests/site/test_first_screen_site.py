"""Issue 18 in the built site: late answers stay late everywhere, and the overdue list is exact.

Fixture: tests/support/first_screen.py (build date 2026-11-23, reply_days 90). Ground truth
comes from the fixture dates: 0002 is the only proposal past its deadline with a unit still
to reply; 0006 is 办理中 within its deadline; 0003 was answered after its deadline.
"""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from bs4 import BeautifulSoup

from conftest import BUILD_DATE
from support import first_screen as F


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    from conftest import build, site_yaml, write_tree

    root = tmp_path_factory.mktemp("first-screen-site")
    content = write_tree(root / "content", {"site.yaml": site_yaml(), **F.files()})
    result = build(content, root / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "out"


def page(out, url):
    return BeautifulSoup((out / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def numbers(soup):
    return sorted(re.search(r"第(\d{4})号", li.select_one(".num").get_text()).group(1) for li in soup.select(".items li"))


def test_overdue_list_holds_exactly_the_overdue_proposals(out):
    overdue = page(out, "status/overdue")
    assert numbers(overdue) == [F.OVERDUE]
    due = F.OVERDUE_ASSIGNED + dt.timedelta(days=90)
    assert f"已逾期 {(BUILD_DATE - due).days} 天" in overdue.select_one(".items li").get_text()
    assert numbers(page(out, "status/assigned")) == sorted([F.OVERDUE, F.WAITING])  # not the same list


def test_home_page_leads_to_the_overdue_list(out):
    soup = page(out, "")
    link = soup.find("a", string=re.compile("件提案已超过答复期限"))
    assert link.get_text() == "1 件提案已超过答复期限"
    assert link["href"] == "https://zx.example.org/status/overdue/"
    tiles = soup.select(".counts a")
    assert tiles and all(a["href"].startswith("https://zx.example.org/status/") for a in tiles)


def test_home_page_lists_recent_replies_with_class_and_days(out):
    items = [re.sub(r"\s+", " ", li.get_text(" ")) for li in page(out, "").select(".recent-replies li")]
    assert "2026年10月29日" in items[0]  # the newest reply first: 0003's, late
    assert "B 类" in items[0] and f"用时 {(F.LATE_REPLY - F.ASSIGNED).days} 天" in items[0] and "逾期答复" in items[0]
    assert all("逾期答复" not in i for i in items[1:])


def test_data_flags_a_late_answer(out):
    data = json.loads((out / "data/proposals.json").read_text(encoding="utf-8"))
    records = data["proposals"] if isinstance(data, dict) else data
    flags = {r["number"]: r["flags"] for r in records}
    assert "answered_late" in flags[F.LATE]
    assert "answered_late" not in flags[F.CLOSED] and "answered_late" not in flags[F.REHANDLED]
    assert flags[F.OVERDUE] == ["overdue"]
    stats = json.loads((out / "data/stats.json").read_text(encoding="utf-8"))
    assert stats["overall"]["replied_late"] == sum("answered_late" in f for f in flags.values()) == 1


def test_timeline_keeps_the_missed_deadline(out):
    soup = page(out, f"proposals/2026/{F.LATE}")
    steps = [re.sub(r"\s+", " ", li.get_text(" ")).strip() for li in soup.select(".timeline li")]
    due = next(i for i, s in enumerate(steps) if "答复期限" in s)
    reply = next(i for i, s in enumerate(steps) if "区发改委答复" in s)
    assert "已逾期" in steps[due] and "2026年5月11日" in steps[due] and due < reply
    facts = re.sub(r"\s+", " ", soup.select_one("dl.facts").get_text(" "))
    assert "逾期答复，用时 261 天（期限 90 天）" in facts
    listing = page(out, "proposals")
    row = next(li for li in listing.select(".items li") if f"第{F.LATE}号" in li.get_text())
    assert "逾期答复" in [b.get_text() for b in row.select(".badge")]


def test_reply_page_marks_a_late_answer_only(out):
    late = re.sub(r"\s+", " ", page(out, f"responses/2026/{F.LATE}-fgw").get_text(" "))
    assert "逾期答复" in late and "答复期限 2026年5月11日" in late
    on_time = page(out, f"responses/2026/{F.CLOSED}-fgw").get_text(" ")
    assert "逾期答复" not in on_time


def test_phone_numbers_are_tappable_and_kept_whole(tmp_path):
    from conftest import build, site_yaml, write_tree

    body = "异议请致电 021-63150742 反映。依据 2026-0001 号提案，2026-03-20 起公示。"
    ann = f"---\ntitle: 公示：测试项目\ndate: 2026-11-20\nkind: publicity\nuntil: 2026-12-20\n---\n\n{body}\n"
    content = write_tree(tmp_path / "content", {"site.yaml": site_yaml(), "announcements/2026/p.md": ann,
                                                **dict([F.files().popitem()])})
    assert build(content, tmp_path / "out").returncode == 0
    soup = page(tmp_path / "out", "announcements/2026/p")
    links = {a.get_text(): a["href"] for a in soup.select("main a.tel")}
    assert links == {"021-63150742": "tel:02163150742"}  # linked by disclosure/letter_parts.py
    assert "2026-0001" in soup.get_text() and not soup.find("a", string="2026-0001")
    css = (tmp_path / "out/theme/css/site.css").read_text(encoding="utf-8")
    assert re.search(r"\.tel\s*\{[^}]*white-space:\s*nowrap", css)


def test_every_page_says_when_its_data_was_taken_or_where_to_read_it(out):
    """Pages with date-dependent text (days left, 逾期 N 天, a 公示 window) and the home page say
    数据截至; every other page, which a next-day build reuses, points to the home page for it."""
    day_count = re.compile(r"还剩 \d+ 天|(?<!已)逾期 \d+ 天(?!后)|已逾期 \d+ 天|还有 \d+ 天截止|今天截止")
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 20
    said, pointed, missing = [], [], []
    for p in pages:
        soup = BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        text = re.sub(r"\s+", " ", soup.get_text(" "))
        footer = soup.select_one("footer.site-footer")
        if "数据截至 2026年11月23日" in text:
            said.append(p)
        elif (footer and "全站数据截至日期见首页" in re.sub(r"\s+", "", footer.get_text())
              and footer.find("a", string="首页")["href"] == "https://zx.example.org/" and not day_count.search(text)):
            pointed.append(p)
        else:
            missing.append(str(p.relative_to(out)))
    assert missing == []
    assert out / "index.html" in said and out / f"proposals/2026/{F.OVERDUE}/index.html" in said
    assert out / f"proposals/2026/{F.CLOSED}/index.html" in pointed


def test_feed_entry_of_a_late_answer_says_so(out):
    import feedparser

    feed = feedparser.parse((out / f"feeds/proposals/2026/{F.LATE}.atom.xml").read_bytes())
    replies = [e for e in feed.entries if f"responses/2026/{F.LATE}-fgw" in e.link]
    assert len(replies) == 1 and f"逾期答复（答复期限 {F.DUE.isoformat()}）" in replies[0].content[0].value
    on_time = feedparser.parse((out / f"feeds/proposals/2026/{F.CLOSED}.atom.xml").read_bytes())
    assert not any("逾期答复" in e.content[0].value for e in on_time.entries)
