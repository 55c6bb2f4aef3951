"""The Pelican generator that reads the content folder through the core and writes pages."""
from __future__ import annotations

import dataclasses
import logging
from functools import partial
from pathlib import Path

from pelican.generators import Generator

from disclosure.kinds import standard_kinds
from disclosure.site import load_site
from disclosure import urls
from disclosure.changes import SiteHistory
from disclosure.digest import Digests, short
from disclosure.clock import TIMEZONE, build_date
from gongkai_build.incremental import Packed, cache_of
from gongkai_build.parallel import map_all
from gongkai_build.writer import outputs_of
from gongkai_build.stores import RenderStore

from . import helpers
from .page_meta import public_base
from .pages import all_pages

log = logging.getLogger(__name__)


class ContentError(Exception):
    """Raised when the content has errors; its text is the full bilingual report."""

    exitcode = 1

    def __init__(self, report):
        super().__init__(report.format())
        self.report = report


def site_for(context, path):
    """Load the Site once per build and share it with every plugin through the context, with the
    build's store of rendered bodies (gongkai_build/stores.py; one for this run under plain `pelican`).

    DISCLOSURE_KINDS (a kinds.Kinds) are the content kinds it reads; the standard three when unset."""
    if "disclosure_site" not in context:
        renders = context.get("DISCLOSURE_RENDERS") or RenderStore()
        kinds = context.get("DISCLOSURE_KINDS") or standard_kinds()
        site = context.get("DISCLOSURE_PRELOADED_SITE")  # build.py already loaded, checked and reported it
        if site is None or Path(site.root).resolve() != Path(path).resolve() or site.kinds.names != kinds.names:
            site = load_site(path, today=build_date(), renders=renders, kinds=kinds)
            for problem in site.report.warnings:
                log.warning(problem.format())
        elif site.renders is not renders:
            site = dataclasses.replace(site, renders=renders)
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
            digests = Digests(site, context.get("DISCLOSURE_SALT", ""), site_history(context).files,
                              cache_of(context).memo("dates"), cache_of(context).memo("slugs"),
                              cache_of(context).memo("plans"), Packed(cache_of(context).memo("day hashes")))
            cache_of(context).common = short(digests.common())  # what every output hashes (build.py explain)
        context["disclosure_digests"] = digests
    return context["disclosure_digests"]


def site_history(context):
    """The content's git history, read once per build."""
    if "disclosure_history" not in context:
        site = context["disclosure_site"]
        context["disclosure_history"] = SiteHistory(site.root, TIMEZONE, site.kinds.history_folders)
    return context["disclosure_history"]


def prerender_bodies(site, kept=None):
    """Every public Markdown body, rendered once on all cores before any page, feed or index asks.

    `kept` (a Memo, gongkai_build/incremental.py): each body's store key (a SHA-1 of its text) kept
    between builds by its file's hash, so a rebuild hashes only new and edited bodies here (10,500
    bodies of ~5 KB took ~0.12 s). The same bytes give the same body (the text after the front
    matter; the memo's salt covers the code that splits it), and a kept key only says what to
    render ahead and keep: a page asks the store for its body's HTML by the body's own hash."""
    renders, hashes = site.renders, site.digests
    bodies, keys = [], []
    for e in site.all_entries():
        if e.disclosure != "full":
            continue
        body = e.body or ""
        digest = hashes.get(e.path) if kept is not None else None
        bodies.append(body)
        keys.append(kept.get("\0".join((renders.salt, e.path, digest, str(len(body)))), partial(renders.key, body))
                    if digest else None)
    renders.prerender(bodies, map_all, keys)


WAITING = "disclosure_waiting_for_bodies"  # context key: what starts once every body is rendered


def when_rendered(context, start) -> None:
    """Call `start()` as soon as every public body is rendered (bodies_rendered): a generator registers
    here when Pelican makes it, before any generator's generate_context (the search index starts
    before the page plans are made: it is the build's longest chain)."""
    context.setdefault(WAITING, []).append(start)


def bodies_rendered(context, path):
    """The build's Site with every public body rendered (prerender_bodies, once per build); then what
    waits for that (when_rendered) is started, in the order it registered. Nothing made on another
    thread may render a body itself: Python-Markdown's converter is not thread-safe."""
    site = site_for(context, path)
    if not context.get("disclosure_bodies_rendered"):
        prerender_bodies(site, cache_of(context).memo("body_keys")
                         if context.get("DISCLOSURE_BUILD_CACHE") is not None else None)
        context["disclosure_bodies_rendered"] = True
    while context.get(WAITING):
        context[WAITING].pop(0)()
    return site


def pages_for(context, settings):
    """Every page's spec, made once per build (the sitemap asks for them too)."""
    if "disclosure_pages" not in context:
        context["disclosure_pages"] = list(all_pages(context["disclosure_site"], settings.get("DISCLOSURE_PER_PAGE", 20),
                                                     digests_for(context), site_history(context)))
    return context["disclosure_pages"]


def render_with(template, variables: dict) -> str:
    """template.render(variables) where `variables` already holds the template's globals (later
    keys win, as in render): Jinja then takes the dict as it is instead of copying it and the
    globals once more for each of ~12,000 pages (~45 µs a page)."""
    try:
        return template.environment.concat(template.root_render_func(template.new_context(variables, shared=True)))
    except Exception:
        return template.environment.handle_exception()


class SiteGenerator(Generator):
    """Base of every Gongkai generator: the build's one Site, the template helpers, the public address."""

    def generate_context(self):
        self.site = site_for(self.context, self.path)
        helpers.install(self.env, self.settings, self.site)

    @property
    def base_url(self) -> str:
        return public_base(self.settings)


class DisclosureGenerator(SiteGenerator):
    def generate_context(self):
        super().generate_context()
        bodies_rendered(self.context, self.path)  # starts the search index (search/generator.py)
        self.pages = pages_for(self.context, self.settings)

    def generate_output(self, writer):
        outputs = outputs_of(writer)
        todo = outputs.reuse_all((rel, page.made_from(), page.deps, (rel, page))
                                 for page in self.pages for rel in [urls.output_file(page.url)])

        shared = {}  # template name → (template, its globals and the build's context, merged once)

        def render(job):
            """The page's HTML, with the variables Pelican's Writer.write_file gives a template."""
            rel, page = job
            extra = {key: make() for key, make in page.lazy.items()}
            name = page.template.removesuffix(".html")
            if name not in shared:
                template = self.get_template(name)
                shared[name] = template, {**template.globals, **self.context,
                                          "localsiteurl": self.context.get("localsiteurl")}
            template, common = shared[name]
            return render_with(template, {**common, "output_file": rel, "page_url": page.url, **page.vars, **extra})

        outputs.write_all(render, todo, claimed=True,  # on every core (plugins/gongkai_build/writer.py)
                          parts={rel: page.named_parts() for rel, _, _, (_, page) in todo if page.parts})
