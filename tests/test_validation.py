"""Validation of meeting records: each bad scenario is a tiny fixture; the exact Albanian line is asserted."""

import pytest
from conftest import RECORD_PATH, plant, write
from helpers import problems_of
from krat.content.catalog import build_catalog

SHOWN = f"content/{RECORD_PATH}"


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("empty.md", [f"{SHOWN}:1: skedari: skedari është bosh; duhet të nisë me front-matter '---'"]),
        (
            "no_frontmatter.md",
            [
                f"{SHOWN}:1: front-matter: mungon; skedari duhet të nisë me një rresht '---', pastaj fushat, pastaj '---'"
            ],
        ),
        (
            "unclosed.md",
            [f"{SHOWN}:1: front-matter: nuk mbyllet; shtoni një rresht '---' pas fushave, para tekstit"],
        ),
        (
            "bad_yaml.md",
            [
                f"{SHOWN}:5: YAML: gabim sintakse: ':' në vend të papritur; "
                "një vlerë që përmban ':' vendoseni në thonjëza"
            ],
        ),
        (
            "not_utf8.md",
            [
                f"{SHOWN}:2: skedari: skedari nuk është në UTF-8; "
                "ruajeni si 'UTF-8' në redaktues (p.sh. Notepad: Ruaj si → UTF-8)"
            ],
        ),
        (
            "wrong_types.md",
            [
                f"{SHOWN}:2: title: duhet të jetë tekst i thjeshtë",
                f"{SHOWN}:7: chair: shkruani emrin dhe rolin: 'name: ...' dhe 'role: ...' (me dhëmbëzim)",
                f"{SHOWN}:8: draft: duhet të jetë true ose false",
            ],
        ),
        (
            "unknown_key.md",
            [
                f"{SHOWN}:7: topcs: fushë e panjohur; a mos doni 'topics'?",
                f"{SHOWN}:8: vendi: fushë e panjohur; a mos doni 'place'?",
            ],
        ),
        (
            "unknown_names.md",
            [
                f"{SHOWN}:4: prefecture: 'Kukësi' nuk njihet; a mos doni 'kukes'?",
                f"{SHOWN}:5: bodies: 'TTA' nuk lejohet; a mos doni 'TTAT'? (lejohen: KRAT, TTAT)",
                f"{SHOWN}:6: kind: 'meting' nuk lejohet; a mos doni 'meeting'? (lejohen: meeting, annual-review, "
                "half-year-review, quarter-review, campaign, other)",
                f"{SHOWN}:9: participants: 'DRSHS' nuk njihet; a mos doni 'DRSH'? "
                "(emrat e plotë, me disa fjalë, pranohen si tekst i lirë)",
                f"{SHOWN}:12: topics: 'ndergjegjsimi' nuk njihet; a mos doni 'ndergjegjesimi'?",
                f"{SHOWN}:13: visibility: 'publik' nuk lejohet; a mos doni 'public'? (lejohen: public, internal)",
            ],
        ),
        (
            "prefecture_mismatch.md",
            [f"{SHOWN}:4: prefecture: 'durres' nuk përputhet me dosjen e skedarit 'takime/kukes/'"],
        ),
        (
            "impossible_date.md",
            [f"{SHOWN}:3: date: '2018-02-30' nuk është datë e vlefshme: shkurt 2018 ka 28 ditë"],
        ),
        (
            "unquoted_time.md",
            [f'{SHOWN}:4: time: ora duhet në thonjëza: time: "10:30" (pa thonjëza YAML e lexon si numër)'],
        ),
        (
            "missing_required.md",
            [
                f"{SHOWN}:1: bodies: mungon, është e detyrueshme (Komitetet që u mblodhën: KRAT dhe/ose TTAT); "
                "p.sh. bodies: [KRAT, TTAT]",
                f"{SHOWN}:1: kind: mungon, është e detyrueshme (Lloji: meeting, annual-review, half-year-review, "
                "quarter-review, campaign, other); p.sh. kind: annual-review",
                f"{SHOWN}:1: visibility: mungon, është e detyrueshme (public (publik) ose internal (vetëm për "
                "anëtarët)); p.sh. visibility: public",
            ],
        ),
        (
            "raw_html.md",
            [
                f"{SHOWN}:12: teksti: HTML nuk lejohet në tekstin e procesverbalit ('<script>alert(1)</sc'); "
                "përdorni vetëm Markdown"
            ],
        ),
    ],
)
def test_bad_record_is_reported_with_path_line_and_field(content, fixture, expected):
    plant(content, fixture)
    assert problems_of(content) == expected


