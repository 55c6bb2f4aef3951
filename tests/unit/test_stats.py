"""Every published figure against values computed by hand (tests/support/stats_fixture.py)."""
import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import BUILD_DATE, assigned_proposal, proposal, response
from disclosure import stats
from disclosure.site import load_site
from disclosure.svg import Bar, bar_chart, extremes
from support.stats_fixture import files

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def site(make_content):
    s = load_site(make_content(files()), today=BUILD_DATE)
    assert s.report.ok and not s.report.warnings, s.report.format()
    return s


def load(make_content, items):
    s = load_site(make_content(dict(items)), today=BUILD_DATE)
    assert s.report.ok, s.report.format()
    return s


def rate(r):
    return (r.num, r.den, r.text)


# ---------------------------------------------------------------- arithmetic


def test_rates_round_half_up_to_one_decimal_and_empty_is_a_dash():
    assert stats.Rate(2, 3).text == "66.7%"
    assert stats.Rate(1, 16).text == "6.3%"  # 6.25 → 6.3, not banker's 6.2
    assert stats.Rate(1, 8).text == "12.5%"
    assert stats.Rate(5, 5).text == "100.0%"
    empty = stats.Rate(0, 0)
    assert empty.text == "—" and empty.value is None
    assert empty.as_dict() == {"numerator": 0, "denominator": 0, "value": None, "percent": None, "left_out": 0}
    assert stats.Rate(5, 7).as_dict() == {"numerator": 5, "denominator": 7, "value": 0.7143, "percent": 71.4, "left_out": 0}


def test_median_and_nearest_rank_percentile():
    assert stats.median([]) is None and stats.percentile([], 0.9) is None
    assert stats.median([40]) == 40 and stats.percentile([40], 0.9) == 40
    assert stats.median([50, 20, 40]) == 40
    assert stats.median([30, 40]) == 35 and stats.median([23, 40]) == 31.5
    assert stats.percentile(range(1, 11), 0.9) == 9  # ceil(9.0) = 9th
    assert stats.percentile(range(1, 12), 0.9) == 10  # 11 values: ceil(9.9) = 10th
    assert stats.percentile([20, 23, 40, 50, 100], 0.9) == 100  # ceil(4.5) = 5th


def test_days_are_shown_without_a_needless_decimal():
    assert stats.days_text(None) == "—" and stats.days_text(40) == "40"
    assert stats.days_text(31.5) == "31.5" and stats.days_text(45.0) == "45"


# ---------------------------------------------------------------- the whole fixture site


def test_review_counts_and_filing_rate(site):
    f = stats.overall(site)
    assert f.total == 13 and f.unreviewed == 1
    assert f.reviews == {"filed": 8, "merged": 1, "not_filed": 2, "converted": 1}
    assert rate(f.filing_rate) == (8, 12, "66.7%")  # filed / reviewed; 0008 (unreviewed) is not in the denominator
    assert f.awaiting_assignment == 1  # 0007


def test_reply_rates_exclude_merged_not_filed_converted_and_unassigned(site):
    f = stats.overall(site)
    assert f.assigned == 7  # 2026: 0001 0002 0003 0009 0010 0011; 2025: 0001
    assert rate(f.reply_rate) == (5, 7, "71.4%")
    # on time: 2026-0001, 2026-0003 (re-reply after due does not count), 2025-0001;
    # late: split 0002 (one unit late), 0011 (explicit due)
    assert rate(f.on_time_rate) == (3, 7, "42.9%")
    assert f.replied_late == 2 and f.in_progress == 1
    assert [(o.proposal.id, o.due, o.days, [u.slug for u in o.units]) for o in f.overdue] == [
        ("2026-0009", dt.date(2026, 8, 30), 85, ["fgw"])]


def test_days_from_assignment_to_reply(site):
    f = stats.overall(site)
    # per proposal: the reply that completed it (split 0002 waits for mz at 100 days)
    assert sorted(f.days.values) == [20, 23, 40, 50, 100]
    assert (f.days.median, f.days.p90) == (40, 100)
    # per reply: each lead/split unit's first reply; the re-reply of 0003 is not a new answer
    assert sorted(f.reply_days.values) == [20, 23, 30, 40, 50, 100]
    assert (f.reply_days.median, f.reply_days.p90) == (35, 100)


def test_satisfaction_counts_each_proposals_latest_judgement(site):
    s = stats.overall(site).satisfaction
    # 0001 满意; 0002 满意 + 基本满意 on the same day → 基本满意; 0003 不满意 then 满意 → 满意; 2025-0001 基本满意
    assert (s.total, s.satisfied, s.basically_satisfied, s.dissatisfied) == (4, 2, 2, 0)
    assert rate(s.satisfied_rate) == (2, 4, "50.0%")
    assert rate(s.basic_rate) == (2, 4, "50.0%")
    assert rate(s.satisfied_or_basic_rate) == (4, 4, "100.0%")


