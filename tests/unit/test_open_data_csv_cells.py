"""The cells of the CSV tables (data/*.csv, and the .xlsx made from the same rows) as a data user opens
them in Excel, WPS or LibreOffice: what each cell holds, and that no text cell runs as a formula.

Ground truth: the front matter written here, site.yaml (conftest.SITE_YAML), docs/content-model.md
(a list of names or units is joined with 、; a value starting with = + - @ is written with a leading ';
a fact that is not known is a missing value) and docs/security.md (CSV: a text cell starting with
= + - @, tab or CR gets a leading '; numbers stay numbers).
"""
import pytest

from conftest import BUILD_DATE, assigned_proposal, front_matter, proposal, response
from disclosure import export
from disclosure.formulas import inert_cell
from disclosure.site import load_site
from support import hostile

BASE = "https://zx.example.org"


def proposal_cells(site, pid="2026-0001"):
    row = export.proposal_csv_row(export.proposal_record(site, site.proposals[pid], BASE))
    return dict(zip(export.CSV_HEADER, row))


def test_several_flags_units_and_proposers_are_joined_with_the_list_comma(make_content):
    # 重点提案, and overdue: 交办 02-10, due 05-11 (reply_days 90), no reply by the build date 11-23.
    site = load_site(make_content(dict([
        assigned_proposal(handling="split", lead_units=["区发改委", "区生态环境局"], proposers=["张三", "李四", "王五"],
                          key=True),
        assigned_proposal("0002", handling="lead_co", co_units=["区生态环境局", "测试区民政局"])])), today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    cells = proposal_cells(site)
    assert cells["标记"] == "逾期未答复、重点提案"  # in the order the flags are listed (labels.FLAGS)
    assert cells["主办单位"] == "测试区发展和改革委员会、测试区生态环境局"
    assert cells["提案者"] == "张三、李四、王五"
    assert cells["答复数"] == 0 and cells["答复期限"] == "2026-05-11"
    assert proposal_cells(site, "2026-0002")["会办单位"] == "测试区生态环境局、测试区民政局"


def test_a_proposal_not_yet_reviewed_has_empty_cells_not_words(make_content):
    # submitted only: no 界别, no review, not assigned, no due date, not closed
    site = load_site(make_content(dict([proposal()])), today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    cells = proposal_cells(site)
    assert [cells[k] for k in ["界别", "审查结果", "交办日期", "答复期限", "主办单位", "会办单位", "办结日期", "标记"]] == [""] * 8
    assert (cells["状态"], cells["提案者"], cells["类别"], cells["提交日期"]) == ("已提交", "张三", "经济建设", "2026-01-10")


def test_review_results_as_site_pages_name_them(make_content):
    site = load_site(make_content(dict([proposal(review="not_filed", review_date="2026-02-01"),
                                        proposal("0002", review="converted", review_date="2026-02-01")])),
                     today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    assert proposal_cells(site)["审查结果"] == "不予立案"
    assert proposal_cells(site, "2026-0002")["审查结果"] == "转为意见建议"


def test_an_unknown_assignment_date_is_an_empty_cell_and_no_due_date_is_derived(make_content):
    site = load_site(make_content(dict([assigned_proposal(assigned="未知")])), today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    cells = proposal_cells(site)
    assert (cells["交办日期"], cells["答复期限"], cells["主办单位"]) == ("", "", "测试区发展和改革委员会")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from conftest import write_tree

    root = write_tree(tmp_path_factory.mktemp("hostile"), hostile.files())
    site = load_site(root, today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    return site


def tables(site):
    """Every CSV the site writes, as (columns, rows): each kind's own, units.csv and commitments.csv."""
    out = []
    for kind in site.kinds:
        spec = kind.export
        if spec is None:
            continue
        records = [spec.record(site, e, BASE) for e in site.entries_of(kind).values()]
        rows = [spec.row(r) for r in records] if spec.row else export.csv_rows(spec.columns, records)
        out.append((kind.name, spec.columns, rows))
    members = export.unit_proposals(site)
    units = [export.unit_record(site, u, BASE, members=members) for u in site.vocab.units]
    out.append(("units", export.UNIT_CSV, export.csv_rows(export.UNIT_CSV, units)))
    out.append(("commitments", export.COMMITMENT_CSV,
                export.csv_rows(export.COMMITMENT_CSV, export.commitment_rows(site, BASE))))
    return out


def test_no_cell_of_any_table_starts_a_formula(hostile_site):
    written, formulas = [], []
    for name, columns, rows in tables(hostile_site):
        assert rows, name
        for row in rows:
            assert len(row) == len(columns), name
            for value, column in zip(row, columns):
                cell = inert_cell(value, column.type)
                written.append(cell)
                if isinstance(cell, str) and cell[:1] in hostile.STARTERS:
                    formulas.append((name, column.header, cell[:30]))
    assert formulas == []
    # the text itself is kept, behind one quote
    for value in [hostile.HYPERLINK, hostile.FORMULA, hostile.payload("notice_title", 1),
                  hostile.payload("commitment", 0), hostile.payload("unit2", 2)]:
        assert "'" + value in written, value


def test_number_date_and_yes_no_columns_hold_no_staff_text(hostile_site):
    for name, columns, rows in tables(hostile_site):
        for row in rows:
            for value, column in zip(row, columns):
                if column.type in ("integer", "number"):
                    assert value == "" or float(value) == float(value), (name, column.header, value)
                elif column.type == "date":
                    assert value == "" or len(value) == 10 and value[4] == value[7] == "-", (name, column.header)
                elif column.type == "boolean":
                    assert value in ("是", "否", ""), (name, column.header, value)


def test_a_re_reply_and_the_reply_it_replaces_in_the_replies_table(make_content):
    # 不满意 after the first reply, then the unit replied again (`supersedes` names the first reply)
    site = load_site(make_content(dict([
        assigned_proposal(feedback=[{"date": "2026-04-20", "satisfaction": "不满意", "unit": "区发改委"}]),
        response(date="2026-04-01", result="C"),
        response(suffix="-2", date="2026-06-10", result="A", supersedes="2026/0001-fgw")])), today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    headers = [c.header for c in export.RESPONSE_CSV]
    first, again = (dict(zip(headers, row)) for row in export.csv_rows(export.RESPONSE_CSV, [
        export.response_record(site, site.responses[i], BASE) for i in ["2026/0001-fgw", "2026/0001-fgw-2"]]))
    assert (first["已被重新答复取代"], first["重新答复所替代的答复"], first["解决采纳"]) == ("是", "", "否")
    assert (again["已被重新答复取代"], again["重新答复所替代的答复"], again["解决采纳"]) == ("否", "2026/0001-fgw", "是")


def test_an_announcement_row(make_content):
    site = load_site(make_content(dict([proposal(), proposal("0002"), ("announcements/2026/canteen.md", front_matter({
        "title": "关于社区食堂选址的公示", "date": "2026-11-20", "kind": "公示", "until": "2026-11-27", "region": "东湖街道",
        "related": ["2026-0001", "2026-0002"]}))])), today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    (row,) = export.csv_rows(export.ANNOUNCEMENT_CSV, [
        export.announcement_record(site, site.announcements["2026/canteen"], BASE)])
    assert dict(zip([c.header for c in export.ANNOUNCEMENT_CSV], row)) == {
        "公告编号": "2026/canteen", "标题": "关于社区食堂选址的公示", "类型": "公示", "发布日期": "2026-11-20",
        "公示截止": "2026-11-27", "区域": "东湖街道", "相关提案": "2026-0001、2026-0002", "公开属性": "全文公开",
        "网址": f"{BASE}/announcements/2026/canteen/"}
