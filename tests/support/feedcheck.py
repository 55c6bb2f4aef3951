"""Validity checks for the feeds and sitemap Gongkai writes, for use in tests.

Each ``*_errors`` function returns a list of human-readable problems (empty when
the document is valid) so a test can assert ``errors == []`` and see every
problem at once. Schemas catch structure; the extra checks below cover the spec
rules that a schema cannot express (uniqueness, URI syntax, date formats).
"""

from __future__ import annotations

import datetime
import functools
import io
import re
import unicodedata
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
from lxml import etree

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
ATOM = "{http://www.w3.org/2005/Atom}"

# --- shared helpers ----------------------------------------------------------


def _parse(xml_bytes: bytes):
    """Parse without network or entity expansion; a feed must stand alone."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        return etree.fromstring(xml_bytes, parser), []
    except etree.XMLSyntaxError as exc:
        return None, [f"not well-formed XML: {exc}"]


@functools.cache
def _relaxng(name: str) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / name)))


@functools.cache
def _xmlschema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def _schema_errors(schema, root) -> list[str]:
    if schema.validate(root):
        return []
    return [f"schema: line {e.line}: {e.message}" for e in schema.error_log]


def _text(el) -> str:
    return (el.text or "") if el is not None else ""


# RFC 3987 forbids these anywhere in an IRI, besides controls and spaces.
_IRI_FORBIDDEN = set('<>"{}|\\^`')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_UUID_URN = re.compile(r"urn:uuid:[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", re.I)
_URN = re.compile(r"urn:[A-Za-z0-9][A-Za-z0-9-]{0,30}[A-Za-z0-9]:.+", re.I)

# RFC 4151 tag URI grammar (ASCII only; the specific part is RFC 3986 pchars).
_DNSCOMP = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_DNSNAME = re.compile(rf"{_DNSCOMP}(?:\.{_DNSCOMP})*")
_EMAIL = re.compile(rf"[A-Za-z0-9._-]+@{_DNSNAME.pattern}")
_TAG_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_PCHARS = re.compile(r"(?:[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*")


def _tag_problem(value: str) -> str | None:
    """RFC 4151: tag:authority,date:specific[#fragment]."""
    m = re.fullmatch(r"tag:([^,]*),([^:]*):([^#]*)(?:#(.*))?", value, re.I)
    if not m:
        return "does not have the form tag:authority,date:specific"
    authority, date, specific, fragment = m.groups()
    if not (_DNSNAME.fullmatch(authority) or _EMAIL.fullmatch(authority)):
        return f"authority {authority!r} is not an ASCII DNS name or email address"
    d = _TAG_DATE.fullmatch(date)
    try:
        ok = bool(d) and datetime.date(int(d[1]), int(d[2] or 1), int(d[3] or 1))
    except ValueError:
        ok = False
    if not ok:
        return f"date {date!r} is not a valid YYYY[-MM[-DD]] date"
    for part in (specific, fragment or ""):
        if not _PCHARS.fullmatch(part):
            return f"{part!r} has characters RFC 4151 does not allow (percent-encode them)"
    return None


def _iri_problem(value: str) -> str | None:
    """Why ``value`` is not an absolute IRI (RFC 3987), or None if it is.

    Known schemes get their own syntax checked: tag (RFC 4151), urn:uuid
    (RFC 4122), other URNs (RFC 8141 NID), and http(s), which needs a host.
    """
    if not _SCHEME.match(value):
        return "is not an absolute IRI (no scheme)"
    for ch in value:
        if ch in _IRI_FORBIDDEN or unicodedata.category(ch)[0] in "CZ":
            return f"is not a valid IRI (contains {ch!r})"
    if re.search(r"%(?![0-9A-Fa-f]{2})", value):
        return "is not a valid IRI (bad percent-escape)"
    scheme = value.split(":", 1)[0].lower()
    if scheme == "tag":
        problem = _tag_problem(value)
        return problem and f"is not a valid tag URI (RFC 4151): {problem}"
    if scheme == "urn" and value.lower().startswith("urn:uuid:"):
        return None if _UUID_URN.fullmatch(value) else "is not a valid urn:uuid (RFC 4122)"
    if scheme == "urn" and not _URN.fullmatch(value):
        return "is not a valid URN (RFC 8141)"
    if scheme in ("http", "https") and not urlsplit(value).hostname:
        return "is an http(s) IRI without a host"
    return None


def _http_url_problem(value: str) -> str | None:
    """RSS and sitemaps want plain absolute http(s) URLs."""
    if urlsplit(value).scheme.lower() not in ("http", "https"):
        return "is not an absolute http(s) URL"
    return _iri_problem(value)


# --- Atom (RFC 4287) ---------------------------------------------------------

# RFC 3339 date-time; RFC 4287 section 3.3 also demands upper-case T and Z.
_RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})"
)


