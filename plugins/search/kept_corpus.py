"""Each bundle's corpus files kept between builds, so a rebuild tokenises only the records that changed.

A re-indexed bundle (one new reply in its year) writes every record's file for Pagefind
again, but making a file (tokens.index_text, pairs.text_pairs: ~1 s for a year of 1,050
records) is needed only for the records that changed. So each record's CorpusFile is kept by
a hash of everything its record is made from (records.item_digest) and of the build's code,
theme, settings and site.yaml (Digests.of), in a file salted with the build's fingerprint, as
the build's memos are (gongkai_build/incremental.py): any change to the code under plugins/
(tokens.py, corpus.py, pairs.py, the records …) makes every file again.

One file per bundle (.gongkai-cache/<output>/search-corpus/<bundle>.pickle, gongkai_build/kept.py's
format), rewritten whenever its bundle is indexed, with exactly that bundle's records of this
build: a bundle indexed from the store loads only its own year, and the store never holds
text a build no longer indexes (an edited, withheld or deleted entry's old record goes with
the rewrite; a bundle that no longer exists loses its file, `keep_only`). The rewrite is made
under the cache's pending/ folder while Pagefind runs and takes its place only once the new
site is live (`save`, with the build's memos): a build that fails or is killed leaves the
store of the last published site, never one holding text that a later build may withhold
again before it indexes that bundle (gongkai_build/pending.py). A record is kept
only for an entry public in full: a withheld or summary-only entry's record is made afresh
every time and never written beside the output (the parsed front matter follows the same rule,
disclosure/source.py).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from gongkai_build import kept

from .corpus import CorpusFile, corpus_file, pairs_of

FOLDER = "search-corpus"
_NAME = re.compile(r"[0-9A-Za-z-]+")  # a bundle's name (bundles.py): 2025, 2025-1, other


def may_keep(entry) -> bool:
    """Only a record of an entry public in full is kept beside the output."""
    return getattr(entry, "disclosure", "full") == "full"


class KeptCorpus:
    """The kept corpus files of every bundle, under the build's `salt` (fingerprint.code_fingerprint);
    `folder` None: nothing is kept (plain `pelican`, tests)."""

    def __init__(self, folder: Path | None, salt: str, pending: Path | None = None):
        self.folder = Path(folder) if folder is not None else None
        self.pending = Path(pending) if pending is not None else None  # where a rewrite waits for the switch
        self.salt = salt
        self.kept = 0  # files found in the store in this build (tests, performance notes)
        self.written: list[Path] = []  # stores rewritten by this build, beside their place until `save`
        self.unwritten: dict = {}  # bundle → (its store's path, the records `files` found), until `write`

    def _path(self, bundle: str) -> Path | None:
        if self.folder is None or not _NAME.fullmatch(bundle):
            return None
        return self.folder / f"{bundle}.pickle"

    def files(self, bundle: str, wanted) -> list[CorpusFile]:
        """The bundle's files, [(key or None, a function making the record)] in order: kept ones
        where the key is in the store, the others made; the store of the bundle is then rewritten
        with exactly the keyed ones (a key None is never kept) by `write(bundle)`, called while
        Pagefind indexes them (indexer.build_bundles)."""
        path = self._path(bundle)
        old = kept.load(path, self.salt, at_once=True) if path is not None else {}
        new, made = {}, []
        for key, record in wanted:
            value = old.get(key) if key is not None else None
            if value is not None:
                self.kept += 1
                found = CorpusFile(*value)
            else:
                found = corpus_file(record())
            if key is not None:
                new[key] = found  # its pairs made by `write` if no indexer asked for them first
            made.append(found)
        if path is not None:
            self.unwritten[bundle] = path, new
        return made

    def write(self, bundle: str) -> None:
        """The store of `bundle`, as `files` found it, written where it waits for the site to be live."""
        if bundle in self.unwritten:
            path, new = self.unwritten.pop(bundle)
            new = {key: (f.path, f.html, pairs_of(f), f.own) for key, f in new.items()}  # plain tuples: read
            # back without importing this module
            kept.save(self._pending(path), self.salt, {}, new, purge=True)  # rewritten: only this build's records
            self.written.append(path)

    def save(self, purge: bool = False) -> None:
        """The new site is live: each rewritten store takes the place of the old one."""
        for bundle in list(self.unwritten):  # no indexer wrote it while Pagefind ran
            self.write(bundle)
        for path in self.written:
            path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self._pending(path), path)
        self.written = []

    def _pending(self, path: Path) -> Path:
        return (self.pending or path.parent) / path.name

    def keep_only(self, bundles) -> None:
        """Remove the stores of bundles this build does not have (a year cut in parts, or emptied)."""
        if self.folder is None or not self.folder.is_dir():
            return
        names = {f"{b}.pickle" for b in bundles}
        for entry in os.scandir(self.folder):
            if entry.name not in names:
                os.unlink(entry.path)
