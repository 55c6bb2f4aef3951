"""The Nu HTML Checker (vnu.jar from the npm package vnu-jar), run once over many files.

Java starts slowly, so every page of a build goes into one invocation.
`make tools` (npm ci --prefix tools) installs the pinned jar.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def available() -> str | None:
    """None when the checker can run, else what is missing."""
    if not shutil.which("java"):
        return "java is not installed"
    if not VNU_JAR.is_file():
        return f"{VNU_JAR.relative_to(ROOT)} is missing: run `make tools`"
    return None


def vnu_messages(files, timeout: int = 600) -> list[dict]:
    """The checker's error messages (JSON objects with url, lastLine, message, extract)."""
    files = [str(f) for f in files]
    if not files:
        return []
    cmd = ["java", "-Xss8m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always",
           *files]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError as exc:
        raise RuntimeError(f"vnu did not answer in JSON (exit {result.returncode}):\n"
                           f"{result.stdout[-2000:]}{result.stderr[-2000:]}") from exc
    return [m for m in report.get("messages", []) if m.get("type") in ("error", "non-document-error")]


def format_message(m: dict, root: Path | None = None) -> str:
    where = m.get("url", "").removeprefix("file:")
    if root:
        where = where.removeprefix(str(root) + "/")
    return f"{where}:{m.get('lastLine', '?')}: {m.get('message')}  [{' '.join((m.get('extract') or '').split())[:80]}]"
