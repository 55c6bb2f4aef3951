"""Python-Markdown, minus the inline work on text that cannot hold inline syntax.

Python-Markdown tries every inline pattern (code, links, emphasis, HTML ...) on
every paragraph, heading and list item: about half of its time on a Chinese
proposal, whose paragraphs hardly ever contain any of the characters those
patterns start with. `SkipPlainInline` returns such text as it is, which is
exactly what the patterns would have done, since none of them can match it.

Exact by construction, not by hope: the shortcut is installed only when every
registered inline pattern is one of KNOWN, each of which needs one of TRIGGER
in the text to match. Another extension or another Python-Markdown version
with a pattern not listed here turns the shortcut off (the output stays right,
only slower); tests/unit/test_plain_inline.py compares both on generated text.
"""
from __future__ import annotations

import re

from markdown import Markdown
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

# Every inline pattern of Python-Markdown 3.x with "extra" and "sane_lists", by its
# regular expression; each one needs one of TRIGGER to match anything.
KNOWN = {
    "backtick": r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)",  # \ or `
    "escape": r"\\(.)",  # \
    "footnote": r"\[\^([^\]]*)\]",  # [
    "reference": r"(?<!\!)\[",
    "link": r"(?<!\!)\[",
    "image_link": r"\!\[",
    "image_reference": r"\!\[",
    "short_reference": r"(?<!\!)\[",
    "short_image_ref": r"\!\[",
    "autolink": r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>",  # <
    "automail": r"<([^<> !]+@[^@<> ]+)>",
    "linebreak": r"  \n",  # two spaces before a line end
    "html": (r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"""
             r""""[^"]*+"|'[^']*+'|[^\s"'=<>]++))?+)*+\s*+/?|!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)"""),  # <
    "entity": r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)",  # &
    "em_strong": r"\*|_",
}
TRIGGER = re.compile(r"[\\`\[<&*_]|  \n")


class SkipPlainInline(InlineProcessor):
    """The standard inline processor, which leaves alone text that no inline pattern can match."""

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802 (overrides a private method)
        if isinstance(data, AtomicString) or not TRIGGER.search(data):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)


def only_known_patterns(md: Markdown) -> bool:
    """True when every inline pattern registered on `md` is one TRIGGER accounts for."""
    for item in md.inlinePatterns._priority:
        if item.name not in KNOWN:
            return False
        if md.inlinePatterns[item.name].compiled_re.pattern != KNOWN[item.name]:
            return False
    return True


def install(md: Markdown) -> bool:
    """Use SkipPlainInline on `md` when that is exact; returns whether it is used."""
    if not only_known_patterns(md):
        return False
    priority = next(item.priority for item in md.treeprocessors._priority if item.name == "inline")
    md.treeprocessors.register(SkipPlainInline(md), "inline", priority)
    return True
