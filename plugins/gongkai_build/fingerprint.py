"""The key of a whole build: code, templates, settings, library versions, content, git, date.

Kept apart from incremental.py, with nothing but the standard library at the top, so that
unchanged.py can work the key out again, before Pelican or the content model is imported.
A FileHashes (file_hashes.py), when given, reads and hashes only the files whose stat
changed since the last build; the key is the same either way.
"""
from __future__ import annotations

import functools
import hashlib
import os
import stat
from pathlib import Path

HERE = Path(__file__).resolve().parent
CODE = HERE.parent  # plugins/: the core, the adapters and this package all shape the output
LIBRARIES = ("pelican", "jinja2", "markdown", "nh3", "pyyaml", "feedgenerator", "pagefind", "pagefind-bin-extended",
             "pypinyin", "openpyxl", "pypdf", "python-docx")
VOLATILE_SETTINGS = {"PATH", "OUTPUT_PATH", "DISCLOSURE_PRELOADED_SITE", "DISCLOSURE_BUILD_CACHE", "DISCLOSURE_RENDERS",
                     "DISCLOSURE_OUTPUTS"}
PARTS = ("code", "templates", "settings", "libraries")


@functools.cache
def _content_cap() -> int:
    """The content size cap (disclosure/files.py), asked for only when a file must be read."""
    from disclosure.files import MAX_BYTES

    return MAX_BYTES


def file_token(path: str, st) -> bytes:
    """What a regular file adds to a key: the hash of its bytes, or its size and time when it is
    over the content cap (an error for the check, which must still see it)."""
    if st.st_size > _content_cap():
        return f"\0big\0{st.st_size}\0{st.st_mtime_ns}".encode()
    with open(path, "rb") as fh:
        return hashlib.sha1(fh.read()).digest()


def _listing(root: str) -> list:
    """(path inside root, os.DirEntry) of every file under root, and of every link to a folder,
    as os.walk lists them (links to folders are not entered; __pycache__ is left out)."""
    found, todo = [], [("", root)]
    while todo:
        prefix, folder = todo.pop()
        try:
            entries = os.scandir(folder)
        except OSError:
            continue  # as os.walk: a folder that cannot be listed adds nothing
        with entries:
            for entry in entries:
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                if not is_dir:
                    found.append((prefix + entry.name, entry))
                elif entry.name == "__pycache__":
                    continue
                elif entry.is_symlink():
                    found.append((prefix + entry.name, entry))
                else:
                    todo.append((prefix + entry.name + "/", entry.path))
    found.sort(key=lambda item: item[0])
    return found


def _hash_files(h, folder: Path, hashes=None):
    """Every file's path and bytes, in path order (os.scandir and plain strings: ~10,000 files a build).

    Links to folders are not followed (as disclosure.files reads content; a loop of links
    made this endless); a link to a file counts by where it points (the file it points to,
    when it is in the folder, counts by its bytes), so nothing outside is read here. Pipes
    and devices count by name only, and a file over the content cap by size and time: such
    files are errors for the check, which must still see them. `hashes` (a FileHashes):
    a file whose stat is as when it was last hashed is not read again.
    """
    for rel, entry in _listing(os.path.abspath(folder)):  # kept hashes are by absolute path
        h.update(rel.encode())
        try:
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISLNK(st.st_mode):
                h.update(b"\0link\0" + os.fsencode(os.readlink(entry.path)))
            elif not stat.S_ISREG(st.st_mode):
                h.update(b"\0special")
            else:
                h.update(hashes.token(entry.path, st, file_token) if hashes is not None else file_token(entry.path, st))
        except OSError as exc:
            h.update(f"\0unreadable\0{exc.errno}".encode())


