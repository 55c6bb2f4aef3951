"""parallel.map_all: results in order, and workers that yield to the search index while it runs;
parallel.start_map: workers started ahead yield to this process, whose own work is the longer chain."""
import os
import threading

from gongkai_build import background
from gongkai_build.parallel import YIELD_NICENESS, map_all, start_map


def niceness(_):
    return os.nice(0)


def test_results_come_back_in_order():
    assert map_all(str.upper, [f"p{i}" for i in range(500)], processes=2) == [f"P{i}" for i in range(500)]


def test_workers_yield_to_a_running_background_job_and_only_then():
    mine = os.nice(0)
    assert set(map_all(niceness, range(400), processes=2)) == {mine}
    release = threading.Event()
    job = background.start(release.wait, 30)
    try:
        assert set(map_all(niceness, range(400), processes=2)) == {min(19, mine + YIELD_NICENESS)}
    finally:
        release.set()
        job.wait()
    assert set(map_all(niceness, range(400), processes=2)) == {mine}


def test_workers_started_ahead_yield_to_this_process():
    """The render-ahead workers run while this process reads and checks the content on one core, the
    longer chain of the two: they take what it leaves, so they never hold it up."""
    mine = os.nice(0)
    started = start_map(niceness, range(400), processes=2)
    assert set(started.results()) == {min(19, mine + YIELD_NICENESS)}
    assert os.nice(0) == mine  # this process keeps its own priority
