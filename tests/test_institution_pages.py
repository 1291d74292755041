"""Institution pages, /institucionet/<code>/, and their index, /institucionet/: each institution's tasks in every
prefecture's plans (as responsible and as partner) with their status and overdue marks, the counts per prefecture,
and the meetings it took part in, exactly as the catalog has them."""

import datetime
import re
from pathlib import Path

import pytest
from conftest import BUILD_DATE, FIXTURES
from helpers import page_of, plain
from krat import routes
from krat.content.catalog import Catalog, build_catalog
from krat.content.plans import CLOSED, Plan, Task
from krat.content.refdata import Institution
from krat.site.pages import InstitutionContext, page_context, plan_closed_on
from sitebuild import built
from test_topic_pages import ITEM_LINK, fragment, shown_groups, target

LATER_EPOCH = "1709251200"  # 2024-03-01: the fixture's plan (2018) is closed then
LATER = datetime.date(2024, 3, 1)
OVERDUE = "Afati ka kaluar"


def section(page: str, start: str, end: str | None = None) -> str:
    """The part of `page` from the heading with id `start` to the one with id `end` (or the end)."""
    begin = page.index(f'id="{start}"')
    return page[begin : page.index(f'id="{end}"') if end else len(page)]


def newest_first(catalog: Catalog) -> list[Plan]:
    return sorted(catalog.plans, key=lambda plan: (plan.years[-1], plan.years[0]), reverse=True)


def expected_tasks(catalog: Catalog, keep) -> list[tuple[str, str, bool]]:
    """(address, status, overdue mark) of each task `keep(task)` accepts, newest plan first; the mark only in an
    open plan."""
    rows = []
    for plan in newest_first(catalog):
        closed = plan_closed_on(plan, catalog.today) is not None
        rows += [(task.url, task.status, task.overdue and not closed) for task in plan.tasks if keep(task)]
    return rows


def shown_tasks(part: str, url: str) -> list[tuple[str, str, bool]]:
    """The same, read from a task table of the page at `url`."""
    rows = []
    for row in re.findall(r"<tr[^>]*>\s*<td data-label=\"Detyra\">.*?</tr>", part, re.S):
        href = re.search(r'<td data-label="Detyra"><a href="([^"]+)">', row).group(1)
        path, _, fragment = href.partition("#")
        status = re.search(r"krat-status--([a-z-]+)", row).group(1)
        rows.append((f"{target(url, path)}#{fragment}", status, OVERDUE in row))
    return rows


def responsible(institution: Institution):
    return lambda task: institution in task.responsible


def partner(institution: Institution):
    return lambda task: any(entry.get("code") == institution.code for entry in task.partners)


def tasks_of(catalog: Catalog, institution: Institution) -> list[tuple[Plan, Task]]:
    return [(plan, task) for plan in catalog.plans for task in plan.tasks if institution in task.responsible]


def attended(catalog: Catalog, institution: Institution) -> list[str]:
    return [
        record.url
        for record in catalog.records
        if any(entry.get("code") == institution.code for entry in record.participants)
    ]


def test_every_institution_has_a_page_and_the_index_lists_each_with_its_counts(fixture_site, fixture_catalog):
    index = page_of(fixture_site, routes.INSTITUTIONS)
    rows = re.findall(
        r'<td data-label="Institucioni"><a href="([^"]+)">([^<]+)</a></td>\s*<td data-label="Detyra">(\d+)</td>\s*'
        r'<td data-label="Të hapura">(\d+)</td>\s*<td data-label="Mbledhje">(\d+)</td>',
        index,
    )
    institutions = list(fixture_catalog.refdata.institutions)
    assert [name for _, name, *_ in rows] == [institution.name for institution in institutions]
    for (href, _, tasks, open_tasks, meetings), institution in zip(rows, institutions, strict=True):
        assert target(routes.INSTITUTIONS, href) == routes.institution(institution.code)
        assert (fixture_site / routes.institution(institution.code) / "index.html").is_file()
        owed = tasks_of(fixture_catalog, institution)
        assert int(tasks) == len(owed)
        assert int(open_tasks) == sum(task.status not in CLOSED for _, task in owed)
        assert int(meetings) == len(attended(fixture_catalog, institution))
    assert routes.institution("DSHS-BASHKIA") == "institucionet/dshs-bashkia/"
    assert [row[2:4] for row in rows if row[1] == "Drejtoria Arsimore Rajonale"] == [("2", "1")]  # 1.1 done, 1.10


