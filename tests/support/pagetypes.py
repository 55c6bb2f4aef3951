"""Choose a few pages that together show every kind of page the site has.

Browser checks are slow, so they run on representatives, picked from the built
output and never from a hand-kept list: new templates and page types are
covered the day they appear. Two rules, applied in order:

1. one page per URL shape (first path segment + depth, e.g. ``proposals/*/*/``),
   the richest one of each shape;
2. then, greedily, the page that adds most not-yet-seen markup "tokens" (each
   element name, ``name.class`` and ``name@attribute``) until every token that
   occurs anywhere in the site occurs in at least one chosen page. A template
   or a state (an overdue badge, a pager, a withheld notice) shows up as new
   tokens, so at least one page that has it is checked.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import html as lxml_html


def html_files(out: Path) -> list[Path]:
    """Every HTML page of a built site, in a stable order."""
    return sorted(p for p in Path(out).rglob("*.html") if p.is_file())


def url_of(out: Path, page: Path) -> str:
    """The site-relative URL a page is served at: "" for the home page, "a/b/" for a/b/index.html."""
    rel = page.relative_to(out).as_posix()
    return rel.removesuffix("index.html")


def shape(url: str) -> str:
    parts = [p for p in url.split("/") if p]
    if not parts:
        return "/"
    tail = "/" if url.endswith("/") else ""
    return "/".join(parts[:1] + ["*"] * (len(parts) - 1)) + tail


@lru_cache(maxsize=None)
def _tokens(path: str, mtime: float) -> frozenset:
    doc = lxml_html.parse(path).getroot()
    found = set()
    body = doc.find("body")
    for el in (body.iter() if body is not None else ()):
        if not isinstance(el.tag, str):
            continue
        found.add(el.tag)
        for cls in (el.get("class") or "").split():
            found.add(f"{el.tag}.{cls}")
        for attr in el.attrib:
            found.add(f"{el.tag}@{attr}")
    return frozenset(found)


def tokens(page: Path) -> frozenset:
    return _tokens(str(page), page.stat().st_mtime)


def representatives(out: Path) -> list[str]:
    """Site-relative URLs of the pages to check in a browser (see the module docstring)."""
    out = Path(out)
    pages = {url_of(out, p): tokens(p) for p in html_files(out)}
    chosen: list[str] = []
    by_shape: dict[str, list[str]] = {}
    for url in sorted(pages):
        by_shape.setdefault(shape(url), []).append(url)
    for urls in by_shape.values():
        chosen.append(max(urls, key=lambda u: (len(pages[u]), [-ord(c) for c in u])))
    seen = set().union(*(pages[u] for u in chosen)) if chosen else set()
    wanted = set().union(*pages.values()) if pages else set()
    while seen != wanted:
        best = max(sorted(pages), key=lambda u: len(pages[u] - seen))
        chosen.append(best)
        seen |= pages[best]
    return chosen
