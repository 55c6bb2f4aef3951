"""The search index is built in the background (plugins/gongkai_build/background.py): its failures still fail
the build, and a build that fails elsewhere stops it, leaving the previous site as it was."""
import os
import shutil
import signal
import stat
import subprocess
import time

import pytest

from conftest import PYTHON, ROOT, SOURCE_DATE_EPOCH, assigned_proposal, build, response


def fake_pagefind(folder, body: str):
    """A stand-in for the Pagefind program (PAGEFIND_BINARY_PATH is how Pagefind's package finds it)."""
    script = folder / "pagefind"
    script.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def files_of(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != ".gongkai-cache"
            and not p.name.endswith(".lock")]  # the lock file stays (output_lock.py)


def built_then_edited(tmp_path, make_content):
    """(content, output, the output's files) of a site built once, whose proposal then gained a paragraph."""
    content = make_content([assigned_proposal(), response()])
    out = tmp_path / "site"
    assert build(content, out).returncode == 0
    before = files_of(out)
    (content / "proposals/2026/0001.md").write_text(
        (content / "proposals/2026/0001.md").read_text(encoding="utf-8") + "\n新增一段。\n", encoding="utf-8")
    return content, out, before


def test_a_failing_search_index_fails_the_build_and_keeps_the_previous_site(tmp_path, make_content):
    content, out, before = built_then_edited(tmp_path, make_content)
    broken = fake_pagefind(tmp_path, 'echo "index exploded" >&2\nexit 3\n')
    result = build(content, out, env={"PAGEFIND_BINARY_PATH": str(broken)})
    assert result.returncode == 2
    assert "Pagefind failed (3)" in result.stderr and "index exploded" in result.stderr
    assert "原有的 output 保持不变" in result.stderr
    assert files_of(out) == before
    assert leftovers(tmp_path) == []


def test_a_build_that_fails_elsewhere_stops_the_index_it_started(tmp_path, make_content):
    content = make_content([assigned_proposal(), response()])
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "themes/gongkai", theme)
    page = theme / "templates/stats.html"  # written late: the index has started by then
    page.write_text(page.read_text(encoding="utf-8").replace("{% block content %}", "{% block content %}{{ no_such_helper() }}", 1),
                    encoding="utf-8")
    settings = tmp_path / "settings.py"
    settings.write_text(f"from pelicanconf import *\nTHEME = {str(theme)!r}\n", encoding="utf-8")
    pid_file = tmp_path / "pagefind.pid"
    slow = fake_pagefind(tmp_path, f'echo $$ > "{pid_file}"\nexec sleep 120\n')
    out = tmp_path / "site"
    started = time.monotonic()
    result = build(content, out, env={"PAGEFIND_BINARY_PATH": str(slow), "PYTHONPATH": str(ROOT)},
                   settings=settings)
    assert result.returncode == 2, result.stderr
    assert "no_such_helper" in result.stderr
    assert time.monotonic() - started < 60  # not held up by the two-minute "index"
    assert not out.exists() and leftovers(tmp_path) == []
    pid = int(pid_file.read_text())  # the index had started …
    try:
        os.kill(pid, 0)
        alive = True
    except ProcessLookupError:
        alive = False
    assert not alive  # … and was killed with the build


@pytest.mark.parametrize("search_first", [False, True])
def test_the_index_starts_once_the_bodies_are_rendered_before_the_page_plans(tmp_path, make_content, monkeypatch,
                                                                             search_first):
    """The search index is the build's longest chain: its job starts as soon as every public body is
    rendered (a record never renders one itself: Python-Markdown is not thread-safe), not after the
    page plans; also when the search plugin comes first in PLUGINS (it renders the bodies itself).
    An in-process build, so the order of the three steps can be seen."""
    import build as cli
    from disclosure_site import generator as pages
    from gongkai_build import background

    steps = []

    def noted(step, fn):
        def called(*args, **kwargs):
            steps.append(step)
            return fn(*args, **kwargs)
        return called

    monkeypatch.setattr(pages, "prerender_bodies", noted("bodies rendered", pages.prerender_bodies))
    monkeypatch.setattr(pages, "all_pages", noted("page plans", pages.all_pages))
    monkeypatch.setattr(background, "start", noted("search index started", background.start))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    content = make_content([assigned_proposal(), response()])
    out = tmp_path / "site"
    settings = tmp_path / "settings.py"
    settings.write_text("from pelicanconf import *\n" + ("PLUGINS = ['search'] + [p for p in PLUGINS if p != 'search']\n"
                                                         if search_first else ""), encoding="utf-8")
    assert cli.main(["build", "--content", str(content), "--output", str(out), "--settings", str(settings),
                     "--site-url", "https://zx.example.org"]) == 0
    assert list(dict.fromkeys(steps)) == ["bodies rendered", "search index started", "page plans"]
    assert (out / "pagefind/2026/pagefind-entry.json").is_file()


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT"])
def test_a_build_stopped_from_outside_leaves_nothing_running_or_lying_about(tmp_path, make_content, how):
    """A cancelled CI job, `timeout` or systemd stops a build with SIGTERM; staff press Ctrl-C (SIGINT).
    Either way the search index's program is stopped with it (before, after SIGTERM it ran on,
    orphaned), its scratch folder in /dev/shm (RAM) is removed, nothing the build began is left
    beside the output, and the previous site is as it was. The build says it was stopped, without
    a Python traceback."""
    content, out, before = built_then_edited(tmp_path, make_content)
    seen = tmp_path / "pagefind.seen"  # the stand-in says where it runs (its scratch folder) and its pid
    slow = fake_pagefind(tmp_path, f'echo "$$ $PWD" > "{seen}.part" && mv "{seen}.part" "{seen}"\nexec sleep 120\n')
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, PYTHONIOENCODING="utf-8",
               PAGEFIND_BINARY_PATH=str(slow))
    # As from a terminal, where Ctrl-C reaches the build: a test run started in the background (make
    # test under nohup or `&`) passes SIGINT on as ignored, and Python then keeps ignoring it.
    proc = subprocess.Popen([PYTHON, str(ROOT / "build.py"), "build", "--content", str(content), "--output", str(out),
                             "--site-url", "https://zx.example.org"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        for _ in range(1200):  # the index has started (at most a minute)
            if seen.exists() or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert seen.exists(), proc.communicate()
        pid, scratch = seen.read_text(encoding="utf-8").split(maxsplit=1)
        proc.send_signal(getattr(signal, how))
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode != 0
    assert "生成已停止" in err and "The build was stopped" in err, err
    assert "Traceback" not in err, err
    deadline = time.monotonic() + 10
    while True:
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            break  # the index's program is gone …
        assert time.monotonic() < deadline, "the search index's program is still running"
        time.sleep(0.1)
    assert not os.path.exists(scratch.strip())  # … with its scratch folder
    assert leftovers(tmp_path) == [] and files_of(out) == before