def test_valid_record_is_normalised(content):
    plant(content, "valid.md")
    record = build_catalog(content).records[0]
    assert record.prefecture.slug == "kukes"  # written 'Kukës'
    assert record.bodies == ["KRAT", "TTAT"]  # written 'krat'
    assert record.time == "10:30"
    assert [topic.slug for topic in record.topics] == ["arsimi"]  # written 'Arsimi'
    assert record.participants == [
        {"name": "Drejtoria Vendore e Policisë", "code": "DVP"},
        {"name": "Drejtoria Arsimore Rajonale", "code": "DAR"},
        {"name": "Qendra Komunitare Kukës", "code": ""},
    ]
    assert record.chair == {"name": "Emri Mbiemri", "role": "Prefekt"}


def test_every_problem_in_every_file_is_reported_at_once(content):
    plant(content, "unknown_key.md")
    plant(content, "impossible_date.md", "takime/kukes/2018/2018-03-01-tjeter.md")
    plant(content, "valid.md", "takime/kukes/2018/2018-02-16-mire.md")
    lines = problems_of(content)
    assert len(lines) == 3
    assert lines[0].startswith("content/takime/kukes/2018/2018-02-16-takim.md:7: topcs:")
    assert lines[2].startswith("content/takime/kukes/2018/2018-03-01-tjeter.md:3: date:")


def test_duplicate_meeting_is_reported(content):
    plant(content, "valid.md", "takime/kukes/2018/2018-02-16-takim.md")
    plant(content, "valid.md", "takime/kukes/2018/2018-02-16-takim-kopje.md")
    assert problems_of(content) == [
        "content/takime/kukes/2018/2018-02-16-takim.md:1: skedari: përshkruan të njëjtin takim (qarku, data, titulli) si "
        "content/takime/kukes/2018/2018-02-16-takim-kopje.md; mbani vetëm njërin skedar"
    ]


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (
            "takime/kukes/2019/2018-02-16-takim.md",
            "content/takime/kukes/2019/2018-02-16-takim.md:3: date: "
            "viti 2018 nuk përputhet me dosjen e vitit 'takime/kukes/2019/'",
        ),
        (
            "takime/kukes/2018/2018-02-17-takim.md",
            "content/takime/kukes/2018/2018-02-17-takim.md:3: date: "
            "'2018-02-16' nuk përputhet me datën në emrin e skedarit '2018-02-17'",
        ),
        (
            "takime/kukes/2018/Takim në Kukës.md",
            "content/takime/kukes/2018/Takim në Kukës.md:1: skedari: emri 'Takim në Kukës.md' duhet të jetë "
            "'<data>-<pak-fjalë>.md', vetëm a-z pa ë/ç, shifra dhe '-' (p.sh. '2018-02-16-takim-ne-kukes.md')",
        ),
        (
            "takime/kukesi/2018/2018-02-16-takim.md",
            "content/takime/kukesi/2018/2018-02-16-takim.md:1: skedari: dosja 'kukesi' nuk është qark; "
            "a mos doni 'kukes'?",
        ),
        (
            "takime/kukes/2018-02-16-takim.md",
            "content/takime/kukes/2018-02-16-takim.md:1: skedari: vendndodhje e gabuar; procesverbalet shkojnë te "
            "content/takime/<qark>/<vit>/<vvvv-mm-dd>-<pak-fjalë>.md",
        ),
    ],
)
def test_path_must_agree_with_front_matter(content, at, expected):
    plant(content, "valid.md", at)
    assert problems_of(content) == [expected]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("time: '11.00'", '\'11.00\' nuk është orë; shkruani "HH:MM" në thonjëza, p.sh. "11:00"'),
        ("time: '25:00'", '\'25:00\' nuk është orë; shkruani "HH:MM" në thonjëza, p.sh. "11:00"'),
        ("date: 16.02.2018", "date: '16.02.2018' duhet shkruar si vit-muaj-ditë: '2018-02-16'"),
        ("date: 2018-13", "date: '2018-13': muaji 13 nuk ekziston (1–12)"),
    ],
)
def test_field_formats(content, line, expected):
    field = line.split(":")[0]
    record = plant(content, "valid.md")
    lines = [line if entry.startswith(f"{field}:") else entry for entry in record.read_text().split("\n")]
    record.write_text("\n".join(lines), encoding="utf-8")
    assert problems_of(content)[0].split(": ", 1)[1] == f"{field}: {expected.removeprefix(field + ': ')}"


