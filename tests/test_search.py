"""Search (Pagefind) and the archive: what the build writes, then what a reader gets in headless Chromium.

The fixture site (6 public records, 3 internal) is built once here; the real site is the one `make site` built.
Screenshots of the search page and the archive go to test-artifacts/.
"""

import re
from pathlib import Path

import pytest
from browser import SEARCH_DONE, SEARCH_MESSAGE, chromium_page, needs_chromium, served
from conftest import ROOT
from helpers import search_index
from krat.site.search import FAILED, SearchIndexError, index_site

REAL_SITE = ROOT / "site"
ARTIFACTS = ROOT / "test-artifacts"
KUKES_2018 = "/takime/kukes/2018/2018-02-16-analiza-vjetore-2017/"
KORCE_2019 = "/takime/korce/2019/2019-10-18-fushata/"
PUBLIC_RECORDS = [
    "/takime/durres/2023/2023-analiza/",
    KORCE_2019,
    "/takime/kukes/2017/2017-11-20-takim/",
    "/takime/kukes/2018/2018-02-16-analiza/",
    "/takime/kukes/2018/2018-05-10-skript/",
    "/takime/kukes/2018/2018-07-05-gjashtemujori/",
]
# A result's own link, not the links to its sections ("sub-results") nested under it.
RESULT_LINKS = (
    "[...document.querySelectorAll('.pagefind-ui__result-link')].filter(a => !a.closest('.pagefind-ui__result-nested'))"
)
ARCHIVE_ITEM = re.compile(r'<li class="krat-archive__item"([^>]*)><time datetime="([^"]+)">.*?<a href="([^"]+)">')


@pytest.fixture(scope="module")
def site(fixture_site) -> Path:
    """The session's public build of the fixture site (tests/conftest.py). Read only."""
    return fixture_site


def test_index_holds_records_plans_articles_and_written_pages_not_lists(site):
    urls = set(search_index(site))
    assert set(PUBLIC_RECORDS) <= urls
    assert "/plane/kukes/2018/" in urls and "/ndergjegjesim/shenjat/" in urls
    assert not any("brenda" in url for url in urls)  # internal records and articles stay out of the public index
    assert not {"/", "/qarqet/", "/arkiva/", "/kerko/"} & urls  # lists would repeat every title


def test_prefecture_pages_are_indexed_by_their_top_only_with_a_heavy_title(site):
    pages = search_index(site)
    for slug, name in (("kukes", "Kukës"), ("vlore", "Vlorë")):
        page = pages[f"/qarqet/{slug}/"]
        assert page["meta"]["title"] == f"Qarku {name}" and page["meta"]["lloji"] == "Faqja e qarkut"
        assert page["filters"]["Qarku"] == [name] and page["filters"]["Lloji"] == ["Faqja e qarkut"]
        assert "Selia" in page["content"] and "Procesverbalet" not in page["content"]  # not its list of records
    html = (site / "qarqet/kukes/index.html").read_text(encoding="utf-8")
    assert '<h1 data-pagefind-weight="10">Qarku Kukës</h1>' in html


def test_record_is_indexed_with_its_metadata_and_filters_not_the_page_around_it(site):
    page = search_index(site)["/takime/kukes/2018/2018-02-16-analiza/"]
    assert page["meta"]["qarku"] == "Kukës" and page["meta"]["data"] == "16 shkurt 2018"
    assert page["filters"]["Qarku"] == ["Kukës"] and page["filters"]["Viti"] == ["2018"]
    assert set(page["filters"]) == {"Qarku", "Viti", "Komiteti", "Lloji", "Tema"}
    assert "Pasardhësi" not in page["content"] and "Ku të kërkoni ndihmë" not in page["content"]  # nav, footer
    assert "#" not in page["content"]  # the heading anchors


def test_lunr_is_gone_and_every_page_has_the_header_search_form(site):
    assert not (site / "search" / "search_index.json").exists()
    editor = site / "admin" / "index.html"  # the web editor's page is Decap's, not a page of the site
    for path in (path for path in site.rglob("*.html") if path != editor):
        html = path.read_text(encoding="utf-8")
        action = re.search(r'<form class="krat-header-search" role="search" action="([^"]*)" method="get">', html)
        assert action and (path.parent / action[1]).resolve() == (site / "kerko").resolve() or action[1] == "/kerko/", (
            path
        )


