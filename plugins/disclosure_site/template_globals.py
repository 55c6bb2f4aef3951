"""A template's globals whose key set is worked out once, not for every context Jinja makes.

Jinja gives each template its globals as a ChainMap (its own, the environment's) and makes
a set of its keys for every context: each page and each {% include %} in it, and compares
them again for each {% import %} (Context.__init__, Template._get_default_module). With
the ~50 globals of a Gongkai environment that was ~50 µs of a page with eight includes.
Globals answers the same keys, in the same order, from a dict view kept until one of its
maps changes size (globals are only ever added: helpers.install, Pelican; a removal through
the chain forgets the view).
"""
from __future__ import annotations

from collections import ChainMap


class Globals(ChainMap):
    _sizes: tuple = ()
    _view = None

    def keys(self):
        sizes = tuple(len(m) for m in self.maps)
        if self._view is None or self._sizes != sizes:
            self._view, self._sizes = dict.fromkeys(ChainMap.__iter__(self)).keys(), sizes
        return self._view

    def __iter__(self):
        return iter(self.keys())

    # A key removed through the chain and another added would keep the sizes: forget the view.
    def __delitem__(self, key):
        self._view = None
        super().__delitem__(key)

    def pop(self, key, *default):
        self._view = None
        return super().pop(key, *default)

    def popitem(self):
        self._view = None
        return super().popitem()

    def clear(self):
        self._view = None
        super().clear()


def install(env) -> None:
    """Templates `env` loads from now on get Globals (Environment.make_globals, per instance)."""
    env.make_globals = lambda d: Globals({} if d is None else d, env.globals)
