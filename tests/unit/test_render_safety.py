"""Staff-written bodies are not trusted: what survives the sanitiser, and what the public may see.

Only raw HTML and plain paragraphs are used here, so these hold whatever Markdown dialect renders
the rest (the allow-list is the guarantee, not the Markdown syntax).
"""
from types import SimpleNamespace

from disclosure import render


def body(text, disclosure="full", summary=""):
    return SimpleNamespace(body=text, disclosure=disclosure, summary=summary)


def test_scripts_handlers_and_unknown_tags_never_reach_a_page():
    out = render.markdown_html('<script>alert(1)</script>\n\n<p onclick="x()">点<iframe src="https://a.example"></iframe>'
                               '<form><input name="q"></form><u>下划线</u></p>\n')
    for bad in ("<script", "alert(1)</script", "onclick", "<iframe", "<form", "<input"):
        assert bad not in out
    assert "<u>下划线</u>" in out and "点" in out


def test_links_keep_safe_schemes_and_are_marked_noopener():
    out = render.markdown_html('<p><a href="javascript:alert(1)">坏</a> <a href="https://zx.example.org/">好</a> '
                               '<a href="tel:12345">电话</a></p>\n')
    assert "javascript:" not in out
    assert '<a href="https://zx.example.org/" rel="noopener noreferrer">好</a>' in out
    assert '<a href="tel:12345" rel="noopener noreferrer">电话</a>' in out


def test_allowed_attributes_stay_and_others_go():
    out = render.markdown_html('<table><tr><th scope="col" style="color:red">年度</th>'
                               '<td colspan="2" class="x">2026</td></tr></table>\n')
    assert '<th scope="col">年度</th>' in out and '<td colspan="2">2026</td>' in out
    assert "style=" not in out and 'class="x"' not in out  # (the table's scroll box is the renderer's own)


def test_a_level_one_heading_becomes_level_two():
    """The page owns its h1: a body's own <h1> (or # heading) is shown as h2."""
    assert render.markdown_html("<h1>标题</h1>\n") == "<h2>标题</h2>"


def test_an_empty_body_is_empty():
    assert render.markdown_html("") == "" and render.markdown_html(None) == ""
    assert render.paragraphs("") == "" and render.paragraphs(None) == ""


def test_summary_paragraphs_are_escaped_and_split_on_blank_lines():
    assert render.paragraphs("第一段\n续行\n\n  \n第二段 <b>") == "<p>第一段\n续行</p><p>第二段 &lt;b&gt;</p>"


def test_what_the_public_may_see():
    assert render.public_html(body("全文。", "withheld", "摘要。")) == ""
    assert render.public_text(body("全文。", "withheld", "摘要。")) == ""
    assert render.public_html(body("全文。", "summary", "摘要一。\n\n摘要二。")) == "<p>摘要一。</p><p>摘要二。</p>"
    assert render.public_text(body("全文。", "summary", " 摘要一。\n\n摘要二。 ")) == "摘要一。 摘要二。"
    assert render.public_text(body("全文。")) == "全文。"


def test_excerpt_cuts_long_text_with_an_ellipsis():
    text = "一二三四五六七八九十"
    assert render.excerpt(body(text), length=10) == text
    assert render.excerpt(body(text), length=9) == "一二三四五六七八…"
    assert len(render.excerpt(body("字" * 300))) == 120


def test_rendered_bodies_are_kept_between_builds(tmp_path):
    """A rebuild renders only new or edited bodies (docs/architecture.md, incremental builds)."""
    from gongkai_build import kept
    from gongkai_build.stores import RenderStore

    path = tmp_path / "render.store"
    store = RenderStore(path)
    texts = ["<p>第一件</p>\n", "<p>第二件</p>\n"]
    store.prerender(texts)
    assert store.prerender(texts) == 0  # already rendered
    store.save()
    assert {kept.load_texts(path, store.salt)[k] for k in store.used} >= {"<p>第一件</p>", "<p>第二件</p>"}
    store = RenderStore(path)  # the next build
    assert render.markdown_html(texts[0], store) == "<p>第一件</p>"
    assert store.prerender([*texts, "<p>第三件</p>\n"]) == 1
    key, html, plain = RenderStore().rendered("<p>第四件</p>\n")  # in a worker process
    assert plain == "第四件"
    store.add([(key, html, plain), None])
    assert store.values[key] == html and render.markdown_html("<p>第四件</p>\n", store) == "<p>第四件</p>"



def test_only_the_sites_own_allow_list_applies():
    """Tags, attributes and schemes that a general-purpose sanitiser would keep are dropped here."""
    out = render.markdown_html('<p><mark>高亮</mark><ins>插入</ins><kbd>键</kbd>'
                               '<a href="ftp://files.example.org/a.pdf" hreflang="en">附件</a></p>\n')
    assert out == "<p>高亮插入键附件</p>"  # a link whose address was dropped is text (html_fixes)


def test_a_body_rendered_in_a_worker_brings_its_plain_text(monkeypatch):
    """Pages (share text), search and open data all ask for a body's plain text: a body rendered
    ahead in a worker brings it along, so no process works it out again (docs/performance.md)."""
    from gongkai_build.stores import RenderStore

    text = "关于**低碳社区**建设的建议。\n\n第二段，见[附件](/files/a.pdf)。\n"
    made = RenderStore().rendered(text)  # in a worker process
    assert made[2] == render.plain_text(made[1]) == "关于低碳社区建设的建议。 第二段，见附件。"
    store = RenderStore()
    store.add([made])
    monkeypatch.setattr("gongkai_build.stores.plain_text", lambda html: "worked out again")
    assert store.plain(text) == "关于低碳社区建设的建议。 第二段，见附件。"
    assert store.prerender([text]) == 0 and store.plain(text) == "关于低碳社区建设的建议。 第二段，见附件。"


def test_a_rebuild_reads_from_the_kept_renders_only_those_it_asks_for(tmp_path, monkeypatch):
    """The next day asks for two of 10,500 rendered bodies: the store reads them once one is asked for (all with one read), from
    the file the last build kept (docs/performance.md), and a rewrite keeps what was asked."""
    from gongkai_build import kept
    from gongkai_build.stores import RenderStore

    path = tmp_path / "renders.pickle"
    texts = [f"<p>第{n}件</p>\n" for n in range(10)]
    first = RenderStore(path)
    first.prerender(texts)
    first.save()
    reads = []
    real = kept.os.pread
    monkeypatch.setattr(kept.os, "pread", lambda *a: reads.append(a) or real(*a))
    store = RenderStore(path)  # the next build
    assert reads == [] and store.prerender(texts) == 0
    monkeypatch.setattr(store, "render", lambda text: "rendered again")
    assert render.markdown_html(texts[3], store) == "<p>第3件</p>" and len(reads) == 1
    assert render.markdown_html(texts[3], store) == "<p>第3件</p>" and len(reads) == 1  # read once
    assert render.markdown_html(texts[5], store) == "<p>第5件</p>" and len(reads) == 1  # all with one read: a
    # read on the main thread waits for the GIL while the search job's thread runs Python
    store.used = {store.key(texts[3]), store.key(texts[4])}
    store.save(purge=True)  # rewritten with those two only, the one never asked for read from the file
    again = kept.load_texts(path, store.salt)
    assert {again[k] for k in again} == {"<p>第3件</p>", "<p>第4件</p>"}
