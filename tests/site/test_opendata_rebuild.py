"""A rebuild after one new reply writes the workbooks' rows without openpyxl, and the files
are still what a cold build writes and what a spreadsheet opens.

Each workbook's frame (its header row, made by openpyxl: spreadsheet.skeleton) is kept beside
the output by what it is made from; the rows are written by spreadsheet.py itself. Importing
openpyxl alone took ~0.2 s of every rebuild.
"""
from __future__ import annotations

import datetime as dt
import io
import json

from openpyxl import load_workbook

from conftest import assigned_proposal, build, response, write_tree


def tree(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def imported(result) -> set[str]:
    """The top-level modules a build imported (PYTHONPROFILEIMPORTTIME's report on stderr)."""
    return {line.rsplit("|", 1)[1].strip().split(".")[0] for line in result.stderr.splitlines()
            if line.startswith("import time:") and "|" in line}


def sheet_rows(path):
    book = load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
    return [list(row) for row in book.active.iter_rows(values_only=True)]


def test_a_new_reply_is_in_the_workbook_written_without_openpyxl(tmp_path, make_content):
    content = make_content([assigned_proposal("0001"), assigned_proposal("0002"), response("2026-0001")])
    out = tmp_path / "site"
    timed = {"PYTHONPROFILEIMPORTTIME": "1"}
    first = build(content, out, env=timed)
    assert first.returncode == 0, first.stderr
    assert "openpyxl" in imported(first)  # a cold build makes the frames

    write_tree(content, dict([response("2026-0002", date="2026-04-03", body="新答复正文。")]))
    result = build(content, out, env=timed)
    assert result.returncode == 0, result.stderr
    assert "openpyxl" not in imported(result)

    rows = sheet_rows(out / "data/responses.xlsx")
    new = [row for row in rows[1:] if "2026-0002" in row]
    assert len(new) == 1 and any(getattr(v, "date", lambda: None)() == dt.date(2026, 4, 3) for v in new[0])
    assert len(rows) == 3  # the header and two replies

    cold = tmp_path / "cold"
    assert build(content, cold).returncode == 0
    a, b = tree(out), tree(cold)
    assert sorted(a) == sorted(b)
    assert [rel for rel in a if a[rel] != b[rel]] == []


def collection(out, name):
    return {r["id"]: r for r in json.loads((out / "data" / name).read_bytes())}


def test_collections_after_lines_added_edited_and_removed_are_a_cold_builds(tmp_path, make_content):
    """A rebuild copies each collection's unchanged lines from the last build's file
    (opendata/collection.py): an edited proposal in the middle, a deleted reply (the first
    line), a new proposal and reply (the last lines) must read as a cold build writes them."""
    content = make_content([assigned_proposal(n) for n in ("0001", "0002", "0003")]
                           + [response("2026-0001"), response("2026-0002"), response("2026-0003")])
    out = tmp_path / "site"
    assert build(content, out).returncode == 0
    write_tree(content, dict([assigned_proposal("0002", title="关于改建社区食堂的建议"), assigned_proposal("0004"),
                              response("2026-0004", body="新的答复。")]))
    (content / "responses/2026/0001-fgw.md").unlink()
    result = build(content, out)
    assert result.returncode == 0, result.stderr

    proposals, replies = collection(out, "proposals.json"), collection(out, "responses.json")
    assert proposals["2026-0002"]["title"] == "关于改建社区食堂的建议"
    assert sorted(replies) == ["2026/0002-fgw", "2026/0003-fgw", "2026/0004-fgw"]
    cold = tmp_path / "cold"
    assert build(content, cold).returncode == 0
    a, b = tree(out), tree(cold)
    assert sorted(a) == sorted(b)
    assert [rel for rel in a if a[rel] != b[rel]] == []
