"""Is a Pagefind bundle whole? Pagefind exits 0 when a write fails (a full disk leaves its
files empty or cut short), so every bundle it writes is checked before the site may go live.

Its index, fragment, filter and metadata files and its WebAssembly are gzip streams, whose
trailer holds the CRC and length of the content: a cut-off or empty file fails to
decompress. pagefind-entry.json must parse and name metadata that exists. The two
JavaScript files carry no checksum; a disk left full after the run (verify.full_disk)
is taken as a lost write.
"""
from __future__ import annotations

import gzip
import json
import os
import zlib
from pathlib import Path

from gongkai_build.verify import Damaged, full_disk

SIGNATURE = b"pagefind_dcd"
COMPRESSED = (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter", ".pagefind")
SCRIPTS = ("pagefind.js", "pagefind-worker.js")


def check_bundle(bundle: Path) -> None:
    """Raise Damaged (or OSError ENOSPC) unless every file of the bundle is complete."""
    bundle = Path(bundle)
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        hashes = [language["hash"] for language in entry["languages"].values()]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise Damaged(f"{bundle.name}/pagefind-entry.json: {error}") from error
    for lang_hash in hashes:
        if not (bundle / f"pagefind.{lang_hash}.pf_meta").is_file():
            raise Damaged(f"{bundle.name}: pagefind.{lang_hash}.pf_meta missing")
    for name in SCRIPTS:
        path = bundle / name
        if not path.is_file() or path.stat().st_size == 0:
            raise Damaged(f"{bundle.name}/{name}: missing or empty")
    for folder, _, files in os.walk(bundle):
        for name in files:
            if name.endswith(COMPRESSED):
                path = os.path.join(folder, name)
                try:
                    with open(path, "rb") as fh:
                        whole = gzip.decompress(fh.read()).startswith(SIGNATURE)
                except (OSError, EOFError, zlib.error) as error:
                    raise Damaged(f"{os.path.relpath(path, bundle)}: {error}") from error
                if not whole:
                    raise Damaged(f"{os.path.relpath(path, bundle)}: empty or not Pagefind's")
    full_disk(str(bundle))
