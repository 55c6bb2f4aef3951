"""Real letter files for import tests: a .docx written by python-docx, a PDF with a text layer, an OFD.

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


OFD_NS = "http://www.ofdspec.org/2016"


def write_ofd(path: Path, pages: list[list], letterhead: list[str] = ()) -> Path:
    """An OFD (GB/T 33190) as e-government systems write one: a zip holding OFD.xml, the document's
    Document.xml and a Content.xml per page, text placed in millimetres on an A4 page (y down).

    Each page is a list of lines, top to bottom; a line is given as
      "text"                      one text object, one TextCode, DeltaX "g N 5.6" (most producers),
      ("chars", "text")           one text object per character (some signing tools),
      ("right", "text")           one object, pushed to the right margin (a sign-off),
      ("apart", "left", "right")  two objects on one baseline, far apart (a unit and its date),
      ("block", ["l1", "l2"])     one object whose TextCodes are several lines (a paragraph);
    `letterhead` lines sit on a template page the first page uses (the issuing office's name).
    """
    import zipfile
    from xml.sax.saxutils import escape

    size, left, right, pitch = 5.6, 25.0, 185.0, 9.0
    ids = iter(range(10, 100000))

    def obj(x, y, text, per_char=False):
        if per_char:
            return "".join(obj(x + i * size, y, ch) for i, ch in enumerate(text))
        width = len(text) * size
        deltas = f' DeltaX="g {len(text) - 1} {size}"' if len(text) > 1 else ""
        return (f'<ofd:TextObject ID="{next(ids)}" Boundary="{x:.2f} {y - size:.2f} {width:.2f} {size * 1.4:.2f}" '
                f'Font="3" Size="{size}"><ofd:TextCode X="0" Y="{size:.2f}"{deltas}>{escape(text)}</ofd:TextCode>'
                f'</ofd:TextObject>')

    def content(lines, top, template=None):
        out, y = [], top
        for line in lines:
            kind, *rest = line if isinstance(line, tuple) else ("plain", line)
            if kind == "block":
                codes = "".join(f'<ofd:TextCode X="0" Y="{size + k * pitch:.2f}" DeltaX="g {len(t) - 1} {size}">'
                                f'{escape(t)}</ofd:TextCode>' for k, t in enumerate(rest[0]))
                out.append(f'<ofd:TextObject ID="{next(ids)}" Boundary="{left:.2f} {y - size:.2f} 160 '
                           f'{pitch * len(rest[0]):.2f}" Font="3" Size="{size}">{codes}</ofd:TextObject>')
                y += pitch * len(rest[0])
                continue
            if kind == "right":
                out.append(obj(right - len(rest[0]) * size, y, rest[0]))
            elif kind == "apart":
                out.append(obj(left, y, rest[0]) + obj(right - len(rest[1]) * size, y, rest[1]))
            else:
                out.append(obj(left, y, rest[0], per_char=kind == "chars"))
            y += pitch
        used = f'<ofd:Template TemplateID="{template}" ZOrder="Background"/>' if template else ""
        return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}">{used}'
                f'<ofd:Content><ofd:Layer ID="{next(ids)}">{"".join(out)}</ofd:Layer></ofd:Content></ofd:Page>')

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.1" '
                              f'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo>'
                              f'<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        template = '<ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/>' if letterhead else ""
        page_refs = "".join(f'<ofd:Page ID="{3 + k}" BaseLoc="Pages/Page_{k}/Content.xml"/>' for k in range(len(pages)))
        z.writestr("Doc_0/Document.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}">'
                                         f'<ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>'
                                         f'</ofd:PageArea>{template}</ofd:CommonData><ofd:Pages>{page_refs}</ofd:Pages>'
                                         f'</ofd:Document>')
        if letterhead:
            z.writestr("Doc_0/Tpls/Tpl_0/Content.xml", content(letterhead, 30.0))
        for k, lines in enumerate(pages):
            first = k == 0 and bool(letterhead)  # the letterhead's template: on the first page
            top = 30.0 + pitch * len(letterhead) + 6 if first else 30.0
            z.writestr(f"Doc_0/Pages/Page_{k}/Content.xml", content(lines, top, "2" if first else None))
        z.writestr("Doc_0/Signs/Signatures.xml", f'<?xml version="1.0" encoding="UTF-8"?>'
                                                 f'<ofd:Signatures xmlns:ofd="{OFD_NS}"/>')
    return path
