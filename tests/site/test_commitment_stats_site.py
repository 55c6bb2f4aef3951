"""承诺兑现率 per unit and per year: /stats/, /stats/units/, a unit's page, data/stats.json and units.csv.

Hand-computed from the front matter below, on the tests' build date 2026-11-23:

  reply                 unit  commitment  due         latest update        counts as
  2025-0001 (lead)      fgw   甲          2025-12-31  2025-11-01 已完成     done
                        fgw   乙          2026-06-30  none                 overdue
  2026-0001 (lead)      fgw   丙          2026-12-31  2026-05-01 推进中     neither (not yet due)
  2026-0001 (co)        mz    丁          2026-09-30  2026-09-01 已完成     done
                        mz    戊          2026-06-30  2026-07-01 未落实     overdue
  2026-0002 (withheld)  mz    己          2026-05-31  none                 nowhere (not public)
  2026-0003 (lead)      sthj  庚          (none)      2026-05-01 已完成     done

  fgw  3 made, 1 done, 1 overdue → 1/2 = 50.0%     2025: 2 made, 1 done, 1 overdue → 50.0%
  mz   2 made, 1 done, 1 overdue → 1/2 = 50.0%     2026: 4 made, 2 done, 1 overdue → 2/3 = 66.7%
  sthj 1 made, 1 done, 0 overdue → 1/1 = 100.0%    all:  6 made, 3 done, 2 overdue → 3/5 = 60.0%
"""
from __future__ import annotations

import csv
import json

import pytest
from bs4 import BeautifulSoup

from conftest import BUILD_DATE, assigned_proposal, build, response, site_yaml, write_tree
from disclosure import stats
from disclosure.site import load_site


def c(text, due=None, *updates):
    item = {"text": text, "updates": [{"date": d, "status": s} for d, s in updates]}
    return {**item, "due": due} if due else item


def files():
    return dict([
        assigned_proposal("0001", year=2025),
        response("2025-0001", commitments=[c("甲。", "2025-12-31", ("2025-11-01", "已完成")), c("乙。", "2026-06-30")]),
        assigned_proposal("0001", handling="lead_co", co_units=["区民政局"]),
        response("2026-0001", commitments=[c("丙。", "2026-12-31", ("2026-05-01", "推进中"))]),
        response("2026-0001", unit="mz", role="co", result=None, date="2026-04-05",
                 commitments=[c("丁。", "2026-09-30", ("2026-09-01", "已完成")), c("戊。", "2026-06-30", ("2026-07-01", "未落实"))]),
        assigned_proposal("0002", lead_units=["区民政局"]),
        response("2026-0002", unit="mz", disclosure="withheld", commitments=[c("己。", "2026-05-31")]),
        assigned_proposal("0003", lead_units=["区生态环境局"]),
        response("2026-0003", unit="sthj", commitments=[c("庚。", None, ("2026-05-01", "已完成"))]),
    ])


EXPECTED_UNITS = {"fgw": (3, 1, 1, "50.0%"), "sthj": (1, 1, 0, "100.0%"), "mz": (2, 1, 1, "50.0%")}
EXPECTED_YEARS = {"2026": (4, 2, 1, "66.7%"), "2025": (2, 1, 1, "50.0%")}


def counts(f):
    return (f.commitments, f.commitments_done, f.commitments_overdue, f.fulfilment_rate.text)


