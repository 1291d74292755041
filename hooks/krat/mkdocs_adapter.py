"""The one module that knows MkDocs: turns the catalog into MkDocs files, page metadata and template context.

`hooks/site.py` calls these functions from MkDocs events. State lives in `_catalog`, rebuilt on every build
(`mkdocs serve` rebuilds call `load` again).
"""

import logging
import os
from collections.abc import Iterator
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup, escape
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from krat import fragments, preview
from krat.articles import Article
from krat.catalog import DATA_DIR, Catalog, build_catalog
from krat.contacts import stale_contacts
from krat.exports import Links, page_links
from krat.opendata import write_outputs
from krat.pages import HelpContext, generated_pages, page_context
from krat.plans import Plan
from krat.problems import ContentError
from krat.records import Record
from krat.search import INDEX_FOLDER, IndexJob, SearchIndexError, start_index

log = logging.getLogger("mkdocs.plugins.krat")
_catalog: Catalog | None = None
_search: IndexJob | None = None
_nav = None  # MkDocs gives the navigation to `on_nav` only; the search index needs it at `on_env`
TEMPLATES = {Record: "record.html", Plan: "plan.html", Article: "article.html"}
INDEXED_BLOCK = "indexed"  # the template block holding what a page gives the search index


def load(config: MkDocsConfig) -> None:
    """Read and validate all content before MkDocs touches any file; stop the build listing every problem."""
    global _catalog
    try:
        _catalog = build_catalog(Path(config.docs_dir), profile=os.environ.get("KRAT_PROFILE", "public"))
    except ContentError as error:
        raise PluginError(str(error)) from None
    log.debug("krat: %d records published", len(_catalog.records))
    warn_stale_contacts()
    apply_site_url(config)


def apply_site_url(config: MkDocsConfig) -> None:
    """`KRAT_SITE_URL`, when set, replaces `site_url`: the members' site lives at another address than the public
    one, and its feeds, calendars and data must link there (`make members KRAT_SITE_URL=https://...`)."""
    site_url = os.environ.get("KRAT_SITE_URL", "").strip()
    if site_url:
        config.site_url = site_url.rstrip("/") + "/"


def warn_stale_contacts() -> None:
    """A contact not re-verified for 12 months is a warning, so `mkdocs build --strict` fails until staff check it."""
    for problem in stale_contacts(_catalog.contacts, _catalog.today):
        log.warning("%s", problem)