def _plain(value):
    """Settings values that can change output, in a stable printable form (objects are skipped)."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    return None


def template_folders(settings: dict) -> list[tuple[str, bool]]:
    """The folders the `templates` part hashes, in order: (folder, whether it is named in the
    hash). The theme, then the templates that take a theme's place (a registered kind's page)."""
    folders = [(settings.get("THEME", ""), False)]
    folders += [(str(f), True) for f in [*(settings.get("THEME_TEMPLATES_OVERRIDES") or ()),
                                         *(settings.get("EXTRA_TEMPLATES_PATHS") or ())]]
    return folders


def code_part(code: Path, kind_sources, hashes=None) -> str:
    h = hashlib.sha1()
    _hash_files(h, code, hashes)
    for source in kind_sources:
        h.update(f"\0kind\0{source}\0".encode() + hashlib.sha1(Path(source).read_bytes()).digest())
    return h.hexdigest()


def templates_part(folders, hashes=None) -> str:
    h = hashlib.sha1()
    for folder, named in folders:
        if Path(folder).is_dir():
            if named:
                h.update(f"\0templates\0{folder}".encode())
            _hash_files(h, Path(folder), hashes)
    return h.hexdigest()


def settings_part(settings: dict) -> str:
    import json

    plain = {k: _plain(v) for k, v in settings.items() if k.isupper() and k not in VOLATILE_SETTINGS}
    return hashlib.sha1(json.dumps(plain, sort_keys=True, ensure_ascii=False, default=repr).encode()).hexdigest()


def libraries_part() -> str:
    from importlib import metadata

    h = hashlib.sha1()
    for lib in LIBRARIES:
        try:
            h.update(f"{lib}={metadata.version(lib)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib}=-".encode())
    return h.hexdigest()


def salt_of(parts: dict[str, str]) -> str:
    return ";".join(f"{name}={parts[name]}" for name in PARTS)


def fingerprint_parts(settings: dict, code: Path = CODE, hashes=None) -> dict[str, str]:
    """Each named part of code_fingerprint, as hex digests."""
    return {"code": code_part(code, _kind_sources(settings.get("DISCLOSURE_KINDS"), code), hashes),
            "templates": templates_part(template_folders(settings), hashes),
            "settings": settings_part(settings),
            "libraries": libraries_part()}


def code_fingerprint(settings: dict, code: Path = CODE, hashes=None) -> str:
    """Code (plugins/, and a DISCLOSURE_KINDS kind's own modules), theme (and the templates that
    override it), settings and library versions: anything that shapes output.

    Named parts, "code=…;templates=…;settings=…;libraries=…", so `build.py explain` can say
    which of them changed (digest.Digests.common splits them)."""
    return salt_of(fingerprint_parts(settings, code, hashes))


def _kind_sources(kinds, code: Path = CODE) -> list[Path]:
    """The files of the code a DISCLOSURE_KINDS registry names outside plugins/ (a site's own
    kind: its model, reader, page, record … functions), which settings values alone do not show."""
    if not kinds:
        return []
    import dataclasses
    import inspect

    found, seen, todo = set(), set(), list(kinds or ())
    while todo:
        value = todo.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            todo += [type(value)] + [getattr(value, f.name) for f in dataclasses.fields(value)]
        elif isinstance(value, (list, tuple, set, frozenset)):
            todo += list(value)
        elif isinstance(value, dict):
            todo += [*value.keys(), *value.values()]
        elif callable(value):
            try:
                found.add(Path(inspect.getsourcefile(value)).resolve())
            except (TypeError, OSError):
                pass  # a builtin: no source of its own
    return sorted(p for p in found if p.is_file() and code not in p.parents)


def git_head(content: Path) -> str:
    """The last commit that touched the content ("" outside git): the pages show its history."""
    import subprocess

    try:
        return subprocess.run(["git", "-C", str(content), "log", "-1", "--format=%H", "--", "."],
                              capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def content_key(content: Path, salt: str, build_date: str, hashes=None) -> str:
    """Every input of a build as one hash: content bytes, git commits, code, date."""
    h = hashlib.sha1(f"{salt}\0{build_date}".encode())
    _hash_files(h, content, hashes)
    h.update(git_head(content).encode())
    return h.hexdigest()
