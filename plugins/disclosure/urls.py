"""Every item's URL and output file, decided in one place.

URLs are site-relative and end in "/" (pretty URLs: the file is index.html).
`absolute(site_url, url)` makes them absolute for feeds and data.
"""
from __future__ import annotations

from urllib.parse import quote, unquote


def proposal(p) -> str:
    return f"proposals/{p.year}/{p.key_part}/"


def response(x) -> str:
    return f"responses/{x.id}/"


def announcement(a) -> str:
    return f"announcements/{a.id}/"


def replies() -> str:
    """The listing of every reply, newest first (the replies feed's page)."""
    return "replies/"


def replies_month(year: int, month: int) -> str:
    """The replies dated in one month, newest first: a new reply changes its month's page, not every older one."""
    return f"replies/{year}/{month:02d}/"


def proposer(x) -> str:
    """A proposer's page: proposers/<pinyin slug>/ (disclosure/proposers.py decides the slug)."""
    return f"proposers/{x.slug}/"


def proposers() -> str:
    return "proposers/"


def unit(u) -> str:
    return f"units/{u.slug}/"


def category(t) -> str:
    return f"categories/{t.slug}/"


def sector(t) -> str:
    return f"sectors/{t.slug}/"


def status(key: str) -> str:
    """A status's newest proposals and its years (each proposal lists under status/<key>/<year>/)."""
    return f"status/{key}/"


def status_year(key: str, year) -> str:
    """One year's proposals of a status, as blocks of the year's numbers (status_block)."""
    return f"status/{key}/{year}/"


def status_block(key: str, year, first: str, last: str) -> str:
    """The proposals of a status among one year's numbers first..last: one proposal changing
    status changes this page, not every page after it (a listing paged from the newest shifts)."""
    return f"status/{key}/{year}/{first}-{last}/"


def overdue() -> str:
    """Exactly the proposals past their deadline with a lead/split unit still to reply."""
    return "status/overdue/"


def year(y) -> str:
    return f"years/{y}/"


def announcement_kind(kind: str) -> str:
    return f"announcements/kind/{kind}/"


def page(url: str, n: int) -> str:
    """Page n of a paginated listing (page 1 is the listing itself)."""
    return url if n <= 1 else f"{url}page/{n}/"


def stats() -> str:
    return "stats/"


def stats_units(sort: str = "") -> str:
    """The table of all units, pre-sorted by one column (no JavaScript): stats/units/by-<column>/."""
    return f"stats/units/by-{sort}/" if sort else "stats/units/"


def search() -> str:
    """The search page; it reads ?q= (and filters) from its address."""
    return "search/"


def search_bundle(group: str | None = None) -> str:
    """Where the Pagefind index is written: one bundle (with its own pagefind.js) per year, pagefind/<year>/."""
    return f"pagefind/{group}/" if group else "pagefind/"


def data_file(name: str) -> str:
    return f"data/{name}"


def json_twin(url: str) -> str:
    """The JSON twin of a page: proposals/2023/0110/ → proposals/2023/0110/index.json."""
    return url + "index.json"


def share_image(name: str) -> str:
    """Where site.yaml's share_image file is published: a folder of its own, so it can never
    replace a page, feed or data file (content/index.html used to replace the home page)."""
    return "share/" + name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def output_file(url: str) -> str:
    return url + "index.html" if url.endswith("/") or url == "" else url


def feed(url_of_item: str, kind: str = "atom") -> str:
    """The feed that follows one listing or item: feeds/<path>.atom.xml."""
    stem = url_of_item.strip("/") or "all"
    return f"feeds/{stem}.{kind}.xml"


def absolute(site_url: str, url: str) -> str:
    return f"{site_url.rstrip('/')}/{url.lstrip('/')}"


def evidence_file(path: str) -> str:
    """Where a file cited as a commitment's evidence is published: a folder of its own."""
    return "evidence/" + path.replace("\\", "/").lstrip("/")


def evidence_file_url(path: str) -> str:
    """The address of evidence_file(path), percent-encoded as an attachment's (a space, # or % in a
    file name would otherwise end the address or start a fragment)."""
    return quote(evidence_file(path), safe="/")


def attachment(entry_url: str, name: str) -> str:
    """Where an entry's attachment is published: <entry url>attachments/<file name>, the name
    percent-encoded (a Chinese file name stays the file's name); output_attachment is the file."""
    return entry_url + "attachments/" + quote(name, safe="")


def output_attachment(entry_url: str, name: str) -> str:
    return unquote(attachment(entry_url, name))
