"""Every output of a built site, read the way a client reads it, as (output path, text).

A disclosure test asks one question of a build: does this sentence appear anywhere a
reader, a feed reader, a data user, the search page or someone holding the build folder
could see it? So every file is read as its client reads it: HTML parsed (visible text,
script text and every attribute), feeds through feedparser (titles, summaries, the entry
HTML parsed again), JSON decoded (so \\u escapes are characters), CSV cells, spreadsheets
unzipped, the sitemap's XML, the Pagefind index gunzipped (its fragments decoded and their
tokens joined back into text), the build cache beside the output unpickled, and the spare
site beside it (the previous site, which the next build updates in place) read as the output.

Each file is claimed by exactly one reader in READERS; a file no reader claims raises
`Unread`, so a new kind of output fails the disclosure tests until it is added here
(one line in READERS, and a reader function if none fits). See docs/quality.md.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import marshal
import pickle
import re
import zipfile
import zlib
from pathlib import Path
from typing import Callable, Iterator

import feedparser
from bs4 import BeautifulSoup, Comment
from lxml import etree

PAGEFIND_SIGNATURE = b"pagefind_dcd"
CACHE_FOLDER = ".gongkai-cache"


class Unread(AssertionError):
    """An output file that no reader claims: add a reader to READERS."""


# --- readers: bytes of one file → its texts ---------------------------------------------


def html_texts(data: bytes) -> Iterator[str]:
    """A page: all its text (visible, script, comments) and every attribute value."""
    soup = BeautifulSoup(data, "html.parser")
    yield soup.get_text("")  # inline runs stay together (a diff marks characters inside a line)
    yield "\n".join(str(c) for c in soup.find_all(string=lambda s: isinstance(s, Comment)))
    for tag in soup.find_all(True):
        for value in tag.attrs.values():
            yield " ".join(value) if isinstance(value, list) else str(value)


def xml_texts(data: bytes) -> Iterator[str]:
    """Any XML (sitemap, SVG, spreadsheet parts): every text node and attribute value."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, recover=True))
    if root is None:
        return
    for node in root.iter():
        if isinstance(node.tag, str):
            yield from (node.text or "", node.tail or "", *node.attrib.values())
        else:  # comments and processing instructions
            yield node.text or ""


def feed_texts(data: bytes) -> Iterator[str]:
    """A feed as a reader shows it (feedparser, entry HTML parsed), and its raw XML."""
    feed = feedparser.parse(data)
    yield from _strings(dict(feed.feed))
    for entry in feed.entries:
        for key, value in entry.items():
            if key in ("content", "summary_detail", "title_detail"):
                continue
            yield from _strings(value)
        for html in [c.get("value", "") for c in entry.get("content", [])] + [entry.get("summary", "")]:
            yield from html_texts(html.encode("utf-8"))
    yield from xml_texts(data)


def json_texts(data: bytes) -> Iterator[str]:
    yield from _strings(json.loads(data.decode("utf-8-sig")))


def csv_texts(data: bytes) -> Iterator[str]:
    for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")):
        yield "\n".join(row)


