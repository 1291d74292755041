"""Atom feeds (RFC 4287) of new public records, for the whole site and for each prefecture, and of awareness
articles; written by hand with XML escaping, no extra dependency.

Each feed is an *archived feed* (RFC 5005, section 4), so its full history is reachable while every file stays
small: the subscription document (`procesverbalet.xml`) holds the newest entries, at least PAGE_SIZE of them
(all when there are fewer) and fewer than twice that, and links with `prev-archive` to the newest archive
document; archive documents (`procesverbalet-1.xml` is the oldest) hold exactly PAGE_SIZE entries each, are
marked `<fh:archive/>` and link to their neighbours and to the subscription document (`current`). Entries are
ordered by meeting date, so an archive changes only when a record is added, removed or re-dated inside its
period. Entry ids are `urn:uuid:` names derived from the file's path (krat.outputs.exports.stable_id): the same in
every build and on every host, whatever `site_url` is.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from krat import routes
from krat.content.articles import Article
from krat.content.catalog import Catalog
from krat.content.records import Record
from krat.content.refdata import Prefecture
from krat.outputs.exports import TIMEZONE, Links, clean, local_start, marked, stable_id

PAGE_SIZE = 100
AUTHOR = "Komitetet Rajonale Antitrafik (KRAT) dhe Tryezat Teknike Antitrafik (TTAT)"
HISTORY_NS = "http://purl.org/syndication/history/1.0"


@dataclass
class Entry:
    """One feed entry, independent of the document it is written into."""

    id: str
    title: str
    updated: datetime.datetime
    path: str
    summary: str
    prefecture: Prefecture | None


@dataclass
class FeedSpec:
    """One logical feed: where its subscription document goes, its titles, its page and its entries."""

    path: str
    title: str
    subtitle: str
    page: str
    entries: list[Entry]


def generate_feeds(catalog: Catalog, links: Links, page_size: int = PAGE_SIZE) -> Iterator[tuple[str, bytes]]:
    """Every feed document of the site as (site path, bytes), one at a time (`dict()` collects them)."""
    for spec in feed_specs(catalog):
        yield from render_archived_feed(spec, links, catalog, page_size)


def feed_specs(catalog: Catalog) -> list[FeedSpec]:
    """The site's records feed, one per prefecture (all twelve, even when empty) and the articles feed."""
    records = [record_entry(record) for record in reversed(catalog.records)]  # oldest first
    by_prefecture: dict[str, list[Entry]] = {slug: [] for slug in catalog.by_prefecture}
    for entry in records:
        by_prefecture[entry.prefecture.slug].append(entry)
    specs = [
        FeedSpec(
            routes.records_feed(),
            "Procesverbalet e KRAT dhe TTAT — të gjitha qarqet",
            "Procesverbalet dhe analizat e publikuara të Komiteteve Rajonale Antitrafik dhe Tryezave Teknike.",
            "",
            records,
        )
    ]
    for prefecture in catalog.refdata.prefectures:
        specs.append(
            FeedSpec(
                routes.records_feed(prefecture.slug),
                f"Procesverbalet e KRAT dhe TTAT — Qarku {prefecture.name}",
                f"Procesverbalet dhe analizat e publikuara të KRAT dhe TTAT të Qarkut {prefecture.name}.",
                prefecture.url,
                by_prefecture[prefecture.slug],
            )
        )
    articles = [article_entry(article) for article in reversed(catalog.articles)]
    specs.append(
        FeedSpec(
            routes.ARTICLES_FEED,
            "Ndërgjegjësimi — artikujt",
            "Artikujt e ndërgjegjësimit kundër trafikimit të personave.",
            routes.AWARENESS,
            articles,
        )
    )
    return specs


def record_entry(record: Record) -> Entry:
    """A record as an entry: its date (and time) in Albania's time zone; a partial date counts from the first
    day of its month or year, and the summary says that the exact day is not known."""
    when = record.date.display + (f", ora {record.time}" if record.time else "")
    if not record.date.is_exact:
        when += " (dita e saktë nuk dihet)"
    facts = f"{when} — Qarku {record.prefecture.name} — {', '.join(record.bodies)} — {record.kind_label}."
    return Entry(
        id=f"urn:uuid:{stable_id(record.src_uri)}",
        title=marked(record.title, record.visibility),
        updated=local_start(record.date, record.time),
        path=record.url,
        summary=f"{facts} {record.one_line}".strip(),
        prefecture=record.prefecture,
    )