def test_adoption_counts_current_lead_and_split_replies_only(site):
    f = stats.overall(site)
    # current: 0001 A, 0002 B + C, 0003 A (its first reply, C, was superseded), 0011 B, 2025-0001 A; co reply has none
    assert f.results == {"A": 3, "B": 2, "C": 1}
    assert rate(f.adoption_rate) == (5, 6, "83.3%")
    assert f.reopened == 1


def test_figures_per_year(site):
    years = {g.key: g for g in stats.by_year(site)}
    assert list(years) == ["2026", "2025"]
    y26, y25 = years["2026"], years["2025"]
    assert y26.label == "2026年" and y26.detail == "十五届五次会议、十五届闭会期间"
    f = y26.figures
    assert (f.total, f.reviewed, f.assigned) == (11, 10, 6)
    assert rate(f.filing_rate) == (7, 10, "70.0%")
    assert rate(f.reply_rate) == (4, 6, "66.7%") and rate(f.on_time_rate) == (2, 6, "33.3%")
    assert (f.days.median, f.days.p90) == (45, 100)  # 23 40 50 100
    assert rate(f.satisfaction.satisfied_rate) == (2, 3, "66.7%")
    assert rate(f.adoption_rate) == (4, 5, "80.0%")
    f = y25.figures
    assert rate(f.filing_rate) == (1, 2, "50.0%") and rate(f.on_time_rate) == (1, 1, "100.0%")
    assert rate(f.satisfaction.satisfied_rate) == (0, 1, "0.0%") and rate(f.satisfaction.basic_rate) == (1, 1, "100.0%")


def test_figures_per_session_newest_first(site):
    sessions = [(g.label, g.figures.total, g.figures.reply_rate.text, g.figures.on_time_rate.text)
                for g in stats.by_session(site)]
    assert sessions == [("十五届闭会期间", 1, "0.0%", "0.0%"), ("十五届五次会议", 10, "80.0%", "40.0%"),
                        ("十五届四次会议", 2, "100.0%", "100.0%")]


def test_figures_per_category(site):
    cats = {g.label: g.figures for g in stats.by_category(site)}
    assert list(cats) == ["经济建设", "城市建设", "社会事业"]  # site.yaml order
    eco = cats["经济建设"]
    assert (eco.total, rate(eco.reply_rate), rate(eco.on_time_rate)) == (11, (3, 5, "60.0%"), (2, 5, "40.0%"))
    assert eco.days.median == 23
    social = cats["社会事业"]
    assert rate(social.on_time_rate) == (0, 1, "0.0%") and rate(social.adoption_rate) == (1, 2, "50.0%")
    assert rate(cats["城市建设"].satisfaction.satisfied_rate) == (1, 1, "100.0%")


def test_figures_per_unit(site):
    units = {u.unit.slug: u for u in stats.all_unit_figures(site)}
    assert list(units) == ["fgw", "sthj", "mz"]
    fgw = units["fgw"]  # lead on 2026-0001, split on 0002, overdue 0009, 2025-0001
    assert (fgw.assigned, rate(fgw.reply_rate), rate(fgw.on_time_rate)) == (4, (3, 4, "75.0%"), (3, 4, "75.0%"))
    assert [o.proposal.id for o in fgw.overdue] == ["2026-0009"] and fgw.in_progress == 0
    assert sorted(fgw.days.values) == [20, 30, 50] and (fgw.days.median, fgw.days.p90) == (30, 50)
    assert rate(fgw.adoption_rate) == (3, 3, "100.0%")
    # its split reply on 0002 is judged by the entry naming it (满意), 2025-0001 by the unnamed 基本满意
    assert rate(fgw.satisfaction.satisfied_rate) == (2, 3, "66.7%")

    sthj = units["sthj"]  # 0003 (re-handled) and 0011 (late against its explicit due)
    assert rate(sthj.on_time_rate) == (1, 2, "50.0%") and sthj.days.median == 31.5
    assert sthj.reopened == 1
    assert rate(sthj.adoption_rate) == (2, 2, "100.0%")  # the re-reply's A, not the superseded C
    assert rate(sthj.satisfaction.satisfied_rate) == (1, 1, "100.0%")  # 不满意 was about the superseded reply

    mz = units["mz"]  # split on 0002 (late), 0010 in progress, co on 0003
    assert (mz.assigned, mz.replied, mz.in_progress, len(mz.overdue)) == (2, 1, 1, 0)
    assert rate(mz.on_time_rate) == (0, 2, "0.0%") and rate(mz.adoption_rate) == (0, 1, "0.0%")
    assert rate(mz.satisfaction.basic_rate) == (1, 1, "100.0%")
    assert (mz.co_assigned, mz.co_replied) == (1, 1)


