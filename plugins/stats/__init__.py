"""Statistics: /stats/ (overall, per year, session, category and unit) and /stats/units/."""
from pelican import signals

from .generator import StatsGenerator


def get_generators(pelican):
    return StatsGenerator


def register():
    signals.get_generators.connect(get_generators)
