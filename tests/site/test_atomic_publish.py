"""Publishing the built site: all or nothing, one build at a time, nothing damaged reused.

Real builds through the CLI. A full disk is a real one (a small tmpfs, so this needs
root, as in CI); a build killed at a precise moment, or two builds overlapping, use the
fault-injection points of plugins/gongkai_build/faults.py (GONGKAI_FAULT), since timing alone could
never hit those moments reliably. The served pages are fetched over HTTP from the
output folder, as a web server with `root output/` would serve them.
"""
from __future__ import annotations

import gzip
import os
import subprocess
import threading
import time
import urllib.request
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import PYTHON, ROOT, SOURCE_DATE_EPOCH, assigned_proposal, build, response

A, B = "https://zx.example.org", "https://zx-new.example.org"  # every page differs between the two
PAGES = ["/", "/proposals/2026/0001/", "/pagefind/2026/pagefind.js"]


def site_files(make_content):
    files = [assigned_proposal(f"{n:04d}") for n in range(1, 6)] + [response("2026-0001")]
    files += [assigned_proposal("0001", year=2025), response("2025-0001")]
    return make_content(files)


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def beside(out: Path) -> list[str]:
    """What a build left next to the output, apart from the output, its cache, its lock and its spare
    (the previous site, which the next build updates: plugins/gongkai_build/spare.py)."""
    return sorted(p.name for p in out.parent.iterdir()
                  if p.name.startswith(".") and p.name not in (".gongkai-cache", f".{out.name}.lock", f".{out.name}-spare"))


