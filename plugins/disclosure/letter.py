"""The body dialect for Chinese official letters, as one Python-Markdown extension.

letter_lines.py reads the lines as offices write them (one paragraph per line,
indents that are not code, Word's tab tables); letter_parts.py marks the parts of
the letter (salutation, numbered items, sign-off, contacts, 抄送, phone numbers).
docs/content-model.md describes the dialect for staff and developers.
"""
from __future__ import annotations

from markdown.extensions import Extension

from .letter_lines import LetterLines, TabTables
from .letter_parts import CLASSES, LetterParts

__all__ = ["OfficialLetter", "CLASSES"]


class OfficialLetter(Extension):
    """Register the dialect: tab tables before whitespace is normalised, lines after HTML is stashed,
    the letter's parts after inline Markdown and before attr_list and pretty-printing."""

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(TabTables(md), "letter_tab_tables", 35)
        md.preprocessors.register(LetterLines(md), "letter_lines", 15)
        md.treeprocessors.register(LetterParts(md), "letter_parts", 12)
