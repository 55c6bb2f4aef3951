"""A build stopped from outside ends as one stopped with Ctrl-C: nothing left running or lying about.

By default SIGTERM (a cancelled CI job, `timeout`, systemd, `kill`) ends Python at once: no
`finally` runs, so the search index's Pagefind went on running, orphaned, and the build's
scratch folders in /dev/shm and its new folder beside the output stayed. Raised as
KeyboardInterrupt instead, it takes Ctrl-C's path: the background jobs are stopped (their
programs killed) and what the build began is removed. Publishing stays all or nothing
(switch.py): the site is the last build's or, if the switch was done, this one's; only where
the switch takes two renames (no renameat2: not Linux), a stop between them leaves output/
for the next build to put back, as a kill there always did.
"""
from __future__ import annotations

import contextlib
import os
import signal
import threading


_FORK_HOOKED = False  # this process registered _default_in_child (build package state, not the core's)


class Stopped(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C would raise KeyboardInterrupt."""

    signum = signal.SIGTERM


def stop_on_sigterm() -> None:
    """From now on, SIGTERM raises Stopped in this process's main thread; a forked worker
    (which inherits the handler) still ends at once, as multiprocessing's terminate() expects.
    Only the main thread may set a handler: called from another (a build run in a test's
    thread), SIGTERM is left as it is."""
    if threading.current_thread() is not threading.main_thread():
        return
    owner = os.getpid()

    def stopped(signum, frame):
        if os.getpid() != owner:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        raise Stopped()

    stopped.gongkai_stop = True
    signal.signal(signal.SIGTERM, stopped)
    # A forked worker must not keep a Python-level handler: one blocked in a C call (a pool
    # worker waiting on its task queue's lock) never runs it, so Pool.terminate()'s SIGTERM
    # left it running and the build waiting for it. Each child starts with the default again.
    global _FORK_HOOKED
    if not _FORK_HOOKED:  # once per process: fork hooks cannot be taken back
        os.register_at_fork(after_in_child=_default_in_child)
        _FORK_HOOKED = True


def _default_in_child() -> None:
    if getattr(signal.getsignal(signal.SIGTERM), "gongkai_stop", False):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextlib.contextmanager
def stopping_on_sigterm():
    """stop_on_sigterm() for the length of a build; the handler before it is put back after
    (a build run in-process, as the tests do, leaves the test runner's SIGTERM as it was)."""
    before = signal.getsignal(signal.SIGTERM)
    stop_on_sigterm()
    try:
        yield
    finally:
        if threading.current_thread() is threading.main_thread() and before is not None:
            signal.signal(signal.SIGTERM, before)


def exit_code(stop: KeyboardInterrupt) -> int:
    """What a shell shows for a process ended by the signal: 128 + its number (130 Ctrl-C, 143 SIGTERM)."""
    return 128 + int(getattr(stop, "signum", signal.SIGINT))


STOPPED_MESSAGE = ("生成已停止。网站是上一次生成的，或已替换为这一次的；下次生成会先收拾中断留下的文件。 / "
                   "The build was stopped. The site is the last build's, or this one's if it was already switched in; "
                   "the next build tidies what was left.")
