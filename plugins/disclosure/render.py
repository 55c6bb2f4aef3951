"""Markdown to safe HTML, and what of an entry the public may see.

Content is written by staff, not guaranteed safe: every body goes through
Python-Markdown then nh3 (an allow-list sanitiser), so a <script> or an
onclick in a file never reaches a page. Disclosure is decided here, once, for
pages, feeds, search and data alike.
"""
from __future__ import annotations

import html
import re

import markdown
import nh3

from . import html_fixes, letter

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "small", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"}, "abbr": {"title"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


# nh3.clean would build this allow-list again on every call (~25 µs, half of cleaning a short body).
# A Cleaner is a constant, like a compiled regex: it holds no state between calls.
_CLEANER = nh3.Cleaner(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, allowed_classes=letter.CLASSES,
                       url_schemes=URL_SCHEMES, link_rel="noopener noreferrer")


def sanitise(fragment: str) -> str:
    return _CLEANER.clean(fragment)


def new_converter() -> markdown.Markdown:
    """The site's Markdown converter (the letter dialect, letter.py). Making one costs more than
    a conversion: a caller that renders many bodies keeps one and passes it to render_markdown
    (the build's does: gongkai_build/stores.py, which also makes it faster, plain_inline.py)."""
    return markdown.Markdown(extensions=["extra", "sane_lists", letter.OfficialLetter()], output_format="html")


def render_markdown(text: str, converter: markdown.Markdown | None = None) -> str:
    """Markdown body → sanitised HTML, worked out now (`converter`: one from new_converter, reused)."""
    md = converter.reset() if converter is not None else new_converter()
    raw = md.convert(text or "")
    raw = re.sub(r"<(/?)h1\b", r"<\1h2", raw)
    return no_external_images(html_fixes.finish(sanitise(raw)))


# nh3's output quotes every attribute and escapes < > " & inside it, so these patterns are exact.
_IMG = re.compile(r"<img\b[^>]*>")
_ATTR = re.compile(r'\s([a-z-]+)="([^"]*)"')
_OFF_SITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
_LINK = re.compile(r"<a\b|</a>")


def no_external_images(fragment: str) -> str:
    """An image from another host would load from a third party as the page opens (the site
    promises none): it becomes a link to the image showing its alt text (just the text inside a link)."""
    def swap(m):
        attrs = dict(_ATTR.findall(m.group(0)))
        src = attrs.get("src", "")
        if not _OFF_SITE.match(html.unescape(src)):
            return m.group(0)
        alt = attrs.get("alt") or attrs.get("title") or "图片"
        links = _LINK.findall(fragment, 0, m.start())
        if len(links) > 2 * links.count("</a>"):  # more opened than closed: inside a link already
            return f"{alt}（外部图片）"
        return f'<a href="{src}" rel="noopener noreferrer">{alt}（外部图片）</a>'

    return _IMG.sub(swap, fragment) if "<img" in fragment else fragment


def markdown_html(text: str, renders=None) -> str:
    """Markdown body (the letter dialect, letter.py) → sanitised HTML. A # heading becomes h2 (the page owns h1).

    `renders` is the build's store of bodies already rendered (gongkai_build/stores.py:
    `.html(text)` and `.plain(text)`); without one the body is rendered now.
    """
    return render_markdown(text) if renders is None else renders.html(text or "")


_INLINE_TAG = re.compile(r"</?(?:a|abbr|b|code|del|em|i|ins|mark|small|span|strong|sub|sup)\b[^>]*>")


def plain_text(fragment: str) -> str:
    """HTML → text with collapsed whitespace (feeds' summaries, search, data)."""
    text = _INLINE_TAG.sub("", fragment)  # 增设<strong>社区食堂</strong> reads 增设社区食堂, no gap
    text = re.sub(r"<[^>]+>", " ", text)
    # str.split() cuts at the characters regex \s matches (both str.isspace), 3x faster than re.sub(r"\s+", " ")
    return " ".join(html.unescape(text).split())


def paragraphs(text: str) -> str:
    """A plain-text summary as escaped paragraphs."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in parts)


def public_html(entry, renders=None) -> str:
    """The body as the public may see it: full text, the summary only, or nothing (`renders`: markdown_html)."""
    if entry.disclosure == "withheld":
        return ""
    if entry.disclosure == "summary":
        return paragraphs(entry.summary)
    return markdown_html(entry.body, renders)


def public_text(entry, renders=None) -> str:
    if entry.disclosure == "withheld":
        return ""
    if entry.disclosure == "summary":
        return re.sub(r"\s+", " ", entry.summary).strip()
    return plain_text(render_markdown(entry.body)) if renders is None else renders.plain(entry.body or "")


def excerpt(entry, length: int = 120, renders=None) -> str:
    text = public_text(entry, renders)
    return text if len(text) <= length else text[: length - 1] + "…"
