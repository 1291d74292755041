"""Browser tests' switch: where Chromium is missing the tests that need it are skipped with a reason, except under
CI=true, where a missing browser is a failure (the Makefile's `browser` target installs it there). The browser
itself, the local server and the page come from benchmarks.browser, which the benchmark uses too."""

import os

import pytest

from benchmarks.browser import CHROMIUM, FLAGS, SEARCH_DONE, SEARCH_MESSAGE, chromium_page, served  # noqa: F401

IN_CI = os.environ.get("CI") == "true"


def needs_chromium(*also: bool, reason: str = "needs chromium") -> pytest.MarkDecorator:
    """Mark a test `live`: it needs a real browser. Skipped (by tests/conftest.py) unless Chromium is installed and
    every condition in `also` holds; never skipped in CI. `pytest -m "not live"` runs everything else, as
    `make test` does again under a clock moved years ahead."""
    return pytest.mark.live(ready=IN_CI or bool(CHROMIUM and all(also)), reason=reason)