def _atom_date_problem(value: str) -> str | None:
    if not _RFC3339.fullmatch(value):
        return "is not an RFC 3339 date-time (upper-case T and Z, with a zone)"
    try:
        datetime.datetime.fromisoformat(value)
    except ValueError:
        return "is not a real date/time"
    return None


def _exactly_one(parent, where: str, names=("id", "title", "updated")) -> list[str]:
    """RFC 4287 4.1.1/4.1.2: feed and entry have exactly one id, title, updated."""
    errors = []
    for name in names:
        count = len(parent.findall(ATOM + name))
        if count != 1:
            errors.append(f"{where} must have exactly one atom:{name}, found {count}")
    return errors


def _is_alternate(link) -> bool:
    return link.get("rel", "alternate") == "alternate"


def _needs_summary(content) -> bool:
    """RFC 4287 4.1.1.1: out-of-line or Base64 content needs an atom:summary."""
    if content is None:
        return False
    ctype = content.get("type", "text").lower()
    base64 = "/" in ctype and not (
        ctype.startswith("text/") or ctype.endswith(("/xml", "+xml"))
    )
    return content.get("src") is not None or base64


def _atom_element_errors(parent, where: str) -> list[str]:
    """Checks shared by feed and entry: alternate links, ids, dates, hrefs."""
    errors = []
    alternates = [(l.get("type"), l.get("hreflang")) for l in parent.findall(ATOM + "link")
                  if _is_alternate(l)]
    if len(alternates) != len(set(alternates)):
        errors.append(f"{where} has two alternate atom:link with the same type and hreflang")
    for el in parent.findall(ATOM + "id"):
        problem = _iri_problem(_text(el))
        if problem:
            errors.append(f"{where} atom:id {_text(el)!r} {problem}")
    for name in ("updated", "published"):
        for el in parent.findall(ATOM + name):
            problem = _atom_date_problem(_text(el))
            if problem:
                errors.append(f"{where} atom:{name} {_text(el)!r} {problem}")
    # RFC 4287 allows relative references; we require absolute links so a feed
    # still works when copied or read without its xml:base.
    refs = [("atom:link href", l.get("href")) for l in parent.findall(ATOM + "link")]
    refs += [("atom:content src", c.get("src")) for c in parent.findall(ATOM + "content")]
    for what, ref in refs:
        problem = ref is not None and _iri_problem(ref)
        if problem:
            errors.append(f"{where} {what} {ref!r} {problem}")
    return errors


