"""The Pelican generator that reads the content folder through the core and writes pages."""
from __future__ import annotations

import logging
from pathlib import Path

from pelican.generators import Generator

from disclosure.site import build_date, load_site
from disclosure import urls
from disclosure.changes import SiteHistory
from disclosure.digest import Digests
from disclosure.site import TIMEZONE
from incremental import cache_of

from . import helpers
from .pages import all_pages

log = logging.getLogger(__name__)


class ContentError(Exception):
    """Raised when the content has errors; its text is the full bilingual report."""

    exitcode = 1

    def __init__(self, report):
        super().__init__(report.format())
        self.report = report


def site_for(context, path):
    """Load the Site once per build and share it with every plugin through the context."""
    if "disclosure_site" not in context:
        site = context.get("DISCLOSURE_PRELOADED_SITE")  # build.py already loaded, checked and reported it
        if site is None or Path(site.root).resolve() != Path(path).resolve():
            site = load_site(path, today=build_date())
            for problem in site.report.warnings:
                log.warning(problem.format())
        if not site.report.ok:
            raise ContentError(site.report)
        context["disclosure_site"] = site
    return context["disclosure_site"]


def digests_for(context):
    """Page hashes for incremental builds, shared by every plugin (None for plain `pelican`)."""
    if "disclosure_digests" not in context:
        digests = None
        if context.get("DISCLOSURE_BUILD_CACHE") is not None:
            site = context["disclosure_site"]
            digests = Digests(site, context.get("DISCLOSURE_SALT", ""), site_history(context).files)
        context["disclosure_digests"] = digests
    return context["disclosure_digests"]


def site_history(context):
    """The content's git history, read once per build."""
    if "disclosure_history" not in context:
        site = context["disclosure_site"]
        context["disclosure_history"] = SiteHistory(site.root, TIMEZONE)
    return context["disclosure_history"]


class DisclosureGenerator(Generator):
    def generate_context(self):
        self.site = site_for(self.context, self.path)
        helpers.install(self.env, self.settings, self.site)
        self.pages = list(all_pages(self.site, self.settings.get("DISCLOSURE_PER_PAGE", 20),
                                    digests_for(self.context), site_history(self.context)))

    def generate_output(self, writer):
        cache = cache_of(self.context)
        for page in self.pages:
            name = urls.output_file(page.url)
            if cache.reuse(name, page.deps):
                continue
            extra = {key: make() for key, make in page.lazy.items()}
            writer.write_file(name, self.get_template(page.template.removesuffix(".html")),
                              self.context, page_url=page.url, **page.vars, **extra)
            cache.record(name, page.deps)
