"""krat.engine.preview: which outputs a `make serve` rebuild deletes so that MkDocs' dirty build re-renders them.

A fake output folder holds one file per page; after each change we check which files are gone. The real server
is exercised end to end by tests/test_bench.py (`make bench-serve` on a small corpus).
"""

import os

import pytest
from conftest import FIXTURES, ROOT
from krat.content.catalog import build_catalog
from krat.content.dates import build_date
from krat.engine.preview import STATE_FILE, invalidate
from sitebuild import make_site_source

KUKES = "takime/kukes"
NOVEMBER = f"{KUKES}/2017/2017-11-20-takim.md"  # oldest public Kukës record; its newer neighbour is the analysis
ANALYSIS = f"{KUKES}/2018/2018-02-16-analiza.md"  # approves plan kukes/2018
MAY = f"{KUKES}/2018/2018-05-10-skript.md"
JULY = f"{KUKES}/2018/2018-07-05-gjashtemujori.md"
INTERNAL = f"{KUKES}/2018/2018-09-01-brenda.md"  # internal: no page, but it updates a task of kukes/2018
PLAN = "plane/kukes/2018.md"
AGGREGATES = ["index.md", "qarqet/index.md", "qarqet/kukes.md", "plane/index.md", "ndergjegjesim/index.md"]


def output(src_uri: str) -> str:
    return "index.html" if src_uri == "index.md" else src_uri.removesuffix(".md") + "/index.html"


@pytest.fixture
def preview(tmp_path, monkeypatch):
    """The fixture site's content, an output folder with every page, and a function that runs one rebuild's
    invalidation and returns the src_uris whose output it deleted."""
    monkeypatch.chdir(tmp_path)
    content = make_site_source(tmp_path, FIXTURES / "site")
    site = tmp_path / "site"

    written = {}

    def rebuild() -> set[str] | None:
        catalog = build_catalog(
            content, today=build_date(os.environ.get("SOURCE_DATE_EPOCH"))
        )  # as the engine reads it
        pages = {src_uri: output(src_uri) for src_uri in [*catalog.items_by_src_uri, *AGGREGATES]}
        written.update(pages)
        for dest in pages.values():  # what MkDocs wrote in the previous build
            (site / dest).parent.mkdir(parents=True, exist_ok=True)
            (site / dest).touch()
        if invalidate(site, catalog, pages, [content / "_data"]) is None:
            return None
        return {src_uri for src_uri, dest in written.items() if not (site / dest).exists()}

    rebuild.content = content
    rebuild.site = site
    rebuild()
    return rebuild


def edit(path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_first_build_clears_the_output_and_keeps_its_state(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    (site / "old" / "index.html").touch()
    (site / ".hidden").touch()
    catalog = build_catalog(ROOT / "content")
    assert invalidate(site, catalog, {}, []) is None
    assert sorted(path.name for path in site.iterdir()) == [".hidden", STATE_FILE]


def test_without_changes_only_the_aggregate_pages_are_rendered_again(preview):
    assert preview() == set(AGGREGATES)


def test_an_edited_title_renders_the_record_and_its_neighbours_again(preview):
    edit(preview.content / NOVEMBER, "Takim i nëntorit", "Takim i nëntorit (ndryshuar)")
    assert preview() == {NOVEMBER, ANALYSIS, *AGGREGATES}  # the internal December record is no neighbour


def test_an_edited_approval_renders_the_plan_and_the_approving_meeting_again(preview):
    edit(preview.content / ANALYSIS, "title: ", "title: Ndryshuar ")
    assert preview() == {ANALYSIS, NOVEMBER, MAY, PLAN, *AGGREGATES}


def test_an_internal_task_update_renders_the_plan_again(preview):
    edit(preview.content / INTERNAL, "status: in-progress", "status: done")
    assert preview() == {PLAN, *AGGREGATES}


def test_an_edited_plan_renders_the_meetings_that_link_it_again(preview):
    edit(preview.content / PLAN, "Fushata e tetorit", "Fushata e tetorit 2018")
    assert preview() == {PLAN, ANALYSIS, MAY, JULY, *AGGREGATES}


def test_a_record_made_internal_loses_its_page_and_its_neighbours_are_rendered_again(preview):
    edit(preview.content / MAY, "visibility: public", "visibility: internal")
    assert preview() == {MAY, ANALYSIS, JULY, PLAN, *AGGREGATES}
    assert not (preview.site / output(MAY)).exists()


def test_changed_reference_data_or_build_date_renders_everything_again(preview, monkeypatch):
    contacts = preview.content / "_data" / "contacts.yml"
    os.utime(contacts, ns=(contacts.stat().st_atime_ns, contacts.stat().st_mtime_ns + 10**9))
    assert preview() is None
    assert preview() == set(AGGREGATES)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1533081600")
    assert preview() is None
