"""The folder a build writes into, chosen before the content is even loaded.

Nearly always the spare site (spare.py): the previous live site beside output/, which
the build brings up to date in place, writing only what it makes and deleting what the
new site no longer has; switch.py then exchanges it with output/, and the replaced site
is the next spare. No file is linked, no folder made, no old tree deleted for the files
that did not change. A thread checks the spare's folders against its record while this
process loads and checks the content.

Where no spare can be trusted (the first rebuild, after a failed or killed build, a lost
cache, a hand-edited output/, an entry that stopped being public: spare.py), a new folder
`.<name>-new-XXXX` is made and every unchanged file hard-linked into it from output/
(incremental.py). Its ~12,000 folders cost the file system more than the links: on the
2-core machine's disk a `mkdir` takes 0.1–0.3 ms, 1.5–3 s a build. They are nearly always
the previous build's folders, known from its manifest, so the thread makes them while
the content loads (mkdir releases the GIL: the other core does it). Folders the new build
leaves empty (a deleted entry's) are removed before the swap, so the output is exactly a
cold build's, in either case.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

from . import faults, manifest as manifests
from .incremental import already_made
from .spare import Record, Spare, differs, folder_id, matches, scrub, spare_path


class Staging:
    def __init__(self, output: Path, manifest: Path | None = None):
        output = Path(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        self.output = output
        self.record = Record(manifest.parent if manifest is not None else None, manifest, load=output.is_dir())
        found = self.record.spare_for(spare_path(output))
        self.spare: Spare | None = Spare(spare_path(output), found) if found else None
        self.folders: list[str] = []
        self._valid = False
        self._scrubbed: dict | None = None  # the spare's record after `scrub`
        self._stop = threading.Event()
        if self.spare is not None:
            self.path = self.spare.path
            self.spare.survey_ahead(manifest)  # before the thread starts: a fork copies only this one
            work = self._check
        else:
            self._new_folder()
            self.folders = _folders_of(manifest) if manifest is not None and output.is_dir() else []
            work = self._make
        self._thread = threading.Thread(target=work, daemon=True, name="gongkai-staging")
        self._thread.start()

    def _new_folder(self) -> None:
        self.spare = None
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.output.name}-new-", dir=self.output.parent))

    def _check(self) -> None:
        self._valid = matches(self.spare.path, self.spare.folders, self._stop)

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

    def begin(self, cache, settings: dict) -> Path:
        """The build is about to write: the folder it writes into, for good. The spare when its
        folders are as recorded, the manifest was read and nothing copies files over what is there
        (Pelican's static paths); else a new folder (the full path). `cache`: the BuildCache."""
        self._thread.join()
        theme = settings.get("THEME_STATIC_DIR", "theme").strip("/")
        if self.spare is not None and not (self._valid and cache.published and theme and theme != "."
                                           and ".." not in theme.split("/") and not settings.get("STATIC_PATHS")):
            self.spare.cancel()
            self._new_folder()  # no folders made ahead: linking makes them
        if self.spare is None:
            already_made(self.made())
            return self.path
        self.record.drop_spare()  # from here on, a build stopped half-way leaves a spare nothing vouches for
        faults.point("spare-dropped")
        self.spare.clear(theme)  # Pelican copies the theme's static files over what is there: none is
        self.spare.survey(cache.sums, self.record.manifest_stat())  # which files are still the live site's
        cache.spare = self.spare
        return self.path

    def made(self) -> list[str]:
        """Wait for the folders; the full paths of those made ahead (incremental skips making them)."""
        self._thread.join()
        root = os.fspath(self.path)
        return [os.path.join(root, folder) for folder in self.folders]

    def finish(self, cache, claimed, theme_static: str) -> int:
        """After Pelican ran: the spare loses every file the new site does not have, a new folder the
        folders made ahead that the build left empty; then each has no folder a cold build lacks."""
        if self.spare is not None:
            removed = self.spare.finish(cache.published, claimed, theme_static.strip("/") + "/")
            faults.point("spare-updated")
            return removed
        return self.prune()

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

    def keeps_spare(self) -> bool:
        """Whether the site output/ holds now becomes the spare once replaced: when its folders are on record."""
        return self.record.live is not None and self.record.path is not None

    def scrub(self, published: dict, sums: dict, lock_fd: int | None = None) -> bool:
        """An entry stopped being public (incremental.Purge): the replaced site, now the spare, showed
        its text, and only in files this build changed or removed (the new site, a cold build's,
        shows none). Those are deleted from the spare, which then holds only files of the live site;
        where that cannot be done, the spare is deleted (in the background). Whether it is kept."""
        from .switch import discard

        changed = differs(published, sums)
        try:
            folders = scrub(spare_path(self.output), [rel for rel, known in changed.items() if known is not None],
                            self.record.live)
        except OSError:
            folders = None
        if folders is None:
            discard(spare_path(self.output), self.output, lock_fd)
            return False
        self._scrubbed = {"folders": folders, "differs": {rel: None for rel in changed if rel in sums}}
        return True

    def remember(self, manifest: Path, folders: dict, published: dict, sums: dict, kept: bool) -> None:
        """Last, once the new site is live and its manifest saved: the record of the new live
        site's folders and, if the replaced one was kept (`kept`), of the spare: it holds the files
        of the last manifest (`published`), the live site those of this one (`sums`)."""
        spare = None
        if kept:
            spare = {"id": folder_id(spare_path(self.output)),
                     **(self._scrubbed or {"folders": self.record.live, "differs": differs(published, sums)})}
        self.record.save(manifest, live=folders, spare=spare)

    def remove(self) -> None:
        """The build stopped: a new folder is removed; the spare stays (a build that began
        writing into it dropped its record, so the next build will not trust it)."""
        self._stop.set()
        self._thread.join()
        if self.spare is not None:
            self.spare.cancel()
        else:
            shutil.rmtree(self.path, ignore_errors=True)


def _folders_of(manifest: Path) -> list[str]:
    """Every folder holding a file the last build recorded, parents first."""
    files = (manifests.read(manifest) or {}).get("files", {})
    folders = set()
    for rel in files:
        folder = rel.rstrip("/") if rel.endswith("/") else os.path.dirname(rel)  # "x/": a whole folder
        if folder.startswith("/") or ".." in folder.split("/"):
            continue  # not a path this build writes (the manifest only holds relative ones)
        while folder and folder not in folders:
            folders.add(folder)
            folder = os.path.dirname(folder)
    return sorted(folders, key=lambda f: (f.count("/"), f))
