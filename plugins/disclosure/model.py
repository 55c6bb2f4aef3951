"""Typed records of the content model: one field per key, one record per file."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    """A category or a sector (界别) from site.yaml."""

    name: str
    slug: str


@dataclass(frozen=True)
class Unit:
    """A handling unit (承办单位)."""

    name: str
    slug: str
    short: str = ""

    @property
    def label(self) -> str:
        return self.short or self.name


@dataclass(frozen=True)
class ResultCode:
    code: str
    label: str
    adopted: bool = False


@dataclass
class Vocabulary:
    """The local vocabulary from site.yaml."""

    body: str = ""
    level: str = "district"
    site_title: str = ""
    description: str = ""
    categories: list[Term] = field(default_factory=list)
    sectors: list[Term] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    result_codes: list[ResultCode] = field(default_factory=list)
    reply_days: int = 90
    settings: dict = field(default_factory=dict)  # optional site facts (footer, contact …)
    _lookups: dict = field(default_factory=dict, repr=False, compare=False)

    def _find(self, items, value, *attrs):
        """The first of `items` with any of `attrs` equal to value (a table, made once per list:
        ~20,000 lookups a load)."""
        value = (value or "").strip()
        if not value:
            return None
        made = self._lookups.get(attrs + (id(items),))
        if made is None or made[0] is not items or made[1] != len(items):
            table: dict = {}
            for item in items:
                for a in attrs:
                    if getattr(item, a):
                        table.setdefault(getattr(item, a), item)
            made = self._lookups[attrs + (id(items),)] = (items, len(items), table)
        return made[2].get(value)

    def category(self, value):
        return self._find(self.categories, value, "name", "slug")

    def sector(self, value):
        return self._find(self.sectors, value, "name", "slug")

    def unit(self, value):
        return self._find(self.units, value, "name", "short", "slug")

    def result(self, value):
        found = self._find(self.result_codes, value, "code", "label")
        if found is None and value:
            found = self._find(self.result_codes, value.upper(), "code")
        return found

    @property
    def title(self) -> str:
        return self.site_title or f"{self.body}提案公开"


@dataclass
class Feedback:
    date: dt.date
    satisfaction: str
    unit: Unit | None = None
    note: str = ""


@dataclass
class Event:
    """A dated step staff record on a proposal (办前协商, 督办调研, 回头看 …). A follow-up
    (回头看, 督办调研, 办理情况评估) names the reply commitments it reviews (follow_ups.py)."""

    date: dt.date
    label: str
    note: str = ""
    reviews: list[int] = field(default_factory=list)  # numbers of the reply's commitments, from 1
    reviews_all: bool = False  # `reviews: 全部`: every commitment of the reply (or of every reply)
    reply: str = ""  # which reply, as typed (a unit's name, short name or slug, or a reply id)
    number: int = 0  # its place in `events:` (events[number]), for messages
    lines: dict = field(default_factory=dict)  # "date", "reviews", "reply", "reviews[2]" → line


@dataclass(frozen=True)
class Evidence:
    """What shows that a commitment update happened: an announcement, a web page or a file."""

    kind: str  # "announcement" (id), "link" (http(s) address) or "file" (path inside content/)
    target: str
    line: int | None = None  # the line it is typed on (a list's item: the item's own line)
    key: str = ""  # as check names it: commitments[1].updates[2].evidence, or …evidence[2] in a list


@dataclass
class CommitmentUpdate:
    """One dated step of a commitment's progress (进展)."""

    date: dt.date
    status: str  # a key of labels.COMMITMENT_STATUS
    note: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    line: int | None = None


@dataclass
class Commitment:
    """A promise a reply makes (承诺), in the letter's words, followed by its updates."""

    text: str
    due: dt.date | None = None
    updates: list[CommitmentUpdate] = field(default_factory=list)
    line: int | None = None

    @property
    def key(self) -> str:
        """Its identity within the reply: a hash of its words (reordering the list moves nothing)."""
        return hashlib.sha1(" ".join(self.text.split()).encode("utf-8")).hexdigest()[:12]


@dataclass
class Attachment:
    """A file an entry lists under `attachments:` (附件), published unchanged beside its page.

    `file` is the path inside the content folder once checked (disclosure/attachments.py);
    `kind`, `bytes`, `digest` and `text` are facts of the file's bytes, filled by that check.
    """

    written: str  # the path as typed (from the entry's folder, or from the content folder)
    title: str = ""
    public: bool = False  # published even when its entry is withheld or summary only
    line: int | None = None
    file: str = ""
    kind: str = ""  # a key of attachments.TYPES (pdf, docx, xlsx, png, jpeg)
    bytes: int = 0
    digest: str = ""
    text: str = ""  # the text a search finds it by ("" for an image or a scan)

    @property
    def name(self) -> str:
        return self.file.rsplit("/", 1)[-1] if self.file else self.written.replace("\\", "/").rsplit("/", 1)[-1]


