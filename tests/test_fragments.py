"""Material's frame parts shared by the pages outside the navigation (krat.engine.fragments), and search elements
reused from the search child (krat.site.search), change no page."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT
from krat.engine.fragments import FragmentCache
from mkdocs.structure.files import InclusionLevel
from sitebuild import checked_build

from benchmarks.corpus import generate

NAV = SimpleNamespace(pages=[SimpleNamespace(url=url) for url in ("", "qarqet/", "plane/", "ndergjegjesim/")])
SITE_NAV = [  # the navigation the benchmark builds its corpus with: the four pages of NAV
    {"Kreu": "index.md"},
    {"Qarqet": "qarqet/index.md"},
    {"Planet e veprimit": "plane/index.md"},
    {"Ndërgjegjësimi": "ndergjegjesim/index.md"},
]


def page(url: str, inclusion=InclusionLevel.NOT_IN_NAV, **meta) -> SimpleNamespace:
    return SimpleNamespace(url=url, meta=meta, file=SimpleNamespace(inclusion=inclusion))


def test_pages_outside_the_navigation_that_link_to_it_alike_share_a_part():
    cache = FragmentCache(NAV)
    record = cache.key("nav", page("takime/kukes/2018/2018-02-16-analiza/"))
    assert record == cache.key("nav", page("takime/korce/2019/2019-10-18-fushata/"))
    # a plan sits under plane/, so its link to the plans' list is written differently
    assert record != cache.key("nav", page("plane/kukes/2018/"))
    assert cache.key("nav", page("takime/kukes/2018/x/")) != cache.key("tabs", page("takime/kukes/2018/x/"))  # fmt: skip
    # a prefecture's timeline is as deep as an article, but under qarqet/, which the navigation links to
    assert cache.key("nav", page("qarqet/kukes/")) != cache.key("nav", page("ndergjegjesim/shenjat/"))
    # and the same holds for top-level pages outside the navigation, such as the search page
    assert cache.key("nav", page("kerko/a/")) != cache.key("nav", page("arkiva/a/"))
    assert cache.key("nav", page("qarqet/", InclusionLevel.INCLUDED)) is None  # may hold the active item
    assert cache.key("nav", page("takime/kukes/2018/x/", hide=["navigation"])) is None


def test_a_shape_remembered_for_a_folder_is_the_shape_of_every_page_in_it():
    deeper = SimpleNamespace(pages=[*NAV.pages, SimpleNamespace(url="qarqet/kukes/")])
    urls = ["takime/kukes/2018/a/", "takime/kukes/2018/b/", "takime/kukes/2018/c.html", "takime/kukes/2018/d.html",
            "takime/korce/2018/a/", "kerko/", "arkiva/", "404.html", "qarqet/", "qarqet/kukes/x/", "qarqet/korce/",
            "qarqet/kukes/", "plane/kukes/2018/", "plane/kukes/"]  # fmt: skip
    cache = FragmentCache(deeper)
    assert [cache.shape(url) for url in urls] == [FragmentCache(deeper)._shape(url) for url in urls]
    assert len({cache.shape(url) for url in urls}) == 11  # the three records alike, and c.html with d.html


def test_reuse_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("KRAT_FRAGMENTS", "0")
    assert not FragmentCache(NAV).enabled


@pytest.mark.parametrize("switch", ["KRAT_FRAGMENTS", "KRAT_INDEXED_REUSE"])
def test_shared_frame_parts_and_reused_search_elements_leave_every_page_as_rendered_alone(tmp_path, switch):
    """Both shortcuts (frame parts rendered once, krat.engine.fragments; indexed elements taken from the search child,
    krat.site.search) are turned off in one build and left on in the other."""
    generate(tmp_path / "project", 50, content_source=ROOT / "content" / "_data")

    def build(folder: str, reuse: str) -> Path:
        return checked_build(tmp_path / "project" / "content", tmp_path / folder, nav=SITE_NAV, env={switch: reuse})

    def pages(site: Path) -> list[Path]:
        return sorted(path.relative_to(site) for path in site.rglob("*.html") if "pagefind" not in path.parts)

    alone, shared = build("alone", "0"), build("shared", "1")
    assert len(pages(alone)) > 100 and pages(alone) == pages(shared)
    for path in pages(alone):
        assert (shared / path).read_bytes() == (alone / path).read_bytes(), path
