"""WCAG 2.1 AA, checked in headless Chromium: axe-core (shipped by axe-playwright-python) on every page type of the
real site (`make site`) and a plan with tasks from the fixture site, at a desktop and a phone width, failing on any
violation of the wcag2a, wcag2aa, wcag21a and wcag21aa rules; and the keyboard: the skip link first on every page
and working, focus visible, the search box reachable, the closed phone menu out of the Tab order, the quick exit.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import chromium_page, needs_chromium, served
from conftest import ROOT

SITE = ROOT / "site"
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
WIDTHS = {"desktop": 1366, "phone": 390}

# One page of every type the public sees: the real site's, and the fixture site's plan with tasks.
REAL_PAGES = [
    "",  # home
    "qarqet/",
    "qarqet/kukes/",  # a prefecture with records
    "qarqet/berat/",  # and one without
    "takime/kukes/2018/2018-02-16-analiza-vjetore-2017/",  # the two seed records
    "takime/durres/2023/2023-analiza-6-mujore/",
    "plane/",
    "plane/kukes/2018/",
    "ndergjegjesim/",
    "ndergjegjesim/shenjat-paralajmeruese/",
    "arkiva/",
    "kerko/?q=kukes",
    "te-dhena/",
    "rreth/",
    "404.html",
]
FIXTURE_PAGES = [
    "plane/kukes/2018/",  # a plan with tasks
    "plane/",  # and the pages with charts and the map
    "qarqet/",
    "qarqet/kukes/",
    "",
    "temat/",  # topics and institutions, with and without anything published
    "temat/arsimi/",
    "temat/trajnimi/",
    "institucionet/",
    "institucionet/dvp/",
    "institucionet/shish/",
]

pytestmark = needs_chromium((SITE / "index.html").exists(), reason="needs chromium and the site built by make site")


@pytest.fixture(scope="module")
def real() -> Iterator[str]:
    with served(SITE) as url:
        yield url


@pytest.fixture(scope="module")
def fixture(fixture_site: Path) -> Iterator[str]:
    with served(fixture_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser_page():
    with chromium_page() as page:
        yield page


def open_page(page, url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if "/kerko/" in url:
        page.wait_for_selector(".pagefind-ui__result", timeout=10_000)


def violations(page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the open page, one line each: rule, impact, where."""
    result = Axe().run(page, options=WCAG_AA).response
    return [
        f"{item['id']} ({item['impact']}): " + "; ".join(" ".join(node["target"]) for node in item["nodes"][:5])
        for item in result["violations"]
    ]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", REAL_PAGES)
def test_real_page_has_no_wcag_aa_violation(browser_page, real, path, width):
    open_page(browser_page, real + path, width)
    assert violations(browser_page) == []
    assert browser_page.problems == []


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", FIXTURE_PAGES)
def test_fixture_page_has_no_wcag_aa_violation(browser_page, fixture, path, width):
    open_page(browser_page, fixture + path, width)
    assert violations(browser_page) == []


FOCUSED = """() => { const e = document.activeElement; const s = getComputedStyle(e);
  return {text: e.textContent.trim(), href: e.getAttribute('href') || '', id: e.id,
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0, shadow: s.boxShadow !== 'none',
          inMenu: !!e.closest('.md-sidebar--primary'), visible: e.getBoundingClientRect().width > 0}; }"""


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", REAL_PAGES)
def test_skip_link_comes_first_and_moves_focus_to_the_content(browser_page, real, path, width):
    open_page(browser_page, real + path, width)
    browser_page.keyboard.press("Tab")
    first = browser_page.evaluate(FOCUSED)
    assert (first["text"], first["href"]) == ("Kalo te përmbajtja", "#permbajtja")
    assert first["outline"] or first["shadow"], "the skip link must show that it has focus"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate(FOCUSED)["id"] == "permbajtja"


def tab_walk(page, steps: int) -> list[dict]:
    stops = []
    for _ in range(steps):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    return stops


def test_every_tab_stop_on_the_home_page_shows_its_focus(browser_page, real):
    open_page(browser_page, real, WIDTHS["desktop"])
    for stop in tab_walk(browser_page, 40):
        assert stop["outline"] or stop["shadow"], f"focus not visible on {stop}"


def test_tab_reaches_the_search_box_and_the_quick_exit_before_the_content(browser_page, real):
    open_page(browser_page, real + "rreth/", WIDTHS["desktop"])
    stops = tab_walk(browser_page, 12)
    labels = [stop["text"] or stop["id"] for stop in stops]
    assert "krat-header-q" in labels and "Dil shpejt" in labels
    assert labels.index("krat-header-q") < labels.index("Dil shpejt")


@pytest.mark.parametrize("path", ["", "qarqet/kukes/", "rreth/"])
def test_closed_phone_menu_takes_no_focus(browser_page, real, path):
    open_page(browser_page, real + path, WIDTHS["phone"])
    stops = tab_walk(browser_page, 60)
    assert [stop for stop in stops if stop["inMenu"]] == []
    assert all(stop["visible"] for stop in stops), "Tab stopped on an element that cannot be seen"


def test_quick_exit_replaces_the_page_in_the_history(browser_page, real):
    """The exit control and Shift pressed three times leave for the neutral site with location.replace: Back
    then returns to the page before, never to the page left. (The neutral site is not reached: no network.)"""
    for leave in ("click", "shift"):
        page = browser_page
        open_page(page, real, WIDTHS["phone"])
        open_page(page, real + "ndergjegjesim/", WIDTHS["phone"])
        page.route("https://www.google.com/**", lambda route: route.fulfill(body="neutral", content_type="text/plain"))
        if leave == "click":
            page.click("[data-krat-exit]")
        else:
            for _ in range(3):
                page.keyboard.press("Shift")
        page.wait_for_url("https://www.google.com/**")
        page.go_back()
        assert page.url == real, f"after {leave}, Back must skip the page that was left"
        page.unroute("https://www.google.com/**")
