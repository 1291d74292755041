"""End to end: feeds, calendars and open data of the fixture site, built with `mkdocs build --strict` and read
back with real parsers (feedparser, icalendar, jsonschema, csv). One public build, a second one dated later (ids
must not change), and a members' build: the public and members' builds are the session's (conftest), the later
one is this module's."""

import csv
import io
import json
import re

import icalendar
import jsonschema
import pytest
from conftest import BUILD_DATE, FIXTURES, MEMBERS_SITE_URL
from feedhistory import BASE, entry_ids, parse, read_history
from helpers import article, html
from krat.content.catalog import build_catalog
from krat.outputs.opendata import TABLES as DECLARED
from sitebuild import built, make_site_source, refused

LATER_EPOCH = "1709251200"  # 2024-03-01
INTERNAL_IDS = ["2017-12-01-brenda", "2018-09-01-brenda", "2019-10-20-brenda", "ndergjegjesim/brenda"]
TABLES = {
    "records": "procesverbalet.csv",
    "plans": "planet.csv",
    "tasks": "detyrat.csv",
    "institutions": "institucionet.csv",
}


@pytest.fixture(scope="module")
def sites(fixture_site, fixture_members_site, tmp_path_factory):
    """The session's public and members' builds, and a public build of this module dated 2024-03-01. Read only."""
    where = tmp_path_factory.mktemp("opendata-later")
    later = built(where, FIXTURES / "site", epoch=LATER_EPOCH, env={"KRAT_SITE_URL": ""})
    return {"public": fixture_site, "later": later, "members": fixture_members_site}


@pytest.fixture
def published(fixture_catalog):
    """The public catalog of the same fixture: what every output must count."""
    return fixture_catalog


def reader(site):
    return lambda path: (site / path).read_bytes()


def data(site) -> dict:
    return json.loads((site / "te-dhena/krat.json").read_text(encoding="utf-8"))


def csv_rows(site, name: str) -> list[dict]:
    raw = (site / "te-dhena" / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for spreadsheets
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def outputs(site) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in (site / "te-dhena").rglob("*") if path.is_file()}


def test_json_csv_feeds_and_archive_count_the_published_records(sites, published):
    site = sites["public"]
    expected = len(published.records)
    assert expected == 6
    document = data(site)
    assert len(document["records"]) == document["counts"]["records"] == expected
    assert len(csv_rows(site, "procesverbalet.csv")) == expected
    assert len(entry_ids(read_history(reader(site), "te-dhena/feed/procesverbalet.xml"))) == expected
    per_prefecture = [read_history(reader(site), f"te-dhena/feed/qarku-{slug}.xml") for slug in published.by_prefecture]
    assert sum(len(entry_ids(history)) for history in per_prefecture) == expected
    archive = html(site, "arkiva")
    assert archive.count('<li class="krat-archive__item"') == expected
    assert f'data-total="{expected}"' in archive
    for key, name in TABLES.items():
        assert len(document[key]) == document["counts"][key] == len(csv_rows(site, name))
    assert document["counts"] == {
        "records": 6,
        "plans": 1,
        "tasks": 4,
        "institutions": len(published.refdata.institutions.keys),
    }


def test_every_feed_document_parses(sites, published):
    for name, base in (("public", BASE), ("members", MEMBERS_SITE_URL)):
        for path in (sites[name] / "te-dhena/feed").glob("*.xml"):
            parse(path.read_bytes(), str(path.relative_to(sites[name])), base)
    articles = parse(
        (sites["public"] / "te-dhena/feed/ndergjegjesim.xml").read_bytes(), "te-dhena/feed/ndergjegjesim.xml"
    )
    assert [entry.title for entry in articles.entries] == [article.title for article in published.articles]
    assert [entry.tags[0].term for entry in articles.entries if entry.get("tags")] == ["korce"]


