"""Full-text search: a Pagefind index of every item page, built from the core, and /search/."""
from pelican import signals

from .generator import SearchGenerator


def get_generators(pelican):
    return SearchGenerator


def register():
    signals.get_generators.connect(get_generators)
