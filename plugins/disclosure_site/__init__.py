"""Pelican adapter: turns the disclosure core's Site into pages."""
from pelican import signals

from .generator import DisclosureGenerator


def get_generators(pelican):
    return DisclosureGenerator


def register():
    signals.get_generators.connect(get_generators)
