"""Python's garbage collector, set for a build: one big Site kept to the end, many short-lived pages.

With the default settings Python scans all its objects again and again while a
build creates millions of them, and a worker forked to write pages touches (and
so copies) every page of memory a collection walks. So, during a build:

- young objects are collected every 50,000 allocations instead of every 700, and none while
  the content is loaded and checked (`loading`);
- once the content is loaded and checked, what survived is frozen (`gc.freeze`):
  later collections, in the build and in its forked workers, skip it.

On a 10,000-document archive this took 5–9 CPU-seconds off a cold build with the
same peak memory (docs/performance.md).
"""
from __future__ import annotations

import gc
from contextlib import contextmanager

YOUNG_THRESHOLD = 50_000


@contextmanager
def tuned_for_build():
    before = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.unfreeze()  # what was frozen can be collected again once the build is over
        gc.set_threshold(*before)


@contextmanager
def loading():
    """While the content is loaded and checked: no collections at all. Nearly everything made
    then (10,500 entries, unpickled or read) lives to the end of the build, so each collection
    walked a growing heap for nothing (~0.1 s of a rebuild). Call keep_loaded inside it: gc.freeze
    also empties the young generation's count, whereas enabling the collector first made the next
    allocation start a young collection over every object loaded while it was off (0.1 s)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


FEW_CHECKED = 100  # files checked anew below which the load leaves (nearly) no garbage to collect


def keep_loaded(checked_anew: int | None = None) -> None:
    """Call once the Site is loaded: collect once, then leave what survived out of later collections.

    `checked_anew`: how many content files the load read and checked itself (not recalled from
    the last build: disclosure/checked.py). A rebuild that checked a few finds ~10 objects of
    cyclic garbage in a collection that walks every object loaded (0.14 s at N = 5,000), so it
    freezes without collecting: what little garbage there is stays until the build ends."""
    if checked_anew is None or checked_anew > FEW_CHECKED:
        gc.collect()
    gc.freeze()
