"""The body dialect, line by line: a pasted official letter keeps the lines it was written in.

Staff paste replies from Word (one paragraph per line, 　　 indents, no blank
lines), from web pages (runs of spaces, a sign-off pushed right) and from WeChat
(blank lines everywhere). Plain Markdown would join single lines into one
paragraph and turn indented lines into code blocks that do not wrap. Here:

- every line of text outside a list, table or quote is its own paragraph;
- leading spaces, ideographic spaces (U+3000) and tabs never make a code block
  (code only when fenced); a text line that had them is marked to be shown with
  a two-character first-line indent (INDENT, read by letter_parts.py);
- runs of spaces inside a line collapse to one space, no-break spaces are spaces;
- tab-separated lines (a table pasted from Word) become a pipe table.

Text that is ordinary Markdown (blocks separated by blank lines, unindented) comes
through unchanged, so headings, lists, emphasis, links and tables work as before.
"""
from __future__ import annotations

import re

from markdown.preprocessors import Preprocessor

INDENT = "\ue000"  # private-use mark of an indented paragraph; stripped from the input first
_MARKS = re.compile("[\ue000-\ue00f]")
_FENCE = re.compile(r"^(`{3,}|~{3,})")
_PLACEHOLDER = re.compile("^\x02wzxhzdk:\\d+\x03$")
_WIDE_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f]")
_RUN = re.compile("[ \u3000]{2,}")
_LIST = re.compile(r"^([*+-]|\d+\.)[ ]+\S")
_HEADING = re.compile(r"^#{1,6}(?:[ \t]|$)")
_RULE = re.compile(r"^(?:(?:-[ ]{0,2}){3,}|(?:_[ ]{0,2}){3,}|(?:\*[ ]{0,2}){3,})$")
_SETEXT = re.compile(r"^(?:=+|-+)$")
_ITEM_START = set("*+-0123456789")
_TABLE_RULE = re.compile(r"^\|?[ ]*:?-+:?[ ]*(?:\|[ ]*:?-+:?[ ]*)*\|?$")


def _width(space: str) -> int:
    return sum(2 if ch == "\u3000" else 1 for ch in space)


def tab_tables(lines: list[str]) -> list[str]:
    """Runs of two or more lines with tabs between cells → a pipe table (first line = header)."""
    out: list[str] = []
    run: list[list[str]] = []
    fence = None

    def flush():
        if len(run) >= 2:
            width = max(len(r) for r in run)
            rows = [r + [""] * (width - len(r)) for r in run]
            cells = lambda r: "| " + " | ".join(c.replace("|", "\\|") for c in r) + " |"  # noqa: E731
            out.extend(["", cells(rows[0]), "|" + "---|" * width, *map(cells, rows[1:]), ""])
        else:
            out.extend(" ".join(r) for r in run)
        run.clear()

    for line in lines:
        found = _FENCE.match(line)
        if fence or found:
            flush()
            out.append(line)
            if found and fence is None:
                fence = found.group(1)[0]
            elif found and line.startswith(fence * 3):
                fence = None
            continue
        body = line.strip(" \u3000\t\r")
        if "\t" in body:
            run.append([c.strip(" \u3000") for c in re.split(r"\t+", body)])
        else:
            flush()
            out.append(line)
    flush()
    return out


class TabTables(Preprocessor):
    """Before Python-Markdown turns tabs into spaces: Word's tab-separated rows become a table."""

    def run(self, lines):
        text = "\n".join(lines)
        if _MARKS.search(text):
            lines = _MARKS.sub("", text).split("\n")
        return tab_tables(lines) if "\t" in text else lines


def letter_lines(lines: list[str]) -> list[str]:
    """Python-Markdown's lines (fenced code and raw HTML already stashed) → the dialect's lines."""
    out: list[str] = []
    prev = "blank"  # what the last line written was: blank, text, list, table, quote, block
    list_base = None  # indentation of the first item of the list being written
    marker_rel = 0

    def blank():
        if out and out[-1] != "":
            out.append("")

    if _WIDE_SPACES.search("".join(lines)):
        lines = [_WIDE_SPACES.sub(" ", line) for line in lines]
    for i, raw in enumerate(lines):
        line = raw.rstrip()
        stripped = line.lstrip(" \u3000")
        if not stripped:
            out.append("")
            prev = "blank"
            continue
        indent = _width(line[: len(line) - len(stripped)]) if len(stripped) < len(line) else 0
        content = stripped[0] + _RUN.sub(" ", stripped[1:]) if "  " in stripped or "\u3000" in stripped else stripped
        first = stripped[0]
        if first == "\x02" and _PLACEHOLDER.match(stripped):
            blank()
            out.extend([stripped, ""])
            prev, list_base = "blank", None
            continue
        is_item = first in _ITEM_START and _LIST.match(stripped)
        if list_base is not None:
            rel = indent - list_base
            if is_item and rel >= 0:
                rel = min(rel, marker_rel + 4)
                marker_rel = rel
                out.append(" " * rel + content)
                prev = "list"
                continue
            if rel >= 2 and (prev == "list" or prev == "blank"):
                if out and out[-1]:
                    out[-1] += "  "  # a line break inside a list item stays a line break (<br>)
                out.append(" " * min(rel, marker_rel + 4) + content)
                prev = "list"
                continue
            list_base = None
        if is_item:
            if prev != "blank":
                blank()
            out.append(content)
            prev, list_base, marker_rel = "list", indent, 0
        elif first in "#-_*=" and (_HEADING.match(stripped) or _RULE.match(stripped)
                                   or (_SETEXT.match(stripped) and prev == "text")):
            if _SETEXT.match(stripped) and prev == "text":
                out.append(content)  # a setext heading's underline stays under its line
            else:
                blank()
                out.append(content)
            out.append("")
            prev = "blank"
        elif first == ">":
            if prev != "quote":
                blank()
            out.append(content)
            prev = "quote"
        elif "|" in stripped and (prev == "table" or (i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1].strip())
                                                         and "|" in lines[i + 1])):
            if prev != "table":
                blank()
            out.append(content)
            prev = "table"
        elif first == ":" and stripped[1:2] == " " and prev == "text":
            out.append(content)  # a definition (Markdown extra) stays under its term
        else:
            if prev != "blank":
                blank()
            out.append((INDENT if indent >= 2 else "") + content)
            prev = "text"
    return out


class LetterLines(Preprocessor):
    """After fenced code and raw HTML are stashed: one paragraph per line, no code from indentation."""

    def run(self, lines):
        return letter_lines(lines)