@pytest.mark.parametrize(("name", "base"), [("public", BASE), ("members", MEMBERS_SITE_URL)])
def test_json_validates_against_the_published_schema(sites, name, base):
    schema = json.loads((sites[name] / "te-dhena/krat.content.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    document = data(sites[name])
    jsonschema.Draft202012Validator(schema).validate(document)
    assert schema["$id"] == document["$schema"] == f"{base}te-dhena/krat.content.schema.json"
    assert document["site"] == base
    broken = dict(document, records=[dict(document["records"][0], date="16.02.2018")])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft202012Validator)


def cell(value) -> str:
    """What a JSON value looks like in a CSV cell, as the /te-dhena/ page describes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        items = [f"{item['id']} {item['title']}" if "title" in item else item["name"] if isinstance(item, dict)
                 else item for item in value]  # fmt: skip
        return "; ".join(items)
    return str(value)


def test_csv_round_trips_and_agrees_with_the_json(sites):
    site, document = sites["public"], data(sites["public"])
    for key, name in TABLES.items():
        raw = (site / "te-dhena" / name).read_bytes()
        rows = csv_rows(site, name)
        assert all(line.endswith(b"\r") for line in raw.split(b"\n")[:-1])  # CRLF
        again = io.StringIO()
        writer = csv.DictWriter(again, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        assert again.getvalue().encode("utf-8-sig") == raw
        for row, item in zip(rows, document[key], strict=True):
            assert row == {column: cell(item[column]) for column in row}
    records = {row["id"]: row for row in csv_rows(site, "procesverbalet.csv")}
    assert records["korce/2019-10-18-fushata"]["title"] == "Fushata e tetorit në Korçë"
    assert records["korce/2019-10-18-fushata"]["prefecture_name"] == "Korçë"
    assert records["kukes/2018-02-16-analiza"]["chair_name"] == "Zenel Kuçana"
    assert records["kukes/2018-02-16-analiza"]["participants"] == (
        "Drejtoria Vendore e Policisë; Drejtoria Rajonale e Shërbimit Social Shtetëror; Qendra Rinore"
    )


def test_tasks_carry_their_current_status(sites):
    tasks = {task["id"]: task for task in data(sites["public"])["tasks"]}
    assert tasks["1.1"]["status"] == "done" and tasks["1.1"]["status_record"] == "kukes/2018-07-05-gjashtemujori"
    assert tasks["2.1"]["overdue"] is True and tasks["2.1"]["due_end"] == "2018-06-30"
    # set by an internal meeting: the status is shown, the meeting is not
    assert tasks["1.10"]["status"] == "in-progress"
    assert tasks["1.10"]["status_source"] == "unpublished-meeting" and tasks["1.10"]["status_record"] is None


def test_calendars_parse_and_carry_link_and_place(sites):
    for path in (sites["public"] / "te-dhena/kalendar").glob("*.ics"):
        icalendar.Calendar.from_ical(path.read_bytes())
    calendar = icalendar.Calendar.from_ical((sites["public"] / "te-dhena/kalendar/kukes-mbledhjet.ics").read_bytes())
    meetings = calendar.walk("VEVENT")
    assert len(meetings) == 4
    (annual,) = [event for event in meetings if "LOCATION" in event]
    assert str(annual["URL"]) == f"{BASE}takime/kukes/2018/2018-02-16-analiza/"
    assert str(annual["LOCATION"]) == "Institucioni i Prefektit"
    assert all(str(event["URL"]).startswith(f"{BASE}takime/kukes/") for event in meetings)


def ids_of(site) -> dict[str, list[str]]:
    ids = {}
    for path in sorted((site / "te-dhena/feed").glob("*.xml")):
        ids[path.name] = [entry.id for entry in parse(path.read_bytes(), path.name).entries]
    for path in sorted((site / "te-dhena/kalendar").glob("*.ics")):
        ids[path.name] = [str(event["UID"]) for event in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")]
    document = data(site)
    ids["krat.json"] = [row["uuid"] for key in ("records", "tasks") for row in document[key]]
    return ids


def test_ids_are_the_same_in_a_build_on_another_day(sites):
    assert ids_of(sites["public"]) == ids_of(sites["later"])
    assert data(sites["later"])["generated"] == "2024-03-01"  # the second build really is another day
    assert b"DTSTAMP:20240301T000000Z" in (sites["later"] / "te-dhena/kalendar/kukes-afatet.ics").read_bytes()


def test_nothing_internal_or_draft_in_any_output_of_the_public_build(sites, published):
    """No text, id or note of internal and draft items in any file under te-dhena/; and, in the data files
    (the page and the schema document the value "internal"), no item marked internal at all."""
    for path, content in outputs(sites["public"]).items():
        for marker in (b"SEKRET-7Q", b"DRAFT-9Z", "Shënim".encode(), *(name.encode() for name in INTERNAL_IDS)):
            assert marker not in content, (path, marker)
        if path.endswith((".json", ".csv", ".xml", ".ics")) and not path.endswith("schema.json"):
            for marker in (b"internal", "I brendshëm".encode(), b"CONFIDENTIAL"):
                assert marker not in content, (path, marker)
    assert {row["id"] for row in data(sites["public"])["records"]} == {record.id for record in published.records}


def test_members_build_publishes_internal_material_marked(sites):
    site = sites["members"]
    document = data(site)
    internal = sorted(row["id"] for row in document["records"] if row["visibility"] == "internal")
    assert internal == ["korce/2019-10-20-brenda", "kukes/2017-12-01-brenda", "kukes/2018-09-01-brenda"]
    assert document["counts"]["records"] == 9 and document["profile"] == "members"
    assert document["license"]["url"] is None  # not open data
    tasks = {task["id"]: task for task in document["tasks"]}
    assert tasks["1.10"]["status_record"] == "kukes/2018-09-01-brenda"
    history = read_history(reader(site), "te-dhena/feed/procesverbalet.xml", MEMBERS_SITE_URL)
    titles = [entry.title for _, parsed in history for entry in parsed.entries]
    assert len(titles) == 9 and "[I brendshëm] Takim i brendshëm SEKRET-7Q" in titles
    links = [entry.link for _, parsed in history for entry in parsed.entries]
    assert all(link.startswith(f"{MEMBERS_SITE_URL}takime/") for link in links)  # its own address, not the public one
    articles = (site / "te-dhena/feed/ndergjegjesim.xml").read_text(encoding="utf-8")
    assert "[I brendshëm] Artikull i brendshëm SEKRET-7Q" in articles
    calendar = icalendar.Calendar.from_ical((site / "te-dhena/kalendar/kukes-mbledhjet.ics").read_bytes())
    marked = {str(event["SUMMARY"]): str(event["CLASS"]) for event in calendar.walk("VEVENT")}
    assert marked["[I brendshëm] Takim i brendshëm SEKRET-7Q"] == "CONFIDENTIAL"
    assert marked["Takim i nëntorit"] == "PUBLIC"
    assert "Ndërtimi për anëtarët" in html(site, "te-dhena")


def head_feeds(site, page: str) -> list[str]:
    text = html(site, page)
    head = text[: text.index("</head>")]
    # Material fetches sitemap.xml next to every link[rel=alternate] (a 404 beside a feed): "alternate feed" only
    assert 'rel="alternate"' not in head
    return re.findall(r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', head)


def test_pages_announce_and_show_their_feeds(sites):
    site = sites["public"]
    assert head_feeds(site, "") == ["te-dhena/feed/procesverbalet.xml", "te-dhena/feed/ndergjegjesim.xml"]
    assert head_feeds(site, "qarqet") == ["../te-dhena/feed/procesverbalet.xml"]
    assert head_feeds(site, "qarqet/kukes") == [
        "../../te-dhena/feed/procesverbalet.xml",
        "../../te-dhena/feed/qarku-kukes.xml",
    ]
    assert "../../te-dhena/feed/ndergjegjesim.xml" in head_feeds(site, "ndergjegjesim/shenjat")
    shown = {
        "": "te-dhena/feed/procesverbalet.xml",
        "qarqet/kukes": "../../te-dhena/kalendar/kukes-afatet.ics",
        "ndergjegjesim": "../te-dhena/feed/ndergjegjesim.xml",
    }
    for page, href in shown.items():
        assert f'class="krat-subscribe__link" href="{href}"' in article(html(site, page)), page


def test_open_data_page_documents_fields_licence_and_date(sites):
    page = article(html(sites["public"], "te-dhena"))
    for table in DECLARED:
        for column in table.columns:
            assert f"<code>{column.name}</code>" in page, column.name
    for text in ("Creative Commons Attribution 4.0", "01.08.2018", "Open Civic Data Event", "Popolo Organization",
                 "OCD Event: location.name", "webcal://krat.example.org/te-dhena/kalendar/kukes-mbledhjet.ics",
                 "nuk janë në kalendar (1 sot)"):  # fmt: skip
        assert text in page, text


def test_a_file_written_at_a_generated_path_stops_the_build(tmp_path):
    """The content tree is an allow-list (krat.content.inventory): a JSON file is no kind of content, and a CSV file no
    record declares is no attachment, so neither can replace the data the build writes."""
    content = make_site_source(tmp_path, FIXTURES / "site")
    (content / "te-dhena").mkdir()
    (content / "te-dhena" / "krat.json").write_text("{}", encoding="utf-8")
    (content / "te-dhena" / "procesverbalet.csv").write_text("id\n", encoding="utf-8")
    result = refused(content)
    assert "content/te-dhena/krat.json:1: skedari: skedar i panjohur ('.json')" in result.stderr
    assert "content/te-dhena/procesverbalet.csv:1: skedari: asnjë procesverbal nuk e deklaron" in result.stderr


# --- CSV cells a spreadsheet would run ------------------------------------------------------------------------

# Record titles as written in the front-matter (YAML), each with the CSV cell it must become.
HOSTILE_TITLES = {
    "2018-03-01-formula": ('\'=HYPERLINK("http://x","y")\'', '\'=HYPERLINK("http://x","y")'),
    "2018-03-02-plus": ("'+1+1'", "'+1+1"),
    "2018-03-03-minus": ("'-2+3'", "'-2+3"),
    "2018-03-04-at": ("'@SUM(1,2)'", "'@SUM(1,2)"),
    # validation strips a leading tab from every text field, so only the formula behind it reaches the CSV
    "2018-03-05-tab": ('"\\t=1+1"', "'=1+1"),
}  # a NUL cannot hide a formula: the reader refuses control characters, and the CSV writer drops them too


class Collected(io.BytesIO):
    """An output file kept in memory: what was written stays in `files` when it is closed."""

    def __init__(self, files: dict, path: str):
        super().__init__()
        self.files, self.path = files, path

    def close(self):
        self.files[self.path] = self.getvalue()
        super().close()


def test_csv_cells_that_a_spreadsheet_would_run_start_with_a_quote(tmp_path):
    from krat.outputs.exports import Links
    from krat.outputs.opendata import write_open_data

    content = make_site_source(tmp_path, FIXTURES / "site")
    for slug, (title, _) in HOSTILE_TITLES.items():
        (content / f"takime/kukes/2018/{slug}.md").write_text(
            f"---\ntitle: {title}\ndate: {slug[:10]}\nprefecture: kukes\nbodies: [KRAT]\nkind: meeting\n"
            "visibility: public\n---\n\nTeksti i procesverbalit.\n",
            encoding="utf-8",
        )
    catalog = build_catalog(content, today=BUILD_DATE)
    files = {}
    write_open_data(catalog, Links(), lambda path: Collected(files, path))
    records = {row["id"]: row for row in collected_csv(files, "procesverbalet.csv")}
    for slug, (_, shown) in HOSTILE_TITLES.items():
        assert records[f"kukes/{slug}"]["title"] == shown, slug
    titles = {row["id"]: row["title"] for row in json.loads(files["te-dhena/krat.json"])["records"]}
    assert titles["kukes/2018-03-01-formula"] == '=HYPERLINK("http://x","y")'  # the JSON is no spreadsheet
    ordinary = records["kukes/2018-02-16-analiza"]
    assert ordinary["title"] == titles["kukes/2018-02-16-analiza"] and ordinary["title"][0].isalpha()
    assert ordinary["date"] == "2018-02-16"
    (plan,) = collected_csv(files, "planet.csv")
    assert (plan["task_count"], plan["overdue_count"]) == ("4", "1")  # counts stay plain numbers


def collected_csv(files: dict, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(files[f"te-dhena/{name}"].decode("utf-8-sig"), newline="")))


def test_csv_writer_neutralises_formulas_and_drops_control_characters():
    from krat.outputs.opendata import csv_writer

    binary = io.BytesIO()
    with csv_writer(binary) as write_row:
        write_row(["\tTAB", "\rCR", "a\x00b\x1fc", "x\ny\tz", "=1", "", 7, "Titull i zakonshëm"])
    (row,) = csv.reader(io.StringIO(binary.getvalue().decode("utf-8-sig"), newline=""))
    assert row == ["'\tTAB", "'\rCR", "abc", "x\ny\tz", "'=1", "", "7", "Titull i zakonshëm"]
