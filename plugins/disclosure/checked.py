"""One content file read and checked by itself, its result remembered by the build.

What load_site finds in one file alone (its entry, and the problems of its bytes, its front
matter, its name and its body) depends only on the file's path and bytes, site.yaml's
vocabulary, the file's content kind and the code. A build passes a store
(gongkai_build/checked_store.py CheckedStore: `.recall(key)`, `.keep(key, value)`, `.touch(key)`;
its salt covers the code) that keeps the result by a hash of all the rest, so a rebuild
reads every file but checks only the new and edited ones; the checks across files
(validate.py) run on every build. A kept result holds its problems: an unchanged file with
a mistake is reported by every build, and an edit or another site.yaml is another key,
checked afresh.

Only an entry public in full is kept, as parsed front matter is (source.py): the text of a
withheld or summary-only entry, which a problem may quote, must not sit beside the output.
The body is not kept twice: it is the end of the file's text, taken again from its bytes.
"""
from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field

from .body_check import body_problems
from .source import _fully_public, body_text, read_bytes, source_of


@dataclass
class CheckedFile:
    """One file as load_site uses it."""

    path: str  # relative to the content folder
    digest: str = ""  # sha1 of its bytes ("" when it could not be read)
    entry: object = None  # None: it could not be read as an entry (`problems` say why)
    key_lines: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)


def kind_salt(kind, keys, path_problems, vocab_key: str) -> str:
    """What a file's result depends on besides its own path and bytes and the code: its kind's
    facts, the keys a pasted line is recognised by, and site.yaml (`vocab_key`: its sha1)."""
    def name(fn):
        return f"{getattr(fn, '__module__', '')}.{getattr(fn, '__qualname__', repr(fn))}"

    return repr((kind.name, kind.label, kind.english, kind.body_required, kind.folder, name(kind.model),
                 name(kind.read), name(path_problems), sorted(keys), vocab_key))


def check_file(root, file, kind, vocab, keys, path_problems, salt: str = "", parsed=None,
               checked=None) -> CheckedFile:
    """Read and check one file of `kind`; `salt`: kind_salt(...); `parsed`, `checked`: the
    build's stores (None: nothing is remembered)."""
    rel, data, problem = read_bytes(root, file)
    if problem:
        return CheckedFile(rel, problems=[problem])
    digest = hashlib.sha1(data).hexdigest()
    key = None
    if checked is not None:
        key = hashlib.sha1(f"{salt}\0{rel}\0{digest}".encode("utf-8", "surrogatepass")).hexdigest()
        found = checked.recall(key)
        if found is not None:
            entry, problems, key_lines, parsed_key, body_length = found
            if body_length is not None:
                entry.body = body_text(data, body_length)
            if parsed is not None and parsed_key:
                parsed.touch(parsed_key)  # its front matter stays kept too (for a change of code)
            return CheckedFile(rel, digest, entry, key_lines, problems)
    src = source_of(rel, data, parsed, digest)
    if src.problems and not src.meta:
        return CheckedFile(rel, problems=list(src.problems))
    entry, problems = kind.read(src, vocab)
    problems = [*src.problems, *problems, *path_problems(entry, src), *body_problems(kind, entry, src, keys)]
    if key is not None and getattr(entry, "disclosure", "full") == "full" and _fully_public(src.meta):
        checked.keep(key, _kept(entry, src, problems))
    return CheckedFile(rel, digest, entry, src.key_lines, problems)


def _kept(entry, src, problems) -> tuple:
    """The value kept for a file: the entry without its body when that is the file's body."""
    body_length = None
    if getattr(entry, "body", None) == src.body:
        try:
            entry = copy.copy(entry)
            entry.body = ""
            body_length = len(src.body)
        except AttributeError:  # a site's own model, frozen: kept whole
            pass
    return entry, problems, src.key_lines, src.parsed_key, body_length
