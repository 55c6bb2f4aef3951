"""Run Pagefind (the extended build from PyPI) over a corpus folder: one bundle per call.

One run of Pagefind's command line per bundle over a folder of files, so the
build does not pay the Python API's 0.1 s per request for every record. Each
bundle is its own process, so its memory is returned when the bundle is
written: the peak is that of the largest bundle, not of the archive.
"""
from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from gongkai_build.background import run_program

from .bundle_check import check_bundle
from .bundles import page_count
from .corpus import CorpusFile, corpus_file, pairs_of, write_corpus
from .own_ascii import write_own_ascii
from .pairs import write_pairs
from .scratch import Scratch
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


def _scratch_folder() -> Scratch:
    fast = FAST_TMP if os.path.isdir(FAST_TMP) and os.access(FAST_TMP, os.W_OK) else None
    return Scratch(fast)


def _pagefind() -> str | None:
    """The Pagefind program, or None when it is not installed: the one pagefind.service's
    get_executable finds, looked for in its order and with its errors (a package whose program
    is missing raises FileNotFoundError), but without importing that module, which imports
    asyncio (0.66 s on the search thread while the main thread makes the page plans), nor the
    program's package (its `platform` and `typing`). tests/site/test_search_program.py holds the two
    to the same answer."""
    named = os.getenv("PAGEFIND_BINARY_PATH")
    if named is not None:
        return str(Path(named))
    for package in ("pagefind_bin_extended", "pagefind_bin"):  # each package's get_executable
        spec = importlib.util.find_spec(package)  # a top-level name: found, not imported
        if spec is None or not spec.has_location or spec.submodule_search_locations is None:
            continue  # not installed, or not a package its `from … import get_executable` could use
        folder = Path(spec.origin).parent
        candidates = [folder / (name + ext) for name in ("pagefind_extended", "pagefind")
                      for ext in ("", ".exe") if not ext or sys.platform == "win32"]
        for candidate in candidates:
            if candidate.exists():
                if candidate.is_file():
                    return str(candidate)
                raise FileNotFoundError(f"{candidate} is not a file")
        raise FileNotFoundError(f"Could not find any of {candidates}")
    return shutil.which("pagefind_extended") or shutil.which("pagefind")


def _run(corpus: Path, bundle: Path, binary: str | None = None) -> None:
    """Pagefind's command line over the corpus, to its end (its exit code checked; the bundle not yet).

    Not the Python API's service: it answers "written" while its last files are still
    being written in the background, then is killed, so a bundle could end up with an
    empty pagefind-entry.json (and search broken, or its filters left unsorted). The
    command line finishes its writes before it exits.
    """
    binary = binary or _pagefind()
    if binary is None:
        raise FileNotFoundError("pagefind_extended")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}  # only our options
    log_path = corpus.parent / "pagefind.log"  # a file, not a pipe: a forked page worker cannot hold it open
    with open(log_path, "wb") as log_file:
        code = run_program([binary, "--site", str(corpus), "--output-path", str(bundle)], cwd=corpus.parent,
                           env=env, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT)
    if code != 0:
        said = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise SearchIndexError(f"Pagefind failed ({code}): {said}")


def _checked_pages(bundle: Path) -> int:
    """The number of pages Pagefind wrote into the bundle, once every file of it is found whole."""
    check_bundle(bundle)  # Pagefind exits 0 when a write fails (a full disk): Damaged / ENOSPC
    try:
        return page_count(bundle)
    except (OSError, ValueError) as error:
        raise SearchIndexError(f"Pagefind wrote no readable pagefind-entry.json: {error}") from error


class Corpus:
    """A bundle's records written as files for Pagefind, in a scratch folder of their own."""

    def __init__(self, files):
        """`files`: the bundle's CorpusFiles (or records), or a function making them (called here)."""
        made = files() if callable(files) else files
        self.files = [f if isinstance(f, CorpusFile) else corpus_file(f) for f in made]
        self.scratch = _scratch_folder()
        self.folder = self.scratch.path / "site"  # Pagefind runs in scratch, where no pagefind.toml or .yml can be
        try:
            write_corpus(self.files, self.folder)
        except BaseException:
            self.remove()
            raise
        self.pairs: set[str] | None = None  # `collect_pairs`, once Pagefind has started

    def collect_pairs(self) -> None:
        """Its pairs of adjacent words, for the page's proof that a phrase is nowhere (pairs.py): ~0.1 s
        for a year, made while Pagefind runs, not before it starts."""
        pairs: set[str] = set()
        for made in self.files:
            found = pairs_of(made)
            if found:
                pairs.update(found.split("\n"))
        self.pairs = pairs

    def remove(self):
        self.scratch.remove()


