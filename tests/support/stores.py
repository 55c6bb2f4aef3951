"""load_site as a build runs it, with the build's stores kept in a folder (tests of the loader and its stores)."""
from __future__ import annotations

from conftest import BUILD_DATE
from disclosure.site import load_site
from gongkai_build.checked_store import CheckedStore
from gongkai_build.stores import ParsedStore


def load(content, cache):
    """load_site with the build's two stores kept in `cache`, saved as a build saves them; (site, checked store)."""
    parsed, checked = ParsedStore(cache / "parsed.pickle"), CheckedStore(cache / "checked.pickle")
    site = load_site(content, today=BUILD_DATE, parsed=parsed, checked=checked)
    parsed.save()
    checked.save()
    return site, checked
