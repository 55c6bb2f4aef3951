"""Crawl a site over HTTP from its home page, as a link checker or a search engine would.

Unlike linkcheck.py (which reads files), this asks a real server for every address the
site names: links, assets and srcset in pages, url() in style sheets, every address in
feeds, the sitemap and robots.txt, and the URLs and file paths in the JSON data. Each
address on the site's own host must lie under the site's path (a site built for /zxta/
must never point at /) and must answer 200. Other hosts are not fetched.
"""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from .linkcheck import CSS_URL, SKIP_SCHEMES, _links

META_URLS = ("og:url", "og:image", "twitter:image")
DATA_PATH_KEYS = ("path", "jsonSchema", "schema", "$ref")


def _fetch(url: str):
    """(status, content type, body bytes) of a GET."""
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.headers.get_content_type(), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get_content_type(), e.read()


def _html_urls(url: str, body: bytes):
    doc = lxml_html.fromstring(body)
    base = doc.find(".//base")
    page = urljoin(url, base.get("href")) if base is not None and base.get("href") else url
    for _, _, value in _links(doc):
        yield page, value
    for meta in doc.iter("meta"):
        if (meta.get("property") or meta.get("name")) in META_URLS and meta.get("content"):
            yield page, meta.get("content")
    for el in doc.xpath("//*[@data-pagefind]"):  # the search page names the index it loads,
        yield page, el.get("data-pagefind")
    for el in doc.xpath("//*[@data-pagefind-bundles]"):  # every year's bundle it merges,
        for bundle in json.loads(el.get("data-pagefind-bundles")):
            yield page, bundle["path"] + "pagefind-entry.json"
    for el in doc.xpath("//*[@data-search-names]"):  # and the pages it suggests when nothing is found
        for name in json.loads(el.get("data-search-names")):
            yield page, name["url"]


def _xml_urls(url: str, body: bytes, origin: str):
    """Every href in a feed or sitemap, and every element text that is an address on this site."""
    root = etree.fromstring(body)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name in ("href", "url", "src"):
            if el.get(name):
                yield url, el.get(name)
        text = (el.text or "").strip()
        if text.startswith(origin):
            yield url, text


def _json_urls(url: str, body: bytes, origin: str):
    """Strings on this site's address, and the file paths a data package or schema names."""
    def walk(value, key=None):
        if isinstance(value, dict):
            for k, v in value.items():
                yield from walk(v, k)
        elif isinstance(value, list):
            for v in value:
                yield from walk(v, key)
        elif isinstance(value, str):
            if value.startswith(origin):
                yield url, value
            elif key in DATA_PATH_KEYS and not urlsplit(value).scheme and not value.startswith("#"):
                yield url, value
    yield from walk(json.loads(body))


def _text_urls(url: str, body: bytes, origin: str):
    for word in re.findall(r"\S+", body.decode("utf-8", "replace")):
        if word.startswith(origin):
            yield url, word


def crawl(start: str, extra=()) -> tuple[dict[str, int], list[str]]:
    """({address: status} of every address fetched, [one line per problem]).

    `start` is the site's home (http://host:port/zxta/); `extra` are other entry points
    (robots.txt, sitemap.xml) that no page links to.
    """
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(start))
    prefix = urlsplit(start).path
    seen: dict[str, int] = {}
    problems: list[str] = []
    queue = deque((start, "(start)", start) for start in (start, *extra))
    named: set[str] = {u for u, _, _ in queue}
    while queue:
        url, where, written = queue.popleft()
        status, kind, body = _fetch(url)
        seen[url] = status
        if status != 200:
            problems.append(f"{where}: {written} → {url} answered {status}")
            continue
        path = urlsplit(url).path
        if kind == "text/html" or path.endswith("/"):
            found = _html_urls(url, body)
        elif kind == "text/css":
            found = ((url, m.group(2) or m.group(4)) for m in CSS_URL.finditer(body.decode("utf-8", "replace")))
        elif path.endswith(".xml"):
            found = _xml_urls(url, body, origin)
        elif path.endswith(".json"):
            found = _json_urls(url, body, origin)
        elif path.endswith(".txt"):
            found = _text_urls(url, body, origin)
        else:
            continue
        for base, value in found:
            value = (value or "").strip()
            if not value or value.lower().startswith(SKIP_SCHEMES) or value.startswith("#"):
                continue
            target = urldefrag(urljoin(base, value))[0]
            parts = urlsplit(target)
            if f"{parts.scheme}://{parts.netloc}" != origin:
                continue  # another host: not fetched
            if not parts.path.startswith(prefix):
                problems.append(f"{url}: {value} → {target} is outside {prefix}")
                continue
            if target not in named:
                named.add(target)
                queue.append((target, url, value))
    return seen, problems
