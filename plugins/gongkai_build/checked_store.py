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
from collections.abc import Mapping
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

    A recalled value is the object the store read, and the build may fill it in afterwards (the
    check across files reads each attachment's bytes and text into its entry), so what is
    written is never a live object: a kept value is pickled when kept (its bytes then, as the
    check of its file alone made it), and a rewrite of the file takes the values it keeps from
    the file itself, read again (`_Written`). One file read a rebuild; a value pickle cannot
    name (a model made in a settings file) is not kept: that file is checked every build."""

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
        self.fresh: dict[str, bytes] = {}  # key → the pickle of a value kept in this build
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
        try:
            self.fresh[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        self.values[key] = value

    def touch(self, key: str) -> None:
        self.used.add(key)

    def save(self, purge: bool = False) -> None:
        """Keep what this build used (kept.py: the new values appended, or the file rewritten
        with only those used; with `purge`, rewritten without any other)."""
        if self.path is None:
            return
        kept.save_used(self.path, self.salt, self.loaded, self.used, _Written(self), purge)  # nothing new: nothing written


class _Written(Mapping):
    """The values a save may write, as they were when checked: a kept one from its pickle, a
    recalled one from the file, read again only when the file is rewritten (an append writes
    only kept ones). A recalled value the file no longer holds is written as None (checked again)."""

    def __init__(self, store: CheckedStore):
        self.store = store
        self._on_disk: dict | None = None

    def __getitem__(self, key):
        fresh = self.store.fresh.get(key)
        if fresh is not None:
            return pickle.loads(fresh)
        if self._on_disk is None:
            self._on_disk = kept.load(self.store.path, self.store.salt)
        return self._on_disk.get(key)  # None if gone: recall finds nothing, the file is checked again

    def __contains__(self, key):  # not Mapping's, which gets the value (a read of the file)
        return key in self.store.fresh or key in self.store.loaded

    def keys(self):
        return self.store.fresh.keys() | self.store.loaded.keys()

    def __iter__(self):
        return iter(self.keys())

    def __len__(self):
        return len(self.keys())
