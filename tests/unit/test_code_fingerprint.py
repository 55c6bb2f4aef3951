"""The salt of every fingerprint covers all code that shapes output, the core included, in
named parts (code, templates, settings, libraries) that `build.py explain` shows."""
import shutil
from pathlib import Path

import disclosure
from gongkai_build import fingerprint

ROOT = Path(__file__).resolve().parents[2]


def parts(salt):
    return dict(p.split("=", 1) for p in salt.split(";"))


def test_a_change_in_the_core_changes_the_code_part(tmp_path):
    settings = {"THEME": str(ROOT / "themes/gongkai"), "SITENAME": "x"}
    # the folder fingerprinted by default is the one the core is imported from
    assert Path(disclosure.__file__).resolve().parent.parent == fingerprint.CODE
    code = tmp_path / "plugins"
    shutil.copytree(fingerprint.CODE, code, ignore=shutil.ignore_patterns("__pycache__"))
    before = parts(fingerprint.code_fingerprint(settings, code))
    labels = code / "disclosure/labels.py"
    labels.write_text(labels.read_text(encoding="utf-8") + "\n# 办理\n", encoding="utf-8")
    after = parts(fingerprint.code_fingerprint(settings, code))
    assert sorted(before) == ["code", "libraries", "settings", "templates"]
    assert [k for k in before if before[k] != after[k]] == ["code"]
    other = parts(fingerprint.code_fingerprint({**settings, "SITENAME": "y"}, code))
    assert [k for k in after if after[k] != other[k]] == ["settings"]