def article_entry(article: Article) -> Entry:
    return Entry(
        id=f"urn:uuid:{stable_id(article.src_uri)}",
        title=marked(article.title, article.visibility),
        updated=local_start(article.date),
        path=article.url,
        summary=article.summary,
        prefecture=article.prefecture,
    )


def archive_path(spec: FeedSpec, number: int) -> str:
    return spec.path.removesuffix(".xml") + f"-{number}.xml"


def render_archived_feed(spec: FeedSpec, links: Links, catalog: Catalog, page_size: int) -> Iterator[tuple[str, bytes]]:
    """The subscription document and its archive documents: archives 1..k hold `page_size` entries each,
    oldest first; the subscription document holds the rest, from `page_size` to twice that less one (all of
    them while there are fewer), so a new subscriber sees a full page."""
    archives = max(0, len(spec.entries) // page_size - 1)
    today = catalog.today
    fallback = datetime.datetime(today.year, today.month, today.day, tzinfo=TIMEZONE)
    for number in range(1, archives + 1):
        path = archive_path(spec, number)
        relations = [("self", path), ("current", spec.path)]
        relations += [("prev-archive", archive_path(spec, number - 1))] if number > 1 else []
        relations += [("next-archive", archive_path(spec, number + 1))] if number < archives else []
        entries = spec.entries[(number - 1) * page_size : number * page_size]
        yield path, render_document(spec, entries, path, relations, links, fallback, archive=True)
    relations = [("self", spec.path)] + ([("prev-archive", archive_path(spec, archives))] if archives else [])
    entries = spec.entries[archives * page_size :]
    yield spec.path, render_document(spec, entries, spec.path, relations, links, fallback, archive=False)


def render_document(
    spec: FeedSpec,
    entries: list[Entry],
    path: str,
    relations: list[tuple[str, str]],
    links: Links,
    fallback: datetime.datetime,
    archive: bool,
) -> bytes:
    """One Atom document, newest entry first. `updated` is that of its newest entry (the build date when it
    has none), so rebuilding unchanged content gives the same bytes."""
    updated = max((entry.updated for entry in entries), default=fallback).isoformat()
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xmlns:fh="{HISTORY_NS}" xml:lang="sq">',
        f"  <id>urn:uuid:{stable_id(spec.path)}</id>",
        f"  <title>{_text(spec.title)}</title>",
        f"  <subtitle>{_text(spec.subtitle)}</subtitle>",
        f"  <updated>{updated}</updated>",
        f"  <author><name>{_text(AUTHOR)}</name></author>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(links.href(spec.page, path))}/>',
    ]
    for relation, target in relations:
        lines.append(
            f'  <link rel="{relation}" type="application/atom+xml" href={quoteattr(links.href(target, path))}/>'
        )
    if archive:
        lines.append("  <fh:archive/>")
    lines += [render_entry(entry, path, links) for entry in reversed(entries)]
    lines.append("</feed>\n")
    return "\n".join(lines).encode("utf-8")


def render_entry(entry: Entry, document: str, links: Links) -> str:
    category = ""
    if entry.prefecture is not None:
        label = quoteattr(f"Qarku {entry.prefecture.name}")
        category = f'\n    <category term="{entry.prefecture.slug}" label={label}/>'
    return (
        "  <entry>\n"
        f"    <id>{entry.id}</id>\n"
        f"    <title>{_text(entry.title)}</title>\n"
        f"    <updated>{entry.updated.isoformat()}</updated>\n"
        f'    <link rel="alternate" type="text/html" href={quoteattr(links.href(entry.path, document))}/>\n'
        f"    <summary>{_text(entry.summary)}</summary>{category}\n"
        "  </entry>"
    )


def _text(value: str) -> str:
    return escape(clean(value))
