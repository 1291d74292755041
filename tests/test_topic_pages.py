"""Topic pages, /temat/<slug>/, and their index, /temat/: each lists exactly what the catalog publishes on the topic
(records by prefecture and year, awareness articles, plan tasks), and every topic tag on the site leads to one."""

import posixpath
import re
from pathlib import Path

import pytest
from conftest import BUILD_DATE
from helpers import html, page_of, plain, search_index
from krat import routes
from krat.content.catalog import Catalog, build_catalog
from krat.content.refdata import Topic

TOPIC_TAG = re.compile(r'<a class="krat-tag krat-tag--topic" href="([^"]+)">([^<]*)</a>')
ITEM_LINK = re.compile(r'<a class="krat-item__link" href="([^"]+)">')
EMPTY = "Për këtë temë ende nuk është publikuar asgjë; të gjitha procesverbalet janë te Arkiva"


def target(page: str, href: str) -> str:
    """The site path (such as 'temat/arsimi/') that the relative link `href` on the page at `page` leads to."""
    path = posixpath.normpath(posixpath.join(page, href.split("#")[0]))
    return "" if path == "." else path.strip("/") + "/"


def expected_groups(catalog: Catalog, topic: Topic) -> list[tuple[str, int, list[str]]]:
    """(prefecture slug, year, record addresses) of the topic's records, in the order the page must show them:
    prefectures in reference order, years newest first, records newest first."""
    order = [prefecture.slug for prefecture in catalog.refdata.prefectures]
    records = [record for record in catalog.records if topic in record.topics]
    records.sort(key=lambda record: (order.index(record.prefecture.slug), -record.date.year))  # stable: newest first
    groups: list[tuple[str, int, list[str]]] = []
    for record in records:
        if not groups or groups[-1][:2] != (record.prefecture.slug, record.date.year):
            groups.append((record.prefecture.slug, record.date.year, []))
        groups[-1][2].append(record.url)
    return groups


def shown_groups(page: str, url: str, anchor: str = "qarku") -> list[tuple[str, int, list[str]]]:
    """The same, read from the page: each record link under the year heading before it."""
    token = re.compile(rf'<h4 id="{anchor}-([a-z-]+)-(\d{{4}})">|<a class="krat-item__link" href="([^"]+)">')
    groups: list[tuple[str, int, list[str]]] = []
    for slug, year, href in token.findall(page):
        if slug:
            groups.append((slug, int(year), []))
        elif target(url, href).startswith("takime/"):
            groups[-1][2].append(target(url, href))
    return groups


def expected_tasks(catalog: Catalog, topic: Topic) -> list[str]:
    """The addresses of the topic's tasks, newest plan first."""
    plans = sorted(catalog.plans, key=lambda plan: (plan.years[-1], plan.years[0]), reverse=True)
    return [task.url for plan in plans for task in plan.tasks if topic in task.topics]


def task_targets(page: str, url: str) -> list[str]:
    """Each task row's link, as 'plane/kukes/2018/#detyra-1-1'."""
    links = []
    for href in re.findall(r'<td data-label="Detyra"><a href="([^"]+)">', page):
        path, _, fragment = href.partition("#")
        links.append(f"{target(url, path)}#{fragment}")
    return links


def test_every_topic_has_a_page_and_the_index_lists_each_with_its_counts(fixture_site, fixture_catalog):
    index = page_of(fixture_site, routes.TOPICS)
    rows = re.findall(
        r'<td data-label="Tema"><a href="([^"]+)">([^<]+)</a></td>\s*'
        r'<td data-label="Procesverbale">(\d+)</td>\s*<td data-label="Artikuj">(\d+)</td>\s*'
        r'<td data-label="Detyra">(\d+)</td>',
        index,
    )
    topics = list(fixture_catalog.refdata.topics)
    assert [name for _, name, *_ in rows] == [topic.name for topic in topics]
    tasks = [task for plan in fixture_catalog.plans for task in plan.tasks]
    for (href, _, records, articles, task_count), topic in zip(rows, topics, strict=True):
        assert target(routes.TOPICS, href) == routes.topic(topic.slug)
        assert (fixture_site / routes.topic(topic.slug) / "index.html").is_file()
        assert int(records) == sum(topic in record.topics for record in fixture_catalog.records)
        assert int(articles) == sum(topic in article.topics for article in fixture_catalog.articles)
        assert int(task_count) == sum(topic in task.topics for task in tasks)
    assert int(rows[[t.slug for t in topics].index("arsimi")][2]) == 3  # the fixture: Durrës 2023, Kukës 2017, 2018


