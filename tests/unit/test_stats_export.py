"""data/stats.json as published: every key and value of the overall and per-unit figures,
worked out by hand from the fixture's description (tests/support/stats_fixture.py)."""
import pytest

from conftest import BUILD_DATE
from disclosure import stats
from disclosure.site import load_site
from support.stats_fixture import files


@pytest.fixture
def site(make_content):
    s = load_site(make_content(files()), today=BUILD_DATE)
    assert s.report.ok, s.report.format()
    return s


# Figures added since this test was written, each checked by its own tests (unknown dates: test_records,
# commitments: test_commitments, late replies: test_first_screen_site); every rate here left none out.
LATER_KEYS = {"due_unknown", "due_unknown_pending", "result_unknown", "commitments", "commitments_done",
              "commitments_overdue", "fulfilment_rate", "replied_late"}


def as_published(figures: dict, expected: dict) -> dict:
    """The figures this test knows, with each `left_out` (always 0 in this fixture) checked and set aside."""
    assert set(figures) - set(expected) <= LATER_KEYS, set(figures) - set(expected)

    def known(value):
        if isinstance(value, dict):
            assert value.get("left_out", 0) == 0, value
            return {k: known(v) for k, v in value.items() if k != "left_out"}
        return value

    return {k: known(v) for k, v in figures.items() if k in expected}


def rate(num, den, value, percent):
    return {"numerator": num, "denominator": den, "value": value, "percent": percent}


def satisfaction(satisfied, basic, dissatisfied):
    n = satisfied + basic + dissatisfied
    return {"with_feedback": n, "satisfied": satisfied, "basically_satisfied": basic, "dissatisfied": dissatisfied,
            "satisfied_rate": rate(satisfied, n, round(satisfied / n, 4), round(100 * satisfied / n, 1)),
            "basic_rate": rate(basic, n, round(basic / n, 4), round(100 * basic / n, 1)),
            "dissatisfied_rate": rate(dissatisfied, n, round(dissatisfied / n, 4), round(100 * dissatisfied / n, 1)),
            "satisfied_or_basic_rate": rate(satisfied + basic, n, round((satisfied + basic) / n, 4),
                                            round(100 * (satisfied + basic) / n, 1))}


def test_overall_figures_as_exported(site):
    # 13 proposals; reviewed 12 (filed 8, merged 1, not filed 2, converted 1); 0008 not reviewed;
    # assigned 7, of which 5 replied (3 on time: 2026-0001, 0003, 2025-0001), 0010 in progress, 0009 overdue.
    figures = stats.overall(site).as_dict()
    assert as_published(figures, EXPECTED_OVERALL) == EXPECTED_OVERALL


EXPECTED_OVERALL = {
        "proposals": 13, "unreviewed": 1, "reviewed": 12, "filed": 8, "merged": 1, "not_filed": 2, "converted": 1,
        "filing_rate": rate(8, 12, 0.6667, 66.7), "awaiting_assignment": 1,
        "assigned": 7, "replied": 5, "replied_on_time": 3, "replied_late": 2, "in_progress": 1, "overdue": 1,
        "reply_rate": rate(5, 7, 0.7143, 71.4), "on_time_rate": rate(3, 7, 0.4286, 42.9), "reopened": 1,
        "days_per_proposal": {"count": 5, "median": 40, "p90": 100, "max": 100},  # 20 23 40 50 100
        "days_per_reply": {"count": 6, "median": 35, "p90": 100, "max": 100},
        "satisfaction": satisfaction(2, 2, 0),  # 0001 满意, 0002 基本满意 (tie), 0003 满意, 2025-0001 基本满意
        "results": {"A": 3, "B": 2, "C": 1}, "adopted": 5, "with_result": 6,
        "adoption_rate": rate(5, 6, 0.8333, 83.3),
    }


def test_unit_figures_as_exported(site):
    units = {u.unit.slug: u.as_dict() for u in stats.all_unit_figures(site)}
    fgw = {
        "assigned": 4, "replied": 3, "replied_on_time": 3, "in_progress": 0, "overdue": 1,
        "overdue_proposals": ["2026-0009"], "reply_rate": rate(3, 4, 0.75, 75.0), "on_time_rate": rate(3, 4, 0.75, 75.0),
        "days_per_reply": {"count": 3, "median": 30, "p90": 50, "max": 50}, "satisfaction": satisfaction(2, 1, 0),
        "adopted": 3, "with_result": 3, "adoption_rate": rate(3, 3, 1.0, 100.0), "reopened": 0,
        "co_assigned": 0, "co_replied": 0,
    }
    assert as_published(units["fgw"], fgw) == fgw
    mz = {
        "assigned": 2, "replied": 1, "replied_on_time": 0, "in_progress": 1, "overdue": 0, "overdue_proposals": [],
        "reply_rate": rate(1, 2, 0.5, 50.0), "on_time_rate": rate(0, 2, 0.0, 0.0),
        "days_per_reply": {"count": 1, "median": 100, "p90": 100, "max": 100}, "satisfaction": satisfaction(0, 1, 0),
        "adopted": 0, "with_result": 1, "adoption_rate": rate(0, 1, 0.0, 0.0), "reopened": 0,
        "co_assigned": 1, "co_replied": 1,
    }
    assert as_published(units["mz"], mz) == mz
