"""`python build.py serve`: build, serve on localhost, rebuild on save, reload the browser.

The preview is for staff at their own desk, never for the public:
- it builds with `build.py build` (the same check and build_site as a real
  build) in a child process, so edits to the theme and the plugins count too;
- it watches content/, themes/, plugins/ and the settings file through
  watchfiles (the operating system's change notifications, installed with
  Pelican), so an idle preview costs nothing and a save is seen at once;
- a missing page gets the site's own 404 page with status 404, as on the
  real host, never Python's English error page;
- it adds a tiny script to the HTML it sends (never to the files in output/)
  that asks /__gongkai/version every half second and reloads when it changes;
- while the content has errors, every page is the bilingual report (escaped),
  and the terminal shows it too, until the files are fixed;
- it answers only requests addressed to localhost, 127.0.0.1 or [::1]: a web
  page elsewhere cannot point its own name at this machine ("DNS rebinding")
  and read the preview, which shows entries before they are published.
"""
from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import threading
import time
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import watchfiles

from gongkai_build.stopping import stop_on_sigterm

ROOT = Path(__file__).resolve().parent.parent.parent
BUILD_PY = ROOT / "build.py"
VERSION_PATH = "/__gongkai/version"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]"}
HOST_REFUSED = ("这个预览只接受本机地址（localhost、127.0.0.1、[::1]）的访问。\n"
                "This preview answers only requests to localhost, 127.0.0.1 or [::1].\n")

RELOAD_SCRIPT = """<script>/* Gongkai preview only: reload when the site is rebuilt. */
(function(){var v=%s;function poll(){fetch("%s",{cache:"no-store"}).then(function(r){return r.text()})
.then(function(t){if(t!==v){location.reload()}else{setTimeout(poll,500)}},function(){setTimeout(poll,2000)})}
setTimeout(poll,500)})();</script>"""

