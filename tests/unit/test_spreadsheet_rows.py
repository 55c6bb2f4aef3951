"""The .xlsx rows written by opendata/spreadsheet.py are the bytes openpyxl writes for them.

spreadsheet.workbook_bytes writes the data rows' XML itself (openpyxl took seconds for the
~100,000 cells of proposals.xlsx); openpyxl's own writer is the reference, on rows made to
hit every case: text to escape, spaces to keep, characters beyond ASCII and beyond the
BMP, formula starters, numbers that are not numbers, dates, empty and missing cells.
"""
import datetime as dt
import gc
import io
import random
from collections import namedtuple

import pytest
from openpyxl import load_workbook

from opendata import spreadsheet

Column = namedtuple("Column", "header type")
COLUMNS = [Column("提案号", "string"), Column("标题", "string"), Column("提交日期", "date"), Column("件数", "integer"),
           Column("比率", "number"), Column("备注", "string"), Column("答复日期", "date")]
TEXTS = ["", "0110", "关于低碳社区的建议", "a & b < c > d", "\"quoted\" 'single'", " leading", "trailing ",
         "line\nbreak", "tab\there", "cr\rhere", "=SUM(A1:A2)", "+1", "-1", "@x", "emoji 😀 𠀀", "<b>粗体</b>",
         "&amp;", "]]>", "全角　空格", "\u00a0nbsp", "x" * 300]
NUMBERS = ["", None, 0, 1, "2", 3.5, "4.25", "abc", True, False, 10 ** 15, 1e20, 0.1, "nan", "-7"]
DATES = ["", None, "2016-01-05", "2026-11-23", "1900-03-01", "2099-12-31"]
AS_OF = dt.date(2026, 11, 23)


def random_rows(seed, count):
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        row = [rng.choice(TEXTS), rng.choice(TEXTS), rng.choice(DATES), rng.choice(NUMBERS), rng.choice(NUMBERS),
               rng.choice(TEXTS), rng.choice(DATES)]
        rows.append(row[:rng.choice((7, 7, 7, 5, 3))])  # a short row leaves its last cells out
    return rows


def openpyxl_bytes(columns, rows):
    types = [c.type for c in columns]
    typed = [[spreadsheet._typed(v, t) for v, t in zip(row, types)] for row in rows]
    return spreadsheet.workbook_bytes_openpyxl("提案", columns, typed, AS_OF)


@pytest.mark.parametrize("seed", range(5))
def test_rows_are_the_bytes_openpyxl_writes(seed):
    rows = random_rows(seed, 200)
    assert spreadsheet.workbook_bytes("提案", COLUMNS, rows, AS_OF) == openpyxl_bytes(COLUMNS, rows)


@pytest.mark.parametrize("rows", [[], [["", None, "", "", ""]], [["x", "y"]], [["x", "y", "2026-01-01"]]])
def test_no_rows_empty_rows_and_sheets_without_dates(rows):
    assert spreadsheet.workbook_bytes("提案", COLUMNS, rows, AS_OF) == openpyxl_bytes(COLUMNS, rows)


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")  # no half-written sheet left behind
@pytest.mark.parametrize("seed", range(3))
def test_rows_kept_from_another_build_make_the_same_workbook(seed):
    """A rebuild joins each row's XML kept by its key (row_xml) instead of writing every row."""
    rows = random_rows(seed, 200)
    style = spreadsheet.date_style("提案", COLUMNS)
    kept = [spreadsheet.row_xml(row, COLUMNS, style) for row in rows]
    assert spreadsheet.workbook_bytes("提案", COLUMNS, rows, AS_OF, kept) == openpyxl_bytes(COLUMNS, rows)
    undated = [row[:2] for row in rows]
    kept = [spreadsheet.row_xml(row, COLUMNS, style) for row in undated]
    assert spreadsheet.workbook_bytes("提案", COLUMNS, undated, AS_OF, kept) == openpyxl_bytes(COLUMNS, undated)
    gc.collect()  # a sheet date_style made and left unsaved would complain here


def test_what_a_spreadsheet_program_reads():
    rows = [["0110", "=SUM(A1:A2)", "2026-01-10", "3", "0.5", " 空格 ", None]]
    sheet = load_workbook(io.BytesIO(spreadsheet.workbook_bytes("提案", COLUMNS, rows, AS_OF))).active
    assert [c.value for c in sheet[1]] == [c.header for c in COLUMNS]
    values = [c.value for c in sheet[2]]
    assert values[:6] == ["0110", "=SUM(A1:A2)", dt.datetime(2026, 1, 10), 3, 0.5, " 空格 "]
    assert sheet["B2"].data_type == "s" and sheet["C2"].number_format == "yyyy-mm-dd"


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # openpyxl's writer, left open
def test_a_control_character_is_left_to_openpyxl():
    rows = [["bell\x07", "x"]]
    with pytest.raises(Exception) as fast:
        spreadsheet.workbook_bytes("提案", COLUMNS, rows, AS_OF)
    with pytest.raises(Exception) as slow:
        openpyxl_bytes(COLUMNS, rows)
    assert type(fast.value) is type(slow.value)
    kept = [spreadsheet.row_xml(row, COLUMNS, spreadsheet.date_style("提案", COLUMNS)) for row in rows]
    with pytest.raises(Exception) as from_kept:  # a kept row says so: the sheet is openpyxl's too
        spreadsheet.workbook_bytes("提案", COLUMNS, rows, AS_OF, kept)
    assert type(from_kept.value) is type(slow.value)
    gc.collect()  # openpyxl's half-written sheet is dropped here, within the filter above


@pytest.mark.parametrize("seed", [1, 2])
def test_a_workbook_restamped_for_another_day_is_the_one_made_for_that_day(seed):
    # restamped copies every entry but the document dates compressed as it is: the bytes must be
    # those of the workbook made from scratch for the new day (and differ from the old day's)
    rows = random_rows(seed, 400)
    before = spreadsheet.workbook_bytes("提案", COLUMNS, rows, AS_OF)
    for day in (AS_OF + dt.timedelta(days=1), dt.date(2027, 1, 1)):
        made = spreadsheet.workbook_bytes("提案", COLUMNS, rows, day)
        assert made != before
        assert spreadsheet.restamped(before, day) == made
    assert spreadsheet.restamped(before, AS_OF) == before
