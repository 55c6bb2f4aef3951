"""A rebuild lays open data's kept plan (each item's twin path, content hash and line length)
on the collections, twins and workbooks without asking an item for its exports when no item's
record changed (plugins/opendata/generator.py, data_plan_key): every record (an item's files and
the horizon of their dates), code, settings and site.yaml. Were one left out of the key, a
changed item's twin and lines would be reused as the previous build wrote them: the output here
must be a cold build's, byte for byte, after each step.
"""
from __future__ import annotations

from conftest import build, response, write_tree
from support.rebuilds import dated_archive, day, same_as_cold



def test_open_data_laid_from_a_kept_plan_is_a_cold_builds_after_each_change(tmp_path):
    # build date 2026-11-23: the announcement dated the 25th is public from then on
    content, out = tmp_path / "content", tmp_path / "site"
    dated_archive(content)
    assert build(content, out, env=day(0)).returncode == 0
    assert build(content, out, env=day(1)).returncode == 0  # leaves day 0's site as the spare
    assert build(content, out, env=day(0)).returncode == 0  # day 0's plan laid on
    first = same_as_cold(tmp_path, content, out, "cold0", env=day(0))

    # an edited reply, the same day: its twin, its proposal's and the collections change
    write_tree(content, dict([response("2026-0001", date="2026-04-10", body="改过的答复正文。")]))
    assert build(content, out, env=day(0)).returncode == 0
    second = same_as_cold(tmp_path, content, out, "cold1", env=day(0))
    changed = [rel for rel in second if rel.endswith(".json") and second[rel] != first.get(rel)]
    assert "data/responses.json" in changed or any(rel.startswith("data/") for rel in changed)
    assert any(not rel.startswith("data/") for rel in changed)  # a JSON twin

    # two days on: the dated-ahead announcement is public
    assert build(content, out, env=day(2)).returncode == 0
    third = same_as_cold(tmp_path, content, out, "cold2", env=day(2))
    assert any("公告later" in third[rel].decode() for rel in third if rel.startswith("data/") and rel.endswith(".json"))
