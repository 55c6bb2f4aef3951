"""Sanitising and disclosure: staff content is trusted, not safe."""
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
