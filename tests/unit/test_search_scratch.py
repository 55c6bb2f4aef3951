"""The search index's scratch folders (in /dev/shm: RAM until a restart) do not outlive a killed build.

A build writes each year's records as files for Pagefind into a scratch folder. One killed
outright (SIGKILL, the OOM killer, SIGTERM from a cancelled CI job) cannot remove its own: before
this, each such build left one or two folders of 12-20 MB in memory. The next corpus made removes
those of builds that are gone, never one a running build still uses.
"""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import search.indexer as indexer

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"
# A build stand-in: makes a corpus as the index does, says where, then works on (sleeps).
BUILD = """
import sys, time
import search.indexer as indexer
indexer.FAST_TMP = sys.argv[1]
corpus = indexer.Corpus([])
print(corpus.folder.parent, flush=True)
time.sleep(120)
"""


def start_build(base: Path):
    proc = subprocess.Popen([sys.executable, "-c", BUILD, str(base)], stdout=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONPATH=str(PLUGINS)))
    folder = Path(proc.stdout.readline().strip())
    assert (folder / "site").is_dir()  # the corpus was written there
    return proc, folder


def killed(proc, how=signal.SIGKILL):
    proc.send_signal(how)
    proc.wait(timeout=30)


def aged(folder: Path, seconds=600):
    """As the folder of a build that started `seconds` ago."""
    then = time.time() - seconds
    os.utime(folder, (then, then))


@pytest.fixture
def shm(tmp_path, monkeypatch):
    base = tmp_path / "shm"
    base.mkdir()
    monkeypatch.setattr(indexer, "FAST_TMP", str(base))
    return base


def test_a_killed_builds_folder_is_removed_by_the_next_corpus_and_a_running_builds_is_kept(shm):
    dead, dead_folder = start_build(shm)
    alive, alive_folder = start_build(shm)
    try:
        killed(dead)
        assert dead_folder.is_dir()  # what a killed build leaves
        aged(dead_folder)
        aged(alive_folder)  # a long build: its folder is old, and still in use
        corpus = indexer.Corpus([])
        assert not dead_folder.exists()
        assert alive_folder.is_dir() and (alive_folder / "site").is_dir()
        corpus.remove()
        assert sorted(shm.iterdir()) == [alive_folder]
        killed(alive, signal.SIGTERM)  # as a cancelled CI job stops it
        aged(alive_folder)
        indexer.Corpus([]).remove()
        assert sorted(shm.iterdir()) == []
    finally:
        for proc in (dead, alive):
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def test_a_folder_made_a_moment_ago_is_kept_even_before_its_build_locked_it(shm):
    # Between making a folder and locking it, a build holds no lock: a second build starting then
    # must not take the folder away. A folder younger than a minute is never removed.
    young = shm / "gongkai-search-young"
    young.mkdir()
    indexer.Corpus([]).remove()
    assert sorted(shm.iterdir()) == [young]
    aged(young)  # … and one that old without a lock is a build's that died before it locked it
    indexer.Corpus([]).remove()
    assert sorted(shm.iterdir()) == []


def test_other_folders_in_the_same_place_are_left_alone(shm):
    other = shm / "someone-elses"
    other.mkdir()
    aged(other)
    indexer.Corpus([]).remove()
    assert sorted(shm.iterdir()) == [other]
