"""Run a command on a pseudo-terminal, as a person at a keyboard would.

The answers are typed ahead (the terminal keeps them until the program reads
each line), so the test needs no timing. The screen text is returned.
"""
from __future__ import annotations

import os
import pty
import select
import subprocess
import time


def run_on_terminal(args, answers=(), env=None, cwd=None, timeout=60, close_input=False):
    """(exit code, everything the terminal showed). `close_input` types Ctrl-D after the answers."""
    master, slave = pty.openpty()
    typed = "".join(f"{a}\n" for a in answers)
    if close_input:
        typed += "\x04"
    if typed:
        os.write(master, typed.encode("utf-8"))
    proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd, close_fds=True)
    os.close(slave)
    screen = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the program ended and the terminal closed
                    break
                if not chunk:
                    break
                screen += chunk
            elif proc.poll() is not None:
                break
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
        os.close(master)
    return proc.returncode, screen.decode("utf-8", "replace").replace("\r\n", "\n")
