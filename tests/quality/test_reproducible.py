"""Two builds of the same content are byte-identical, so a published change is exactly a content change.

The second build differs in everything that must not matter: the output folder's
name, Python's hash seed (set and dict ordering), the machine's time zone and
locale, and the working directory. SOURCE_DATE_EPOCH is the same (the build date).
"""
from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build
from search.stable import Unsupported, stabilise

from .conftest import SITE_URL


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def differences(a: Path, b: Path) -> list[str]:
    ta, tb = tree(a), tree(b)
    lines = [f"only in one build: {name}" for name in sorted(set(ta) ^ set(tb))]
    for name in sorted(set(ta) & set(tb)):
        if ta[name] != tb[name]:
            x, y = ta[name], tb[name]
            at = next((i for i in range(min(len(x), len(y))) if x[i] != y[i]), min(len(x), len(y)))
            lines.append(f"{name} differs at byte {at}: {x[max(0, at - 60):at + 60]!r} vs {y[max(0, at - 60):at + 60]!r}")
    return lines


def test_two_builds_of_the_sample_content_are_byte_identical(tmp_path):
    first = build(ROOT / "content", tmp_path / "one" / "output", SITE_URL,
                  env={"PYTHONHASHSEED": "1", "TZ": "Asia/Shanghai", "LANG": "C.UTF-8"})
    assert first.returncode == 0, first.stderr
    second = build(ROOT / "content", tmp_path / "two" / "site", SITE_URL,
                   env={"PYTHONHASHSEED": "2", "TZ": "America/New_York", "LANG": "zh_CN.UTF-8", "LC_ALL": ""})
    assert second.returncode == 0, second.stderr
    one, two = tmp_path / "one" / "output", tmp_path / "two" / "site"
    assert len(tree(one)) > 50
    diff = differences(one, two)
    assert not diff, f"{len(diff)} files differ between two builds:\n" + "\n".join(diff[:30])


def test_fixture_site_builds_are_byte_identical(every_state_content, published_sites, tmp_path):
    again = build(every_state_content, tmp_path / "again", SITE_URL, env={"PYTHONHASHSEED": "7", "TZ": "UTC"})
    assert again.returncode == 0, again.stderr
    diff = differences(published_sites["every-state"], tmp_path / "again")
    assert not diff, "\n".join(diff[:30])


def test_a_content_change_changes_the_output(every_state_content, published_sites, tmp_path):
    """The comparison can fail: one edited title shows up as changed files."""
    content = tmp_path / "content"
    shutil.copytree(every_state_content, content)
    path = content / "proposals" / "2026" / "0002.md"
    path.write_text(path.read_text(encoding="utf-8").replace("关于第0002号事项的建议", "关于第0002号事项的修改建议"),
                    encoding="utf-8")
    assert build(content, tmp_path / "changed", SITE_URL).returncode == 0
    diff = differences(published_sites["every-state"], tmp_path / "changed")
    assert any(line.startswith("proposals/2026/0002/index.html") for line in diff)
    assert not filecmp.cmp(published_sites["every-state"] / "index.html", tmp_path / "changed" / "index.html",
                           shallow=False) or diff


def test_an_unreadable_search_bundle_is_left_alone(tmp_path):
    """Sorting Pagefind's indexes must never break a build: anything unexpected is reported and left as it is."""

    (tmp_path / "pagefind-entry.json").write_text("", encoding="utf-8")
    with pytest.raises(Unsupported):
        stabilise(tmp_path)
    (tmp_path / "pagefind-entry.json").write_text('{"languages": {"und": {"hash": "und_0123456789a"}}}',
                                                  encoding="utf-8")
    (tmp_path / "pagefind.und_0123456789a.pf_meta").write_bytes(b"not gzip")
    with pytest.raises(Unsupported):
        stabilise(tmp_path)
    assert (tmp_path / "pagefind.und_0123456789a.pf_meta").read_bytes() == b"not gzip"
