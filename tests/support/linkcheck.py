"""Every internal link and asset of a built site resolves.

Reads every HTML page of an output folder and checks each href, src and srcset
(and every url() in its style sheets) that points inside the site (relative, root-relative, or absolute on the site's
own address): the target file exists, and a #fragment names an element id (or
an <a name>) in the target page. External addresses are not fetched.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import html as lxml_html

from .pagetypes import html_files, url_of

LINK_ATTRS = ("href", "src", "poster", "data")
SKIP_SCHEMES = ("mailto:", "tel:", "data:", "javascript:")
PSEUDO = "http://site.invalid/"
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


def _doc(path: Path):
    return lxml_html.fromstring(path.read_bytes())


@lru_cache(maxsize=None)
def _ids(path: str) -> frozenset:
    doc = _doc(Path(path))
    return frozenset([*doc.xpath("//@id"), *doc.xpath("//a/@name")])


def _links(doc):
    """(element, attribute, value) for every link-like attribute of a page."""
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in LINK_ATTRS:
            value = el.get(attr)
            if value is not None and not (el.tag == "meta" or (el.tag == "object" and attr != "data")):
                yield el, attr, value.strip()
        for attr in ("srcset",):
            for part in (el.get(attr) or "").split(","):
                if part.strip():
                    yield el, attr, part.split()[0]


def target_file(out: Path, path: str) -> Path | None:
    """The file a site path is served from (pretty URLs: "a/" → a/index.html)."""
    rel = unquote(path).lstrip("/")
    candidate = out / rel
    if rel == "" or rel.endswith("/"):
        candidate = candidate / "index.html"
    elif candidate.is_dir():
        candidate = candidate / "index.html"
    try:
        candidate.resolve().relative_to(out.resolve())
    except ValueError:
        return None
    return candidate if candidate.is_file() else None


def link_errors(out: Path, site_url: str | None = None) -> list[str]:
    """One line per broken internal link: page, the link as written, and why."""
    out = Path(out)
    own = urlsplit(site_url.rstrip("/") + "/") if site_url else None
    errors = []
    for page in html_files(out):
        page_url = PSEUDO + url_of(out, page)
        doc = _doc(page)
        base = doc.find(".//base")
        if base is not None and base.get("href"):
            page_url = urljoin(page_url, base.get("href"))
        for el, attr, value in _links(doc):
            if not value or value.lower().startswith(SKIP_SCHEMES):
                continue
            parts = urlsplit(value)
            if parts.scheme or parts.netloc:
                if not own or (parts.scheme, parts.netloc) not in {(own.scheme, own.netloc), ("", own.netloc)}:
                    continue  # external: not fetched
                if not parts.path.startswith(own.path):
                    continue
                path = parts.path[len(own.path):]
            else:
                path = urlsplit(urljoin(page_url, value)).path.removeprefix("/")
            where = f"{url_of(out, page) or '/'}: <{el.tag} {attr}=\"{value}\">"
            target = target_file(out, path)
            if target is None:
                errors.append(f"{where} → no file {path or '/'}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in _ids(str(target)):
                errors.append(f"{where} → no id \"{fragment}\" in {url_of(out, target) or '/'}")
    for sheet in sorted(out.rglob("*.css")):
        sheet_url = PSEUDO + sheet.relative_to(out).as_posix()
        for m in CSS_URL.finditer(sheet.read_text(encoding="utf-8", errors="replace")):
            value = (m.group(2) or m.group(4) or "").strip()
            if not value or value.lower().startswith(SKIP_SCHEMES) or urlsplit(value).scheme or value.startswith("#"):
                continue
            path = urlsplit(urljoin(sheet_url, value)).path.removeprefix("/")
            if target_file(out, path) is None:
                errors.append(f"{sheet.relative_to(out)}: url({value}) → no file {path}")
    return errors
