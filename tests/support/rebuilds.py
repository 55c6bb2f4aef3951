"""Comparing a rebuilt site with a cold build of the same content, on a given day: what the
kept-plan tests share (tests/site/test_*_plan.py)."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, SOURCE_DATE_EPOCH, assigned_proposal, build, front_matter, response, site_yaml, write_tree

DAY = 86400


def day(n: int) -> dict[str, str]:
    """The environment of a build n days after the tests' build date."""
    return {"SOURCE_DATE_EPOCH": str(int(SOURCE_DATE_EPOCH) + n * DAY)}


def code_copy(tmp_path: Path) -> Path:
    """A copy of the program (build.py, pelicanconf.py, plugins/, themes/) in tmp_path/repo, to
    build with after an edit of its code: the caches' salt must see the edit."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("build.py", "pelicanconf.py"):
        shutil.copy2(ROOT / name, repo / name)
    shutil.copytree(ROOT / "plugins", repo / "plugins", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "themes", repo / "themes")
    return repo


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def same_as_cold(tmp_path: Path, content: Path, out: Path, name: str, env=None,
                 keep=lambda rel: True) -> dict[str, bytes]:
    """The files of `out` that `keep` names, after asserting they are a cold build's (into
    tmp_path/name) byte for byte."""
    cold = tmp_path / name
    assert build(content, cold, env=env).returncode == 0
    mine = {rel: data for rel, data in tree(out).items() if keep(rel)}
    theirs = {rel: data for rel, data in tree(cold).items() if keep(rel)}
    assert sorted(mine) == sorted(theirs)
    assert [rel for rel in mine if mine[rel] != theirs[rel]] == []
    return mine


def announcement(slug: str, date: str) -> tuple[str, str]:
    return f"announcements/2026/{slug}.md", front_matter({"title": f"公告{slug}", "date": date, "kind": "news"},
                                                          "公告正文。")


def dated_archive(content: Path) -> Path:
    """Two proposals, a reply, and an announcement dated after the tests' build date (2026-11-23):
    news, and public, from the 25th on."""
    return write_tree(content, {"site.yaml": site_yaml(), **dict([
        assigned_proposal("0001"), response("2026-0001", date="2026-04-10"),
        assigned_proposal("0002", category="城市建设"), announcement("a1", "2026-03-05"),
        announcement("later", "2026-11-25")])})
