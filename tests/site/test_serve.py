"""`build.py serve` as staff use it: open a page, save an edit, see it; break a file, see why."""
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from conftest import PYTHON, ROOT, SOURCE_DATE_EPOCH, assigned_proposal, proposal, response

PAGE = "/proposals/2026/0001/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path):
    """(status, body text) of a GET to the preview server."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def wait_for(condition, what, timeout=90):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = condition()
            if last:
                return last
        except (urllib.error.URLError, ConnectionError, socket.timeout):
            pass
        time.sleep(0.25)
    raise AssertionError(f"gave up waiting for {what}")


@pytest.fixture
def server(make_content, tmp_path):
    """A preview server on a free port over a temporary content folder; always stopped."""
    content = make_content([assigned_proposal(title="关于建设口袋公园的建议"), response("2026-0001")])
    output = tmp_path / "output"
    port = free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen([PYTHON, str(ROOT / "build.py"), "serve", "--content", str(content),
                             "--output", str(output), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, env=env, cwd=str(ROOT))
    try:
        wait_for(lambda: get(port, "/__gongkai/version")[1] != "0", "the first build")
        yield content, output, port, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
        log.seek(0)
        print("---- serve output ----\n" + log.read())  # shown by pytest when the test fails
        log.close()


def test_an_edit_shows_after_saving(server):
    content, output, port, proc = server
    status, page = get(port, PAGE)
    assert status == 200 and "关于建设口袋公园的建议" in page
    assert "/__gongkai/version" in page  # the live-reload script, in the preview only
    built = (output / "proposals/2026/0001/index.html").read_text(encoding="utf-8")
    assert "关于建设口袋公园的建议" in built and "__gongkai" not in built and "Gongkai preview" not in built
    version = get(port, "/__gongkai/version")[1]

    file = content / "proposals/2026/0001.md"
    file.write_text(file.read_text(encoding="utf-8").replace("关于建设口袋公园的建议", "关于建设更多口袋公园的建议"),
                    encoding="utf-8")
    wait_for(lambda: "关于建设更多口袋公园的建议" in get(port, PAGE)[1], "the edited title")
    wait_for(lambda: get(port, "/__gongkai/version")[1] != version, "a new version, so open pages reload")
    status, css = get(port, "/theme/css/site.css")
    assert status == 200 and "__gongkai" not in css  # only HTML gets the script


def test_content_errors_show_in_every_page_until_fixed(server):
    content, output, port, proc = server
    file = content / "proposals/2026/0001.md"
    good = file.read_text(encoding="utf-8")
    file.write_text(good.replace("category: 经济建设", "category: <b>体育</b>"), encoding="utf-8")

    status, page = wait_for(lambda: (lambda r: r if r[0] == 500 else None)(get(port, PAGE)), "the error page")
    assert "内容有错误，网站没有更新" in page
    assert "proposals/2026/0001.md" in page and "[category]" in page and "经济建设、城市建设、社会事业" in page
    assert "&lt;b&gt;体育&lt;/b&gt;" in page and "<b>体育</b>" not in page  # the report is escaped
    assert "/__gongkai/version" in page  # it reloads by itself once fixed
    assert get(port, "/")[0] == 500 and get(port, "/units/fgw/")[0] == 500  # every HTML page
    assert get(port, "/theme/css/site.css")[0] == 200
    assert "关于建设口袋公园的建议" in (output / "proposals/2026/0001/index.html").read_text(encoding="utf-8")

    file.write_text(good, encoding="utf-8")
    status, page = wait_for(lambda: (lambda r: r if r[0] == 200 else None)(get(port, PAGE)), "the fixed page")
    assert "关于建设口袋公园的建议" in page


def test_a_new_file_appears_and_folders_redirect(server):
    content, output, port, proc = server
    path, text = proposal("0002", title="关于增加公共座椅的建议")
    (content / path).write_text(text, encoding="utf-8")
    wait_for(lambda: get(port, "/proposals/2026/0002/")[0] == 200, "the new proposal's page")
    assert "关于增加公共座椅的建议" in get(port, "/proposals/2026/0002")[1]  # redirected to the folder
    for missing in ("/no/such/page/", "/proposals/2026/9999/index.html", "/theme/css/missing.css"):
        status, page = get(port, missing)
        assert status == 404, missing
        assert "页面未找到" in page and "返回首页" in page, missing  # the site's own 404 page
        assert "Error response" not in page and "File not found" not in page, missing  # not Python's


def test_watching_sees_a_save_and_ignores_editor_files(tmp_path):
    """The watcher (watchfiles, the system's change notifications) reports a saved file and
    passes over swap, lock, backup and hidden files that editors write beside it."""
    import threading

    from staff.serve import Preview

    content = tmp_path / "content"
    (content / "proposals").mkdir(parents=True)
    (content / ".gongkai-cache").mkdir()
    settings = tmp_path / "pelicanconf.py"
    settings.write_text("", encoding="utf-8")
    saved, logged = threading.Event(), []

    class Counting(Preview):
        def rebuild(self):
            saved.set()
            return True

    preview = Counting(content, tmp_path / "output", settings, log=logged.append)
    preview.watch = [content, settings]
    stop = threading.Event()
    thread = threading.Thread(target=preview.watch_forever, kwargs={"stop": stop}, daemon=True)
    thread.start()
    try:
        time.sleep(1)  # let the watcher start (not an assertion: a late start only fails the test)
        for name in (".0001.md.swp", ".#0001.md", "0001.md~", "0001.md.tmp"):
            (content / "proposals" / name).write_text("x", encoding="utf-8")
        (content / ".gongkai-cache" / "state.json").write_text("{}", encoding="utf-8")
        (content / "proposals" / "0001.md").write_text("---\n", encoding="utf-8")
        assert saved.wait(30), "no rebuild after a save"
        assert len(logged) == 1 and "0001.md" in logged[0], logged
        assert not any(bad in logged[0] for bad in (".swp", ".#", "~", ".tmp", "state.json")), logged
    finally:
        stop.set()
        thread.join(10)


def test_requests_for_other_host_names_are_refused(tmp_path):
    """DNS rebinding: a page on evil.example points its name at 127.0.0.1 and reads the preview.
    The preview answers only requests addressed to this machine by name or loopback address."""
    import http.client
    import threading

    from staff.serve import Preview, make_server

    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("<html><body>未发布的预览内容</body></html>", encoding="utf-8")
    server = make_server(Preview(tmp_path / "content", output, ROOT / "pelicanconf.py"), "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]

    def ask(host, path="/", method="GET"):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            conn.putrequest(method, path, skip_host=True)
            if host is not None:
                conn.putheader("Host", host)
            conn.endheaders()
            response = conn.getresponse()
            return response.status, response.read().decode("utf-8")
        finally:
            conn.close()

    try:
        for host in ("localhost", f"localhost:{port}", "127.0.0.1", f"127.0.0.1:{port}", f"[::1]:{port}",
                     "[::1]", "LOCALHOST"):
            status, body = ask(host)
            assert status == 200 and "未发布的预览内容" in body, host
        for host in ("evil.example", f"evil.example:{port}", "localhost.evil.example", f"127.0.0.1.nip.io:{port}",
                     "192.168.1.20", "[::2]", "localhost:80x", "", None):
            status, body = ask(host)
            assert status == 403, host
            assert "未发布的预览内容" not in body and "只接受本机地址" in body, host
            assert ask(host, "/__gongkai/version")[0] == 403
            assert ask(host, "/", method="HEAD")[0] == 403
    finally:
        server.shutdown()
        server.server_close()


def test_sigterm_ends_the_preview_as_ctrl_c_does(server, tmp_path):
    """systemd or `kill` stops the preview with SIGTERM: it says so and exits 0, as after Ctrl-C."""
    _, _, port, proc = server
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(30) == 0
    log = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert "预览已结束。 / Preview stopped." in log and "Traceback" not in log, log
