"""Headless Chromium for the browser tests and the benchmark: Debian's Chromium (never a downloaded browser)
driven by Playwright, against a folder served on 127.0.0.1."""

import functools
import gzip
import http.server
import shutil
import tempfile
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
# Pagefind's interface says "N rezultate për ..." (N may carry a thousands separator) or "Asnjë rezultat ...".
SEARCH_MESSAGE = "(document.querySelector('.pagefind-ui__message')?.textContent || '')"
# A function, not an expression: Playwright evaluates a bare expression with eval(), which the pages' CSP forbids.
SEARCH_DONE = f"() => /^(Asnjë|[\\d,.]+ rezultat)/.test({SEARCH_MESSAGE})"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(folder) -> Iterator[str]:
    """`folder` served on a free local port; yields its base URL (ending in '/'). A thread of this process, not a
    process of its own: it ends with the block, and its port is closed."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextmanager
def chromium_page(javascript: bool = True, timezone: str | None = None):
    """A Playwright page in headless Chromium with a fresh profile (scripts off with `javascript=False`; the
    machine's time zone unless `timezone` names another, e.g. 'Europe/Tirane').
    `page.problems` collects console errors, uncaught script errors and failed requests, so a caller can check
    there were none."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            args=FLAGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
            java_script_enabled=javascript,
            timezone_id=timezone,
        )
        page = context.new_page()
        page.problems = []
        page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
        page.on("pageerror", lambda error: page.problems.append(str(error)))
        page.on("requestfailed", lambda request: page.problems.append(f"{request.url}: {request.failure}"))
        try:
            yield page
        finally:
            context.close()


def search_download_kb(site, query: str) -> tuple[float, float]:
    """What a first-time visitor downloads (KB) to search `site` for `query` on /kerko/: the page, its styles
    and scripts, and the parts of the Pagefind index the query needs. Two figures: the bytes as this plain local
    server sends them, and the same files gzip-compressed, as a web host sends text (Pagefind's index parts are
    compressed already and barely change)."""
    sizes: dict[str, int] = {}

    def record(request) -> None:
        sizes[request.url] = request.sizes()["responseBodySize"]

    with served(site) as base, chromium_page() as page:
        page.on("requestfinished", record)
        page.goto(f"{base}kerko/?q={query}")
        page.wait_for_function(SEARCH_DONE)
        page.wait_for_load_state("networkidle")
        page.remove_listener("requestfinished", record)  # a request ending as the browser closes can't be sized
        served_files = [served_file(Path(site), url.removeprefix(base)) for url in sizes]
    compressed = sum(len(gzip.compress(path.read_bytes(), compresslevel=6)) for path in served_files)
    return sum(sizes.values()) / 1024, compressed / 1024


def served_file(site: Path, address: str) -> Path:
    """The file under `site` that the local server sent for `address` (relative, maybe with a query)."""
    path = site / urllib.parse.unquote(address.split("?")[0].split("#")[0])
    return path / "index.html" if path.is_dir() else path


def archive_timings(site) -> dict[str, float]:
    """The archive page of `site` (/arkiva/) as a first visitor meets it: its size (KB, and gzip-compressed), the
    time until the browser has loaded it with its script (ms), and the time one filter change takes to show its
    result (ms, measured in the page around the change, the median of three prefectures)."""
    page_file = Path(site) / "arkiva" / "index.html"
    with served(site) as base, chromium_page() as page:
        page.goto(f"{base}arkiva/")
        page.wait_for_load_state("load")
        loaded = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")
        changes = page.evaluate(
            """() => {
                 const select = document.querySelector('select[name="qarku"]');
                 const codes = [...select.options].map(o => o.value).filter(Boolean).slice(0, 3);
                 return codes.map(code => {
                   const start = performance.now();
                   select.value = code;
                   select.dispatchEvent(new Event('change', {bubbles: true}));
                   document.body.getBoundingClientRect();  // include the layout the change causes
                   return performance.now() - start;
                 }).sort((a, b) => a - b);
               }"""
        )
    data = page_file.read_bytes()
    return {
        "kb": len(data) / 1024,
        "gzip_kb": len(gzip.compress(data, compresslevel=6)) / 1024,
        "load_ms": loaded,
        "filter_ms": changes[len(changes) // 2],
    }
