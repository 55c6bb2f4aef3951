"""The nginx block of docs/deploy.md, run by a real nginx over a real build.

The config is read from the docs (so the docs cannot drift from what works), pointed at
a build made for a sub-path, and asked for what feed readers, spreadsheets and crawlers
ask for: the right Content-Type, gzip for text, the cache headers the docs promise.
"""
from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, build

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def documented_server_block() -> str:
    text = (ROOT / "docs/deploy.md").read_text(encoding="utf-8")
    return re.search(r"```nginx\n(server \{.*?\n\})\n```", text, re.S).group(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: .ci/run installs it")
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    base = tmp_path_factory.mktemp("nginx")
    port = free_port()
    out = base / "www" / "zxta"  # the site lives under /zxta/ of the host
    result = build(ROOT / "content", out, site_url=f"http://127.0.0.1:{port}/zxta")
    assert result.returncode == 0, result.stderr
    server = documented_server_block()
    server = server.replace("root /srv/www/zx;", f"root {base / 'www'};")
    server = server.replace("error_page 404 /404.html;", "error_page 404 /zxta/404.html;")
    server = server.replace("server {", f"server {{\n    listen 127.0.0.1:{port};", 1)
    conf = base / "nginx.conf"
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(f"""{user}worker_processes 1;
pid {base}/nginx.pid;
error_log {base}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {base}/body; proxy_temp_path {base}/proxy; fastcgi_temp_path {base}/fcgi;
    uwsgi_temp_path {base}/uwsgi; scgi_temp_path {base}/scgi;
{server}
}}
""", encoding="utf-8")
    proc = subprocess.Popen([NGINX, "-c", str(conf), "-g", "daemon off;"], stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/zxta/"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(proc.stderr.read().decode())
            time.sleep(0.05)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def get(url, gzip_ok=False):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.mark.parametrize("path, media_type", [
    ("feeds/all.atom.xml", "application/atom+xml"),
    ("feeds/all.rss.xml", "application/rss+xml"),
    ("feeds/proposals/2023/0110.atom.xml", "application/atom+xml"),
    ("data/proposals.csv", "text/csv"),
    ("data/proposals.json", "application/json"),
    ("sitemap.xml", "application/xml"),
    ("", "text/html"),
])
def test_each_file_is_served_as_its_type(nginx, path, media_type):
    status, headers, _ = get(nginx + path)
    assert status == 200
    assert headers.get_content_type() == media_type, headers["Content-Type"]
    if media_type in ("text/csv", "text/html", "application/atom+xml", "application/rss+xml"):
        assert headers.get_content_charset() == "utf-8", headers["Content-Type"]
    assert headers["Cache-Control"] == "no-cache"


def test_text_is_gzipped_and_unpacks_to_the_file(nginx):
    status, headers, body = get(nginx + "feeds/all.atom.xml", gzip_ok=True)
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body).startswith(b"<?xml")


def test_a_missing_page_gets_the_sites_own_404(nginx):
    status, _, body = get(nginx + "proposals/1999/0000/")
    assert status == 404 and "页面未找到" in body.decode("utf-8")
