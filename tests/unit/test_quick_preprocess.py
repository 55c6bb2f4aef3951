"""The quick preprocessors (gongkai_build/quick_preprocess.py) give exactly the lines and the HTML of
Python-Markdown's own, with the site's dialect."""
from pathlib import Path

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.preprocessors import NormalizeWhitespace

from disclosure import letter
from gongkai_build import quick_preprocess
from gongkai_build.stores import fast_converter

DIALECT = ["extra", "sane_lists", letter.OfficialLetter()]
ROOT = Path(__file__).resolve().parents[2]
PIECES = st.sampled_from([
    "低碳", "社区。", "a", " ", "  ", "    ", "\n", "\n\n", "\r", "\r\n", "\t", "\x02", "\x03", "\u3000", "　　",
    "```", "~~~", "``", "~~", "````", "`", "~", "python", "{.x}", "\n```\n", "\n~~~\n", "```\n低碳\n```", "#", "- ", "> ", "<div>", "</div>", "\ue000",
    "<", ">", "&", ";", "&amp;", "&#20013;", "&x", "<!-- 注 -->", "<b>", "</b>", '<div markdown="1">', "<br/>", "<?x?>",
])
TEXTS = st.lists(PIECES, max_size=60).map("".join)


def pair():
    standard = markdown.Markdown(extensions=DIALECT, output_format="html")
    quick = markdown.Markdown(extensions=DIALECT, output_format="html")
    assert quick_preprocess.install(quick)
    return standard, quick


STANDARD, QUICK = pair()


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_same_lines_as_python_markdown(text):
    for name in ("normalize_whitespace", "fenced_code_block", "html_block"):
        lines = text.split("\n")
        assert QUICK.reset().preprocessors[name].run(list(lines)) == STANDARD.reset().preprocessors[name].run(list(lines))


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_same_html_as_python_markdown(text):
    assert QUICK.reset().convert(text) == STANDARD.reset().convert(text)


def test_same_html_for_the_shipped_content():
    for path in sorted((ROOT / "content").rglob("*.md")):
        body = path.read_text(encoding="utf-8")
        assert QUICK.reset().convert(body) == STANDARD.reset().convert(body)


def test_another_whitespace_pass_turns_it_off(monkeypatch):
    def run(self, lines):
        return lines

    monkeypatch.setattr(NormalizeWhitespace, "run", run)
    md = markdown.Markdown(extensions=DIALECT, output_format="html")
    assert not quick_preprocess.install(md)
    assert type(md.preprocessors["normalize_whitespace"]) is NormalizeWhitespace


def test_the_site_renderer_uses_them():
    md = fast_converter()
    assert type(md.preprocessors["normalize_whitespace"]) is quick_preprocess.QuickWhitespace
    assert type(md.preprocessors["fenced_code_block"]) is quick_preprocess.QuickFences
    assert type(md.preprocessors["html_block"]) is quick_preprocess.QuickHtmlBlocks
