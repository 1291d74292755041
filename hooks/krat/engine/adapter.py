"""The engine's adapter: MkDocs events (called from hooks/site.py) turned into calls on the domain.

Everything one build knows between events is in one `Build` object, made when the build starts (`load`, from
`on_config`; `mkdocs serve` makes a new one on every rebuild) and read by the later events. Its options come from
`mkdocs.yml` (`extra.krat`, where `!ENV` lets a deployer set them: the profile, the deny-list, the build date),
never from the environment deep in the domain.
"""

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from krat import gate, routes
from krat.content.articles import Article
from krat.content.catalog import DATA_DIR, Catalog, build_catalog, nav_pages, shown_path
from krat.content.dates import build_date
from krat.content.plans import Plan
from krat.content.problems import ContentError, format_notices
from krat.content.records import Record
from krat.engine import csp, overlap, preview
from krat.outputs import editor
from krat.outputs.exports import Links, page_links
from krat.outputs.opendata import write_outputs
from krat.site import sanitize
from krat.site.pages import HelpContext, generated_pages, page_context
from krat.site.search import SearchIndexError, index_site

log = logging.getLogger("mkdocs.plugins.krat")
TEMPLATES = {Record: "record.html", Plan: "plan.html", Article: "article.html"}
EDITOR_DIR = Path(__file__).resolve().parents[3] / "editor"  # the web editor's files, beside hooks/
META_AS_WRITTEN = {"title", "template"}  # the title is escaped by `prepare_page`; the template names a file


@dataclass(frozen=True)
class Options:
    """The build's settings from `mkdocs.yml` (`extra.krat`): who it is for, whether it is `make serve`'s
    preview, the private deny-list of names, the build date (SOURCE_DATE_EPOCH), and whether /admin/ is built."""

    profile: str = "public"
    preview: bool = False
    denylist: Path | None = None
    epoch: str | None = None
    editor: bool = True
    members_url: str = ""  # the members' site's address, which a public text must not link by its host either
    gate_worker: bool = True  # the output gate reads pages on the second core as they are rendered (engine.overlap)

    @classmethod
    def of(cls, config: MkDocsConfig) -> "Options":
        settings = config.extra.get("krat") or {}
        denylist = str(settings.get("privacy_denylist") or "").strip()
        return cls(
            profile=str(settings.get("profile") or "public").strip(),
            preview=_yes(settings.get("preview"), default=False),
            denylist=Path(denylist) if denylist else None,
            epoch=str(settings.get("source_date_epoch") or "").strip() or None,
            editor=_yes(settings.get("editor"), default=True),
            members_url=str(settings.get("members_url") or "").strip(),
            gate_worker=_yes(settings.get("gate_worker"), default=True),
        )


def _yes(value, default: bool) -> bool:
    """A yes/no setting as `!ENV` gives it: a boolean, or text from the environment ('', '0', 'false', 'no')."""
    text = str(value if value is not None else default).strip().lower()
    return text not in ("", "0", "false", "no")


@dataclass
class Build:
    """One build: its options, the catalog and the theme's inline scripts the page policy allows."""

    options: Options
    catalog: Catalog
    theme_scripts: csp.ThemeScripts | None = None
    static: set[str] = field(default_factory=set)  # published paths of theme and editor code (krat.gate)
    gate_rules: gate.Rules | None = None  # what the output gate refuses; None under `make serve`
    gate_worker: overlap.GateWorker | None = None


_build: Build | None = None


def load(config: MkDocsConfig) -> None:
    """Read and validate all content before MkDocs touches any file; stop the build listing every problem."""
    global _build
    options = Options.of(config)
    today, required = build_date(options.epoch), nav_pages(config.nav)
    try:
        own = own_urls(config, options)
        catalog = build_catalog(Path(config.docs_dir), options.profile, today, options.denylist, required, own)
    except ContentError as error:
        if error.notices:
            log.info("%s", format_notices(error.notices))
        raise PluginError(str(error)) from None
    _build = Build(options, catalog)
    if not options.preview:
        _build.gate_rules = gate_rules(config, _build)
        _build.gate_worker = overlap.GateWorker(_build.gate_rules) if options.gate_worker else None
    log.debug("krat: %d procesverbale publikohen", len(catalog.records))
    if catalog.notices:
        log.info("%s", format_notices(catalog.notices))  # a help number to re-verify soon: said, not refused


def gate_rules(config: MkDocsConfig, build: Build) -> gate.Rules:
    """What the output gate refuses in this build (krat.gate): the public build, personal data of every kind; the
    members' build, what must never be published at all (ID and private phone numbers, names, secrets)."""
    catalog, options = build.catalog, build.options
    personal = ("nid", "telefon", "emer", "sekret") + (("email",) if options.profile == "public" else ())
    return gate.Rules(catalog.withheld, catalog.guard, personal, own_urls(config, options), build.static)


