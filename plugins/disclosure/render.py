"""Markdown to safe HTML, and what of an entry the public may see.

Content is written by staff, not guaranteed safe: every body goes through
Python-Markdown then nh3 (an allow-list sanitiser), so a <script> or an
onclick in a file never reaches a page. Disclosure is decided here, once, for
pages, feeds, search and data alike.
"""
from __future__ import annotations

import hashlib
import html
import re
from functools import lru_cache
from pathlib import Path

import markdown
import nh3

from . import html_fixes, kept, letter, plain_inline

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
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, allowed_classes=letter.CLASSES,
                     url_schemes=URL_SCHEMES, link_rel="noopener noreferrer")


_MARKDOWN = None


def _converter():
    """One Markdown instance, reset between documents (building one costs more than a conversion)."""
    global _MARKDOWN
    if _MARKDOWN is None:
        _MARKDOWN = markdown.Markdown(extensions=["extra", "sane_lists", letter.OfficialLetter()],
                                      output_format="html")
        plain_inline.install(_MARKDOWN)  # the same output, without trying inline syntax on plain text
    return _MARKDOWN.reset()


# Rendered bodies by hash of their text, kept between builds (see use_store), so a rebuild
# renders only new or edited bodies. The key includes the renderer's versions and rules.
# The modules whose code decides a body's HTML: a kept render is reused only by the same code
# (a hand-kept version number was bumped by two branches to the same value, and forgotten by a third).
RENDER_CODE = ("render.py", "letter.py", "letter_lines.py", "letter_parts.py", "html_fixes.py",
               "plain_inline.py", "dates.py", "display.py")
_RENDERER = repr((markdown.__version__, getattr(nh3, "__version__", ""), hashlib.sha1(b"".join(
    (Path(__file__).parent / name).read_bytes() for name in RENDER_CODE)).hexdigest()))
_STORE: dict[str, str] = {}
_USED: set[str] = set()
_LOADED: dict[str, str] = {}


def _key(text: str) -> str:
    return hashlib.sha1((_RENDERER + "\0" + text).encode("utf-8")).hexdigest()


def _render(text: str) -> str:
    raw = _converter().convert(text or "")
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


def markdown_html(text: str) -> str:
    """Markdown body (the letter dialect, letter.py) → sanitised HTML. A # heading becomes h2 (the page owns h1)."""
    key = _key(text or "")
    _USED.add(key)
    found = _STORE.get(key)
    if found is None:
        found = _STORE[key] = _render(text)
    return found


def prerender(texts, mapper=None) -> int:
    """Render every body not yet rendered, with `mapper(fn, items)` (e.g. on all cores); returns how many."""
    wanted = {}
    for text in texts:
        key = _key(text or "")
        _USED.add(key)
        if key not in _STORE:
            wanted[key] = text or ""
    keys = list(wanted)
    results = (mapper or (lambda fn, items: [fn(i) for i in items]))(_render, [wanted[k] for k in keys])
    _STORE.update(zip(keys, results))
    return len(keys)


def rendered(text: str) -> tuple[str, str]:
    """(store key, HTML) of a body rendered elsewhere (a worker process), for add_rendered."""
    return _key(text or ""), _render(text)


def add_rendered(pairs) -> None:
    """Renders made by `rendered` in other processes; markdown_html and prerender then find them."""
    _STORE.update(pair for pair in pairs if pair)


def use_store(path: Path) -> None:
    """Start a build with the renders kept by the previous one (a missing or broken file is ignored)."""
    global _LOADED
    _USED.clear()
    _LOADED = kept.load(path, _RENDERER)
    _STORE.update(_LOADED)


def save_store(path: Path, purge: bool = False) -> None:
    """Keep the renders this build used (kept.py: appended, not rewritten, after a few new ones;
    with `purge`, rewritten without any other)."""
    kept.save(path, _RENDERER, _LOADED, {k: _STORE[k] for k in _USED if k in _STORE}, purge)


_INLINE_TAG = re.compile(r"</?(?:a|abbr|b|code|del|em|i|ins|mark|small|span|strong|sub|sup)\b[^>]*>")


def plain_text(fragment: str) -> str:
    """HTML → text with collapsed whitespace (feeds' summaries, search, data)."""
    text = _INLINE_TAG.sub("", fragment)  # 增设<strong>社区食堂</strong> reads 增设社区食堂, no gap
    text = re.sub(r"<[^>]+>", " ", text)
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
