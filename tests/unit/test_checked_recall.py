"""A rebuild that takes a file's checks from the store (checked.py) keeps what goes with them: the
file's parsed front matter stays kept, and a file whose name is not UTF-8 (a zip made on a GBK
Windows machine) is kept and found again like any other."""
import os

from conftest import BUILD_DATE, assigned_proposal, proposal, response
from disclosure.site import load_site
from gongkai_build.checked_store import CheckedStore
from gongkai_build.stores import ParsedStore
from support.stores import load


def test_a_recalled_files_front_matter_stays_kept(make_content, tmp_path):
    content = make_content([assigned_proposal(), response()])
    cache = tmp_path / "cache"
    load(content, cache)
    parsed, checked = ParsedStore(cache / "parsed.pickle"), CheckedStore(cache / "checked.pickle")
    assert len(parsed.loaded) >= 2  # the two entries' front matter (and site.yaml's)
    load_site(content, today=BUILD_DATE, parsed=parsed, checked=checked)
    assert checked.recalled == 2  # both entries' checks came from the store, their files not parsed
    assert parsed.used == set(parsed.loaded)  # and each front matter was kept for the next build


def test_with_the_hashes_known_a_recalled_files_front_matter_stays_kept_too(make_content, tmp_path):
    """A build that knows each file's hash (gongkai_build/file_hashes.py) does not read a kept file."""
    import hashlib

    content = make_content([assigned_proposal(), response()])
    cache = tmp_path / "cache"
    load(content, cache)
    parsed, checked = ParsedStore(cache / "parsed.pickle"), CheckedStore(cache / "checked.pickle")
    read = []

    def digest_of(path):
        read.append(str(path))
        with open(path, "rb") as fh:
            return hashlib.sha1(fh.read()).hexdigest()

    site = load_site(content, today=BUILD_DATE, parsed=parsed, checked=checked, digest_of=digest_of)
    assert sorted(site.proposals) == ["2026-0001"] and list(site.responses) == ["2026/0001-fgw"]
    assert checked.recalled == 2 and len(read) == 2
    assert parsed.used == set(parsed.loaded)


def test_a_file_whose_name_is_not_utf8_is_kept_and_recalled(make_content, tmp_path):
    content = make_content([assigned_proposal()])
    path, text = proposal("0002")
    folder = os.fsencode(content / "proposals/2026")
    with open(os.path.join(folder, "第0002号".encode("gbk") + b".md"), "w", encoding="utf-8") as fh:
        fh.write(text)
    first, store = load(content, tmp_path / "cache")
    assert sorted(first.proposals) == ["2026-0001", "2026-0002"]
    assert len(store.values) == 2
    again, store = load(content, tmp_path / "cache")
    assert store.recalled == 2 and sorted(again.proposals) == ["2026-0001", "2026-0002"]
    assert [p.severity for p in again.report.problems] == [p.severity for p in first.report.problems]


def test_a_new_store_of_checks_still_uses_the_parsed_front_matter(make_content, tmp_path):
    # Another code version (a new store of checks) checks every file again, but their front matter,
    # parsed by the last build, is not parsed again.
    content = make_content([assigned_proposal(), response()])
    cache = tmp_path / "cache"
    load(content, cache)
    parsed = ParsedStore(cache / "parsed.pickle")
    load_site(content, today=BUILD_DATE, parsed=parsed, checked=CheckedStore(tmp_path / "other.pickle"))
    assert parsed.recalled >= 2


def test_an_empty_mapping_of_front_matter_is_checked_not_skipped(make_content, tmp_path):
    content = make_content([assigned_proposal()])
    (content / "proposals/2026/0002.md").write_text("---\n{}\n---\n\n建议加快推进。\n", encoding="utf-8")
    site, _ = load(content, tmp_path / "cache")
    errors = [p for p in site.report.errors if p.path == "proposals/2026/0002.md"]
    assert errors  # the missing 提案号, 案由 … are named, not the file passed over in silence


# Only an entry public in full is kept (its text must not sit beside the output): two guards, the
# entry's own disclosure and every 公开属性 written in its front matter, each needed on its own.

SECRET = "不公开的答复原文第二段"


def test_a_mistyped_level_keeps_nothing_although_the_entry_reads_as_full(make_content, tmp_path):
    # 公开属性: 部分公开 is no level: an error, and the entry falls back to full; staff meant less.
    content = make_content([assigned_proposal(), response(body=f"{SECRET}。", 公开属性="部分公开")])
    site, store = load(content, tmp_path / "cache")
    [reply] = site.responses.values()
    assert reply.disclosure == "full" and any(p.key == "disclosure" for p in site.report.errors)
    assert len(store.values) == 1  # the proposal only
    assert SECRET.encode() not in (tmp_path / "cache" / "checked.pickle").read_bytes()


def test_a_kind_that_decides_its_disclosure_itself_keeps_nothing_not_full(make_content, tmp_path):
    # A site's own kind may withhold an entry by a key of its own (here 内部: 是), with no 公开属性.
    from dataclasses import replace

    from disclosure.kinds import standard_kinds
    from support import testkind

    def read_internal(src, vocab):
        meta = dict(src.meta)
        internal = meta.pop("内部", None)
        src.meta = meta
        entry, problems = testkind.read_bulletin(src, vocab)
        entry.disclosure = "withheld" if internal == "是" else "full"
        return entry, problems

    kinds = standard_kinds().plus(replace(testkind.BULLETIN, read=read_internal))
    content = make_content([("bulletins/2026/a.md", f"---\n标题: 内部简报\n日期: 2026-05-01\n内部: 是\n---\n\n{SECRET}。\n"),
                            ("bulletins/2026/b.md", "---\n标题: 公开简报\n日期: 2026-05-02\n---\n\n公开的简报。\n")])
    checked = CheckedStore(tmp_path / "checked.pickle")
    site = load_site(content, today=BUILD_DATE, parsed=ParsedStore(tmp_path / "parsed.pickle"), checked=checked,
                     kinds=kinds)
    assert site.report.ok, site.report.format()
    assert len(checked.values) == 1  # the public bulletin only
    checked.save()
    kept = (tmp_path / "checked.pickle").read_bytes()
    assert SECRET.encode() not in kept
    assert "公开的简报".encode() in kept  # (the kept file holds a kept entry's text as UTF-8)

