"""The statistics pages and open data of a real build, read as a resident, a reporter and a program would.

The fixture is tests/support/stats_fixture.py (its docstring has the arithmetic); the
sample site is checked too, so the schemas hold for realistic content.
"""
import csv
import datetime as dt
import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft7Validator, Draft202012Validator
from referencing import Registry, Resource

from conftest import ROOT, build, front_matter, response, site_yaml, write_tree
from support.stats_fixture import files

SVG = "{http://www.w3.org/2000/svg}"
SECRET = "不予公开的答复正文甲乙丙"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tree = files()
    path, text = response("2026-0011", "sthj", date="2026-03-05", result="B", disclosure="withheld", body=SECRET)
    tree[path] = text
    tree["announcements/2026/notice.md"] = front_matter({
        "title": "低碳社区名单公示", "date": "2026-03-20", "kind": "publicity", "until": "2026-03-27",
        "region": "测试区", "related": ["2026-0001"]})
    content = write_tree(tmp_path_factory.mktemp("stats") / "content", {"site.yaml": site_yaml(), **tree})
    out = content.parent / "output"
    result = build(content, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(params=["fixture", "sample"])
def any_site(request, site, sample_site):
    return site if request.param == "fixture" else sample_site


def page(out, url):
    return BeautifulSoup((out / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(node):
    return re.sub(r"\s+", " ", node.get_text()).strip()


def table_rows(table):
    """{row header: [cell texts]} of a table."""
    return {text(tr.th): [text(td) for td in tr.find_all("td")] for tr in table.select("tbody tr")}


# ---------------------------------------------------------------- the statistics page


def test_stats_page_shows_the_overall_figures(site):
    soup = page(site, "stats")
    cards = {text(div.dt): text(div.dd) for div in soup.select("#overall .stat-cards div")}
    assert cards == {"提案": "13 件", "立案率": "66.7%", "办复率": "71.4%", "按期办复率": "42.9%",
                     "答复用时中位数": "40 天", "满意率": "50.0%", "基本满意率": "50.0%", "解决采纳率": "83.3%",
                     "逾期未答复": "1 件"}
    rows = table_rows(soup.select_one("#overall table.figures"))
    assert rows["立案 / 并案 / 不予立案 / 转为意见建议"] == ["8 / 1 / 2 / 1 件"]
    assert rows["办复率"] == ["71.4%（5/7）"] and rows["按期办复率"] == ["42.9%（3/7）"]
    assert rows["已答复"] == ["5 件（按期 3 件，逾期后答复 2 件）"]
    assert rows["答复用时（按提案）"] == ["中位数 40 天，90% 分位数 100 天（5 件）"]
    assert rows["答复用时（按答复）"] == ["中位数 35 天，90% 分位数 100 天（6 份）"]
    assert rows["满意和基本满意率"] == ["100.0%（4/4）"] and rows["解决采纳率"] == ["83.3%（5/6）"]
    assert rows["重新办理"] == ["1 件"]


def test_stats_page_lists_overdue_proposals(site):
    table = page(site, "stats").select_one("#overdue table")
    [row] = table.select("tbody tr")
    assert text(row.th) == "2026年第0009号：关于第0009号事项的建议"
    assert row.th.a["href"] == "https://zx.example.org/proposals/2026/0009/"
    assert [text(td) for td in row.find_all("td")] == ["区发改委", "2026年8月30日", "85 天"]


def test_stats_page_has_a_section_per_year_session_and_category(site):
    soup = page(site, "stats")
    assert text(soup.select_one("#year-2026 h3")) == "2026年（十五届五次会议、十五届闭会期间）"
    rows = table_rows(soup.select_one("#year-2026 table.figures"))
    assert rows["办复率"] == ["66.7%（4/6）"] and rows["按期办复率"] == ["33.3%（2/6）"]
    assert rows["答复用时（按提案）"] == ["中位数 45 天，90% 分位数 100 天（4 件）"]
    assert table_rows(soup.select_one("#year-2025 table.figures"))["基本满意率"] == ["100.0%（1/1）"]
    years = table_rows(soup.select_one("#years table.compare"))
    assert list(years) == ["2026年", "2025年"]
    #               提案  立案率   已交办 办复率   按期     逾期 中位数 满意率   采纳率
    assert years["2026年"] == ["11", "70.0%", "6", "66.7%", "33.3%", "1", "45", "66.7%", "80.0%"]
    sessions = table_rows(soup.select_one("#sessions table.compare"))
    assert list(sessions) == ["十五届闭会期间", "十五届五次会议", "十五届四次会议"]
    assert sessions["十五届闭会期间"] == ["1", "100.0%", "1", "0.0%", "0.0%", "0", "—", "—", "—"]
    cats = table_rows(soup.select_one("#categories table.compare"))
    assert cats["社会事业"] == ["1", "100.0%", "1", "100.0%", "0.0%", "0", "100", "0.0%", "50.0%"]
    assert cats["经济建设"][3:5] == ["60.0%", "40.0%"]


def test_stats_page_explains_every_figure(site):
    soup = page(site, "stats")
    terms = [text(dt) for dt in soup.select("#definitions dt")]
    assert terms[:3] == ["立案率", "办复率", "按期办复率"] and "解决采纳率" in terms
    assert "最新日期有多条反馈" in text(soup.select_one("#definitions"))
    assert soup.select_one('a[href="#definitions"]')


def test_nav_links_the_statistics_page(site):
    nav = page(site, "")
    assert [a["href"] for a in nav.select("header nav a") if text(a) == "统计"] == ["https://zx.example.org/stats/"]


# ---------------------------------------------------------------- charts


def svgs(html: str):
    return re.findall(r"<svg\b.*?</svg>", html, flags=re.S)


def test_every_chart_is_valid_svg_with_an_accessible_name_and_a_data_table(site):
    html = (site / "stats" / "index.html").read_text(encoding="utf-8")
    found = svgs(html)
    assert len(found) >= 10  # 4 overall, 2 by year + one per year, 1 by category, 2 by unit
    ids = []
    for raw in found:
        root = ET.fromstring(raw)  # well-formed XML
        assert root.get("role") == "img"
        title_id, desc_id = root.get("aria-labelledby").split()
        title, desc = root.find(SVG + "title"), root.find(SVG + "desc")
        assert (title.get("id"), desc.get("id")) == (title_id, desc_id)
        assert title.text.strip() and desc.text.strip()
        ids.append(root.get("id"))
    assert len(ids) == len(set(ids))
    soup = BeautifulSoup(html, "html.parser")
    for fig in soup.select("figure.chart-figure"):
        svg = fig.find("svg")
        bars = [t.get_text() for t in svg.find_all("text")][0::2]  # label, value, label, value …
        data = fig.select_one("table.chart-data")
        assert data and len(data.select("tbody tr")) == len(bars)
        assert text(fig.figcaption) == svg.find("title").get_text()


def test_charts_say_what_they_show(site):
    soup = BeautifulSoup((site / "stats" / "index.html").read_text(encoding="utf-8"), "html.parser")
    review = soup.find("svg", id="chart-review")
    assert review.find("desc").get_text() == ("共 13 件提案：立案 8 件，并案 1 件，不予立案 2 件，转为意见建议 1 件，"
                                              "待审查 1 件。立案率 66.7%。")
    days = soup.find("svg", id="chart-unit-days")
    assert days.find("desc").get_text() == "共 3 项；用时最长：区民政局（100 天）；用时最短：区发改委（30 天）。"
    rows = table_rows(soup.find("svg", id="chart-unit-on-time").find_parent("figure").select_one("table"))
    assert rows == {"区发改委": ["75.0%（3/4）"], "区生态环境局": ["50.0%（1/2）"], "区民政局": ["0.0%（0/2）"]}


# ---------------------------------------------------------------- units


def test_unit_page_shows_the_units_figures(site):
    soup = page(site, "units/fgw")
    cards = {text(div.dt): text(div.dd) for div in soup.select(".unit-stats .stat-cards div")}
    assert cards["主办、分办"] == "4 件" and cards["办复率"] == "75.0%（3/4）"
    assert cards["答复用时中位数"] == "30 天" and cards["答复用时 90% 分位数"] == "50 天"
    assert cards["满意率"] == "66.7%（2/3）" and cards["逾期未答复"] == "1 件"
    # 满意 on 2026-0001 and 0002, 基本满意 on 2025-0001 (fgw its sole unit): none 不满意, so a reader
    # sees the whole judgement beside 满意率, as the statistics page shows it
    assert cards["满意和基本满意率"] == "100.0%（3/3）"
    assert soup.select_one(".unit-stats a[href$='/proposals/2026/0009/']")
    mz = {text(d.dt): text(d.dd) for d in page(site, "units/mz").select(".unit-stats .stat-cards div")}
    assert mz["按期办复率"] == "0.0%（0/2）" and mz["解决采纳率"] == "0.0%（0/1）"
    assert "另会办 1 件（已出具会办意见 1 件）" in text(page(site, "units/mz").select_one(".unit-stats"))


def order(site, url):
    return [text(tr.th) for tr in page(site, url).select("table.unit-table tbody tr")]


def test_unit_table_is_sortable_without_javascript(site):
    assert order(site, "stats/units") == ["区发改委", "区生态环境局", "区民政局"]  # site.yaml order
    assert order(site, "stats/units/by-reply-rate") == ["区生态环境局", "区发改委", "区民政局"]  # 100 75 50
    assert order(site, "stats/units/by-on-time") == ["区发改委", "区生态环境局", "区民政局"]  # 75 50 0
    assert order(site, "stats/units/by-median-days") == ["区发改委", "区生态环境局", "区民政局"]  # 30 31.5 100
    assert order(site, "stats/units/by-satisfaction") == ["区生态环境局", "区发改委", "区民政局"]  # 100 66.7 0
    soup = page(site, "stats/units/by-on-time")
    current = soup.select("th[aria-sort]")
    assert [(text(th), th["aria-sort"]) for th in current] == [("按期办复率 ▼", "descending")]
    assert page(site, "stats/units/by-median-days").select_one("th[aria-sort]")["aria-sort"] == "ascending"
    for a in soup.select("table.unit-table thead a"):  # every header links a page that exists
        target = a["href"].removeprefix("https://zx.example.org/")
        assert (site / target / "index.html").is_file(), target
    assert len(soup.select("table.unit-table thead a")) == 11
    row = [text(td) for td in soup.select("table.unit-table tbody tr")[0].find_all("td")]
    assert row == ["4", "75.0%", "75.0%", "1", "30", "50", "100.0%", "66.7%", "0", "1（0）", "—"]  # one commitment, not yet due


# ---------------------------------------------------------------- open data


def schemas(out):
    found = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (out / "data").glob("*.schema.json")}
    registry = Registry().with_resources([(name, Resource.from_contents(s)) for name, s in found.items()])
    return found, registry


def errors(out, schema_name, instance):
    found, registry = schemas(out)
    validator = Draft202012Validator(found[schema_name], registry=registry,
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{e.json_path}: {e.message[:200]}" for e in validator.iter_errors(instance)]


def test_schemas_are_published_and_valid(any_site):
    found, _ = schemas(any_site)
    source = {p.name for p in (ROOT / "plugins" / "opendata" / "schemas").glob("*.schema.json")}
    assert set(found) == source
    for name, schema in found.items():
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", ["proposals", "responses", "announcements", "units", "stats"])
def test_data_files_validate_against_their_schemas(any_site, name):
    data = json.loads((any_site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    assert errors(any_site, f"{name}.schema.json", data) == []


def test_schemas_can_fail(site):
    """A record with a missing key or a wrong type is caught (the schemas are not vacuous)."""
    record = json.loads((site / "proposals/2026/0001/index.json").read_text(encoding="utf-8"))
    assert errors(site, "proposal.schema.json", record) == []
    broken = dict(record, year="2026", surprise=1)
    del broken["status"]
    problems = "\n".join(errors(site, "proposal.schema.json", broken))
    assert "'status' is a required property" in problems and "surprise" in problems and "'2026'" in problems
    stats = json.loads((site / "data/stats.json").read_text(encoding="utf-8"))
    stats["overall"]["reply_rate"]["percent"] = 171.4
    assert errors(site, "stats.schema.json", stats)


def twin_pages(out):
    """(page folder, schema) for every item page that has a JSON twin."""
    for folder, schema in [("proposals", "proposal"), ("responses", "response"),
                           ("announcements", "announcement"), ("units", "unit")]:
        for html in sorted((out / folder).rglob("index.html")):
            if "/page/" in html.as_posix() or html.parent == out / folder:
                continue
            if folder in ("proposals", "announcements") and not (html.parent / "index.json").exists():
                continue  # year and kind listings have no twin
            yield html.parent, schema


def test_every_item_page_has_a_linked_json_twin_that_validates(any_site):
    count = 0
    for folder, schema in twin_pages(any_site):
        soup = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")
        link = soup.select_one('link[rel="alternate"][type="application/json"]')
        url = folder.relative_to(any_site).as_posix() + "/index.json"
        assert link is not None and link["href"].endswith("/" + url), folder
        twin = json.loads((folder / "index.json").read_text(encoding="utf-8"))
        assert errors(any_site, f"{schema}.schema.json", twin) == [], url
        count += 1
    proposals = json.loads((any_site / "data/proposals.json").read_text(encoding="utf-8"))
    responses = json.loads((any_site / "data/responses.json").read_text(encoding="utf-8"))
    units = json.loads((any_site / "data/units.json").read_text(encoding="utf-8"))
    announcements = json.loads((any_site / "data/announcements.json").read_text(encoding="utf-8"))
    assert count == len(proposals) + len(responses) + len(units) + len(announcements)


def test_a_twin_is_the_same_record_as_in_the_collection(site):
    twin = json.loads((site / "proposals/2026/0002/index.json").read_text(encoding="utf-8"))
    proposals = {p["id"]: p for p in json.loads((site / "data/proposals.json").read_text(encoding="utf-8"))}
    assert twin == proposals["2026-0002"] and twin["days_to_reply"] == 100
    unit = json.loads((site / "units/fgw/index.json").read_text(encoding="utf-8"))
    assert unit["lead_proposals"] == ["2025-0001", "2026-0001", "2026-0002", "2026-0009"]
    assert unit["stats"]["on_time_rate"] == {"numerator": 3, "denominator": 4, "value": 0.75, "percent": 75.0, "left_out": 0}


def test_stats_json_has_the_page_figures(site):
    data = json.loads((site / "data/stats.json").read_text(encoding="utf-8"))
    assert data["as_of"] == "2026-11-23"
    assert data["overall"]["on_time_rate"]["percent"] == 42.9 and data["overall"]["filing_rate"]["numerator"] == 8
    assert [(o["proposal"], o["days_overdue"]) for o in data["overdue"]] == [("2026-0009", 85)]
    assert [y["year"] for y in data["years"]] == ["2026", "2025"]
    assert {u["slug"]: u["days_per_reply"]["median"] for u in data["units"]} == {"fgw": 30, "sthj": 31.5, "mz": 100}
    assert [d["name"] for d in data["definitions"]][:2] == ["立案率", "办复率"]


def test_withheld_text_is_in_no_export(site):
    from support.outputs import zip_texts

    for path in list((site / "data").iterdir()) + list(site.rglob("index.json")):
        texts = zip_texts(path.read_bytes()) if path.suffix == ".xlsx" else [path.read_text(encoding="utf-8")]
        assert all(SECRET not in text for text in texts), path
    record = json.loads((site / "responses/2026/0011-sthj/index.json").read_text(encoding="utf-8"))
    assert record["disclosure"] == "withheld" and record["text"] == ""


# ---------------------------------------------------------------- the data package and the CSV files


def datapackage(out):
    return json.loads((out / "data" / "datapackage.json").read_text(encoding="utf-8"))


def test_datapackage_validates_against_the_data_package_profile(any_site):
    profile = json.loads((ROOT / "tests" / "schemas" / "datapackage-2.0.json").read_text(encoding="utf-8"))
    validator = Draft7Validator(profile, format_checker=Draft7Validator.FORMAT_CHECKER)
    assert [f"{e.json_path}: {e.message[:200]}" for e in validator.iter_errors(datapackage(any_site))] == []


def test_datapackage_lists_every_data_file_with_its_size_and_hash(any_site):
    data = any_site / "data"
    package = datapackage(any_site)
    listed = {r["path"]: r for r in package["resources"]}
    on_disk = {p.name for p in data.iterdir()
               if p.suffix in (".json", ".csv", ".xlsx") and p.name != "datapackage.json" and not p.name.endswith(".schema.json")}
    assert set(listed) == on_disk
    assert on_disk >= {"proposals.json", "responses.json", "announcements.json", "units.json", "stats.json",
                       "proposals.csv", "responses.csv", "announcements.csv", "units.csv"}
    for name, resource in listed.items():
        raw = (data / name).read_bytes()
        assert resource["bytes"] == len(raw) and resource["hash"] == "sha256:" + hashlib.sha256(raw).hexdigest()
        if name.endswith(".json"):
            assert (data / resource["jsonSchema"]).is_file()
        else:
            assert resource["type"] == "table" and resource["schema"]["fields"]
    assert len({r["name"] for r in package["resources"]}) == len(package["resources"])


def cell_problem(field, value):
    """Why `value` does not fit a Table Schema field, or None."""
    if value == "":
        return None  # missingValues [""]
    kind = field["type"]
    try:
        if kind == "integer":
            int(value)
        elif kind == "number":
            float(value)
        elif kind == "date":
            dt.date.fromisoformat(value)
        elif kind == "boolean":
            assert value in field["trueValues"] + field["falseValues"]
        elif field.get("format") == "uri":
            assert re.match(r"^https?://\S+$", value)
    except (ValueError, AssertionError):
        return f"{field['name']}: {value!r} is not {kind}"
    return None


def test_csv_files_start_with_a_bom_and_match_their_table_schema(any_site):
    data = any_site / "data"
    for resource in datapackage(any_site)["resources"]:
        if resource.get("type") != "table" or resource["format"] != "csv":
            continue  # the .xlsx twins: tests/site/test_feed_clients.py
        raw = (data / resource["path"]).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), resource["path"]
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        fields = resource["schema"]["fields"]
        assert rows[0] == [f["name"] for f in fields], resource["path"]
        assert len(rows) > 1
        problems = [p for row in rows[1:] for f, v in zip(fields, row) if (p := cell_problem(f, v))]
        assert problems == [] and all(len(r) == len(fields) for r in rows), resource["path"]


def test_csv_cells_say_what_the_pages_say(site):
    rows = list(csv.DictReader(io.StringIO((site / "data/units.csv").read_text(encoding="utf-8-sig"))))
    fgw = rows[0]
    assert (fgw["简称"], fgw["按期办复率（%）"], fgw["答复用时中位数（天）"], fgw["逾期未答复"]) == ("区发改委", "75.0", "30", "1")
    assert rows[1]["答复用时中位数（天）"] == "31.5"
    replies = {r["答复编号"]: r for r in csv.DictReader(io.StringIO(
        (site / "data/responses.csv").read_text(encoding="utf-8-sig")))}
    assert replies["2026/0003-sthj"]["已被重新答复取代"] == "是" and replies["2026/0003-sthj"]["解决采纳"] == "否"
    assert replies["2026/0003-sthj-2"]["重新答复所替代的答复"] == "2026/0003-sthj"
    assert replies["2026/0003-mz"]["办理角色"] == "会办" and replies["2026/0003-mz"]["解决采纳"] == ""


def test_data_page_lists_files_schemas_and_the_package(site):
    soup = page(site, "data")
    names = [text(th) for th in soup.select("table.data-files tbody th")]
    assert {"units.json", "stats.json", "responses.csv", "announcements.csv", "units.csv"} <= set(names)
    hrefs = {a["href"].rsplit("/", 1)[-1] for a in soup.select("a")}
    assert {"datapackage.json", "proposal.schema.json", "stats.schema.json"} <= hrefs
