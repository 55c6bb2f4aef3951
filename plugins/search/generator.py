"""Writes the search page (/search/) and the Pagefind index of every item page, one bundle per year (/pagefind/<year>/)."""
from __future__ import annotations

import logging
import time
from functools import partial
from pathlib import Path

from pelican.generators import Generator

from disclosure import labels as L
from disclosure import urls
from disclosure_site import helpers
from disclosure_site.generator import bodies_rendered, digests_for, site_for, when_rendered
from gongkai_build import background
from gongkai_build.incremental import cache_of
from gongkai_build.pending import pending_dir
from gongkai_build.writer import outputs_of
from disclosure_site.pages import crumbs

from .bundles import OTHER, grouped, index_files, page_count
from .indexer import build_bundles
from .kept_corpus import FOLDER as KEPT_FOLDER, KeptCorpus, may_keep
from .own_ascii import read_own_ascii
from .pairs import FOLDER as PAIR_FOLDER, read_pairs, shard_files
from .records import all_items, filter_choices, item_digest
from .suggestions import suggestion_names

log = logging.getLogger(__name__)


FILTER_LABELS = (("kind", "类型"), ("status", "办理状态"), ("category", "类别"), ("unit", "承办单位"), ("year", "年度"))


class SearchGenerator(Generator):
    """Starts the index as soon as every body is rendered, before the page plans are made; it is built
    while the other generators plan and write."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        when_rendered(self.context, self.start)  # Pelican makes every generator before any generate_context

    def generate_context(self):
        bodies_rendered(self.context, self.path)  # started already, unless no generator rendered the bodies

    def start(self):
        """Reuse each unchanged bundle, and start the background job that indexes the others."""
        self.site = site = site_for(self.context, self.path)
        helpers.install(self.env, self.settings, self.site)
        self.started = time.perf_counter()
        output = Path(self.output_path)
        cache, digests = cache_of(self.context), digests_for(self.context)
        # Items are put in bundles by date alone; a bundle whose items' stories are unchanged is
        # reused without making its records (reading and tokenising ~10,000 bodies).
        self.groups = grouped(all_items(site)) or [(OTHER, [])]  # an empty site still gets a (empty) bundle
        self.todo, self.reused = [], []
        for group, items in self.groups:
            rel = urls.search_bundle(group)
            made_from = [item_digest(digests, i) for i in items] if digests else None
            deps = digests.of("search", group, *(f"{i.kind}:{d}" for i, d in zip(items, made_from))) \
                if digests else None
            if deps and cache.reuse_tree(rel, deps):
                self.reused.append(group)
            else:
                keys = [digests.of("search record", i.kind, d) if may_keep(i.entry) else None
                        for i, d in zip(items, made_from)] if digests else [None] * len(items)
                self.todo.append((group, items, rel, deps, keys))
        # A re-indexed bundle's unchanged records are written from the files kept by the last build
        # that indexed it (kept_corpus.py): only the changed ones are made and tokenised.
        cache_dir = getattr(cache, "cache_dir", None)
        self.kept = KeptCorpus(cache_dir / KEPT_FOLDER if cache_dir else None, getattr(cache, "salt", ""),
                               pending_dir(cache_dir) / KEPT_FOLDER if cache_dir else None)
        self.kept.keep_only(group for group, _ in self.groups)
        cache.keep_with(self.kept)  # its rewritten stores take their place once the site is live
        # Pagefind runs in the background while the other generators write (plugins/gongkai_build/background.py);
        # the records are made there too, a bundle at a time, just before they are indexed.
        self.job = background.start(build_bundles, [(partial(self.kept.files, group, [
            (key, partial(item.record, site)) for item, key in zip(items, keys)]), output / rel,
            partial(self.kept.write, group)) for group, items, rel, _, keys in self.todo]) if self.todo else None

    def generate_output(self, writer):
        site, groups, todo = self.site, self.groups, self.todo
        output = Path(self.output_path)
        outputs = outputs_of(writer)
        outputs.check()  # two outputs on one path (the other generators ran): name them, not what they did to the index
        if self.job is not None:
            self.job.wait()
        for group in self.reused:
            outputs.tree(urls.search_bundle(group), None, f"搜索索引 search index {group}", reused=True)
        for group, _, rel, deps, _ in todo:
            outputs.tree(rel, deps, f"搜索索引 search index {group}", reused=False)
        log.info("search: %d bundles (%s) indexed (%d records from the kept corpus), %d reused, ready %.1f s after"
                 " the content was loaded", len(todo), " ".join(f"{g}:{len(r)}" for g, r, *_ in todo) or "-",
                 self.kept.kept, len(self.reused), time.perf_counter() - self.started)
        url = self.env.globals["url"]
        bundles = [{"path": url(urls.search_bundle(group)), "pages": page_count(output / urls.search_bundle(group)),
                    **index_files(output / urls.search_bundle(group)),
                    "own": read_own_ascii(output / urls.search_bundle(group))} for group, _ in groups]
        pairs = self.write_pair_shards(outputs, [(b["meta"], output / urls.search_bundle(g)) for b, (g, _) in
                                                 zip(bundles, groups)])
        choices = filter_choices(site)
        writer.write_file(urls.output_file(urls.search()), self.get_template("search"), self.context,
                          page_url=urls.search(), page_title="搜索", breadcrumbs=crumbs(("搜索", None)),
                          page_description=f"在{site.vocab.title}中搜索提案、答复和公告的全文。",
                          filters=[(key, label, choices[key]) for key, label in FILTER_LABELS],
                          pagefind_js=urls.search_bundle(groups[0][0]) + "pagefind.js", search_bundles=bundles,
                          search_pairs=pairs,
                          search_names=suggestion_names(site, url),
                          # a result past its record's `due` is late on the build date (lifecycle.awaited_by)
                          search_as_of={"date": site.build_date.isoformat(), "overdue": L.FLAGS.label("overdue")})

    def write_pair_shards(self, outputs, bundles) -> dict | None:
        """The shards of which bundles hold each pair of adjacent words (pairs.py), written under
        search/pairs/<digest>/, beside the search page; what the page needs to read them ({path,
        shards}), or None when a bundle's pairs are unknown."""
        made = shard_files([(meta, read_pairs(folder)) for meta, folder in bundles])
        if made is None:
            return None
        digest, count, files = made
        rel = f"{urls.search()}{PAIR_FOLDER}/{digest}/"
        for name, data in files.items():
            outputs.write(rel + name, data, "搜索索引 search index pairs")
        return {"path": self.env.globals["url"](rel), "shards": count}
