"""The disclosure metadata block of an item page, as on government disclosure pages.

索引号, 发布机构, 文号, 公开属性, 主题分类, 体裁分类 and 发布日期 are decided here, once,
for pages and share cards alike (国办发〔2017〕47号 asks every disclosure page for them).

索引号 pattern (`index_pattern` in site.yaml), a Python format string whose only
fields are:

    {prefix}  index_prefix from site.yaml (e.g. a 统一社会信用代码 or 组织机构代码)
    {year}    the item's year (a proposal's year; a reply's or notice's folder year)
    {kind}    TA 提案, DF 答复, GG 公告 (each kind's index_code, kinds.py)
    {key}     the item's own name within its year: 0110, 0110-fgw, low-carbon-2023
    {number}  the proposal number (a reply's proposal's number; a notice's key)
    {unit}    a reply's unit slug (empty for proposals and notices)
    {hash}    8 hex digits derived from the item's id

Format specs are allowed, e.g. `{number:0>5}` pads to five digits. Every field is
derived from the item's id, never from its position, so a number stays the same
when files are added. The default is `{year}-{kind}-{key}`, or
`{prefix}-{year}-{kind}-{key}` when index_prefix is set.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import string
from dataclasses import dataclass

from . import commitments
from . import labels as L
from .display import proposal_ref, proposers_text
from .problems import Problem
from .render import excerpt

FIELDS = ("prefix", "year", "kind", "key", "number", "unit", "hash")
DEFAULT_PATTERN = "{year}-{kind}-{key}"
DEFAULT_PATTERN_WITH_PREFIX = "{prefix}-{year}-{kind}-{key}"
ICP_URL = "https://beian.miit.gov.cn/"
POLICE_RECORD_URL = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"

# Sample values to try a pattern on before any build uses it.
_SAMPLES = [
    dict(prefix="000000", year=2023, kind="TA", key="0110", number="0110", unit="", hash="0A1B2C3D"),
    dict(prefix="000000", year=2023, kind="DF", key="0110-fgw", number="0110", unit="fgw", hash="0A1B2C3D"),
    dict(prefix="000000", year=2023, kind="GG", key="notice", number="notice", unit="", hash="0A1B2C3D"),
]


@dataclass(frozen=True)
class MetaRow:
    label: str
    value: str
    date: dt.date | None = None  # shown in a <time> when set


@dataclass(frozen=True)
class Metadata:
    index_no: str
    publisher: str
    doc_no: str
    disclosure: str
    topic: str
    genre: str
    published: dt.date | None

    def rows(self) -> list[MetaRow]:
        """Label/value pairs in the order disclosure pages use; empty ones are left out."""
        rows = [MetaRow("索引号", self.index_no), MetaRow("发布机构", self.publisher),
                MetaRow("文号", self.doc_no), MetaRow("公开属性", self.disclosure),
                MetaRow("主题分类", self.topic), MetaRow("体裁分类", self.genre),
                MetaRow("发布日期", "", self.published)]
        return [r for r in rows if r.value or r.date]


def pattern_problem(pattern: str) -> str | None:
    """Why an index_pattern cannot be used (in English), or None when it is fine."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None]
    except ValueError as exc:
        return f"not a valid pattern: {exc}"
    unknown = [f for f in fields if f not in FIELDS]
    if unknown:
        return f"unknown field {{{unknown[0]}}}"
    if not fields:
        return "the pattern has no field, so every item would get the same number"
    for sample in _SAMPLES:
        try:
            pattern.format_map(sample)
        except (ValueError, TypeError) as exc:
            return f"a format spec does not fit: {exc}"
    return None


def pattern_of(settings: dict) -> str:
    pattern = settings.get("index_pattern") or ""
    if pattern and pattern_problem(pattern) is None:
        return pattern
    return DEFAULT_PATTERN_WITH_PREFIX if settings.get("index_prefix") else DEFAULT_PATTERN


def _year_and_key(entry_id: str, date: dt.date | None) -> tuple[int | str, str]:
    """A path id (2023/0110-fgw) → (2023, "0110-fgw"); ids without a year folder use the date."""
    head, _, rest = entry_id.partition("/")
    if rest and re.fullmatch(r"\d{4}", head):
        return int(head), rest.replace("/", "-")
    return (date.year if date else ""), entry_id.replace("/", "-")


