"""Browser tests' tools: Debian's Chromium (headless, a fresh profile each time) and a folder served on
127.0.0.1. Playwright drives that Chromium through `executable_path`; it never downloads a browser.

Where Chromium is missing the tests that need it are skipped with a reason, except under CI=true, where a
missing browser is a failure (the Makefile's `browser` target installs it there)."""

import functools
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
IN_CI = os.environ.get("CI") == "true"


def needs_chromium(*also: bool, reason: str = "needs chromium") -> pytest.MarkDecorator:
    """Skip unless Chromium is installed and every condition in `also` holds; never skip in CI."""
    return pytest.mark.skipif(not IN_CI and not (CHROMIUM and all(also)), reason=reason)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(folder) -> Iterator[str]:
    """`folder` served on a free local port; yields its base URL (ending in '/')."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


@contextmanager
def chromium_page(javascript: bool = True):
    """A Playwright page in headless Chromium with a fresh profile (scripts off with `javascript=False`).
    `page.problems` collects console errors, uncaught script errors and failed requests, so a test can assert
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
