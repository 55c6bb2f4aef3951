"""Templates with Globals (disclosure_site/template_globals.py) render what plain Jinja renders,
also when a global is added after a template was loaded."""
from __future__ import annotations

from jinja2 import DictLoader, Environment

from disclosure_site import template_globals

TEMPLATES = {
    "macros.html": "{% macro b(x) %}<b>{{ x }}{{ late | default('') }}</b>{% endmacro %}",
    "inc.html": "<i>{{ title }}{{ g1 }}{{ late | default('') }}</i>",
    "page.html": '{% from "macros.html" import b %}{{ b(title) }}{% include "inc.html" %}'
                 '{% import "macros.html" as m with context %}{{ m.b(g2) }}{{ late | default("-") }}',
}


def _env(fast: bool) -> Environment:
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    if fast:
        template_globals.install(env)
    env.globals.update({f"g{i}": i for i in range(50)})
    return env


def test_pages_and_a_global_added_after_loading_are_plain_jinjas():
    plain, fast = _env(False), _env(True)
    pages = [plain.get_template("page.html"), fast.get_template("page.html")]
    assert isinstance(pages[1].globals, template_globals.Globals)
    assert pages[0].render(title="x&y") == pages[1].render(title="x&y")
    for env in (plain, fast):
        env.globals["late"] = "L"
    shown = [page.render(title="z") for page in pages]
    assert shown[0] == shown[1] and shown[1].endswith("L")
    assert list(pages[1].globals) == list(pages[0].globals)  # the same keys, in the same order


def test_a_global_removed_and_another_added_through_the_chain_are_seen():
    fast = _env(True)
    page = fast.get_template("page.html")
    assert "g3" in list(page.globals)
    page.globals["own"] = 1
    list(page.globals)  # the key set worked out with "own"
    del page.globals["own"]
    page.globals["late"] = "L"  # the sizes as before
    assert "late" in list(page.globals) and "own" not in list(page.globals)
    assert page.render(title="t").endswith("L")
