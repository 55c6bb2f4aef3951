"""The Pelican generator that reads the content folder through the core and writes pages."""
from __future__ import annotations

import logging
from pathlib import Path

from pelican.generators import Generator

from disclosure.site import build_date, load_site
from disclosure import urls

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


class DisclosureGenerator(Generator):
    def generate_context(self):
        self.site = site_for(self.context, self.path)
        helpers.install(self.env, self.settings, self.site)
        self.pages = list(all_pages(self.site, self.settings.get("DISCLOSURE_PER_PAGE", 20)))

    def generate_output(self, writer):
        for page in self.pages:
            writer.write_file(urls.output_file(page.url), self.get_template(page.template.removesuffix(".html")),
                              self.context, page_url=page.url, **page.vars)
