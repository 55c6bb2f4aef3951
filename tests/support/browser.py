"""Chromium (Debian's, through Playwright) on a local static server, with axe-core injected.

Never downloads a browser: launches /usr/bin/chromium. Each site is served from
its own root by http.server on 127.0.0.1, as `make html` + http.server would.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "tools" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def require_browser():
    """Skip a browser test only off CI, and only when Chromium or Playwright is missing."""
    import os

    import pytest

    if os.environ.get("CI"):
        return  # in CI the browser tests must run
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright")


def missing_tools() -> str | None:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return "chromium is not installed"
    if not AXE_JS.is_file():
        return f"{AXE_JS.relative_to(ROOT)} is missing: run `make tools`"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(folder: Path):
    """Serve a folder at http://127.0.0.1:<free port>/ for the length of the block."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "locale": "zh-CN"}


@contextmanager
def phone_page(browser, url: str | None = None):
    """A page at a resident's phone size (375 × 812), opened at `url` when given."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        if url:
            page.goto(url)
        yield page
    finally:
        context.close()


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page, rules: list[str] | None = None) -> list[str]:
    """WCAG 2.1 A/AA violations axe-core finds on the loaded page, one line per rule and element.

    `rules` narrows the run to some rule ids (e.g. colour contrast again after a style change).
    """
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    result = page.evaluate(
        """only => axe.run(document, {runOnly: only, resultTypes: ['violations']})
                 .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                     nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                                               why: (n.failureSummary || '').replace(/\\s+/g, ' ')}))})))""",
        only)
    lines = []
    for v in result:
        for n in v["nodes"]:
            lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {n['target']} {n['html']} — {n['why']}")
    return lines


# The page must not scroll sideways, and html/body must not hide what overflows.
OVERFLOW_JS = """() => {
  const root = document.documentElement;
  const hidden = [root, document.body].filter(e => ['hidden', 'clip'].includes(getComputedStyle(e).overflowX))
                                      .map(e => e.tagName.toLowerCase());
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > innerWidth + 1 && getComputedStyle(el).visibility !== 'hidden') {
      let clipped = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX)) { clipped = a.getBoundingClientRect().right <= innerWidth + 1; break; }
      }
      if (!clipped) wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' right=' + Math.round(r.right));
    }
  }
  return {scrollWidth: root.scrollWidth, innerWidth: innerWidth, hidden: hidden, wide: wide.slice(0, 5)};
}"""


def overflow_problem(page) -> str | None:
    """Why the page does not fit the viewport's width, or None when it does."""
    m = page.evaluate(OVERFLOW_JS)
    if m["scrollWidth"] > m["innerWidth"] or m["hidden"] or m["wide"]:
        return (f"scrollWidth {m['scrollWidth']} > innerWidth {m['innerWidth']}" if m["scrollWidth"] > m["innerWidth"]
                else "fits") + (f"; overflow-x hidden on {m['hidden']}" if m["hidden"] else "") + \
            (f"; sticks out: {m['wide']}" if m["wide"] else "")
    return None


@contextmanager
def large_text_page(playwright, profile: Path, viewport: dict, text_px: int = 32):
    """A page in a Chromium whose reader has set the default text size to `text_px` (16 is the
    browser's usual, 32 is 200 %), as a phone's or browser's large-text setting does: rem sizes
    and em media queries follow it, as they do for the resident. `profile` is an empty folder;
    `playwright` is a running sync_playwright()."""
    import json

    (profile / "Default").mkdir(parents=True, exist_ok=True)
    (profile / "Default" / "Preferences").write_text(
        json.dumps({"webkit": {"webprefs": {"default_font_size": text_px}}}))
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, viewport=viewport, locale="zh-CN")
    try:
        yield context.pages[0] if context.pages else context.new_page()
    finally:
        context.close()
