"""Python-Markdown, minus the block tests on a line that only a paragraph can be.

The letter dialect (disclosure/letter_lines.py) makes every line of a letter its own
block, and Python-Markdown's block parser asks each of its 17 block processors in turn
whether a block is theirs (a list? a heading? a table? a footnote, an abbreviation or a
link reference, each tried with a regex search that gives the block back...) before the
paragraph processor takes it: about a third of rendering a body. `PlainBlockParser` gives a
block straight to the paragraph processor when none of the others can take it, which is
exactly what the chain would have done.

Which blocks: one line (no "\\n") whose first character is none of NOT_PLAIN. Every other
processor needs, to take a block of one line: a leading space (indented code, list
continuations), "\\x02" (stashed HTML), "#" (heading), "-", "_" or "*" (rule), a digit,
"*", "+" or "-" (lists), ":" (definition), ">" (quote), "[" (footnote, link reference),
"*[" (abbreviation), or a second line (setext heading, table). Their tests have no side
effects and those that "run" to look (footnote, abbreviation, reference, markdown in
HTML) give the block back unchanged.

Exact by construction, not by hope (as plain_inline.py): installed only when the block
processors registered are KNOWN, each of the same class and regex; another extension or
another Python-Markdown version turns it off. tests/unit/test_plain_blocks.py compares it
with Python-Markdown's own chain on generated text and letters as offices write them.
"""
from __future__ import annotations

from markdown import Markdown
from markdown.blockparser import BlockParser

# Every first character with which a block of one line may be another processor's (a leading
# tab is expanded to spaces before the block parser runs; it is listed all the same).
NOT_PLAIN = frozenset(" \t\x02#-_*+:>[0123456789")

# The block processors of Python-Markdown 3.x with "extra" and "sane_lists", by name, in
# order: their class, and the regex of those that look for their syntax with one.
KNOWN = (
    ("markdown_block", "markdown.extensions.md_in_html.MarkdownInHtmlProcessor", None),
    ("empty", "markdown.blockprocessors.EmptyBlockProcessor", None),
    ("indent", "markdown.blockprocessors.ListIndentProcessor", None),
    ("defindent", "markdown.extensions.def_list.DefListIndentProcessor", None),
    ("code", "markdown.blockprocessors.CodeBlockProcessor", None),
    ("table", "markdown.extensions.tables.TableProcessor", None),
    ("hashheader", "markdown.blockprocessors.HashHeaderProcessor",
     r"(?:^|\n)(?P<level>#{1,6})(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)"),
    ("setextheader", "markdown.blockprocessors.SetextHeaderProcessor", r"^.*?\n(?:=+|-+)[ ]*(\n|$)"),
    ("hr", "markdown.blockprocessors.HRProcessor",
     r"^[ ]{0,3}(?=(?P<atomicgroup>(-+[ ]{0,2}){3,}|(_+[ ]{0,2}){3,}|(\*+[ ]{0,2}){3,}))(?P=atomicgroup)[ ]*$"),
    ("olist", "markdown.extensions.sane_lists.SaneOListProcessor", r"^[ ]{0,3}\d+\.[ ]+(.*)"),
    ("ulist", "markdown.extensions.sane_lists.SaneUListProcessor", r"^[ ]{0,3}[*+-][ ]+(.*)"),
    ("deflist", "markdown.extensions.def_list.DefListProcessor", r"(^|\n)[ ]{0,3}:[ ]{1,3}(.*?)(\n|$)"),
    ("quote", "markdown.blockprocessors.BlockQuoteProcessor", r"(^|\n)[ ]{0,3}>[ ]?(.*)"),
    ("footnote", "markdown.extensions.footnotes.FootnoteBlockProcessor", r"^[ ]{0,3}\[\^([^\]]*)\]:[ ]*(.*)$"),
    ("abbr", "markdown.extensions.abbr.AbbrBlockprocessor",
     r"^[*]\[(?P<abbr>[^\\]*?)\][ ]?:[ ]*\n?[ ]*(?P<title>.*)$"),
    ("reference", "markdown.blockprocessors.ReferenceProcessor",
     r"""^[ ]{0,3}\[([^\[\]]*)\]:[ ]*(?:\n[ ]*)?([^\s]+)[ ]*(?:\n[ ]*)?((["\'])(.*)\4[ ]*|\((.*)\)[ ]*)?$"""),
    ("paragraph", "markdown.blockprocessors.ParagraphProcessor", None),
)


class PlainBlockParser(BlockParser):
    """The standard block parser, which hands a block only a paragraph can be to the paragraph processor."""

    def parseBlocks(self, parent, blocks):  # noqa: N802 (Python-Markdown's name)
        paragraph = self.blockprocessors["paragraph"]
        while blocks:
            block = blocks[0]
            if block and block[0] not in NOT_PLAIN and "\n" not in block:
                paragraph.run(parent, blocks)
                continue
            for processor in self.blockprocessors:
                if processor.test(parent, blocks[0]):
                    if processor.run(parent, blocks) is not False:
                        break


def _described(processor) -> tuple[str, str | None]:
    kind = type(processor)
    found = getattr(processor, "SEARCH_RE", None) or getattr(processor, "RE", None)
    return f"{kind.__module__}.{kind.__qualname__}", getattr(found, "pattern", None)


def only_known_processors(md: Markdown) -> bool:
    """True when the block processors registered on `md` are KNOWN, in its order."""
    registry = md.parser.blockprocessors
    names = [item.name for item in sorted(registry._priority, key=lambda item: item.priority, reverse=True)]
    if names != [name for name, _, _ in KNOWN]:
        return False
    return all(_described(registry[name]) == (kind, pattern) for name, kind, pattern in KNOWN)


def install(md: Markdown) -> bool:
    """Use PlainBlockParser on `md` when that is exact; returns whether it is used. The parser
    object stays the same (every block processor holds it): only its class changes, to a subclass
    that adds no state."""
    if type(md.parser) is not BlockParser or not only_known_processors(md):
        return False
    md.parser.__class__ = PlainBlockParser
    return True
