"""Every page reads only what its declared inputs cover (disclosure_site/inputs.py), so an
incremental build that reuses a page whose fingerprint is unchanged never shows stale facts."""
import os
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
