"""Phones first, and public pages that speak to the public: the plan page shows staff instructions only in the
members' build, a closed plan says so once instead of marking each task "Afati ka kaluar", and in headless Chromium
at 360 x 800 px no page scrolls sideways, a task card's status is on screen and the site's own targets are big
enough to tap (the browser tests are skipped where Chromium is not installed)."""

import datetime

import pytest
from browser import chromium_page, needs_chromium, served
from conftest import FIXTURES
from helpers import article, html, plain
from krat.content.catalog import build_catalog
from krat.site.pages import page_context
from sitebuild import BUILD_DATE_EPOCH, checked_build, make_site_source

# Two plans added to the fixture site (built on 2018-08-01): Kukës 2017 ended before that day, with one task done
# and two not; Durrës 2018 is still open and has no tasks yet.
CLOSED_PLAN = """---
prefecture: kukes
period: "2017"
visibility: public
tasks:
  - id: 1
    title: Takime në shkolla
    responsible: [DAR]
    due: 2017-06
  - id: 2
    title: Trajnim për policinë
    responsible: [DVP]
    due: 2017-10
    status: in-progress
  - id: 3
    title: Fletëpalosje
    responsible: [DAR]
    due: 2017-03
    status: done
---
"""
PLAN_WITHOUT_TASKS = """---
prefecture: durres
period: "2018"
visibility: public
---
"""


@pytest.fixture(scope="module")
def plan_sites(tmp_path_factory) -> dict[str, object]:
    """The fixture site with the two plans above, built for each profile."""
    sites = {}
    for profile in ("public", "members"):
        where = tmp_path_factory.mktemp(f"plans-{profile}")
        content = make_site_source(where, FIXTURES / "site")
        (content / "plane/kukes/2017.md").write_text(CLOSED_PLAN, encoding="utf-8")
        (content / "plane/durres").mkdir(parents=True)
        (content / "plane/durres/2018.md").write_text(PLAN_WITHOUT_TASKS, encoding="utf-8")
        sites[profile] = checked_build(content, where / "site", profile=profile, epoch=BUILD_DATE_EPOCH)
    return sites


def test_plan_without_tasks_tells_the_public_whom_to_ask_and_staff_what_to_fill_in(plan_sites):
    public = article(html(plan_sites["public"], "plane/durres/2018"))
    assert "<code>" not in public
    assert "objectives" not in public and "task_updates" not in public and "plane/durres/2018.md" not in public
    assert "Për to mund të pyesni Prefekturën e Qarkut Durrës, në Durrës." in plain(public)
    members = article(html(plan_sites["members"], "plane/durres/2018"))
    assert "<code>objectives</code>" in members and "<code>task_updates</code>" in members
    assert "plane/durres/2018.md</code>" in members


def test_closed_plan_says_so_once_and_marks_no_task_overdue(plan_sites):
    page = article(html(plan_sites["public"], "plane/kukes/2017"))
    text = plain(page)
    assert "Plani është mbyllur. Periudha e tij mbaroi më 31.12.2017." in text
    assert "2 nga 3 detyrat nuk u realizuan në kohë." in text
    assert "Afati ka kaluar" not in text and "afati ka kaluar" not in text
    assert "krat-task--overdue" not in page
    # Each unfinished task keeps the status last reported for it.
    assert '<span class="krat-badge krat-status--not-started">Pa filluar</span>' in page
    assert '<span class="krat-badge krat-status--in-progress">Në zbatim</span>' in page


def test_open_plan_still_marks_each_overdue_task(plan_sites):
    page = article(html(plan_sites["public"], "plane/kukes/2018"))
    assert "Plani është mbyllur" not in page
    assert 'class="krat-task krat-task--overdue"' in page and "Afati ka kaluar" in page


