"""data/datapackage.json: a Frictionless Data Package (v2) describing every file in data/.

CSV files carry their Table Schema inline (`schema`); JSON files name their JSON
Schema (`jsonSchema`, a custom property). The *.schema.json files are metadata,
not resources (Frictionless tools would read a `*.schema.json` resource as a
Table Schema). Every resource states its size and SHA-256 so a mirror can check
its copy.
"""
from __future__ import annotations

import re

import hashlib
import os

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
MEDIATYPES = {"csv": "text/csv", "json": "application/json",
              "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
BINARY = {"xlsx"}  # no text encoding to state


def resource_name(filename: str) -> str:
    """proposals.csv → proposals-csv; proposal.schema.json → proposal-schema-json (unique, url-safe)."""
    return filename.lower().replace(".", "-").replace("_", "-")


def measure(path: str, note=None) -> tuple[int, str]:
    """(size, "sha256:…") of a file, as a resource states them. `note(stat, sha1)`, if given, is
    told the file's SHA-1 with its stat when the file did not change while it was read: the
    build's check of the new site (verify.record) need not read it again (~100 MB at N = 5,000)."""
    with open(path, "rb") as fh:
        before = os.fstat(fh.fileno())
        data = fh.read()
        after = os.fstat(fh.fileno())
    if note is not None and (before.st_size, before.st_mtime_ns, before.st_ino) == \
            (after.st_size, after.st_mtime_ns, after.st_ino) and after.st_size == len(data):
        note(after, hashlib.sha1(data).hexdigest())
    return len(data), "sha256:" + hashlib.sha256(data).hexdigest()


def resource(folder: str, filename: str, title: str, description: str = "", *, table_schema=None,
             json_schema: str | None = None, media_type: str | None = None, measured=None) -> dict:
    """`measured`: measure(the file), when the caller knows it already (a file reused unchanged)."""
    size, digest = measured or measure(os.path.join(folder, filename))
    ext = filename.rsplit(".", 1)[-1]
    out = {
        "$schema": RESOURCE_PROFILE,
        "name": resource_name(filename),
        "path": filename,
        "title": title,
        "format": ext,
        "mediatype": media_type or MEDIATYPES[ext],
        **({} if ext in BINARY else {"encoding": "utf-8"}),
        "bytes": size,
        "hash": digest,
    }
    if description:
        out["description"] = description
    if table_schema is not None:
        out["type"] = "table"
        out["schema"] = table_schema
    if json_schema:
        out["jsonSchema"] = json_schema
    return out


def descriptor(vocab, site_url: str, as_of, resources: list[dict]) -> dict:
    out = {
        "$schema": PROFILE,
        "name": "cppcc-proposals",
        "title": vocab.title,
        "description": (vocab.description + " " if vocab.description else "")
        + f"数据截至 {as_of.isoformat()}。CSV 为带 BOM 的 UTF-8 编码；以 = + - @ 开头的文本单元格前加一个单引号 '，"
        "以免表格软件当作公式执行（JSON 文件保留原文）。",
        "created": f"{as_of.isoformat()}T00:00:00+08:00",
        "keywords": ["政协提案", "提案办理", "答复", "开放数据"],
        "resources": resources,
    }
    if site_url:
        out["homepage"] = site_url.rstrip("/") + "/"
    if vocab.body:
        out["contributors"] = [{"title": vocab.body, "roles": ["publisher"]}]
    licence = licence_of(vocab)
    if licence:
        out["licenses"] = [licence]
    return out


def licence_of(vocab) -> dict | None:
    """site.yaml's data_license (its name) and data_license_url → a Data Package licence, or None.

    A licence needs a `path` (its text) or an Open Definition `name` (CC-BY-4.0); a Chinese
    name alone is only a title, so without an address nothing is claimed.
    """
    name = vocab.settings.get("data_license", "")
    url = vocab.settings.get("data_license_url", "")
    if url:
        return {"path": url, "title": name} if name else {"path": url}
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.+-]*", name or ""):
        return {"name": name}
    return None
