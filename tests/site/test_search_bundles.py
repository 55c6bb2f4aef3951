"""The search index is one Pagefind bundle per year; a build indexes again only the years that changed.

Real CLI builds with the build cache, as `build.py build` runs them. Whether the merged
bundles find the right pages is tests/browser/test_search.py's job; this is about what
each build writes.
"""
from __future__ import annotations

import json
import re

from conftest import assigned_proposal, build, response, site_yaml, write_tree
from search.bundles import OTHER, group_of, grouped

SITE_URL = "https://zx.example.org"


def tree(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def inodes(folder):
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def listed_bundles(out):
    page = (out / "search/index.html").read_text(encoding="utf-8")
    return json.loads(re.search(r"data-pagefind-bundles='([^']*)'", page).group(1))


def same_as_cold(content, out, cold):
    assert build(content, cold, SITE_URL).returncode == 0
    a, b = tree(out), tree(cold)
    assert sorted(a) == sorted(b), set(a) ^ set(b)
    assert [name for name in a if a[name] != b[name]] == []


def archive(tmp_path):
    files = dict([
        assigned_proposal("0001", 2023, body="关于低碳社区的建议。"),
        response("2023-0001", body="二〇二三年的答复：已经落实。", date="2023-04-01"),
        assigned_proposal("0001", 2024, body="关于绿色金融的建议。"),
        response("2024-0001", body="年底才答复。", date="2025-01-06"),  # in the 2025 bundle
        assigned_proposal("0001", 2025, body="关于社区养老的建议。"),
        response("2025-0001", body="二〇二五年的答复。", date="2025-04-01"),
    ])
    return write_tree(tmp_path / "content", {"site.yaml": site_yaml(), **files})


def test_records_are_grouped_by_the_year_of_their_date_newest_first():
    class R:
        def __init__(self, date):
            self.date = date

    records = [R("2024-05-01"), R(""), R("2025-01-06"), R("2024-01-10"), R("0000-00-00")]
    assert [group_of(r) for r in records] == ["2024", OTHER, "2025", "2024", OTHER]
    assert [(g, [r.date for r in rs]) for g, rs in grouped(records)] == [
        ("2025", ["2025-01-06"]), ("2024", ["2024-05-01", "2024-01-10"]), (OTHER, ["", "0000-00-00"])]
    # A year too large for one bundle is cut into parts of consecutive dates, never between equal dates.
    year = [R(d) for d in ("2025-06-01", "2025-01-01", "2025-03-01", "2025-01-01", "2025-03-01", "2025-01-02")]
    assert [(g, [r.date for r in rs]) for g, rs in grouped(year + records[:1], limit=2)] == [
        ("2025-3", ["2025-06-01"]), ("2025-2", ["2025-01-02", "2025-03-01", "2025-03-01"]),
        ("2025-1", ["2025-01-01", "2025-01-01"]), ("2024", ["2024-05-01"])]


def test_one_bundle_per_year_and_a_rebuild_indexes_only_the_changed_year(tmp_path):
    content, out = archive(tmp_path), tmp_path / "site"
    assert build(content, out, SITE_URL).returncode == 0
    bundles = out / "pagefind"
    assert sorted(p.name for p in bundles.iterdir()) == ["2023", "2024", "2025"]
    # The search page lists them newest first with their page counts (the records and the order anchor),
    # and names each one's metadata file and WebAssembly, which it preloads.
    listed = listed_bundles(out)
    assert [{"path": b["path"], "pages": b["pages"]} for b in listed] == [
        {"path": f"{SITE_URL}/pagefind/{year}/", "pages": pages} for year, pages in (("2025", 4), ("2024", 2), ("2023", 3))]
    for b in listed:
        folder = bundles / b["path"].rstrip("/").rsplit("/", 1)[1]
        assert (folder / f"pagefind.{b['meta']}.pf_meta").is_file() and (folder / f"wasm.{b['wasm']}.pagefind").is_file()
    page = (out / "search/index.html").read_text(encoding="utf-8")
    assert f'data-pagefind="{SITE_URL}/pagefind/2025/pagefind.js"' in page
    for year in ("2023", "2024", "2025"):
        names = {p.name for p in (bundles / year).iterdir()}
        assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "fragment", "index", "filter"} <= names
        assert not any(n.startswith("pagefind-ui") or "highlight" in n for n in names), names
    before = inodes(bundles)

    # One reply's text changes: only its year's bundle is indexed again; the others are the same files.
    reply = content / "responses/2023/0001-fgw.md"
    reply.write_text(reply.read_text(encoding="utf-8").replace("已经落实", "已经全部落实"), encoding="utf-8")
    assert build(content, out, SITE_URL).returncode == 0
    after = inodes(bundles)
    for year in ("2024", "2025"):
        mine = {k: v for k, v in after.items() if k.startswith(f"{year}/")}
        assert mine and all(before.get(k) == v for k, v in mine.items()), year
    assert any(before.get(k) != v for k, v in after.items() if k.startswith("2023/fragment/"))
    same_as_cold(content, out, tmp_path / "cold-1")

    # A year that no longer has any record leaves no bundle behind.
    (content / "responses/2023/0001-fgw.md").unlink()
    (content / "proposals/2023/0001.md").unlink()
    assert build(content, out, SITE_URL).returncode == 0
    assert sorted(p.name for p in bundles.iterdir()) == ["2024", "2025"]
    assert [b["path"] for b in listed_bundles(out)] == [f"{SITE_URL}/pagefind/2025/", f"{SITE_URL}/pagefind/2024/"]
    same_as_cold(content, out, tmp_path / "cold-2")
