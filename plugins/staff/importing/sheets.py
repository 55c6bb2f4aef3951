"""A register spreadsheet as rows of cells: .xlsx through openpyxl, .csv in UTF-8 or GBK.

Offices export registers from their proposal-handling systems: a merged title row above the
headers, headers merged over two rows (办理单位 over 主办单位 / 会办单位), dates as Excel
serial numbers, 提案号 typed as numbers. Merged cells are filled with their value here, so a
cell reads what the printed sheet shows; the header row is found by name elsewhere.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from .documents import Unreadable

SUFFIXES = (".xlsx", ".xlsm", ".csv")


@dataclass
class Sheet:
    name: str
    rows: list[list]  # cell values: str, int, float, datetime, or None
    encoding: str = ""  # for a CSV: the encoding it was read in


def read_sheet(path: Path) -> Sheet:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path)
    if suffix == ".csv":
        return _csv(path)
    if suffix in (".xls", ".et"):
        raise Unreadable(f"{path.name} 是旧版 Excel/WPS 表格，请“另存为” .xlsx 后再导入。 / Save it as .xlsx first.")
    raise Unreadable(f"{path.name}：只能导入 .xlsx 或 .csv。 / Only .xlsx and .csv can be imported.")


def _xlsx(path: Path) -> Sheet:
    try:
        import openpyxl

        book = openpyxl.load_workbook(str(path), data_only=True)  # formulas as their last values
    except Exception as exc:  # a damaged or renamed file: openpyxl raises many kinds
        raise Unreadable(f"{path.name} 无法作为 Excel 文件打开（{type(exc).__name__}）。"
                         f" / {path.name} is not a readable .xlsx.") from None
    ws = book.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    for merged in ws.merged_cells.ranges:
        value = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, merged.max_row):
            for c in range(merged.min_col - 1, merged.max_col):
                rows[r][c] = value
    return Sheet(ws.title, rows)


def _csv(path: Path) -> Sheet:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # gb18030 reads every GBK and GB2312 file
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise Unreadable(f"{path.name} 既不是 UTF-8 也不是 GBK 编码。 / Neither UTF-8 nor GBK.")
    rows = [[cell if cell.strip() else None for cell in row] for row in csv.reader(io.StringIO(text))]
    return Sheet(path.name, rows, "GBK" if encoding == "gb18030" else "UTF-8")


EXCEL_EPOCH = dt.date(1899, 12, 30)


def excel_serial(value) -> dt.date | None:
    """45000 → 2023-03-15: a date cell without date formatting shows Excel's day count."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if 10000 <= number <= 80000:  # 1927 … 2119
        return EXCEL_EPOCH + dt.timedelta(days=int(number))
    return None
