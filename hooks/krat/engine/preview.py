"""Quick and correct rebuilds for `make serve`, which runs `mkdocs serve --dirty` with KRAT_SERVE=1.

In a dirty build MkDocs re-renders a page only when its output file is missing or older than its Markdown
source. Alone, that would leave pages stale that show other files: a record's older and newer neighbours show
its title, a plan page shows the meetings that updated its tasks, and so on. So before MkDocs renders anything,
`invalidate` deletes the output of every page whose content may have changed since the previous build; MkDocs
then re-renders exactly those pages (plus any page whose own source is newer, by its own rule).

- Record, plan and article pages depend on the files they show (`dependencies`); each file is compared with the
  previous build by a hash of its text. A page is re-rendered when any file it showed before, or shows now,
  was added, removed or changed; a page that no longer exists (deleted, made internal or a draft) is deleted.
- Every other page (home, prefecture timelines, the plans matrix, the awareness page, hand-written pages) is
  re-rendered on every build: they are few and most of them aggregate many files.
- A change to anything else the pages depend on — reference data (`_data/`), hooks, theme overrides, the MkDocs
  config — or a new build date clears the whole output, as the first build does.

The previous build is remembered in a hidden file in the output folder (MkDocs' clean never removes hidden files).
Nothing here runs for `make site`: only under KRAT_SERVE, into the serve command's temporary folder.
"""

import hashlib
import json
import shutil
from pathlib import Path

from krat.content.catalog import Catalog

STATE_FILE = ".krat-preview.json"


def invalidate(site_dir: Path, catalog: Catalog, pages: dict[str, str], inputs: list[Path]) -> int | None:
    """Delete the output of every page in `site_dir` that this build must re-render; return how many, or None
    when the whole output was cleared.

    `pages` maps each Markdown page's src_uri to its output path (relative to `site_dir`); `inputs` are the
    files and folders whose change invalidates everything.
    """
    dependent = dependencies(catalog)
    state = {
        "inputs": fingerprint(inputs, str(catalog.today)),
        "signatures": signatures(catalog),
        "pages": {src_uri: [dest, sorted(dependent.get(src_uri, ()))] for src_uri, dest in pages.items()},
    }
    site_dir.mkdir(parents=True, exist_ok=True)
    previous = _read_state(site_dir / STATE_FILE)
    if previous is None or previous["inputs"] != state["inputs"]:
        stale = _clear(site_dir)
    else:
        stale = _delete(site_dir, _stale_outputs(previous, state))
    (site_dir / STATE_FILE).write_text(json.dumps(state), encoding="utf-8")
    return stale


def dependencies(catalog: Catalog) -> dict[str, set[str]]:
    """For each record, plan and article page, the src_uris of the files whose content it shows.

    This mirrors what record.html, plan.html and article.html print: a template that starts showing another file
    (say, a task's current status on a record page) must add it here, or `make serve` will leave the page stale.
    """
    shown = {}
    for record in catalog.records:
        neighbours = {neighbour.src_uri for neighbour in catalog.neighbours(record) if neighbour}
        shown[record.src_uri] = {record.src_uri, *neighbours, *(link.plan.src_uri for link in record.plan_links)}
    for plan in catalog.plans:
        meetings = {update.record.src_uri for task in plan.tasks for update in task.history}
        meetings |= {record.src_uri for record, _ in plan.reviews}
        meetings |= {plan.approval.src_uri} if plan.approval else set()
        shown[plan.src_uri] = {plan.src_uri, *meetings}
    for article in catalog.articles:
        shown[article.src_uri] = {article.src_uri}
    return shown


def signatures(catalog: Catalog) -> dict[str, str]:
    """A hash of the text of every file a page can show: published items and the meetings in task histories
    (internal ones included: their status shows on the plan page)."""
    items = list(catalog.items_by_src_uri.values())
    items += [update.record for plan in catalog.plans for task in plan.tasks for update in task.history]
    return {item.src_uri: catalog.digests[item.src_uri] for item in items}


def fingerprint(inputs: list[Path], extra: str) -> str:
    """A hash of the path, size and modification time of every file under `inputs` (compiled Python left out)."""
    digest = hashlib.blake2b(extra.encode("utf-8"), digest_size=16)
    for root in inputs:
        for path in sorted([root] if root.is_file() else root.rglob("*")):
            if path.is_file() and path.suffix != ".pyc":
                status = path.stat()
                digest.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _stale_outputs(previous: dict, state: dict) -> set[str]:
    """Outputs of pages that show a changed file, of pages shown on every build, and of pages that are gone."""
    old, new = previous["signatures"], state["signatures"]
    changed = {src_uri for src_uri in old.keys() | new.keys() if old.get(src_uri) != new.get(src_uri)}
    stale = set()
    for pages in (previous["pages"], state["pages"]):
        for src_uri, (dest, shown) in pages.items():
            if not shown or changed.intersection(shown) or src_uri not in state["pages"]:
                stale.add(dest)
    return stale


def _read_state(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _delete(site_dir: Path, outputs: set[str]) -> int:
    for dest in outputs:
        (site_dir / dest).unlink(missing_ok=True)
    return len(outputs)


def _clear(site_dir: Path) -> None:
    """Empty `site_dir` except hidden files, as MkDocs' clean build does; everything is rendered again."""
    for entry in site_dir.iterdir():
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()
