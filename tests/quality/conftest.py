"""Builds the quality gates look at: the shipped sample content and a fixture site with every state.

Each is built once per session, with the public address (as published) and
without one (as `make html` previews it, served from the site root for the
browser checks).
"""
from __future__ import annotations

import os

import pytest

from conftest import ROOT, build, site_yaml, write_tree

from . import every_state

SITE_URL = "https://zx.example.org"
SITES = ("sample", "every-state")


def missing(tool: str, why: str):
    """Skip locally when a tool is absent; in CI (CI set) a missing tool is a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"{tool} is required in CI: {why}")
    pytest.skip(f"{tool} not available: {why}")


@pytest.fixture(scope="session")
def every_state_content(tmp_path_factory):
    root = tmp_path_factory.mktemp("every-state") / "content"
    return write_tree(root, {"site.yaml": site_yaml(), **every_state.files()})


def _build(content, out, site_url):
    result = build(content, out, site_url)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def published_sites(sample_site, every_state_content, tmp_path_factory):
    """{name: output folder} built with the public address."""
    out = tmp_path_factory.mktemp("every-state-out") / "output"
    return {"sample": sample_site, "every-state": _build(every_state_content, out, SITE_URL)}


@pytest.fixture(scope="session")
def preview_sites(every_state_content, tmp_path_factory):
    """{name: output folder} built without a public address: links are root-relative."""
    base = tmp_path_factory.mktemp("preview")
    return {"sample": _build(ROOT / "content", base / "sample", None),
            "every-state": _build(every_state_content, base / "every-state", None)}
