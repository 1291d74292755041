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

from krat.content.articles import Article
from krat.content.catalog import DATA_DIR, Catalog, build_catalog
from krat.content.contacts import stale_contacts
from krat.content.plans import Plan
from krat.content.problems import ContentError
from krat.content.records import Record
from krat.engine import csp, fragments, preview
from krat.outputs.exports import Links, page_links
from krat.outputs.opendata import write_outputs
from krat.site import sanitize
from krat.site.pages import HelpContext, generated_pages, page_context
from krat.site.search import INDEX_FOLDER, IndexJob, SearchIndexError, start_index

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
    """Drop every content file the catalog did not publish (internal and draft items, their attachments, reference
    data), keep records, plans and articles out of the navigation (their lists link them),
    add generated pages nobody wrote, and the feeds, calendars and open data files."""
    docs_dir = os.path.normpath(config.docs_dir)
    for file in list(files):
        if os.path.normpath(file.src_dir or "") == docs_dir and file.src_uri not in _catalog.published_files:
            files.remove(file)  # the content tree is an allow-list: only what the catalog published is copied
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
    """`make serve` rebuilds dirty: delete the output of every page this change may alter (see krat.engine.preview)."""
    pages = {file.src_uri: file.dest_uri for file in files.documentation_pages()}
    watched = [Path(config.config_file_path), Path(config.docs_dir) / DATA_DIR, Path(__file__).parents[2]]
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
    """Hand MkDocs the body of records, plans, articles and hand-written pages, already split from their
    front-matter by the catalog.

    MkDocs would otherwise read each file again and parse its YAML a second time (with the slow pure-Python
    loader); the page's metadata is set in `prepare_page` from the validated item instead.
    """
    item = _catalog.items_by_src_uri.get(page.file.src_uri) or _catalog.pages_by_src_uri.get(page.file.src_uri)
    return item.body if item is not None else None


def prepare_page(page: Page) -> None:
    """Give record, plan and article pages their template and title, hand-written pages their checked
    front-matter; escape every title (Material prints them unescaped)."""
    item = _catalog.items_by_src_uri.get(page.file.src_uri)
    written = _catalog.pages_by_src_uri.get(page.file.src_uri)
    if written is not None:
        page.meta = dict(written.meta)  # front-matter as the catalog checked it, not as MkDocs would read it
    elif item is not None:
        page.meta["template"] = TEMPLATES[type(item)]
        page.meta["title"] = getattr(item, "display_title", None) or item.title  # plans have a default title
    if page.meta.get("title"):
        page.meta["title"] = str(escape(str(page.meta["title"])))


def add_context(context: dict, page: Page) -> dict:
    """Give the page template its `krat` context object (krat.site.pages) and its feed links (krat.outputs.exports)."""
    context["krat"] = page_context(_catalog, page.url)
    context["krat_links"] = page_links(_catalog, page.url)
    return context


def add_globals(env) -> None:
    """Contacts for every page's footer, including pages without a `krat` context (404); the frame parts shared
    by pages outside the navigation (krat.engine.fragments)."""
    env.globals["krat_help"] = HelpContext(_catalog.contacts)
    reuse = os.environ.get("KRAT_INDEXED_REUSE", "1") != "0"  # a test builds both ways and compares every page
    env.globals["krat_indexed"] = indexed_element if reuse else render_here
    fragments.install(env, _nav)


@pass_context
def indexed_element(context, caller) -> str:
    """`{% call krat_indexed() %}` around a template's `indexed` block: the element as the search child already
    rendered it for this page (krat.site.search), else rendered here."""
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
    """Start indexing for search in a second process (krat.site.search), now that every page's Markdown is rendered;
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


# --- Untrusted content: the sanitiser (krat.site.sanitize) and the Content-Security-Policy (krat.engine.csp) ---

META_AS_WRITTEN = {"title", "template"}  # the title is escaped by `prepare_page`; the template names a file
_theme_scripts: tuple[MkDocsConfig, csp.ThemeScripts] | None = None


def clean_page(html: str) -> str:
    """A page's rendered Markdown, which staff write, through the site's sanitiser (krat.site.sanitize)."""
    return sanitize.clean_html(html)


def escape_page_text(page: Page) -> None:
    """Escape the text of `page` that Material prints unescaped outside its content: front-matter values of
    hand-written pages (`description` goes into `<head>`, `subtitle` and `status` into the navigation), a title
    MkDocs made from the file's name (any character a file name may hold); and empty the table of contents'
    anchors that the sanitiser takes from their heading, such as an id `attr_list` let staff write with a quote
    in it (`{: #x" onclick="… }`), which Material prints inside `href="…"` and looks up as a selector."""
    for key, value in page.meta.items():
        if key not in META_AS_WRITTEN:
            page.meta[key] = _escaped(value)
    if "title" not in page.meta and page.title and ("<" in page.title or ">" in page.title):
        page.meta["title"] = str(escape(page.title))  # a title from the Markdown comes escaped; from a name not
    for link in _anchor_links(page.toc):
        if not sanitize.allowed_id(link.id):
            link.id = ""  # the entry leads to the top of the page; its heading has no id left (krat.site.sanitize)


def _escaped(value):
    if isinstance(value, str):
        return str(escape(value))
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    return value


def _anchor_links(links) -> Iterator:
    for link in links or []:
        yield link
        yield from _anchor_links(link.children)


def add_policy(output: str, page: Page, config: MkDocsConfig) -> str:
    """The page with its Content-Security-Policy (krat.engine.csp); nothing in the page's own content is hashed."""
    return _protect(output, config, page.file.src_uri, page.content)


def add_policy_to_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """A page rendered from a template alone (404.html) with its Content-Security-Policy; other templates
    (sitemap.xml) as they are."""
    if not template_name.endswith(".html"):
        return output
    return _protect(output, config, template_name, None)


def _protect(output: str, config: MkDocsConfig, name: str, content: str | None) -> str:
    """Warn about each inline script the policy blocks: none is expected, so one means text got into a
    template unescaped (a strict build stops)."""
    global _theme_scripts
    if _theme_scripts is None or _theme_scripts[0] is not config:  # templates are read again on every build
        _theme_scripts = (config, csp.ThemeScripts(config.theme.dirs))
    html, refused = csp.protect(output, _theme_scripts[1], content)
    if not csp.HEAD.search(output):
        log.warning("krat: %s: faqja nuk ka <head>; politika e sigurisë (CSP) nuk u shtua", name)
    for text in refused:
        log.warning(
            "krat: %s: skript i brendshëm që nuk vjen nga shabllonet; politika e sigurisë (CSP) e bllokon: %.80r",
            name,
            text,
        )
    return html
