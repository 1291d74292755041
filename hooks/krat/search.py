"""The search index: Pagefind run over the built site, after MkDocs has written every page.

Pagefind reads only what the templates mark: `data-pagefind-body` on the content of records, plans, articles and
hand-written pages; `data-pagefind-meta` (title, prefecture, date) and `data-pagefind-filter` (prefecture, year,
committee, kind, topic). It writes `pagefind/` into the site: the search code, and an index split into small
compressed chunks that a browser loads only as a query needs them. It folds diacritics itself, so `korce`
finds `Korçë` and the reverse, and it drops no stop words.
"""

import subprocess
from pathlib import Path

from pagefind_bin import get_executable

INDEX_FOLDER = "pagefind"
IGNORED = ".headerlink"  # the "#" anchors beside headings would end up in titles and excerpts


class SearchIndexError(Exception):
    """Pagefind failed; the message carries its output."""


def build_index(site_dir: Path) -> str:
    """Index the built site in `site_dir`; return Pagefind's summary. A failure is an error: a site whose search
    silently finds nothing would look broken to every reader."""
    command = [str(get_executable()), "--site", str(site_dir), "--output-subdir", INDEX_FOLDER]
    command += ["--exclude-selectors", IGNORED]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not (site_dir / INDEX_FOLDER / "pagefind.js").is_file():
        raise SearchIndexError(
            f"Indeksi i kërkimit (Pagefind) nuk u ndërtua (kodi {result.returncode}):\n{result.stderr or result.stdout}"
        )
    return result.stdout
