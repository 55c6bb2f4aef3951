"""A letter file as a list of blocks: paragraphs (with their first-line indent) and tables.

Word (.docx, python-docx) keeps paragraphs and tables in order, with the indent set in the
paragraph, its style, or typed as full-width spaces. A PDF (pypdf) or an OFD (disclosure/ofd.py) has only
text lines: a line starts a paragraph when the one before it ended a sentence or when it starts
with numbering; without a text layer (a scan) there is nothing to read and we say so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = (".docx", ".pdf", ".ofd")
# Characters a page may not carry (source.py refuses them in an entry) and line separators YAML
# and Markdown would read as new lines: a vertical tab or U+2028 is a line break, the rest goes.
_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029\r]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def clean(text: str) -> str:
    return _CONTROL.sub("", _BREAKS.sub("\n", text))


class Unreadable(ValueError):
    """The file cannot be read as a letter; the text says why (Chinese / English)."""


@dataclass
class Block:
    text: str = ""  # a paragraph's text, without its leading indent
    indented: bool = False  # first-line indent (the 　　 of an official letter)
    align: str = ""  # "right" / "center" when the paragraph is set so
    rows: list[list[str]] = field(default_factory=list)  # a table's cells; text is then empty
    from_pdf: bool = False  # a PDF does not say which paragraphs are indented

    @property
    def plain(self) -> str:
        """The text the letter parser reads: a table as its rows, cells apart by tabs."""
        if self.rows:
            return " / ".join("\t".join(r) for r in self.rows)
        return self.text


def read_letter(path: Path) -> list[Block]:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx(path)
    if suffix == ".pdf":
        return read_pdf(path)
    if suffix in (".doc", ".wps"):
        raise Unreadable(f"{path.name} 是旧版 Word/WPS 格式，请在 Word 或 WPS 中“另存为” .docx 后再导入。"
                         f" / Save {path.name} as .docx first.")
    if suffix == ".ofd":  # GB/T 33190, the signed form many government systems issue
        return read_ofd(path)
    raise Unreadable(f"{path.name}：只能导入 .docx、带文字层的 .pdf 或 .ofd。 / Only .docx, PDF with text and OFD can be imported.")


# -- Word ---------------------------------------------------------------------

_LEADING_SPACE = re.compile(r"^[ \t\u3000\u00a0]+")


def _indent(paragraph) -> bool:
    from docx.oxml.ns import qn

    for fmt_owner in (paragraph, paragraph.style):
        fmt = getattr(fmt_owner, "paragraph_format", None)
        if fmt is None:
            continue
        if fmt.first_line_indent is not None:
            return fmt.first_line_indent > 0
        ppr = fmt.element.pPr if hasattr(fmt.element, "pPr") else None
        ind = ppr.find(qn("w:ind")) if ppr is not None else None
        if ind is not None and ind.get(qn("w:firstLineChars")) not in (None, "0"):
            return int(ind.get(qn("w:firstLineChars"))) > 0
    return False


def _align(paragraph) -> str:
    from docx.enum.text import WD_ALIGN_PARAGRAPH as A

    value = paragraph.alignment
    if value is None and paragraph.style is not None:
        value = paragraph.style.paragraph_format.alignment
    return {A.RIGHT: "right", A.CENTER: "center"}.get(value, "")


_ZH_DIGITS = "〇一二三四五六七八九"


def zh_count(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 25 → 二十五: Word's chineseCounting."""
    if n < 10:
        return _ZH_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _ZH_DIGITS[tens]) + "十" + (_ZH_DIGITS[ones] if ones else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


_FORMATS = {
    "decimal": str, "chineseCounting": zh_count, "chineseCountingThousand": zh_count,
    "chineseLegalSimplified": zh_count, "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if n <= 20 else str(n),
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "lowerLetter": lambda n: chr(96 + (n - 1) % 26 + 1), "upperLetter": lambda n: chr(64 + (n - 1) % 26 + 1),
    "lowerRoman": _roman, "upperRoman": lambda n: _roman(n).upper(),
}


class Numbering:
    """Word's automatic numbering (一、 （一） 1. （1）) is not in a paragraph's text: count it
    here, level by level, as Word shows it (a level restarts under a new number above it)."""

    def __init__(self, document):
        from docx.oxml.ns import qn

        self.qn = qn
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        self.levels: dict[str, dict[int, tuple]] = {}
        if root is None:
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            a = abstract.get(ref.get(qn("w:val")) if ref is not None else None)
            if a is None:
                continue
            levels = {}
            for lvl in a.findall(qn("w:lvl")):
                get = lambda tag: (lvl.find(qn(tag)).get(qn("w:val")) if lvl.find(qn(tag)) is not None else None)
                levels[int(lvl.get(qn("w:ilvl")))] = (get("w:numFmt") or "decimal", get("w:lvlText") or "",
                                                      int(get("w:start") or 1))
            self.levels[num.get(qn("w:numId"))] = levels

    def label(self, paragraph) -> str:
        qn = self.qn
        num_pr = None
        for owner in (paragraph._p.pPr, paragraph.style.element.pPr if paragraph.style is not None else None):
            if owner is not None and owner.find(qn("w:numPr")) is not None:
                num_pr = owner.find(qn("w:numPr"))
                break
        if num_pr is None:
            return ""
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        num_id = num_id.get(qn("w:val")) if num_id is not None else None
        level = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
        levels = self.levels.get(num_id)
        if not levels or level not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[level] += 1
        for deeper in range(level + 1, 9):
            counts[deeper] = 0
        fmt, text, _ = levels[level]
        if fmt == "bullet" or fmt == "none":
            return ""
        for n in range(level + 1):
            f, _, start = levels.get(n, ("decimal", "", 1))
            value = counts[n] + start - 1 if counts[n] else start
            text = text.replace(f"%{n + 1}", _FORMATS.get(f, str)(value))
        return text


def read_docx(path: Path) -> list[Block]:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(str(path))
    except Exception as exc:  # a damaged or renamed file: python-docx raises many kinds
        raise Unreadable(f"{path.name} 无法作为 Word 文件打开（{type(exc).__name__}）。"
                         f" / {path.name} is not a readable .docx.") from None
    blocks: list[Block] = []
    numbering = Numbering(document)
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = [[_cell_text(c) for c in row.cells] for row in item.rows]
            rows = [r for r in rows if any(r)]
            if rows:
                blocks.append(Block(rows=rows))
        elif isinstance(item, Paragraph):
            indented, align = _indent(item), _align(item)
            label = numbering.label(item) if item.text.strip() else ""
            text = clean(label + item.text.lstrip(" \t\u3000") if label else item.text)
            for line in text.split("\n"):  # a line break inside a paragraph is a line
                typed = _LEADING_SPACE.match(line)
                text = line.strip(" \t\u3000\u00a0")
                if text:
                    blocks.append(Block(text=text, align=align,
                                        indented=indented or bool(typed and len(typed.group(0)) >= 2
                                                                  and align != "right")))
    return blocks


def _cell_text(cell) -> str:
    return " ".join(clean(p.text).replace("\n", " ").strip() for p in cell.paragraphs if p.text.strip())


# -- PDF ----------------------------------------------------------------------

_SENTENCE_END = ("。", "：", ":", "；", "！", "？", "”", "）", ")")
_NUMBERED = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])")


