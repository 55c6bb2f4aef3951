"""Sanitising and disclosure: staff content is trusted, not safe."""
import html

from disclosure import render
from disclosure.model import Proposal
from disclosure.render import markdown_html, public_html, public_text


def test_script_and_handlers_are_removed():
    html = markdown_html('正文<script>alert(1)</script><img src="x.png" onerror="alert(2)">'
                         '<a href="javascript:alert(3)">链接</a><iframe src="https://evil"></iframe>')
    assert "<script" not in html and "alert(1)" not in html
    assert "onerror" not in html and "javascript:" not in html and "<iframe" not in html
    assert '<img alt="" src="x.png">' in html and '>链接<' in html and '<a' not in html  # valid HTML: alt, no dead link


def test_safe_html_and_markdown_tables_survive():
    html = markdown_html("| 指标 | 数值 |\n|---|---|\n| 社区 | 4 |\n\n<table><tr><td>原始</td></tr></table>")
    assert html.count("<table>") == 2 and "<td>4</td>" in html


def test_body_h1_becomes_h2():
    assert markdown_html("# 标题") == "<h2>标题</h2>"


def test_disclosure_modes():
    p = Proposal(path="p.md", body="机密正文", summary="这是摘要")
    assert "机密正文" in public_html(p)
    p.disclosure = "summary"
    assert public_html(p) == "<p>这是摘要</p>" and public_text(p) == "这是摘要"
    p.disclosure = "withheld"
    assert public_html(p) == "" and public_text(p) == ""


def test_summary_is_escaped():
    p = Proposal(path="p.md", disclosure="summary", summary="<b>a</b> & b")
    assert public_html(p) == "<p>&lt;b&gt;a&lt;/b&gt; &amp; b</p>"


def test_kept_renders_are_keyed_by_every_module_that_renders():
    """A rebuild reuses a body's HTML only under the same code: every module the renderer imports
    (directly or through the letter dialect), and the build's speed-up of it, is in RENDER_CODE, and so
    is the store that makes the build's converter (stores.fast_converter, RenderStore.render)."""
    import ast
    from pathlib import Path

    from gongkai_build import stores

    plugins = Path(stores.__file__).parent.parent
    seen, todo = set(), ["disclosure/render.py", "gongkai_build/plain_inline.py", "gongkai_build/stores.py"]
    while todo:
        name = todo.pop()
        if name in seen or not (plugins / name).is_file():
            continue
        seen.add(name)
        package = name.split("/")[0]
        for node in ast.walk(ast.parse((plugins / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                todo += [f"{package}/{node.module}.py"] if node.module else [f"{package}/{a.name}.py" for a in node.names]
    assert len(seen) >= 6
    assert seen <= set(stores.RENDER_CODE), sorted(seen - set(stores.RENDER_CODE))


def test_plain_text_collapses_every_whitespace_as_the_regex_does():
    """plain_text joins str.split()'s pieces: the same text as re.sub(r"\\s+", " ", …).strip() for every
    character regex \\s matches (no-break, ideographic and line-separator spaces included)."""
    import re
    spaces = [chr(c) for c in range(0x110000) if re.fullmatch(r"\s", chr(c))]
    assert "\u3000" in spaces and "\u00a0" in spaces and "\x1c" in spaces
    others = ["低碳", "a", "&nbsp;", "&#12288;", "<p>", "</p>", "<b>", "。", "\u200b", "\ufeff"]
    for i, space in enumerate(spaces):
        for text in (space, f"{space}低碳{space}{space}社区{space}", f"<p>{others[i % len(others)]}{space}</p>{space}x",
                     space.join(others), others[i % len(others)] + space * 3 + others[(i + 3) % len(others)]):
            expected = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", re.sub(
                r"</?(?:a|abbr|b|code|del|em|i|ins|mark|small|span|strong|sub|sup)\b[^>]*>", "", text)))).strip()
            assert render.plain_text(text) == expected, repr(text)
