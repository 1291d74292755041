"""Aggregation: ordering, timelines grouped by year, partial dates, neighbours and prefecture summaries."""

from conftest import write
from krat.content.catalog import build_catalog
from krat.content.dates import PartialDate, parse_partial_date
from krat.content.text import first_sentence


def record(date: str, title: str, prefecture: str = "kukes", time: str = "", summary: str = "") -> str:
    lines = [
        "---",
        f"title: {title}",
        f"date: {date}",
        f"prefecture: {prefecture}",
        "bodies: [KRAT]",
        "kind: meeting",
        "visibility: public",
    ]
    lines += [f'time: "{time}"'] if time else []
    lines += [f"summary: {summary}"] if summary else []
    return "\n".join(lines) + "\n---\n\nTeksti i parë. Teksti i dytë.\n"


def add(content, date: str, slug: str, **fields):
    prefecture = fields.get("prefecture", "kukes")
    write(content, f"takime/{prefecture}/{date[:4]}/{date}-{slug}.md", record(date, slug.title(), **fields))


def test_partial_dates_parse_sort_and_display():
    assert parse_partial_date("2018-02-16") == PartialDate(2018, 2, 16)
    assert parse_partial_date("2023") == PartialDate(2023)
    assert PartialDate(2023) < PartialDate(2023, 1, 1) < PartialDate(2023, 7) < PartialDate(2023, 7, 2)
    assert [PartialDate(2018, 2, 16).display, PartialDate(2023, 11).display, PartialDate(2023).display] == [
        "16 shkurt 2018",
        "nëntor 2023",
        "2023",
    ]
    assert not PartialDate(2023, 7).is_exact and PartialDate(2023, 7, 1).is_exact


def test_timeline_is_grouped_by_year_newest_first(content):
    add(content, "2017-05-02", "pranvera")
    add(content, "2018-02-16", "analiza", time="11:00")
    add(content, "2018-02-16", "pasdite", time="15:00")
    add(content, "2018", "pa-date")
    add(content, "2018-10", "tetori")
    add(content, "2019-01-10", "durres", prefecture="durres")
    catalog = build_catalog(content)
    timeline = catalog.timeline("kukes")
    assert [group.year for group in timeline] == [2018, 2017]
    assert [r.date.iso + " " + r.time for r in timeline[0].records] == [
        "2018-10 ",
        "2018-02-16 15:00",
        "2018-02-16 11:00",
        "2018 ",  # a year-only date sorts at the start of its year, so last when newest comes first
    ]
    assert catalog.timeline("berat") == []


def test_neighbours_stay_within_the_prefecture(content):
    add(content, "2017-05-02", "a")
    add(content, "2018-02-16", "b")
    add(content, "2018-03-01", "c", prefecture="durres")
    add(content, "2019-01-10", "d")
    catalog = build_catalog(content)
    middle = catalog.by_src_uri["takime/kukes/2018/2018-02-16-b.md"]
    older, newer = catalog.neighbours(middle)
    assert (older.src_uri, newer.src_uri) == (
        "takime/kukes/2017/2017-05-02-a.md",
        "takime/kukes/2019/2019-01-10-d.md",
    )
    assert catalog.neighbours(newer)[1] is None
    assert catalog.neighbours(older)[0] is None


def test_summaries_cover_all_twelve_prefectures(content):
    add(content, "2017-05-02", "a")
    add(content, "2018-02-16", "b")
    summaries = {summary.prefecture.slug: summary for summary in build_catalog(content).summaries()}
    assert len(summaries) == 12
    assert summaries["kukes"].count == 2 and summaries["kukes"].latest.date.iso == "2018-02-16"
    assert summaries["vlore"].count == 0 and summaries["vlore"].latest is None


def test_one_line_summary_falls_back_to_first_sentence(content):
    add(content, "2018-02-16", "a", summary="Përmbledhja.")
    add(content, "2018-02-17", "b")
    by_title = {r.title: r for r in build_catalog(content).records}
    assert by_title["A"].one_line == "Përmbledhja."
    assert by_title["B"].one_line == "Teksti i parë."


def test_the_first_sentence_keeps_words_not_markup():
    """A summary taken from the minutes shows what a reader reads: a link's and an image's words, not their
    targets nor attr_list's `{: ...}` (which the page itself never shows)."""
    text = 'Para {: onclick="alert(1)" }\n\n![foto](https://x.org/y.png){: .figure } Shih [planin](../plan.md). Tjetër.'
    assert first_sentence(text) == "Para foto Shih planin."


def test_the_catalog_keeps_a_digest_of_each_source_instead_of_its_text_and_line_numbers(content):
    """Texts and line numbers serve validation only; `make serve` compares digests (krat.engine.preview)."""
    add(content, "2019-03-01", "takimi")
    add(content, "2019-04-01", "i-brendshem")
    path = content / "takime/kukes/2019/2019-04-01-i-brendshem.md"
    path.write_text(path.read_text(encoding="utf-8").replace("visibility: public", "visibility: internal"))
    catalog = build_catalog(content)
    assert [record.text for record in catalog.records] == [""] and catalog.records[0].lines == {}
    assert set(catalog.digests) >= {
        "takime/kukes/2019/2019-03-01-takimi.md",
        "takime/kukes/2019/2019-04-01-i-brendshem.md",
    }
    edited = content / "takime/kukes/2019/2019-03-01-takimi.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Teksti i parë", "Teksti i ri"), encoding="utf-8")
    assert (
        build_catalog(content).digests[edited.relative_to(content).as_posix()]
        != catalog.digests["takime/kukes/2019/2019-03-01-takimi.md"]
    )
