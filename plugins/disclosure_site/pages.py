"""The list of pages the site has: item pages, listings and indexes.

Each PageSpec says which template renders which URL with which variables; the
generator only writes them. Listings are paginated and carry breadcrumbs.
"""
from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass, field
from functools import partial

from disclosure import labels as L
from disclosure import stats
from disclosure import summary
from disclosure import urls
from disclosure.as_of import AsOf, horizon
from disclosure.digest import ALWAYS, ITEM, LISTING, part, short
from disclosure.changes import SiteHistory
from disclosure.display import response_title
from disclosure.proposers import proposers_of
from disclosure.clock import TIMEZONE

HOME = ("首页", "")


@dataclass
class PageSpec:
    """One page: its URL, template and variables.

    `inputs` names what the page is made from (disclosure/digest.py: its entry's story, a
    listing's members, the date key, site.yaml, code); `deps` hashes exactly those: an
    incremental build reuses the previous file when it is unchanged; None means always render
    (and such a page may read anything). disclosure_site/inputs.py says which template names
    each input covers; tests/site/test_template_inputs.py holds templates to it.
    `lazy` variables are computed only when the page is actually rendered.
    `source` names what the page is made from, for errors (an item page's content file).
    """

    url: str
    template: str
    given: object = field(default_factory=dict)  # the variables, or a function that makes them (`vars`)
    deps: str | None = None
    lazy: dict = field(default_factory=dict)
    inputs: frozenset = ALWAYS
    parts: object = None  # the named inputs' short hashes (a dict, or a function that makes it), for `build.py explain`
    source: str = ""

    @property
    def vars(self) -> dict:
        """The template's variables: an item page's are made when first asked for (rendering it),
        not for each of 10,500 pages a rebuild reuses."""
        if callable(self.given):
            self.given = self.given()
        return self.given

    def named_parts(self) -> dict | None:
        """`parts`, made when a page is written (a reused page keeps the last build's)."""
        return self.parts() if callable(self.parts) else self.parts

    def made_from(self) -> str:
        """What makes this page, as an error names it: its content file, else its template and URL."""
        return f"{self.source}（{self.template}）" if self.source else f"{self.template}（/{self.url}）"


@dataclass
class Pager:
    number: int
    count: int
    base_url: str

    def url(self, n: int) -> str:
        return urls.page(self.base_url, n)

    @property
    def previous(self):
        return self.url(self.number - 1) if self.number > 1 else None

    @property
    def next(self):
        return self.url(self.number + 1) if self.number < self.count else None


def newest_first(proposals):
    return sorted(proposals, key=lambda p: (p.submitted or dt.date.min, p.year, p.number), reverse=True)


