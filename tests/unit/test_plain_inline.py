"""The inline shortcut (gongkai_build/plain_inline.py) renders exactly what Python-Markdown renders."""
from pathlib import Path

import markdown
from hypothesis import given, settings
from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTagInlineProcessor
from hypothesis import strategies as st

from disclosure import letter
from gongkai_build import plain_inline
from gongkai_build.stores import fast_converter

EXTENSIONS = ["extra", "sane_lists"]
DIALECT = ["extra", "sane_lists", letter.OfficialLetter()]  # what the site renders with
ROOT = Path(__file__).resolve().parents[2]


def standard(text: str, extensions=EXTENSIONS) -> str:
    return markdown.Markdown(extensions=extensions, output_format="html").convert(text)


def shortcut(text: str, extensions=EXTENSIONS) -> str:
    md = markdown.Markdown(extensions=extensions, output_format="html")
    assert plain_inline.install(md)
    return md.convert(text)


# Chinese text and everything Markdown gives meaning to, so generated bodies hold
# headings, lists, emphasis, links, code, HTML, entities, tables and hard line breaks.
PIECES = st.sampled_from([
    "低碳", "社区", "。", "，", "、", "（", "）", "“", "”", "PM2.5", "LEED", " ", "  ", "\n", "\n\n", "\t",
    "*", "**", "_", "__", "`", "``", "\\", "[", "]", "(", ")", "!", "<", ">", "&", ";", "#", "## ", "- ", "1. ",
    "> ", "|", "---", ":", "^", "~", "=", "\"", "'", "<b>", "</b>", "<!-- x -->", "&amp;", "&#20013;",
    "<https://example.org>", "[链接](https://example.org)", "![图](a.png)", "[^1]", "[^1]: 注", "*[PM]: 颗粒物",
    "{: .x }", "    ", "```", "\x02", "\x03", "a@b.cn", "<a@b.cn>",
])


@settings(max_examples=600, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join))
def test_same_html_as_python_markdown(text):
    assert shortcut(text) == standard(text)


@settings(max_examples=600, deadline=None)
@given(st.lists(PIECES | st.sampled_from(["　　", "一、", "（一）", "：", "2023年4月26日", "联系人：", "抄送：",
                                          "021-63182210", "\t", "\u00a0"]), max_size=60).map("".join))
def test_same_html_as_python_markdown_with_the_letter_dialect(text):
    assert shortcut(text, DIALECT) == standard(text, DIALECT)


def test_same_html_for_the_shipped_content():
    bodies = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").rglob("*.md"))]
    assert bodies
    for body in bodies:
        assert shortcut(body) == standard(body)
        assert shortcut(body, DIALECT) == standard(body, DIALECT)


def test_plain_paragraphs_skip_the_inline_patterns():
    md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    plain_inline.install(md)
    tried = []
    for item in md.inlinePatterns._priority:
        processor = md.inlinePatterns[item.name]
        processor.handleMatch = lambda m, data, original=processor.handleMatch: tried.append(m) or original(m, data)
    md.convert("## 背景\n\n低碳社区建设取得积极进展。\n\n- 一项\n- 两项\n")
    assert tried == []
    md.convert("低碳**社区**建设")
    assert tried  # the emphasis is found as before


class Highlight(Extension):
    """An inline pattern the shortcut does not know: ==text== becomes <mark>text</mark>."""

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"(==)(.+?)==", "mark"), "mark", 65)


def test_an_unknown_inline_pattern_turns_the_shortcut_off():
    md = markdown.Markdown(extensions=EXTENSIONS + [Highlight()], output_format="html")
    assert not plain_inline.install(md)
    assert type(md.treeprocessors["inline"]) is not plain_inline.SkipPlainInline
    assert md.convert("低碳==社区==建设") == "<p>低碳<mark>社区</mark>建设</p>"


def test_the_site_renderer_uses_the_shortcut():
    assert type(fast_converter().treeprocessors["inline"]) is plain_inline.SkipPlainInline
