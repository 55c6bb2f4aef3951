"""A collection's JSON is written from its items' kept UTF-8 lines, piece by piece
(opendata/generator.py json_lines_bytes, gongkai_build/writer.py): the file must be the
JSON list of the records, one per line, as json_lines writes it from text."""
import json

import pytest

from gongkai_build.writer import _write
from opendata.generator import compact_json, json_lines, json_lines_bytes

RECORDS = [{"id": "2026-0001", "title": "关于“低碳社区”的建议", "n": 1}, {"id": "x", "text": "a\nb \\ \"q\" 😀"},
           {"empty": None, "list": [1, 2.5, "三"]}]


@pytest.mark.parametrize("count", [0, 1, 2, 3])
def test_the_file_is_the_json_list_of_the_records(tmp_path, count):
    records = RECORDS[:count]
    _write(str(tmp_path), "data/x.json", json_lines_bytes([compact_json(r).encode("utf-8") for r in records]))
    data = (tmp_path / "data" / "x.json").read_bytes()
    assert json.loads(data) == records
    assert data == json_lines([compact_json(r) for r in records]).encode("utf-8")
    assert data.count(b"\n") == (count + 2 if count else 1)  # one record per line
