"""The build's store of each content file's checks (disclosure/checked.py decides the key).

Apart from stores.py: its salt is all of plugins/ (fingerprint.py's code part), which the kept
renders must not depend on (tests/unit/test_render.py: RENDER_CODE is what stores.py imports).
"""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from .fingerprint import CODE, _kind_sources, code_part, libraries_part
from .stores import PickledStore


class CheckedStore(PickledStore):
    """Each content file's entry and the problems found in it alone, by a hash of its path and
    bytes, site.yaml's, and its kind (disclosure/checked.py decides the key and which files may
    be kept: only entries public in full). A rebuild reads every file and checks only the new
    and edited ones.

    The salt is every module of plugins/ (the readers, the checks and what they import: no
    hand-kept list to forget one in), the code of a site's own kinds (`kinds`, the
    DISCLOSURE_KINDS registry) and the library versions (YAML, pinyin slugs among them): the
    build key's own code and libraries parts."""

    def __init__(self, path: Path | None = None, kinds=None):
        salt = f"checked\0{code_part(CODE, _kind_sources(kinds))}\0{libraries_part()}"
        super().__init__(path, hashlib.sha1(salt.encode()).hexdigest())

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
