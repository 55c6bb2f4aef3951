"""Each file's checks kept between builds (disclosure/checked.py, gongkai_build/checked_store.py):
a rebuild checks only new and edited files, and a kept result never hides a problem."""
from pathlib import Path

from conftest import BUILD_DATE, assigned_proposal, proposal, response, site_yaml, write_tree
from disclosure.site import load_site
from gongkai_build.checked_store import CheckedStore
from gongkai_build.stores import ParsedStore
from support.stores import load

WARNED = "proposals/2026/0002.md"


def line_of(file, text):
    """The line of `file` that holds `text`, counted in the file itself."""
    return next(n for n, line in enumerate(file.read_text(encoding="utf-8").split("\n"), 1) if text in line)


def files():
    return [assigned_proposal(), response(),
            proposal("0002", body="第一段。\n\n<font color=red>红字</font>\n"),
            proposal("0003", body="第三号提案正文。")]


def problems(site):
    return [(p.path, p.line, p.key, p.severity, p.zh) for p in site.report.problems]


def test_a_rebuild_reuses_every_unchanged_files_checks_with_their_problems(make_content, tmp_path):
    content = make_content(files())
    first, store = load(content, tmp_path / "cache")
    assert store.recalled == 0
    [warning] = problems(first)
    assert warning[:3] == (WARNED, line_of(content / WARNED, "<font"), "正文") and "font" in warning[4]

    again, store = load(content, tmp_path / "cache")
    assert store.recalled == 4  # every file's checks were kept, none made again
    assert problems(again) == problems(first)  # the kept warning is still reported, file, line and key
    assert again.proposals["2026-0002"].body == first.proposals["2026-0002"].body
    assert again.proposals["2026-0001"] == first.proposals["2026-0001"]
    assert again.digests == first.digests and again.key_lines == first.key_lines


def test_an_edited_file_is_checked_again_and_its_new_problem_reported(make_content, tmp_path):
    content = make_content(files())
    load(content, tmp_path / "cache")
    path, text = proposal("0003", category="不存在的类别", body="第三号提案正文。\n\n<center>居中</center>\n")
    (content / path).write_text(text, encoding="utf-8")
    site, store = load(content, tmp_path / "cache")
    assert store.recalled == 3  # the three other files
    found = [(p.path, p.key, p.line, p.is_error) for p in site.report.problems if p.path == path]
    assert (path, "category", line_of(content / path, "category:"), True) in found  # the bad category
    assert (path, "正文", line_of(content / path, "<center>"), False) in found  # the dropped tag
    assert any(p.path == WARNED for p in site.report.problems)  # the unchanged file's warning stays


def test_a_changed_site_yaml_checks_every_file_again(make_content, tmp_path):
    """An unchanged proposal whose category site.yaml no longer lists is an error at once."""
    content = make_content(files())
    load(content, tmp_path / "cache")
    write_tree(content, {"site.yaml": site_yaml(categories=[{"name": "城市建设", "slug": "urban"}])})
    site, store = load(content, tmp_path / "cache")
    assert store.recalled == 0
    assert {p.path for p in site.report.errors if p.key == "category"} >= {"proposals/2026/0001.md",
                                                                            "proposals/2026/0003.md"}


def test_only_entries_public_in_full_are_kept(make_content, tmp_path):
    """A withheld or summary-only entry's text (a problem may quote its body) is never kept."""
    secret = "<font>不公开的答复原文第二段</font>"
    content = make_content([assigned_proposal(), response(body=f"第一段。\n\n{secret}\n", disclosure="withheld"),
                            assigned_proposal("0004", disclosure="summary", summary="摘要。",
                                              body=f"正文。\n\n{secret}\n")])
    site, store = load(content, tmp_path / "cache")
    assert [p.value for p in site.report.problems if p.key == "正文"] == [secret, secret]  # both checked
    assert len(store.values) == 1  # the full proposal only
    kept = (tmp_path / "cache" / "checked.pickle").read_bytes()
    assert "不公开的答复原文".encode() not in kept
    assert all("不公开的答复原文" not in repr(v) for v in store.values.values())


def test_a_kept_file_whose_hash_the_build_knows_is_not_read_again(make_content, tmp_path):
    """Given each file's hash as the build's key read it (file_hashes.py), a kept file is taken
    from the store, body and all, without reading it: the bytes written since are not seen.
    A file the store does not hold (a withheld reply) is still read."""
    content = make_content([assigned_proposal(body="原来的正文。"),
                            response(body="不公开的答复。", disclosure="withheld")])
    first, _ = load(content, tmp_path / "cache")
    known = dict(first.digests)
    path, text = assigned_proposal(body="改过的正文。")
    (content / path).write_text(text, encoding="utf-8")
    reply = next(p for p in known if p.startswith("responses/"))
    (content / reply).write_text((content / reply).read_text(encoding="utf-8").replace("不公开的答复", "改过的答复"),
                                 encoding="utf-8")
    parsed, checked = ParsedStore(tmp_path / "cache" / "parsed.pickle"), CheckedStore(tmp_path / "cache" / "checked.pickle")
    site = load_site(content, today=BUILD_DATE, parsed=parsed, checked=checked,
                     digest_of=lambda file: known.get(Path(file).relative_to(content).as_posix()))
    assert checked.recalled == 1
    assert site.proposals["2026-0001"].body.strip() == "原来的正文。"  # kept, not read
    assert site.digests[path] == known[path]
    assert "改过的答复" in next(iter(site.responses.values())).body  # not kept: read
    again = load_site(content, today=BUILD_DATE, parsed=parsed, checked=checked)  # no hashes known: read
    assert again.proposals["2026-0001"].body.strip() == "改过的正文。"