def own_urls(config: MkDocsConfig, options: Options) -> tuple[str, ...]:
    """The sites' own addresses (site_url, the members' site): links written with them are local ones."""
    return tuple(filter(None, (config.site_url, options.members_url)))


def abandon() -> None:
    """A build that failed: stop the gate's worker (MkDocs' on_build_error)."""
    if _build is not None and _build.gate_worker is not None:
        _build.gate_worker.close()


def update_files(files: Files, config: MkDocsConfig) -> Files:
    """Drop every content file the catalog did not publish (internal and draft items, their attachments, reference
    data), keep records, plans and articles out of the navigation (their lists link them), add generated pages
    nobody wrote, and the feeds, calendars and open data files."""
    catalog = _build.catalog
    docs_dir = os.path.normpath(config.docs_dir)
    for file in list(files):
        if os.path.normpath(file.src_dir or "") == docs_dir and file.src_uri not in catalog.published_files:
            files.remove(file)  # the content tree is an allow-list: only what the catalog published is copied
        elif file.src_uri in catalog.items_by_src_uri:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    taken = {file.url for file in files}
    for page in generated_pages(catalog):
        file = File.generated(config, page.src_uri, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
        if file.url not in taken:
            files.append(file)
    if _build.options.preview:
        prepare_preview(files, config)
    add_data_files(files, config)  # after the preview, which may clear the whole site folder
    if _build.options.editor:
        add_editor_files(files, config)
    theme = {os.path.normpath(folder) for folder in config.theme.dirs}
    _build.static |= {file.dest_uri for file in files if file.src_dir and os.path.normpath(file.src_dir) in theme}
    return files


def prepare_preview(files: Files, config: MkDocsConfig) -> None:
    """`make serve` rebuilds dirty: delete the output of every page this change may alter (krat.engine.preview)."""
    pages = {file.src_uri: file.dest_uri for file in files.documentation_pages()}
    watched = [Path(config.config_file_path), Path(config.docs_dir) / DATA_DIR, Path(__file__).parents[2]]
    watched += [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    cleared = preview.invalidate(Path(config.site_dir), _build.catalog, pages, watched)
    log.info("krat: rindërtohen %s", "të gjitha faqet" if cleared is None else f"{cleared} faqe dhe ato që ndryshuan")


def add_data_files(files: Files, config: MkDocsConfig) -> None:
    """Feeds, calendars and open data, written straight into the site folder and registered with MkDocs.

    Written one file at a time as they are generated, so memory stays flat (MkDocs' copy step skips a file that
    is already in place). Registered so that MkDocs knows them: a Markdown link to one of them passes the strict
    link check and `mkdocs serve` serves them. Their absolute links come from `site_url`.
    """
    site, written = Path(config.site_dir), []

    def open_output(path: str):
        existing = files.get_file_from_path(path)
        if existing is not None:
            log.warning("%s/%s: skedari krijohet nga ndërtimi (të dhëna të hapura); hiqeni", config.docs_dir, path)
            files.remove(existing)
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        files.append(File.generated(config, path, abs_src_path=str(target)))
        written.append(path)
        return target.open("wb")

    write_outputs(_build.catalog, Links(config.site_url), open_output)
    if _build.gate_worker is not None:
        for path in written:  # each is whole now: the gate's worker reads them while MkDocs renders
            _build.gate_worker.send_file(site, path)


def add_editor_files(files: Files, config: MkDocsConfig) -> None:
    """The web editor at /admin/ (krat.outputs.editor): its page, and its files copied from editor/ (which sits
    beside hooks/ in the repository) by MkDocs' copy step."""
    try:
        sources = editor.editor_files(EDITOR_DIR)
    except editor.EditorFilesMissing as error:
        raise PluginError(f"krat: {error}") from None
    for item in sources:
        files.append(File.generated(config, item.dest, abs_src_path=str(item.source)))
        _build.static.add(item.dest)  # the editor's code, ours: the output gate reads its name, not its bytes
    page = editor.admin_page(_stylesheets(config))
    files.append(File.generated(config, routes.ADMIN + "index.html", content=page))


def _stylesheets(config: MkDocsConfig) -> list[str]:
    """The site's style sheets, as its pages load them: Material's (their names carry a hash), then extra_css."""
    found = []
    for pattern in ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css"):
        found += sorted(
            {path.relative_to(root).as_posix() for root in map(Path, config.theme.dirs) for path in root.glob(pattern)}
        )
    return found + [str(path) for path in config.extra_css]


def add_globals(env) -> None:
    """Contacts for every page's help bar and footer, including pages without a `krat` context (404); whether
    this is the members' build (the banner on every page); the site's addresses (`routes`)."""
    env.globals["krat_help"] = HelpContext(_build.catalog.contacts)
    env.globals["krat_members"] = _build.options.profile == "members"
    env.globals["routes"] = routes  # the one table of the site's addresses (krat.routes)


def read_source(page: Page) -> str | None:
    """Hand MkDocs the body of records, plans, articles and hand-written pages, already split from their
    front-matter by the catalog: MkDocs would otherwise read each file again and parse its YAML a second time
    (with a loader that accepts tags and aliases). The page's metadata is set in `prepare_page`."""
    catalog = _build.catalog
    item = catalog.items_by_src_uri.get(page.file.src_uri) or catalog.pages_by_src_uri.get(page.file.src_uri)
    return item.body if item is not None else None


def prepare_page(page: Page) -> None:
    """Give record, plan and article pages their template and title, hand-written pages their checked
    front-matter; escape every title (Material prints them unescaped)."""
    item = _build.catalog.items_by_src_uri.get(page.file.src_uri)
    written = _build.catalog.pages_by_src_uri.get(page.file.src_uri)
    if written is not None:
        page.meta = dict(written.meta)  # front-matter as the catalog checked it, not as MkDocs would read it
    elif item is not None:
        page.meta["template"] = TEMPLATES[type(item)]
        page.meta["title"] = getattr(item, "display_title", None) or item.title  # plans have a default title
    if page.meta.get("title"):
        page.meta["title"] = str(escape(str(page.meta["title"])))


def clean_page(html: str, page: Page) -> str:
    """Staff text is untrusted: a page's rendered Markdown through the site's sanitiser (krat.site.sanitize), and
    what Material prints of the page outside it escaped (`escape_page_text`)."""
    escape_page_text(page)
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


def add_context(context: dict, page: Page) -> dict:
    """Give the page template its `krat` context object (krat.site.pages) and its feed links (krat.outputs.exports)."""
    context["krat"] = page_context(_build.catalog, page.url)
    context["krat_links"] = page_links(_build.catalog, page.url)
    return context


def finish_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The written page with its Content-Security-Policy (krat.engine.csp); nothing in the page's own content is
    hashed. The gate's worker reads it as it is written."""
    html = _protect(output, config, page.file.src_uri, page.content)
    if _build.gate_worker is not None:
        _build.gate_worker.send(page.file.dest_uri, html)
    return html


def finish_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """A page rendered from a template alone (404.html) with its Content-Security-Policy; other templates
    (sitemap.xml) as they are."""
    if not template_name.endswith(".html"):
        return output
    return _protect(output, config, template_name, None)


def _protect(output: str, config: MkDocsConfig, name: str, content: str | None) -> str:
    """Warn about each inline script the policy blocks: none is expected, so one means text got into a
    template unescaped (a strict build stops)."""
    if _build.theme_scripts is None:
        _build.theme_scripts = csp.ThemeScripts(config.theme.dirs)
    html, refused = csp.protect(output, _build.theme_scripts, content)
    if not csp.HEAD.search(output):
        log.warning("krat: %s: faqja nuk ka <head>; politika e sigurisë (CSP) nuk u shtua", name)
    for text in refused:
        log.warning(
            "krat: %s: skript i brendshëm që nuk vjen nga shabllonet; politika e sigurisë (CSP) e bllokon: %.80r",
            name,
            text,
        )
    return html


def finish_build(config: MkDocsConfig) -> None:
    """The search index over the finished site (krat.site.search); a failure stops the build. `make serve`
    builds none: it would describe a half-edited site and cost seconds per edit, and its search page says so."""
    if _build.options.preview:
        log.info("krat: gjatë `make serve` indeksi i kërkimit dhe porta e daljes nuk ndërtohen")
        return
    try:
        log.debug("krat: %s", index_site(Path(config.site_dir)))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    check_output(config)


def check_output(config: MkDocsConfig) -> None:
    """The output gate (krat.gate) over everything this build publishes, search index included; a finding stops
    the build, so `make site` keeps the last good site. Each finding names the content file and line its text
    comes from when it can be traced there."""
    site, worker = Path(config.site_dir), _build.gate_worker
    findings = worker.finish(site) if worker is not None else gate.inspect(site, _build.gate_rules)
    if findings:
        problems = gate.trace(findings, Path(config.docs_dir), shown_path(Path(config.docs_dir)))
        raise PluginError(str(ContentError(problems)))