def test_figures_are_json_ready(site):
    d = stats.overall(site).as_dict()
    assert d["reply_rate"] == {"numerator": 5, "denominator": 7, "value": 0.7143, "percent": 71.4, "left_out": 0}
    assert d["days_per_reply"] == {"count": 6, "median": 35, "p90": 100, "max": 100, "left_out": 0}
    assert d["overdue"] == 1 and d["results"] == {"A": 3, "B": 2, "C": 1}


# ---------------------------------------------------------------- edge cases on their own


def test_a_split_proposal_is_replied_only_when_every_split_unit_replied(make_content):
    s = load(make_content, [
        assigned_proposal(handling="split", lead_units=["区发改委", "区民政局"]),
        response("2026-0001", "fgw", role="split", date="2026-03-01"),
    ])
    f = stats.overall(s)
    assert rate(f.reply_rate) == (0, 1, "0.0%") and f.reply_days.values == (19,) and f.days.n == 0
    assert len(f.overdue) == 1 and [u.slug for u in f.overdue[0].units] == ["mz"]


def test_a_missing_co_reply_does_not_hold_back_the_reply_rate(make_content):
    s = load(make_content, [assigned_proposal(handling="lead_co", co_units=["区民政局"]), response()])
    f = stats.overall(s)
    assert rate(f.reply_rate) == (1, 1, "100.0%")
    mz = stats.unit_figures(s, s.vocab.unit("mz"))
    assert (mz.assigned, mz.co_assigned, mz.co_replied, mz.reply_rate.text) == (0, 1, 0, "—")


def test_only_filed_and_assigned_proposals_must_be_answered(make_content):
    s = load(make_content, [
        assigned_proposal("0001"), response(),
        proposal("0002", review="merged", review_date="2026-02-01", merged_into="2026-0001"),
        proposal("0003", review="not_filed", review_date="2026-02-01"),
        proposal("0004", review="converted", review_date="2026-02-01"),
        proposal("0005", review="filed", review_date="2026-02-01"),
    ])
    f = stats.overall(s)
    assert f.assigned == 1 and rate(f.reply_rate) == (1, 1, "100.0%") and rate(f.filing_rate) == (2, 5, "40.0%")


def test_a_reply_on_the_due_date_is_on_time(make_content):
    s = load(make_content, [assigned_proposal(), response(date="2026-05-11")])  # 02-10 + 90 days
    assert rate(stats.overall(s).on_time_rate) == (1, 1, "100.0%")
    s = load(make_content, [assigned_proposal(), response(date="2026-05-12")])
    assert rate(stats.overall(s).on_time_rate) == (0, 1, "0.0%")


def test_an_empty_site_has_no_figures_rather_than_zeros(make_content):
    f = stats.overall(load(make_content, []))
    assert f.reply_rate.text == "—" and f.days.median is None and f.days.median_text == "—"
    assert f.satisfaction.satisfied_rate.text == "—"


# ---------------------------------------------------------------- charts and definitions


def test_bar_chart_is_valid_svg_with_an_accessible_name():
    svg = bar_chart("c1", "办复率 <各单位>", "最高：甲 & 乙", [Bar("区发改委", 75, "75.0%"), Bar("区民政局", None)])
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg" and root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(SVG + "title").get("id") == "c1-title"
    assert root.find(SVG + "title").text == "办复率 <各单位>"
    assert root.find(SVG + "desc").text == "最高：甲 & 乙"
    rects = root.findall(SVG + "rect")
    assert len(rects) == 1 and rects[0].get("fill")  # no bar for missing data, a fixed fill that prints
    texts = [t.text for t in root.iter(SVG + "text")]
    assert texts == ["区发改委", "75.0%", "区民政局", "—"]


def test_bar_lengths_are_proportional_and_long_labels_are_shortened():
    svg = bar_chart("c2", "t", "s", [Bar("甲", 50), Bar("一二三四五六七八九十十一十二", 100)], max_value=100)
    root = ET.fromstring(svg)
    widths = [float(r.get("width")) for r in root.findall(SVG + "rect")]
    assert widths[1] == pytest.approx(2 * widths[0])
    label = [t for t in root.iter(SVG + "text")][2]
    assert label.find(SVG + "title").text == "一二三四五六七八九十十一十二"  # full label kept as a tooltip
    assert "…" in "".join(label.itertext())


def test_chart_summary_names_the_extremes():
    bars = [Bar("甲", 30, "30 天"), Bar("乙", 50, "50 天"), Bar("丙", 30, "30 天"), Bar("丁", None)]
    assert extremes(bars, "最长", "最短") == "共 3 项；最长：乙（50 天）；最短：甲、丙（30 天）。"
    assert extremes([Bar("甲", None)]) == "暂无数据。"


def test_every_definition_is_documented():
    doc = (ROOT / "docs" / "statistics.md").read_text(encoding="utf-8")
    for key, name, _ in stats.DEFINITIONS:
        for part in re.split(r"、", name):
            assert part in doc, f"docs/statistics.md does not explain {part}"
