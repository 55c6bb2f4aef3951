"""Writes every feed and the subscribe page (/feeds/)."""
from __future__ import annotations

from itertools import islice

from disclosure import news, urls
from disclosure.digest import part, short
from disclosure.display import proposal_ref
from disclosure_site.generator import SiteGenerator, digests_for, site_history
from gongkai_build.incremental import cache_of
from gongkai_build.writer import outputs_of
from disclosure_site.pages import crumbs

from .picks import NewsItems
from .writer import render_feed


def feed_pages(site) -> list[tuple[str, str, str, str | None]]:
    """(page url, title, group, the unit's or category's slug or the proposal's id) of every feed
    the site offers, in order: what feed_specs gives items to, and what a kept plan is laid on."""
    v = site.vocab
    return [("", f"{v.title}：全站动态", "site", None),
            ("proposals/", f"{v.title}：提案办理动态", "site", None),
            (urls.replies(), f"{v.title}：最新答复", "site", None),
            ("announcements/", f"{v.title}：社区公告", "site", None),
            *((urls.unit(u), f"{u.name}：提案办理动态", "unit", u.slug) for u in v.units),
            *((urls.category(t), f"{t.name}类提案动态", "category", t.slug) for t in v.categories),
            *((urls.proposal(p), f"{proposal_ref(p)}提案：{p.title}", "proposal", p.id) for p in site.all_proposals)]


def feed_specs(site, items, limit=None, pages=None):
    """(page url, title, items, group) for every feed the site offers (`pages`: feed_pages, if the
    caller has them); items grouped in one pass. A site-wide feed holds its newest `limit` items
    (all when None): the rest are not looked at."""
    by = {"unit": {}, "category": {}, "proposal": {}}
    by_unit, by_category, by_proposal = by["unit"], by["category"], by["proposal"]
    for i in items:
        for slug in i.units:
            by_unit.setdefault(slug, []).append(i)
        by_category.setdefault(i.category, []).append(i)
        by_proposal.setdefault(i.proposal_id, []).append(i)
    site_wide = {"": items[:limit], "proposals/": list(islice((i for i in items if i.proposal_id), limit)),
                 urls.replies(): list(islice((i for i in items if i.kind == "reply"), limit)),
                 "announcements/": list(islice((i for i in items if i.kind == "announcement"), limit))}
    return [(page_url, title, site_wide[page_url] if group == "site" else by[group].get(key, []), group)
            for page_url, title, group, key in (pages if pages is not None else feed_pages(site))]


def item_stories(site, digests):
    """item → the hash of what the news item is made from: its proposal's story, or its own entry's
    (an announcement's: the entry whose kinds.Kind.feed_items made it; its URL may carry an #anchor)."""
    if not digests:
        return lambda item: None
    return lambda item: digests.news(site.proposals[item.proposal_id]) if item.proposal_id else digests.news(item.entry)


def site_horizon(site, digests, cache) -> str:
    """digests.horizon() (every record's dates from the build date on: what the site-wide feeds
    pick by), with the dates of every record public in full kept as one set (`site dates`) by a
    key over every file's path and hash and site.yaml's (with code and settings: digests.of). The
    next day takes the set whole instead of asking ~10,500 records for theirs; each record's own
    dates (memo `dates`, as_of.py) then stay kept for the next build that changes a file. A
    purging build asks every record (nothing of a record no longer public is kept)."""
    memo = cache.memo("site dates")  # loaded always: a purging build saves it without a value
    if getattr(cache, "purging", True):
        return digests.horizon()
    key = digests.of("site dates", *(part for item in site.digests.items() for part in item))  # path, hash, …
    found = key in memo.old
    horizon = digests.horizon((memo, key))
    if found:
        cache.memo("dates").keep_old()
    return horizon


def plan_key(site, digests, limit) -> str:
    """What every feed's fingerprint is made from, as one hash: each entry's news (Digests.news,
    in the registry's order: its items' facts, and a proposal's story), the horizon the site-wide
    feeds pick by, how many items they hold, and (digests.of) code, settings and site.yaml. The
    same key, the same fingerprints: a kept plan gives them without picking a single item."""
    news_of = digests.news
    return digests.of("feed plan", limit, digests.horizon(),
                      *(news_of(e) for kind in site.kinds if kind.feed_items is not None
                        for e in site.entries_of(kind).values()))


