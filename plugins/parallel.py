"""Do independent work (rendering pages, writing feeds) on every core.

The build machine has 2 cores and rendering thousands of pages is CPU-bound
Python; forked workers share the loaded Site copy-on-write, so nothing is
pickled but the (small) results. Falls back to one process where fork is not
available or the work is small.

While the search index is being built in the background (plugins/background.py),
the workers run at a lower priority: Pagefind is then the longest chain of the
build, and every second it waits for a core is a second more of the whole build,
while the pages it yields to are written a little later but finish before it.
"""
from __future__ import annotations

import multiprocessing
import os

import background

_JOB = None  # (function, items): set before forking, read by the workers


YIELD_NICENESS = 10  # a worker then gets about a tenth of a core Pagefind also wants


def _yield_to_background():
    os.nice(YIELD_NICENESS)


def _run(indexes):
    fn, items = _JOB
    return [fn(items[i]) for i in indexes]


def map_all(fn, items, min_items: int = 400, processes: int | None = None) -> list:
    """[fn(item) for item in items], split across processes; results in order."""
    global _JOB
    items = list(items)
    processes = processes or int(os.environ.get("GONGKAI_PROCESSES", os.cpu_count() or 1))
    if processes < 2 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(item) for item in items]
    chunks = [list(range(i, len(items), processes)) for i in range(processes)]
    _JOB = (fn, items)
    try:
        initializer = _yield_to_background if background.busy() else None
        with multiprocessing.get_context("fork").Pool(processes, initializer=initializer) as pool:
            parts = pool.map(_run, chunks)
    finally:
        _JOB = None
    results = [None] * len(items)
    for chunk, part in zip(chunks, parts):
        for i, value in zip(chunk, part):
            results[i] = value
    return results
