"""Helpers shared by the test modules: the problems the catalog reports, reading a built site's pages, and the
lines two texts differ by."""

import datetime
import difflib
import gzip
import json
import re
from pathlib import Path

import pytest
from krat.content.catalog import build_catalog
from krat.content.problems import ContentError, Problem


def catalog_problems(content: Path, profile: str = "public", today: datetime.date | None = None) -> list[Problem]:
    """Every problem `build_catalog` reports for `content` (built for `profile`, dated `today`, by default the
    build date), sorted as the build lists them; [] when the catalog builds."""
    try:
        build_catalog(content, profile=profile, today=today)
    except ContentError as error:
        return error.problems
    return []


def problems_of(content: Path, profile: str = "public", today: datetime.date | None = None) -> list[str]:
    """The problems `build_catalog` reports for `content`, each as the build prints it ('path:line: field:
    message'); fails the test when the catalog builds without one."""
    with pytest.raises(ContentError) as caught:
        build_catalog(content, profile=profile, today=today)
    return [str(problem) for problem in caught.value.problems]


def page_of(site: Path, url: str) -> str:
    """The main content of the page at the site address `url` (e.g. routes.topic('arsimi'))."""
    return article(html(site, url.rstrip("/")))


def html(site: Path, path: str) -> str:
    """The HTML of the page at `path` (a folder URL such as 'qarqet/kukes', or '' for the home page) in `site`."""
    return (site / path / "index.html").read_text(encoding="utf-8")


def article(page: str) -> str:
    """The main content area of a page, without header, navigation and footer."""
    return page[page.index('<article class="md-content__inner') : page.index("</article>")]


def folded(text: str) -> str:
    """`text` with every run of white space (line breaks too) made one space."""
    return re.sub(r"\s+", " ", text)


def plain(page: str) -> str:
    """The page's text without tags, spaces folded."""
    return folded(re.sub(r"<[^>]+>", " ", page))


def search_index(site: Path, index: str = "pagefind") -> dict[str, dict]:
    """Pagefind's record of every indexed page of `site`, by URL (its files are gzip with a 12-byte signature)."""
    pages = {}
    for path in (site / index / "fragment").iterdir():
        page = json.loads(gzip.decompress(path.read_bytes())[12:])
        pages[page["url"]] = page
    return pages


def changed_lines(before: str, after: str) -> list[str]:
    """The unified diff of two texts without context or file headers: '@@' lines, then '-' and '+' lines."""
    return list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))[2:]