def test_a_topic_page_lists_exactly_the_catalogs_records_by_prefecture_and_year(fixture_site, fixture_catalog):
    for topic in fixture_catalog.refdata.topics:
        url = routes.topic(topic.slug)
        page = page_of(fixture_site, url)
        groups = expected_groups(fixture_catalog, topic)
        assert shown_groups(page, url) == groups, topic.slug
        for slug in dict.fromkeys(slug for slug, _, _ in groups):
            count = sum(len(records) for group_slug, _, records in groups if group_slug == slug)
            assert re.search(rf'<h3 id="qarku-{slug}">.*?\({count}\)</span></h3>', page), (topic.slug, slug)
        for slug, year, records in groups:
            assert f'<h4 id="qarku-{slug}-{year}">{year} <span class="krat-sub">({len(records)})</span></h4>' in page
    arsimi = shown_groups(page_of(fixture_site, routes.topic("arsimi")), routes.topic("arsimi"))
    assert [(slug, year, len(records)) for slug, year, records in arsimi] == [
        ("durres", 2023, 1),
        ("kukes", 2018, 1),
        ("kukes", 2017, 1),
    ]


def test_a_topic_page_lists_exactly_the_catalogs_articles_and_plan_tasks(fixture_site, fixture_catalog):
    for topic in fixture_catalog.refdata.topics:
        url = routes.topic(topic.slug)
        page = page_of(fixture_site, url)
        articles = [target(url, href) for href in ITEM_LINK.findall(page) if target(url, href).startswith("ndergj")]
        assert articles == [article.url for article in fixture_catalog.articles if topic in article.topics]
        assert task_targets(page, url) == expected_tasks(fixture_catalog, topic), topic.slug
    page = page_of(fixture_site, routes.topic("parandalimi"))
    assert task_targets(page, routes.topic("parandalimi")) == ["plane/kukes/2018/#detyra-1-1"]
    assert '<span class="krat-badge krat-status--done">Realizuar</span>' in page


def test_a_topic_with_nothing_published_says_so_and_links_to_the_archive(fixture_site, fixture_catalog):
    tasks = [task for plan in fixture_catalog.plans for task in plan.tasks]
    for topic in fixture_catalog.refdata.topics:
        url = routes.topic(topic.slug)
        page = page_of(fixture_site, url)
        empty = not any(topic in item.topics for item in [*fixture_catalog.records, *fixture_catalog.articles, *tasks])
        assert (EMPTY in plain(page)) == empty, topic.slug
        if empty:
            link = re.search(r'<p class="krat-empty">.*?<a href="([^"]+)">Arkiva</a>', page).group(1)
            assert target(url, link) == routes.ARCHIVE
    assert EMPTY in plain(page_of(fixture_site, routes.topic("trajnimi")))  # its only article is internal


def test_internal_items_are_on_a_topic_page_only_in_the_members_build(fixture_site, fixture_members_site):
    internal = "takime/kukes/2018/2018-09-01-brenda/"
    url = routes.topic("arsimi")
    assert internal not in [target(url, href) for href in ITEM_LINK.findall(page_of(fixture_site, url))]
    members = page_of(fixture_members_site, url)
    assert internal in [target(url, href) for href in ITEM_LINK.findall(members)]
    assert '<h4 id="qarku-kukes-2018">2018 <span class="krat-sub">(2)</span></h4>' in members
    assert "SEKRET-7Q" not in page_of(fixture_site, routes.topic("trajnimi"))
    assert "Artikull i brendshëm SEKRET-7Q" in page_of(fixture_members_site, routes.topic("trajnimi"))


