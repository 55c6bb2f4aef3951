"""One slip, one error, for every key of every sample file: a wrong value, or a line YAML cannot read,
written into one file is reported in that file only. A second error elsewhere ("找不到这件提案",
"还没有任何答复" at a proposal whose reply is there but wrong) sends staff to the wrong file, and a
non-programmer may "fix" it by deleting what was right (validate.py, broken_replies.py).

Ground truth: the sample content passes `check`; each case changes one line of one file.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from disclosure.site import load_site

SAMPLE = Path(__file__).resolve().parents[2] / "content"
KEY_LINE = re.compile(r"^([A-Za-z_\u4e00-\u9fff]+):\s*(\S.*)$")
# a value of no key's kind (a title may be anything: then nothing is wrong); a line YAML cannot read;
# a date that is none (an id's form: 2026-13-01 names no proposal)
SLIPS = ("坏值", "[坏", "2026-13-01")
ID_KEYS = ("number", "提案号")


def errors(root):
    return {(p.path, p.key, p.zh) for p in load_site(root).report.problems if p.is_error}


def key_lines(text):
    """(line index, key) of each one-line top-level key of a file's front matter."""
    head = text[:text.index("\n---", 3)].split("\n")
    return [(i, m.group(1)) for i, line in enumerate(head) if (m := KEY_LINE.match(line))
            and not m.group(2).startswith(("|", ">"))]


def test_a_slip_in_any_key_of_any_file_is_reported_only_in_that_file(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    assert errors(content) == set()
    cases, elsewhere = 0, []
    for path in sorted(content.rglob("*.md")):
        rel = str(path.relative_to(content))
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        for i, key in key_lines(text):
            for slip in SLIPS:
                path.write_text("\n".join([*lines[:i], f"{key}: {slip}", *lines[i + 1:]]), encoding="utf-8")
                found = errors(content)
                cases += 1
                assert found or slip != "[坏", f"{rel} {key}: an unreadable line passed check"
                if key in ID_KEYS and slip == "2026-13-01":  # a number of that form is a number: the id
                    same = [x for x in found if x[0] == rel]  # changed, and what named the old one is told
                    assert same == [], same  # it names nothing, beside this file's warning (name ≠ number)
                    continue
                elsewhere += [f"{rel} {key}: {slip} → {p} [{k}] {zh}" for p, k, zh in found if p != rel]
            path.write_text(text, encoding="utf-8")
    assert cases > 300  # every file's keys were tried (the sample has ~35 files)
    assert elsewhere == [], "\n".join(elsewhere)
