"""Do independent work (rendering pages, writing feeds) on every core.

The build machine has 2 cores and rendering thousands of pages is CPU-bound
Python; forked workers share the loaded Site copy-on-write, so nothing is
pickled but the (small) results. Falls back to one process where fork is not
available or the work is small.

While the search index is being built in the background (plugins/gongkai_build/background.py),
the workers run at a lower priority: Pagefind is then the longest chain of the
build, and every second it waits for a core is a second more of the whole build,
while the pages it yields to are written a little later but finish before it.
Workers started ahead (start_map: every body rendered while the content is read and
checked) yield likewise to this process, whose work beside them is one chain on one
core: they take the other core and whatever it leaves, which ends both no later and
the chain sooner.
"""
from __future__ import annotations

import multiprocessing
import os

from . import background
_JOB = None  # (function, items): set before forking, read by the workers


YIELD_NICENESS = 10  # a worker then gets about a tenth of a core Pagefind also wants


def _yield():
    os.nice(YIELD_NICENESS)


def _run(indexes):
    fn, items = _JOB
    return [fn(items[i]) for i in indexes]


def _processes(processes: int | None) -> int:
    return processes or int(os.environ.get("GONGKAI_PROCESSES", os.cpu_count() or 1))


def _can_fork(processes: int, items: list, min_items: int) -> bool:
    return processes >= 2 and len(items) >= min_items and "fork" in multiprocessing.get_all_start_methods()


def _in_order(chunks, parts, count: int) -> list:
    results = [None] * count
    for chunk, part in zip(chunks, parts):
        for i, value in zip(chunk, part):
            results[i] = value
    return results


def _forked_pool(fn, items: list, processes: int, initializer=None):
    """(a pool whose workers were forked with fn and items, each worker's chunk of indexes)."""
    global _JOB
    chunks = [list(range(i, len(items), processes)) for i in range(processes)]
    _JOB = (fn, items)
    try:
        pool = multiprocessing.get_context("fork").Pool(processes, initializer=initializer)  # workers copy _JOB
    finally:
        _JOB = None
    return pool, chunks


def map_all(fn, items, min_items: int = 400, processes: int | None = None) -> list:
    """[fn(item) for item in items], split across processes; results in order."""
    items = list(items)
    processes = _processes(processes)
    if not _can_fork(processes, items, min_items):
        return [fn(item) for item in items]
    pool, chunks = _forked_pool(fn, items, processes, _yield if background.busy() else None)
    with pool:
        parts = pool.map(_run, chunks)
    return _in_order(chunks, parts, len(items))


class Started:
    """map_all begun in the background (start_map): `.results()` waits for it, `.cancel()` drops it."""

    def __init__(self, pool, pending, chunks, count):
        self._pool, self._pending, self._chunks, self._count = pool, pending, chunks, count

    def results(self) -> list:
        try:
            return _in_order(self._chunks, self._pending.get(), self._count)
        finally:
            self.cancel()

    def cancel(self) -> None:
        self._pool.terminate()
        self._pool.join()


def start_map(fn, items, min_items: int = 400, processes: int | None = None) -> Started | None:
    """Like map_all, but returns at once while the workers run; None when it would not fork.

    For work that can go on while this process does something else (rendering every
    Markdown body while the content is read and checked). The workers are forked now,
    so they see this process as it is now, and run at a lower priority than it: what it
    does meanwhile is the longer chain (one core's work: reading and checking the content,
    ~7 CPU-s at N = 5,000, against ~4 for each of two workers), and the build goes on only
    once both are done.
    """
    items = list(items)
    processes = _processes(processes)
    if not _can_fork(processes, items, min_items):
        return None
    pool, chunks = _forked_pool(fn, items, processes, _yield)
    return Started(pool, pool.map_async(_run, chunks), chunks, len(items))
