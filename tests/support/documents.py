"""Real letter files for import tests: a .docx written by python-docx, a PDF with a text layer.

A letter is given as a list of items: a string is a paragraph as typed, ("indent", text) a
paragraph with Word's first-line indent of two characters, ("right", text) a right-aligned one
(the sign-off), ("table", rows) a table, ("auto", level, text) a paragraph numbered by Word's
automatic numbering (一、 / （一） / 1. / （1）, levels 0 to 3: the number is not in the text).
"""
from __future__ import annotations

import zlib
from pathlib import Path


def write_docx(path: Path, items) -> Path:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    num_id = _official_numbering(document) if any(isinstance(i, tuple) and i[0] == "auto" for i in items) else None
    for item in items:
        if isinstance(item, tuple) and item[0] == "auto":
            p = document.add_paragraph(item[2])
            p.paragraph_format.first_line_indent = Pt(32)
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = item[1]
            num_pr.get_or_add_numId().val = num_id
            continue
        kind, value = item if isinstance(item, tuple) else ("plain", item)
        if kind == "table":
            table = document.add_table(rows=len(value), cols=len(value[0]))
            for r, row in enumerate(value):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            continue
        p = document.add_paragraph(value)
        if kind == "indent":
            p.paragraph_format.first_line_indent = Pt(32)  # two characters of 16 pt 仿宋
        elif kind == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.save(str(path))
    return path


def _official_numbering(document) -> int:
    """A four-level list as official letters number their parts: 一、 （一） 1. （1）."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."), ("decimal", "（%4）")]
    lvl_xml = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                      f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
                      for i, (fmt, text) in enumerate(levels))
    root = document.part.numbering_part.element
    root.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{lvl_xml}</w:abstractNum>'))
    root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return 90


def write_pdf(path: Path, lines: list[str]) -> Path:
    path.write_bytes(pdf_bytes(lines))
    return path


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds `lines`, one text line each (a Type0 font with
    Identity-H glyph ids equal to the Unicode code points and a ToUnicode map saying so: what a
    text extractor reads; the glyphs themselves are not embedded)."""
    chars = sorted({ch for line in lines for ch in line})
    content = ["BT", "/F1 12 Tf", "14 TL", "50 800 Td"]
    for line in lines:
        content.append("<" + "".join(f"{ord(ch):04X}" for ch in line) + "> Tj T*")
    content.append("ET")
    stream = "\n".join(content).encode("ascii")
    ranges = "\n".join(f"<{ord(ch):04X}> <{ord(ch):04X}>" for ch in chars)
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(chars)} beginbfchar\n{ranges}\nendbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end").encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        _stream(stream),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /STSong-Light /CIDToGIDMap /Identity "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        _stream(cmap),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes) -> bytes:
    packed = zlib.compress(data)
    return f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode() + packed + b"\nendstream"


def write_xlsx(path: Path, rows: list[list]) -> Path:
    """A one-sheet workbook written by openpyxl."""
    import openpyxl
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def write_scan_pdf(path: Path) -> Path:
    """A PDF as a scanner makes it, as far as a search can tell: one page and no text layer (pypdf)."""
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def write_png(path: Path) -> Path:
    """A 1×1 PNG image, written byte by byte (signature, IHDR, IDAT, IEND with their CRCs)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", (1).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00")
           + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))
    path.write_bytes(png)
    return path