def test_an_institution_page_lists_exactly_its_tasks_with_status_and_overdue_marks(fixture_site, fixture_catalog):
    for institution in fixture_catalog.refdata.institutions:
        url = routes.institution(institution.code)
        page = page_of(fixture_site, url)
        mine = section(page, "pergjegjes", "partner")
        assert shown_tasks(mine, url) == expected_tasks(fixture_catalog, responsible(institution)), institution.code
        partnered = section(page, "partner", "mbledhjet")
        assert shown_tasks(partnered, url) == expected_tasks(fixture_catalog, partner(institution)), institution.code
    dvp = page_of(fixture_site, routes.institution("DVP"))
    assert shown_tasks(section(dvp, "pergjegjes", "partner"), routes.institution("DVP")) == [
        ("plane/kukes/2018/#detyra-2-1", "in-progress", True)  # due 2018-06, judged on 2018-08-01
    ]
    ojf = page_of(fixture_site, routes.institution("OJF"))
    assert shown_tasks(section(ojf, "partner", "mbledhjet"), routes.institution("OJF")) == [
        ("plane/kukes/2018/#detyra-1-1", "done", False)
    ]


def counts_shown(page: str) -> list[tuple[str, int, int, int]]:
    rows = re.findall(
        r'<td data-label="Qarku"><a href="[^"]+">([^<]+)</a></td>\s*<td data-label="Detyra">(\d+)</td>\s*'
        r'<td data-label="Të hapura">(\d+)</td>\s*<td data-label="Afati ka kaluar">(?:<span class="krat-overdue">)?'
        r"(\d+)",
        page,
    )
    return [(name, int(tasks), int(open_tasks), int(overdue)) for name, tasks, open_tasks, overdue in rows]


def counts_expected(catalog: Catalog, institution: Institution) -> list[tuple[str, int, int, int]]:
    rows = []
    for prefecture in catalog.refdata.prefectures:
        here = [(plan, task) for plan, task in tasks_of(catalog, institution) if plan.prefecture == prefecture]
        if here:
            rows.append(
                (
                    prefecture.name,
                    len(here),
                    sum(task.status not in CLOSED for _, task in here),
                    sum(task.overdue and plan_closed_on(plan, catalog.today) is None for plan, task in here),
                )
            )
    return rows


def test_the_counts_per_prefecture_are_the_catalogs(fixture_site, fixture_catalog):
    for institution in fixture_catalog.refdata.institutions:
        page = section(page_of(fixture_site, routes.institution(institution.code)), "permbledhja", "pergjegjes")
        expected = counts_expected(fixture_catalog, institution)
        assert counts_shown(page) == expected, institution.code
        if expected:
            tasks, open_tasks, overdue = (sum(row[column] for row in expected) for column in (1, 2, 3))
            total = f"Gjithsej detyra: {tasks}; të hapura: {open_tasks}; afati ka kaluar për: {overdue}."
            assert total in plain(page).replace(" .", "."), institution.code
    dvp = section(page_of(fixture_site, routes.institution("DVP")), "permbledhja", "pergjegjes")
    assert "Gjithsej detyra: 1; të hapura: 1; afati ka kaluar për: 1." in plain(dvp).replace(" .", ".")
    dar = section(page_of(fixture_site, routes.institution("DAR")), "permbledhja", "pergjegjes")
    assert counts_shown(dar) == [("Kukës", 2, 1, 0)]


def test_an_institution_page_lists_the_meetings_it_attended(fixture_site, fixture_catalog):
    for institution in fixture_catalog.refdata.institutions:
        url = routes.institution(institution.code)
        part = section(page_of(fixture_site, url), "mbledhjet")
        shown = [address for _, _, addresses in shown_groups(part, url, "mbledhjet") for address in addresses]
        assert sorted(shown) == sorted(attended(fixture_catalog, institution)), institution.code
    dvp = section(page_of(fixture_site, routes.institution("DVP")), "mbledhjet")
    assert shown_groups(dvp, routes.institution("DVP"), "mbledhjet") == [
        ("kukes", 2018, ["takime/kukes/2018/2018-02-16-analiza/"])
    ]


