"""Which ASCII characters, and pairs of them, a bundle's own fields hold: lets the page
rule out own-field hits.

Best match first lists the items whose own title, number or keywords hold the query
before all others (search.js). The newest bundle's results are therefore the first of
the whole list only if no older bundle has an own-field hit, and the own hit of a
proposal number of an earlier year (2023-0012) is decided by the bundles of its year.

A run is a longest stretch of ASCII characters in one own field, NFKC, lower-cased,
spaces left out (as the search ignores them): 关于ＰＭ２．５监测的建议 → pm2.5,
（第12期） → "(", "12", ")". An own field can hold a query only if every ASCII run of
the query lies inside one of the field's runs, so only if the bundle's runs hold each of
the query's ASCII characters and each pair of them side by side. PM2.5 and LEED are no
one's title there (no letters); 2023-0012's pair 3- is only in the bundles holding
2023's proposal numbers. The page gets the characters and the pairs, not the runs: a
year's proposal and reply numbers would be tens of kilobytes in every search page,
these are some 250 bytes a bundle whatever the archive.

Written beside each bundle as it is indexed (gongkai-own.json), so a bundle reused from
the last build keeps it. ASCII only: lower-casing agrees there in Python, JavaScript and
Pagefind.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from .tokens import normalized

FILE = "gongkai-own.json"
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


def field_runs(text: str) -> list[str]:
    """A field's ASCII runs: NFKC, lower-cased, spaces left out (search.js, `asciiRuns`, agrees)."""
    folded = "".join(ch for ch in normalized(text or "").lower() if not ch.isspace())
    return _ASCII_RUN.findall(folded)


def own_runs(record) -> tuple[str, ...]:
    """The ASCII runs of a record's own fields (kept with its corpus file, corpus.py)."""
    return tuple(run for own in record.fields[:record.keys] for run in field_runs(own))


def ascii_of_runs(runs) -> list[str]:
    """[the characters, the pairs side by side] of runs, each sorted; the pairs written one after
    another ("2002…" for 20 and 02)."""
    chars, pairs = set(), set()
    for run in runs:
        chars.update(run)
        pairs.update(run[i:i + 2] for i in range(len(run) - 1))
    return ["".join(sorted(chars)), "".join(sorted(pairs))]


def own_ascii(records) -> list[str]:
    """ascii_of_runs of the runs of the records' own fields."""
    return ascii_of_runs(run for record in records for run in own_runs(record))


def write_own_ascii(runs, bundle: Path) -> None:
    """A bundle's gongkai-own.json, from the runs of its records' own fields (own_runs)."""
    (Path(bundle) / FILE).write_text(json.dumps(ascii_of_runs(runs), ensure_ascii=False), encoding="utf-8")


def read_own_ascii(bundle: Path):
    """A written bundle's [characters, pairs]; None for a bundle without them (it could hold anything)."""
    path = Path(bundle) / FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
