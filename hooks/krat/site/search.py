"""The search index: Pagefind, run over the finished site at the end of the build.

Pagefind reads only what the templates mark: `data-pagefind-body` on the content of records, plans, articles and
hand-written pages, on the top of each prefecture's page (its name, seat and chair, not its list of records) and on
the topic and institution pages; `data-pagefind-meta` (title, prefecture, date, kind) and `data-pagefind-filter`
(prefecture, year, committee, kind, topic). Those pages' titles carry `data-pagefind-weight`, and the search page
ranks by where a word is more than by how often (assets/krat-search.js), so a search for a prefecture's, topic's or
institution's name finds its page first. Pages without that element (home, lists, archive) are left out.
It writes `pagefind/` into the site: the search code, and an index split into small compressed chunks that a
browser loads only as a query needs them. It folds diacritics itself, so `korce` finds `Korçë` and the reverse,
and it drops no stop words.

Why after the build, as its own command: it reads exactly the pages a reader gets, on every core, and needs nothing
of MkDocs' state. (Pagefind's Python API, which would take each page as MkDocs writes it, reads its service's
answers one every 100 ms, so a site of 2,000 pages would wait minutes for it; docs/performance.md.)
"""

import subprocess
from pathlib import Path

from pagefind_bin import get_executable

from krat import routes

INDEX_FOLDER = routes.SEARCH_INDEX.rstrip("/")
IGNORED = ".headerlink"  # the "#" anchors beside headings would end up in titles and excerpts
FAILED = "Indeksi i kërkimit (Pagefind) nuk u ndërtua"


class SearchIndexError(Exception):
    """Pagefind failed; the message says so in Albanian, with Pagefind's own words."""


def pagefind_command(site_dir: Path, output_dir: Path) -> list[str]:
    """Pagefind over the HTML files under `site_dir`, its index written into `output_dir`."""
    command = [str(get_executable()), "--site", str(site_dir), "--output-path", str(output_dir)]
    return command + ["--exclude-selectors", IGNORED, "--quiet"]


def index_site(site_dir: Path) -> str:
    """Index the finished site in `site_dir` into `site_dir/pagefind/`; what Pagefind said, or SearchIndexError."""
    result = subprocess.run(
        pagefind_command(site_dir, site_dir / INDEX_FOLDER), capture_output=True, text=True, check=False
    )
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or not (site_dir / INDEX_FOLDER / "pagefind-entry.json").exists():
        raise SearchIndexError(f"{FAILED}:\n{output}")
    return output or f"Pagefind: indeksi te {site_dir / INDEX_FOLDER}"