def test_header_is_materials_own_but_for_the_search_block_and_the_quick_exit():
    """The header partial is a copy of Material's; if Material changes its header, this fails so the copy is
    updated instead of silently diverging."""
    import material

    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text()
    ours = (ROOT / "overrides" / "partials" / "header.html").read_text()
    theirs = re.sub(
        r'    \{% if "material/search" in config\.plugins %\}.*?\n    \{% endif %\}\n', "", theirs, flags=re.S
    )
    ours = ours.replace('    {% include "partials/krat-search-form.html" %}\n', "")
    ours = ours.replace('    {% include "partials/krat-exit.html" %}\n', "")
    assert ours.split("-#}\n", 1)[1] == theirs.split("-#}\n", 1)[1]


def test_archive_lists_every_public_record_newest_first_with_its_facets(site):
    html = (site / "arkiva" / "index.html").read_text(encoding="utf-8")
    items = ARCHIVE_ITEM.findall(html)
    urls = ["/" + href.lstrip("./") for _, _, href in items]
    assert sorted(urls) == sorted(PUBLIC_RECORDS)
    dates = [date for _, date, _ in items]
    assert dates == sorted(dates, reverse=True)
    korce = next(attributes for attributes, _, href in items if href.endswith("2019-10-18-fushata/"))
    assert 'data-qarku="korce"' in korce and 'data-viti="2019"' in korce and 'data-komiteti="ttat"' in korce
    assert 'data-lloji="campaign"' in korce and 'data-tema="ndergjegjesimi"' in korce
    assert '<form class="krat-filters" id="krat-archive-filters" hidden>' in html  # shown by the script only
    assert '<option value="kukes" data-label="Kukës">Kukës (4)</option>' in html
    headings = re.findall(r'<h2 id="viti-(\d+)">\d+ <span class="krat-archive__year-count">\((\d+)\)</span></h2>', html)
    assert headings == [("2023", "1"), ("2019", "1"), ("2018", "3"), ("2017", "1")]


def test_pagefind_indexes_the_pages_with_a_search_body_and_skips_the_others(tmp_path):
    pages = {
        "a/index.html": '<html lang="sq"><div data-pagefind-body><h1>Takimi i parë</h1><p>Kukës</p></div></html>',
        "b/c/index.html": '<html lang="sq"><div data-pagefind-body><h1>Plani</h1><p>Korçë</p></div></html>',
        "d/index.html": '<html lang="sq"><p>Lista, pa trup për kërkimin</p></html>',
    }
    for path, html in pages.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(html, encoding="utf-8")
    index_site(tmp_path)
    indexed = search_index(tmp_path)
    assert set(indexed) == {"/a/", "/b/c/"} and indexed["/b/c/"]["meta"]["title"] == "Plani"


def test_a_failed_index_is_an_error_in_albanian(tmp_path):
    with pytest.raises(SearchIndexError, match=re.escape(FAILED)):
        index_site(tmp_path / "mungon")  # no site: Pagefind finds no page to index


# In the browser ---------------------------------------------------------------------------------------------


def search(page, base: str, query: str) -> list[str]:
    """Open /kerko/?q=query and return the result URLs (paths), every page of them, once Pagefind has answered."""
    page.goto(f"{base}kerko/?q={query}")
    return results(page)


def results(page) -> list[str]:
    """The URLs of the results shown, after loading all of them ("Shfaq më shumë" until it is gone)."""
    message = page.locator(".pagefind-ui__message")
    page.wait_for_function(SEARCH_DONE)
    count = int(re.match(r"\d+", message.inner_text())[0]) if message.inner_text()[0].isdigit() else 0
    while page.locator(".pagefind-ui__button").is_visible():
        page.click(".pagefind-ui__button")
    page.wait_for_function(f"() => {RESULT_LINKS}.length === {count}")
    return page.evaluate(f"{RESULT_LINKS}.map(a => a.pathname)")