class FeedsGenerator(SiteGenerator):

    def generate_output(self, writer):
        site = self.site
        outputs, digests = outputs_of(writer), digests_for(self.context)
        cache = cache_of(self.context)
        limit = self.settings.get("DISCLOSURE_FEED_MAX_ITEMS", 100)
        pages = feed_pages(site)
        # Each feed's fingerprint, in the order of `pages` (atom, rss), kept by plan_key: the next day
        # (or a rebuild that changed no entry's news) lays them on the pages without picking any item
        # (~0.2 s at N = 5,000). Hashes only (a feed with no items: None): no word of an entry.
        plans = cache.memo("feed plans")
        if digests:
            site_horizon(site, digests, cache)  # digests.horizon() from now on
        key = plan_key(site, digests, limit) if digests and not getattr(cache, "purging", True) else None
        plan = plans.old.get(key) if key else None
        if plan is not None and len(plan) == 2 * len(pages):
            plans.get(key, None)  # kept for the next build
            jobs = [(urls.feed(page_url, kind), f"{title}（{kind} feed）", deps, (kind, None, title, page_url))
                    for (page_url, title, _group, _key), fps in zip(pages, zip(plan[::2], plan[1::2]))
                    for kind, deps in zip(("atom", "rss"), fps)]
            todo = outputs.reuse_all(jobs)
            if any(deps for _, _, deps, _ in todo):  # a kept feed damaged or gone: its items are picked
                self._write(outputs, *self._feeds(pages, limit, only={path for path, *_ in todo}), claimed=True)
            else:  # feeds with no items (no fingerprint): nothing to pick
                self._write(outputs, [(path, source, deps, (kind, [], title, page_url, path))
                                      for path, source, deps, (kind, _, title, page_url) in todo], claimed=True)
        else:
            todo, feed_parts = self._feeds(pages, limit)
            if key:
                plans.keep(key, tuple(deps for _, _, deps, _ in todo))
            todo = outputs.reuse_all(todo)
            self._write(outputs, todo, feed_parts, claimed=True)
        listed = [(group, title, page_url, urls.feed(page_url, "atom"), urls.feed(page_url, "rss"))
                  for page_url, title, group, _key in pages if group != "proposal"]
        writer.write_file("feeds/index.html", self.get_template("subscribe"), self.context,
                          page_title="订阅更新", breadcrumbs=crumbs(("订阅", None)), feeds=listed,
                          feed_base=self.base_url, page_url="feeds/")

    def _feeds(self, pages, limit, only=None):
        """Every feed as a job (path, source, its fingerprint, (kind, its picked items, title, page
        url, path)), in the order of `pages`, and the named inputs of each fingerprint; `only`: the
        jobs of these paths alone."""
        site = self.site
        history = site_history(self.context).files
        digests = digests_for(self.context)
        # Feeds pick their items from kept facts; items are made only for feeds written (picks.py).
        made = NewsItems(site, history, digests, cache_of(self.context).memo("news"))
        items = news.newest_first(made.picks())
        todo, feed_parts = [], {}
        story = item_stories(site, digests)
        for page_url, title, feed_items, group in feed_specs(site, items, limit, pages):
            if group != "proposal":
                feed_items = feed_items[:limit]
            # A feed shows its items and nothing else that the salt and the date do not cover.
            # (a legacy proposal whose every date is unknown (未知) has no dated step: an empty feed)
            stories = [story(i) for i in feed_items[:1 if group == "proposal" else None]]
            for kind in ("atom", "rss"):
                path = urls.feed(page_url, kind)
                if only is not None and path not in only:
                    continue
                # A site-wide feed picks its items by date (picks.py): its horizon says
                # when the next one appears; a proposal's feed has it in the proposal's story.
                picks = digests.horizon() if digests and group != "proposal" else ""
                deps = digests.of("feed", kind, page_url, picks, *stories) if digests and feed_items else None
                source = f"{title}（{kind} feed）"
                todo.append((path, source, deps, (kind, feed_items, title, page_url, path)))
                if deps:
                    feed_parts[path] = (stories, picks)
        self._made = made
        return todo, feed_parts

    def _write(self, outputs, todo, feed_parts=None, claimed=False):
        """Write the feeds of `todo` (claimed: reuse_all's), their items made from their picks when
        `feed_parts` is given (the jobs of _feeds), on every core (gongkai_build/writer.py)."""
        site, base = self.site, self.base_url
        fallback = news.stamped(site.build_date)
        if feed_parts is not None:
            todo = [(path, source, deps, (kind, self._made.full(picked), *rest))
                    for path, source, deps, (kind, picked, *rest) in todo]
            parts = {path: short({"items": part(*feed_parts[path][0]), "picked by date": feed_parts[path][1]})
                     for path, _, deps, _ in todo if deps}
        else:
            parts = None

        def write(job):
            kind, feed_items, title, page_url, path = job
            # Readers list both feeds of a page by title: the RSS one says so.
            return render_feed(kind, feed_items, title=title if kind == "atom" else f"{title}（RSS）", page_url=page_url, feed_path=path, base=base,
                               feed_id=news.stable_id(site.vocab.body, "feed", page_url or "all"),
                               author=site.vocab.body or site.vocab.title, description=title,
                               fallback_date=fallback)

        outputs.write_all(write, todo, claimed=claimed, parts=parts)
