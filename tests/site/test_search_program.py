"""The build runs the Pagefind program that Pagefind's own package would run (search/indexer.py's
_pagefind looks where pagefind.service.get_executable looks, without importing it): the same
program, the same order, the same errors, whatever is installed or named."""
from __future__ import annotations

import sys
from pathlib import Path

import pagefind_bin_extended
import pytest

from search.indexer import _pagefind


def pagefinds_own():
    from pagefind.service import get_executable

    found = get_executable()
    return str(found) if found is not None else None


def outcome(find):
    try:
        return "found", find()
    except FileNotFoundError as error:
        return "FileNotFoundError", str(error)


def same_answer():
    ours, theirs = outcome(_pagefind), outcome(pagefinds_own)
    assert ours == theirs
    return ours


def fresh_package(monkeypatch, folder, name):
    """A package `name` under `folder`, found before any installed one; Pagefind's module is imported anew."""
    package = folder / name
    package.mkdir(parents=True)
    (package / "__init__.py").write_bytes(Path(pagefind_bin_extended.__file__).read_bytes())  # its get_executable
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.delitem(sys.modules, name, raising=False)
    return package


def test_the_installed_program(monkeypatch):
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    kind, program = same_answer()
    assert kind == "found" and program.endswith("pagefind_extended")


def test_a_program_named_by_pagefind_binary_path(monkeypatch, tmp_path):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "my-pagefind"))
    assert same_answer() == ("found", str(tmp_path / "my-pagefind"))


def test_the_package_found_first_and_its_plain_program(monkeypatch, tmp_path):
    """A package earlier on the path wins, and holding only `pagefind`, that is the program."""
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    package = fresh_package(monkeypatch, tmp_path / "first", "pagefind_bin_extended")
    (package / "pagefind").write_bytes(b"")
    assert same_answer() == ("found", str(package / "pagefind"))
    (package / "pagefind_extended").write_bytes(b"")
    assert same_answer() == ("found", str(package / "pagefind_extended"))


@pytest.mark.parametrize("what", ["missing", "a folder"])
def test_a_package_without_its_program_is_an_error_not_another_program(monkeypatch, tmp_path, what):
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    package = fresh_package(monkeypatch, tmp_path / "first", "pagefind_bin_extended")
    if what == "a folder":
        (package / "pagefind_extended").mkdir()
    assert same_answer()[0] == "FileNotFoundError"
