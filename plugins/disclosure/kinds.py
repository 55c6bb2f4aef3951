"""The content kinds (proposal, reply, announcement): each registered once, asked everywhere.

A `Kind` says everything the build needs to know about one kind of entry: its folder under
content/, its model and reader, its keys' aliases, its URL (urls.py), its page template and
variables, its search record and 年度, its open data and its feed items, and how `check` words
an empty body or a duplicate id. Loading, pages, feeds, search, data, the
metadata block and the incremental hashes look the kind up here (`Kinds.of(entry)`,
`Kinds.named(name)`) instead of testing types, so a kind nobody registered raises the
same `UnknownKind` everywhere, and adding a kind is one `Kind(...)` plus its templates
(docs/architecture.md, "Adding a content kind").

There is no module-level registry: `standard_kinds()` builds the three kinds of the
content contract; a Site carries the registry it was loaded with (`load_site(..., kinds=)`),
and a Pelican build takes it from the `DISCLOSURE_KINDS` setting.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable


class UnknownKind(LookupError):
    """An entry, a kind name or a folder that no registered Kind claims."""


@dataclass(frozen=True)
class Export:
    """A kind's open data: data/<folder>.json, .csv and .xlsx, and the JSON twin of each item page."""

    record: Callable  # (site, entry, site_url) -> dict: the JSON line (export.py)
    columns: tuple  # export.Column of the CSV and the sheet
    about: str  # data/<folder>.json's description
    about_csv: str
    about_sheet: str
    sheet: str  # the .xlsx sheet's title
    schema: str | None = None  # its JSON Schema file in plugins/opendata/schemas/, if any
    row: Callable | None = None  # record -> CSV row, when it is not simply `columns` of the record


@dataclass(frozen=True)
class Kind:
    """One kind of entry, with every fact the build asks about it."""

    name: str  # Entry.kind, labels.KIND key; the search record's and the page hash's kind
    label: str  # 提案, 答复 …: as a search filter and in the metadata block
    folder: str  # content/<folder>/ holds its files
    model: type  # the model.Entry subclass its files are read into
    read: Callable  # (source.Source, Vocabulary) -> (entry, problems): entries.py
    url: Callable  # entry -> its page's site-relative URL: urls.py
    template: str  # the item page's template (themes/gongkai/templates/)
    page: Callable  # (site, entry) -> the template's variables; "trail": the breadcrumbs after 首页
    date: Callable  # entry -> the date it is listed and searched by (or None)
    search_record: Callable  # (site, entry) -> search_records.Record
    index_code: str  # the 索引号's {kind} (meta.py)
    export: Export | None = None  # None: no data/ files and no JSON twin
    feed_items: Callable | None = None  # (site, entry, history) -> [news.NewsItem]; None: none of its own
    # Optional: None means the plain rule in the module that asks.
    metadata: Callable | None = None  # (site, entry) -> meta.Metadata
    share_facts: Callable | None = None  # (site, entry) -> the share card's facts (meta.share_description)
    # (site, entry) -> the dates its page shows (sitemap lastmod). It may read only what
    # digest.Digests.record covers (a registered kind: its own file): the sitemap keeps each date by
    # that hash between builds (publishing/generator.py lastmods), as the search record and JSON twin do.
    dates: Callable | None = None
    index_parts: Callable | None = None  # entry -> (year, key, number, unit) of its 索引号
    digest: Callable | None = None  # (digest.Digests, entry) -> hash of what its page shows
    listed: Callable | None = None  # entry -> whether it can have a page (a proposal needs a year and number)
    path_id: Callable | None = None  # the path of an unreadable file -> the id it would have had
    path_problems: Callable | None = None  # (entry, source) -> problems of its file's name (site.py)
    history: bool = False  # its page shows the 修改记录 (changes.py)
    # Front matter (by its own keys) -> what makes two versions one entry (a proposal's year and number;
    # a reply's proposal, unit and date: one unit may answer a proposal twice): a change whose two sides
    # give different ones starts the entry's history (changes.py). None: a renamed file's starts at the rename.
    identity: Callable | None = None
    # The keys staff may write (Chinese names among them) → its own keys: for its reader, the 修改记录
    # (changes.py: a version that wrote 标题 and one that wrote title agree; a change is named by the
    # Chinese name) and the body check (front matter pasted into a body). A kind with history needs them.
    aliases: dict = field(default_factory=dict, hash=False)
    label_en: str = ""  # its English name in staff messages (reply); "" for its name
    body_required: bool = False  # an empty body not withheld is an error, not a warning (a reply's text is the reply)
    year: Callable | None = None  # (site, entry) -> the 年度 the search filters it by; None: its date's year
    # What its id is made of, named when two files have the same one: (the key the error is
    # filed under, or None for the file's name; in Chinese; in English).
    id_from: tuple = (None, "文件夹和文件名（不计扩展名）", "Folder and file name (without the extension)")

    def __post_init__(self):
        if self.history and not self.aliases:
            raise ValueError(f"the content kind {self.name} shows a 修改记录 (history=True) and needs its aliases: "
                             "the Chinese names of its keys, which name what each change changed")

    @property
    def english(self) -> str:
        return self.label_en or self.name

    def year_of(self, site, entry) -> int | None:
        """The 年度 the search filters an entry by (its record's "year" filter, the search page's choices)."""
        if self.year is not None:
            return self.year(site, entry)
        day = self.date(entry)
        return day.year if day else None