def paginate(url, template, items, per_page, item_digest=None, extra="", dated=None, first=None, **vars):
    """One PageSpec per page of `items` (at least one, so an empty listing still exists).

    With `item_digest` (item → hash) each page's deps cover its own items, its position
    and the listing's size, so one changed proposal re-renders only the pages that show it.
    `dated(page_items)` is the 数据截至 date the page shows (None: nothing on it depends on the date).
    `first` = (extra, dated, vars): what the first page shows besides its items (a unit's
    figures, over all of its proposals), hashed and dated on that page alone, so the other
    pages of the listing stay as they were when one of its proposals changes.
    """
    count = max(1, -(-len(items) // per_page))
    for n in range(1, count + 1):
        page_items = items[(n - 1) * per_page: n * per_page]
        page_extra, page_dated, page_vars = first if first is not None and n == 1 else (extra, dated, {})
        deps = parts = None
        if item_digest is not None:
            members = item_digest.many(page_items)
            deps = item_digest.of(url, template, n, count, len(items), page_extra, *members)
            parts = partial(_named_parts, members=members, page=(n, count, len(items)), listing=(url, page_extra))
        yield PageSpec(urls.page(url, n), template,
                       dict(vars, **page_vars, items=page_items, total=len(items), pager=Pager(n, count, url),
                            as_of=page_dated(page_items) if page_dated else None),
                       deps=deps, inputs=LISTING, parts=parts)


def _named_parts(**values) -> dict:
    """A listing page's named inputs, each hashed (members, page, listing), for `build.py explain`:
    made when the page is written (PageSpec.named_parts), not for each of ~2,000 listing pages a
    rebuild reuses."""
    return short({name: part(*value) for name, value in values.items()})


def crumbs(*trail):
    return [HOME, *trail]


class _ItemDigest:
    """Adapts Digests to paginate: called with an item (its entry is `entry_of(item)`), `.of()` for
    the page's own parts."""

    def __init__(self, digests, entry_of=None):
        self.digests, self.entry_of = digests, entry_of

    def __call__(self, item):
        return self.digests.entry(self.entry_of(item) if self.entry_of else item)

    def many(self, items) -> list[str]:
        """Each item's hash, in order (listings ask for ~45,000 members a build)."""
        return self.digests.entries(map(self.entry_of, items) if self.entry_of else items)

    def of(self, *parts):
        return self.digests.of(*parts)


def all_pages(site, per_page: int = 20, digests=None, history=None):
    """Every page of the site, in a stable order. `digests` (disclosure.digest.Digests) enables reuse."""
    proposals = newest_first(site.all_proposals)
    if history is None:
        history = SiteHistory(site.root, TIMEZONE, site.kinds.history_folders)  # one git pass per build; empty outside git
    clock = digests.as_of if digests else AsOf(site)
    yield PageSpec("", "home.html", dict(home_vars(site), page_title="", breadcrumbs=[]))
    yield from _item_pages(site, digests, history, clock)
    yield from _proposal_listings(site, proposals, per_page, digests, clock)
    yield from _announcement_listings(site, per_page, digests, clock)
    yield from _reply_listing(site, per_page, digests, clock)
    yield PageSpec("accessibility/", "accessibility.html",
                   {"page_title": "无障碍声明", "breadcrumbs": crumbs(("无障碍声明", None))})


def recent_steps(site, limit=None):
    """Timeline steps across all proposals, newest first: what changed lately."""
    today = site.build_date
    lives = site.lifecycles  # by proposal id, as site.proposals: no id made and looked up per proposal
    order = lambda sp: (sp[0].date, sp[1].id, sp[0].key)  # noqa: E731
    last = dt.date.min
    if limit:
        # Only steps dated on or after the `limit`-th newest date can be among the newest `limit` by
        # any key that starts with the date: the others are not made into rows at all.
        dates = heapq.nlargest(limit, [s.date for life in lives.values() for s in life.timeline if s.date <= today])
        if len(dates) == limit:
            last = dates[-1]
    steps = [(step, p) for pid, p in site.proposals.items() for step in lives[pid].timeline
             if last <= step.date <= today]
    if limit:  # the same as sorting all those steps and taking the first (heapq's documented equivalence)
        return heapq.nlargest(limit, steps, key=order)
    steps.sort(key=order, reverse=True)
    return steps


def status_counts(site):
    counts = {s: 0 for s in L.STATUS.labels}
    for life in site.lifecycles.values():  # one per proposal (site.load_site)
        counts[life.status] += 1
    return counts


def overdue_proposals(site):
    """Exactly the overdue proposals (flag `overdue`), longest overdue first, as /stats/ lists them."""
    return [o.proposal for o in stats.figures(site, site.all_proposals).overdue]


def home_vars(site):
    announcements = sorted(site.all_announcements, key=lambda a: (a.date or dt.date.min, a.id), reverse=True)
    return {
        "counts": status_counts(site),
        "overdue": overdue_proposals(site),
        "recent_replies": summary.recent_replies(site, 5),
        "recent": recent_steps(site, 12),
        "announcements": announcements[:5],
    }


def _item_pages(site, digests, history, clock):
    """Each kind's item pages (kinds.Kind: URL, template, variables), kind by kind in load order."""
    def variables(kind, e):
        page = dict(kind.page(site, e))
        page["breadcrumbs"] = crumbs(*page.pop("trail"))
        page["as_of"] = clock.shown_as_of([e])
        return page

    for kind in site.kinds:
        for e in site.entries_of(kind).values():
            yield PageSpec(kind.url(e), kind.template, lambda kind=kind, e=e: variables(kind, e),
                           deps=digests.of(kind.name, digests.entry(e)) if digests else None,
                           lazy={"history": lambda e=e: history.of(e)} if kind.history else {},
                           inputs=ITEM, parts=(lambda e=e: digests.explained(e)) if digests else None, source=e.path)


def _group(proposals, key):
    groups = {}
    for p in proposals:
        for k in key(p):
            groups.setdefault(k, []).append(p)
    return groups


def _proposal_listings(site, proposals, per_page, digests, clock):
    v = site.vocab
    item_digest = _ItemDigest(digests) if digests else None
    status_of = lambda p: [site.life(p.id).status]  # noqa: E731
    listings = [
        ("proposals/", "全部提案", crumbs(("提案", None)), proposals, "", None),
    ]
    years = sorted({p.year for p in proposals}, reverse=True)
    by_year = _group(proposals, lambda p: [p.year])
    for y in years:
        listings.append((urls.year(y), f"{y}年提案", crumbs(("提案", "proposals/"), (f"{y}年", None)), by_year[y], "year", y))
    by_status = _group(proposals, status_of)
    by_cat = _group(proposals, lambda p: [p.category] if p.category else [])
    for t in v.categories:
        listings.append((urls.category(t), f"{t.name}类提案", crumbs(("按类别", "categories/"), (t.name, None)),
                         by_cat.get(t, []), "category", t))
    by_sector = _group(proposals, lambda p: [p.sector] if p.sector else [])
    for t in v.sectors:
        listings.append((urls.sector(t), f"{t.name}界别的提案", crumbs(("按界别", "sectors/"), (t.name, None)),
                         by_sector.get(t, []), "sector", t))
    by_unit = _group(proposals, lambda p: p.units)
    for u in v.units:
        listings.append((urls.unit(u), f"{u.name}承办的提案", crumbs(("承办单位", "units/"), (u.label, None)),
                         by_unit.get(u, []), "unit", u))
    # The whole list's first page offers the ways in that the menu has (by status, by year), so a
    # resident on a phone need not open the menu; its years are what its first page is made of too.
    browse = [("按状态", [(L.STATUS.label(s), urls.status(s)) for s in L.STATUS.labels]
               + [(L.FLAGS.label("overdue"), urls.overdue())]),
              ("按年度", [(f"{y}年", urls.year(y)) for y in years])]
    for url, title, trail, items, facet, value in listings:
        first = None
        if url == "proposals/":
            first = (part("browse", *years), clock.shown_as_of, {"browse": browse})
        if facet == "unit":
            # A unit's first page also shows its figures, which depend on all of its proposals
            # (their stories, and the date when one of them shows a day count).
            first = (part(*(digests.story(p.id) for p in items)) if digests else "",
                     lambda _, shown=clock.shown_as_of(items): shown, {"unit_stats": stats.unit_figures(site, value)})
        yield from paginate(url, "listing.html", items, per_page, item_digest, "", clock.shown_as_of, first,
                            page_title=title, breadcrumbs=trail,
                            facet=facet, facet_value=value,
                            feed_url=urls.feed(url) if facet in ("", "unit", "category") else None,
                            rss_url=urls.feed(url, "rss") if facet in ("", "unit", "category") else None,
                            **({"json_url": urls.json_twin(url)} if facet == "unit" else {}))
    blocks = number_blocks(proposals, per_page)
    for s in L.STATUS.labels:
        yield from _status_listing(s, by_status.get(s, []), blocks, per_page, digests, clock)
    overdue = overdue_proposals(site)
    yield from paginate(urls.overdue(), "listing.html", overdue, per_page, item_digest, "overdue", clock.shown_as_of,
                        page_title="逾期未答复的提案", facet="overdue", facet_value=None,
                        facet_help=next(d for k, _, d in stats.DEFINITIONS if k == "overdue"),
                        breadcrumbs=crumbs(("按状态", "status/"), (L.FLAGS.label("overdue"), None)))
    yield PageSpec("years/", "index.html", {"page_title": "按年度", "breadcrumbs": crumbs(("按年度", None)),
                                            "groups": [(f"{y}年", urls.year(y), len(by_year[y])) for y in years]})
    yield PageSpec("status/", "index.html", {"page_title": "按办理状态", "breadcrumbs": crumbs(("按状态", None)),
                                             "groups": [(L.STATUS.label(s), urls.status(s), len(by_status.get(s, [])))
                                                        for s in L.STATUS.labels]
                                             + [(L.FLAGS.label("overdue"), urls.overdue(), len(overdue))]})
    yield PageSpec("categories/", "index.html", {"page_title": "按提案类别", "breadcrumbs": crumbs(("按类别", None)),
                                                 "groups": [(t.name, urls.category(t), len(by_cat.get(t, [])))
                                                            for t in v.categories]})
    yield PageSpec("sectors/", "index.html", {"page_title": "按界别", "breadcrumbs": crumbs(("按界别", None)),
                                              "groups": [(t.name, urls.sector(t), len(by_sector.get(t, [])))
                                                         for t in v.sectors]})
    people = proposers_of(site)
    for x in people:
        extra = part("proposer", x.name) if digests else ""
        yield from paginate(urls.proposer(x), "listing.html", x.proposals, per_page, item_digest, extra, clock.shown_as_of,
                            page_title=f"{x.name}的提案", breadcrumbs=crumbs(("提案者", urls.proposers()), (x.name, None)),
                            facet="proposer", facet_value=x,
                            facet_help="每件提案的办理状态、承办单位、答复类别和提案者评价。", feed_url=None)
    yield PageSpec(urls.proposers(), "index.html", {"page_title": "提案者", "breadcrumbs": crumbs(("提案者", None)),
                                                    "groups": [(x.name, urls.proposer(x), len(x.proposals))
                                                               for x in people]})
    yield PageSpec("units/", "index.html", {"page_title": "承办单位", "breadcrumbs": crumbs(("承办单位", None)),
                                            "groups": [(u.name, urls.unit(u), len(by_unit.get(u, [])))
                                                       for u in v.units]})


def _number_key(p):
    """A proposal's place among its year's numbers: 0012 before 0100, a number 未知 (its file name) last."""
    n = p.number or ""
    return (0, int(n), n) if n.isdigit() else (1, 0, p.key_part)


def number_blocks(proposals, size: int) -> dict:
    """id → (place, first, last): each year's proposals in number order, cut into blocks of `size`
    (place: the block's place in its year; first and last: its numbers). A block stays the same while its year only gains
    later numbers, whatever the statuses of its proposals."""
    by_year = _group(proposals, lambda p: [p.year])
    out = {}
    for year, members in by_year.items():
        members = sorted(members, key=_number_key)
        for k in range(0, len(members), size):
            block = members[k:k + size]
            for p in block:
                out[p.id] = (k // size, block[0].key_part, block[-1].key_part)
    return out


def _status_listing(s, items, blocks, per_page, digests, clock):
    """A status's proposals: status/<s>/ shows the newest and the years; status/<s>/<year>/ the
    year's blocks of numbers; each block its own page (urls.status_block).

    Not one listing paged from the newest: the newest proposal answered would move every
    proposal of 已交办 and 已答复 a place, re-making every page of both (~76 at N = 5,000);
    split by blocks of the year's numbers, it re-makes its own block's page in each, and the
    pages that count them (the status's, the year's)."""
    label = L.STATUS.label(s)
    item_digest = _ItemDigest(digests) if digests else None
    top, trail = urls.status(s), [("按状态", "status/"), (label, urls.status(s))]
    by_year = _group(items, lambda p: [p.year])
    years = sorted(by_year, key=lambda y: (y is not None, y or 0), reverse=True)
    sections = [(f"{y}年", urls.status_year(s, y), len(by_year[y])) for y in years]
    newest = items[:per_page]

    def deps(url, *parts, members=()):
        """The page's hash and its named parts (build.py explain): its members' stories, its own variables."""
        if not digests:
            return {}
        shown = item_digest.many(members)
        return dict(deps=item_digest.of(url, "listing.html", *parts, *shown),
                    parts=partial(_named_parts, members=shown, listing=(url, *parts)))

    yield PageSpec(top, "listing.html",
                   dict(page_title=f"{label}的提案", breadcrumbs=crumbs(trail[0], (label, None)), items=newest,
                        total=len(items), pager=None, facet="status", facet_value=s, feed_url=None,
                        sections=sections, sections_title="按年度查看全部", as_of=clock.shown_as_of(newest)),
                   **deps(top, len(items), repr(sections), members=newest), inputs=LISTING)
    for y in years:
        in_year = {}
        for p in by_year[y]:
            in_year.setdefault(blocks[p.id], []).append(p)
        keys = sorted(in_year, reverse=True)  # the latest numbers first, as the listing goes
        named = [(f"第{first}号" if first == last else f"第{first}–{last}号", urls.status_block(s, y, first, last), len(in_year[b]))
                 for b in keys for _, first, last in [b]]
        url, year_label = urls.status_year(s, y), f"{y}年"
        yield PageSpec(url, "listing.html",
                       dict(page_title=f"{year_label}{label}的提案", breadcrumbs=crumbs(*trail, (year_label, None)),
                            items=[], total=len(by_year[y]), pager=None, facet="status", facet_value=s,
                            feed_url=None, sections=named, sections_title="按提案号查看", as_of=None),
                       **deps(url, len(by_year[y]), repr(named)), inputs=LISTING)
        for k, (name, block_url, _) in enumerate(named):
            members = in_year[keys[k]]
            nav = {"newer": named[k - 1][:2] if k else None,
                   "older": named[k + 1][:2] if k + 1 < len(named) else None, "up": (year_label, url)}
            yield PageSpec(block_url, "listing.html",
                           dict(page_title=f"{year_label}{name}{label}的提案",
                                breadcrumbs=crumbs(*trail, (year_label, url), (name, None)),
                                items=members, total=len(members), pager=None, facet="status", facet_value=s,
                                feed_url=None, block_nav=nav, as_of=clock.shown_as_of(members)),
                           **deps(block_url, repr(nav), members=members), inputs=LISTING)


@dataclass
class ReplyRow:
    """One line of the replies listing: the reply, its proposal and the title it is listed by."""
    reply: object
    proposal: object

    @property
    def title(self) -> str:
        """Made when a page shows the row (a rebuild reuses nearly every month's pages)."""
        return response_title(self.reply, self.proposal)


def _reply_listing(site, per_page, digests, clock):
    """The newest replies (replies/), and every reply by the month of its date (replies/YYYY/MM/).

    Month pages rather than one listing paged from the newest: a new reply then changes its
    month's pages and replies/, not every page after it (a listing of 5,000 replies has 250)."""
    proposals, today = site.proposals, site.build_date
    rows = [ReplyRow(x, proposals.get(x.proposal_id)) for x in site.all_responses if x.date and x.date <= today]
    rows.sort(key=lambda r: (r.reply.date, r.reply.id), reverse=True)
    by_month = {}
    for r in rows:
        by_month.setdefault((r.reply.date.year, r.reply.date.month), []).append(r)
    keys = list(by_month)  # newest first
    months = [(f"{y}年{m}月", urls.replies_month(y, m), len(by_month[y, m])) for y, m in keys]
    feeds = dict(feed_url=urls.feed(urls.replies()), rss_url=urls.feed(urls.replies(), "rss"))
    newest = rows[:per_page]
    yield PageSpec(urls.replies(), "replies.html",  # counts every month: made every build
                   dict(page_title="最新答复", breadcrumbs=crumbs(("答复", None)), items=newest, total=len(rows),
                        pager=None, months=months, as_of=clock.shown_as_of([r.reply for r in newest]), **feeds))
    item_digest = _ItemDigest(digests, lambda row: row.reply) if digests else None
    dated = {}  # (year, month) → the dates of its replies, those not yet listed too
    for x in site.all_responses:
        if x.date:
            dated.setdefault((x.date.year, x.date.month), set()).add(x.date)
    for k, (label, url, _) in enumerate(months):
        newer, older = months[k - 1] if k else None, months[k + 1] if k + 1 < len(months) else None
        nav = {"newer": newer[:2] if newer else None, "older": older[:2] if older else None}
        # Replies are listed from their date on: the month's horizon says when its next one comes
        # (a new month's page changes its neighbours' links, hashed with them).
        extra = part(horizon(dated[keys[k]], site.build_date), repr(nav)) if digests else ""
        yield from paginate(url, "replies.html", by_month[keys[k]], per_page, item_digest,
                            extra, lambda page: clock.shown_as_of([r.reply for r in page]),
                            page_title=f"{label}的答复", breadcrumbs=crumbs(("答复", urls.replies()), (label, None)),
                            month_nav=nav, **feeds)


def _announcement_listings(site, per_page, digests, clock):
    item_digest = _ItemDigest(digests) if digests else None
    items = sorted(site.all_announcements, key=lambda a: (a.date or dt.date.min, a.id), reverse=True)
    yield from paginate("announcements/", "announcements.html", items, per_page, item_digest,
                        dated=clock.shown_as_of, page_title="社区公告",
                        breadcrumbs=crumbs(("公告", None)), kinds=list(L.ANNOUNCEMENT_KIND.labels),
                        feed_url=urls.feed("announcements/"), rss_url=urls.feed("announcements/", "rss"))
    for kind in L.ANNOUNCEMENT_KIND.labels:
        label = L.ANNOUNCEMENT_KIND.label(kind)
        yield from paginate(urls.announcement_kind(kind), "announcements.html",
                            [a for a in items if a.notice_type == kind], per_page, item_digest,
                            dated=clock.shown_as_of, page_title=label,
                            breadcrumbs=crumbs(("公告", "announcements/"), (label, None)),
                            kinds=list(L.ANNOUNCEMENT_KIND.labels), current_kind=kind)
