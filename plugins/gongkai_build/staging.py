"""The folder a build writes into, made before the content is even loaded.

A rebuild hard-links every unchanged file into a fresh folder (gongkai_build swaps
it in when it is complete). Its ~12,000 folders cost the file system more than
the links: on the 2-core machine's disk a `mkdir` takes 0.1–0.3 ms, 1.5–3 s a
rebuild. They are nearly always the previous build's folders, and those are known
from its manifest before the content is read, so a thread makes them while this
process loads and checks the content (mkdir releases the GIL: the other core does
it). Folders the new build leaves empty (a deleted entry's) are removed before the
swap, so the output is exactly a cold build's.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
from pathlib import Path


class Staging:
    def __init__(self, output: Path, manifest: Path | None = None):
        output = Path(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
        self.folders = _folders_of(manifest) if manifest is not None and output.is_dir() else []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._make, daemon=True, name="gongkai-staging")
        self._thread.start()

    def _make(self) -> None:
        root = os.fspath(self.path)
        for folder in self.folders:  # parents before children
            if self._stop.is_set():
                return
            try:
                os.mkdir(os.path.join(root, folder))
            except FileExistsError:
                pass
            except OSError:
                return  # the build will make what it needs itself

    def made(self) -> list[str]:
        """Wait for the folders; the full paths of those made ahead (incremental skips making them)."""
        self._thread.join()
        root = os.fspath(self.path)
        return [os.path.join(root, folder) for folder in self.folders]

    def prune(self) -> int:
        """Remove the folders made ahead that the build left empty, deepest first; how many."""
        removed = 0
        for folder in reversed(self.made()):
            try:
                os.rmdir(folder)
                removed += 1
            except OSError:
                pass  # not empty (or already gone): the build wrote into it
        return removed

    def remove(self) -> None:
        self._stop.set()
        self._thread.join()
        shutil.rmtree(self.path, ignore_errors=True)


def _folders_of(manifest: Path) -> list[str]:
    """Every folder holding a file the last build recorded, parents first."""
    try:
        files = json.loads(manifest.read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError):
        return []
    folders = set()
    for rel in files:
        folder = rel.rstrip("/") if rel.endswith("/") else os.path.dirname(rel)  # "x/": a whole folder
        if folder.startswith("/") or ".." in folder.split("/"):
            continue  # not a path this build writes (the manifest only holds relative ones)
        while folder and folder not in folders:
            folders.add(folder)
            folder = os.path.dirname(folder)
    return sorted(folders, key=lambda f: (f.count("/"), f))
