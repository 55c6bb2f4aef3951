"""Run Pagefind (the extended build from PyPI) over a corpus folder: one bundle per call.

Two requests to the Pagefind service — add the folder, write the files — so
the build does not pay the Python API's 0.1 s per request for every record.
Each bundle gets its own service process, so its memory is returned when the
bundle is written: the peak is that of the largest bundle, not of the archive.
"""
from __future__ import annotations

import asyncio
import logging
import os
import shutil
import tempfile
from pathlib import Path

from .corpus import write_corpus
from .stable import Unsupported, stabilise

log = logging.getLogger(__name__)


# The corpus is thousands of small files read once: in memory (tmpfs) when the machine
# has one, writing and reading them is several times faster than on disk.
FAST_TMP = "/dev/shm"


# Pagefind also writes its ready-made UIs; the site uses its own (search.js), so they go.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


class SearchIndexError(Exception):
    pass


def _scratch_folder() -> Path:
    fast = FAST_TMP if os.path.isdir(FAST_TMP) and os.access(FAST_TMP, os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix="gongkai-search-", dir=fast))


async def _index(corpus: Path, bundle: Path) -> int:
    from pagefind.index import PagefindIndex

    # Leaving the context writes the bundle to output_path (and not at all on an error).
    async with PagefindIndex(config={"output_path": str(bundle)}) as index:
        result = await index.add_directory(str(corpus))
    return int(result.get("page_count", 0))


def build_index(records, bundle: Path) -> int:
    """Write the Pagefind bundle for `records` into `bundle`; returns the number of records indexed."""
    records = list(records)
    bundle = Path(bundle).resolve()
    corpus = _scratch_folder()
    try:
        write_corpus(records, corpus)
        pages = asyncio.run(_index(corpus, bundle))
        for name in UNUSED:
            (bundle / name).unlink(missing_ok=True)
        try:
            stabilise(bundle)  # Pagefind writes filters in hash-map order: sort them so builds are identical
        except Unsupported as error:
            log.warning("search index left as Pagefind wrote it (builds may differ): %s", error)
    except FileNotFoundError as error:
        raise SearchIndexError(f"Pagefind is not installed: pip install -r requirements.txt ({error})") from error
    finally:
        shutil.rmtree(corpus, ignore_errors=True)
    if pages != len(records) + 1:  # the records and the order anchor (corpus.py)
        raise SearchIndexError(f"Pagefind indexed {pages - 1} of {len(records)} pages")
    return len(records)


def build_bundles(jobs, workers: int = 1) -> list[int]:
    """Build several bundles, [(records, bundle folder)], `workers` at a time; records indexed per bundle.

    Each bundle is its own Pagefind service, so memory grows with `workers` times the
    largest bundle: docs/search.md has the measured peak.
    """
    jobs = list(jobs)
    if workers <= 1 or len(jobs) <= 1:
        return [build_index(records, bundle) for records, bundle in jobs]
    from concurrent.futures import ThreadPoolExecutor

    # Largest first, so the last one to finish is small; the answers keep the jobs' order.
    order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i][0]))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {i: pool.submit(build_index, *jobs[i]) for i in order}
        return [futures[i].result() for i in range(len(jobs))]
