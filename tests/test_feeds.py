"""Atom feeds from the fixture site's catalog (no MkDocs): archive paging, counts, ids, escaping, links."""

import datetime
import posixpath

import pytest
from conftest import BUILD_DATE
from feedhistory import BASE, entry_ids, parse, read_history
from krat.content.catalog import build_catalog
from krat.outputs.exports import Links, stable_id
from krat.outputs.feeds import PAGE_SIZE, generate_feeds


def feed_documents(catalog, links: Links, page_size: int = PAGE_SIZE) -> dict[str, bytes]:
    return dict(generate_feeds(catalog, links, page_size))


@pytest.fixture
def catalog(fixture_catalog):
    """The fixture site's public catalog on 2018-08-01, shared by the session."""
    return fixture_catalog


def test_full_history_is_reached_through_prev_archive_links(catalog):
    documents = feed_documents(catalog, Links(BASE), page_size=2)
    history = read_history(documents.__getitem__, "te-dhena/feed/procesverbalet.xml")
    expected = [f"urn:uuid:{stable_id(record.src_uri)}" for record in catalog.records]  # newest first
    assert len(catalog.records) == 6
    assert entry_ids(history) == expected
    assert [path for path, _ in history] == [
        "te-dhena/feed/procesverbalet.xml",
        "te-dhena/feed/procesverbalet-2.xml",
        "te-dhena/feed/procesverbalet-1.xml",
    ]


def test_archive_documents_are_full_marked_and_linked(catalog):
    documents = feed_documents(catalog, Links(BASE), page_size=2)
    subscription = documents["te-dhena/feed/procesverbalet.xml"].decode()
    assert "<fh:archive/>" not in subscription
    assert subscription.count("<entry>") == 2
    oldest, newest = (documents[f"te-dhena/feed/procesverbalet-{n}.xml"].decode() for n in (1, 2))
    for archive in (oldest, newest):
        assert "<fh:archive/>" in archive and archive.count("<entry>") == 2
        assert f'rel="current" type="application/atom+xml" href="{BASE}te-dhena/feed/procesverbalet.xml"' in archive
    assert 'rel="prev-archive"' not in oldest and 'rel="next-archive"' in oldest
    assert 'rel="prev-archive"' in newest and 'rel="next-archive"' not in newest


def test_subscription_document_keeps_at_least_a_full_page(catalog):
    """Kukës has 4 records: with pages of 3 they all stay in the subscription document (an archive is cut only
    when two full pages exist); the site's 6 become one archive of 3 and a subscription document of 3."""
    documents = feed_documents(catalog, Links(BASE), page_size=3)
    assert documents["te-dhena/feed/qarku-kukes.xml"].decode().count("<entry>") == 4
    assert "te-dhena/feed/qarku-kukes-1.xml" not in documents
    assert documents["te-dhena/feed/procesverbalet.xml"].decode().count("<entry>") == 3
    assert documents["te-dhena/feed/procesverbalet-1.xml"].decode().count("<entry>") == 3


def test_prefecture_feeds_hold_exactly_their_records(catalog):
    documents = feed_documents(catalog, Links(BASE), page_size=2)
    total = 0
    for slug in catalog.by_prefecture:
        history = read_history(documents.__getitem__, f"te-dhena/feed/qarku-{slug}.xml")
        entries = [entry for _, parsed in history for entry in parsed.entries]
        assert [entry.tags[0].term for entry in entries] == [slug] * len(catalog.by_prefecture[slug])
        total += len(entries)
    assert total == len(catalog.records)


def test_entries_carry_title_date_summary_link_and_prefecture(catalog):
    parsed = parse(
        feed_documents(catalog, Links(BASE))["te-dhena/feed/qarku-kukes.xml"], "te-dhena/feed/qarku-kukes.xml"
    )
    entry = next(entry for entry in parsed.entries if entry.title == "Analiza vjetore 2017")
    assert entry.updated == "2018-02-16T11:00:00+01:00"
    assert entry.link == f"{BASE}takime/kukes/2018/2018-02-16-analiza/"
    assert entry.summary.startswith("16 shkurt 2018, ora 11:00 — Qarku Kukës — KRAT, TTAT — Analizë vjetore.")
    assert entry.tags[0].label == "Qarku Kukës"
    assert parsed.feed.title == "Procesverbalet e KRAT dhe TTAT — Qarku Kukës"


def test_markup_in_titles_is_text_not_html(catalog):
    documents = feed_documents(catalog, Links(BASE))
    raw = documents["te-dhena/feed/qarku-kukes.xml"].decode()
    assert '<title>Takim &lt;script&gt;alert("x")&lt;/script&gt; &amp; më shumë</title>' in raw
    assert "<script>" not in raw
    articles = documents["te-dhena/feed/ndergjegjesim.xml"].decode()
    assert "<title>Shenjat &lt;em&gt;paralajmëruese&lt;/em&gt;</title>" in articles


def test_partial_date_counts_from_the_first_day_and_says_so(catalog):
    parsed = parse(
        feed_documents(catalog, Links(BASE))["te-dhena/feed/qarku-durres.xml"], "te-dhena/feed/qarku-durres.xml"
    )
    (entry,) = parsed.entries
    assert entry.updated == "2023-01-01T00:00:00+01:00"
    assert entry.summary.startswith("2023 (dita e saktë nuk dihet) — Qarku Durrës")


def test_ids_depend_on_neither_site_url_nor_build_date(fixture_content, catalog):
    later = build_catalog(fixture_content, today=datetime.date(2024, 3, 1))
    first = feed_documents(catalog, Links(BASE))
    second = feed_documents(later, Links("https://another.example.net/krat/"))
    for path in first:
        ids = entry_ids([(path, parse(first[path], path))])
        assert ids == entry_ids([(path, parse(second[path], path, "https://another.example.net/krat/"))])


def test_same_catalog_gives_the_same_bytes(fixture_content, catalog):
    again = build_catalog(fixture_content, today=BUILD_DATE)
    assert feed_documents(catalog, Links(BASE)) == feed_documents(again, Links(BASE))


def test_without_site_url_links_are_relative_to_the_document(catalog):
    documents = feed_documents(catalog, Links(None), page_size=2)
    raw = documents["te-dhena/feed/qarku-kukes-1.xml"].decode()
    assert 'href="../../takime/kukes/2017/2017-11-20-takim/"' in raw
    assert 'rel="current" type="application/atom+xml" href="qarku-kukes.xml"' in raw
    assert 'rel="alternate" type="text/html" href="../../qarqet/kukes/"' in raw
    history = read_history(documents.__getitem__, "te-dhena/feed/procesverbalet.xml")  # resolved like a client
    assert len(entry_ids(history)) == 6
    assert history[0][1].entries[0].link == f"{BASE}takime/durres/2023/2023-analiza/"
    assert posixpath.basename(history[-1][0]) == "procesverbalet-1.xml"


def test_every_prefecture_has_a_feed_even_without_records(catalog):
    documents = feed_documents(catalog, Links(BASE))
    parsed = parse(documents["te-dhena/feed/qarku-vlore.xml"], "te-dhena/feed/qarku-vlore.xml")
    assert parsed.entries == [] and parsed.feed.updated == "2018-08-01T00:00:00+02:00"
