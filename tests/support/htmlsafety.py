"""Find executable content in HTML: what a sanitiser must never let through from a content file.

Used on built pages and feeds after building content full of injection attempts.
A <script> is allowed only as the theme's own file (src under theme/ or
pagefind/, no inline code); nothing else that runs code is allowed at all.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset",
             "ping", "cite", "lowsrc", "dynsrc", "values", "to", "from", "by"}
NEVER = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
BAD_SCHEME = re.compile(r"^(javascript|vbscript|livescript|data:(text/html|image/svg|application))", re.I)
OWN_SCRIPT = re.compile(r"^/?(?:\.\./)*(theme|pagefind)/[^?#:]*\.m?js(\?[^#]*)?$")
CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def _scheme_text(value: str) -> str:
    return CONTROL.sub("", value or "")


def own_script(src: str | None, site_url: str | None) -> bool:
    """A script file of the theme (or the search bundle) on this site, not from anywhere else."""
    if not src:
        return False
    if site_url and src.startswith(site_url.rstrip("/") + "/"):
        src = src[len(site_url.rstrip("/")):]
    return bool(OWN_SCRIPT.match(src))


def executable_parts(doc, site_url: str | None = None) -> list[str]:
    """Every piece of executable content in a parsed document (an lxml element tree)."""
    found = []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.rsplit("}", 1)[-1].lower()
        if tag == "script":
            src = el.get("src")
            if el.get("type", "").lower() == "application/ld+json" and not src:
                continue
            if not own_script(src, site_url) or (el.text or "").strip():
                found.append(f"<script src={src!r}>{(el.text or '')[:60]}")
        elif tag in NEVER:
            found.append(f"<{tag}>")
        elif tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
        for name, value in el.attrib.items():
            short = name.rsplit("}", 1)[-1].lower()
            if short.startswith("on"):
                found.append(f"<{tag} {short}=...>")
            elif short in URL_ATTRS or name.endswith("}href"):
                parts = value.split(",") if short == "srcset" else [value]
                if any(BAD_SCHEME.match(_scheme_text(p)) for p in parts):
                    found.append(f"<{tag} {short}={value[:60]!r}>")
            elif short == "style" and re.search(r"expression\s*\(|javascript:|url\s*\(\s*['\"]?\s*javascript", value, re.I):
                found.append(f"<{tag} style={value[:60]!r}>")
    return found


def in_html(text: str) -> list[str]:
    if not text.strip():
        return []
    return executable_parts(lxml_html.document_fromstring(text) if "<html" in text[:500].lower()
                            else lxml_html.fragment_fromstring(text, create_parent="div"))


def in_feed(path: Path) -> list[str]:
    """Executable content in the HTML carried by an Atom or RSS feed (escaped in the XML)."""
    tree = etree.parse(str(path))
    found = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        local = el.tag.rsplit("}", 1)[-1]
        if local in ("content", "summary", "description", "title", "subtitle") and el.text and "<" in el.text:
            found += in_html(el.text)
    return found


def in_site(out: Path, site_url: str | None = None) -> list[str]:
    """Executable content anywhere in a built site's pages and feeds, prefixed by the file."""
    out = Path(out)
    found = []
    for page in sorted(out.rglob("*.html")):
        found += [f"{page.relative_to(out)}: {p}" for p in executable_parts(lxml_html.parse(str(page)).getroot(), site_url)]
    for feed in sorted(out.rglob("*.xml")):
        if "feeds" in feed.parts:
            found += [f"{feed.relative_to(out)}: {p}" for p in in_feed(feed)]
    return found
