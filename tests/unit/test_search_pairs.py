"""The pair index (plugins/search/pairs.py) may list a pair a bundle lacks, never omit one it holds."""
from __future__ import annotations

import json

from search.pairs import MAX_BUNDLES, read_pairs, shard_files, text_pairs, write_pairs
from search.tokens import index_text


def test_more_bundles_than_a_javascript_number_holds_bits_gives_no_index():
    """search.js reads a pair's bundles as one JSON number: bits past 2**53 would be lost and a
    bundle that holds the pair ruled out. Past that the page searches the bundles instead."""
    bundles = [(f"hash{i}", {"园 光"}) for i in range(MAX_BUNDLES + 1)]
    assert shard_files(bundles) is None
    digest, shards, files = shard_files(bundles[:MAX_BUNDLES])
    masks = [v for data in files.values() for v in json.loads(data)["pairs"].values()]
    assert masks == [2 ** MAX_BUNDLES - 1] and float(masks[0]) == masks[0]  # exact as a double


def test_a_word_pagefind_may_fold_is_listed_in_its_folded_forms_too(tmp_path):
    """İ lower-cases to i + U+0307 (combining dot): Pagefind may index it as i, so a query
    "ix" must not be ruled out in a bundle whose text reads "İx"."""
    pairs = text_pairs(index_text(["İx 是"]))
    write_pairs(pairs, tmp_path)
    held = read_pairs(tmp_path)
    assert pairs <= held
    assert "i\u0307 x" in pairs and "i x" in held  # the text's own pair, and as Pagefind may fold it