def atom_errors(xml_bytes: bytes) -> list[str]:
    """RELAX NG (RFC 4287 Appendix B) errors plus the RFC rules it cannot express."""
    root, errors = _parse(xml_bytes)
    if root is None:
        return errors
    errors += _schema_errors(_relaxng("atom.rng"), root)
    if root.tag != ATOM + "feed":
        return errors + [f"root element is {root.tag}, not atom:feed"]
    errors += _exactly_one(root, "feed") + _atom_element_errors(root, "feed")
    feed_has_author = root.find(ATOM + "author") is not None
    seen_ids: dict[str, int] = {}
    for n, entry in enumerate(root.findall(ATOM + "entry"), 1):
        where = f"entry {n}"
        errors += _exactly_one(entry, where) + _atom_element_errors(entry, where)
        content = entry.find(ATOM + "content")
        if content is None and not any(map(_is_alternate, entry.findall(ATOM + "link"))):
            errors.append(f"{where} has neither atom:content nor an alternate atom:link")
        if _needs_summary(content) and entry.find(ATOM + "summary") is None:
            errors.append(f"{where} has out-of-line or Base64 content but no atom:summary")
        if not (feed_has_author or entry.find(ATOM + "author") is not None
                or entry.find(f"{ATOM}source/{ATOM}author") is not None):
            errors.append(f"{where} has no atom:author and neither does the feed")
        entry_id = _text(entry.find(ATOM + "id"))
        if entry_id in seen_ids:
            # RFC 4287 tolerates repeats with different atom:updated (entry
            # revisions); a generated site feed lists each entry once.
            errors.append(f"{where} repeats the atom:id {entry_id!r} of entry {seen_ids[entry_id]}")
        seen_ids.setdefault(entry_id, n)
    return errors


# --- RSS 2.0 (https://www.rssboard.org/rss-specification) --------------------

_CHANNEL_ELEMENTS = {
    "title", "link", "description", "language", "copyright", "managingEditor",
    "webMaster", "pubDate", "lastBuildDate", "category", "generator", "docs",
    "cloud", "ttl", "image", "rating", "textInput", "skipHours", "skipDays", "item",
}
_ITEM_ELEMENTS = {
    "title", "link", "description", "author", "category", "comments",
    "enclosure", "guid", "pubDate", "source",
}
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# RFC 822 section 5 date-time, with the 4-digit year the RSS spec prefers.
_RFC822 = re.compile(
    rf"(?:({'|'.join(_DAYS)}), )?\d{{1,2}} "
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?:\d{4}|\d{2}) "
    r"\d{2}:\d{2}(?::\d{2})? (?:UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|Z|[+-]\d{4})"
)


def _rss_date_problem(value: str) -> str | None:
    m = _RFC822.fullmatch(value)
    if not m:
        return "is not an RFC 822 date-time (e.g. 'Tue, 02 Jan 2024 03:04:05 +0000')"
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return "is not a real date/time"
    if m[1] and m[1] != _DAYS[when.weekday()]:
        return f"has the wrong day of week (it is a {_DAYS[when.weekday()]})"
    return None


def _rss_undefined(parent, allowed: set[str], where: str) -> list[str]:
    """The spec allows extra elements only inside a namespace."""
    return [f"{where} has undefined element <{el.tag}> (extensions need a namespace)"
            for el in parent
            if isinstance(el.tag, str) and "{" not in el.tag and el.tag not in allowed]


def _rss_item_errors(item, where: str) -> list[str]:
    errors = _rss_undefined(item, _ITEM_ELEMENTS, where)
    if not (_text(item.find("title")).strip() or _text(item.find("description")).strip()):
        errors.append(f"{where} needs a <title> or a <description>")
    for el in item.findall("link") + item.findall("comments"):
        problem = _http_url_problem(_text(el))
        if problem:
            errors.append(f"{where} <{el.tag}> {_text(el)!r} {problem}")
    for el in item.findall("pubDate"):
        problem = _rss_date_problem(_text(el))
        if problem:
            errors.append(f"{where} <pubDate> {_text(el)!r} {problem}")
    for guid in item.findall("guid"):
        permalink = guid.get("isPermaLink", "true")
        if permalink not in ("true", "false"):
            errors.append(f'{where} <guid> isPermaLink must be "true" or "false", not {permalink!r}')
        elif permalink == "true" and _http_url_problem(_text(guid)):
            errors.append(f'{where} <guid> {_text(guid)!r} is not an http(s) URL, '
                          'so it needs isPermaLink="false"')
    for enc in item.findall("enclosure"):
        url, length, etype = enc.get("url"), enc.get("length"), enc.get("type")
        if url is None or _http_url_problem(url):
            errors.append(f"{where} <enclosure> url {url!r} is not an absolute http(s) URL")
        if length is None or not length.isdigit():
            errors.append(f"{where} <enclosure> length {length!r} is not a byte count")
        if etype is None or "/" not in etype:
            errors.append(f"{where} <enclosure> type {etype!r} is not a MIME type")
    return errors