def update_files(files: Files, config: MkDocsConfig) -> Files:
    """Drop unpublished files, keep records, plans and articles out of the navigation (their lists link them),
    add generated pages nobody wrote, and the feeds, calendars and open data files."""
    for file in list(files):
        if file.src_uri in _catalog.unpublished:
            files.remove(file)
        elif file.src_uri in _catalog.items_by_src_uri:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    taken = {file.url for file in files}
    for page in generated_pages(_catalog):
        file = File.generated(config, page.src_uri, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
        if file.url not in taken:
            files.append(file)
    if os.environ.get("KRAT_SERVE"):
        prepare_preview(files, config)
    add_data_files(files, config)  # after the preview, which may clear the whole site folder
    return files


def prepare_preview(files: Files, config: MkDocsConfig) -> None:
    """`make serve` rebuilds dirty: delete the output of every page this change may alter (see krat.preview)."""
    pages = {file.src_uri: file.dest_uri for file in files.documentation_pages()}
    watched = [Path(config.config_file_path), Path(config.docs_dir) / DATA_DIR, Path(__file__).parents[1]]
    watched += [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    cleared = preview.invalidate(Path(config.site_dir), _catalog, pages, watched)
    log.info("krat: rindërtohen %s", "të gjitha faqet" if cleared is None else f"{cleared} faqe dhe ato që ndryshuan")


def add_data_files(files: Files, config: MkDocsConfig) -> None:
    """Feeds, calendars and open data, written straight into the site folder and registered with MkDocs.

    Written one file at a time as they are generated, so memory stays flat (MkDocs' copy step skips a file that
    is already in place). Registered so that MkDocs knows them: a Markdown link to one of them passes the strict
    link check, `mkdocs serve` serves them, and a file a person put at the same path is caught (a warning: it
    would replace data that must match the catalog). Their absolute links come from `site_url`.
    """
    site = Path(config.site_dir)

    def open_output(path: str):
        existing = files.get_file_from_path(path)
        if existing is not None:
            log.warning("%s/%s: skedari krijohet nga ndërtimi (të dhëna të hapura); hiqeni", config.docs_dir, path)
            files.remove(existing)
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        files.append(File.generated(config, path, abs_src_path=str(target)))
        return target.open("wb")

    write_outputs(_catalog, Links(config.site_url), open_output)


def read_source(page: Page) -> str | None:
    """Hand MkDocs the body of records, plans and articles, already split from their front-matter by the catalog.

    MkDocs would otherwise read each file again and parse its YAML a second time (with the slow pure-Python
    loader); the page's metadata is set in `prepare_page` from the validated item instead.
    """
    item = _catalog.items_by_src_uri.get(page.file.src_uri)
    return item.body if item is not None else None


def prepare_page(page: Page) -> None:
    """Give record, plan and article pages their template and title; escape every title (Material prints them
    unescaped)."""
    item = _catalog.items_by_src_uri.get(page.file.src_uri)
    if item is not None:
        page.meta["template"] = TEMPLATES[type(item)]
        page.meta["title"] = getattr(item, "display_title", None) or item.title  # plans have a default title
    if page.meta.get("title"):
        page.meta["title"] = str(escape(str(page.meta["title"])))


def add_context(context: dict, page: Page) -> dict:
    """Give the page template its `krat` context object (see krat.pages) and its feed links (krat.exports)."""
    context["krat"] = page_context(_catalog, page.url)
    context["krat_links"] = page_links(_catalog, page.url)
    return context


def add_globals(env) -> None:
    """Contacts for every page's footer, including pages without a `krat` context (404); the frame parts shared
    by pages outside the navigation (krat.fragments)."""
    env.globals["krat_help"] = HelpContext(_catalog.contacts)
    reuse = os.environ.get("KRAT_INDEXED_REUSE", "1") != "0"  # a test builds both ways and compares every page
    env.globals["krat_indexed"] = indexed_element if reuse else render_here
    fragments.install(env, _nav)


@pass_context
def indexed_element(context, caller) -> str:
    """`{% call krat_indexed() %}` around a template's `indexed` block: the element as the search child already
    rendered it for this page (krat.search), else rendered here."""
    page = context.get("page")
    html = _search.rendered(page.file.dest_uri) if _search is not None and page is not None else None
    return Markup(html) if html is not None else caller()


def render_here(caller) -> str:
    """`krat_indexed` with `KRAT_INDEXED_REUSE=0`: always render the element in MkDocs."""
    return caller()


def keep_nav(nav):
    """Remember the navigation for `on_env` (the shared frame parts and the search index need it)."""
    global _nav
    _nav = nav
    return nav


def start_search_index(env, config: MkDocsConfig, files: Files) -> None:
    """Start indexing for search in a second process (krat.search), now that every page's Markdown is rendered;
    MkDocs renders the full pages meanwhile. `make serve` skips it (the index would describe a half-edited site
    and cost seconds per edit), and its search page says so."""
    global _search
    if os.environ.get("KRAT_SERVE"):
        log.info("krat: gjatë `make serve` indeksi i kërkimit nuk ndërtohet")
        return
    pages = indexed_pages(env, config, files, _nav)
    count = len(files.documentation_pages())
    _search = start_index(pages, count, config.theme["language"], Path(config.site_dir) / INDEX_FOLDER)


def indexed_pages(env, config: MkDocsConfig, files: Files, nav) -> Iterator[tuple[str, str]]:
    """Each page's indexed element: its template's `indexed` block, rendered with the context MkDocs gives the
    whole page. Templates without the block (home, lists, archive) are left out of the index, as on the page."""
    pages = files.documentation_pages()
    for file in pages:
        template = env.get_template(file.page.meta.get("template", "main.html"))
        block = template.blocks.get(INDEXED_BLOCK)
        if block is not None:
            context = get_context(nav, pages, config, file.page)
            context = config.plugins.on_page_context(context, page=file.page, config=config, nav=nav)
            yield file.dest_uri, "".join(block(template.new_context(context)))


def finish_search_index() -> None:
    """Wait for the search index; a failure stops the build."""
    global _search
    job, _search = _search, None
    if job is None:
        return
    log.debug("krat: %d faqe morën elementin e indeksuar gati nga procesi i kërkimit", job.reused)
    try:
        log.debug("krat: %s", job.finish())
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


def cancel_search_index() -> None:
    """The build failed: stop indexing."""
    global _search
    if _search is not None:
        _search.cancel()
        _search = None
