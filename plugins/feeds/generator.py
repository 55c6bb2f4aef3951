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


def feed_specs(site, items, limit=None):
    """(page url, title, items, group) for every feed the site offers; items grouped in one pass.
    A site-wide feed holds its newest `limit` items (all when None): the rest are not looked at."""
    v = site.vocab
    by_unit, by_category, by_proposal = {}, {}, {}
    for i in items:
        for slug in i.units:
            by_unit.setdefault(slug, []).append(i)
        by_category.setdefault(i.category, []).append(i)
        by_proposal.setdefault(i.proposal_id, []).append(i)
    specs = [("", f"{v.title}：全站动态", items[:limit], "site"),
             ("proposals/", f"{v.title}：提案办理动态", list(islice((i for i in items if i.proposal_id), limit)), "site"),
             (urls.replies(), f"{v.title}：最新答复", list(islice((i for i in items if i.kind == "reply"), limit)), "site"),
             ("announcements/", f"{v.title}：社区公告",
              list(islice((i for i in items if i.kind == "announcement"), limit)), "site")]
    for u in v.units:
        specs.append((urls.unit(u), f"{u.name}：提案办理动态", by_unit.get(u.slug, []), "unit"))
    for t in v.categories:
        specs.append((urls.category(t), f"{t.name}类提案动态", by_category.get(t.slug, []), "category"))
    for p in site.all_proposals:
        specs.append((urls.proposal(p), f"{proposal_ref(p)}提案：{p.title}",
                      by_proposal.get(p.id, []), "proposal"))
    return specs


def item_stories(site, digests):
    """item → the hash of what the news item is made from: its proposal's story, or its own entry's
    (an announcement's: the entry whose kinds.Kind.feed_items made it; its URL may carry an #anchor)."""
    if not digests:
        return lambda item: None
    return lambda item: digests.news(site.proposals[item.proposal_id]) if item.proposal_id else digests.news(item.entry)


class FeedsGenerator(SiteGenerator):

    def generate_output(self, writer):
        site = self.site
        base = self.base_url
        history = site_history(self.context).files
        outputs, digests = outputs_of(writer), digests_for(self.context)
        # Feeds pick their items from kept facts; items are made only for feeds written (picks.py).
        made = NewsItems(site, history, digests, cache_of(self.context).memo("news"))
        items = news.newest_first(made.picks())
        limit = self.settings.get("DISCLOSURE_FEED_MAX_ITEMS", 100)
        fallback = news.stamped(site.build_date)
        listed, todo, feed_parts = [], [], {}
        story = item_stories(site, digests)
        for page_url, title, feed_items, group in feed_specs(site, items, limit):
            if group != "proposal":
                feed_items = feed_items[:limit]
            # A feed shows its items and nothing else that the salt and the date do not cover.
            # (a legacy proposal whose every date is unknown (未知) has no dated step: an empty feed)
            stories = [story(i) for i in feed_items[:1 if group == "proposal" else None]]
            for kind in ("atom", "rss"):
                path = urls.feed(page_url, kind)
                # A site-wide feed picks its items by date (picks.py): its horizon says
                # when the next one appears; a proposal's feed has it in the proposal's story.
                picks = digests.horizon() if digests and group != "proposal" else ""
                deps = digests.of("feed", kind, page_url, picks, *stories) if digests and feed_items else None
                source = f"{title}（{kind} feed）"
                todo.append((path, source, deps, (kind, feed_items, title, page_url, path)))
                if deps:
                    feed_parts[path] = (stories, picks)
            if group != "proposal":
                listed.append((group, title, page_url, urls.feed(page_url, "atom"), urls.feed(page_url, "rss")))

        def write(job):
            kind, feed_items, title, page_url, path = job
            # Readers list both feeds of a page by title: the RSS one says so.
            return render_feed(kind, feed_items, title=title if kind == "atom" else f"{title}（RSS）", page_url=page_url, feed_path=path, base=base,
                               feed_id=news.stable_id(site.vocab.body, "feed", page_url or "all"),
                               author=site.vocab.body or site.vocab.title, description=title,
                               fallback_date=fallback)

        todo = [(path, source, deps, (kind, made.full(picked), *rest))
                for path, source, deps, (kind, picked, *rest) in outputs.reuse_all(todo)]
        feed_parts = {path: short({"items": part(*feed_parts[path][0]), "picked by date": feed_parts[path][1]})
                      for path, _, deps, _ in todo if deps}
        outputs.write_all(write, todo, claimed=True, parts=feed_parts)  # on every core (gongkai_build/writer.py)
        writer.write_file("feeds/index.html", self.get_template("subscribe"), self.context,
                          page_title="订阅更新", breadcrumbs=crumbs(("订阅", None)), feeds=listed,
                          feed_base=base, page_url="feeds/")