@dataclass(frozen=True)
class Kinds:
    """The registered kinds, in the order pages, feeds, search and data list them."""

    all: tuple[Kind, ...]

    def __post_init__(self):
        for attr in ("name", "folder", "model"):
            values = [getattr(k, attr) for k in self.all]
            twice = sorted({str(v) for v in values if values.count(v) > 1})
            if twice:
                raise ValueError(f"two content kinds have the same {attr}: {', '.join(twice)}")
        # each kind by its model class, for `of` (asked ~60,000 times a build)
        object.__setattr__(self, "_by_model", {k.model: k for k in self.all})

    def __iter__(self):
        return iter(self.all)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.all)

    @property
    def folders(self) -> tuple[str, ...]:
        return tuple(k.folder for k in self.all)

    @property
    def history_folders(self) -> dict[str, Kind]:
        """The folders whose pages show a 修改记录, each with its kind (changes.SiteHistory reads their
        versions by its aliases and tells a rename from another entry by its identity)."""
        return {k.folder: k for k in self.all if k.history}

    @property
    def keys(self) -> frozenset[str]:
        """Every front-matter key and alias of every kind: a line starting with one in a body was
        probably pasted there (body_check.py)."""
        return frozenset(name for k in self.all for pair in k.aliases.items() for name in pair)

    def unknown(self, what) -> UnknownKind:
        """The error for `what` (an entry, a name, a folder) that no kind here claims."""
        return UnknownKind(f"no content kind is registered for {what}; the registered kinds are "
                           f"{', '.join(self.names)} (plugins/disclosure/kinds.py, setting DISCLOSURE_KINDS)")

    def of(self, entry) -> Kind:
        """The kind of an entry, by its model class."""
        found = self._by_model.get(type(entry))
        if found is None:
            raise self.unknown(repr(entry)[:120])
        return found

    def named(self, name: str) -> Kind:
        for k in self.all:
            if k.name == name:
                return k
        raise self.unknown(f"the name {name!r}")

    def in_folder(self, folder: str) -> Kind:
        for k in self.all:
            if k.folder == folder:
                return k
        raise self.unknown(f"the folder {folder!r}")

    def plus(self, *kinds: Kind) -> "Kinds":
        """These kinds and more (a site's own kinds after the standard ones)."""
        return Kinds(self.all + tuple(kinds))


