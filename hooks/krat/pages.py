"""Which pages the site generates, and the documented context each page template receives.

Every template gets one object under the name `krat`; its class below is the contract for template authors.
Pages are keyed by URL, so a page written by hand at a generated address gets the same context.
"""

from dataclasses import dataclass

from krat.catalog import Catalog, PrefectureSummary, YearGroup
from krat.records import Record
from krat.refdata import Prefecture

LATEST_ON_HOME = 8


@dataclass
class GeneratedPage:
    """A page the build adds when nobody wrote one: where it goes, its title and its template."""

    src_uri: str
    title: str
    template: str

    @property
    def markdown(self) -> str:
        return f"---\ntitle: {self.title}\ntemplate: {self.template}\n---\n"


@dataclass
class HomeContext:
    """Home page (template home.html): the latest records and the twelve prefectures at a glance."""

    latest: list[Record]
    prefectures: list[PrefectureSummary]
    total: int


@dataclass
class PrefecturesContext:
    """/qarqet/ (template prefectures.html): the twelve prefectures with counts and latest dates."""

    prefectures: list[PrefectureSummary]
    total: int


@dataclass
class PrefectureContext:
    """/qarqet/<slug>/ (template prefecture.html): one prefecture's timeline, grouped by year, newest first."""

    prefecture: Prefecture
    timeline: list[YearGroup]
    count: int


@dataclass
class RecordContext:
    """A record page (template record.html): the record and its older/newer neighbours in the prefecture."""

    record: Record
    previous: Record | None
    next: Record | None


def generated_pages(catalog: Catalog) -> list[GeneratedPage]:
    """The prefecture index and one page per prefecture."""
    pages = [GeneratedPage("qarqet/index.md", "Qarqet", "prefectures.html")]
    for prefecture in catalog.refdata.prefectures:
        pages.append(
            GeneratedPage(f"qarqet/{prefecture.slug}.md", f"Qarku {prefecture.name}", "prefecture.html")
        )
    return pages


def page_context(catalog: Catalog, url: str) -> object | None:
    """The context object for the page at `url` ('' is the home page), or None for ordinary pages."""
    record = catalog.by_src_uri.get(url.removesuffix("/") + ".md")
    if record is not None:
        return RecordContext(record, *catalog.neighbours(record))
    if url == "":
        return HomeContext(catalog.records[:LATEST_ON_HOME], catalog.summaries(), len(catalog.records))
    if url == "qarqet/":
        return PrefecturesContext(catalog.summaries(), len(catalog.records))
    slug = url.removeprefix("qarqet/").removesuffix("/")
    if url.startswith("qarqet/") and slug in catalog.by_prefecture:
        prefecture = catalog.refdata.prefectures[slug]
        return PrefectureContext(prefecture, catalog.timeline(slug), len(catalog.by_prefecture[slug]))
    return None
