"""The benchmark's plain Pelican articles as a Hugo site, so `make bench` can time Hugo on the
same Markdown (issue 21: "plain Pelican and Hugo timed in the same run").

Like the Pelican side it is the plain tool with the least theme that shows the same things:
a page per article (title, date, category, body), the home page and a page per category
listing the articles ten to a page, and an RSS feed of the site and of each category
(Hugo's built-in feed template). No theme is installed: the few layouts are written here.
"""
from __future__ import annotations

import json
from pathlib import Path

CONFIG = """baseURL = "{base}/"
languageCode = "zh-cn"
defaultContentLanguage = "zh"
hasCJKLanguage = true
title = "bench"
timeZone = "Asia/Shanghai"
paginate = 10
[taxonomies]
category = "categories"
"""
LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head><body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time>
{{ range .GetTerms "categories" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
{{ .Content }}</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pages := .RegularPagesRecursive }}{{ if .IsHome }}{{ $pages = site.RegularPages }}{{ end }}
{{ range (.Paginate $pages).Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<time>{{ .Date.Format "2006-01-02" }}</time>{{ .Summary }}</article>{{ end }}
{{ template "_internal/pagination.html" . }}{{ end }}
""",
}


def _article(path: Path) -> tuple[dict, str]:
    """(metadata, body) of a Pelican article with `Key: value` lines before a blank line."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    return meta, body


def write_site(pelican_content: Path, site: Path, base_url: str) -> Path:
    """Write a Hugo site (config, layouts, content) made of every article under pelican_content."""
    (site / "content/posts").mkdir(parents=True, exist_ok=True)
    (site / "config.toml").write_text(CONFIG.format(base=base_url.rstrip("/")), encoding="utf-8")
    for name, text in LAYOUTS.items():
        path = site / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for source in sorted(pelican_content.rglob("*.md")):
        meta, body = _article(source)
        front = {"title": meta["title"], "date": meta["date"], "slug": meta["slug"],
                 "categories": [meta["category"]]}
        target = site / "content/posts" / source.relative_to(pelican_content)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(front, ensure_ascii=False) + "\n\n" + body, encoding="utf-8")
    return site
