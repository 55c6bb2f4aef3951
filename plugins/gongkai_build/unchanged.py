"""Decide "nothing changed" before Pelican, the content model or any page code is imported.

A build with no change used to import everything (0.5 s), read every content file (80 MB at
N = 5,000) and parse a 14 MB manifest before it could say so. After each build, and each
time the full check finds the output up to date, a small record keeps what the build's key
was made from; the next build works the same key out again from it (fingerprint.py, with
the hashes kept in file_hashes.py) and stats the output's files: equal key, every file as
published, nothing to do. Anything else, and the ordinary path decides, as before.

What the record cannot work out again without Pelican is taken from what decides it. Pelican's
settings are the values the settings file sets, the arguments and Pelican's own defaults: so
the settings part of the key is kept while those values (the file run again here, as Pelican
runs it), the arguments, the working folder and the library versions (read again only when a
folder on sys.path changed) are the same. The template folders are the ones Pelican's settings
named last time (a theme given by name is looked up once, by that build).
Everything is taken before the build reads anything, so an edit made while it runs makes the
next key differ (as input_key does). The record names the manifest it goes with (its stat):
any other manifest, or none, and it is not used.
"""
from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

from . import MANIFEST, cache_dir_for
from .file_hashes import FileHashes
from .fingerprint import (CODE, _kind_sources, _plain, code_part, content_key, libraries_part, salt_of,
                          template_folders, templates_part)

RECORD = "unchanged.pickle"
HASHES = "hashes.pickle"
FORMAT = 1


def _settings_values(settings_file: Path) -> dict:
    """The upper-case names the settings file sets, run as Pelican runs it (pelican.settings.load_source)."""
    import importlib.util

    name = os.path.splitext(os.path.basename(settings_file))[0]
    spec = importlib.util.spec_from_file_location(name, settings_file)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return {k: v for k, v in vars(module).items() if k.isupper()}


def _libraries_stamp() -> list:
    """Each folder on sys.path with its mtime and inode: installing or removing a library adds
    or removes its metadata folder in one of them, so the versions are read again only then."""
    stamp = []
    for entry in sys.path:
        try:
            st = os.stat(entry or ".")
        except OSError:
            continue
        stamp.append((entry, st.st_mtime_ns, st.st_ino))
    return stamp


def _stat(path: Path):
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


