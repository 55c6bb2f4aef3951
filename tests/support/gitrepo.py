"""A real git repository for tests of the change history: commits by staff, dated as the test says."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import front_matter


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


def put(root: Path, rel: str, text: str) -> Path:
    """Write a content file as staff save it (folders made as needed)."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def reply_text(body: str) -> str:
    """区发改委's reply to 2026-0001, public in full, its keys in Chinese as staff write them."""
    meta = {"对应提案": "2026-0001", "答复单位": "fgw", "办理角色": "lead", "答复日期": "2026-04-01",
            "答复类别": "A", "公开属性": "全文公开"}
    return front_matter(meta, body)
