"""Open data: data/*.json and data/proposals.csv, from the core's export records."""
from pelican import signals

from .generator import OpenDataGenerator


def get_generators(pelican):
    return OpenDataGenerator


def register():
    signals.get_generators.connect(get_generators)
