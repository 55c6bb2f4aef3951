"""When each content file was first published and last changed, from git.

Builds from a plain folder (no git) still work: every lookup is then empty.
One `git log` pass serves the whole site; one `git log -p` pass gives the text
of the changes, only when some page shows it (`all_patches`).
"""
from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

# Options that make git's output the same whatever the user's configuration says.
_PLAIN = ["-c", "core.quotepath=off", "-c", "log.showSignature=false"]


class Change(NamedTuple):
    """One commit that touched a file. Indexable like the old (datetime, subject) pair."""

    when: dt.datetime
    subject: str
    sha: str = ""
    status: str = "M"  # A added, M modified, R renamed (maybe also edited), D deleted
    old_path: str = ""  # the path before a rename
    before: str = ""  # the file's blob id before this commit ("" when it was added)
    after: str = ""  # and after it ("" when it was deleted)


@dataclass
class FileHistory:
    commits: list = field(default_factory=list)  # Change, newest first

    @property
    def first(self):
        return self.commits[-1].when if self.commits else None

    @property
    def last(self):
        return self.commits[0].when if self.commits else None


def _git(root: Path, *args, timeout=120):
    try:
        out = subprocess.run(["git", *_PLAIN, "-C", str(root), *args], capture_output=True, text=True,
                             encoding="utf-8", errors="replace", timeout=timeout)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout if out.returncode == 0 else None


def _unquote(path: str) -> str:
    """git quotes paths with unusual characters in C style even with core.quotepath off (a `"`, a
    tab, a backslash), and then leaves other characters as they are: the escapes (octal ones are
    bytes of UTF-8) are undone on the name's UTF-8 bytes."""
    if len(path) >= 2 and path[0] == path[-1] == '"':
        raw = path[1:-1].encode("utf-8").decode("unicode_escape")
        return raw.encode("latin-1", "replace").decode("utf-8", "replace")
    return path


def git_history(root: Path, tz, renames: bool = False) -> dict[str, FileHistory]:
    """Path (relative to root) → its commits. Empty when root is not in a git work tree.

    With `renames`, a file that was moved keeps the commits of its old path, so
    its first-published date is the day it first appeared under any name.
    A file added where an older one was deleted starts its own history: the deleted file's commits
    (and their text) are not its own.
    """
    out = _git(root, "log", "--relative", "-M" if renames else "--no-renames", "--raw", "--no-abbrev",
               "--format=%x00%H%x00%ct%x00%s", "--", ".")
    if out is None:
        return {}
    history: dict[str, FileHistory] = {}
    # An older path → the path it has now (newest first, so renames come first); None: the commits of
    # that name from here back are another, deleted file's.
    alias: dict[str, str | None] = {}
    commit = None
    for line in out.splitlines():
        if line.startswith("\x00"):
            _, sha, stamp, subject = line.split("\x00", 3)
            commit = (dt.datetime.fromtimestamp(int(stamp), tz), subject, sha)
            continue
        if not line.startswith(":") or commit is None:
            continue
        info, *paths = line.split("\t")
        fields = info.split(" ")  # :old-mode new-mode old-blob new-blob status
        if len(fields) != 5 or not paths:
            continue
        before, after = (b if b.strip("0") else "" for b in fields[2:4])
        status = fields[4][:1]
        if status == "R" and len(paths) == 2:
            old, new = _unquote(paths[0]), _unquote(paths[1])
            current = alias.get(new, new)
            alias[old] = current
            change = Change(*commit, status="R", old_path=old, before=before, after=after)
        else:
            name = _unquote(paths[-1])
            current = alias.get(name, name)
            change = Change(*commit, status=status, before=before, after=after)
            if status == "D" and current in history:  # deleted before the file now at this name was added
                alias[name] = current = None
        if current is not None:
            history.setdefault(current, FileHistory()).commits.append(change)
    return history


def marked_commits(root: Path, markers) -> set[str]:
    """The commits whose message holds any of `markers` (one `git log --grep` pass)."""
    out = _git(root, "log", "--format=%H", "-F", *(f"--grep={m}" for m in markers), "--", ".")
    return set(out.split()) if out else set()


def is_shallow(root: Path) -> bool:
    """A shallow clone lacks older commits: its first dates are only the earliest known."""
    return (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"


_FOUND = re.compile(rb"([0-9a-f]{40,64}) (\w+) (\d+)")


def blobs(root: Path, ids) -> dict[str, bytes]:
    """Blob id → the file's bytes (the versions a change history compares), one `git cat-file --batch`
    for all of them; an id git does not have is left out."""
    wanted = [i for i in dict.fromkeys(ids) if i and re.fullmatch(r"[0-9a-f]{40,64}", i)]
    if not wanted:
        return {}
    try:
        out = subprocess.run(["git", *_PLAIN, "-C", str(root), "cat-file", "--batch"],
                             input="".join(i + "\n" for i in wanted).encode("ascii"),
                             capture_output=True, timeout=600)
    except (OSError, subprocess.SubprocessError):
        return {}
    if out.returncode != 0:
        return {}
    data, pos, found = out.stdout, 0, {}
    for wanted_id in wanted:
        end = data.find(b"\n", pos)
        if end < 0:
            break
        header = _FOUND.fullmatch(data[pos:end])
        pos = end + 1
        if header is None:  # "<id> missing"
            continue
        size = int(header.group(3))
        if header.group(2) == b"blob":
            found[wanted_id] = data[pos:pos + size]
        pos += size + 1
    return found


def all_patches(root: Path, paths=(".",)) -> dict[tuple[str, str], list[str]]:
    """(commit hash, path at that commit) → the lines of that file's patch in that commit (hunks only).

    One `git log -p` pass for the whole folder, however many files were edited:
    one process per file would walk the whole history once per file. The files' own text, never a
    converter's (`.gitattributes` diff drivers: textconv, external diff).
    """
    out = _git(root, "log", "-p", "-M", "--diff-filter=MR", "--relative", "--no-color", "--no-ext-diff",
               "--no-textconv", "--format=%x00%H", "--", *paths, timeout=600)
    if out is None:
        return {}
    patches: dict[tuple[str, str], list[str]] = {}
    sha, old, new, lines = "", None, None, None

    def close():
        path = new if new not in (None, "/dev/null") else old
        if lines is not None and path:
            patches[(sha, path)] = lines

    for line in out.splitlines():
        if line.startswith("\x00"):
            close()
            sha, old, new, lines = line[1:].strip(), None, None, None
        elif line.startswith("diff --git "):
            close()
            old, new, lines = None, None, []
        elif lines is None:
            continue
        elif not lines and line.startswith(("--- ", "+++ ")):  # a header (no hunk read yet)
            name = _unquote(line[4:].rstrip("\t"))
            name = name if name == "/dev/null" else name[2:]  # drop a/ or b/
            if line.startswith("-"):
                old = name
            else:
                new = name
        elif not lines and line.startswith(("rename from ", "rename to ")):  # a pure rename has no ---/+++
            name = _unquote(line.split(" ", 2)[2])
            if line.startswith("rename from"):
                old = name
            else:
                new = name
        elif line.startswith("@@") or (lines and (line[:1] in (" ", "+", "-", "\\") or line == "")):
            lines.append(line)
    close()
    return patches