def _is_heading(text: str) -> bool:
    """A letterhead or title line: 关于…的答复, …文件; the next line is never its continuation."""
    return (text.startswith(("关于", "对")) and text.endswith(("答复", "复函", "答复函", "意见"))) or \
        text.endswith("文件")


def read_pdf(path: Path) -> list[Block]:
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        pages = [clean(page.extract_text() or "") for page in reader.pages]
    except Exception as exc:  # pypdf raises many kinds for damaged files
        raise Unreadable(f"{path.name} 无法作为 PDF 打开（{type(exc).__name__}）。"
                         f" / {path.name} is not a readable PDF.") from None
    return _laid_out(path, [ln for page in pages for ln in page.splitlines()])


def read_ofd(path: Path) -> list[Block]:
    from disclosure.ofd import OfdError, ofd_lines

    try:
        lines = ofd_lines(path)
    except OfdError as error:
        raise Unreadable(f"{path.name} 无法作为 OFD 文件打开（{error}）。请在 OFD 阅读器中“导出为 PDF”后导入，"
                         f"或导入对应的 Word 文件。 / {path.name} is not a readable OFD ({error}).") from None
    return _laid_out(path, [clean(ln) for ln in lines])


def _laid_out(path: Path, lines: list[str]) -> list[Block]:
    """A laid-out page's text lines (PDF, OFD) → paragraphs: a line goes on the paragraph before
    it unless that one ended a sentence, was short or a heading, or the line starts with numbering."""
    lines = [ln.strip(" \t\u3000\u00a0") for ln in lines]
    lines = [ln for ln in lines if ln and not re.fullmatch(r"[-—\s]*\d+[-—\s]*", ln)]  # page numbers
    if sum(len(ln) for ln in lines) < 20:
        raise Unreadable(f"{path.name} 没有文字层（可能是扫描件），无法读取。请导入对应的 Word 文件，"
                         f"或用 python build.py new response 手工录入。 / {path.name} has no text layer.")
    paragraphs: list[str] = []
    for line in lines:
        if (not paragraphs or paragraphs[-1].endswith(_SENTENCE_END) or _NUMBERED.match(line)
                or len(paragraphs[-1]) <= 20 or _is_heading(paragraphs[-1])):
            paragraphs.append(line)
        else:  # a line wrapped by the page: the same paragraph
            paragraphs[-1] += line
    return [Block(text=p, from_pdf=True) for p in paragraphs]
