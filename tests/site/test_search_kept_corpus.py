"""A re-indexed bundle writes its unchanged records from the kept corpus (plugins/search/kept_corpus.py)
and makes only the changed ones; the store beside the output never holds a record of an entry
that is not public in full.

Real CLI builds with the build cache. The store is read here as the disclosure tests read every
cache file (tests/support/outputs.py), and its records' tokens joined back into text.
"""
from __future__ import annotations

import html
import pickle
import re

import pytest

from conftest import assigned_proposal, build, response, site_yaml, write_tree
from tests.support.outputs import detokenised, pagefind_fragment_texts, pickle_texts

SITE_URL = "https://zx.example.org"
FULL = "全文公开的答复正文：社区食堂已经建成。"
WITHHELD_TITLE = "关于暂缓东湖绿地调整的答复函"
SUMMARY = "答复摘要：已研究停车收费的建议。"


def tree(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def same_as_cold(content, out, cold):
    assert build(content, cold, SITE_URL).returncode == 0
    a, b = tree(out), tree(cold)
    assert sorted(a) == sorted(b), set(a) ^ set(b)
    assert [name for name in a if a[name] != b[name]] == []


def stores(out):
    return sorted((out.parent / ".gongkai-cache" / out.name / "search-corpus").glob("*.pickle"))


def store_text(out) -> str:
    """Every kept record's file, read as the disclosure tests read a cache file (all of it), and the
    indexed text of each record with its tokens joined back into text."""
    found = stores(out)
    assert found
    texts = [t for p in found for t in pickle_texts(p.read_bytes())]
    bodies = [detokenised(html.unescape(b)) for t in texts for b in re.findall(r"<div data-pagefind-body>(.*?)</div>", t)]
    return "\n".join(texts + bodies)


def archive(tmp_path, **extra):
    files = dict([
        assigned_proposal("0001", body="关于社区养老的建议。"),
        response("2026-0001", body=FULL),
        assigned_proposal("0002", body="关于东湖绿地的建议。"),
        response("2026-0002", disclosure="withheld", title=WITHHELD_TITLE, body="不公开的答复原文。"),
        assigned_proposal("0003", body="关于停车收费的建议。"),
        response("2026-0003", disclosure="summary", summary=SUMMARY, body="只公开摘要的答复原文。"),
        assigned_proposal("0004", body="关于公园照明的建议。"),
    ])
    return write_tree(tmp_path / "content", {"site.yaml": site_yaml(**extra), **files})


def fragments(out) -> str:
    """The text of every result of the index, as the search page shows it."""
    return "\n".join(t for path in (out / "pagefind").rglob("*.pf_fragment")
                     for t in pagefind_fragment_texts(path.read_bytes()))


def test_the_kept_corpus_holds_no_record_of_an_entry_not_public_in_full(tmp_path):
    content, out = archive(tmp_path), tmp_path / "site"
    for _ in range(2):  # the second build reads what the first kept
        result = build(content, out, SITE_URL)
        assert result.returncode == 0, result.stderr
    # the index shows them all (a withheld reply's own title, a summary reply's summary) ...
    shown = fragments(out)
    assert FULL in shown and WITHHELD_TITLE in shown and SUMMARY in shown
    # ... but only the record of an entry public in full is kept beside the output
    kept = store_text(out)
    assert FULL in kept and "关于社区养老的建议。" in kept
    assert WITHHELD_TITLE not in kept
    assert SUMMARY not in kept


def test_a_rebuilt_bundle_writes_its_unchanged_records_from_the_store_and_makes_the_changed_ones(tmp_path):
    content, out = archive(tmp_path), tmp_path / "site"
    assert build(content, out, SITE_URL).returncode == 0
    # Mark proposal 0004's kept file: a build that reads the store shows the mark in its result.
    (path,) = stores(out)
    with open(path, "rb") as fh:
        head = pickle.load(fh)
    values = head["values"]
    (key,) = [k for k, v in values.items() if v[0] == "proposals/2026/0004/index.html"]
    record = list(values[key])
    record[1] = record[1].replace("照 明".encode(), "绿 化".encode())
    values[key] = tuple(record)
    with open(path, "wb") as fh:
        pickle.dump(head, fh)

    reply = content / "responses/2026/0001-fgw.md"
    reply.write_text(reply.read_text(encoding="utf-8").replace("已经建成", "已经全部建成"), encoding="utf-8")
    assert build(content, out, SITE_URL).returncode == 0
    shown = fragments(out)
    assert "关于公园绿化的建议" in shown and "关于公园照明的建议" not in shown  # kept, not made again
    assert "社区食堂已经全部建成" in shown  # the edited reply, made again


def test_what_a_record_is_made_from_changes_its_kept_file(tmp_path):
    """A unit's new name (site.yaml) is in every record of its replies and proposals; an edited body
    in one: the rebuilt index is a cold build's, byte for byte."""
    content, out = archive(tmp_path), tmp_path / "site"
    assert build(content, out, SITE_URL).returncode == 0
    yaml_path = content / "site.yaml"
    text = yaml_path.read_text(encoding="utf-8")
    assert "测试区发展和改革委员会" in text
    yaml_path.write_text(text.replace("测试区发展和改革委员会", "测试区发展和改革局"), encoding="utf-8")
    proposal = content / "proposals/2026/0004.md"
    proposal.write_text(proposal.read_text(encoding="utf-8").replace("公园照明", "公园夜间照明"), encoding="utf-8")
    assert build(content, out, SITE_URL).returncode == 0
    shown = fragments(out)
    assert "测试区发展和改革局" in shown and "公园夜间照明" in shown
    same_as_cold(content, out, tmp_path / "cold")


@pytest.mark.parametrize("fault", ["enospc@before-switch", "kill@before-switch"])
def test_a_build_that_fails_after_indexing_leaves_no_text_in_the_store_that_the_live_site_withholds(tmp_path, fault):
    """A reply made public in full, then a build that indexes its year but fails before the switch
    (a full disk) or is killed, then the reply withheld again: the next build reuses the live bundle (its inputs are
    the live site's), so the store must still be the live site's, without the reply's text."""
    content, out = archive(tmp_path), tmp_path / "site"
    assert build(content, out, SITE_URL).returncode == 0
    (path,) = [p for p in (content / "responses").rglob("*.md") if "不公开的答复原文" in p.read_text(encoding="utf-8")]
    withheld = path.read_text(encoding="utf-8")
    secret = "只在失败的那次生成中公开过的答复原文。"
    public = withheld.replace("disclosure: withheld", "disclosure: full").replace("不公开的答复原文。", secret)
    assert public != withheld and "disclosure: full" in public
    path.write_text(public, encoding="utf-8")
    failed = build(content, out, SITE_URL, env={"GONGKAI_FAULT": fault})
    assert failed.returncode != 0
    path.write_text(withheld, encoding="utf-8")
    assert build(content, out, SITE_URL).returncode == 0
    folder = out.parent / ".gongkai-cache" / out.name / "search-corpus"
    everything = "\n".join(t for p in folder.parent.rglob("*") if p.is_file() for t in pickle_texts(p.read_bytes()))
    flat = everything.replace(" ", "")  # the tokens of the indexed text, joined back
    assert "社区食堂已经建成" in flat  # the stores are read: a full reply's text is there
    assert "失败" not in flat and secret not in flat
    same_as_cold(content, out, tmp_path / "cold")


@pytest.mark.parametrize("fault", ["enospc@before-switch", "no-exchange,enospc@between-renames"])
def test_a_failed_build_deletes_its_pending_stores_at_once(tmp_path, fault):
    """A build that fails (a full disk before the switch, or while switching) leaves no store of records
    its site never published: the text in it may be withheld again before any next build runs (pending.py)."""
    content, out = archive(tmp_path), tmp_path / "site"
    assert build(content, out, SITE_URL).returncode == 0
    (path,) = [p for p in (content / "responses").rglob("*.md") if "不公开的答复原文" in p.read_text(encoding="utf-8")]
    secret = "只在失败的那次生成中公开过的答复原文。"
    path.write_text(path.read_text(encoding="utf-8").replace("disclosure: withheld", "disclosure: full")
                    .replace("不公开的答复原文。", secret), encoding="utf-8")
    failed = build(content, out, SITE_URL, env={"GONGKAI_FAULT": fault})
    assert failed.returncode != 0
    cache = out.parent / ".gongkai-cache" / out.name
    everything = "\n".join(t for p in cache.rglob("*") if p.is_file() for t in pickle_texts(p.read_bytes()))
    assert "社区食堂已经建成" in everything.replace(" ", "")  # the stores are read
    assert "失败" not in everything.replace(" ", "")
    assert not (cache / "pending").exists() or not any((cache / "pending").rglob("*.pickle"))
