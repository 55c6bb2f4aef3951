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
import math
import re
import zipfile

# openpyxl (~0.2 s to import) is imported only where a workbook's frame is made (skeleton) or a
# sheet is left to it: a rebuild whose frames are kept (generator.py) writes rows without it.

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
SHEET = "xl/worksheets/sheet1.xml"
DATE_FORMAT = "yyyy-mm-dd"


def _typed(value, column_type: str):
    """(kind, value) of one cell as the workbook holds it: "d" a date, "n" a number, "s" text;
    None for an empty cell (left out of the row)."""
    if value in ("", None):
        return None
    if column_type == "date":
        return "d", dt.date.fromisoformat(str(value))
    if column_type in ("integer", "number") and not isinstance(value, bool):
        try:
            return "n", int(value) if column_type == "integer" else float(value)
        except (TypeError, ValueError):
            pass
    return "s", str(value)  # text, even when it starts with "=": never a formula


def _cell(sheet, typed):
    """An openpyxl cell of a _typed value (None for an empty one)."""
    if typed is None:
        return None
    from openpyxl.cell import WriteOnlyCell

    kind, value = typed
    cell = WriteOnlyCell(sheet, value=value)
    if kind == "d":
        cell.number_format = DATE_FORMAT
    elif kind == "s":
        cell.data_type = "s"  # openpyxl reads a str starting with "=" as a formula; it is text
    return cell


# Characters XML 1.0 cannot hold: lxml (and so openpyxl) refuses them; such a sheet is left to openpyxl.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _unwritable(cells) -> bool:
    """Whether a text cell of `cells` (as _typed makes them) holds a character XML cannot."""
    return any(cell and cell[0] == "s" and _NOT_XML.search(cell[1]) for cell in cells)


def _dated(cells) -> bool:
    return any(cell and cell[0] == "d" for cell in cells)


def workbook_bytes(title: str, columns, rows, as_of: dt.date, kept=None, frame=None) -> bytes:
    """One sheet: a frozen header row of the columns' headers, then one row per record.

    openpyxl writes the header (skeleton); the rows' XML is written here (rows_xml), the same
    bytes openpyxl writes for them (tests/unit/test_spreadsheet_rows.py) at a tenth of its time:
    openpyxl makes a cell object and an lxml element for each of the ~100,000 cells of
    proposals.xlsx, several seconds of every build.

    `kept`: each row's row_xml (in the order of `rows`), kept from the build that made it: a
    rebuild after one new reply then writes no row again but that one's. `frame`: dated →
    skeleton(title, columns, dated), kept by the caller (then openpyxl is not needed at all).
    """
    frame = frame or (lambda dated: skeleton(title, columns, dated))
    stamp = dt.datetime(as_of.year, as_of.month, as_of.day)
    if kept is not None and len(kept) == len(rows) and not any(bad for _, _, bad in kept):
        raw, _ = frame(any(dated for _, dated, _ in kept))
        return _fixed_times(raw, stamp, b"".join(xml.replace(NUMBER, b"%d" % number)
                                                 for number, (xml, _, _) in enumerate(kept, start=2)))
    types = [c.type for c in columns]
    rows = [[_typed(value, kind) for value, kind in zip(row, types)] for row in rows]
    if any(_unwritable(row) for row in rows):
        return workbook_bytes_openpyxl(title, columns, rows, as_of)
    raw, style = frame(any(_dated(row) for row in rows))
    return _fixed_times(raw, stamp, rows_xml(rows, style))


def skeleton(title: str, columns, dated: bool) -> tuple[bytes, int | None]:
    """The workbook of `columns` with its header row alone, as openpyxl saves it (_fixed_times
    sets its document dates and adds the rows), and the id of its date cells' style, registered
    as the first date cell would register it when `dated` (None when not: no style is added)."""
    book, sheet, _ = _book(title, columns, dt.date(2000, 1, 1))
    style = _date_style_of(sheet) if dated else None
    raw = io.BytesIO()
    book.save(raw)
    return raw.getvalue(), style


def _date_style_of(sheet) -> int:
    """Registers the date cells' style in the sheet's workbook, as its first date cell would; its id."""
    from openpyxl.cell import WriteOnlyCell

    marker = WriteOnlyCell(sheet, value=None)
    marker.number_format = DATE_FORMAT
    return marker.style_id


def date_style(title: str, columns) -> int:
    """The id the date cells' style gets in the workbook of `columns` (row_xml needs it)."""
    return skeleton(title, columns, True)[1]


NUMBER = b"\x00"  # where row_xml leaves the row's number (no cell holds it: XML cannot)


def row_xml(row, columns, style: int) -> tuple[bytes, bool, bool]:
    """One data row as rows_xml writes it, its number left as NUMBER (filled in by workbook_bytes),
    whether it has a date cell, and whether a text cell holds a character XML cannot (a sheet
    with such a row is openpyxl's: workbook_bytes_openpyxl). Kept between builds by the row's
    key; `style`: date_style(...)."""
    cells = [_typed(value, c.type) for value, c in zip(row, columns)]
    if _unwritable(cells):
        return b"", False, True
    letters = [column_letter(i) for i in range(1, len(cells) + 1)]
    return _row(cells, "\x00", letters, style).encode("ascii"), _dated(cells), False