def cold(content, tmp_path, url) -> dict[str, bytes]:
    folder = tmp_path / f"cold-{len(list(tmp_path.glob('cold-*')))}"
    assert build(content, folder / "site", url).returncode == 0
    return tree(folder / "site")


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(folder: Path):
    """An HTTP server with its root at the output folder; yields a function fetching a path's bytes."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield lambda path: urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}{path}", timeout=30).read()
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def tmpfs(tmp_path):
    """tmpfs(name, kib) → a folder on a tmpfs of that size (root only: skipped elsewhere, except in CI)."""
    mounts = []

    def mount(name: str, kib: int) -> Path:
        if os.geteuid() != 0:
            if os.environ.get("CI"):
                pytest.fail("the disk-full test mounts a small tmpfs: CI must run the tests as root")
            pytest.skip("mounting a small tmpfs (a disk that fills up) needs root; CI runs this as root")
        where = tmp_path / name
        where.mkdir()
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kib}k,mode=0755", "tmpfs", str(where)], check=True)
        mounts.append(where)
        return where

    yield mount
    for where in reversed(mounts):
        subprocess.run(["umount", "-l", str(where)], check=False)  # lazily: a detached rm may still run


def used_kib(*folders: Path) -> int:
    """Space the files take on a tmpfs (whole 4 KiB pages)."""
    pages = sum(-(-p.stat().st_size // 4096) for f in folders for p in f.rglob("*") if p.is_file())
    return pages * 4


# --- a full disk ------------------------------------------------------------------------


def test_a_full_disk_keeps_the_previous_site_live_and_says_so(tmp_path, make_content, tmpfs):
    content = site_files(make_content)
    want_b = cold(content, tmp_path, B)
    measure = tmp_path / "measure"
    assert build(content, measure / "site", A).returncode == 0
    first = used_kib(measure)  # the first build's output and cache
    failures = 0
    # The second build needs about twice the first's room. Below that the disk fills up in
    # Pelican's pages; just below it, in Pagefind (which exits 0 with empty or cut-off files),
    # in the checks, or while the caches are saved after the switch: a narrow band, so it is
    # walked in small steps.
    for step, factor in enumerate((1.5, 1.9, 1.93, 1.95, 1.96, 1.965, 1.97, 1.975, 1.98, 1.985, 1.99, 2.0, 2.3)):
        disk = tmpfs(f"disk{step}", int(first * factor))
        out = disk / "site"
        assert build(content, out, A).returncode == 0
        before = tree(out)
        with served(out) as fetch:
            pages = {path: fetch(path) for path in PAGES}
            result = build(content, out, B)
            if result.returncode == 0:
                assert tree(out) == want_b, factor  # a complete site, never a cut-off one
                continue
            failures += 1
            said = result.stderr
            if result.returncode == 3:  # the disk filled up after the switch, while keeping the cache
                assert "新网站已经完整发布" in said and "The new site is live" in said, said
                assert tree(out) == want_b
            else:
                assert result.returncode == 2, said
                assert "原有的 output 保持不变" in said and "previous output is unchanged" in said, said
                assert "磁盘空间不足" in said or "新生成的文件不完整" in said, said
                assert "Traceback" not in said
                assert tree(out) == before, factor  # byte for byte the previous site
                assert {path: fetch(path) for path in PAGES} == pages  # and it is what is served
        assert beside(out) == [], beside(out)  # the failed build's folder is gone
        # with room again, the next build is a whole, correct site: nothing damaged was kept
        subprocess.run(["mount", "-o", f"remount,size={int(first * 4)}k", str(disk)], check=True)
        again = build(content, out, B)
        assert again.returncode == 0, again.stderr
        assert tree(out) == want_b, factor
    assert failures, "no size made the build run out of space: the test tested nothing"


def test_a_search_bundle_cut_short_by_a_full_disk_is_caught(tmp_path, tmpfs):
    """Pagefind exits 0 when its writes fail; the bundle check catches what it left."""
    from pagefind.service import get_executable
    from search.bundle_check import check_bundle
    from gongkai_build.verify import Damaged

    site = tmp_path / "corpus"
    site.mkdir()
    for n in range(3):
        (site / f"{n}.html").write_text(f'<html lang="zh"><body><main data-pagefind-body><h1>提案{n}</h1>'
                                        f"<p>正文第{n}段</p></main></body></html>", encoding="utf-8")
    small = tmpfs("small", 96)
    for bundle in (tmp_path / "whole", small / "cut"):
        ran = subprocess.run([get_executable(), "--site", str(site), "--output-path", str(bundle)],
                             capture_output=True, text=True)
        assert ran.returncode == 0  # Pagefind says nothing went wrong, even on the full disk
    check_bundle(tmp_path / "whole")
    with pytest.raises((Damaged, OSError)):
        check_bundle(small / "cut")


# --- killed builds ------------------------------------------------------------------------


def test_a_build_killed_right_after_the_switch_leaves_the_whole_new_site(tmp_path, make_content):
    content = site_files(make_content)
    want_b = cold(content, tmp_path, B)
    out = tmp_path / "site"
    assert build(content, out, A).returncode == 0
    killed = build(content, out, B, env={"GONGKAI_FAULT": "kill@after-exchange"})
    assert killed.returncode == -9  # killed between the switch and setting the old site aside
    assert tree(out) == want_b  # output/ is there, complete: the new site
    assert any(name.startswith(".site-new-") for name in beside(out))  # the old site, not yet removed
    again = build(content, out, B)
    assert again.returncode == 0 and "已删除中断的生成留下的" in again.stderr
    assert beside(out) == [] and tree(out) == want_b


def test_a_build_killed_before_the_switch_leaves_the_previous_site(tmp_path, make_content):
    content = site_files(make_content)
    out = tmp_path / "site"
    assert build(content, out, A).returncode == 0
    before = tree(out)
    killed = build(content, out, B, env={"GONGKAI_FAULT": "kill@before-switch"})
    assert killed.returncode == -9
    assert tree(out) == before
    assert [name for name in beside(out) if name.startswith(".site-new-")]  # its staging folder is debris
    (out.parent / ".old-site-12345").mkdir()  # and the remains of an interrupted removal
    (out.parent / ".old-site-12345" / "index.html").write_text("old", encoding="utf-8")
    again = build(content, out, B)
    assert again.returncode == 0, again.stderr
    assert beside(out) == []
    assert tree(out) == cold(content, tmp_path, B)


def test_without_an_exchange_rename_a_kill_between_the_two_renames_loses_nothing(tmp_path, make_content):
    """The fallback (no renameat2): output/ is missing for an instant; the next build puts it back."""
    content = site_files(make_content)
    out = tmp_path / "site"
    assert build(content, out, A).returncode == 0
    before = tree(out)
    killed = build(content, out, B, env={"GONGKAI_FAULT": "no-exchange,kill@between-renames"})
    assert killed.returncode == -9
    aside = [out.parent / name for name in beside(out) if name.startswith(".site-prev-")]
    assert len(aside) == 1 and tree(aside[0]) == before  # the live site, moved aside whole
    again = build(content, out, B, env={"GONGKAI_FAULT": "no-exchange"})
    assert again.returncode == 0, again.stderr
    assert "已恢复原来的网站" in again.stderr
    assert beside(out) == [] and tree(out) == cold(content, tmp_path, B)


# --- two builds at once --------------------------------------------------------------------------


def test_a_second_build_into_the_same_output_waits_for_the_first(tmp_path, make_content):
    content = site_files(make_content)
    out = tmp_path / "site"
    faults = tmp_path / "faults"
    faults.mkdir()
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, PYTHONIOENCODING="utf-8")
    cmd = [PYTHON, str(ROOT / "build.py"), "build", "--content", str(content), "--output", str(out), "--site-url"]
    first = subprocess.Popen(cmd + [A], env=dict(env, GONGKAI_FAULT="pause@before-switch", GONGKAI_FAULT_DIR=str(faults)),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(2400):  # the first build is verified and about to switch (at most two minutes)
            if (faults / "before-switch.reached").exists() or first.poll() is not None:
                break
            time.sleep(0.05)
        assert (faults / "before-switch.reached").exists(), first.communicate()
        second = subprocess.Popen(cmd + [B], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        said = second.stderr.readline()  # blocks until the second build says something, or ends
        assert "另一个生成" in said and "waiting for it to finish" in said, said
        (faults / "before-switch.go").touch()
        out_first, err_first = first.communicate(timeout=300)
        out_second, err_second = second.communicate(timeout=300)
    finally:
        (faults / "before-switch.go").touch()
        first.kill()
    assert first.returncode == 0, err_first
    assert second.returncode == 0, err_second
    assert tree(out) == cold(content, tmp_path, B)  # the build started last wins
    assert beside(out) == []


# --- nothing damaged is reused --------------------------------------------------------------------


def test_a_damaged_file_in_the_previous_output_is_not_reused(tmp_path, make_content):
    content = site_files(make_content)
    out = tmp_path / "site"
    assert build(content, out, A).returncode == 0
    page = out / "proposals/2026/0003/index.html"  # a page the next change does not touch
    page.write_bytes(page.read_bytes()[:1000])  # cut short, as a full disk would
    wasm = next((out / "pagefind/2025").glob("wasm.*.pagefind"))  # in a search bundle that stays the same
    wasm.write_bytes(wasm.read_bytes()[:8192])
    # nothing changed in the content: still not "up to date", since the output is not what was built
    result = build(content, out, A)
    assert result.returncode == 0 and "没有变化" not in result.stdout
    assert tree(out) == cold(content, tmp_path, A)
    gzip.decompress(next((out / "pagefind/2025").glob("wasm.*.pagefind")).read_bytes())  # whole again
    # and after a change elsewhere, the damaged page is made again rather than linked
    page.write_bytes(b"")
    (content / "proposals/2026/0005.md").write_text(
        (content / "proposals/2026/0005.md").read_text(encoding="utf-8").replace("建议加快推进", "建议尽快推进"),
        encoding="utf-8")
    result = build(content, out, A)
    assert result.returncode == 0, result.stderr
    assert tree(out) == cold(content, tmp_path, A)


# --- a failure after the switch ---------------------------------------------------------------------


def test_a_failure_after_the_switch_is_reported_as_such(tmp_path, make_content):
    content = site_files(make_content)
    out = tmp_path / "site"
    assert build(content, out, A).returncode == 0
    result = build(content, out, B, env={"GONGKAI_FAULT": "enospc@save-cache"})
    assert result.returncode == 3
    assert "新网站已经完整发布" in result.stderr and "The new site is live and complete" in result.stderr
    assert "磁盘空间不足" in result.stderr and "保持不变" not in result.stderr
    want_b = cold(content, tmp_path, B)
    assert tree(out) == want_b
    again = build(content, out, B)  # the cache was not trusted: a whole build, the same site
    assert again.returncode == 0 and "没有变化" not in again.stdout
    assert tree(out) == want_b