def standard_kinds() -> Kinds:
    """The three kinds of the content contract (docs/content-model.md)."""
    # Imported here: these modules read the Site, which carries its Kinds.
    from . import entries, export, item_pages, meta, news, search_records, urls
    from . import labels as L
    from .model import Announcement, Proposal, Response
    from .site import proposal_path_problems

    return Kinds((
        Kind(name="proposal", label=L.KIND.label("proposal"), folder="proposals", model=Proposal,
             read=entries.read_proposal, url=urls.proposal, template="proposal.html", page=item_pages.proposal_page,
             date=_submitted, search_record=search_records.proposal_record, index_code="TA",
             export=Export(record=export.proposal_record, columns=tuple(export.PROPOSAL_CSV),
                           about="全部提案，含状态、标记、办理过程和答复", about_csv="提案一览表（Excel 可直接打开）",
                           about_sheet="提案一览表（Excel、WPS、LibreOffice）", sheet="提案",
                           schema="proposals.schema.json", row=export.proposal_csv_row),
             feed_items=news.proposal_items, metadata=meta.proposal_metadata, share_facts=meta.proposal_facts,
             dates=meta.proposal_dates, index_parts=meta.proposal_index_parts, digest=_story,
             listed=_has_number, path_id=_proposal_path_id, path_problems=proposal_path_problems, history=True,
             identity=_keys("year", "number"), aliases=entries.PROPOSAL_ALIASES,
             year=search_records.proposal_year,
             id_from=("number", "年度和提案号组合", "Year and number")),
        Kind(name="response", label=L.KIND.label("response"), folder="responses", model=Response,
             read=entries.read_response, url=urls.response, template="response.html", page=item_pages.response_page,
             date=_dated, search_record=search_records.response_record, index_code="DF",
             export=Export(record=export.response_record, columns=tuple(export.RESPONSE_CSV), about="全部答复",
                           about_csv="答复一览表", about_sheet="答复一览表（电子表格）", sheet="答复",
                           schema="responses.schema.json"),
             # no feed items of its own: a reply is news as its proposal's step (news.proposal_items)
             metadata=meta.response_metadata, share_facts=meta.response_facts, dates=meta.response_dates,
             index_parts=meta.response_index_parts, digest=_response_digest, history=True,
             identity=_keys("proposal", "unit", "date"), aliases=entries.RESPONSE_ALIASES, label_en="reply",
             body_required=True, year=search_records.response_year),
        Kind(name="announcement", label=L.KIND.label("announcement"), folder="announcements", model=Announcement,
             read=entries.read_announcement, url=urls.announcement, template="announcement.html",
             page=item_pages.announcement_page, date=_dated, search_record=search_records.announcement_record,
             index_code="GG",
             export=Export(record=export.announcement_record, columns=tuple(export.ANNOUNCEMENT_CSV), about="全部公告",
                           about_csv="公告一览表", about_sheet="公告一览表（电子表格）", sheet="公告",
                           schema="announcements.schema.json"),
             feed_items=news.announcement_items, metadata=meta.announcement_metadata,
             share_facts=meta.announcement_facts, dates=meta.announcement_dates, digest=_announcement_digest,
             aliases=entries.ANNOUNCEMENT_ALIASES),
    ))


def _keys(*names: str) -> Callable:
    """An identity made of these front-matter values, as written (None when one is missing or 未知:
    two proposals whose numbers are both unknown are not one proposal)."""
    from .fields import is_unknown

    def identity(meta: dict):
        values = tuple("" if meta.get(n) is None else str(meta.get(n)).strip() for n in names)
        return values if all(values) and not any(is_unknown(v) for v in values) else None
    return identity


def _submitted(p) -> dt.date | None:
    return p.submitted


def _dated(entry) -> dt.date | None:
    return entry.date


def _has_number(p) -> bool:
    return bool(p.key_part and p.year)


def _story(digests, p) -> str:
    return digests.story(p.id)


def _response_digest(digests, x) -> str:
    return digests.response(x)


def _announcement_digest(digests, a) -> str:
    return digests.announcement(a)


def _proposal_path_id(path: str) -> str:
    """proposals/2026/0001.md → 2026-0001 (the id an unreadable proposal file would have had)."""
    parts = path[:-len(path.rsplit(".", 1)[-1]) - 1].split("/")
    return f"{parts[1]}-{parts[2]}" if len(parts) == 3 else "/".join(parts[1:])
