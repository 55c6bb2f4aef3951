"""The build's store of each content file's checks (disclosure/checked.py decides the key).

Apart from stores.py: its salt is all of plugins/ (fingerprint.py's code part), which the kept
renders must not depend on (tests/unit/test_render.py: RENDER_CODE is what stores.py imports).

Kept as objects, not as one pickle each: a rebuild recalls every file's result, and reading
10,500 separate pickles (after the file of them) took 0.3–0.4 s at N = 5,000, one pickle of
the same objects ~0.2 s (the units, terms and dates the entries share are read once, too).
"""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from . import kept
from .fingerprint import CODE, _kind_sources, code_part, libraries_part

FORMAT = "objects"  # in the salt: a file of the former format (a pickle per value) reads as empty


class CheckedStore:
    """Each content file's entry and the problems found in it alone, by a hash of its path and
    bytes, site.yaml's, and its kind (disclosure/checked.py decides the key and which files may
    be kept: only entries public in full). A rebuild reads every file and checks only the new
    and edited ones.

    The salt is every module of plugins/ (the readers, the checks and what they import: no
    hand-kept list to forget one in), the code of a site's own kinds (`kinds`, the
    DISCLOSURE_KINDS registry) and the library versions (YAML, pinyin slugs among them): the
    build key's own code and libraries parts.

    A recalled value is the object the store read (load_site puts its entry in the Site, which
    nothing changes once loaded), and a kept one is pickled when the store is saved: one file
    read, one written, and never a pickle per value."""

    def __init__(self, path: Path | None = None, kinds=None, parts: dict | None = None):
        """`parts`: the build key's "code" and "libraries" parts when the build worked them out
        for these kinds already (unchanged.Inputs.parts: plugins/ hashed by each file's stat)."""
        code = parts["code"] if parts else code_part(CODE, _kind_sources(kinds))
        libraries = parts["libraries"] if parts else libraries_part()
        salt = f"checked\0{FORMAT}\0{code}\0{libraries}"
        self.path = path
        self.salt = hashlib.sha1(salt.encode()).hexdigest()
        self.loaded: dict = kept.load(path, self.salt) if path is not None else {}
        self.values: dict = dict(self.loaded)
        self.used: set[str] = set()
        self.recalled = 0  # lookups answered from the store (tests, performance notes)

    def recall(self, key: str):
        """What `keep` was given for `key`, in this build or the last, else None."""
        self.used.add(key)
        found = self.values.get(key)
        if found is not None:
            self.recalled += 1
        return found

    def keep(self, key: str, value) -> None:
        self.used.add(key)
        self.values[key] = value

    def touch(self, key: str) -> None:
        self.used.add(key)

    def save(self, purge: bool = False) -> None:
        """Keep what this build used (kept.py: the new values appended, or the file rewritten
        with only those used; with `purge`, rewritten without any other). A value pickle cannot
        name (a model made in a settings file) is left out: that file is checked every build."""
        if self.path is None:
            return
        used = self.used & self.values.keys()
        if kept.nothing_to_write(self.path, self.loaded, used, purge):
            return
        values = {k: self.values[k] for k in used}
        try:
            kept.save(self.path, self.salt, self.loaded, values, purge)
        except (pickle.PicklingError, TypeError, AttributeError):
            kept.save(self.path, self.salt, self.loaded, {k: v for k, v in values.items() if _picklable(v)}, purge)


def _picklable(value) -> bool:
    try:
        pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return False
    return True
