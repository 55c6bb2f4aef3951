"""Attachments (附件): which files an entry may publish, what they are, and which are shown.

A file is found from the entry's folder first, then from the content folder; it must resolve
(symbolic links followed) to a regular file inside the content folder, be at most
MAX_ATTACHMENT_BYTES, and be what its name says by its bytes (files.document_kind). Its text
is read once (pypdf, python-docx, openpyxl) so the search finds the entry by it; a PDF with no
text layer (a scan) gets a warning. `published(entry)` is the one rule for what a reader sees:
every attachment of an entry public in full, and of a withheld or summary-only entry only those
marked `public: true`.
"""
from __future__ import annotations

import hashlib
import io
import os
import posixpath

from .files import document_kind, inside
from .ofd import ofd_lines
from .problems import WARNING, Problem

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
# kind → (the suffixes its name may end in, what a reader is told, media type)
TYPES = {
    "pdf": ((".pdf",), "PDF", "application/pdf"),
    "docx": ((".docx",), "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ((".xlsx",), "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ofd": ((".ofd",), "OFD", "application/ofd"),  # GB/T 33190: how many offices receive a signed reply
    "png": ((".png",), "PNG 图片", "image/png"),
    "jpeg": ((".jpg", ".jpeg"), "JPEG 图片", "image/jpeg"),
}
SUFFIX_KIND = {s: kind for kind, (suffixes, _, _) in TYPES.items() for s in suffixes}
ALLOWED = "*.pdf、*.docx、*.xlsx、*.ofd、*.png、*.jpg、*.jpeg（不超过 20 MB / at most 20 MB）"


def published(entry) -> list:
    """The attachments a reader may see: all of an entry public in full, else only the public ones."""
    if getattr(entry, "disclosure", "full") == "full":
        return list(entry.attachments)
    return [a for a in entry.attachments if a.public]


def type_label(a) -> str:
    return TYPES[a.kind][1] if a.kind in TYPES else ""


def media_type(a) -> str:
    return TYPES[a.kind][2] if a.kind in TYPES else "application/octet-stream"


def attachment_problems(site) -> list[Problem]:
    """Check every entry's attachments against the content folder; fill in each file's facts."""
    out = []
    root_real = os.path.realpath(site.root)
    for entry in site.all_entries():
        names = {}
        for i, a in enumerate(entry.attachments):
            label = f"attachments[{i + 1}].file"
            problem = _check(site.root, root_real, entry.path, a)
            if problem:
                zh, en = problem
                out.append(Problem(entry.path, key=label, value=a.written, line=a.line, zh=zh, en=en, allowed=ALLOWED))
                continue
            if a.name in names:
                out.append(Problem(entry.path, key=label, value=a.written, line=a.line,
                                   zh=f"与第 {names[a.name]} 个附件同名（{a.name}），发布后会互相覆盖。请改其中一个文件名。",
                                   en=f"It has the same name as attachment {names[a.name]} ({a.name}); "
                                      "one would replace the other. Rename one of the files."))
                continue
            names[a.name] = i + 1
            if a.kind in ("pdf", "ofd") and not a.text.strip():  # a scan, or an OFD of page images
                kind = TYPES[a.kind][1]
                out.append(Problem(entry.path, key=label, value=a.written, line=a.line, severity=WARNING,
                                   zh=f"这个 {kind} 没有文字层（可能是扫描件），网站搜索找不到其中的文字。"
                                      "如有带文字的版本（由 Word 导出的 PDF），请换成那个文件。",
                                   en=f"This {kind} has no text layer (probably a scan); the site's search cannot find "
                                      "its words. If there is a version with text (a PDF saved from Word), use that."))
    return out


def _check(root, root_real: str, entry_path: str, a):
    """None when the attachment is a publishable file (its facts filled in), else (zh, en)."""
    written = a.written.replace("\\", "/")
    candidates = []
    if not written.startswith("/"):
        candidates.append(posixpath.normpath(posixpath.join(posixpath.dirname(entry_path), written)))
    candidates.append(posixpath.normpath(written.lstrip("/")))
    found = None
    for rel in candidates:
        path = os.path.join(root_real, rel)
        if os.path.lexists(path):
            found = path
            break
    if found is None:
        return ("找不到附件文件（路径从本条目所在文件夹或内容文件夹算起，例如 答复函.pdf 或 files/2024/答复函.pdf）。",
                "The attachment file does not exist (the path starts in the entry's folder or the content folder, "
                "e.g. letter.pdf or files/2024/letter.pdf).")
    real = os.path.realpath(found)
    if not inside(real, root_real):
        return ("附件在内容文件夹之外（不能用 .. 或指向外面的符号链接），不会发布。请把文件本身放进内容文件夹。",
                "The attachment is outside the content folder (no .. and no symbolic link pointing outside); "
                "it is not published. Put the file itself in the content folder.")
    if not os.path.isfile(real):
        return ("附件不是普通文件（是文件夹、管道或设备）。", "The attachment is not a regular file (a folder, pipe or device).")
    size = os.path.getsize(real)
    if size > MAX_ATTACHMENT_BYTES:
        return ("附件超过 20 MB。请压缩或拆分后再附上。", "The attachment is larger than 20 MB. Compress or split it.")
    named = SUFFIX_KIND.get(posixpath.splitext(real.lower())[1])
    if named is None:
        return ("网站不发布这种类型的附件：只能是 PDF、Word（.docx）、Excel（.xlsx）、OFD 或 PNG、JPEG 图片。",
                "The site does not publish this type of attachment: only PDF, Word (.docx), Excel (.xlsx), OFD "
                "or PNG and JPEG images.")
    with open(real, "rb") as fh:
        data = fh.read()
    if document_kind(data) != named:
        return ("附件内容与扩展名不符（例如改了扩展名的其他文件）。",
                "The attachment is not what its extension says (e.g. another file renamed).")
    a.file = os.path.relpath(real, root_real).replace(os.sep, "/")
    a.kind, a.bytes = named, size
    a.digest = hashlib.sha1(data).hexdigest()
    a.text = _text(data, named)
    return None


def _text(data: bytes, kind: str) -> str:
    """The words in the file, for the search; "" for an image, a scan, or a file the library cannot read."""
    if kind not in READERS:
        return ""
    try:
        return " ".join(READERS[kind](data).split())
    except Exception:  # a damaged file is still published as it is; it is only not searchable
        return ""


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _docx_text(data: bytes) -> str:
    import docx
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def _xlsx_text(data: bytes) -> str:
    import openpyxl
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    parts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            parts += [str(v) for v in row if v not in (None, "")]
    book.close()
    return "\n".join(parts)


def _ofd_text(data: bytes) -> str:
    return "\n".join(ofd_lines(io.BytesIO(data)))


READERS = {"pdf": _pdf_text, "docx": _docx_text, "xlsx": _xlsx_text, "ofd": _ofd_text}
