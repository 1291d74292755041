"""The pictures (krat.site.charts): every number drawn equals what the catalog, the archive and the open data
count for the fixture site; every SVG is well-formed XML with a title and a description; internal records never
change a public figure; with little data the pages say so instead of drawing empty rows."""

import csv
import datetime
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from browser import chromium_page, needs_chromium, served
from conftest import ROOT
from helpers import article, html, plain
from krat.content.catalog import build_catalog
from krat.site.charts import level, meetings_heat, prefecture_map, recent_meetings, status_totals
from sitebuild import checked_build

from benchmarks.corpus import generate

SVG = re.compile(r"<svg\b.*?</svg>", re.S)
SVG_NS = "{http://www.w3.org/2000/svg}"


def figures(page: str) -> list[ET.Element]:
    """The site's own pictures on a page (not Material's icons), parsed as XML."""
    return [ET.fromstring(svg) for svg in SVG.findall(page) if 'class="krat-' in svg.split(">", 1)[0]]


def heat_cells(page: str) -> Counter:
    """(prefecture, year) → meetings, as the grid on /qarqet/ draws them."""
    counts = Counter()
    for row in re.finditer(
        r'<g class="krat-heat__row" data-prefecture="(\w+)" data-total="(\d+)">(.*?)</g>', page, re.S
    ):
        for year, count in re.findall(r'data-year="(\d+)" data-count="(\d+)"', row[3]):
            if int(count):
                counts[row[1], int(year)] = int(count)
    return counts


def test_every_svg_on_every_page_is_well_formed_and_titled(fixture_site):
    drawn = 0
    for path in fixture_site.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        for svg in SVG.findall(page):
            root = ET.fromstring(svg)  # raises on anything that is not well-formed XML
            if root.get("class", "").startswith("krat-") and root.get("aria-labelledby"):
                drawn += 1
                assert root.find(f"{SVG_NS}title").text and root.find(f"{SVG_NS}desc").text, path
    assert drawn >= 5


def test_meetings_grid_counts_what_the_catalog_the_archive_and_the_open_data_count(fixture_site, fixture_catalog):
    drawn = heat_cells(html(fixture_site, "qarqet"))
    catalog = Counter((record.prefecture.slug, record.date.year) for record in fixture_catalog.records)
    archive = Counter(
        (prefecture, int(year))
        for prefecture, year in re.findall(
            r'class="krat-archive__item" data-qarku="(\w+)" data-viti="(\d+)"', html(fixture_site, "arkiva")
        )
    )
    with (fixture_site / "te-dhena/procesverbalet.csv").open(encoding="utf-8-sig") as data:
        opendata = Counter((row["prefecture"], int(row["date"][:4])) for row in csv.DictReader(data))
    assert drawn == catalog == archive == opendata
    assert sum(drawn.values()) == 6


def test_internal_records_change_no_public_figure(fixture_site, fixture_members_site):
    public, members = heat_cells(html(fixture_site, "qarqet")), heat_cells(html(fixture_members_site, "qarqet"))
    assert sum(public.values()) == 6 and sum(members.values()) == 9
    assert public[("kukes", 2018)] == 3 and members[("kukes", 2018)] == 4
    months = html(fixture_members_site, "ndergjegjesim")
    assert re.search(r'krat-chart__row--marked" data-value="2">\s*<text[^>]*>Tetor</text>', months)  # two campaigns
    assert 'id="sipas-muajit"' not in html(fixture_site, "ndergjegjesim")  # one public activity: no chart


def test_map_regions_link_to_their_pages_and_carry_the_catalogs_numbers(fixture_site, fixture_catalog):
    page = html(fixture_site, "qarqet")
    (svg,) = [figure for figure in figures(page) if "krat-map__svg" in figure.get("class")]
    links = svg.findall(f"{SVG_NS}a")
    assert len(links) == 12
    kukes = next(link for link in links if link.get("href") == "kukes/")
    assert kukes.get("aria-label").startswith("Kukës: mbledhjet në 12 muajt e fundit: 4 mbledhje; ")
    assert "procesverbalet e publikuara: 4 procesverbale" in kukes.get("aria-label")
    region = kukes.find(f"{SVG_NS}path")
    figure = prefecture_map(fixture_catalog)
    assert figure.measures[1].values["kukes"] == 4 and "m1-4" in region.get("class")
    table = plain(page[page.index("Shifrat e hartës") :])
    assert "Kukës 4 4 25%" in table and "Vlorë 0 0 pa plan me detyra" in table


def test_the_prefecture_page_outlines_its_own_region(fixture_site):
    page = html(fixture_site, "qarqet/kukes")
    assert re.search(
        r'<a href="\./" aria-label="Kukës:[^"]*" aria-current="page">\s*<path class="[^"]*krat-map__region--current',
        page,
    )
    assert page.count("krat-map__region--current") == 1