def workbook_bytes_openpyxl(title: str, columns, rows, as_of: dt.date) -> bytes:
    """The same workbook with every row written by openpyxl (`rows` as _typed gives them)."""
    book, sheet, stamp = _book(title, columns, as_of)
    for row in rows:
        sheet.append([_cell(sheet, cell) for cell in row])
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_times(raw.getvalue(), stamp, b"")


def _book(title: str, columns, as_of: dt.date):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

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
    return book, sheet, stamp


def _text(value: str) -> str:
    """Text as lxml writes it in an ASCII document: &, <, > and CR escaped, the rest as &#N;."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return value if value.isascii() else value.encode("ascii", "xmlcharrefreplace").decode("ascii")


def rows_xml(rows, date_style) -> bytes:
    """The <row> elements of the data rows (from row 2), as openpyxl's write-only sheet writes them."""
    letters = [column_letter(i) for i in range(1, max((len(r) for r in rows), default=0) + 1)]
    return "".join(_row(row, str(number), letters, date_style) for number, row in enumerate(rows, start=2)).encode("ascii")


def _row(row, number: str, letters, date_style) -> str:
    out = [f'<row r="{number}">']
    for letter, cell in zip(letters, row):
        if cell is None:
            continue
        kind, value = cell
        ref = f"{letter}{number}"
        if kind == "s":
            space = ' xml:space="preserve"' if value != value.strip() else ""
            out.append(f'<c r="{ref}" t="inlineStr"><is><t{space}>{_text(value)}</t></is></c>')
        elif kind == "d":
            out.append(f'<c r="{ref}" s="{date_style}" t="n"><v>{_serial(value)}</v></c>')
        else:
            out.append(f'<c r="{ref}" t="n"><v>{_number(value)}</v></c>')
    out.append("</row>")
    return "".join(out)


def column_letter(index: int) -> str:
    """1 → A, 27 → AA: openpyxl.utils.get_column_letter, without importing openpyxl."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _number(value) -> str:
    """A number as openpyxl writes it (compat.safe_string): 16 significant digits, NaN and infinity empty."""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return ""
    return "%.16g" % value


_EPOCH = dt.date(1899, 12, 30)


def _serial(day: dt.date) -> str:
    """A date as openpyxl writes it (utils.datetime.to_excel, then safe_string): days since
    1899-12-30, one fewer up to 1900-02-28 (Excel's 1900-02-29 that never was)."""
    days = (day - _EPOCH).days
    if 0 < days <= 60:
        days -= 1
    return _number(float(days))


def _fixed_times(data: bytes, stamp: dt.datetime, rows: bytes) -> bytes:
    """The same workbook with every zip entry dated alike and its document dates set (reproducible),
    and `rows` (rows_xml) after the header row."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _core_dates(body, stamp)
            elif info.filename == SHEET and rows:
                head, end, tail = body.rpartition(b"</sheetData>")
                body = head + rows + end + tail
            entry = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, body)
    return out.getvalue()


def restamped(data: bytes, as_of: dt.date) -> bytes:
    """A workbook this module made (for any date) as it makes it for `as_of`: only its document
    dates (docProps/core.xml) depend on the date, so that entry alone is written again (as
    _fixed_times writes it) and every other one is copied as it is, compressed: the bytes of a
    workbook made for that day, without deflating proposals.xlsx's 5,000 rows again (~0.2 s a
    build the next day). Any entry this module would not have written so: _fixed_times, whole."""
    stamp = dt.datetime(as_of.year, as_of.month, as_of.day)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        infos = src.infolist()
        if not all(_copyable(info) for info in infos):
            return _fixed_times(data, stamp, b"")
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in infos:
                if info.filename == "docProps/core.xml":
                    entry = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
                    entry.compress_type = zipfile.ZIP_DEFLATED
                    dst.writestr(entry, _core_dates(src.read(info.filename), stamp))
                    continue
                start = info.header_offset
                name_len, extra_len = int.from_bytes(data[start + 26:start + 28], "little"), \
                    int.from_bytes(data[start + 28:start + 30], "little")
                record = data[start:start + 30 + name_len + extra_len + info.compress_size]
                copied = _copied_info(info, dst.fp.tell())
                dst.fp.write(record)  # its local header and compressed bytes, unchanged
                dst.filelist.append(copied)
                dst.NameToInfo[copied.filename] = copied
                dst.start_dir = dst.fp.tell()
                dst._didModify = True  # the central directory is written on close, from filelist
    return out.getvalue()


def _copyable(info: zipfile.ZipInfo) -> bool:
    """An entry as _fixed_times writes one: deflated, fixed time, no data descriptor, no zip64."""
    return (info.compress_type == zipfile.ZIP_DEFLATED and info.date_time == FIXED_ZIP_TIME
            and not info.flag_bits & 0x08 and info.compress_size < 0xFFFFFFFF and info.file_size < 0xFFFFFFFF
            and info.header_offset < 0xFFFFFFFF and not info.extra and not info.comment)


def _copied_info(info: zipfile.ZipInfo, offset: int) -> zipfile.ZipInfo:
    """The central directory's record of a copied entry, as writestr would have made it at `offset`."""
    made = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
    made.compress_type = zipfile.ZIP_DEFLATED
    for name in ("create_version", "create_system", "extract_version", "reserved", "flag_bits", "CRC",
                 "compress_size", "file_size", "volume", "internal_attr", "external_attr"):
        setattr(made, name, getattr(info, name))
    made.header_offset = offset
    return made


def _core_dates(body: bytes, stamp: dt.datetime) -> bytes:
    import re

    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + iso, body)
