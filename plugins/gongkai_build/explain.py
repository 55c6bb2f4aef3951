"""`python build.py explain PATH`: why the last build made or reused one output, and from what.

Read from the manifest the last build wrote (incremental.BuildCache.save): each output's
fingerprint, its named inputs' short hashes ("parts": entry, members, date, proposers …;
"common", once for all: code, templates, settings, libraries, site.yaml) and, for an output
made rather than reused, the reason in words ("inputs changed: date"). An output without a fingerprint reads the whole site and is
always made (pages.PageSpec with inputs ALWAYS: the home page, statistics, data files).
"""
from __future__ import annotations

from pathlib import Path

from . import manifest as manifests


def _rel(path: str) -> str:
    """proposals/2026/0001/, /proposals/2026/0001 or …/index.html → proposals/2026/0001/index.html."""
    rel = path.strip().lstrip("/")
    if rel in ("", ".") or rel.endswith("/"):
        return rel.rstrip("/") + ("/" if rel.rstrip("/") else "") + "index.html"
    if "." not in rel.rsplit("/", 1)[-1]:
        return rel + "/index.html"
    return rel


def explain(output: Path, path: str, manifest: Path) -> tuple[int, str]:
    """(exit code, text) for one output path."""
    data = manifests.read(manifest)
    if data is None:
        return 1, (f"没有找到上次生成的记录：{manifest}（先运行 build.py build）\n"
                   f"No record of a last build into {output}: run build.py build first.")
    rel = _rel(path)
    files, sums = data.get("files", {}), data.get("sums", {})
    if rel not in files and rel not in sums:
        folder = rel.rsplit("/", 1)[0] + "/" if "/" in rel else ""
        tree = [k for k in files if k.endswith("/") and rel.startswith(k)]
        if not tree:
            return 1, f"上次生成没有这个文件：{rel}\nThe last build wrote no {rel}{' (folder ' + folder + ')' if folder else ''}."
        rel = tree[0]
    lines = [rel]
    if rel not in files:
        lines.append("每次都重新生成：它读取整个网站，没有声明的输入 / always made: it reads the whole site (no declared inputs)")
        return 0, "\n".join(lines)
    why = data.get("made", {}).get(rel)
    if why is None:
        lines.append("沿用：输入与上一次相同，文件从上次的输出链接过来 / reused: same inputs as the build before, "
                     "linked from its output")
    else:
        lines.append(f"重新生成 / made: {why}")
    lines.append(f"fingerprint {files[rel][:12]}")
    parts = data.get("parts", {}).get(rel)
    if not parts:
        lines.append("  (该输出只记录了总的指纹 / only its whole fingerprint is recorded)")
    parts = {**(parts or {}), **data.get("common", {})}  # common: what every output hashes
    if parts:
        width = max(len(k) for k in parts)
        lines += [f"  {k:<{width}}  {v}" for k, v in parts.items()]
    return 0, "\n".join(lines)