def proposal_index_parts(p) -> tuple:
    return p.year, p.key_part, p.key_part, ""


def response_index_parts(x) -> tuple:
    year, key = _year_and_key(x.id, x.date)
    _, _, number = x.proposal_id.partition("-")
    return year, key, number, x.unit.slug if x.unit else ""


def index_fields(entry, settings: dict, kind) -> dict:
    """The pattern's fields for one entry of `kind` (kinds.Kind)."""
    digest = hashlib.sha1(f"{kind.name}:{entry.id}".encode("utf-8")).hexdigest()[:8].upper()
    if kind.index_parts is not None:
        year, key, number, unit = kind.index_parts(entry)
    else:  # a path id, its year folder (or date) and its name: a notice's number is its key
        year, key = _year_and_key(entry.id, kind.date(entry))
        number, unit = key, ""
    return dict(prefix=settings.get("index_prefix") or "", year=year, kind=kind.index_code, key=key,
                number=number, unit=unit, hash=digest)


def index_number(entry, settings: dict, kinds=None) -> str:
    """The item's 索引号 from the site's pattern; stable across builds. `kinds`: the site's
    registry (site.kinds; the standard kinds when None)."""
    if kinds is None:
        from .kinds import standard_kinds
        kinds = standard_kinds()
    return index_number_of(entry, settings, kinds.of(entry))


def index_number_of(entry, settings: dict, kind) -> str:
    """index_number of an entry of `kind` (kinds.Kind): its file, site.yaml and its kind alone
    decide it, so checked.py works it out with the file's other checks and a build keeps it."""
    fields = index_fields(entry, settings, kind)
    try:
        return pattern_of(settings).format_map(fields)
    except (ValueError, TypeError):  # e.g. {year:04d} on an item whose year is unknown
        return DEFAULT_PATTERN.format_map(fields)


def site_index_number(site, entry) -> str:
    """The entry's 索引号 as load_site found it with the file's checks (site.index_numbers), else worked out."""
    return site.index_numbers.get(entry.path) or index_number(entry, site.vocab.settings, site.kinds)


def publisher(vocab) -> str:
    return vocab.settings.get("publisher") or vocab.body


def metadata(site, entry) -> Metadata:
    """The metadata block of an item page, by its kind (kinds.Kind.metadata, else the plain one:
    the site's publisher, the kind's name as 体裁分类, the kind's date)."""
    kind = site.kinds.of(entry)
    if kind.metadata is not None:
        return kind.metadata(site, entry)
    vocab = site.vocab
    return Metadata(site_index_number(site, entry), publisher(vocab), "",
                    L.DISCLOSURE.label(entry.disclosure), "", kind.label, kind.date(entry))


def proposal_metadata(site, entry) -> Metadata:
    vocab = site.vocab
    topic = entry.category.name if entry.category else ""
    return Metadata(site_index_number(site, entry), publisher(vocab), "",
                    L.DISCLOSURE.label(entry.disclosure), topic, L.KIND.label("proposal"), entry.submitted)


def response_metadata(site, entry) -> Metadata:
    vocab = site.vocab
    p = site.proposals.get(entry.proposal_id)
    topic = p.category.name if p and p.category else ""
    genre = f"{L.KIND.label('response')}（{L.ROLE.label(entry.role)}）"
    return Metadata(site_index_number(site, entry),
                    entry.issuer or (entry.unit.name if entry.unit else publisher(vocab)),
                    entry.doc_no, L.DISCLOSURE.label(entry.disclosure), topic, genre, entry.public_date)


def announcement_metadata(site, entry) -> Metadata:
    vocab = site.vocab
    topics = []
    for pid in entry.related:
        p = site.proposals.get(pid)
        if p and p.category and p.category.name not in topics:
            topics.append(p.category.name)
    return Metadata(site_index_number(site, entry), entry.issuer or publisher(vocab),
                    getattr(entry, "doc_no", "") or "",
                    L.DISCLOSURE.label(entry.disclosure), "、".join(topics),
                    f"{L.KIND.label('announcement')}（{L.ANNOUNCEMENT_KIND.label(entry.notice_type)}）", entry.date)