def variant(record, date: str, extra: str) -> str:
    """The text of `record` moved to `date`, with `extra` appended to its visibility line."""
    text = record.read_text(encoding="utf-8").replace("date: 2018-02-16", f"date: {date}")
    return text.replace("visibility: public", f"visibility: public{extra}")


def test_draft_and_internal_records_are_validated_but_not_published(content):
    record = plant(content, "valid.md")
    write(content, "takime/kukes/2018/2018-02-17-draft.md", variant(record, "2018-02-17", "\ndraft: true"))
    internal = variant(record, "2018-02-18", "").replace("visibility: public", "visibility: internal")
    write(content, "takime/kukes/2018/2018-02-18-brenda.md", internal)
    catalog = build_catalog(content, profile="public")
    assert [published.src_uri for published in catalog.records] == [RECORD_PATH]
    assert catalog.unpublished == {
        "takime/kukes/2018/2018-02-17-draft.md",
        "takime/kukes/2018/2018-02-18-brenda.md",
    }


VERIFY = "verify:\n  - field: date\n    note: data u mor nga adresa e burimit\n  - field: chair\n"


def with_verify(content, visibility: str):
    """valid.md with two `verify` items and the given visibility."""
    target = plant(content, "valid.md")
    text = target.read_text(encoding="utf-8").replace("visibility: public\n", f"visibility: {visibility}\n{VERIFY}")
    target.write_text(text, encoding="utf-8")


def test_a_public_record_with_anything_left_to_verify_is_refused(content):
    with_verify(content, "public")
    assert problems_of(content) == [
        "content/takime/kukes/2018/2018-02-16-takim.md:13: verify: procesverbali ka ende 2 pika për t'u kontrolluar "
        "(date, chair); kontrollojini, hiqni 'verify' dhe vetëm pastaj vendosni visibility: public"
    ]


def test_an_internal_record_keeps_its_items_to_verify(content):
    with_verify(content, "internal")
    (record,) = build_catalog(content, profile="members").records
    assert record.verify == [{"field": "date", "note": "data u mor nga adresa e burimit"}, {"field": "chair"}]
    assert build_catalog(content).records == []  # and the public build leaves it out, as any internal record


def test_verify_names_a_field_of_the_record(content):
    target = plant(content, "valid.md")
    text = target.read_text(encoding="utf-8").replace(
        "visibility: public\n", "visibility: internal\nverify: [{field: datta}]\n"
    )
    target.write_text(text, encoding="utf-8")
    (line,) = problems_of(content, profile="members")
    assert line.startswith(
        "content/takime/kukes/2018/2018-02-16-takim.md:13: verify.field: 'datta' nuk lejohet; a mos doni 'date'?"
    )
