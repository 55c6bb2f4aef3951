"""Markdown to safe HTML, and what of an entry the public may see.

Content is written by staff, not guaranteed safe: every body goes through
Python-Markdown then nh3 (an allow-list sanitiser), so a <script> or an
onclick in a file never reaches a page. Disclosure is decided here, once, for
pages, feeds, search and data alike.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3

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


def sanitise(fragment: str) -> str:
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel="noopener noreferrer")


_MARKDOWN = None


def _converter():
    """One Markdown instance, reset between documents (building one costs more than a conversion)."""
    global _MARKDOWN
    if _MARKDOWN is None:
        _MARKDOWN = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")
    return _MARKDOWN.reset()


@lru_cache(maxsize=None)
def markdown_html(text: str) -> str:
    """Markdown body → sanitised HTML. A body's # heading becomes h2 (the page owns h1)."""
    raw = _converter().convert(text or "")
    raw = re.sub(r"<(/?)h1\b", r"<\1h2", raw)
    return sanitise(raw)


def plain_text(fragment: str) -> str:
    """HTML → text with collapsed whitespace (feeds' summaries, search, data)."""
    text = re.sub(r"<[^>]+>", " ", fragment)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def paragraphs(text: str) -> str:
    """A plain-text summary as escaped paragraphs."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in parts)


def public_html(entry) -> str:
    """The body as the public may see it: full text, the summary only, or nothing."""
    if entry.disclosure == "withheld":
        return ""
    if entry.disclosure == "summary":
        return paragraphs(entry.summary)
    return markdown_html(entry.body)


def public_text(entry) -> str:
    if entry.disclosure == "withheld":
        return ""
    if entry.disclosure == "summary":
        return re.sub(r"\s+", " ", entry.summary).strip()
    return _plain_body(entry.body)


@lru_cache(maxsize=None)
def _plain_body(body: str) -> str:
    return plain_text(markdown_html(body))


def excerpt(entry, length: int = 120) -> str:
    text = public_text(entry)
    return text if len(text) <= length else text[: length - 1] + "…"
