"""Kept stores written during a build but trusted only once its site is live.

A store rewritten while the build runs (search/kept_corpus.py: each re-indexed bundle's
records) is written under <cache>/pending/ and moved into place after the switch
(BuildCache.save). A build that fails or is killed leaves its pending files behind: they
may hold text the live site never showed, or that the next content withholds again
before any build rewrites that store, and the next build may find nothing changed and
stop before any generator runs. So every build, first thing, deletes what a build
before it left pending (build.py), and a failing build deletes its own (gongkai_build.build_site).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

FOLDER = "pending"


def pending_dir(cache_dir: Path) -> Path:
    return Path(cache_dir) / FOLDER


def discard(cache_dir: Path | None) -> None:
    """Delete every pending store under cache_dir (one lstat when there is none)."""
    if cache_dir is None:
        return
    folder = pending_dir(cache_dir)
    if os.path.lexists(folder):
        shutil.rmtree(folder)
