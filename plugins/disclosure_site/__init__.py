"""Pelican adapter: turns the disclosure core's Site into pages."""
from pelican import signals

from gongkai_build.writer import check_outputs, get_writer

from .generator import DisclosureGenerator


def get_generators(pelican):
    return DisclosureGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)  # every file through the build's one OutputWriter
    signals.finalized.connect(check_outputs)
