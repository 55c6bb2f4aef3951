"""Which ASCII runs a bundle's own fields hold: lets the page rule out own-field hits.

Best match first lists the items whose own title, number or keywords hold the query
before all others (search.js). The newest bundle's results are therefore the first of
the whole list only if no older bundle has an own-field hit, and a proposal number of
an earlier year (2023-0012) is decided by the one bundle whose own fields hold it.

A run is a longest stretch of ASCII characters in one own field, NFKC, lower-cased,
spaces left out (as the search ignores them): 关于ＰＭ２．５监测的建议 → pm2.5,
2023-0012 → 2023-0012, （第12期） → "(", "12", ")". An item's own field can hold a query
only if every ASCII run of the query lies inside one of the field's runs, so a bundle
none of whose runs contains one of the query's (PM2.5 and LEED are no one's title
there; 2023-0012 is only in the bundle of its proposal) can hold no own-field hit.

The list is kept short: a run inside another run says nothing more (12 inside
2023-0012) and is left out, and runs that differ only in a trailing number of one
width are written as a range, ["2023-", "0001", "0780"] for 2023-0001 … 2023-0780.
Written beside each bundle as it is indexed (gongkai-own.json), so a bundle reused from
the last build keeps its list. ASCII only: lower-casing agrees there in Python,
JavaScript and Pagefind.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from .tokens import normalized

FILE = "gongkai-own.json"
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")
_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$", re.S)


def field_runs(text: str) -> list[str]:
    """A field's ASCII runs: NFKC, lower-cased, spaces left out (search.js, `asciiRuns`, agrees)."""
    folded = "".join(ch for ch in normalized(text or "").lower() if not ch.isspace())
    return _ASCII_RUN.findall(folded)


def own_runs(records) -> list:
    """The runs of the records' own fields, sorted: a string per run, [prefix, first, last] per range."""
    runs = {run for record in records for own in record.fields[:record.keys] for run in field_runs(own)}
    inside = {run[i:j] for run in runs for i in range(len(run)) for j in range(i + 1, len(run) + 1)
              if (i, j) != (0, len(run))}
    return _ranges(sorted(runs - inside))


def _ranges(runs: list[str]) -> list:
    """Runs ending in numbers of one width and one prefix, consecutive: [prefix, first, last]."""
    families: dict[tuple[str, int], list[int]] = {}
    plain = []
    for run in runs:
        match = _TRAILING_NUMBER.match(run)
        if match:
            prefix, digits = match.groups()
            families.setdefault((prefix, len(digits)), []).append(int(digits))
        else:
            plain.append(run)
    out = list(plain)
    for (prefix, width), numbers in families.items():
        numbers.sort()
        start = previous = numbers[0]
        for n in numbers[1:] + [None]:
            if n is not None and n == previous + 1:
                previous = n
                continue
            first, last = f"{start:0{width}d}", f"{previous:0{width}d}"
            out += [prefix + first] if start == previous else [[prefix, first, last]]
            if n is not None:
                start = previous = n
    return sorted(out, key=lambda r: r if isinstance(r, str) else r[0] + r[1])


def write_own_runs(records, bundle: Path) -> None:
    (Path(bundle) / FILE).write_text(json.dumps(own_runs(records), ensure_ascii=False, separators=(",", ":")),
                                     encoding="utf-8")


def read_own_runs(bundle: Path):
    """A written bundle's list; None for a bundle without one (it could hold any run)."""
    path = Path(bundle) / FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