class EntryId:
    """An entry's id, made from its fields each time it is asked for, until `seal` keeps it in the
    entry itself (the site's loader, once every entry's fields are read): ids are asked for
    ~600,000 times a build (0.4 µs made, 0.03 µs kept). A non-data descriptor, so an id set on the
    entry is found before it; `dataclasses.replace` makes an unsealed entry. Not a dataclass field:
    exports and the record walks (dataclasses.fields) do not see it."""

    def __init__(self, make):
        self.make = make
        self.__doc__ = make.__doc__

    def __get__(self, entry, owner=None):
        if entry is None:
            return self
        return self.make(entry)


def seal(entry) -> None:
    """Keep the entry's id in it (its fields are read and will not change again: site.load_site)."""
    if isinstance(getattr(type(entry), "id", None), EntryId):
        setattr(entry, "id", entry.id)  # EntryId has no __set__: the value is the entry's own attribute


@dataclass
class Entry:
    """What every item has: where it came from, its text and who may see it."""

    path: str  # relative to the content folder
    body: str = ""  # Markdown as written
    disclosure: str = "full"
    summary: str = ""
    unknown: set[str] = field(default_factory=set)  # keys the record does not give (written 未知)
    attachments: list[Attachment] = field(default_factory=list)  # 附件 (attachments.published decides which show)

    @property
    def kind(self) -> str:
        return type(self).__name__.lower()


@dataclass
class Proposal(Entry):
    number: str = ""
    year: int = 0
    term: int | None = None
    session: int | str | None = None
    title: str = ""
    proposers: list[str] = field(default_factory=list)
    proposer_type: str = ""
    sector: Term | None = None
    category: Term | None = None
    tags: list[str] = field(default_factory=list)
    submitted: dt.date | None = None
    review: str | None = None
    review_date: dt.date | None = None
    review_note: str = ""  # 审查意见: why not filed, merged or converted, as the office wrote it
    merged_into: str = ""
    handling: str | None = None
    lead_units: list[Unit] = field(default_factory=list)
    co_units: list[Unit] = field(default_factory=list)
    assigned: dt.date | None = None
    due_set: dt.date | None = None  # `due` as written; see lifecycle for the effective one
    key: bool = False
    supervisor: str = ""
    feedback: list[Feedback] = field(default_factory=list)
    closed: dt.date | None = None
    events: list[Event] = field(default_factory=list)
    file_key: str = ""  # the file name's stem: the id when the number is 未知

    @property
    def key_part(self) -> str:
        """What follows the year in the id and URL: the number, or the file name when unknown."""
        return self.number or self.file_key

    @EntryId
    def id(self) -> str:
        return f"{self.year}-{self.number or self.file_key}"  # key_part, inline

    @property
    def units(self) -> list[Unit]:
        return self.lead_units + [u for u in self.co_units if u not in self.lead_units]

    def role_of(self, unit: Unit) -> str | None:
        if unit in self.lead_units:
            return "split" if self.handling == "split" else "lead"
        if unit in self.co_units:
            return "co"
        return None


@dataclass
class Response(Entry):
    proposal_id: str = ""
    unit: Unit | None = None
    role: str = "lead"
    date: dt.date | None = None
    doc_no: str = ""
    result: ResultCode | None = None
    signer: str = ""
    contact: str = ""  # 联系人及电话 as shown: "张三 021-63000000"
    contact_person: str = ""
    contact_phone: str = ""  # digits, +, - and spaces only: what a tel: link may carry
    published: dt.date | None = None  # 发布日期, when it differs from the letter's date (签发日期)
    cc: list[str] = field(default_factory=list)  # 抄送 / 抄报
    issuer: str = ""  # 发文单位, when the letter comes from another body than the unit
    supersedes: str = ""  # id of the earlier response
    updated: dt.date | None = None  # 修改日期: when staff corrected a published reply
    title: str = ""  # optional; derived when empty
    commitments: list[Commitment] = field(default_factory=list)  # 承诺, see commitments.py

    @EntryId
    def id(self) -> str:
        """responses/2023/0110-fgw.md → 2023/0110-fgw"""
        path = self.path
        if path.startswith("responses/"):
            path = path[len("responses/"):]
        return path[:-3] if path.endswith(".md") else path

    @property
    def public_date(self) -> dt.date | None:
        """发布日期: when the public could read it (feeds, metadata), else the letter's date."""
        return self.published or self.date


@dataclass
class Announcement(Entry):
    title: str = ""
    date: dt.date | None = None
    notice_type: str = "news"  # front-matter key `kind` (公告类型: labels.ANNOUNCEMENT_KIND); Entry.kind is "announcement"
    opens: dt.date | None = None  # `from`: first day of a 公示's objection window
    until: dt.date | None = None
    objection: str = ""  # how to object during a 公示 (异议方式)
    issuer: str = ""  # 发布机构 when not the CPPCC body (a 住建局, a 生态环境局 …)
    region: str = ""
    related: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    @EntryId
    def id(self) -> str:
        path = self.path
        if path.startswith("announcements/"):
            path = path[len("announcements/"):]
        return path[:-3] if path.endswith(".md") else path