def test_internal_meetings_appear_only_in_the_members_build(fixture_site, fixture_members_site, fixture_content):
    url = routes.institution("DVP")
    internal = "takime/kukes/2018/2018-09-01-brenda/"
    public = [target(url, href) for href in ITEM_LINK.findall(page_of(fixture_site, url))]
    members = [target(url, href) for href in ITEM_LINK.findall(page_of(fixture_members_site, url))]
    assert internal not in public and internal in members
    catalog = build_catalog(fixture_content, profile="members", today=BUILD_DATE)
    for institution in catalog.refdata.institutions:
        url = routes.institution(institution.code)
        part = section(page_of(fixture_members_site, url), "mbledhjet")
        shown = [address for _, _, addresses in shown_groups(part, url, "mbledhjet") for address in addresses]
        assert sorted(shown) == sorted(attended(catalog, institution)), institution.code


def test_an_institution_page_links_to_all_institutions_and_is_in_the_search_index(fixture_site):
    url = routes.institution("DVP")
    page = page_of(fixture_site, url)
    link = re.search(r'<a href="([^"]+)">Të gjitha institucionet</a>', page).group(1)
    assert target(url, link) == routes.INSTITUTIONS
    h1 = '<h1 data-pagefind-meta="title" data-pagefind-weight="10">Drejtoria Vendore e Policisë (DVP)</h1>'
    assert h1 in page
    indexed = fragment(fixture_site, url)
    assert indexed["meta"]["title"] == "Drejtoria Vendore e Policisë (DVP)"
    assert indexed["filters"]["Lloji"] == ["Institucion"]


def test_a_closed_plan_marks_no_task_overdue(fixture_content):
    """On 2024-03-01 the fixture's plan of 2018 is closed: its unfinished tasks are overdue in the catalog, but the
    institution pages say nothing of it (the plan's own page says once that it closed)."""
    catalog = build_catalog(fixture_content, today=LATER)
    assert any(task.overdue for plan in catalog.plans for task in plan.tasks)
    for institution in catalog.refdata.institutions:
        context = page_context(catalog, routes.institution(institution.code))
        assert isinstance(context, InstitutionContext)
        assert not any(entry.overdue for entry in context.responsible + context.partner)
        assert context.total.overdue == 0


@pytest.fixture(scope="module")
def later_site(tmp_path_factory) -> Path:
    """The public fixture site built on 2024-03-01, when its plan is closed. Read only."""
    return built(
        tmp_path_factory.mktemp("institutions-later"), FIXTURES / "site", epoch=LATER_EPOCH, env={"KRAT_SITE_URL": ""}
    )


def test_a_closed_plans_tasks_show_no_overdue_mark(later_site):
    catalog = build_catalog(later_site.parent / "content", today=LATER)
    for institution in catalog.refdata.institutions:
        url = routes.institution(institution.code)
        page = page_of(later_site, url)
        assert OVERDUE not in section(page, "pergjegjes"), institution.code
        assert all(overdue == 0 for *_, overdue in counts_shown(section(page, "permbledhja", "pergjegjes")))
    for topic in catalog.refdata.topics:
        assert OVERDUE not in section(page_of(later_site, routes.topic(topic.slug)), "permbajtja")
    dvp = page_of(later_site, routes.institution("DVP"))
    assert shown_tasks(section(dvp, "pergjegjes", "partner"), routes.institution("DVP")) == [
        ("plane/kukes/2018/#detyra-2-1", "in-progress", False)
    ]


def test_an_institutions_tasks_are_grouped_by_prefecture_and_the_table_leads_to_each_group(
    fixture_site, fixture_catalog
):
    for institution in fixture_catalog.refdata.institutions:
        context = page_context(fixture_catalog, routes.institution(institution.code))
        page = page_of(fixture_site, routes.institution(institution.code))
        for prefecture, entries in context.responsible_by_prefecture:
            assert entries and all(entry.plan.prefecture == prefecture for entry in entries)
            assert f'<a href="#detyrat-{prefecture.slug}">{prefecture.name}</a>' in section(page, "permbledhja")
            assert f'<h3 id="detyrat-{prefecture.slug}">Qarku {prefecture.name}' in section(page, "pergjegjes")
        assert sum(len(entries) for _, entries in context.responsible_by_prefecture) == len(context.responsible)