class Inputs:
    """What a build's key is made from, taken before anything is worked out from it."""

    def __init__(self, content: Path, output: Path, site_url: str | None, settings_file: Path):
        from disclosure.clock import build_date

        self.output = output.resolve()
        self.cache = cache_dir_for(self.output)
        self.hashes = FileHashes(self.cache / HASHES)
        try:
            here = os.getcwd()  # relative paths in the settings are read from here
        except OSError:
            here = None
        self.args = (os.fspath(content.resolve()), os.fspath(self.output), site_url,
                     os.fspath(settings_file.resolve()), here)
        self.libraries = _libraries_stamp()
        self.day = build_date().isoformat()
        self.content = content
        try:
            values = _settings_values(settings_file)
        except Exception:  # a settings file is Python: the full path reports what is wrong with it
            self.settings, self.kind_sources = None, None
        else:
            self.settings = repr(_plain(values))
            self.kind_sources = _kind_sources(values.get("DISCLOSURE_KINDS"))
        self.key: tuple[str, str] | None = None
        self.parts: dict[str, str] | None = None  # the key's parts, when unchanged() worked them out
        self.folders: list | None = None
        self.worked_out: tuple[str, str] | None = None  # (salt, key) unchanged() found, if it got that far

    def keyed(self, settings: dict, salt: str, key: str) -> None:
        """The full key (input_key) was worked out from these inputs and Pelican's `settings`."""
        self.key, self.folders = (salt, key), template_folders(settings)
        self.hashes.save()

    def unchanged(self) -> bool:
        """Whether the last build into the output had these inputs, and its files are all still there as
        it published them (decided from the record alone; False whenever it cannot say)."""
        try:
            return self._unchanged()
        except OSError:  # a file went away while it was read, say: the full path decides
            return False

    def _unchanged(self) -> bool:
        record = self._record()
        if record is None or self.settings is None:
            return False
        if (record["args"], record["settings"]) != (self.args, self.settings):
            return False
        if record["manifest"] != _stat(self.cache / MANIFEST):
            return False
        parts = dict(record["parts"])
        libraries_moved = record["libraries"] != self.libraries
        if libraries_moved:
            parts["libraries"] = libraries_part()
        parts["code"] = code_part(CODE, self.kind_sources, self.hashes)
        parts["templates"] = templates_part(record["folders"], self.hashes)
        self.parts = parts  # this build's code and libraries parts: the checked store's salt takes them (build.py)
        salt = salt_of(parts)
        if salt != record["salt"]:
            return False
        self.worked_out = (salt, content_key(self.content, salt, self.day, self.hashes))
        if self.worked_out[1] != record["key"]:
            return False
        self.hashes.save()  # the whole key was worked out: files hashed again (racy ones) are kept
        if not intact(self.output, record["files"]):
            return False
        if libraries_moved:  # a folder on sys.path changed, not the versions: the next check need not read them
            self._write({**record, "libraries": self.libraries})
        return True

    def other_key(self, key: tuple[str, str]) -> bool:
        """Whether the manifest now beside the output was written for another (salt, key) than `key`,
        as the record of that build says (the record names the manifest by its stat: one rewritten
        since, by another build, is not taken for it). False whenever the record cannot say; the
        caller then reads the manifest itself (8 MB of marshal at N = 5,000: ~0.05 s a rebuild)."""
        record = self._record()
        if record is None or record.get("manifest") != _stat(self.cache / MANIFEST):
            return False
        return (record.get("salt"), record.get("key")) != tuple(key)

    def known_key(self, salt: str) -> str | None:
        """The key of the content for this salt, when unchanged() already worked it out (it read
        the content before the full check does, so it is taken before the build as well)."""
        return self.worked_out[1] if self.worked_out and self.worked_out[0] == salt else None

    def _record(self) -> dict | None:
        """The record the last build left (read once: unchanged() and other_key() both ask)."""
        if not hasattr(self, "_last"):
            self._last = self._read_record()
        return self._last

    def _read_record(self) -> dict | None:
        try:
            with open(self.cache / RECORD, "rb") as fh:
                record = pickle.load(fh)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError, AttributeError, ImportError):
            return None
        return record if isinstance(record, dict) and record.get("format") == FORMAT else None

    def remember(self, sums: dict) -> None:
        """Keep the record for the output just published or found up to date: its manifest (written
        by now), and `sums`, the [size, mtime_ns, inode, sha1] of each of its files (verify.py)."""
        self.__dict__.pop("_last", None)
        try:
            (self.cache / RECORD).unlink(missing_ok=True)
        except OSError:
            return
        if self.key is None or self.settings is None:
            return
        salt, key = self.key
        self._write({"format": FORMAT, "args": self.args, "settings": self.settings, "libraries": self.libraries,
                     "folders": self.folders, "salt": salt, "key": key,
                     "parts": dict(part.split("=", 1) for part in salt.split(";")),
                     "manifest": _stat(self.cache / MANIFEST),
                     "files": [(rel, known[0], known[1], known[2]) for rel, known in sums.items()]})

    def _write(self, record: dict) -> None:
        self.__dict__.pop("_last", None)
        path = self.cache / RECORD
        tmp = path.with_name(path.name + ".tmp")
        try:
            with open(tmp, "wb") as fh:
                pickle.dump(record, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:  # only the next build's shortcut is lost: it takes the full path
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass


def intact(output: Path, files) -> bool:
    """Whether every file of the output is still as the build that published it verified it:
    `files` are (path inside the output, size, mtime_ns, inode); one stat each."""
    prefix = os.fspath(output) + os.sep
    stat = os.stat
    seen = False
    try:
        for rel, size, mtime, inode in files:
            st = stat(prefix + rel)
            if st.st_size != size or st.st_mtime_ns != mtime or st.st_ino != inode:
                return False
            seen = True
    except (OSError, ValueError, TypeError):
        return False
    return seen
