"""What one build remembers while it runs and keeps for the next: rendered bodies, parsed front matter.

The core renders and parses as plain functions and keeps nothing (tests/unit/test_core_stateless.py);
a build makes one RenderStore and one ParsedStore and passes them in (render.public_html(entry,
renders), site.load_site(root, parsed=...)). Each loads what the previous build into the same
output kept (kept.py) and saves what this build used, so a rebuild after one new reply renders
and parses only that reply; with `purge` (incremental.Purge), nothing this build did not use
stays in the file.

Forked workers (parallel.py) see the store as it was when they were forked: the bodies are
rendered (prerender, or render_ahead's workers) before any page is.
"""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import markdown
import nh3
import yaml

from disclosure.render import new_converter, plain_text, render_markdown

from . import kept, plain_blocks, plain_inline, quick_preprocess

PLUGINS = Path(__file__).resolve().parent.parent
# The modules whose code decides a body's HTML: a kept render is reused only by the same code
# (a hand-kept version number was bumped by two branches to the same value, and forgotten by a third).
RENDER_CODE = ("disclosure/render.py", "disclosure/letter.py", "disclosure/letter_lines.py",
               "disclosure/letter_parts.py", "disclosure/html_fixes.py", "disclosure/dates.py", "disclosure/display.py",
               "gongkai_build/plain_inline.py", "gongkai_build/plain_blocks.py",
               "gongkai_build/quick_preprocess.py",
               # this module makes the build's converter (fast_converter) and the store's file (kept.py)
               "gongkai_build/stores.py", "gongkai_build/kept.py")
# The modules whose code decides what a file's front matter parses to.
PARSE_CODE = ("disclosure/source.py", "disclosure/fullwidth.py")


def _code(names) -> str:
    return hashlib.sha1(b"".join((PLUGINS / name).read_bytes() for name in names)).hexdigest()


def fast_converter() -> markdown.Markdown:
    """The core's converter, sped up where that is exact (plain_inline.py, plain_blocks.py, quick_preprocess.py)."""
    md = new_converter()
    plain_inline.install(md)  # the same output, without trying inline syntax on plain text
    plain_blocks.install(md)  # nor every block processor on a line only a paragraph can be
    quick_preprocess.install(md)  # nor two regex searches where the text lacks what they look for
    return md