def index_problems(site) -> list[Problem]:
    """Two items with one 索引号 (a pattern that leaves out {key} or {unit}) is a site.yaml mistake."""
    seen: dict[str, str] = {}
    out = []
    for entry in site.all_entries():
        number = site_index_number(site, entry)
        if number in seen:
            out.append(Problem("site.yaml", key="index_pattern", value=number,
                               zh=f"索引号重复：{seen[number]} 与 {entry.path} 都是「{number}」。"
                                  "请在 index_pattern 中使用 {key}（或 {unit}）使每一项唯一。",
                               en=f"Duplicate 索引号: {seen[number]} and {entry.path} are both '{number}'. "
                                  "Use {key} (or {unit}) in index_pattern so every item is unique."))
        else:
            seen[number] = entry.path
    return out


def share_description(site, entry, length: int = 120) -> str:
    """One line for a share card: the facts first, then the public text (never withheld text)."""
    kind = site.kinds.of(entry)
    facts = kind.share_facts(site, entry) if kind.share_facts is not None else [kind.label]
    head = " · ".join(f for f in facts if f) + "。"
    return head + excerpt(entry, max(20, length - len(head)), site.renders)


def proposal_facts(site, entry) -> list[str]:
    """Number, status and its flags as the page's badges say them (逾期未答复: a shared link tells
    that the answer is late), proposers."""
    life = site.life(entry.id)
    return [f"{proposal_ref(entry)}提案", L.STATUS.label(life.status), *(L.FLAGS.label(f) for f in life.flags),
            "提案者：" + proposers_text(entry)]


def response_facts(site, entry) -> list[str]:
    facts = [f"{entry.unit.name if entry.unit else ''}{L.ROLE.label(entry.role)}答复"]
    if entry.result:
        facts.append(f"{entry.result.code}类：{entry.result.label}")
    return facts


def announcement_facts(site, entry) -> list[str]:
    facts = [L.ANNOUNCEMENT_KIND.label(entry.notice_type)]
    if entry.region:
        facts.append(entry.region)
    return facts


def site_identity(vocab) -> list[tuple[str, str, str]]:
    """The footer's (label, value, link) lines from site.yaml; a fact that is not set is not shown."""
    s = vocab.settings
    rows = [("主办单位", s.get("organiser") or "", ""), ("发布机构", s.get("publisher") or "", ""),
            ("地址", s.get("address") or "", ""), ("电话", s.get("phone") or "", ""),
            ("电子邮箱", s.get("email") or "", f"mailto:{s['email']}" if s.get("email") else ""),
            ("联系方式", s.get("contact") or "", ""), ("网站标识码", s.get("website_code") or "", "")]
    if s.get("icp"):
        rows.append(("ICP备案号", s["icp"], s.get("icp_url") or ICP_URL))
    if s.get("police_record"):
        digits = "".join(re.findall(r"\d+", s["police_record"]))
        link = s.get("police_record_url") or (POLICE_RECORD_URL.format(code=digits) if digits else "")
        rows.append(("公安备案号", s["police_record"], link))
    return [r for r in rows if r[1]]


def last_changed(site, entry) -> dt.date | None:
    """The last dated change an item's page shows, up to the build date (sitemap lastmod)."""
    kind = site.kinds.of(entry)
    dates = kind.dates(site, entry) if kind.dates is not None else [kind.date(entry)]
    dates = [d for d in dates if d and d <= site.build_date]
    return max(dates) if dates else None


def proposal_dates(site, entry) -> list:
    dates = [s.date for s in site.life(entry.id).timeline]
    dates += [x.updated for x in site.responses_for(entry.id) if x.updated]
    dates += [a.date for a in site.related_announcements(entry.id) if a.date]
    dates += [u.date for c in commitments.of_proposal(site, entry.id) for u in c.updates]  # 落实情况
    return dates


def response_dates(site, entry) -> list:
    dates = [entry.date, entry.updated]
    p = site.proposals.get(entry.proposal_id)
    if p:
        dates += [f.date for f in p.feedback]
        dates += [x.date for x in site.responses_for(p.id) if x.supersedes == entry.id]
    return dates


def announcement_dates(site, entry) -> list:
    return [entry.date] + [c.since for c in commitments.citing(site, entry.id) if c.since]  # 本公告作为依据的承诺
