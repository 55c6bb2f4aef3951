"""Publishing: sitemap.xml, robots.txt, the 404 page and favicon.ico at the site's root."""
from pelican import signals

from .generator import PublishingGenerator, write_sitemap


def get_generators(pelican):
    return PublishingGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(write_sitemap)
