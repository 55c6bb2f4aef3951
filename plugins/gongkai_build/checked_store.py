"""The build's store of each content file's checks (disclosure/checked.py decides the key).

Apart from stores.py: its salt is all of plugins/ (incremental.py's walk), which the kept
renders must not depend on (tests/unit/test_render.py: RENDER_CODE is what stores.py imports).
"""
from __future__ import annotations

import hashlib
import pickle
from importlib import metadata
from pathlib import Path

from .incremental import CODE, _hash_files, _kind_sources
from .stores import PickledStore


class CheckedStore(PickledStore):
    """Each content file's entry and the problems found in it alone, by a hash of its path and
    bytes, site.yaml's, and its kind (disclosure/checked.py decides the key and which files may
    be kept: only entries public in full). A rebuild reads every file and checks only the new
    and edited ones.

    The salt is every module of plugins/ (the readers, the checks and what they import: no
    hand-kept list to forget one in), the code of a site's own kinds (`kinds`, the
    DISCLOSURE_KINDS registry) and the libraries that shape a reading (YAML, pinyin slugs)."""

    def __init__(self, path: Path | None = None, kinds=None):
        h = hashlib.sha1(b"checked\0")
        _hash_files(h, CODE)
        for source in _kind_sources(kinds):
            h.update(f"\0kind\0{source}\0".encode() + source.read_bytes())
        for lib in ("pyyaml", "pypinyin"):
            try:
                h.update(f"\0{lib}={metadata.version(lib)}".encode())
            except metadata.PackageNotFoundError:
                h.update(f"\0{lib}=-".encode())
        super().__init__(path, h.hexdigest())

    def recall(self, key: str):
        try:
            return super().recall(key)
        except Exception:  # a site's own model that can no longer be found by its name: check again
            return None

    def keep(self, key: str, value) -> None:
        try:
            super().keep(key, value)
        except (pickle.PicklingError, TypeError, AttributeError):  # a model pickle cannot name (made in a
            self.values.pop(key, None)                             # settings file): checked every build
