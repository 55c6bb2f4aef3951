"""Every page reads only what its declared inputs cover (disclosure_site/inputs.py), so an
incremental build that reuses a page whose fingerprint is unchanged never shows stale facts."""
import shutil

import pytest

from conftest import ROOT, SOURCE_DATE_EPOCH
from disclosure_site.inputs import uncovered
from support.template_reads import generator_for, page_reads


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)


def undeclared(gen):
    """{template: {name read but not covered: first page that read it}} over every page."""
    found, templates = {}, set()
    for page, reads in page_reads(gen):
        templates.add(page.template)
        if "whole" not in page.inputs:  # its 数据截至 follows its date key, never the build-wide default
            assert "as_of" in page.vars, page.url
        for name in uncovered(reads, page.inputs, gen.settings):
            found.setdefault(page.template, {}).setdefault(name, page.url)
    return found, templates


def test_every_template_reads_only_what_its_page_declares(tmp_path):
    gen = generator_for(ROOT / "content", tmp_path / "out", ROOT / "pelicanconf.py")
    found, templates = undeclared(gen)
    # the sample has every page type the planner makes
    assert {"proposal.html", "response.html", "announcement.html", "listing.html", "announcements.html",
            "replies.html", "home.html", "index.html"} <= templates
    assert found == {}


def test_a_new_read_the_story_does_not_cover_fails(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "themes/gongkai", theme)
    page = theme / "templates/proposal.html"
    text = page.read_text(encoding="utf-8")
    marker = "{% block content %}"
    assert marker in text
    page.write_text(text.replace(marker, marker + "<p>全站答复 {{ site.all_responses|length }} 件，今天 {{ today }}</p>", 1),
                    encoding="utf-8")
    gen = generator_for(ROOT / "content", tmp_path / "out", ROOT / "pelicanconf.py", theme=theme)
    found, _ = undeclared(gen)
    assert set(found) == {"proposal.html"}
    assert set(found["proposal.html"]) == {"site.all_responses", "today"}


def test_a_proposers_link_follows_a_slug_another_proposal_took(tmp_path):
    """Found by the recording: proposal.html links each proposer by slug (proposer_of), and a
    slug takes -2 when another proposal's proposer reads alike; the story hashes the slugs."""
    from bs4 import BeautifulSoup

    from conftest import assigned_proposal, build, site_yaml, write_tree

    files = {"site.yaml": site_yaml(), **dict([assigned_proposal("0002", proposers=["张伟"])])}
    content = write_tree(tmp_path / "content", files)
    out = tmp_path / "site"
    assert build(content, out).returncode == 0
    write_tree(content, dict([assigned_proposal("0001", proposers=["章伟"])]))  # first by id: takes zhang-wei
    assert build(content, out).returncode == 0
    page = BeautifulSoup((out / "proposals/2026/0002/index.html").read_text(encoding="utf-8"), "html.parser")
    link = page.find("a", string="张伟")["href"]
    assert link.endswith("/proposers/zhang-wei-2/")
    assert (out / "proposers/zhang-wei-2/index.html").is_file()