ERROR_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>内容有错误，网站没有更新 - 预览</title>
<style>body{{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;padding:1rem 1.5rem;
line-height:1.6;color:#1a1a1a}}h1{{color:#8c1c13;font-size:1.5rem}}pre{{white-space:pre-wrap;background:#fff8e1;
border-left:4px solid #f2a900;padding:.75rem 1rem;font-size:.95rem}}</style></head>
<body><main class="gongkai-preview-error">
<h1>内容有错误，网站没有更新</h1>
<p>请按下面的提示修改文件并保存，本页会自动刷新。错误说明见 docs/staff-guide.md。<br>
The content has errors; fix the files below and save — this page reloads by itself.</p>
<pre id="report">{report}</pre>
</main></body></html>
"""


def local_host(header: str | None) -> bool:
    """Whether a Host header names this machine: localhost, 127.0.0.1 or [::1], with or without a port."""
    host = (header or "").strip().lower()
    if host.startswith("["):
        name, _, port = host.partition("]")
        name += "]"
        if port:
            if not port.startswith(":"):
                return False
            port = port[1:]
    else:
        name, _, port = host.partition(":")
    return name in LOCAL_HOSTS and (port == "" or port.isdigit())


class ContentFilter(watchfiles.DefaultFilter):
    """watchfiles' own filter (VCS folders, __pycache__, node_modules, swap files) plus hidden
    files and folders (the build's .gongkai-cache among them: watching it would rebuild forever),
    lock and temporary files: editors touch them all the time and they are not content."""

    def __init__(self, bases):
        super().__init__()
        self.bases = [os.path.abspath(b) for b in bases]

    def __call__(self, change, path: str) -> bool:
        path = os.path.abspath(path)
        base = next((b for b in self.bases if path == b or path.startswith(b + os.sep)), None)
        parts = os.path.relpath(path, base).split(os.sep) if base else [os.path.basename(path)]
        if any(part.startswith((".", "#")) and part != "." for part in parts):
            return False
        if parts[-1].endswith(("~", ".swp", ".swx", ".tmp", ".pyc")):
            return False
        return super().__call__(change, path)


class Preview:
    """The state the server shows: the last good build in output/, or the error report."""

    def __init__(self, content: Path, output: Path, settings: Path, log=None):
        self.content, self.output, self.settings = Path(content), Path(output), Path(settings)
        self.watch = [self.content, ROOT / "themes", ROOT / "plugins", self.settings]
        self.version = 0
        self.error: str | None = None
        self.idle = threading.Event()
        self.idle.set()
        self.log = log or (lambda text: print(text, file=sys.stderr, flush=True))
        self._lock = threading.Lock()

    def rebuild(self) -> bool:
        self.idle.clear()
        started = time.monotonic()
        try:
            env = dict(os.environ, PYTHONIOENCODING="utf-8")
            result = subprocess.run(
                [sys.executable, str(BUILD_PY), "build", "--content", str(self.content),
                 "--output", str(self.output), "--settings", str(self.settings)],
                capture_output=True, text=True, encoding="utf-8", errors="replace", env=env, cwd=str(ROOT))
        finally:
            self.idle.set()
        seconds = time.monotonic() - started
        stamp = time.strftime("%H:%M:%S")
        with self._lock:
            if result.returncode == 0:
                self.error = None
                self.log(f"[{stamp}] 网站已生成（{seconds:.1f} 秒）。 / Built in {seconds:.1f}s.")
            else:
                self.error = _report_text(result)
                self.log(f"[{stamp}] 内容有错误，预览显示错误说明，直到修正： / The content has errors:\n{self.error}")
            self.version += 1
        return result.returncode == 0

    def watch_forever(self, stop: threading.Event | None = None, debounce_ms: int = 300) -> None:
        """Rebuild after each burst of changes; watchfiles gathers a save's several writes
        (debounce) into one set, so one save is one build."""
        paths = [p for p in self.watch if p.exists()]
        for changes in watchfiles.watch(*paths, watch_filter=ContentFilter(paths), debounce=debounce_ms,
                                        stop_event=stop):
            changed = sorted({path for _, path in changes})
            names = "、".join(os.path.relpath(p, ROOT) if p.startswith(str(ROOT)) else p for p in changed[:3])
            self.log(f"有文件改动（{names}{' 等' if len(changed) > 3 else ''}），重新生成… / Rebuilding…")
            self.rebuild()


def _report_text(result) -> str:
    text = (result.stderr or "").strip() or (result.stdout or "").strip()
    noise = ("Done: Processed",)
    return "\n".join(line for line in text.splitlines() if not line.startswith(noise)) or \
        f"生成失败（退出码 {result.returncode}）。 / The build failed (exit {result.returncode})."


class PreviewHandler(SimpleHTTPRequestHandler):
    """Static files from output/, HTML with the reload script, the error page while broken."""

    preview: Preview = None  # set by make_server

    def __init__(self, *args, preview=None, **kwargs):
        self.preview = preview
        super().__init__(*args, directory=str(preview.output), **kwargs)

    def log_message(self, format, *args):  # staff need the build messages, not every request
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head=False):
        if not local_host(self.headers.get("Host")):
            return self._send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8", HOST_REFUSED.encode("utf-8"), head)
        path = unquote(urlsplit(self.path).path)
        if path == VERSION_PATH:
            return self._send(HTTPStatus.OK, "text/plain; charset=utf-8", str(self.preview.version).encode(), head)
        wants_html = path.endswith(("/", ".html", ".htm")) or "." not in path.rsplit("/", 1)[-1]
        if wants_html and self.preview.error is not None:
            page = ERROR_PAGE.format(report=html.escape(self.preview.error))
            return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/html; charset=utf-8", self._inject(page), head)
        file = Path(self.translate_path(path))
        if not file.exists() and not self.preview.idle.is_set():
            self.preview.idle.wait(timeout=300)  # the new output is being swapped in
        if file.is_dir():
            if not path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            file = file / "index.html"
        if file.suffix in (".html", ".htm"):
            try:
                text = file.read_text(encoding="utf-8")
            except OSError:
                return self.send_error(HTTPStatus.NOT_FOUND)
            return self._send(HTTPStatus.OK, "text/html; charset=utf-8", self._inject(text), head)
        return super().do_HEAD() if head else super().do_GET()

    def send_error(self, code, message=None, explain=None):
        """A missing file gets the site's own 404 page (as nginx's error_page serves it), not
        Python's English one; other errors keep the standard reply."""
        page = self.preview.output / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            return super().send_error(code, message, explain)
        try:
            text = page.read_text(encoding="utf-8")
        except OSError:
            return super().send_error(code, message, explain)
        self.close_connection = True
        return self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", self._inject(text),
                          head=self.command == "HEAD")

    def _inject(self, page: str) -> bytes:
        script = RELOAD_SCRIPT % (json.dumps(str(self.preview.version)), VERSION_PATH)
        at = page.lower().rfind("</body>")
        page = page[:at] + script + page[at:] if at >= 0 else page + script
        return page.encode("utf-8")

    def _send(self, status, content_type, data: bytes, head=False):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head:
            self.wfile.write(data)


def make_server(preview: Preview, host: str, port: int) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((host, port), partial(PreviewHandler, preview=preview))
    server.daemon_threads = True
    return server


def serve(content: Path, output: Path, settings: Path, port: int = 8000, host: str = "127.0.0.1") -> int:
    preview = Preview(content, output, settings)
    try:
        server = make_server(preview, host, port)
    except OSError as exc:
        print(f"无法使用端口 {port}（{exc.strerror}）。可能已有预览在运行；换一个端口：python build.py serve --port 8001"
              f" / Port {port} is not available.", file=sys.stderr)
        return 1
    address = f"http://{'localhost' if host == '127.0.0.1' else host}:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, name="preview-http", daemon=True)
    thread.start()
    stop_on_sigterm()  # `kill` or systemd ends the preview as Ctrl-C does (a forked worker still just ends)
    print(f"预览地址：{address}（只在本机可见；保存文件后自动刷新；按 Ctrl-C 结束）\n"
          f"Preview at {address} — rebuilds on save; Ctrl-C to stop.", file=sys.stderr, flush=True)
    try:
        preview.rebuild()
        preview.watch_forever()
    except KeyboardInterrupt:
        print("\n预览已结束。 / Preview stopped.", file=sys.stderr)
    finally:
        server.shutdown()
        server.server_close()
    return 0
