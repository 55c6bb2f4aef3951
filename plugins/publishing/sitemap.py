"""sitemaps.org XML from (absolute URL, lastmod) pairs; plain Python, no Pelican.

One sitemap.xml while the site has at most 50,000 pages (the protocol's limit);
past that, sitemap.xml becomes a sitemap index over sitemap-1.xml, sitemap-2.xml …
"""
from __future__ import annotations

import datetime as dt
import os
from xml.sax.saxutils import escape

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
MAX_URLS = 50_000


def _document(root: str, element: str, locs_and_dates) -> str:
    """<root> with one <element><loc>…</loc><lastmod>…</lastmod></element> per (loc, date)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<{root} xmlns="{NS}">']
    for loc, lastmod in locs_and_dates:
        when = f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else ""
        lines.append(f"<{element}><loc>{escape(loc)}</loc>{when}</{element}>")
    lines.append(f"</{root}>")
    return "\n".join(lines) + "\n"


def urlset(entries) -> str:
    return _document("urlset", "url", entries)


def sitemap_index(locs_and_dates) -> str:
    return _document("sitemapindex", "sitemap", locs_and_dates)


def sitemap_files(entries: list, base: str, max_urls: int = MAX_URLS) -> dict[str, str]:
    """File name → XML text: sitemap.xml alone, or an index and its parts."""
    if len(entries) <= max_urls:
        return {"sitemap.xml": urlset(entries)}
    files, index = {}, []
    for n, start in enumerate(range(0, len(entries), max_urls), 1):
        part = entries[start:start + max_urls]
        name = f"sitemap-{n}.xml"
        files[name] = urlset(part)
        dates = [d for _, d in part if d]
        index.append((f"{base.rstrip('/')}/{name}", max(dates) if dates else None))
    files["sitemap.xml"] = sitemap_index(index)
    return files


def robots_txt(base: str) -> str:
    return f"User-agent: *\nDisallow:\n\nSitemap: {base.rstrip('/')}/sitemap.xml\n"


def walk_order(rel: str) -> tuple:
    """The place of a file in os.walk's order with sorted names: a folder's own files, then its
    sub-folders, each in name order."""
    *folders, name = rel.split("/")
    return tuple(folders), name


def page_urls(output: str, skip=("theme/",), noindex=None, files=None) -> list[str]:
    """Every HTML page written under output, as a site-relative pretty URL ("" is the home page).

    Pages that ask robots not to index them (the 404 page) are left out: `noindex(rel, path)`
    tells, by default by reading the page's head. `files`: every file of the output, relative
    to it, when the caller knows them (the build's OutputWriter: no walk over 12,000 folders);
    else the folder is walked.
    """
    noindex = noindex or (lambda rel, path: asks_noindex(path))
    found = []
    if files is not None:
        for rel in sorted((rel for rel in files if rel.endswith(".html") and not rel.startswith(skip)
                           and not any(part.startswith(".") for part in rel.split("/")[:-1])), key=walk_order):
            if not noindex(rel, os.path.join(output, rel)):
                found.append(rel[:-len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel)
        return found
    for folder, dirs, files in os.walk(output):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel_folder = os.path.relpath(folder, output).replace(os.sep, "/")
        rel_folder = "" if rel_folder == "." else rel_folder + "/"
        if rel_folder.startswith(skip):
            continue
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            path = os.path.join(folder, name)
            if noindex(rel_folder + name, path):
                continue
            found.append(rel_folder if name == "index.html" else rel_folder + name)
    return found


def asks_noindex(path: str) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(8192)
    end = head.find(b"</head>")
    head = head[:end] if end >= 0 else head
    return b'name="robots" content="noindex' in head


def newest(dates) -> dt.date | None:
    """The latest of `dates`, None (unknown) left out; None if none is known."""
    return max(filter(None, dates), default=None)
