"""The .xlsx twin of each CSV: what Excel, WPS and LibreOffice open without an import dialog.

A CSV loses to spreadsheets in two ways: LibreOffice's default import ignores the BOM
and garbles Chinese, and every spreadsheet reads 提案号 0110 as the number 110. In the
workbook each cell has its column's Table Schema type: text stays text (0110, 文号, and a
value starting with = is a string, never a formula), dates are dates, counts are numbers;
the header row is frozen. The file is the same bytes for the same rows (fixed zip times
and document dates), so incremental and cold builds agree.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
DATE_FORMAT = "yyyy-mm-dd"


def _cell(sheet, value, column_type: str):
    if value in ("", None):
        return None
    if column_type == "date":
        cell = WriteOnlyCell(sheet, value=dt.date.fromisoformat(str(value)))
        cell.number_format = DATE_FORMAT
        return cell
    if column_type in ("integer", "number") and not isinstance(value, bool):
        try:
            return WriteOnlyCell(sheet, value=int(value) if column_type == "integer" else float(value))
        except (TypeError, ValueError):
            pass
    cell = WriteOnlyCell(sheet, value=str(value))
    cell.data_type = "s"  # openpyxl reads a str starting with "=" as a formula; it is text
    return cell


def workbook_bytes(title: str, columns, rows, as_of: dt.date) -> bytes:
    """One sheet: a frozen header row of the columns' headers, then one row per record."""
    book = Workbook(write_only=True)
    stamp = dt.datetime(as_of.year, as_of.month, as_of.day)
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = "Gongkai"
    sheet = book.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.data_type, cell.font = "s", bold
        header.append(cell)
    sheet.append(header)
    types = [c.type for c in columns]
    for row in rows:
        sheet.append([_cell(sheet, value, kind) for value, kind in zip(row, types)])
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_times(raw.getvalue(), stamp)


def _fixed_times(data: bytes, stamp: dt.datetime) -> bytes:
    """The same workbook with every zip entry dated alike and its document dates set (reproducible)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _core_dates(body, stamp)
            entry = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, body)
    return out.getvalue()


def _core_dates(body: bytes, stamp: dt.datetime) -> bytes:
    import re

    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + iso, body)
