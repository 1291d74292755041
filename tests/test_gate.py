"""The output gate (krat.gate): whatever the input checks miss, nothing internal, personal or secret leaves the
build. Each case plants one leak, in one of the forms a reader would see, into a copy of the built fixture site
(the gate reads the output, so the way the leak got there does not matter), and the gate must name it; the untouched
site passes. The end-to-end case makes a template leak an ID number, which no input check can see."""

import gzip
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from krat import gate
from sitebuild import build, make_site_source

SITE_URL = "https://krat.example.org/"
INTERNAL = "takime/kukes/2018/2018-09-01-brenda"  # an internal record of the fixture site
RECORD_PAGE = "takime/kukes/2018/2018-02-16-analiza/index.html"


def code_of(site: Path) -> set[str]:
    """The theme's and the editor's code in a built site, as the engine lists it for the gate (names read, bytes
    not): Material's scripts and styles, the editor's files but its generated page."""
    code = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    prefixes = ("assets/javascripts/", "assets/stylesheets/", "admin/")
    return {path for path in code if path.startswith(prefixes) and path != "admin/index.html"}


@pytest.fixture(scope="module")
def rules(fixture_catalog, fixture_site) -> gate.Rules:
    return gate.Rules(fixture_catalog.withheld, fixture_catalog.guard, own=(SITE_URL,), static=code_of(fixture_site))


@pytest.fixture
def site(fixture_site, tmp_path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(fixture_site, copy)
    return copy


def add_to_page(site: Path, page: str, html: str) -> None:
    path = site / page
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("</article>", f"{html}</article>", 1), encoding="utf-8")


def test_the_built_fixture_site_passes(fixture_site, rules):
    assert gate.inspect(fixture_site, rules) == []


def test_the_withheld_addresses_are_the_internal_and_draft_items_and_their_files(fixture_catalog):
    assert INTERNAL in fixture_catalog.withheld
    assert "ndergjegjesim/draft" in fixture_catalog.withheld and "ndergjegjesim/brenda" in fixture_catalog.withheld
    assert not any(address.startswith("takime/kukes/2018/2018-02-16") for address in fixture_catalog.withheld)


LEAKS = {
    # page text, in the forms a word processor or a hostile file writes it
    "phone with no-break spaces and a non-breaking hyphen": (RECORD_PAGE, "<p>069&#160;123&#8209;4567</p>", "telefon"),
    "phone with zero-width spaces between digits": (RECORD_PAGE, "<p>0\u200b69 123 4567</p>", "telefon"),
    "phone as character references": (RECORD_PAGE, "<p>&#48;&#54;&#57; 123 4567</p>", "telefon"),
    "phone with a spaced 00 355": (RECORD_PAGE, "<p>00 355 69 123 4567</p>", "telefon"),
    "ID with Cyrillic letters": (RECORD_PAGE, "<p>\u040855101234\u0410</p>", "ID"),
    "ID in an attribute": (RECORD_PAGE, '<abbr title="J55101234A">x</abbr>', "ID"),
    "e-mail written with &commat;": (RECORD_PAGE, "<p>emri&commat;gmail.com</p>", "e-mail"),
    "a GitHub token": (RECORD_PAGE, "<p>ghp_" + "a1B2" * 9 + "</p>", "token GitHub"),
    "a private key": (RECORD_PAGE, "<pre>-----BEGIN RSA PRIVATE KEY-----</pre>", "çelës privat"),
    # an internal record's address, however it is written
    "an internal address by the site's own host": (RECORD_PAGE, f'<a href="{SITE_URL}{INTERNAL}/">x</a>', INTERNAL),
    "an internal address, protocol-relative": (
        RECORD_PAGE,
        f'<a href="//krat.example.org/{INTERNAL}/">x</a>',
        INTERNAL,
    ),
    "an internal address as a relative link": (RECORD_PAGE, '<a href="../2018-09-01-brenda/">x</a>', "lidhje te"),
    "an internal address in text, percent-encoded": (
        RECORD_PAGE,
        "<p>takime/kukes/2018/2018%2D09-01-brenda</p>",
        INTERNAL,
    ),
}


