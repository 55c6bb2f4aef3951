"""Build progress on a terminal: one line that counts the files as the build writes or reuses them.

Counted in the build's process from gongkai_build/writer.py's OUTPUT signal, which every file
of the output passes (pages made in forked workers too, once they are back); at the end it
says how many files the new site has, written and reused.

Shown only to a person: stderr must be a terminal and CI unset, so logs, CI
runs and tests that capture output see nothing of it.
"""
from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager


def wanted(stream=None, env=None) -> bool:
    stream = stream or sys.stderr
    env = os.environ if env is None else env
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        return False
    return tty and not env.get("CI") and env.get("TERM") != "dumb"


class Progress:
    """Draws "生成页面 120/480 25%" in place, at most ten times a second."""

    def __init__(self, stream, clock=time.monotonic):
        self.stream, self.clock = stream, clock
        self.total = 0
        self.written = 0
        self.reused = 0
        self.started = clock()
        self._drawn_at = 0.0
        self._shown = False

    def _draw(self, text: str, force=False) -> None:
        now = self.clock()
        if not force and now - self._drawn_at < 0.1:
            return
        self._drawn_at = now
        self.stream.write("\r\033[K" + text)
        self.stream.flush()
        self._shown = True

    def reading(self, *_, **__) -> None:
        self._draw("读取并检查内容…", force=True)

    def planned(self, generators, **__) -> None:
        self.total = sum(len(getattr(g, "pages", None) or []) for g in generators)
        self._draw(f"生成页面 0/{self.total}", force=True)

    def page_written(self, *_, reused: bool = False, count: int = 1, **__) -> None:
        """`count` files at once (the writer signals a batch once: gongkai_build/writer.py)."""
        self.written += count
        self.reused += count if reused else 0
        if self.total and self.written <= self.total:
            bar = "#" * (20 * self.written // self.total)
            self._draw(f"生成页面 {self.written}/{self.total} [{bar:<20}] {100 * self.written // self.total}%",
                       force=self.written == self.total)
        else:  # feeds, data and other plugins' files: their number is not known ahead
            self._draw(f"生成订阅、数据等其他文件… {self.written - self.total}")

    def finished(self, *_, **__) -> None:
        if self._shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._shown = False

    def summary(self) -> None:
        """The last line: every file of the new site, as counted (written and reused)."""
        if self._shown:
            self.stream.write(f"\r\033[K共 {self.written} 个文件（新生成 {self.written - self.reused}，沿用上次 {self.reused}）"
                              f" / {self.written} files ({self.written - self.reused} written, {self.reused} reused)\n")
            self.stream.flush()
            self._shown = False


@contextmanager
def build_progress(stream=None, env=None):
    """Show progress for the Pelican run inside this block (when a person is watching)."""
    stream = stream or sys.stderr
    if not wanted(stream, env):
        yield None
        return
    from pelican import signals

    from gongkai_build.writer import OUTPUT

    progress = Progress(stream)
    hooks = [(signals.initialized, progress.reading), (signals.all_generators_finalized, progress.planned),
             (OUTPUT, progress.page_written)]
    for signal, hook in hooks:
        signal.connect(hook)
    try:
        yield progress
        progress.summary()  # the build returned: every file is counted (an unchanged site: none shown)
    finally:
        progress.finished()
        for signal, hook in hooks:
            signal.disconnect(hook)
