"""The core (plugins/disclosure/) holds no state between calls: caches belong to the build.

A module-level dict that fills as a build runs, a `global` that a function rebinds or an
lru_cache that keeps every text it saw makes the core's answers depend on what was asked
before (and keeps a withheld text in memory): the build's stores (gongkai_build/stores.py)
are passed in instead. Read from the source with `ast`, so a new module is checked too.

Allowed at module level: values that cannot change (strings, numbers, tuples, frozensets,
compiled patterns) and lookup tables named in UPPER_CASE that no function of the core
writes to. A lower-case module-level list, dict or set is refused outright (it is state,
or a constant not named as one), and so is a value kept in an object's `__dict__` behind
its class's back.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "plugins" / "disclosure"

# Calls whose value is a mutable container.
MUTABLE_CALLS = {"dict", "list", "set", "bytearray", "defaultdict", "OrderedDict", "Counter", "deque",
                 "ChainMap", "SimpleNamespace"}
MUTABLE_LITERALS = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)
# Methods that change a list, dict, set or bytearray in place.
MUTATORS = {"append", "extend", "insert", "add", "update", "setdefault", "pop", "popitem", "clear", "remove",
            "discard", "sort", "reverse", "difference_update", "intersection_update",
            "symmetric_difference_update", "__setitem__", "__delitem__"}
CACHES = {"lru_cache", "cache"}
CONSTANT = re.compile(r"^_?[A-Z][A-Z0-9_]*$")


def _name(node) -> str:
    """`lru_cache`, `functools.lru_cache`, `lru_cache(maxsize=None)` → its last name."""
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _mutable(value) -> bool:
    if isinstance(value, MUTABLE_LITERALS):
        return True
    if isinstance(value, ast.Call) and _name(value) in MUTABLE_CALLS:
        return True
    if isinstance(value, ast.BinOp):  # [a] + [b]
        return _mutable(value.left) or _mutable(value.right)
    if isinstance(value, ast.BoolOp):  # x or {}
        return any(_mutable(part) for part in value.values)
    return False


def _top_level(body):
    """Statements run once at import: a module's or class's own body, inside if/try/with/for."""
    for node in body:
        yield node
        if isinstance(node, ast.ClassDef):
            yield from _top_level(node.body)
        elif isinstance(node, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
            yield from _top_level([*node.body, *getattr(node, "orelse", []), *getattr(node, "finalbody", []),
                                   *(s for h in getattr(node, "handlers", []) for s in h.body)])


def _names(target):
    """The variables an assignment binds (not those whose item or attribute it sets)."""
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, (ast.Tuple, ast.List)):
        for item in target.elts:
            yield from _names(item)
    elif isinstance(target, ast.Starred):
        yield from _names(target.value)


def _targets(node):
    for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
        yield from _names(target)


def _base(node) -> str:
    """The variable a subscript or attribute chain starts from: CACHE[k].x → CACHE."""
    while isinstance(node, (ast.Subscript, ast.Attribute)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


def _writes(fn):
    """(line, name) of every in-place change a function makes through a variable's name."""
    local = {n for node in ast.walk(fn) if isinstance(node, (ast.Assign, ast.AnnAssign, ast.For))
             for n in _targets(node if not isinstance(node, ast.For) else ast.Assign(targets=[node.target]))}
    local |= {a.arg for a in ast.walk(fn.args) if isinstance(a, ast.arg)}
    for node in ast.walk(fn):
        targets = []
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            targets = [t for t in targets if isinstance(t, (ast.Subscript, ast.Attribute))
                       or isinstance(node, ast.AugAssign)]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
            targets = [node.func.value]
        for target in targets:
            name = _base(target)
            if name and name not in local:
                yield node.lineno, name


def state_in(source: str, where: str) -> list[str]:
    """Every piece of module-level state in one module's source."""
    tree = ast.parse(source)
    found, shared = [], set()
    for node in _top_level(tree.body):
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and node.value is not None:
            names = list(_targets(node))
            shared.update(names)
            if names and _mutable(node.value) and not all(CONSTANT.match(n) or n == "__all__" for n in names):
                found.append(f"{where}:{node.lineno}: {', '.join(names)}: a module-level container not named "
                             "as a constant")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "__dict__":
            found.append(f"{where}:{node.lineno}: values hidden in an object's __dict__")
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            found.append(f"{where}:{node.lineno}: `{type(node).__name__.lower()} {', '.join(node.names)}`")
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            if not isinstance(node, ast.Lambda):
                found += [f"{where}:{node.lineno}: @{_name(d)} on {node.name}" for d in node.decorator_list
                          if _name(d) in CACHES]
            found += [f"{where}:{line}: a function changes the module-level {name}"
                      for line, name in _writes(node) if name in shared]
    return found


def test_the_core_holds_no_module_level_state():
    modules = sorted(CORE.glob("*.py"))
    assert len(modules) > 20
    found = [problem for module in modules
             for problem in state_in(module.read_text(encoding="utf-8"), module.name)]
    assert found == []


@pytest.mark.parametrize("source", [
    "_cache = {}",
    "_STORE: dict = {}\ndef keep(k, v):\n    _STORE[k] = v",
    "_USED = set()\ndef use(k):\n    _USED.add(k)",
    "TABLE = {}\ndef f():\n    TABLE.setdefault('a', []).append(1)",
    "SEEN = [1]\ndef f():\n    SEEN[0] += 1",
    "class C:\n    cache = {}",
    "try:\n    pending = []\nexcept ImportError:\n    pass",
    "_X = None\ndef f():\n    global _X\n    _X = 1",
    "from functools import lru_cache\n@lru_cache(maxsize=None)\ndef f(x):\n    return x",
    "import functools\n@functools.cache\ndef f(x):\n    return x",
    "from collections import defaultdict\nby_key = defaultdict(list)",
    "class Holder:\n    pass\nHOLDER = Holder()\ndef f(x):\n    HOLDER.last = x",
    "def figures(site):\n    return site.__dict__.setdefault('_memo', {})",
])
def test_each_kind_of_state_is_refused(source):
    assert state_in(source, "m.py")


@pytest.mark.parametrize("source", [
    "import re\nPATTERN = re.compile('x')",
    "NAMES = ('a', 'b')\nTAGS = frozenset({'a', 'b'})\nLIMIT = 20\nNAME = 'x'",
    "LABELS = {'a': 1}\ndef label(k):\n    return LABELS.get(k, k)",
    "ORDER = {n: i for i, n in enumerate('abc')}",
    "def f(seen):\n    out = {}\n    out['a'] = 1\n    seen.add(1)\n    return out",
    "TABLE = {}\ndef f():\n    TABLE = {}\n    TABLE['a'] = 1\n    return TABLE",
])
def test_constants_and_local_containers_are_allowed(source):
    assert state_in(source, "m.py") == []
