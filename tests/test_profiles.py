"""Two audiences from one source: nothing internal in any byte of the public build; all of it, marked, in the
members' build. The fixture site plants the marker SEKRET-7Q in an internal record, an internal meeting's plan
update and an internal article."""

import gzip

import pytest
from conftest import FIXTURES
from helpers import html
from sitebuild import make_site_source, refused

MARKER = b"SEKRET-7Q"


def every_byte(site) -> dict[str, bytes]:
    """Each output file's content, gzip-compressed files (sitemap.xml.gz, Pagefind's index) decompressed."""
    contents = {}
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            contents[str(path.relative_to(site))] = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    return contents


@pytest.fixture
def sites(fixture_site, fixture_members_site):
    """The two builds of the fixture site, by profile (shared by the session: read only)."""
    return {"public": fixture_site, "members": fixture_members_site}


def test_marker_is_in_no_byte_of_the_public_build(sites):
    leaks = [name for name, data in every_byte(sites["public"]).items() if MARKER in data]
    assert leaks == []
    assert "sitemap.xml.gz" in every_byte(sites["public"])  # the compressed sitemap was looked into too


def test_members_search_index_finds_internal_records(sites):
    fragments = [data for name, data in every_byte(sites["members"]).items() if name.endswith(".pf_fragment")]
    assert any(MARKER in data for data in fragments)  # so the public check above would see it too


def test_members_build_has_internal_material_marked(sites):
    files = every_byte(sites["members"])
    record = files["takime/kukes/2017/2017-12-01-brenda/index.html"].decode()
    assert "SEKRET-7Q" in record and "I brendshëm — vetëm për anëtarët e komitetit" in record
    assert MARKER in files["ndergjegjesim/brenda/index.html"]
    plan = files["plane/kukes/2018/index.html"].decode()
    assert "Shënim SEKRET-7Q për rastin." in plan and "2018-09-01-brenda/" in plan
    timeline = files["qarqet/kukes/index.html"].decode()
    assert timeline.count('krat-tag--internal">I brendshëm') == 2
    assert "6 procesverbale të publikuara" in timeline


def test_unknown_profile_stops_the_build(tmp_path):
    result = refused(make_site_source(tmp_path, FIXTURES / "site"), profile="anetaret")
    assert "KRAT_PROFILE:1: profili: 'anetaret' nuk njihet; lejohen: public, members" in result.stderr


def test_attachments_follow_the_visibility_of_their_record(sites):
    internal, public = "takime/kukes/2017/shtojca-brenda.pdf", "takime/kukes/2018/plani-2018.pdf"
    assert not (sites["public"] / internal).exists()
    assert (sites["members"] / internal).exists()
    assert (sites["public"] / public).read_bytes().startswith(b"%PDF")
    page = html(sites["public"], "takime/kukes/2018/2018-02-16-analiza")
    assert '<a href="../plani-2018.pdf">Plani i Veprimit 2018 (PDF)</a>' in page
    assert '<a href="https://example.org/njoftim">Njoftimi në faqen e prefekturës</a>' in page


def test_only_files_the_catalog_published_reach_the_output(sites):
    """Every file of the public output is a page, a declared attachment, a theme asset or a generated file:
    nothing is copied from the content tree that the catalog did not publish (e.g. the reference data)."""
    names = {str(path.relative_to(sites["public"])) for path in sites["public"].rglob("*") if path.is_file()}
    content_like = [name for name in names if name.startswith("_data") or name.endswith((".md", ".yml"))]
    assert content_like == ["admin/config.yml"]  # the web editor's generated configuration, from editor/
    assert [name for name in names if name.endswith(".pdf")] == ["takime/kukes/2018/plani-2018.pdf"]
