"""Writes the search page (/search/) and the Pagefind index (/pagefind/) of every item page."""
from __future__ import annotations

import logging
import time
from pathlib import Path

from pelican.generators import Generator

from disclosure import urls
from disclosure_site import helpers
from disclosure_site.generator import digests_for, site_for
from incremental import cache_of
from disclosure_site.pages import crumbs

from .indexer import build_index
from .records import all_records, filter_choices

log = logging.getLogger(__name__)


def records_digest(record) -> str:
    """Everything a record puts in the index (the bundle is reused only if all are unchanged)."""
    return repr((record.url, record.kind, record.fields, sorted(record.meta.items()),
                 sorted((k, list(v)) for k, v in record.filters.items()), record.date))

# Pagefind also writes its ready-made UIs; the site uses its own (search.js), so they go.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")

FILTER_LABELS = (("kind", "类型"), ("status", "办理状态"), ("category", "类别"), ("unit", "承办单位"), ("year", "年度"))


class SearchGenerator(Generator):
    def generate_context(self):
        self.site = site_for(self.context, self.path)
        helpers.install(self.env, self.settings, self.site)

    def generate_output(self, writer):
        site = self.site
        started = time.perf_counter()
        bundle = Path(self.output_path) / urls.search_bundle()
        records = list(all_records(site))
        cache, digests = cache_of(self.context), digests_for(self.context)
        deps = digests.of("search", *(records_digest(r) for r in records)) if digests else None
        if deps and cache.reuse_tree(urls.search_bundle(), deps):
            log.info("search: index unchanged, reused")
        else:
            count = build_index(records, bundle)
            for name in UNUSED:
                (bundle / name).unlink(missing_ok=True)
            if deps:
                cache.record_tree(urls.search_bundle(), deps)
            log.info("search: indexed %d pages in %.1f s", count, time.perf_counter() - started)
        choices = filter_choices(site)
        writer.write_file(urls.output_file(urls.search()), self.get_template("search"), self.context,
                          page_url=urls.search(), page_title="搜索", breadcrumbs=crumbs(("搜索", None)),
                          page_description=f"在{site.vocab.title}中搜索提案、答复和公告的全文。",
                          filters=[(key, label, choices[key]) for key, label in FILTER_LABELS],
                          pagefind_js=urls.search_bundle() + "pagefind.js")
