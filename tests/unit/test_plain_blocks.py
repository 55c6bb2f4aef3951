"""The block shortcut (gongkai_build/plain_blocks.py) renders exactly what Python-Markdown's own
block parser renders, with the site's dialect, on generated text and on letters as offices write them."""
import ast
from xml.etree.ElementTree import SubElement
from pathlib import Path

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

from disclosure import letter
from disclosure.render import new_converter, render_markdown
from gongkai_build import plain_blocks
from gongkai_build.stores import fast_converter

EXTENSIONS = ["extra", "sane_lists"]
DIALECT = ["extra", "sane_lists", letter.OfficialLetter()]  # what the site renders with
ROOT = Path(__file__).resolve().parents[2]


_MADE: dict = {}


def _converter(extensions, fast: bool) -> markdown.Markdown:
    """One converter of each kind, reset before each text (making one costs more than a conversion)."""
    key = (tuple(e if isinstance(e, str) else type(e).__name__ for e in extensions), fast)
    if key not in _MADE:
        md = _MADE[key] = markdown.Markdown(extensions=extensions, output_format="html")
        assert plain_blocks.install(md) if fast else type(md.parser) is not plain_blocks.PlainBlockParser
    return _MADE[key].reset()


def standard(text: str, extensions=DIALECT) -> str:
    return _converter(extensions, False).convert(text)


def shortcut(text: str, extensions=DIALECT) -> str:
    return _converter(extensions, True).convert(text)


# Every character a block processor looks for at a line's start, Markdown's other syntax,
# and the parts of a letter as offices paste them (full-width indents, 4-space indents,
# a sign-off pushed right, phone numbers, tab tables, 附注).
MARKDOWN = [
    "低碳", "社区", "。", "，", "、", "（", "）", "PM2.5", " ", "  ", "    ", "\n", "\n\n", "\n\n\n", "\t",
    "*", "**", "_", "__", "`", "```", "~~~", "\\", "[", "]", "(", ")", "!", "<", ">", "&", "#", "## ", "###### ",
    "- ", "* ", "+ ", "1. ", "12. ", "3)", "> ", ">", "|", "| a | b |", "|---|---|", "---", "***", "___", "- - -",
    "===", ":", ": ", ":   ", "^", "=", "\"", "'", "<b>", "</b>", "<div>", "</div>", '<div markdown="1">',
    "<p>", "</p>", "<!-- x -->", "&amp;", "[链接](https://example.org)", "[^1]", "[^1]: 注", "[x]: https://e.org",
    "*[PM]: 颗粒物", "*[", "{: .x }", "\x02", "\x03", "\ue000", "\u00a0", "\u3000",
    *"0123456789", ". ", "\n9. ", "\n0. ",
]
LETTER = [
    "　　", "　　　　", "    ", "一、", "（一）", "1.", "1．", "（1）", "：", "委员：", "区教育局", "2023年4月26日",
    "二〇二三年四月二十六日", "上海市某某局      2023年4月26日", "联系人：王某", "联 系 人：", "联系电话：021-63182210",
    "138 1234 5678", "（021）63182210", "转 123", "12345", "抄送：区政府办公室", "（此件公开发布）", "\t", "甲\t乙\t丙",
]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(MARKDOWN), max_size=60).map("".join))
def test_same_html_as_python_markdown(text):
    assert shortcut(text, EXTENSIONS) == standard(text, EXTENSIONS)
    assert shortcut(text) == standard(text)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(MARKDOWN + LETTER * 3), max_size=80).map("".join))
def test_same_html_as_python_markdown_with_the_letter_dialect(text):
    assert shortcut(text) == standard(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "　　", "    ", "  ", "\t", " " * 30]),
                          st.lists(st.sampled_from(MARKDOWN + LETTER), min_size=1, max_size=8).map("".join)),
                max_size=25).map(lambda lines: "\n".join(indent + line for indent, line in lines)))
