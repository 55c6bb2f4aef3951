"""A real git repository for tests of the change history: commits by staff, dated as the test says."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git(repo, *args, date=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="办公室", GIT_AUTHOR_EMAIL="staff@example.org",
               GIT_COMMITTER_NAME="办公室", GIT_COMMITTER_EMAIL="staff@example.org")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(key, None)
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit(repo, message, date):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


def new_repo(path: Path) -> Path:
    path.mkdir(parents=True)
    git(path, "init", "-q", "-b", "main")
    return path