def zip_texts(data: bytes) -> Iterator[str]:
    """Spreadsheets (.xlsx, .ods) and other zips: every member, XML read as XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            member = archive.read(name)
            if name.endswith((".xml", ".rels")):
                yield from xml_texts(member)
            else:
                yield loose_text(member)


def text_file(data: bytes) -> Iterator[str]:
    yield data.decode("utf-8-sig")


def binary_file(data: bytes) -> Iterator[str]:
    """Images, fonts, wasm: no text a client shows, but any UTF-8 inside is searched anyway."""
    yield loose_text(data)


def pagefind_file(data: bytes) -> bytes:
    data = gzip.decompress(data)
    return data[len(PAGEFIND_SIGNATURE):] if data.startswith(PAGEFIND_SIGNATURE) else data


def pagefind_fragment_texts(data: bytes) -> Iterator[str]:
    """A result as the search page gets it: JSON (content, meta, filters); content also as text."""
    fragment = json.loads(pagefind_file(data))
    yield from _strings(fragment)
    yield detokenised(fragment.get("content", ""))


def pagefind_binary_texts(data: bytes) -> Iterator[str]:
    """Index, filter and meta files are CBOR: its strings are plain UTF-8 between length bytes.

    The word index holds one word per character (docs/search.md), so a sentence is never in
    it whole; tests look for the characters.
    """
    yield loose_text(pagefind_file(data))


def pagefind_pairs_texts(data: bytes) -> Iterator[str]:
    """A bundle's pairs of adjacent words (plugins/search/pairs.py: "园 光", one a line, gzipped):
    each pair as text. A sentence is never in it whole; tests look for the characters."""
    for line in gzip.decompress(data).decode("utf-8").split("\n"):
        yield detokenised(line)


def pickle_texts(data: bytes) -> Iterator[str]:
    """A cache file: every pickle in it (kept.py appends them), unpickled and walked; and its raw bytes."""
    stream = io.BytesIO(data)
    while stream.tell() < len(data):
        try:
            value = pickle.load(stream)
        except Exception:  # a class that no longer imports, a cut-off tail: the raw bytes still count
            break
        yield from _strings(value)
    yield loose_runs(data)


def marshal_texts(data: bytes) -> Iterator[str]:
    """The manifest (gongkai_build/manifest.py): marshalled, walked; and its raw bytes."""
    try:
        yield from _strings(marshal.loads(data))
    except Exception:  # cut off: the raw bytes still count
        pass
    yield loose_runs(data)


# --- helpers -----------------------------------------------------------------------------


def loose_text(data: bytes) -> str:
    """Bytes as UTF-8 where they are UTF-8; also inside zlib/gzip streams found at the start."""
    parts = [data.decode("utf-8", "replace")]
    for unpack in (gzip.decompress, zlib.decompress):
        try:
            parts.append(unpack(data).decode("utf-8", "replace"))
        except Exception:
            pass
    return "\n".join(parts)


def loose_runs(data: bytes) -> str:
    """loose_text's runs of three or more characters beyond ASCII, one a line: the raw bytes of a
    cache file, read besides its decoded values. Those bytes hold compressed data (a kept
    workbook) and binary hashes too, where any given CJK character turns up by chance every
    ~16 MB (one 3-byte sequence): a lone character there is noise, text written is a run."""
    return "\n".join(re.findall(r"[^\x00-\x7f\ufffd]{3,}", loose_text(data)))


PICKLE_PROTOCOLS = {bytes([n]) for n in range(2, pickle.HIGHEST_PROTOCOL + 1)}  # a pickle's 2nd byte (PROTO)


def _strings(value, depth: int = 0) -> Iterator[str]:
    """Every string inside a decoded value (JSON, pickles, feedparser dicts); bytes tried as pickles."""
    if depth > 50:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, (bytes, bytearray)):
        value = bytes(value)
        if value.startswith(b"PK\x03\x04"):  # a kept workbook: read as the spreadsheet it is
            try:
                yield from zip_texts(value)
            except Exception:
                pass
        if value[:1] == b"\x80" and value[1:2] in PICKLE_PROTOCOLS:  # a kept value pickled whole: read it
            try:  # (other bytes, unpickled, are noise; some made CPython print SystemErrors)
                yield from _strings(pickle.loads(value), depth + 1)
            except Exception:
                pass
        try:  # text kept as bytes (a search record's HTML, its words one a token): all of it
            yield value.decode("utf-8")
        except UnicodeDecodeError:  # binary: only runs of text count (loose_runs)
            yield loose_runs(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k, depth + 1)
            yield from _strings(v, depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            yield from _strings(v, depth + 1)
    elif hasattr(value, "__dict__") or hasattr(value, "__slots__"):
        fields = dict(getattr(value, "__dict__", {}))
        for slot in getattr(type(value), "__slots__", ()):
            if hasattr(value, slot):
                fields[slot] = getattr(value, slot)
        yield from _strings(fields, depth + 1)
    elif value is not None:
        yield str(value)


_CODE_WORD = re.compile(r"u[0-9a-f]{1,6}")


def detokenised(content: str) -> str:
    """Search-index text (one token per character, `u3002` for `。`) back to plain text.

    Written here from the documented rule (docs/search.md), not imported from the indexer, so
    a reader bug and an indexer bug cannot cancel out.
    """
    out = []
    for token in content.split(" "):
        core = token.rstrip("\u2060.")  # a glued space; Pagefind ends a block with "."
        rest = token[len(core):]
        wide = core.endswith("\ufdd0")  # the text wrote this character full-width (，for u2c)
        core = core.removesuffix("\ufdd0")
        if len(core) > 1 and _CODE_WORD.fullmatch(core):
            core = chr(int(core[1:], 16))
        if wide and len(core) == 1:
            core = chr(ord(core) + 0xFEE0)
        out.append((core + rest).replace("\u2060", " ").replace("\u2063", "\n"))
    return "".join(out)


# --- which reader reads which file: the one place to add an output ------------------------

Reader = Callable[[bytes], Iterator[str]]

READERS: list[tuple[str, Callable[[str], bool], Reader]] = [
    # (name, which paths (relative, posix), reader); the first match wins.
    ("feed", lambda p: p.endswith((".atom.xml", ".rss.xml")), feed_texts),
    ("pagefind-fragment", lambda p: p.endswith(".pf_fragment"), pagefind_fragment_texts),
    ("pagefind-index", lambda p: re.search(r"\.pf_(index|filter|meta)$", p) is not None, pagefind_binary_texts),
    ("pagefind-pairs", lambda p: p.endswith("/gongkai-pairs.txt.gz"), pagefind_pairs_texts),
    ("pagefind-wasm", lambda p: p.startswith("pagefind/") and p.endswith(".pagefind"), binary_file),
    ("html", lambda p: p.endswith(".html"), html_texts),
    ("xml", lambda p: p.endswith((".xml", ".svg")), xml_texts),
    ("json", lambda p: p.endswith(".json"), json_texts),
    ("csv", lambda p: p.endswith(".csv"), csv_texts),
    ("spreadsheet", lambda p: p.endswith((".xlsx", ".ods", ".zip", ".docx", ".ofd")), zip_texts),  # evidence/ files too
    ("text", lambda p: p.endswith((".txt", ".js", ".css", ".md")), text_file),
    ("binary", lambda p: p.endswith((".png", ".ico", ".jpg", ".webp", ".woff2", ".pdf")), binary_file),
    # The build cache beside the output (.gongkai-cache/<output name>/).
    ("cache-pickle", lambda p: p.startswith(CACHE_FOLDER + "/") and p.endswith(".pickle"), pickle_texts),
    ("cache-marshal", lambda p: p.startswith(CACHE_FOLDER + "/") and p.endswith(".marshal"), marshal_texts),
    ("cache-template", lambda p: p.startswith(CACHE_FOLDER + "/") and p.endswith(".cache"), binary_file),
]


SPARE = re.compile(r"\.[^/]+-spare/")  # the spare site beside the output (plugins/gongkai_build/spare.py)


def reader_of(path: str) -> str:
    """The name of the reader that reads this output path (relative, posix; a spare site's file
    is read as the same file of the output)."""
    spare = SPARE.match(path)
    if spare:
        path = path[spare.end():]
    for name, matches, _ in READERS:
        if matches(path):
            return name
    raise Unread(f"no reader for {path}: add one to READERS in tests/support/outputs.py")


def output_files(output: Path) -> Iterator[tuple[str, Path]]:
    """(relative path, file) of every file in the output folder, its spare and its build cache."""
    output = Path(output)
    for file in sorted(output.rglob("*")):
        if file.is_file():
            yield file.relative_to(output).as_posix(), file
    spare = output.parent / f".{output.name}-spare"
    if spare.is_dir():
        for file in sorted(spare.rglob("*")):
            if file.is_file():
                yield f"{spare.name}/{file.relative_to(spare).as_posix()}", file
    cache = output.parent / CACHE_FOLDER / output.name
    if cache.is_dir():
        for file in sorted(cache.rglob("*")):
            if file.is_file():
                yield f"{CACHE_FOLDER}/{file.relative_to(cache).as_posix()}", file


def read_outputs(output: Path) -> Iterator[tuple[str, str]]:
    """(output path, text) for every output of a build, each read by its client's reader.

    A file yields one text (its parts joined by newlines); cache paths start with
    `.gongkai-cache/`, the spare site's with `.<output name>-spare/`. Raises Unread for a file no reader claims.
    """
    readers = {name: read for name, _, read in READERS}
    for rel, file in output_files(output):
        texts = readers[reader_of(rel)](file.read_bytes())
        yield rel, "\n".join(t for t in texts if t)