def test_the_core_counts_per_unit_and_per_year(make_content):
    site = load_site(make_content(files()), today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    assert {u.unit.slug: counts(u) for u in stats.all_unit_figures(site)} == EXPECTED_UNITS
    assert {g.key: counts(g.figures) for g in stats.by_year(site)} == EXPECTED_YEARS
    assert counts(stats.overall(site)) == (6, 3, 2, "60.0%")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    base = tmp_path_factory.mktemp("commitment-stats")
    content = write_tree(base / "content", {"site.yaml": site_yaml(), **files()})
    result = build(content, base / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "out"


def page(out, url):
    return BeautifulSoup((out / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def table_rows(table):
    return {tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")}


def test_the_stats_page_tables_per_year_and_per_unit(out):
    soup = page(out, "stats")
    years = table_rows(soup.select_one("#years table.commitment-figures"))
    assert years == {"2026年": ["4", "2", "1", "66.7%（2/3）"], "2025年": ["2", "1", "1", "50.0%（1/2）"]}
    units = table_rows(soup.select_one("#units table.commitment-figures"))
    assert units == {"区发改委": ["3", "1", "1", "50.0%（1/2）"], "区生态环境局": ["1", "1", "0", "100.0%（1/1）"],
                     "区民政局": ["2", "1", "1", "50.0%（1/2）"]}
    definition = soup.select_one("#def-fulfilment_rate").find_next("dd").get_text()
    assert "按承办单位计该单位答复（主办、分办或会办）中的承诺" in definition


def test_the_sortable_unit_table_sorts_by_fulfilment(out):
    soup = page(out, "stats/units/by-fulfilment")
    headers = [th.get_text(" ", strip=True) for th in soup.select("thead th")]
    column = headers.index("承诺兑现率 ▼")
    rows = [(tr.th.get_text(strip=True), tr.select("td")[column - 1].get_text(strip=True)) for tr in soup.select("tbody tr")]
    assert rows == [("区生态环境局", "100.0%"), ("区发改委", "50.0%"), ("区民政局", "50.0%")]  # ties keep site.yaml order


def test_the_unit_table_says_its_commitment_columns_count_co_replies_too(out):
    """docs/statistics.md: a unit's 承诺 columns count its own replies public in full, whatever its
    role; mz's two commitments come from its 会办 reply, so the lead must not say 主办或分办 only."""
    lead = " ".join(page(out, "stats/units").select_one("p.lead").get_text(" ", strip=True).split())
    assert "承诺各列计该单位自己全文公开的答复（主办、分办或会办）中的承诺" in lead


def test_a_unit_page_shows_its_rate_and_lists_its_open_commitments(out):
    soup = page(out, "units/mz")
    cards = {div.dt.get_text(strip=True): " ".join(div.dd.get_text(" ", strip=True).split())
             for div in soup.select(".unit-stats .stat-cards div")}
    assert cards["答复中的承诺"] == "2 项 （已完成 1 项，逾期未完成 1 项）"
    assert cards["承诺兑现率"] == "50.0% （1/2）"
    assert [q.get_text() for q in soup.select("ul.open-commitments q")] == ["戊。"]  # 己 is withheld, 丁 done


def test_stats_json_and_units_csv(out):
    data = json.loads((out / "data/stats.json").read_text(encoding="utf-8"))
    got = {u["slug"]: (u["commitments"], u["commitments_done"], u["commitments_overdue"], u["fulfilment_rate"]["percent"])
           for u in data["units"]}
    assert got == {"fgw": (3, 1, 1, 50.0), "sthj": (1, 1, 0, 100.0), "mz": (2, 1, 1, 50.0)}
    assert {y["year"]: y["fulfilment_rate"]["percent"] for y in data["years"]} == {"2026": 66.7, "2025": 50.0}
    with open(out / "data/units.csv", encoding="utf-8-sig", newline="") as fh:
        table = {r["代码"]: (r["承诺"], r["承诺已完成"], r["承诺逾期未完成"], r["承诺兑现率（%）"]) for r in csv.DictReader(fh)}
    assert table == {"fgw": ("3", "1", "1", "50.0"), "sthj": ("1", "1", "0", "100.0"), "mz": ("2", "1", "1", "50.0")}
    from test_stats_site import errors
    assert errors(out, "stats.schema.json", data) == []
    units = json.loads((out / "data/units.json").read_text(encoding="utf-8"))
    assert errors(out, "units.schema.json", units) == []
