"""A file of values kept between builds, keyed by a hash of what each is made from.

Rendered bodies, parsed front matter, open-data lines: a rebuild after one new
reply needs all of them and makes only a few new ones. Rewriting a 60–100 MB
file for those few would cost more than making them, so new values are
appended to it, and the file is rewritten (with only the values the build used)
once a quarter of what it holds is no longer used.

The file is a pickled {"salt", "values"} followed by appended {"values"}; a
different salt (other code or settings) reads as empty, and a file cut off
half-way keeps what was read before the cut. Values are only ever read from
files this program wrote.

A build after an entry stopped being public (withheld, summary only, or
deleted) saves with `purge`: the file is then rewritten without every value
this build did not use, so the entry's old text does not stay on disk.
"""
from __future__ import annotations

import io
import os
import pickle
from pathlib import Path


class Loaded(dict):
    """load()'s values; `whole` says the file was read to its end (appending after a cut-off
    tail would put values where load never reads them: save then rewrites the file)."""

    whole = False


def load(path: Path, salt: str, at_once: bool = False) -> dict:
    """`at_once`: the file read in one call first (a store read on a thread while another runs
    Python: each of the ~200 reads of 64 KB otherwise waits for the GIL; it costs the file's size
    in memory meanwhile)."""
    values = Loaded()
    try:
        with open(path, "rb") as raw:
            size = os.fstat(raw.fileno()).st_size
            fh = io.BytesIO(raw.read()) if at_once else raw
            head = pickle.load(fh)
            if not isinstance(head, dict) or head.get("salt") != salt:
                return Loaded()
            values.update(head.get("values", {}))
            while True:
                at = fh.tell()
                if at == size:
                    values.whole = True
                    break
                values.update(pickle.load(fh).get("values", {}))
    except Exception:  # missing, foreign, from other code or cut off: what was read so far is still right
        pass
    return values


def save(path: Path, salt: str, loaded: dict, used: dict, purge: bool = False) -> None:
    """Keep `used` for the next build; `loaded` is what load() returned at the start of this one.
    With `purge`, nothing this build did not use stays in the file. A value that cannot be
    pickled raises before anything is written (the file stays as it was)."""
    save_used(path, salt, loaded, used.keys(), used, purge)


def save_used(path: Path, salt: str, loaded: dict, keys, values: dict, purge: bool = False) -> None:
    """`save` of the values of `keys` (a set of keys, those not in `values` left out), without
    making that dict when the file is only appended to: a rebuild that used what it loaded
    (the next day: ~10,500 front matters and checks) appends nothing, and building the dict of
    every used value only to find that took ~0.05 s a store at N = 5,000."""
    keys = values.keys() & keys
    new = keys - loaded.keys()
    unused = len(loaded) - (len(keys) - len(new))
    # Appended only to a file read under this salt (loaded holds its values): after another
    # salt's header, appended values would never be read back.
    if loaded and getattr(loaded, "whole", True) and path.exists() and unused * 4 <= len(keys) and not (purge and unused):
        if new:
            data = pickle.dumps({"values": {k: values[k] for k in new}}, protocol=pickle.HIGHEST_PROTOCOL)  # whole, before a byte is appended
            with open(path, "ab") as fh:
                fh.write(data)
        return
    used = {k: values[k] for k in keys}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    try:
        with open(tmp, "wb") as fh:
            pickle.dump({"salt": salt, "values": used}, fh, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)