@pytest.mark.parametrize("case", LEAKS)
def test_a_leak_in_a_page_is_found(site, rules, case):
    page, html, expected = LEAKS[case]
    add_to_page(site, page, html)
    findings = gate.inspect(site, rules)
    assert findings, case
    assert all(finding.published.startswith("takime/kukes/2018/2018-02-16-analiza/") for finding in findings)
    assert any(expected in finding.found or expected in finding.reason for finding in findings), findings


def test_a_leak_in_the_search_index_is_found_decompressed(site, rules):
    fragment = next((site / "pagefind" / "fragment").iterdir())
    data = gzip.decompress(fragment.read_bytes())
    fragment.write_bytes(gzip.compress(data.replace(b'"content":"', b'"content":"J 5510 1234 A ', 1)))
    (finding,) = gate.inspect(site, rules)
    assert finding.published.startswith("pagefind/fragment/") and "ID" in finding.reason


def test_leaks_in_data_files_feeds_calendars_and_the_sitemap_are_found(site, rules):
    with (site / "te-dhena/procesverbalet.csv").open("a", encoding="utf-8") as csv:
        csv.write("x,emri@gmail.com\n")
    calendar = next((site / "te-dhena/kalendar").glob("*.ics"))
    calendar.write_text(calendar.read_text(encoding="utf-8") + f"URL:{SITE_URL}{INTERNAL}/\r\n", encoding="utf-8")
    sitemap = site / "sitemap.xml.gz"
    sitemap.write_bytes(gzip.compress(gzip.decompress(sitemap.read_bytes()) + b"<loc>069 123 4567</loc>"))
    published = {finding.published for finding in gate.inspect(site, rules)}
    assert published == {"te-dhena/procesverbalet.csv", calendar.relative_to(site).as_posix(), "sitemap.xml.gz"}


def test_a_file_name_is_read_too(site, rules):
    (site / "te-dhena" / "J55101234A.csv").write_text("a\n", encoding="utf-8")
    (site / INTERNAL).mkdir(parents=True)
    (site / INTERNAL / "index.html").write_text("<p>x</p>", encoding="utf-8")
    found = {(finding.published, finding.reason.split(" ")[0]) for finding in gate.inspect(site, rules)}
    assert ("te-dhena/J55101234A.csv", "duket") in found
    assert (f"{INTERNAL}/index.html", "adresë") in found


def test_the_published_help_numbers_pass_and_theme_code_is_not_read(site, rules):
    add_to_page(site, RECORD_PAGE, '<p><a href="tel:116111">116 111</a> 129 112</p>')
    (site / "assets" / "javascripts" / "x.js").write_text("// 069 123 4567", encoding="utf-8")
    assert gate.inspect(site, rules) == []


def test_the_members_gate_allows_internal_addresses_not_ids(fixture_members_site, tmp_path, fixture_content):
    from krat.content.catalog import build_catalog

    members = build_catalog(fixture_content, profile="members")
    rules = gate.Rules(
        members.withheld, members.guard, ("nid", "telefon", "emer"), static=code_of(fixture_members_site)
    )
    assert INTERNAL not in members.withheld and gate.inspect(fixture_members_site, rules) == []
    site = tmp_path / "site"
    shutil.copytree(fixture_members_site, site)
    add_to_page(site, f"{INTERNAL}/index.html", "<p>J55101234A</p>")
    assert [finding.published for finding in gate.inspect(site, rules)] == [f"{INTERNAL}/index.html"]


@pytest.mark.parametrize("worker", ["true", "false"])
def test_a_template_that_leaks_stops_the_build_naming_the_output(tmp_path, worker):
    """The build's own last wall: a leak no input check can see (here a template prints an ID number) stops
    `mkdocs build --strict` with the gate's line, whether the gate reads pages on the second core as they are
    rendered (krat.engine.overlap) or after the build (KRAT_GATE_WORKER=false)."""
    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    main = overrides / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace("{% block announce %}", "{% block announce %}J55101234A"))
    content = make_site_source(tmp_path, FIXTURES / "site")
    env = {"KRAT_SITE_URL": "", "KRAT_GATE_WORKER": worker}
    result = build(content, tmp_path / "out", env=env, theme_dir=overrides)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert "publikimi: 'J55101234A' duket si numër personal ID; del në faqen e ndërtuar (te " in result.stderr
    assert result.stderr.count("publikimi:") == 1  # one line per thing found, however many pages carry it