def _index_corpus(corpus: Corpus, bundle: Path, binary: str | None = None, beside=None) -> int:
    """Pagefind (`binary`, found here if None) over a written corpus into `bundle`; the number of records indexed.
    `beside`: waits for what another thread did while Pagefind ran (its pairs among it)."""
    bundle = Path(bundle).resolve()
    _indexed(corpus, bundle, binary)
    return _finished(corpus, bundle, beside)


def _indexed(corpus: Corpus, bundle: Path, binary: str | None) -> None:
    """Pagefind run over the corpus into `bundle` (resolved); the corpus is removed if it fails."""
    try:
        _run(corpus.folder, bundle, binary)
    except FileNotFoundError as error:
        corpus.remove()
        raise SearchIndexError(f"Pagefind is not installed: pip install -r requirements.txt ({error})") from error
    except BaseException:
        corpus.remove()
        raise


def _finished(corpus: Corpus, bundle: Path, beside=None) -> int:
    """The bundle Pagefind wrote, checked and completed (sorted filters, own-field runs, pairs), its
    corpus removed; the number of records indexed. `beside`: as for _index_corpus."""
    try:
        pages = _checked_pages(bundle)
        if beside is not None:
            beside()
        if corpus.pairs is None:
            corpus.collect_pairs()
        for name in UNUSED:
            (bundle / name).unlink(missing_ok=True)
        try:
            stabilise(bundle)  # Pagefind writes filters in hash-map order: sort them so builds are identical
        except Unsupported as error:
            log.warning("search index left as Pagefind wrote it (builds may differ): %s", error)
        write_own_ascii((run for made in corpus.files for run in made.own), bundle)  # search.js: which
        # bundles may hold an own-field hit
        write_pairs(corpus.pairs, bundle)  # and which hold a pair of words side by side
    finally:
        corpus.remove()
    if pages != len(corpus.files) + 1:  # the records and the order anchor (corpus.py)
        raise SearchIndexError(f"Pagefind indexed {pages - 1} of {len(corpus.files)} pages")
    return len(corpus.files)


def build_index(records, bundle: Path) -> int:
    """Write the Pagefind bundle for `records` (or their CorpusFiles) into `bundle`; returns the number
    of records indexed."""
    return _index_corpus(Corpus(records), bundle)


def _beside(corpus: Corpus, after) -> None:
    corpus.collect_pairs()
    if after is not None:
        after()


def build_bundles(jobs) -> list[int]:
    """Build bundles one after another, [(records or CorpusFiles, or a function making them, bundle
    folder)]; records indexed per bundle.

    One Pagefind at a time, so memory is that of the largest bundle; Pagefind is the longest
    chain of a cold build, so it never waits for Python. A second thread makes and writes the
    next bundle's corpus while Pagefind indexes one (Python work of about a second a bundle).
    What a bundle needs only after Pagefind is made on that thread too while Pagefind runs: the
    corpus's pairs of words, and a job's optional third item, a function (the kept corpus's
    rewritten store), before Pagefind ends; and once it ended, while the next bundle's Pagefind
    runs, queued behind the next corpus: the bundle's check, its sorted filters, own-field runs
    and pairs (~0.2-0.4 s a bundle that was spent between two Pagefinds;
    tests/unit/test_search_chain.py).
    """
    jobs = list(jobs)
    if not jobs:
        return []
    finishing, indexed = [], None  # indexed: the bundle Pagefind last wrote, to be finished
    held = None  # a corpus taken from `upcoming` and not yet handed to _indexed (which removes it on failure)
    with ThreadPoolExecutor(1, thread_name_prefix="gongkai-corpus") as writer:
        upcoming = writer.submit(Corpus, jobs[0][0])
        try:
            binary = _pagefind()  # while the first corpus is written
            for k, (_, bundle, *after) in enumerate(jobs):
                corpus, upcoming = upcoming.result(), None
                held = corpus
                side = writer.submit(_beside, corpus, after[0] if after else None)  # while Pagefind runs
                if k + 1 < len(jobs):
                    upcoming = writer.submit(Corpus, jobs[k + 1][0])
                if indexed is not None:  # queued after the next corpus, which the next Pagefind waits for
                    finishing.append(writer.submit(_finished, *indexed))
                    indexed = None
                for done in finishing:  # a bundle found damaged stops the chain before the next Pagefind
                    if done.done():
                        done.result()
                bundle = Path(bundle).resolve()
                held = None
                _indexed(corpus, bundle, binary)
                indexed = (corpus, bundle, side.result)  # side's error is the build's
            finishing.append(writer.submit(_finished, *indexed))
            indexed = None
            return [done.result() for done in finishing]
        finally:
            if held is not None:  # a failed or stopped build: a corpus not yet given to Pagefind
                held.remove()
            if indexed is not None:  # a failed or stopped build: a bundle left unfinished
                indexed[0].remove()
            if upcoming is not None:  # a failed or stopped build: the corpus written ahead goes too
                try:
                    upcoming.result().remove()
                except BaseException:  # noqa: BLE001 - it removed its own folder; the first error is raised
                    pass
