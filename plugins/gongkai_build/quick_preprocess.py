"""Python-Markdown's first passes over a body, minus two regex searches that cannot find anything.

- NormalizeWhitespace ends with re.sub(r'(?<=\\n) +\\n', '\\n', source): a look-behind tried at every
  character of the body (~10% of rendering one). It can only match where a space stands right
  before a line end, so QuickWhitespace runs it only when " \\n" is in the text.
- The fenced-code preprocessor searches the whole body for a fence (``` or ~~~, three or more):
  without one it gives back the lines as they are ("\\n".join then .split("\\n")), so
  QuickFences does just that when neither "```" nor "~~~" is in the text.
- md_in_html's HTML-block pass feeds the whole body to an HTML parser, which hands text without
  "<" or "&" back as one piece of data: QuickHtmlBlocks returns such a text's lines as they are.

Exact by construction (as plain_inline.py): installed only when the registered preprocessors are
these classes with the code and regex known here; another Python-Markdown turns it off.
tests/unit/test_quick_preprocess.py compares with the library's own on generated text.
"""
from __future__ import annotations

import inspect
import re

from markdown import Markdown, util
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.md_in_html import HtmlBlockPreprocessor
from markdown.preprocessors import NormalizeWhitespace

# NormalizeWhitespace.run of Python-Markdown 3.x, which QuickWhitespace.run repeats.
KNOWN_WHITESPACE = '''    def run(self, lines: list[str]) -> list[str]:
        source = '\\n'.join(lines)
        source = source.replace(util.STX, "").replace(util.ETX, "")
        source = source.replace("\\r\\n", "\\n").replace("\\r", "\\n") + "\\n\\n"
        source = source.expandtabs(self.md.tab_length)
        source = re.sub(r'(?<=\\n) +\\n', '\\n', source)
        return source.split('\\n')
'''
# md_in_html's HtmlBlockPreprocessor.run, which QuickHtmlBlocks calls unless the text has no "<" nor "&".
KNOWN_HTML_BLOCKS = '''    def run(self, lines: list[str]) -> list[str]:
        source = '\\n'.join(lines)
        parser = HTMLExtractorExtra(self.md)
        parser.feed(source)
        parser.close()
        return ''.join(parser.cleandoc).split('\\n')
'''
KNOWN_FENCE_START = "\n(?P<fence>^(?:~{3,}|`{3,}))[ ]*"  # the fence FencedBlockPreprocessor looks for


class QuickWhitespace(NormalizeWhitespace):
    def run(self, lines: list[str]) -> list[str]:
        source = '\n'.join(lines)
        source = source.replace(util.STX, "").replace(util.ETX, "")
        source = source.replace("\r\n", "\n").replace("\r", "\n") + "\n\n"
        source = source.expandtabs(self.md.tab_length)
        if " \n" in source:  # what the pattern needs to match at all
            source = re.sub(r'(?<=\n) +\n', '\n', source)
        return source.split('\n')


class QuickFences(FencedBlockPreprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "```" in text or "~~~" in text:
            return super().run(lines)
        return text.split("\n")


class QuickHtmlBlocks(HtmlBlockPreprocessor):
    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines)
        if "<" in source or "&" in source:
            return super().run(lines)
        return source.split("\n")


def install(md: Markdown) -> bool:
    """Use QuickWhitespace, QuickFences and QuickHtmlBlocks on `md` when that is exact; returns whether they are used."""
    registry = md.preprocessors
    if any(name not in registry for name in ("normalize_whitespace", "fenced_code_block", "html_block")):
        return False
    spaces, fences, blocks = registry["normalize_whitespace"], registry["fenced_code_block"], registry["html_block"]
    if (type(spaces), type(fences), type(blocks)) != (NormalizeWhitespace, FencedBlockPreprocessor, HtmlBlockPreprocessor):
        return False
    if inspect.getsource(NormalizeWhitespace.run) != KNOWN_WHITESPACE:
        return False
    if inspect.getsource(HtmlBlockPreprocessor.run) != KNOWN_HTML_BLOCKS:
        return False
    if not fences.FENCED_BLOCK_RE.pattern.startswith(KNOWN_FENCE_START):
        return False
    # the same objects and state, one method each
    spaces.__class__, fences.__class__, blocks.__class__ = QuickWhitespace, QuickFences, QuickHtmlBlocks
    return True
