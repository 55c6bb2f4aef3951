"""One content file read and checked by itself, its result remembered by the build.

What load_site finds in one file alone (its entry, and the problems of its bytes, its front
matter, its name and its body, and its 索引号) depends only on the file's path and bytes, site.yaml's
vocabulary, the file's content kind and the code. A build passes a store
(gongkai_build/checked_store.py CheckedStore: `.recall(key)`, `.keep(key, value)`, `.touch(key)`;
its salt covers the code) that keeps the result by a hash of all the rest, so a rebuild
checks only the new and edited files; the checks across files
(validate.py) run on every build. A kept result holds its problems: an unchanged file with
a mistake is reported by every build, and an edit or another site.yaml is another key,
checked afresh.

Only an entry public in full is kept, as parsed front matter is (source.py): the text of a
withheld or summary-only entry, which a problem may quote, must not sit beside the output.

A build already knows each file's hash before it loads (gongkai_build/file_hashes.py: by
its stat, as git's index does). Given it (`digest`), a file whose result is kept is not read
at all: the kept entry holds its body too (reading 10,500 files took 0.5 s of every rebuild).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .body_check import body_problems
from .meta import index_number_of
from .source import _fully_public, _relative, read_bytes, source_of


@dataclass
class CheckedFile:
    """One file as load_site uses it."""

    path: str  # relative to the content folder
    digest: str = ""  # sha1 of its bytes ("" when it could not be read)
    entry: object = None  # None: it could not be read as an entry (`problems` say why)
    key_lines: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    index_number: str = ""  # its 索引号 (meta.index_number_of): site.yaml and the file decide it


def kind_salt(kind, keys, path_problems, vocab_key: str) -> str:
    """What a file's result depends on besides its own path and bytes and the code: its kind's
    facts, the keys a pasted line is recognised by, and site.yaml (`vocab_key`: its sha1). As a
    sha1: each file's key hashes it (~1.2 KB written out: 10,500 times a rebuild, ~0.06 s)."""
    def name(fn):
        return f"{getattr(fn, '__module__', '')}.{getattr(fn, '__qualname__', repr(fn))}"

    facts = repr((kind.name, kind.label, kind.english, kind.body_required, kind.folder, name(kind.model),
                  name(kind.read), name(path_problems), sorted(keys), vocab_key))
    return hashlib.sha1(facts.encode("utf-8", "surrogatepass")).hexdigest()


def check_file(root, file, kind, vocab, keys, path_problems, salt: str = "", parsed=None,
               checked=None, digest: str | None = None) -> CheckedFile:
    """Read and check one file of `kind`; `salt`: kind_salt(...); `parsed`, `checked`: the
    build's stores (None: nothing is remembered); `digest`: the sha1 of the file's bytes when
    the build knows it already (then a kept file is not read)."""
    if digest and checked is not None:
        rel = _relative(root, file)
        found = checked.recall(_key(salt, rel, digest))
        if found is not None:
            return _recalled(rel, digest, found, parsed)
    rel, data, problem = read_bytes(root, file)
    if problem:
        return CheckedFile(rel, problems=[problem])
    digest = hashlib.sha1(data).hexdigest()
    key = None
    if checked is not None:
        key = _key(salt, rel, digest)
        found = checked.recall(key)
        if found is not None:
            return _recalled(rel, digest, found, parsed)
    src = source_of(rel, data, parsed, digest)
    if src.problems and not src.meta:
        return CheckedFile(rel, problems=list(src.problems))
    entry, problems = kind.read(src, vocab)
    problems = [*src.problems, *problems, *path_problems(entry, src), *body_problems(kind, entry, src, keys)]
    number = index_number_of(entry, vocab.settings, kind) if entry is not None else ""
    if key is not None and getattr(entry, "disclosure", "full") == "full" and _fully_public(src.meta):
        checked.keep(key, (entry, problems, src.key_lines, src.parsed_key, number))
    return CheckedFile(rel, digest, entry, src.key_lines, problems, number)


def _key(salt: str, rel: str, digest: str) -> str:
    return hashlib.sha1(f"{salt}\0{rel}\0{digest}".encode("utf-8", "surrogatepass")).hexdigest()


def _recalled(rel: str, digest: str, found, parsed) -> CheckedFile:
    """A file's kept result (body and all) as check_file returns it."""
    entry, problems, key_lines, parsed_key, number = found
    if parsed is not None and parsed_key:
        parsed.touch(parsed_key)  # its front matter stays kept too (for a change of code)
    return CheckedFile(rel, digest, entry, key_lines, problems, number)
