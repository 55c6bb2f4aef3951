"""Atom and RSS feeds: the site, each proposal, unit and category, announcements, replies."""
from pelican import signals

from .generator import FeedsGenerator


def get_generators(pelican):
    return FeedsGenerator


def register():
    signals.get_generators.connect(get_generators)