@pytest.fixture(scope="module")
def fixture_url(site):
    with served(site) as url:
        yield url


@pytest.fixture(scope="module")
def real_url():
    with served(REAL_SITE) as url:
        yield url


@pytest.fixture
def page():
    with chromium_page() as page:
        yield page
        assert page.problems == []  # no console errors, script errors or failed requests


@needs_chromium((REAL_SITE / "pagefind").is_dir(), reason="needs chromium and the site built by make site")
def test_pergjithshem_finds_the_kukes_2018_record_as_perfgjithshem_does(page, real_url):
    plain = search(page, real_url, "pergjithshem")
    assert KUKES_2018 in plain
    assert sorted(search(page, real_url, "përgjithshëm")) == sorted(plain)  # ranked a little apart, same pages
    assert page.locator(".pagefind-ui__result-tag", has_text="Qarku: Kukës").count() >= 1
    assert page.locator(".pagefind-ui__result-tag", has_text="Data: 16 shkurt 2018").count() >= 1


@needs_chromium((REAL_SITE / "pagefind").is_dir(), reason="needs chromium and the site built by make site")
def test_short_albanian_words_are_searched(page, real_url):
    assert len(search(page, real_url, "me")) >= 2  # lunr dropped "me" as an English stop word


@needs_chromium()
def test_korce_finds_the_record_written_korce_with_diacritics_and_the_reverse(page, fixture_url):
    plain = search(page, fixture_url, "korce")
    assert KORCE_2019 in plain
    assert sorted(search(page, fixture_url, "Korçë")) == sorted(plain)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "kerko-korce.png", full_page=True)


@needs_chromium()
def test_a_prefecture_name_finds_its_page_first_with_each_detail_on_its_own_line(page, fixture_url):
    for query, url in (("korce", "/qarqet/korce/"), ("Kukës", "/qarqet/kukes/"), ("vlore", "/qarqet/vlore/")):
        assert search(page, fixture_url, query)[0] == url, query
    tags = page.locator(".pagefind-ui__result").first.locator(".pagefind-ui__result-tag")
    assert tags.count() == 2
    boxes = [tags.nth(i).bounding_box() for i in range(2)]
    assert boxes[1]["y"] >= boxes[0]["y"] + boxes[0]["height"]  # one under the other, not side by side


@needs_chromium()
def test_filter_groups_open_by_keyboard_and_show_a_chevron(page, fixture_url):
    search(page, fixture_url, "procesverbali")
    summary = page.locator("summary", has_text="Qarku")
    after = page.evaluate(
        "(el) => { const s = getComputedStyle(el, '::after'); return [s.maskImage || s.webkitMaskImage, s.borderLeftStyle]; }",
        summary.element_handle(),
    )
    assert after == ["none", "solid"]  # Pagefind's own chevron, not Material's icon mask over it
    summary.focus()
    page.keyboard.press("Enter")
    page.locator('input[name="Qarku"][value="Kukës"]').focus()
    page.keyboard.press("Space")
    assert page.is_checked('input[name="Qarku"][value="Kukës"]')


@needs_chromium()
def test_a_filter_narrows_the_results_and_is_kept_in_the_url(page, fixture_url):
    everything = search(page, fixture_url, "procesverbali")
    assert set(PUBLIC_RECORDS) <= set(everything)
    before = page.inner_text(".pagefind-ui__message")
    page.locator("summary", has_text="Qarku").click()
    page.locator('input[name="Qarku"][value="Kukës"]').check()
    page.wait_for_function(f"() => {SEARCH_MESSAGE} !== {before!r}")
    narrowed = results(page)
    assert narrowed and len(narrowed) < len(everything)
    assert all(url.startswith(("/takime/kukes/", "/plane/kukes/")) for url in narrowed)
    assert "qarku=Kuk%C3%ABs" in page.url and "q=procesverbali" in page.url
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "kerko-filtri.png", full_page=True)
    page.goto(page.url)  # a shared link restores the query and the filter
    page.wait_for_function(f"() => {SEARCH_MESSAGE}.startsWith('{len(narrowed)} ')")
    assert sorted(results(page)) == sorted(narrowed)
    assert page.is_checked('input[name="Qarku"][value="Kukës"]')


