"""Fixture factory: write a small content tree into a temp dir, build it for real.

Like Datasette's make_app_client: a test states only the files it is about; the
rest (site.yaml, a valid proposal) comes from defaults it can override.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BUILD_DATE = dt.date(2026, 11, 23)
# 2026-11-23 12:00 Asia/Shanghai, so builds in tests describe a fixed day.
SOURCE_DATE_EPOCH = "1795406400"

SITE_YAML = {
    "body": "政协测试区委员会",
    "level": "district",
    "site_title": "测试区政协提案公开",
    "categories": [{"name": "经济建设", "slug": "economy"}, {"name": "城市建设", "slug": "urban"},
                   {"name": "社会事业", "slug": "social"}],
    "sectors": [{"name": "中国民主同盟", "slug": "minmeng"}, {"name": "经济界", "slug": "economy"}],
    "units": [{"name": "测试区发展和改革委员会", "short": "区发改委", "slug": "fgw"},
              {"name": "测试区生态环境局", "short": "区生态环境局", "slug": "sthj"},
              {"name": "测试区民政局", "short": "区民政局", "slug": "mz"}],
    "result_codes": [{"code": "A", "label": "已经解决或基本解决", "adopted": True},
                     {"code": "B", "label": "列入计划拟解决", "adopted": True},
                     {"code": "C", "label": "留作参考", "adopted": False}],
    "reply_days": 90,
}


def front_matter(meta: dict, body: str = "正文。") -> str:
    """A Markdown file with YAML front matter; dates may be given as date objects."""
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return f"---\n{text}---\n\n{body}\n"


def proposal(number="0001", year=2026, **fields):
    meta = {"number": number, "year": year, "title": f"关于第{number}号事项的建议", "proposers": ["张三"],
            "category": "经济建设", "submitted": f"{year}-01-10"}
    body = fields.pop("body", "## 具体建议\n\n建议加快推进。")
    meta.update(fields)
    return f"proposals/{year}/{number}.md", front_matter(meta, body)


def response(proposal_id="2026-0001", unit="fgw", suffix="", **fields):
    year, number = proposal_id.split("-", 1)
    meta = {"proposal": proposal_id, "unit": unit, "role": "lead", "date": f"{year}-04-01", "result": "A"}
    body = fields.pop("body", "答复正文。")
    meta.update(fields)
    return f"responses/{year}/{number}-{unit}{suffix}.md", front_matter(meta, body)


def assigned_proposal(number="0001", year=2026, **fields):
    base = dict(review="filed", review_date=f"{year}-02-01", handling="sole", lead_units=["区发改委"],
                assigned=f"{year}-02-10")
    base.update(fields)
    return proposal(number, year, **base)


def write_tree(root: Path, files: dict) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def site_yaml(**overrides) -> str:
    data = dict(SITE_YAML)
    data.update(overrides)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def make_content(tmp_path):
    """make_content(files, site=None) → a content folder with site.yaml and the given files."""
    counter = {"n": 0}

    def factory(files=(), site=None, **site_overrides):
        counter["n"] += 1
        root = tmp_path / f"content{counter['n']}"
        root.mkdir()
        tree = {"site.yaml": site if site is not None else site_yaml(**site_overrides)}
        tree.update(dict(files))
        return write_tree(root, tree)

    return factory


def run_cli(*args, env=None, cwd=ROOT, timeout=300):
    full_env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, PYTHONIOENCODING="utf-8")
    full_env.update(env or {})
    return subprocess.run([PYTHON, str(ROOT / "build.py"), *args], capture_output=True, text=True,
                          env=full_env, cwd=cwd, timeout=timeout)


def build(content, output, site_url="https://zx.example.org", env=None, settings=None):
    args = ["build", "--content", str(content), "--output", str(output)]
    if site_url is not None:
        args += ["--site-url", site_url]
    if settings is not None:
        args += ["--settings", str(settings)]
    return run_cli(*args, env=env)


@pytest.fixture
def built(tmp_path):
    """built(files) → (result, output folder) of a real build of a fixture tree."""

    def factory(files=(), site_url="https://zx.example.org", **site_overrides):
        content = write_tree(tmp_path / "content", {"site.yaml": site_yaml(**site_overrides), **dict(files)})
        out = tmp_path / "output"
        result = build(content, out, site_url)
        assert result.returncode == 0, result.stderr
        return out

    return factory


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The shipped sample content, built once for the whole session."""
    out = tmp_path_factory.mktemp("sample") / "output"
    result = build(ROOT / "content", out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def sample_site_rooted(tmp_path_factory):
    """The sample built with root-relative links (no --site-url), as a browser test serves it
    from 127.0.0.1; built once for the whole session."""
    out = tmp_path_factory.mktemp("sample-rooted") / "output"
    result = build(ROOT / "content", out, site_url=None)
    assert result.returncode == 0, result.stdout + result.stderr
    return out