class RenderStore:
    """Rendered bodies by a hash of their text and of the code that renders them.

    `path` None: kept in memory for this build only (plain `pelican`, tests).
    """

    def __init__(self, path: Path | None = None):
        self.path = path
        self.salt = repr((markdown.__version__, getattr(nh3, "__version__", ""), _code(RENDER_CODE)))
        # the last build's renders, read from the file once one is asked for (kept.load_texts)
        self.loaded: kept.Texts = kept.load_texts(path, self.salt) if path is not None else kept.Texts()
        self.values: dict[str, str] = {}  # made in this build, or read from `loaded`
        self.used: set[str] = set()
        self.texts: dict[str, str] = {}  # plain text by store key (search, data, excerpts)
        self._keys: dict[str, str] = {}  # store key by body text: each body is asked for ~7 times a build
        self._converter: markdown.Markdown | None = None

    def key(self, text: str) -> str:
        """A hash of the body and the rendering code, worked out once per text (a dict lookup by a
        string reuses the string's own cached hash; the SHA-1 of a 5 KB body is ~7 µs)."""
        text = text or ""
        found = self._keys.get(text)
        if found is None:
            found = self._keys[text] = hashlib.sha1((self.salt + "\0" + text).encode("utf-8")).hexdigest()
        return found

    def render(self, text: str) -> str:
        """The body's HTML, rendered now (in this process: a worker renders with its own converter)."""
        if self._converter is None:
            self._converter = fast_converter()
        return render_markdown(text, self._converter)

    def html(self, text: str) -> str:
        key = self.key(text)
        self.used.add(key)
        found = self.values.get(key)
        if found is None:
            found = self.loaded.get(key)
            found = self.values[key] = self.render(text) if found is None else found
        return found

    def plain(self, text: str) -> str:
        key = self.key(text)
        if key not in self.texts:
            self.texts[key] = plain_text(self.html(text))
        else:
            self.used.add(key)
        return self.texts[key]

    def prerender(self, texts, mapper=None, keys=None) -> int:
        """Render every body not yet rendered, with `mapper(fn, items)` (e.g. on all cores), its plain
        text with it (`plain`: pages, search and data all ask for it); returns how many. `keys`: each
        text's store key where the caller kept it (None: worked out here), in order."""
        wanted = {}
        for text, key in zip(texts, keys) if keys is not None else ((text, None) for text in texts):
            key = key or self.key(text)
            self.used.add(key)
            if key not in self.values and key not in self.loaded:
                wanted[key] = text or ""
        keys = list(wanted)
        results = (mapper or (lambda fn, items: [fn(i) for i in items]))(self._with_plain, [wanted[k] for k in keys])
        for key, (html, plain) in zip(keys, results):
            self.values[key] = html
            self.texts[key] = plain
        return len(keys)

    def _with_plain(self, text: str) -> tuple[str, str]:
        html = self.render(text)
        return html, plain_text(html)

    def rendered(self, text: str) -> tuple[str, str, str]:
        """(store key, HTML, plain text) of a body rendered in a worker process, for `add`."""
        return self.key(text), *self._with_plain(text)

    def add(self, rendered) -> None:
        """Renders made by `rendered` in other processes ((key, HTML) or (key, HTML, plain text));
        html, plain and prerender then find them."""
        for made in rendered:
            if made:
                self.values[made[0]] = made[1]
                if len(made) > 2:
                    self.texts[made[0]] = made[2]

    def save(self, purge: bool = False) -> None:
        """Keep the renders this build used (kept.py: appended, not rewritten, after a few new ones;
        with `purge`, rewritten without any other)."""
        if self.path is not None:
            kept.save_texts(self.path, self.salt, self.loaded, self.used, _Renders(self), purge)


class _Renders:
    """What a RenderStore's save may write: made in this build, else read from the last one's file."""

    def __init__(self, store: RenderStore):
        self.store = store

    def get(self, key: str):
        found = self.store.values.get(key)
        return self.store.loaded.get(key) if found is None else found

    def keys(self):
        return self.store.values.keys() | self.store.loaded.keys()


class PickledStore:
    """Values by a key the core makes, kept pickled (kept.py) under `salt` (the code that makes
    them): every lookup returns fresh objects that callers may change, and a value is fixed when
    it is kept (later changes to the object it came from do not reach the store)."""

    def __init__(self, path: Path | None, salt: str):
        self.path = path
        self.salt = salt
        self.loaded: dict[str, bytes] = kept.load(path, self.salt) if path is not None else {}
        self.values: dict[str, bytes] = dict(self.loaded)
        self.used: set[str] = set()
        self.recalled = 0  # lookups answered from the store (tests, performance notes)

    def recall(self, key: str):
        """What `keep` was given for `key`, in this build or the last, else None."""
        self.used.add(key)
        blob = self.values.get(key)
        if blob is None:
            return None
        self.recalled += 1
        return pickle.loads(blob)

    def keep(self, key: str, value) -> None:
        self.used.add(key)
        self.values[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def touch(self, key: str) -> None:
        """Keep `key`'s value for the next build without reading it (its file was read another way)."""
        self.used.add(key)

    def save(self, purge: bool = False) -> None:
        """Keep what this build used (kept.py; with `purge`, rewritten without any other)."""
        if self.path is not None:
            kept.save_used(self.path, self.salt, self.loaded, self.used, self.values, purge)


class ParsedStore(PickledStore):
    """Parsed front matter by a hash of the file's path and front-matter text (source.py decides
    which files may be kept: only those public in full)."""

    def __init__(self, path: Path | None = None):
        super().__init__(path, hashlib.sha1((_code(PARSE_CODE) + yaml.__version__).encode()).hexdigest())
