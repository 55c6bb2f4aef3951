"""The build's salt covers the code of every plugin: a change to the core makes every page again."""
from pathlib import Path

from gongkai_build.incremental import code_fingerprint

ROOT = Path(__file__).resolve().parents[2]
PLUGINS = ROOT / "plugins"
SETTINGS = {"THEME": str(ROOT / "themes" / "gongkai")}  # as pelicanconf.py sets it


def test_a_change_in_the_core_or_an_adapter_changes_the_salt():
    """Kept pages, renders and data lines are reused only under the same code (the build package
    moved into plugins/gongkai_build/ once, and its fingerprint then covered only itself)."""
    before = code_fingerprint(SETTINGS)
    for folder in ("disclosure", "disclosure_site", "gongkai_build"):
        probe = PLUGINS / folder / "_fingerprint_probe.txt"
        try:
            probe.write_text("a change", encoding="utf-8")
            assert code_fingerprint(SETTINGS) != before, folder
        finally:
            probe.unlink()
    assert code_fingerprint(SETTINGS) == before