def test_a_kept_files_index_number_is_not_worked_out_again_and_a_duplicate_is_still_reported(
        make_content, tmp_path, monkeypatch):
    """The 索引号 comes from the file, site.yaml and its kind alone: kept with the file's checks,
    a rebuild works out only the new files' (10,500 numbers a rebuild at N = 5,000 before)."""
    import disclosure.meta as meta

    content = make_content(files())
    write_tree(content, {"site.yaml": site_yaml(index_pattern="ZX-{year}-{kind}")})  # no {key}: all alike
    first, _ = load(content, tmp_path / "cache")
    duplicates = [p.zh for p in first.report.problems if p.key == "index_pattern"]
    assert duplicates and "索引号重复" in duplicates[0]

    made = []
    real = meta.index_fields
    monkeypatch.setattr(meta, "index_fields", lambda entry, *a: made.append(entry.path) or real(entry, *a))
    write_tree(content, dict([proposal("0004", body="第四号提案正文。")]))
    again, store = load(content, tmp_path / "cache")
    assert store.recalled == 4
    assert made == ["proposals/2026/0004.md"]  # the new file's number alone
    assert [p.zh for p in again.report.problems if p.key == "index_pattern"][:len(duplicates)] == duplicates
    assert again.index_numbers == {**first.index_numbers, "proposals/2026/0004.md": again.index_numbers[
        "proposals/2026/0004.md"]}


def test_an_unchanged_reply_whose_proposal_went_is_reported_with_file_line_and_key(make_content, tmp_path):
    """The checks across files run on every build: a reply recalled from the store, beside a
    changed file (its proposal deleted, another added), is reported at once, file, line and key."""
    content = make_content([assigned_proposal(), assigned_proposal("0005"), response()])
    first, _ = load(content, tmp_path / "cache")
    assert first.report.ok
    (content / assigned_proposal()[0]).unlink()
    write_tree(content, dict([proposal("0006")]))
    site, store = load(content, tmp_path / "cache")
    assert store.recalled == 2  # the reply and 0005 as the last build kept them
    reply = response()[0]
    [error] = [p for p in site.report.errors if p.path == reply]
    assert (error.key, error.line, error.value) == ("proposal", line_of(content / reply, "proposal:"), "2026-0001")


def test_the_store_is_read_as_one_file_of_entries_new_ones_appended(make_content, tmp_path):
    """Kept as objects, not a pickle each (one read a rebuild); a new file's result is appended
    and read back with the rest; a value pickle cannot name is left out, the others kept."""
    content = make_content(files())
    load(content, tmp_path / "cache")
    write_tree(content, dict([proposal("0004", body="第四号提案正文。")]))
    size = (tmp_path / "cache" / "checked.pickle").stat().st_size
    again, store = load(content, tmp_path / "cache")
    assert store.recalled == 4
    assert (tmp_path / "cache" / "checked.pickle").stat().st_size > size  # appended, not rewritten
    third = CheckedStore(tmp_path / "cache" / "checked.pickle")
    assert len(third.loaded) == 5
    assert {type(value[0]).__name__ for value in third.loaded.values()} == {"Proposal", "Response"}
    third.keep("cannot-be-pickled", (lambda: None, [], {}, "", ""))
    third.used |= set(third.loaded)
    third.save()
    assert set(CheckedStore(tmp_path / "cache" / "checked.pickle").loaded) == set(third.loaded)


def test_a_save_that_appends_does_not_read_the_file_again_and_writes_values_as_kept(tmp_path, monkeypatch):
    from gongkai_build import kept

    path = tmp_path / "checked.pickle"
    first = CheckedStore(path)
    for key in ("a", "b", "c", "d"):
        first.keep(key, {"text": key})
    first.save()
    store = CheckedStore(path)
    assert [store.recall(k)["text"] for k in "abcd"] == list("abcd")
    late = {"text": "e"}
    store.keep("e", late)
    late["text"] = "filled in after it was kept"  # as the check across files fills attachments in
    store.recall("a")["text"] = "changed after it was recalled"

    def read_again(*args, **kwargs):
        raise AssertionError("the file was read again to append one value")

    monkeypatch.setattr(kept, "load", read_again)
    store.save()
    monkeypatch.undo()
    again = CheckedStore(path)
    assert {k: again.recall(k)["text"] for k in "abcde"} == {k: k for k in "abcde"}
    again.save(purge=True)  # nothing unused: nothing to write; a rewrite takes the values from the file
    unused = CheckedStore(path)
    unused.recall("a")["text"] = "changed after it was recalled"
    unused.save(purge=True)  # b..e unused: rewritten with a as the file holds it
    assert {k: v["text"] for k, v in kept.load(path, unused.salt).items()} == {"a": "a"}
