"""What subscribers see as news: one item per lifecycle step and per announcement.

Each item's id is derived from what it is (proposal id + step), never from its
position or the site's address, so it stays the same across builds and edits.
`updated` moves only when that item's own source changed: an edited reply
(explicit `updated:` key or a later git commit of its file) shows as updated.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass, field
from html import escape
from operator import attrgetter

from . import attachments, commitments, follow_ups
from . import labels as L
from . import urls
from .display import attachment_facts, proposers_text, response_title
from .lifecycle import reply_is_late
from .render import paragraphs, public_html
from .clock import TIMEZONE

NAMESPACE = uuid.UUID("6f1c7a52-3f0e-5d2a-9a57-0c4b8e2d1a10")


@dataclass
class NewsItem:
    id: str
    title: str
    url: str  # site-relative
    published: dt.datetime
    updated: dt.datetime
    make_html: object  # () -> str, called only for feeds actually written
    kind: str  # a labels.STEP key, or "announcement"
    proposal_id: str = ""
    units: list = field(default_factory=list)  # unit slugs this item concerns
    category: str = ""  # category slug
    enclosures: list = field(default_factory=list)  # (site-relative url, bytes, media type) of its attachments
    entry: object = field(default=None, repr=False, compare=False)  # the entry whose kind made it (all_items)

    @property
    def html(self) -> str:
        return self.make_html()


_NAMESPACE = NAMESPACE.bytes


def stable_id(body: str, *parts: str) -> str:
    """uuid.uuid5(NAMESPACE, "body|part|…") as a urn, without building a UUID object (~28,000
    ids a build; tests/unit/test_stable_id.py compares it with uuid.uuid5)."""
    h = bytearray(hashlib.sha1(_NAMESPACE + "|".join([body, *parts]).encode("utf-8")).digest()[:16])
    h[6] = (h[6] & 0x0F) | 0x50  # version 5
    h[8] = (h[8] & 0x3F) | 0x80  # RFC 4122 variant
    x = h.hex()
    return f"urn:uuid:{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


STAGES = list(L.STEP.labels)  # a step's stage orders steps of one day: 立案 before 交办 before 答复


def stamped(date: dt.date, kind: str = "", key: str = "") -> dt.datetime:
    """When a feed says a step happened: the content knows only its day.

    Noon in China, so the day is the same in UTC and in most readers' zones (midnight
    showed the day before); plus a minute per lifecycle stage, so a reader keeps the
    steps of one day in order (交办 after 立案); plus a second from the step's own key, so
    two replies of one day do not tie. Never from a position: a step inserted before
    others moves none of them.
    """
    stage = STAGES.index(kind) + 1 if kind in STAGES else 0
    second = int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 60 if key else 0
    return dt.datetime(date.year, date.month, date.day, 12, stage, second, tzinfo=TIMEZONE)


def _step_title(step, p) -> str:
    if step.kind == "submitted":
        return f"新提案：{p.title}"
    if step.kind == "review":
        return f"{L.REVIEW.label(p.review)}：{p.title}"
    if step.kind == "assigned":
        return f"交办{'、'.join(u.label for u in p.lead_units)}办理：{p.title}"
    if step.kind == "feedback":
        return f"{step.label}：{p.title}"
    if step.kind == "closed":
        return f"办结：{p.title}"
    return f"{step.label}：{p.title}"


def _revised(site, x, history) -> dt.datetime | None:
    """When a reply was last edited after it was first published, if we can know."""
    times = []
    if x.updated:
        times.append(stamped(x.updated, "reply", x.id))
    h = history.get(x.path)
    if h and len(h.commits) > 1:
        times.append(h.last)
    return max(times) if times else None


def proposal_items(site, p, history=None) -> list[NewsItem]:
    history = history or {}
    life = site.life(p.id)
    body = site.vocab.body
    units = [u.slug for u in p.units]
    category = p.category.slug if p.category else ""
    items = []
    for step in life.timeline:
        x = site.responses[step.ref] if step.kind == "reply" else None
        shown = x.public_date if x else step.date  # a reply is news when it is published
        if shown > site.build_date:
            continue
        published = stamped(shown, step.kind, step.key)
        updated = published
        if step.kind == "reply":
            x = site.responses[step.ref]
            title = response_title(x, p)
            url = urls.response(x)
            late_due = life.due if reply_is_late(p, life, x) else None
            html = lambda x=x, step=step, late_due=late_due: _reply_html(x, step, late_due, site.renders)  # noqa: E731
            revised = _revised(site, x, history)
            item_units = [x.unit.slug]
            if revised and revised > updated:
                updated = revised
        else:
            title = _step_title(step, p)
            url = urls.proposal(p)
            html = lambda p=p, step=step: _step_html(site, p, step)  # noqa: E731
            item_units = units
        owner = (x, urls.response(x)) if x else ((p, urls.proposal(p)) if step.kind == "submitted" else None)
        attached = enclosures(*owner) if owner else []
        if attached:
            html = lambda html=html, owner=owner: html() + attachment_links(*owner)  # noqa: E731
        items.append(NewsItem(id=stable_id(body, "proposal", p.id, step.key), title=title, url=url,
                              published=published, updated=updated, make_html=html, kind=step.kind,
                              proposal_id=p.id, units=item_units, category=category, enclosures=attached))
    return items + _overdue_items(site, p, life, units, category) + commitment_items(site, p)


def _overdue_items(site, p, life, units, category) -> list[NewsItem]:
    """逾期未答复 is news on the first day past the deadline, for as long as it stays so: a
    subscriber learns that the answer is late (the feed's key crosses that date: as_of.news_key)."""
    if "overdue" not in life.flags:
        return []
    day = life.due + dt.timedelta(days=1)
    pending = "、".join(u.label for u in life.pending_units)
    html = f"<p>{escape(L.STEP.label('due'))}（{life.due.isoformat()}）已过，{escape(pending)}尚未答复。</p>"
    when = stamped(day, "due", "overdue")
    return [NewsItem(id=stable_id(site.vocab.body, "proposal", p.id, f"overdue-{life.due.isoformat()}"),
                     title=f"{L.FLAGS.label('overdue')}：{p.title}", url=urls.proposal(p), published=when,
                     updated=when, make_html=lambda: html, kind="due", proposal_id=p.id,
                     units=[u.slug for u in life.pending_units] or units, category=category)]


def commitment_items(site, p) -> list[NewsItem]:
    """One item per update of a public commitment; its id says which proposal, reply, commitment
    (a hash of its words) and day, so an update added before another changes no other id."""
    items = []
    category = p.category.slug if p.category else ""
    for c in commitments.of_proposal(site, p.id):
        for u in c.updates:
            key = f"commitment-{c.key}-{u.date.isoformat()}"
            published = stamped(u.date, "commitment", key)
            items.append(NewsItem(
                id=stable_id(site.vocab.body, "commitment", p.id, c.reply.id, c.commitment.key, u.date.isoformat()),
                title=f"承诺落实进展（{L.COMMITMENT_STATUS.label(u.status)}）：{p.title}",
                url=urls.proposal(p) + "#" + c.anchor, published=published, updated=published,
                make_html=lambda c=c, u=u: _commitment_html(site, c, u), kind="commitment",
                proposal_id=p.id, units=[c.reply.unit.slug], category=category))
    return items


def _commitment_html(site, c, u) -> str:
    parts = [f"<blockquote><p>{escape(c.commitment.text)}</p></blockquote>",
             f"<p>承诺出自{escape(c.reply.unit.name)} {c.reply.date.isoformat()} 的答复"
             + (f"，完成期限 {c.commitment.due.isoformat()}" if c.commitment.due else "") + "。</p>",
             f"<p>{u.date.isoformat()}：{escape(L.COMMITMENT_STATUS.label(u.status))}</p>"]
    if u.note:
        parts.append(paragraphs(u.note))
    for ev in u.evidence:
        href, words = commitments.evidence_link(site, ev)
        if ev.kind == "link":
            parts.append(f'<p>依据：<a href="{escape(href)}">{escape(words)}</a></p>')
        else:
            parts.append(f"<p>依据：{escape(words)}</p>")
    return "".join(parts)


# Feed HTML is built by hand: every value from a file (labels, names, 文号 …) is escaped here,
# and bodies come from render.public_html, already sanitised.
def _step_html(site, p, step) -> str:
    parts = [f"<p>{escape(step.label)}（{step.date.isoformat()}）</p>"]
    if step.kind == "submitted":  # every proposer, once (the timeline's step shortens a long list with 等)
        parts.append(f"<p>提案者：{escape(proposers_text(p))}</p>")
        parts.append(public_html(p, site.renders))
    elif step.detail:
        parts.append(paragraphs(step.detail))
    reviewed = follow_ups.by_event(site, p.id).get(step.event) if step.kind == "event" else None
    if reviewed and reviewed.reviewed:  # a 回头看 …: the public commitments it reviewed, quoted
        items = "".join(f"<li>{escape(c.commitment.text)}（{escape(c.reply.unit.name)}答复，目前状态："
                        f"{escape(c.status_label)}{'，已逾期' if c.overdue else ''}）</li>" for c in reviewed.reviewed)
        parts.append(f"<p>回顾的承诺：</p><ul>{items}</ul>")
    return "".join(parts)


def _reply_html(x, step, late_due=None, renders=None) -> str:
    head = paragraphs(step.detail)
    if late_due:  # the same 逾期答复 mark as the reply page (lifecycle.reply_is_late)
        head += f"<p>逾期答复（答复期限 {late_due.isoformat()}）</p>"
    if x.doc_no:
        head += f"<p>文号：{escape(x.doc_no)}</p>"
    return head + public_html(x, renders)


def announcement_item(site, a) -> NewsItem:
    published = stamped(a.date, key=a.id)
    updated = published
    head = f"<p>{L.ANNOUNCEMENT_KIND.label(a.notice_type)}</p>"
    if a.until:
        head += f"<p>公示截止：{a.until.isoformat()}</p>"
    return NewsItem(id=stable_id(site.vocab.body, "announcement", a.id),
                    title=f"{L.ANNOUNCEMENT_KIND.label(a.notice_type)}：{a.title}", url=urls.announcement(a),
                    published=published, updated=updated,
                    make_html=lambda: head + public_html(a, site.renders) + attachment_links(a, urls.announcement(a)),
                    kind="announcement", enclosures=enclosures(a, urls.announcement(a)))


def attachment_links(entry, entry_url: str) -> str:
    """The attachments as links in the item's HTML (an RSS item has room for one enclosure only)."""
    shown = attachments.published(entry)
    if not shown:
        return ""
    items = "".join(f'<li><a href="/{escape(urls.attachment(entry_url, a.name))}">{escape(a.title or a.name)}</a>'
                    f"（{escape(attachment_facts(attachments.type_label(a), a.bytes))}）</li>" for a in shown)
    return f"<p>附件：</p><ul>{items}</ul>"


def enclosures(entry, entry_url: str) -> list[tuple[str, int, str]]:
    """The attachments a feed item carries (attachments.published: never a withheld one)."""
    return [(urls.attachment(entry_url, a.name), a.bytes, attachments.media_type(a))
            for a in attachments.published(entry)]


def newest_first(items):
    """Newest update first, then newest published, then by id (a key made in C: 27,500 items a build)."""
    return sorted(items, key=_AGE, reverse=True)


_AGE = attrgetter("updated", "published", "id")


def announcement_items(site, a, history=None) -> list[NewsItem]:
    """An announcement is news from its date on (none before: a dated-ahead notice waits)."""
    return [announcement_item(site, a)] if a.date and a.date <= site.build_date else []


def all_items(site, history=None):
    """Every news item of the site: each kind's (kinds.Kind.feed_items), in the registry's order."""
    items = []
    for kind in site.kinds:
        if kind.feed_items is not None:
            for entry in site.entries_of(kind).values():
                for item in kind.feed_items(site, entry, history):
                    item.entry = entry  # a feed finds what the item is made from by it, not by its URL
                    items.append(item)
    return items