def rss_errors(xml_bytes: bytes) -> list[str]:
    """RSS 2.0 rules; there is no official schema, so each rule is coded here."""
    root, errors = _parse(xml_bytes)
    if root is None:
        return errors
    if root.tag != "rss" or root.get("version") != "2.0":
        errors.append(f'root element must be <rss version="2.0">, found <{root.tag}> '
                      f"version {root.get('version')!r}")
    channels = root.findall("channel")
    if len(channels) != 1:
        return errors + [f"rss must contain exactly one <channel>, found {len(channels)}"]
    channel = channels[0]
    errors += _rss_undefined(channel, _CHANNEL_ELEMENTS, "channel")
    for name in ("title", "link", "description"):
        found = channel.findall(name)
        if not found or not _text(found[0]).strip():
            errors.append(f"channel <{name}> is missing or empty")
        elif len(found) > 1:
            errors.append(f"channel has {len(found)} <{name}> elements")
    link = _text(channel.find("link"))
    problem = link and _http_url_problem(link)
    if problem:
        errors.append(f"channel <link> {link!r} {problem}")
    for name in ("pubDate", "lastBuildDate"):
        for el in channel.findall(name):
            problem = _rss_date_problem(_text(el))
            if problem:
                errors.append(f"channel <{name}> {_text(el)!r} {problem}")
    for atom_link in channel.findall(ATOM + "link"):  # e.g. rel="self"
        problem = _http_url_problem(atom_link.get("href", ""))
        if problem:
            errors.append(f"channel atom:link href {atom_link.get('href')!r} {problem}")
    seen_guids: dict[str, int] = {}
    for n, item in enumerate(channel.findall("item"), 1):
        errors += _rss_item_errors(item, f"item {n}")
        guid = item.find("guid")
        if guid is not None and _text(guid) in seen_guids:
            errors.append(f"item {n} repeats the <guid> {_text(guid)!r} of item "
                          f"{seen_guids[_text(guid)]}")
        if guid is not None:
            seen_guids.setdefault(_text(guid), n)
    return errors


# --- Sitemap (https://www.sitemaps.org/protocol.html) ------------------------

_SITEMAP_LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


def sitemap_errors(xml_bytes: bytes) -> list[str]:
    """sitemap.xsd errors, plus the protocol's absolute-URL and size rules."""
    root, errors = _parse(xml_bytes)
    if root is None:
        return errors
    errors += _schema_errors(_xmlschema("sitemap.xsd"), root)
    for loc in root.iter(_SITEMAP_LOC):  # xsd:anyURI accepts relative references; the protocol does not
        problem = _http_url_problem(_text(loc).strip())
        if problem:
            errors.append(f"<loc> {_text(loc)!r} {problem}")
    if len(root) > 50_000 or len(xml_bytes) > 50 * 1024 * 1024:
        errors.append("sitemap exceeds 50,000 URLs or 50 MiB; split it")
    return errors


# --- feedparser --------------------------------------------------------------


def parse_feed(xml_bytes: bytes):
    """feedparser.parse that raises instead of quietly setting ``bozo``."""
    parsed = feedparser.parse(io.BytesIO(xml_bytes))  # a stream: never a URL or path
    if parsed.bozo:
        raise ValueError(f"feedparser reports a malformed feed: {parsed.bozo_exception!r}")
    return parsed
