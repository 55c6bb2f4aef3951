"""SIGTERM during a build is Ctrl-C's KeyboardInterrupt, and only during it (gongkai_build/stopping.py).

A build run in-process (as many tests do) must leave the process's own SIGTERM handling as it was;
what a stopped build leaves behind is tested with real builds in tests/site/test_background_search.py.
"""
import os
import signal
import threading

import pytest

from gongkai_build.stopping import Stopped, exit_code, stopping_on_sigterm


def test_sigterm_in_a_build_is_a_keyboard_interrupt_and_the_old_handler_is_back_after():
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(KeyboardInterrupt) as stopped:
        with stopping_on_sigterm():
            os.kill(os.getpid(), signal.SIGTERM)
            signal.sigtimedwait([], 0.5) if hasattr(signal, "sigtimedwait") else None
            for _ in range(1000):  # the handler runs between bytecodes
                pass
    assert isinstance(stopped.value, Stopped) and exit_code(stopped.value) == 143
    assert signal.getsignal(signal.SIGTERM) is before


def test_ctrl_c_exits_130():
    assert exit_code(KeyboardInterrupt()) == 130


def test_from_another_thread_nothing_is_set():
    before, seen = signal.getsignal(signal.SIGTERM), []

    def build():
        with stopping_on_sigterm():
            seen.append(signal.getsignal(signal.SIGTERM))
    thread = threading.Thread(target=build)
    thread.start()
    thread.join()
    assert seen == [before] and signal.getsignal(signal.SIGTERM) is before


def test_a_forked_child_starts_with_sigterm_at_its_default():
    """A pool worker blocked in a C call never runs a Python handler: Pool.terminate()'s SIGTERM
    must end it at once, as it did before the build caught SIGTERM (a fresh-clone run hung so)."""
    with stopping_on_sigterm():
        read, write = os.pipe()
        child = os.fork()
        if child == 0:
            os.write(write, b"1" if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL else b"0")
            os._exit(0)
        os.waitpid(child, 0)
        assert os.read(read, 1) == b"1"
        os.close(read)
        os.close(write)
