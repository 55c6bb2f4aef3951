"""A build killed at any moment (SIGKILL to its process group: a cancelled CI job, an OOM kill, a
power cut's equivalent for the program) leaves the previous site or the new one, whole, and the next
build puts out exactly what a cold build would, whatever the kill left in the caches.

test_atomic_publish.py kills builds at the named moments around the switch (faults.py); this one kills
at moments spread over the whole build (loading, checking, rendering, writing pages, Pagefind, the
switch, saving the caches), timed from a real build of the same content. Ground truth: cold builds of
the two contents into folders of their own.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time
from functools import partial

from conftest import PYTHON, ROOT, SOURCE_DATE_EPOCH, assigned_proposal, build, response

FRACTIONS = tuple(n / 10 for n in range(1, 10))  # of a rebuild's time: loading, checking, writing, Pagefind
AFTER_SWITCH_MS = (0, 2, 5, 10, 20, 40)  # setting the old site aside, saving the caches
OLD, NEW = "我委将研究制定补助办法。", "我委已于本月印发补助办法，全文见附件。"


def tree(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def beside(out):
    keep = (".gongkai-cache", f".{out.name}.lock", f".{out.name}-spare")
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".") and p.name not in keep)


def start(content, out):
    """A build started as `build` starts it, in a process group of its own."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, PYTHONIOENCODING="utf-8")
    return subprocess.Popen([PYTHON, str(ROOT / "build.py"), "build", "--content", str(content), "--output", str(out),
                             "--site-url", "https://zx.example.org"], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def killed_after(content, out, seconds: float) -> int:
    """A build whose whole process group is killed after `seconds` (its exit code: -9 when it was)."""
    proc = start(content, out)
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
    return proc.wait()


def killed_after_switch(content, out, seconds: float) -> int:
    """A build killed `seconds` after the new site took the output's place (the folder's inode changes at
    the switch), while it sets the old site aside and saves what it keeps for the next build."""
    before = out.stat().st_ino
    proc = start(content, out)
    while proc.poll() is None:
        try:
            if out.stat().st_ino != before:
                time.sleep(seconds)
                os.killpg(proc.pid, signal.SIGKILL)
                break
        except FileNotFoundError:  # between the two renames of the fallback
            pass
        time.sleep(0.0005)
    return proc.wait()


def test_a_build_killed_at_any_moment_leaves_one_whole_site_and_the_next_build_is_right(tmp_path, make_content):
    files = [assigned_proposal(f"{n:04d}") for n in range(1, 6)] + [assigned_proposal("0001", year=2025)]
    content = make_content(files + [response("2026-0001", body=OLD), response("2025-0001")])
    reply = content / response("2026-0001")[0]
    old_text = reply.read_text(encoding="utf-8")
    new_text = old_text.replace(OLD, NEW)
    assert new_text != old_text

    def cold(name):
        assert build(content, tmp_path / name / "site").returncode == 0
        return tree(tmp_path / name / "site")

    want_old = cold("cold-old")
    reply.write_text(new_text, encoding="utf-8")
    want_new = cold("cold-new")
    assert want_old != want_new

    out = tmp_path / "live" / "site"
    reply.write_text(old_text, encoding="utf-8")
    assert build(content, out).returncode == 0
    reply.write_text(new_text, encoding="utf-8")
    start = time.monotonic()
    assert build(content, out).returncode == 0  # a rebuild's time, as the killed ones are rebuilds
    took = time.monotonic() - start
    assert tree(out) == want_new

    outcomes = []
    kills = [(f"{f:.0%} of a rebuild", partial(killed_after, seconds=took * f)) for f in FRACTIONS]
    kills += [(f"{ms} ms after the switch", partial(killed_after_switch, seconds=ms / 1000)) for ms in AFTER_SWITCH_MS]
    for fraction, kill in kills:
        reply.write_text(old_text, encoding="utf-8")
        assert build(content, out).returncode == 0
        assert tree(out) == want_old
        reply.write_text(new_text, encoding="utf-8")
        code = kill(content, out)
        left = tree(out)
        assert left in (want_old, want_new), f"killed {fraction}: a site neither old nor new"
        outcomes.append((fraction, code, "old" if left == want_old else "new"))
        again = build(content, out)
        assert again.returncode == 0, again.stderr
        assert tree(out) == want_new, f"after a kill {fraction}, the next build differs from a cold one"
        assert beside(out) == [], f"after a kill {fraction}: {beside(out)}"
    print(f"a rebuild took {took:.2f} s; killed at (fraction, exit code, site left):", outcomes)
    # both sides of the switch were reached by a kill (else the test would prove nothing there)
    assert {"old", "new"} <= {left for _, code, left in outcomes if code == -signal.SIGKILL}, outcomes
