"""Run one slow job (the search index) beside the rest of the build.

The search index is mostly Pagefind, a separate program: driven from a thread
that starts as soon as the content is loaded, it runs while Python renders
pages, feeds and data, instead of after them. A thread, not a forked process:
the Site is not copied, so the build's memory is the Python process plus the
one Pagefind running at a time.

The search generator waits for the job before the site is verified, so nothing writes into
the new site after that, nor into either of the two sites once they are switched (the spare
site, which shares files with the live one: spare.py). A build that fails must not leave a
job writing into a folder being removed:
`stop_all()` asks every job to stop and kills the programs it started
(gongkai_build calls it before it cleans up).
"""
from __future__ import annotations

import subprocess
import threading


class Cancelled(Exception):
    pass


_RUNNING: list["Job"] = []
_LOCAL = threading.local()


class Job:
    def __init__(self, fn, args):
        self.cancelled = threading.Event()
        self._programs: list[subprocess.Popen] = []
        self._lock = threading.Lock()
        self._outcome = None
        self._thread = threading.Thread(target=self._run, args=(fn, args), daemon=True, name="gongkai-background")
        _RUNNING.append(self)
        self._thread.start()

    def _run(self, fn, args):
        _LOCAL.job = self
        try:
            self._outcome = ("ok", fn(*args))
        except BaseException as error:  # noqa: BLE001 - handed to the thread that waits
            self._outcome = ("error", error)

    def wait(self):
        """The job's return value; its exception, re-raised, if it failed."""
        self._thread.join()
        if self in _RUNNING:
            _RUNNING.remove(self)
        status, value = self._outcome
        if status != "ok":
            raise value
        return value

    def stop(self):
        self.cancelled.set()
        with self._lock:
            for program in self._programs:
                if program.poll() is None:
                    program.kill()
        self._thread.join()
        if self in _RUNNING:
            _RUNNING.remove(self)


def busy() -> bool:
    """Whether a job is still running (plugins/gongkai_build/parallel.py then lets it go first)."""
    return any(job._thread.is_alive() for job in _RUNNING)


def start(fn, *args) -> Job:
    """fn(*args) in a thread; `.wait()` for its result."""
    return Job(fn, args)


def run_program(args, **kwargs) -> int:
    """subprocess: run a program to its end, killed if the job it belongs to is stopped; its exit code."""
    job = getattr(_LOCAL, "job", None)
    if job is not None and job.cancelled.is_set():
        raise Cancelled()
    program = subprocess.Popen(args, **kwargs)
    if job is not None:
        with job._lock:
            job._programs.append(program)
        if job.cancelled.is_set():
            program.kill()
    code = program.wait()
    if job is not None:
        if job.cancelled.is_set():
            raise Cancelled()
        with job._lock:
            job._programs.remove(program)
    return code


def stop_all() -> None:
    for job in list(_RUNNING):
        job.stop()
