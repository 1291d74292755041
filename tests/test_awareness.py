"""Awareness aggregation: articles grouped by audience and topic, the prefectures' awareness activity, and the
awareness page context; nothing internal is listed or counted."""

import datetime

from conftest import write
from krat.content.catalog import build_catalog
from krat.site.pages import AwarenessContext, PrefectureContext, page_context

TODAY = datetime.date(2018, 8, 1)


def article(content, slug: str, date: str, audience: str, topics: str, visibility: str = "public", extra: str = ""):
    text = (
        f"---\ntitle: Artikulli {slug}\ndate: {date}\naudience: {audience}\ntopics: {topics}\nsummary: Përmbledhje.\n"
        f'sources: [{{title: Burimi, url: "https://example.org/"}}]\nvisibility: {visibility}\n{extra}---\n\nTeksti.\n'
    )
    write(content, f"ndergjegjesim/{slug}.md", text)


def record(content, date: str, slug: str, kind: str, topics: str = "[arsimi]", visibility: str = "public"):
    text = (
        f"---\ntitle: Takimi {slug}\ndate: {date}\nprefecture: korce\nbodies: [TTAT]\nkind: {kind}\n"
        f"topics: {topics}\nvisibility: {visibility}\n---\n\nTeksti.\n"
    )
    write(content, f"takime/korce/{date[:4]}/{date}-{slug}.md", text)


def hub(content, profile: str = "public") -> AwarenessContext:
    return page_context(build_catalog(content, profile=profile, today=TODAY), "ndergjegjesim/")


def groups(found) -> list[tuple[str, list[str]]]:
    return [(group.slug, [a.src_uri.split("/")[-1] for a in group.articles]) for group in found]


def test_articles_are_grouped_by_audience_and_topic_in_reference_order_newest_first(content):
    article(content, "a", "2018-01-10", "[prinderit, publiku]", "[parandalimi]")
    article(content, "b", "2018-03-01", "[Të rinjtë]", "[parandalimi, identifikimi]")
    article(content, "c", "2018-02-01", "publiku", "[mbrojtja-e-viktimave]")
    context = hub(content)
    assert [a.src_uri for a in context.articles] == [
        "ndergjegjesim/b.md",
        "ndergjegjesim/c.md",
        "ndergjegjesim/a.md",
    ]
    assert groups(context.by_audience) == [
        ("publiku", ["c.md", "a.md"]),
        ("te-rinjte", ["b.md"]),
        ("prinderit", ["a.md"]),
    ]  # audiences.yml order; mesuesit and punedhenesit have no article and are left out
    assert groups(context.by_topic) == [
        ("identifikimi", ["b.md"]),
        ("mbrojtja-e-viktimave", ["c.md"]),
        ("parandalimi", ["b.md", "a.md"]),
    ]


def test_internal_and_draft_articles_are_neither_listed_nor_counted(content):
    article(content, "publik", "2018-01-10", "publiku", "[parandalimi]")
    article(content, "brenda", "2018-02-10", "mesuesit", "[trajnimi]", visibility="internal")
    article(content, "punim", "2018-03-10", "publiku", "[parandalimi]", extra="draft: true\n")
    context = hub(content)
    assert groups(context.by_audience) == [("publiku", ["publik.md"])]
    assert groups(context.by_topic) == [("parandalimi", ["publik.md"])]
    assert groups(hub(content, profile="members").by_audience) == [
        ("publiku", ["publik.md"]),
        ("mesuesit", ["brenda.md"]),
    ]


def test_awareness_activity_is_campaigns_and_awareness_meetings_published_newest_first(content):
    record(content, "2018-05-10", "fushata", "campaign")
    record(content, "2018-06-10", "takim-ndergjegjesimi", "meeting", topics="[ndergjegjesimi, arsimi]")
    record(content, "2018-07-10", "takim-tjeter", "meeting")
    record(content, "2018-07-20", "fushata-brenda", "campaign", visibility="internal")
    context = hub(content)
    assert [r.id for r in context.activity] == ["korce/2018-06-10-takim-ndergjegjesimi", "korce/2018-05-10-fushata"]
    assert context.next_campaign.campaign.name == "Dita Evropiane kundër Trafikimit"
    assert [contact.number for contact in context.contacts][:2] == ["112", "129"]
    prefecture = page_context(build_catalog(content, today=TODAY), "qarqet/korce/")
    assert isinstance(prefecture, PrefectureContext)
    assert [r.id for r in prefecture.awareness] == [r.id for r in context.activity]
    assert page_context(build_catalog(content, today=TODAY), "qarqet/kukes/").awareness == []


def test_article_page_gets_the_article_and_the_contacts(content):
    article(content, "a", "2018-01-10", "publiku", "[parandalimi]", extra="prefecture: korce\n")
    catalog = build_catalog(content, today=TODAY)
    context = page_context(catalog, "ndergjegjesim/a/")
    assert context.article.title == "Artikulli a" and context.contacts == catalog.contacts
    assert [a.src_uri for a in page_context(catalog, "qarqet/korce/").articles] == ["ndergjegjesim/a.md"]
