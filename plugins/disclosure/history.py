"""When each content file was first published and last changed, from git.

Builds from a plain folder (no git) still work: every lookup is then empty.
One `git log` pass serves the whole site.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class FileHistory:
    commits: list = field(default_factory=list)  # (datetime, subject), newest first

    @property
    def first(self):
        return self.commits[-1][0] if self.commits else None

    @property
    def last(self):
        return self.commits[0][0] if self.commits else None


def git_history(root: Path, tz) -> dict[str, FileHistory]:
    """Path (relative to root) → its commits. Empty when root is not in a git work tree."""
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "--relative", "--no-renames", "--name-only",
             "--format=%x00%ct%x00%s", "--", "."],
            capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if out.returncode != 0:
        return {}
    history: dict[str, FileHistory] = {}
    when, subject = None, ""
    for line in out.stdout.splitlines():
        if line.startswith("\x00"):
            _, stamp, subject = line.split("\x00", 2)
            when = dt.datetime.fromtimestamp(int(stamp), tz)
        elif line.strip() and when:
            history.setdefault(line.strip(), FileHistory()).commits.append((when, subject))
    return history
