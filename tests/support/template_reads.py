"""Record what each page's template reads, as Sphinx's note_dependency records what a document
touches: the test holds every read to the inputs its page declares (disclosure_site/inputs.py).

The real generator is set up in-process (the same Jinja environment, filters and globals as a
build), then every page is rendered with a Jinja context that notes each name it resolves from
the page's variables and the globals, and with `site` behind a proxy that notes each attribute
(`site.proposals` …). Jinja resolves a template's names when a scope starts, so a name counts
even on a page where its branch is not taken: the record is of what the template *can* read.
"""
from __future__ import annotations

from pathlib import Path

from jinja2.runtime import Context


class _Recording(Context):
    def resolve_or_missing(self, key):
        found = super().resolve_or_missing(key)
        roots = getattr(self.environment, "recorded_roots", None)
        if roots is not None and key in roots and key != "site":
            self.environment.recorded.add(key)
        return found


class SiteReads:
    """The Site as templates see it, noting `site.<attribute>` for each attribute read."""

    def __init__(self, site, reads: set):
        object.__setattr__(self, "_site", site)
        object.__setattr__(self, "_reads", reads)

    def __getattr__(self, name):
        self._reads.add(f"site.{name}")
        return getattr(self._site, name)


def generator_for(content: Path, output: Path, settings_file: Path, theme: Path | None = None):
    """The real DisclosureGenerator of a build of `content`, its context made (`theme`: another theme folder)."""
    from gongkai_build import pelican_settings
    from disclosure_site.generator import DisclosureGenerator

    settings = pelican_settings(content, output, "https://zx.example.org", settings_file)
    if theme is not None:
        settings["THEME"] = str(theme)
    gen = DisclosureGenerator(settings.copy(), settings, settings["PATH"], settings["THEME"], settings["OUTPUT_PATH"])
    gen.generate_context()
    return gen


def page_reads(gen):
    """(PageSpec, set of names its template read) for every page of the generator."""
    env = gen.env
    env.context_class = _Recording
    env.recorded = set()
    site = env.globals["site"]
    env.globals["site"] = SiteReads(site, env.recorded)
    try:
        for page in gen.pages:
            extra = {key: make() for key, make in page.lazy.items()}
            variables = {**gen.context, "page_url": page.url, **page.vars, **extra}
            env.recorded_roots = set(variables) | set(env.globals)
            env.recorded.clear()
            gen.get_template(page.template.removesuffix(".html")).render(variables)
            yield page, set(env.recorded)
    finally:
        env.globals["site"] = site
        env.context_class = Context
        env.recorded_roots = None
