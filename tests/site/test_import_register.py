"""`python build.py import register`: real .xlsx and .csv registers, the real CLI, the entries written."""
import datetime as dt

import openpyxl
import yaml

from tests.conftest import run_cli

TITLE_A = "关于某街道增设便民设施的建议"
TITLE_B = "关于某社区改善照明的建议"


def write_register(path, rows, merges=()):
    """A register as offices export it: a merged title row, 办理单位 merged over 主办 / 会办,
    the other headers merged over two rows; `rows` are the data rows."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["测试区政协提案登记表"] + [None] * 8)
    ws.merge_cells("A1:I1")
    ws.append(["序号", "提案号", "案由", "提案人", "类别", "提交日期", "审查结果", "办理单位", None])
    ws.append([None] * 7 + ["主办单位", "会办单位"])
    for col in "ABCDEFG":
        ws.merge_cells(f"{col}2:{col}3")
    ws.merge_cells("H2:I2")
    for row in rows:
        ws.append(row)
    for cells in merges:
        ws.merge_cells(cells)
    book.save(path)
    return path


GOOD = [
    [1, 102, TITLE_A, "张三、李四", "经济建设", 45000, "立案", "区发改委", "区民政局"],  # 45000 = 2023-03-15
    [2, "0103", TITLE_B, "王五", "社会事业", dt.datetime(2023, 1, 12), None, None, None],
    [3, 102, TITLE_A, "张三、李四", "经济建设", 45000, "立案", "区发改委", "区民政局"],  # repeated
]


def meta_of(path):
    return yaml.load(path.read_text(encoding="utf-8").split("---")[1], Loader=yaml.BaseLoader)


def register(content, sheet, *options):
    return run_cli("import", "register", str(sheet), "--content", str(content), *options)


def test_dry_run_then_apply_then_reapply_changes_nothing(make_content, tmp_path):
    content = make_content()
    sheet = write_register(tmp_path / "登记表.xlsx", GOOD)
    dry = register(content, sheet, "--number-width", "4")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "将创建 proposals/2023/0102.md" in dry.stdout and "将创建 proposals/2023/0103.md" in dry.stdout
    assert "第 6 行与第 4 行相同" in dry.stdout
    assert "补齐为 0102" in dry.stdout
    assert not (content / "proposals").exists()

    applied = register(content, sheet, "--number-width", "4", "--apply")
    assert applied.returncode == 0, applied.stdout + applied.stderr
    a = meta_of(content / "proposals/2023/0102.md")
    assert {k: a[k] for k in ("number", "year", "title", "proposers", "category", "submitted", "review",
                              "review_date", "handling", "lead_units", "co_units")} == {
        "number": "0102", "year": "2023", "title": TITLE_A, "proposers": ["张三", "李四"], "category": "经济建设",
        "submitted": "2023-03-15", "review": "立案", "review_date": "未知", "handling": "lead_co",
        "lead_units": ["区发改委"], "co_units": ["区民政局"]}
    assert a["assigned"] == "未知"  # the sheet has no 交办日期: never invented
    b = meta_of(content / "proposals/2023/0103.md")
    assert (b["number"], b["submitted"], b["proposers"]) == ("0103", "2023-01-12", ["王五"])
    assert "review" not in b
    assert sorted(p.name for p in (content / "proposals/2023").iterdir()) == ["0102.md", "0103.md"]
    assert run_cli("check", "--content", str(content)).returncode == 0

    (content / "proposals/2023/0102.md").write_text(
        (content / "proposals/2023/0102.md").read_text(encoding="utf-8") + "工作人员补录的正文。\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (content / "proposals/2023").iterdir()}
    again = register(content, sheet, "--number-width", "4", "--apply")
    assert again.returncode == 0, again.stderr
    assert "proposals/2023/0102.md 已经存在，不改动" in again.stdout
    assert {p.name: p.read_bytes() for p in (content / "proposals/2023").iterdir()} == before


def test_a_category_merged_over_its_rows_applies_to_each(make_content, tmp_path):
    content = make_content()
    rows = [[1, "0301", TITLE_A, "张三", "城市建设", 45000, None, None, None],
            [2, "0302", TITLE_B, "李四", None, 45001, None, None, None]]
    sheet = write_register(tmp_path / "grouped.xlsx", rows, merges=["E4:E5"])
    result = register(content, sheet, "--apply")
    assert result.returncode == 0, result.stdout + result.stderr
    assert meta_of(content / "proposals/2023/0302.md")["category"] == "城市建设"


def test_width_of_numbers_typed_as_numbers_comes_from_the_text_ones(make_content, tmp_path):
    """0103 is text in the sheet: 102, a number, lost its zero and gets it back, with a warning."""
    content = make_content()
    result = register(content, write_register(tmp_path / "w.xlsx", GOOD[:2]))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "将创建 proposals/2023/0102.md" in result.stdout and "补齐为 0102（按表中" in result.stdout


def test_bad_rows_are_all_named_and_nothing_is_written(make_content, tmp_path):
    content = make_content()
    rows = [GOOD[0],
            [2, "0104", TITLE_B, "王五", "经济", 45001, None, None, None],
            [3, "0105", TITLE_B, "赵六", "社会事业", 45002, "立案", "区发改局", None]]
    sheet = write_register(tmp_path / "bad.xlsx", rows)
    result = register(content, sheet, "--apply", "--number-width", "4")
    assert result.returncode == 1
    assert "第 5 行 E 列「类别」 值「经济」" in result.stderr and "您是不是要写「经济建设」" in result.stderr
    assert "第 6 行 H 列「主办单位」 值「区发改局」" in result.stderr and "您是不是要写「区发改委」" in result.stderr
    assert not (content / "proposals").exists()


def test_gbk_csv_with_a_number_that_lost_its_zeros(make_content, tmp_path):
    content = make_content()
    sheet = tmp_path / "登记表.csv"
    sheet.write_bytes(("提案号,标题,第一提案人,类别,提交日期\n"
                       f"7,{TITLE_B},王五,社会事业,2023年2月1日\n").encode("gbk"))
    result = register(content, sheet, "--apply", "--number-width", "4")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "（GBK）" in result.stdout
    assert "补齐为 0007" in result.stdout
    meta = meta_of(content / "proposals/2023/0007.md")
    assert (meta["title"], meta["submitted"]) == (TITLE_B, "2023-02-01")


def test_the_sites_own_csv_columns_are_read(make_content, tmp_path):
    """data/proposals.csv starts with 提案编号 (2023-0102) before 提案号: the number comes from 提案号."""
    content = make_content()
    sheet = tmp_path / "proposals.csv"
    sheet.write_text("\ufeff提案编号,提案号,年度,案由,状态,类别,提案者,提交日期\r\n"
                     f"2023-0102,0102,2023,{TITLE_A},已提交,经济建设,张三、李四,2023-01-10\r\n", encoding="utf-8")
    result = register(content, sheet, "--apply")
    assert result.returncode == 0, result.stdout + result.stderr
    meta = meta_of(content / "proposals/2023/0102.md")
    assert (meta["number"], meta["year"], meta["proposers"]) == ("0102", "2023", ["张三", "李四"])


def test_utf8_bom_csv_with_a_local_header_map(make_content, tmp_path):
    content = make_content()
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("\ufeff编号,建议名称,领衔人,所属类别,日期\n0201,"
                     f"{TITLE_A},张三,城市建设,2024-03-01\n", encoding="utf-8")
    headers = tmp_path / "headers.yaml"
    headers.write_text("建议名称: title\n所属类别: category\n日期: submitted\n", encoding="utf-8")
    without = register(content, sheet)
    assert without.returncode == 2 and "案由" in without.stderr
    result = register(content, sheet, "--headers", str(headers), "--apply")
    assert result.returncode == 0, result.stdout + result.stderr
    assert meta_of(content / "proposals/2024/0201.md")["category"] == "城市建设"


REPLY_SHEET = ("提案号,案由,提案人,类别,提交日期,审查结果,审查日期,主办单位,交办日期,答复日期,答复类别,满意度,反馈日期\n"
               f"0401,{TITLE_A},张三,经济建设,2023-01-10,立案,2023-02-01,区发改委,2023-02-10,2023-04-01,A,满意,2023-04-20\n")


def test_reply_and_feedback_columns_are_shown_for_entry_with_the_letter(make_content, tmp_path):
    """A reply page needs the letter's text, and feedback a reply: the row's values are shown
    with the command that brings the letter in; the proposal itself is written."""
    content = make_content()
    sheet = tmp_path / "办理情况汇总表.csv"
    sheet.write_text(REPLY_SHEET, encoding="utf-8")
    result = register(content, sheet, "--apply")
    assert result.returncode == 0, result.stdout + result.stderr
    assert ("以后录入：区发改委的答复（答复日期 2023-04-01，答复类别 A，满意度 满意，反馈日期 2023-04-20）没有导入"
            in result.stdout)
    assert "python build.py import reply 答复函.docx --proposal 2023-0401 --result A" in result.stdout
    assert (content / "proposals/2023/0401.md").exists() and not (content / "responses").exists()
    assert "feedback" not in meta_of(content / "proposals/2023/0401.md")
    assert run_cli("check", "--content", str(content)).returncode == 0


def test_a_rule_across_entries_is_a_row_error_before_anything_is_written(make_content, tmp_path):
    """Dates along the lifecycle are checked with the content (validate.py), in a trial copy,
    and told by row and column: here 审查日期 before 提交日期."""
    content = make_content()
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(REPLY_SHEET.replace("立案,2023-02-01", "立案,2023-01-05"), encoding="utf-8")
    result = register(content, sheet, "--apply")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "第 2 行 G 列「审查日期」 值「2023-01-05」" in result.stderr
    assert not (content / "proposals").exists()


def test_the_sites_own_spreadsheets_reimport_to_the_same_proposals(built, make_content):
    """Round trip: data/proposals.xlsx and .csv of a real build, imported into an empty content
    folder, give the same proposals in every field the spreadsheet carries."""
    import sys

    from tests.conftest import ROOT, assigned_proposal, proposal

    sys.path.insert(0, str(ROOT / "plugins"))
    from disclosure.site import load_site

    files = dict([proposal("0001", 2026, sector="经济界", proposers=["张三", "李四"]),
                  assigned_proposal("0002", 2026, handling="lead_co", co_units=["区民政局"]),
                  proposal("0110", 2026, category="社会事业")])
    out = built(files)
    original = load_site(make_content(files)).proposals
    fields = ("number", "year", "title", "proposers", "category", "sector", "submitted", "review", "assigned",
              "lead_units", "co_units")
    for name in ("proposals.xlsx", "proposals.csv"):
        content = make_content()
        result = register(content, out / "data" / name, "--apply")
        assert result.returncode == 0, result.stdout + result.stderr
        again = load_site(content).proposals
        assert sorted(again) == sorted(original) == ["2026-0001", "2026-0002", "2026-0110"]
        for pid, p in original.items():
            assert {f: getattr(again[pid], f) for f in fields} == {f: getattr(p, f) for f in fields}, (name, pid)
