"""Browser tests' switch: where Chromium is missing the tests that need it are skipped with a reason, except under
CI=true, where a missing browser is a failure (the Makefile's `browser` target installs it there). The browser
itself, the local server and the page come from benchmarks.browser, which the benchmark uses too."""

import os

import pytest

from benchmarks.browser import CHROMIUM, FLAGS, SEARCH_DONE, SEARCH_MESSAGE, chromium_page, served  # noqa: F401

IN_CI = os.environ.get("CI") == "true"


def needs_chromium(*also: bool, reason: str = "needs chromium") -> pytest.MarkDecorator:
    """Skip unless Chromium is installed and every condition in `also` holds; never skip in CI."""
    return pytest.mark.skipif(not IN_CI and not (CHROMIUM and all(also)), reason=reason)
