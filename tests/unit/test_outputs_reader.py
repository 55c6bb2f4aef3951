"""tests/support/outputs.py reads each kind of output as its client would, and refuses unknown files.

The disclosure tests (tests/site/test_disclosure_everywhere.py) check its readers on a real
build; these cases pin the decoding a real build may not show: text split by markup, escapes,
compressed and appended files, spreadsheets, and a file type nobody has taught it to read.
"""
from __future__ import annotations

import gzip
import io
import json
import pickle
import zipfile

import pytest

from tests.support.outputs import Unread, detokenised, read_outputs, reader_of

SECRET = "湖心亭七号"


def texts(tmp_path, files):
    out = tmp_path / "output"
    for rel, data in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    return dict(read_outputs(out))


def test_a_file_no_reader_claims_fails_loudly(tmp_path):
    with pytest.raises(Unread, match="data/proposals.parquet"):
        texts(tmp_path, {"index.html": b"<p>x</p>", "data/proposals.parquet": b"PAR1"})
    assert reader_of("data/proposals.xlsx") == "spreadsheet"


def test_html_text_split_by_marks_entities_and_attributes(tmp_path):
    page = ('<p>湖心<del>亭</del>七号</p><meta name="description" content="&#x6e56;心亭七号">'
            '<div data-x=\'{"t": "\\u6e56"}\'></div><!-- 湖心亭七号 -->').encode()
    [text] = texts(tmp_path, {"a/index.html": page}).values()
    assert text.count(SECRET) == 3


def test_feed_entry_html_is_read_after_unescaping(tmp_path):
    feed = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            '<id>urn:x</id><updated>2026-01-01T00:00:00Z</updated><entry><title>e</title><id>urn:e</id>'
            '<updated>2026-01-01T00:00:00Z</updated><content type="html">&lt;p&gt;湖心&lt;b&gt;亭&lt;/b&gt;七号'
            '&lt;/p&gt;</content></entry></feed>').encode()
    [text] = texts(tmp_path, {"feeds/all.atom.xml": feed}).values()
    assert SECRET in text


def test_json_escapes_and_csv_cells(tmp_path):
    found = texts(tmp_path, {"data/a.json": json.dumps({"text": [SECRET]}).encode(),  # ensure_ascii: \\u escapes
                             "data/a.csv": ("\ufeffid,text\n1,\"" + SECRET + "\"\n").encode()})
    assert all(SECRET in t for t in found.values())


def test_pagefind_files_are_gunzipped_and_fragments_detokenised(tmp_path):
    fragment = {"url": "/a/", "content": "湖 心 亭 u3002 七\u2060 号 \u2063 x."}
    files = {"pagefind/2026/fragment/und_1.pf_fragment": gzip.compress(b"pagefind_dcd" + json.dumps(fragment).encode()),
             "pagefind/2026/index/und_1.pf_index": gzip.compress(b"pagefind_dcd\x82c" + "湖".encode())}
    found = texts(tmp_path, files)
    assert "湖心亭。七 号\nx." in found["pagefind/2026/fragment/und_1.pf_fragment"]
    assert "湖" in found["pagefind/2026/index/und_1.pf_index"]
    assert detokenised("u 2 u2e 5\u2060 u3002.") == "u2.5 。."
    assert detokenised("城 u2c\ufdd0 A\ufdd0\u2060 x") == "城，Ａ x"  # written full-width: shown so


def test_spreadsheet_members_are_read(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("xl/sharedStrings.xml", f'<sst><si><t>{SECRET}</t></si></sst>')
    [text] = texts(tmp_path, {"data/proposals.xlsx": buffer.getvalue()}).values()
    assert SECRET in text


def test_the_build_cache_beside_the_output_is_unpickled_with_appended_and_nested_pickles(tmp_path):
    stream = pickle.dumps({"salt": "s", "values": {}}) + pickle.dumps({"values": {"k": pickle.dumps(["湖心亭", "七号"])}})
    cache = tmp_path / ".gongkai-cache" / "output"
    cache.mkdir(parents=True)
    (cache / "parsed.pickle").write_bytes(stream)
    found = texts(tmp_path, {"index.html": b""})
    assert "湖心亭" in found[".gongkai-cache/parsed.pickle"] and "七号" in found[".gongkai-cache/parsed.pickle"]


def cache_text(tmp_path, name: str, stream: bytes) -> str:
    cache = tmp_path / ".gongkai-cache" / "output"
    cache.mkdir(parents=True, exist_ok=True)
    (cache / name).write_bytes(stream)
    return texts(tmp_path, {"index.html": b""})[f".gongkai-cache/{name}"]


def test_a_kept_workbook_is_read_as_a_spreadsheet_and_kept_text_bytes_whole(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/sharedStrings.xml", f'<sst><si><t>{SECRET}</t></si></sst>')
    tokens = " ".join(SECRET).encode()  # a search record's words, one character a token
    text = cache_text(tmp_path, "kept.pickle", pickle.dumps({"values": {"w": buffer.getvalue(), "r": tokens}}))
    assert SECRET in text and " ".join(SECRET) in text


def test_a_character_made_by_chance_in_a_cache_files_binary_bytes_is_not_text(tmp_path):
    """Compressed bytes hold any given 3-byte UTF-8 sequence now and then; text written is a run."""
    lone = b"\x8f\x01" + "湖".encode() + b"\x02\xff"
    text = cache_text(tmp_path, "trees.pickle", pickle.dumps({"values": {"h": lone}}) + b"\x80\x04garbage" + lone)
    assert "湖" not in text
    run = cache_text(tmp_path, "cut.pickle", pickle.dumps({"values": {"k": SECRET}})[:-4])
    assert SECRET in run  # a cut-off pickle's text is still found in its raw bytes
