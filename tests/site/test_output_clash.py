"""Two outputs to one path in one build stop it, naming both, and leave the published site as it was.

A site's own content kind (DISCLOSURE_KINDS, here the tests' 工作简报) decides its URLs; one
that lands on a path another output already makes must not silently replace that file
(Pelican's Writer refuses this for what it writes; pages made in forked workers went past it).
"""
from __future__ import annotations

from conftest import ROOT, assigned_proposal, build, site_yaml, write_tree

SUPPORT = ROOT / "tests/support"
# bulletins/<year>/<name>.md published at /<name>/: a bulletin named "stats" lands on the statistics page
SETTINGS = f"""
import sys
sys.path.insert(0, {str(SUPPORT)!r})
from testkind_settings import *  # noqa
import dataclasses, testkind
from disclosure.kinds import standard_kinds
testkind.bulletin_url = lambda b: b.id.split("/")[-1] + "/"  # its page, feed item, record and data
DISCLOSURE_KINDS = standard_kinds().plus(dataclasses.replace(testkind.BULLETIN, url=testkind.bulletin_url))
"""


def bulletin(path, title):
    return path, f"---\ntitle: {title}\ndate: 2026-10-08\n---\n\n正文。\n"


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_entries_on_one_url_fail_the_build_naming_both_and_keep_the_old_site(tmp_path):
    settings = tmp_path / "clash_settings.py"
    settings.write_text(SETTINGS, encoding="utf-8")
    out = tmp_path / "output"
    content = write_tree(tmp_path / "content", {"site.yaml": site_yaml(), **dict([assigned_proposal(),
                                                bulletin("bulletins/2026/q3.md", "三季度简报")])})
    first = build(content, out, settings=settings)
    assert first.returncode == 0, first.stdout + first.stderr
    before = snapshot(out)

    write_tree(content, dict([bulletin("bulletins/2027/q3.md", "另一份简报")]))  # also at /q3/
    result = build(content, out, settings=settings)
    assert result.returncode == 2, result.stdout + result.stderr
    message = result.stderr
    assert "同一个文件不能由两处生成" in message and "One file cannot be made by two outputs" in message
    assert "q3/index.html" in message and "q3/index.json" in message  # every clash at once: page and JSON twin
    for line in ("q3/index.html", "q3/index.json"):  # each clash names both sources
        (said,) = [s for s in message.splitlines() if s.startswith(line)]
        assert "bulletins/2026/q3.md" in said and "bulletins/2027/q3.md" in said
    assert "原有的 output 保持不变" in message
    assert snapshot(out) == before


def test_an_entry_on_the_statistics_page_fails_the_build_naming_both(tmp_path):
    """With 400 proposals the pages are made in forked workers (parallel.py), where Pelican's
    own guard never saw them: the statistics page silently replaced the bulletin's."""
    settings = tmp_path / "clash_settings.py"
    settings.write_text(SETTINGS, encoding="utf-8")
    proposals = [assigned_proposal(f"{n:04d}") for n in range(1, 401)]
    content = write_tree(tmp_path / "content", {"site.yaml": site_yaml(), **dict([*proposals,
                                                bulletin("bulletins/2026/stats.md", "统计简报")])})
    result = build(content, tmp_path / "output", settings=settings)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "stats/index.html" in result.stderr and "bulletins/2026/stats.md" in result.stderr
    assert "stats.html" in result.stderr  # the statistics page's template, written by Pelican's Writer
    assert not (tmp_path / "output").exists()