def test_plan_bars_count_each_status_of_each_plan(fixture_site, fixture_catalog):
    page = html(fixture_site, "plane")
    (plan,) = fixture_catalog.plans
    drawn = Counter()
    for status, count in re.findall(r'data-status="([\w-]+)" data-count="(\d+)"><title>', page):
        drawn[status] += int(count)
    assert drawn == Counter(task.status for task in plan.tasks)
    totals = status_totals(fixture_catalog)
    summary = page[page.index('id="statusi-i-detyrave"') :]
    for part in totals.parts:
        assert f"{part.label}: <strong>{part.count}</strong>" in summary
    assert sum(part.count for part in totals.parts) == len(plan.tasks)


def test_with_little_data_the_pages_name_who_has_published_nothing(fixture_site):
    text = plain(article(html(fixture_site, "qarqet")))
    assert "6 procesverbale nga 3 qarqe." in text
    assert "Nuk kanë publikuar ende asnjë procesverbal: Berat, Dibër, Elbasan, Fier," in text
    assert "3 nga 12 qarqet kanë publikuar procesverbale" in text
    rows = re.findall(r'<g class="krat-heat__row" data-prefecture="(\w+)"', html(fixture_site, "qarqet"))
    assert rows == ["durres", "korce", "kukes"]  # no empty rows for the nine silent prefectures


REAL_SITE = ROOT / "site"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.mark.skipif(not (REAL_SITE / "qarqet/index.html").exists(), reason="needs the site built by make site")
def test_the_real_site_says_two_prefectures_have_published_and_draws_the_map_small():
    page = (REAL_SITE / "qarqet/index.html").read_text(encoding="utf-8")
    assert "2 nga 12 qarqet kanë publikuar procesverbale" in plain(page)
    (svg,) = [svg for svg in SVG.findall(page) if "krat-map__svg" in svg]
    assert len(svg.encode()) < 40_000


def test_recent_meetings_count_the_twelve_months_before_the_build_date(fixture_catalog):
    kukes = fixture_catalog.by_prefecture["kukes"]  # 2017-11-20, 2018-02-16, 2018-05-10, 2018-07-05
    assert recent_meetings(kukes, datetime.date(2018, 8, 1)) == 4
    assert recent_meetings(kukes, datetime.date(2018, 11, 20)) == 3  # 2017-11-20 is a year old that day
    assert recent_meetings(kukes, datetime.date(2020, 1, 1)) == 0


def test_levels_divide_the_range_into_four_shades():
    assert [level(value, 8) for value in (None, 0, 1, 2, 3, 6, 8)] == ["none", "0", "1", "1", "2", "3", "4"]
    assert level(5, 0) == "0"


def test_the_grid_runs_from_the_build_year_back_to_the_first_record(fixture_content):
    grid = meetings_heat(build_catalog(fixture_content, today=datetime.date(2024, 1, 1)))
    assert grid.years == list(range(2024, 2016, -1))
    assert grid.total == 6 and grid.top == 3


def test_a_chart_module_never_reads_unpublished_items(fixture_content):
    public = build_catalog(fixture_content, today=datetime.date(2018, 8, 1))
    members = build_catalog(fixture_content, profile="members", today=datetime.date(2018, 8, 1))
    assert prefecture_map(public).measures[1].values["kukes"] == 4
    assert prefecture_map(members).measures[1].values["kukes"] == 6


def test_the_map_data_is_shipped_with_the_package():
    assert (Path(__file__).parent.parent / "hooks/krat/site/qarqet.geojson").stat().st_size > 10_000


@needs_chromium((REAL_SITE / "index.html").exists(), reason="needs chromium and the site built by make site")
def test_home_page_screenshots_with_the_real_content_and_a_2000_record_corpus(tmp_path_factory):
    """The home page with its map, drawn from the real content (two records) and from 2,000 synthetic records,
    at a desktop's and a phone's width, saved to test-artifacts/ for a person to look at; the map is on screen
    and every region of it is drawn in both."""
    work = tmp_path_factory.mktemp("corpus-2000")
    generate(work, 2000, content_source=ROOT / "content" / "_data")
    corpus_site = checked_build(work / "content", work / "site")
    ARTIFACTS.mkdir(exist_ok=True)
    for name, site in (("reale", REAL_SITE), ("2000", corpus_site)):
        with served(site) as base, chromium_page() as page:
            for width in (1366, 390):
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(base)
                page.locator(".krat-map").scroll_into_view_if_needed()
                page.screenshot(path=ARTIFACTS / f"kreu-{name}-{width}.png", full_page=True)
                assert page.locator(".krat-map__region").count() == 12
                assert page.evaluate("document.documentElement.scrollWidth") <= width