def test_a_plan_closes_when_the_last_year_of_its_period_has_ended(fixture_content):
    """Kukës 2018 is open through 31 December 2018 and closed from the next day, on its page and its prefecture's."""
    for today, closed_on in (
        (datetime.date(2018, 12, 31), None),
        (datetime.date(2019, 1, 1), datetime.date(2018, 12, 31)),
    ):
        catalog = build_catalog(fixture_content, today=today)
        assert page_context(catalog, "plane/kukes/2018/").closed_on == closed_on
        assert page_context(catalog, "qarqet/kukes/").current_plan_closed_on == closed_on


def test_empty_prefecture_page_says_whom_to_ask_and_where_help_is(fixture_site):
    page = article(html(fixture_site, "qarqet/vlore"))
    text = plain(page)
    assert "Për Qarkun Vlorë ende nuk është publikuar asnjë procesverbal" in text
    assert "pyesni Prefekturën e Qarkut Vlorë, në Vlorë" in text
    assert 'href="../../ndergjegjesim/#ndihme">ku të kërkoni ndihmë</a>' in page
    assert 'href="../../ndergjegjesim/">materialet e ndërgjegjësimit</a>' in page


def test_the_plans_matrix_scrolls_in_a_region_the_keyboard_reaches(fixture_site):
    page = article(html(fixture_site, "plane"))
    assert '<div class="krat-scroll" tabindex="0" role="region" aria-label="Planet sipas qarkut dhe vitit">' in page


# --- in Chromium, at a phone's size ----------------------------------------------------------------------------

PHONE = {"width": 360, "height": 800}
PAGES = [
    "",  # home
    "qarqet/",
    "qarqet/kukes/",
    "qarqet/vlore/",  # a prefecture with nothing published
    "plane/kukes/2018/",  # a plan with tasks
    "plane/",
    "arkiva/",
    "te-dhena/",
    "ndergjegjesim/",
    "ndergjegjesim/shenjat/",  # an article
    "takime/kukes/2018/2018-07-05-gjashtemujori/",  # a record
    "kerko/?q=kukes",
    "404.html",
]


@pytest.fixture(scope="module")
def phone(fixture_site):
    """A Chromium page 360 x 800 px wide and the fixture site's base URL."""
    with served(fixture_site) as base, chromium_page() as page:
        page.set_viewport_size(PHONE)
        yield page, base


@needs_chromium()
@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(phone, path):
    page, base = phone
    page.goto(base + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path or "home"


@needs_chromium()
def test_a_task_cards_status_and_number_are_on_screen_and_tappable(phone):
    page, base = phone
    page.goto(base + "plane/kukes/2018/")
    for card in page.locator("tbody.krat-task").all():
        card.scroll_into_view_if_needed()
        badge = card.locator("tr:first-child .krat-badge").bounding_box()
        assert badge["x"] >= 0 and badge["x"] + badge["width"] <= PHONE["width"]
        number = card.locator(".krat-anchor").bounding_box()
        assert number["width"] >= 44 and number["height"] >= 44


@needs_chromium()
def test_prefecture_names_stay_whole_on_a_phone(phone):
    """No name wraps mid-word ("Durrë/s"): each prefecture's link is one line of text."""
    page, base = phone
    for path in ("qarqet/", "plane/"):
        page.goto(base + path)
        lines = page.evaluate(
            """() => [...document.querySelectorAll('th[scope="row"] a:not(.krat-figure *)')].map(a => {
                 const range = document.createRange(); range.selectNodeContents(a);
                 return [a.textContent, new Set([...range.getClientRects()].map(r => Math.round(r.top))).size];
               })"""
        )
        assert len(lines) == 12 and all(count == 1 for _, count in lines), (path, lines)


@needs_chromium()
def test_archive_filters_are_big_enough_to_tap(phone):
    page, base = phone
    page.goto(base + "arkiva/")
    controls = page.locator("#krat-archive-filters select, #krat-archive-filters button").all()
    assert controls
    for control in controls:
        assert control.bounding_box()["height"] >= 44