def topic_tags(site: Path, url: str) -> list[tuple[str, str]]:
    """(address, text) of every topic tag on the page at `url`, each address checked to be a built page."""
    tags = []
    for href, name in TOPIC_TAG.findall(html(site, url.rstrip("/"))):
        address = target(url, href)
        assert (site / address / "index.html").is_file(), (url, href)
        tags.append((address, name))
    return tags


def named(topics: list[Topic]) -> list[tuple[str, str]]:
    return [(routes.topic(topic.slug), topic.name) for topic in topics]


def test_the_topic_tags_of_records_and_articles_link_to_their_topic_pages(fixture_site, fixture_catalog):
    for record in fixture_catalog.records:
        assert topic_tags(fixture_site, record.url) == named(record.topics), record.url
    for item in fixture_catalog.articles:
        assert topic_tags(fixture_site, item.url) == named(item.topics), item.url
    assert named(fixture_catalog.by_src_uri["takime/kukes/2018/2018-02-16-analiza.md"].topics) == [
        ("temat/arsimi/", "Shkollat dhe arsimi"),
        ("temat/identifikimi/", "Identifikimi i viktimave"),
    ]


def test_the_topic_tags_of_list_pages_link_to_their_topic_pages(fixture_site, fixture_catalog):
    by_url = {record.url: record for record in fixture_catalog.records}
    lists = ["", routes.prefecture("kukes"), routes.prefecture("durres"), routes.topic("arsimi")]
    lists.append(routes.institution("DVP"))
    seen = 0
    for url in lists:
        page = html(fixture_site, url.rstrip("/"))
        for item in re.findall(r'<li class="krat-item">(.*?)</li>', page, re.S):
            link = ITEM_LINK.search(item)
            record = by_url.get(target(url, link.group(1)))
            if record is None:
                continue
            tags = [(target(url, href), name) for href, name in TOPIC_TAG.findall(item)]
            assert tags == named(record.topics), (url, record.url)
            seen += len(tags)
        topic_tags(fixture_site, url)  # each one a built page
    assert seen


def test_a_tag_page_links_to_all_topics(fixture_site):
    page = page_of(fixture_site, routes.topic("arsimi"))
    link = re.search(r'<a href="([^"]+)">Të gjitha temat</a>', page).group(1)
    assert target(routes.topic("arsimi"), link) == routes.TOPICS


def fragment(site: Path, url: str) -> dict:
    """Pagefind's record of the page at `url`."""
    pages = search_index(site)
    assert "/" + url in pages, f"{url} is not in the search index"
    return pages["/" + url]


def test_a_topic_page_is_in_the_search_index_as_a_topic(fixture_site):
    url = routes.topic("arsimi")
    page = page_of(fixture_site, url)
    assert '<h1 data-pagefind-meta="title" data-pagefind-weight="10">Shkollat dhe arsimi</h1>' in page
    indexed = fragment(fixture_site, url)
    assert indexed["meta"]["title"] == "Shkollat dhe arsimi"
    assert indexed["filters"]["Lloji"] == ["Temë"] and indexed["filters"]["Tema"] == ["Shkollat dhe arsimi"]
    assert "Ku të kërkoni ndihmë" not in indexed["content"]  # only the page's own content


def test_topic_pages_escape_what_content_writes(fixture_site):
    page = page_of(fixture_site, routes.topic("zbatimi-i-ligjit"))  # the fixture's record with a hostile title
    assert "Takim &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; më shumë" in page
    assert "<script>alert" not in page and "<b>etiketë</b>" not in page


@pytest.fixture(scope="module")
def members_catalog(fixture_content) -> Catalog:
    return build_catalog(fixture_content, profile="members", today=BUILD_DATE)


def test_the_members_topic_page_lists_exactly_the_members_catalog(fixture_members_site, members_catalog):
    for topic in members_catalog.refdata.topics:
        url = routes.topic(topic.slug)
        assert shown_groups(page_of(fixture_members_site, url), url) == expected_groups(members_catalog, topic)
