"""Which ASCII characters a bundle's own fields hold: lets the page rule out own-field hits.

Best match first lists the items whose own title, number or keywords hold the query
before all others (search.js). The newest bundle's results are therefore the first of
the whole list only if no older bundle has an own-field hit. A bundle whose own fields
lack one of the query's ASCII characters (PM2.5 and LEED are no one's title there) can
have none, so the page need not wait for the older bundles to know its first page.

ASCII only: a short list (digits, letters, punctuation of the titles and numbers),
and lower-casing agrees in Python, JavaScript and Pagefind. Written beside each bundle
as it is indexed, so a bundle reused from the last build keeps its list.
"""
from __future__ import annotations

from pathlib import Path

from .tokens import normalized

FILE = "gongkai-own.txt"


def own_chars(records) -> str:
    """The sorted ASCII characters (lower-cased, NFKC, no spaces) of the records' own fields."""
    chars: set[str] = set()
    for record in records:
        for own in record.fields[:record.keys]:
            chars.update(ch for ch in normalized(own or "").lower() if ch < "\x80" and not ch.isspace())
    return "".join(sorted(chars))


def write_own_chars(records, bundle: Path) -> None:
    (Path(bundle) / FILE).write_text(own_chars(records), encoding="utf-8")


def read_own_chars(bundle: Path) -> str:
    """A written bundle's list; a bundle without one could hold any character."""
    path = Path(bundle) / FILE
    return path.read_text(encoding="utf-8") if path.is_file() else None
