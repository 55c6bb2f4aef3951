"""The text lines of an OFD file (GB/T 33190), top to bottom, page by page.

Many government systems issue a signed reply as OFD, China's fixed-layout format: a zip whose
OFD.xml names each document's Document.xml, which lists its pages (and the template pages,
where a letterhead often is); each page's Content.xml places text objects in millimetres, the
y axis pointing down. Producers differ in how they cut text: a line in one object, a
paragraph's lines in one object (a TextCode each), or one object per character. So every piece
of text is placed on the page by its own position and the pieces are joined into lines by
their baseline, left to right, as a reader sees them. `import reply` (staff/importing/documents.py)
joins the lines into paragraphs as for a PDF; an OFD attachment's words go into its entry's search
record (attachments.py). Nothing else (fonts, signatures, images) is read.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass

MAX_PART_BYTES = 20 * 1024 * 1024  # a letter's XML part is kilobytes; a larger one is not read (a zip bomb)
MAX_PIECES = 200_000  # pieces of text in one file: a long report has some thousands
MAX_PAGES = 2_000


class OfdError(ValueError):
    """The file is not an OFD this reader can open; the text says why (English)."""


@dataclass
class Piece:
    """A run of text at one place: its baseline's height, where it starts and ends across, its size."""

    y: float
    x: float
    end: float
    size: float
    text: str


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el, name: str):
    return [c for c in el if _local(c.tag) == name]


def _descendants(el, name: str):
    return [c for c in el.iter() if _local(c.tag) == name]


def _xml(archive: zipfile.ZipFile, name: str):
    name = name.lstrip("/")
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise OfdError(f"{name} is missing") from None
    if info.file_size > MAX_PART_BYTES:
        raise OfdError(f"{name} is too large")
    try:
        data = archive.read(info)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, zlib.error) as error:
        raise OfdError(f"{name} cannot be read ({type(error).__name__}: {error})") from None
    if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.I):
        raise OfdError(f"{name} declares a DOCTYPE or entities")
    try:
        return ET.fromstring(data)
    except ET.ParseError as error:
        raise OfdError(f"{name}: {error}") from None


def _beside(base: str, loc: str) -> str:
    """A BaseLoc as a name in the zip: from the package's root when it starts with /, else beside `base`."""
    loc = loc.strip()
    if loc.startswith("/"):
        return posixpath.normpath(loc.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), loc))


def _numbers(text: str | None) -> list[float]:
    try:
        return [float(v) for v in (text or "").split()]
    except ValueError:
        return []


def _deltas(text: str | None, wanted: int) -> list[float]:
    """The first `wanted` steps of DeltaX as written: numbers, where "g N D" stands for N times D
    (never more than `wanted`: "g 300000000 5" in a small file must not take gigabytes)."""
    out, words = [], (text or "").split()
    i = 0
    while i < len(words) and len(out) < wanted:
        if words[i] == "g" and i + 2 < len(words):
            try:
                out += [float(words[i + 2])] * max(0, min(int(words[i + 1]), wanted - len(out)))
            except ValueError:
                return out
            i += 3
            continue
        try:
            out.append(float(words[i]))
        except ValueError:
            return out
        i += 1
    return out[:wanted]


def _pieces(page) -> list[Piece]:
    out = []
    for obj in _descendants(page, "TextObject"):
        box = _numbers(obj.get("Boundary"))
        bx, by = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
        size = (_numbers(obj.get("Size")) or [3.5])[0]
        # CTM "a b c d e f" maps the object's own coordinates into its box (a PDF→OFD converter
        # may flip y or scale the text): positions and size are taken through it.
        ctm = _numbers(obj.get("CTM"))
        a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        x = y = 0.0
        for code in _children(obj, "TextCode"):
            text = code.text or ""
            x = (_numbers(code.get("X")) or [x])[0]
            y = (_numbers(code.get("Y")) or [y])[0]
            if not text.strip():
                continue
            deltas = _deltas(code.get("DeltaX"), len(text) - 1)
            width = sum(deltas) + size if deltas else len(text) * size
            left, top = bx + a * x + c * y + e, by + b * x + d * y + f
            scale = abs(a) or 1.0
            out.append(Piece(top, left, left + width * scale, size * (abs(d) or 1.0), text))
            if len(out) > MAX_PIECES:
                raise OfdError(f"more than {MAX_PIECES} pieces of text")
    return out


def _lines(pieces: list[Piece]) -> list[str]:
    """Pieces on (nearly) one baseline make a line, left to right; a gap wider than a character is a space."""
    lines: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: (p.y, p.x)):
        if lines and abs(piece.y - lines[-1][0].y) <= max(piece.size, lines[-1][0].size) * 0.4:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    out = []
    for line in lines:
        line.sort(key=lambda p: p.x)
        text = line[0].text
        for before, piece in zip(line, line[1:]):
            text += (" " if piece.x - before.end > max(piece.size, before.size) * 0.9 else "") + piece.text
        out.append(text)
    return out


def ofd_lines(path) -> list[str]:
    """Every text line of the first document in the OFD at `path` (or a binary file object), page
    after page; raises OfdError."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise OfdError(f"not a zip file ({error})") from None
    with archive:
        root = _xml(archive, "OFD.xml")
        doc_roots = [el.text.strip() for el in _descendants(root, "DocRoot") if el.text and el.text.strip()]
        if not doc_roots:
            raise OfdError("OFD.xml names no DocRoot")
        doc_name = posixpath.normpath(doc_roots[0].lstrip("/"))
        document = _xml(archive, doc_name)
        templates = {t.get("ID"): _beside(doc_name, t.get("BaseLoc", "")) for t in _descendants(document, "TemplatePage")}
        pages = [_beside(doc_name, ref.get("BaseLoc", "")) for ref in _descendants(document, "Page")]
        if len(pages) > MAX_PAGES:
            raise OfdError(f"more than {MAX_PAGES} pages")
        read: dict[str, tuple[list[Piece], list]] = {}  # each part read and placed once, however often named

        def pieces_of(name):
            if name not in read:
                part = _xml(archive, name)
                read[name] = _pieces(part), [u.get("TemplateID") for u in _children(part, "Template")]
                if sum(len(p) for p, _ in read.values()) > MAX_PIECES:
                    raise OfdError(f"more than {MAX_PIECES} pieces of text")
            return read[name]

        lines, placed = [], 0
        for name in pages:
            own, used = pieces_of(name)
            pieces = list(own)
            for template in used:
                if template in templates:
                    pieces += pieces_of(templates[template])[0]
            placed += len(pieces)
            if placed > MAX_PIECES:  # one part named by every page counts on each
                raise OfdError(f"more than {MAX_PIECES} pieces of text")
            lines += _lines(pieces)
        return lines