@needs_chromium()
def test_header_search_box_leads_to_the_results(page, fixture_url):
    page.goto(fixture_url)
    page.fill("#krat-header-q", "korce")
    page.press("#krat-header-q", "Enter")
    page.wait_for_url("**/kerko/?q=korce")
    page.wait_for_selector(f'.pagefind-ui__result-link[href$="{KORCE_2019}"]')


def visible_archive(page) -> list[str]:
    return page.locator(".krat-archive__item:not([hidden]) a").evaluate_all("links => links.map(a => a.pathname)")


def option_texts(page, facet: str) -> dict[str, tuple[str, bool]]:
    """The archive's options for `facet`: code → (text, disabled)."""
    options = page.locator(f'select[name="{facet}"] option').evaluate_all(
        "options => options.filter(o => o.value).map(o => [o.value, o.textContent, o.disabled])"
    )
    return {code: (text, disabled) for code, text, disabled in options}


@needs_chromium()
def test_archive_filters_narrow_the_list_and_live_in_the_url(page, fixture_url):
    page.goto(f"{fixture_url}arkiva/")
    assert len(visible_archive(page)) == 6
    page.select_option('select[name="qarku"]', "korce")
    assert visible_archive(page) == [KORCE_2019]
    assert page.inner_text("#krat-archive-count") == "1 nga 6 procesverbale"
    assert page.url.endswith("/arkiva/?qarku=korce")
    page.goto(f"{fixture_url}arkiva/?qarku=kukes&viti=2018")  # a shared link
    assert sorted(visible_archive(page)) == sorted(
        url for url in PUBLIC_RECORDS if url.startswith("/takime/kukes/2018")
    )
    assert page.input_value('select[name="viti"]') == "2018"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "arkiva-filtri.png", full_page=True)
    page.click("button[type=reset]")
    page.wait_for_function("() => document.querySelectorAll('.krat-archive__item:not([hidden])').length === 6")
    assert page.url.endswith("/arkiva/")


@needs_chromium()
def test_archive_counts_each_choice_under_the_other_filters_and_blocks_empty_ones(page, fixture_url):
    page.goto(f"{fixture_url}arkiva/")
    page.select_option('select[name="qarku"]', "kukes")
    years = option_texts(page, "viti")  # Kukës has 2017: 1, 2018: 3, nothing in 2019 or 2023
    assert years == {
        "2023": ("2023 (0)", True),
        "2019": ("2019 (0)", True),
        "2018": ("2018 (3)", False),
        "2017": ("2017 (1)", False),
    }
    assert option_texts(page, "qarku")["korce"] == ("Korçë (1)", False)  # its own facet ignores its own filter
    page.select_option('select[name="viti"]', "2018")
    assert option_texts(page, "qarku")["durres"] == ("Durrës (0)", True)
    assert option_texts(page, "qarku")["kukes"] == ("Kukës (3)", False)
    headings = page.locator(".krat-archive__year:not([hidden]) h2").all_inner_texts()
    assert headings == ["2018 (3)"]


@needs_chromium()
def test_archive_with_no_result_says_which_filter_to_drop(page, fixture_url):
    page.goto(f"{fixture_url}arkiva/?qarku=kukes&viti=2018&tema=ndergjegjesimi")  # nothing matches all three
    assert visible_archive(page) == [] and page.is_visible("#krat-archive-none")
    offers = page.locator("#krat-archive-drop button").all_inner_texts()
    assert offers[0] == "Hiq „Tema: Ndërgjegjësimi dhe fushatat“ (3 procesverbale)"
    assert len(offers) == 3
    page.click("#krat-archive-drop button >> nth=0")
    assert len(visible_archive(page)) == 3 and page.url.endswith("/arkiva/?qarku=kukes&viti=2018")


@needs_chromium()
def test_archive_without_javascript_is_the_whole_list(fixture_url):
    with chromium_page(javascript=False) as page:
        page.goto(f"{fixture_url}arkiva/?qarku=korce")
        assert len(visible_archive(page)) == 6
        assert not page.is_visible("#krat-archive-filters")