def test_same_html_line_by_line(text):
    """A letter is lines: each with or without an indent, most of them plain text."""
    assert shortcut(text) == standard(text)


# Every ASCII character and a few others at the start of a line, before what makes each block
# processor take a line (a list marker's dot, a reference's "]:", a rule's repeats, a quote...).
STARTS = [chr(c) for c in range(32, 127)] + ["\x02", "\x03", "\u3000", "\ue000", "\u00a0", "一", "（", "："]
TAILS = ["", " 低碳", ". 低碳", ") 低碳", "0. 低碳", "[x]: https://e.org", "^1]: 注", "[PM]: 颗粒物", "x]: https://e.org",
         "--", "**", "__", " - -", "# 标题", " 标题 #", "> 引用", ": 定义", "   低碳", "wzxhzdk:0\x03", "| 甲 | 乙 |"]
CONTEXTS = ["{}", "低碳\n\n{}", "低碳\n{}", "- 一项\n{}", "1. 一项\n\n{}", "> 引用\n{}", "术语\n\n{}", "{}\n低碳",
            "<div>\n甲\n</div>\n\n{}", '<div markdown="1">{}</div>', '{}<div markdown="1">甲</div>',
            "[^1]: 注\n{}", "*[PM]: 颗粒物\n{}\n\nPM"]


def test_same_html_for_every_start_of_a_line():
    for context in CONTEXTS:
        for start in STARTS:
            for tail in TAILS:
                text = context.format(start + tail)
                assert shortcut(text, EXTENSIONS) == standard(text, EXTENSIONS), repr(text)
                assert shortcut(text) == standard(text), repr(text)


def _test_letters() -> list[str]:
    """Every text of two lines or more written in the tests (letters, bodies, fixtures)."""
    texts = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "\n" in node.value.strip():
                texts.append(node.value)
    return texts


def test_same_html_for_the_shipped_content_and_the_tests_letters():
    bodies = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").rglob("*.md"))]
    letters = _test_letters()
    assert bodies and len(letters) > 100 and any("　　" in t for t in letters)
    for body in bodies + letters:
        assert shortcut(body) == standard(body)


def test_the_site_renderer_gives_the_same_html_as_the_core_converter():
    """The whole path (sanitised, finished), with every shortcut of the build's converter."""
    fast = fast_converter()
    for body in [p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").rglob("*.md"))] + _test_letters():
        assert render_markdown(body, fast) == render_markdown(body, new_converter())


def test_plain_lines_skip_the_other_block_processors():
    md = markdown.Markdown(extensions=DIALECT, output_format="html")
    plain_blocks.install(md)
    tested = []
    for item in md.parser.blockprocessors._priority:
        processor = md.parser.blockprocessors[item.name]
        processor.test = lambda parent, block, original=processor.test: tested.append(block) or original(parent, block)
    md.convert("　　低碳社区建设取得积极进展。\n区教育局\n联系电话：021-63182210\n")
    assert [block for block in tested if block.strip()] == []  # (blank blocks still go to the "empty" one)
    md.convert("## 背景\n\n- 一项\n")
    assert tested  # a heading and a list go through the processors as before


class Note(Extension):
    """A block processor the shortcut does not know: a line starting with 注 becomes <aside>."""

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        class NoteProcessor(BlockProcessor):
            def test(self, parent, block):
                return block.startswith("注")

            def run(self, parent, blocks):
                SubElement(parent, "aside").text = blocks.pop(0)

        md.parser.blockprocessors.register(NoteProcessor(md.parser), "note", 50)


def test_an_unknown_block_processor_turns_the_shortcut_off():
    md = markdown.Markdown(extensions=DIALECT + [Note()], output_format="html")
    assert not plain_blocks.install(md)
    assert type(md.parser) is not plain_blocks.PlainBlockParser
    assert md.convert("注：此件公开发布") == "<aside>注：此件公开发布</aside>"


def test_the_site_renderer_uses_the_shortcut():
    assert type(fast_converter().parser) is plain_blocks.PlainBlockParser
