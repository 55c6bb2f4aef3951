"""Pagefind's bundles are the longest chain of a cold build (search/indexer.py build_bundles): the next
bundle's Pagefind starts as soon as the last one exits, and the bundle it wrote is checked and
completed (its filters sorted, its pairs and own-field runs written) while the next one runs,
not between the two. Real Pagefind, behind a wrapper that notes what it finds when it starts."""
from __future__ import annotations

import stat
import threading

from disclosure.search_records import Record
from search.bundles import page_count
from search.indexer import UNUSED, _pagefind, build_bundles
from search.pairs import PAIRS_FILE, read_pairs


def records(year: int, count: int = 3) -> list[Record]:
    return [Record(url=f"proposals/{year}/{n:04d}/", kind="proposal",
                   fields=[f"关于第{n}号的提案", f"{year}-{n:04d}", f"低碳社区建设第{n}段正文。"],
                   meta={"title": f"提案{n}"}, filters={"year": [str(year)]}, date=f"{year}-01-{n:02d}", keys=2)
            for n in range(1, count + 1)]


def wrapper(folder, first_bundle, noted, started):
    """Pagefind behind a script: when it indexes the second bundle, it first notes whether the first
    is finished yet (its pairs written), and marks that it started."""
    script = folder / "pagefind"
    script.write_text(
        "#!/bin/sh\n"
        'case "$4" in *second)\n'
        f'  if [ -e "{first_bundle / PAIRS_FILE}" ]; then echo finished > "{noted}"; else echo unfinished > "{noted}"; fi\n'
        f'  touch "{started}";;\n'
        "esac\n"
        f'exec "{_pagefind()}" "$@"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def test_a_bundle_is_finished_while_the_next_pagefind_runs(tmp_path, monkeypatch):
    first, second = tmp_path / "site/first", tmp_path / "site/second"
    noted, started = tmp_path / "noted", tmp_path / "started"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(wrapper(tmp_path, first, noted, started)))
    waited = threading.Event()

    def until_the_second_pagefind_started():
        """The second bundle's side work (as the kept corpus's store is written) holds the corpus thread
        until its Pagefind has started: the order of the rest is then fixed, whatever the timing."""
        for _ in range(600):
            if started.exists():
                waited.set()
                return
            threading.Event().wait(0.1)

    counts = build_bundles([(records(2024), first), (records(2025), second, until_the_second_pagefind_started)])
    assert counts == [3, 3]
    assert waited.is_set()
    assert noted.read_text().strip() == "unfinished"  # the first was finished while the second ran …
    for bundle in (first, second):  # … and both are whole once the chain returns
        assert page_count(bundle) == 4  # the records and the order anchor
        assert read_pairs(bundle)
        assert not any((bundle / name).exists() for name in UNUSED)


def test_a_damaged_bundle_fails_the_chain_and_leaves_no_corpus_folder(tmp_path, monkeypatch):
    # The first bundle is found damaged while the second's Pagefind runs (slowed here by a second);
    # the chain stops before the third's Pagefind. The third's corpus, written ahead and taken for
    # it, was neither Pagefind's nor still written ahead, and stayed in the scratch folder (tmpfs: RAM
    # until a reboot).
    import pytest
    import search.indexer as indexer
    from search.indexer import SearchIndexError

    scratch = tmp_path / "shm"
    scratch.mkdir()
    monkeypatch.setattr(indexer, "FAST_TMP", str(scratch))
    slow = tmp_path / "pagefind"
    slow.write_text('#!/bin/sh\ncase "$4" in *second) sleep 1;; esac\n'
                    f'exec "{_pagefind()}" "$@"\n', encoding="utf-8")
    slow.chmod(slow.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(slow))
    checked = indexer._checked_pages

    def damaged_first(bundle):
        if bundle.name == "first":
            raise SearchIndexError("damaged first")
        return checked(bundle)
    monkeypatch.setattr(indexer, "_checked_pages", damaged_first)
    site = tmp_path / "site"
    with pytest.raises(SearchIndexError, match="damaged first"):
        build_bundles([(records(2023), site / "first"), (records(2024), site / "second"),
                       (records(2025), site / "third")])
    assert sorted(p.name for p in scratch.iterdir()) == []


def test_a_corpus_is_written_for_pagefind_before_its_pairs_are_made(tmp_path, monkeypatch):
    # Pagefind waits for its corpus; the pairs of adjacent words (~40 % of making a record's file)
    # are needed only once it has started, so the chain's first Pagefind started that much later
    # when they were made with the files. The bundle's pairs are still every record's.
    import search.corpus as corpus
    import search.indexer as indexer
    from search.pairs import text_pairs
    from search.tokens import index_text

    happened = []
    made_pairs, written = corpus.text_pairs, indexer.write_corpus

    def pairs(text):
        happened.append("pairs")
        return made_pairs(text)

    def write(files, folder):
        happened.append("written")
        return written(files, folder)

    monkeypatch.setattr(corpus, "text_pairs", pairs)
    monkeypatch.setattr(indexer, "write_corpus", write)
    bundle = tmp_path / "site/2024"
    assert build_bundles([(records(2024), bundle)]) == [3]
    assert happened[0] == "written" and happened.count("pairs") == 3
    assert read_pairs(bundle) == set().union(*(text_pairs(index_text(r.fields, r.keys)) for r in records(2024)))
