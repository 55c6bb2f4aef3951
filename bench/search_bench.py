"""`make bench` (search part): build a 10,000-document Chinese archive, then measure search.

    python bench/search_bench.py [-n 10000] [--workdir bench/out/search]

Prints and writes <workdir>/search.json:
- the time to build the Pagefind index alone (records from the core, corpus, Pagefind:
  one bundle per year, as the build makes them) and the Pagefind service's peak memory,
  and the whole CLI build for comparison, plus the size of the index on disk;
- for each query, in a fresh Chromium (cold cache) loading /search/?q=…: the bytes
  fetched (all, and Pagefind's share), the time from navigation to the first result
  on screen, the number of results; and a second query in the same page (warm).
  The queries are single phrases, words apart with a space (one search per word and
  one for the whole) and a phrase found nowhere that falls back to its words;
- for each cold query, where the time went: search.js's performance marks (Pagefind
  imported, first bundle ready, the newest and lead bundles searched, a first page shown
  early, every bundle merged, results found and ranked, first page shown), in ms since
  navigation, and the load average while it ran. The first result can come before
  `found`: when the bundles searched first decide the first page, it is shown while the
  others are searched (docs/search.md).

Uses Debian's chromium through Playwright, served by http.server on 127.0.0.1.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from tests.support.zharchive import archive, write_archive  # noqa: E402

QUERIES = ["碳排放", "绿色金融", "老旧小区改造", "PM2.5", "LEED", "2023-0012", "碳", "的",
           # words apart (as residents type "电动车 充电"), and a phrase no page holds, found by its words
           "电动自行车 充电", "口袋公园 光伏发电", "口袋公园光伏发电"]
WARM = ("碳排放", "垃圾分类")
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795406400")

MEASURE = """() => ({first_result_ms: window.__firstResult,
                     status: document.querySelector('[data-search-status]').textContent,
                     marks: Object.fromEntries(performance.getEntriesByType('mark')
                         .filter(m => m.name.startsWith('search:'))
                         .map(m => [m.name.slice(7), Math.round(m.startTime)]))})"""
# Pagefind's own search time over every bundle (one timing per bundle; they run one after another).
SEARCH_MS = """async (query) => {
    const ui = await import('/theme/js/search.js');
    await ui.find(ui.pagefindQuery(query));
    const search = await ui.find(ui.pagefindQuery(query));
    return search.timings.reduce((sum, t) => sum + t.search, 0);
}"""
# Set when the first result appears, in ms since navigation started.
WATCH = """new MutationObserver((_, obs) => {
    if (document.querySelector('.search-result')) { window.__firstResult = performance.now(); obs.disconnect(); }
}).observe(document, {subtree: true, childList: true});"""


class _Counting(http.server.SimpleHTTPRequestHandler):
    """Serves a folder and notes each file sent with its size (preloads and Pagefind's fetches included)."""

    sent: list = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        size = os.path.getsize(path) if os.path.isfile(path) else 0
        super().do_GET()
        self.sent.append((self.path.split("?")[0], size))


def fetched(sent) -> dict:
    return {"bytes": sum(s for _, s in sent), "pagefind_bytes": sum(s for p, s in sent if "/pagefind/" in p),
            "requests": len(sent), "files": sorted({p.rsplit(".", 1)[-1] for p, _ in sent if "/pagefind/" in p})}


def documents(n_proposals: int) -> int:
    files = archive(n_proposals, proposal_chars=1500, reply_chars=2000)
    return sum(1 for k in files if k.endswith(".md"))


def n_for(docs: int) -> int:
    """The number of proposals whose archive has about `docs` documents (proposals, replies, notices)."""
    per = documents(200) / 200
    return max(10, round(docs / per))


def index_only(content: Path) -> dict:
    from disclosure.site import load_site
    from search.bundles import grouped
    from search.indexer import build_bundles
    from search.records import all_records

    started = time.perf_counter()
    site = load_site(content)
    loaded = time.perf_counter()
    records = all_records(site)
    made = time.perf_counter()
    groups = grouped(records)
    with tempfile.TemporaryDirectory() as tmp:
        cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
        pages = sum(build_bundles([(rs, Path(tmp) / "pagefind" / g) for g, rs in groups], ))
        done = time.perf_counter()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        size = sum(f.stat().st_size for f in (Path(tmp) / "pagefind").rglob("*") if f.is_file())
    return {"pages": pages, "bundles": len(groups), "largest_bundle": max(len(rs) for _, rs in groups),
            "load_s": round(loaded - started, 2), "records_s": round(made - loaded, 2),
            "pagefind_s": round(done - made, 2),
            "pagefind_cpu_s": round(after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime, 2),
            # the largest Pagefind service (each bundle has its own, one at a time)
            "pagefind_peak_mib": after.ru_maxrss // 1024, "index_bytes": size}


def folder_bytes(folder: Path, pattern="*") -> int:
    return sum(f.stat().st_size for f in folder.rglob(pattern) if f.is_file())


def browse(out: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright

    sent = _Counting.sent
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Counting, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/search/"
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or CHROMIUM, args=ARGS)
            for query in QUERIES:
                context = browser.new_context(locale="zh-CN")
                page = context.new_page()
                page.on("pageerror", lambda e: print("page error:", e, file=sys.stderr))
                page.add_init_script(WATCH)
                sent.clear()
                page.goto(base + "?q=" + urllib.parse.quote(query))
                page.wait_for_function("() => /找到|没有/.test(document.querySelector('[data-search-status]').textContent)",
                                       timeout=120_000)
                row = {"query": query, "cold": True, **page.evaluate(MEASURE), **fetched(sent),
                       "load": os.getloadavg()[0]}
                rows.append(row)
                context.close()
            context = browser.new_context(locale="zh-CN")
            page = context.new_page()
            page.goto(base + "?q=" + WARM[0])
            page.wait_for_function("() => /找到/.test(document.querySelector('[data-search-status]').textContent)")
            sent.clear()
            started = time.perf_counter()
            page.fill("#search-q", WARM[1])
            page.press("#search-q", "Enter")
            page.wait_for_function("q => document.querySelector('.search-result mark')?.textContent === q",
                                   arg=WARM[1], timeout=120_000)
            page.wait_for_function("() => /找到/.test(document.querySelector('[data-search-status]').textContent)")
            elapsed = round((time.perf_counter() - started) * 1000)
            rows.append({"query": WARM[1], "cold": False, **page.evaluate(MEASURE), **fetched(sent),
                         "first_result_ms": elapsed})
            # Pagefind's own search time (WebAssembly, chunks already loaded) for each query.
            for row in rows:
                row["pagefind_search_ms"] = page.evaluate(SEARCH_MS, row["query"])
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return rows


def build_all(content: Path, out: Path, documents: int) -> dict:
    """The archive, the index alone (timed) and the whole build into `out`: the build part of the report."""
    n = n_for(documents)
    shutil.rmtree(content, ignore_errors=True)
    files = archive(n, proposal_chars=1500, reply_chars=2000)
    write_archive(content, files)
    docs = sum(1 for k in files if k.endswith(".md"))
    print(f"archive: {docs} documents ({n} proposals) in {content}", flush=True)

    index = index_only(content)
    print(f"index only: {index['pages']} pages in {index['bundles']} bundles (largest {index['largest_bundle']}), "
          f"corpus + Pagefind {index['pagefind_s']} s (Pagefind CPU {index['pagefind_cpu_s']} s, "
          f"peak {index['pagefind_peak_mib']} MiB, one bundle at a time) "
          f"(+ load {index['load_s']} s, records {index['records_s']} s), {index['index_bytes'] / 2**20:.1f} MiB",
          flush=True)

    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
                             "--output", str(out)], cwd=ROOT, env=ENV, capture_output=True, text=True)
    build_s = time.perf_counter() - started
    if result.returncode != 0:
        print(result.stdout + result.stderr, file=sys.stderr)
        raise SystemExit(1)
    print(f"whole build: {build_s:.1f} s; pagefind/ on disk {folder_bytes(out / 'pagefind') / 2**20:.1f} MiB",
          flush=True)
    return {"documents": docs, "proposals": n, "index": index, "build_s": round(build_s, 1),
            "pagefind_dir_bytes": folder_bytes(out / "pagefind")}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--documents", type=int, default=10_000)
    ap.add_argument("--workdir", type=Path, default=HERE / "out" / "search")
    ap.add_argument("--browse-only", action="store_true",
                    help="measure the queries again on the site the last run built (a second run of the browser part)")
    args = ap.parse_args(argv)
    work = args.workdir.resolve()
    content, out = work / "content", work / "output"
    if args.browse_only:
        report = json.loads((work / "search.json").read_text(encoding="utf-8"))
    else:
        report = build_all(content, out, args.documents)

    rows = browse(out)
    print(f"{'query':<10} {'cache':<5} {'bytes':>10} {'pagefind':>10} {'requests':>8} {'first result':>12} "
          f"{'search':>8}  status")
    for r in rows:
        print(f"{r['query']:<10} {'cold' if r['cold'] else 'warm':<5} {r['bytes']:>10,} {r['pagefind_bytes']:>10,} "
              f"{r['requests']:>8} {r['first_result_ms'] or 0:>10.0f} ms {r['pagefind_search_ms']:>5} ms  {r['status']}")
    print("bytes: everything the server sent for the page (HTML, CSS, JS, wasm, index chunks, fragments);"
          " first result: ms from navigation start (cold) or from pressing Enter (warm);"
          " search: Pagefind's own search time once the chunks are loaded")
    print("where the time went (ms since navigation):")
    for r in rows:
        if r["cold"]:
            print(f"  {r['query']:<10} " + " ".join(f"{k} {v}" for k, v in r["marks"].items()) + f"  (load {r['load']:.1f})")
    report["queries"] = rows
    (work / "search.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"written {work / 'search.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
