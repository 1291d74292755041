"""iCalendar files from the fixture site's catalog (no MkDocs), read back with the `icalendar` library."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from conftest import FIXTURES
from krat.content.catalog import build_catalog
from krat.outputs.calendars import generate_calendars, render_calendar
from krat.outputs.exports import Links, stable_id
from sitebuild import make_site_source

BASE = "https://krat.example.org/"
TIRANE = ZoneInfo("Europe/Tirane")


def calendar_files(catalog, links: Links) -> dict[str, bytes]:
    return dict(generate_calendars(catalog, links))


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    return make_site_source(tmp_path_factory.mktemp("calendars"), FIXTURES / "site")


@pytest.fixture(scope="module")
def catalog(content):
    return build_catalog(content, today=datetime.date(2018, 8, 1))


@pytest.fixture(scope="module")
def files(catalog):
    return calendar_files(catalog, Links(BASE))


def events(data: bytes) -> dict[str, icalendar.Event]:
    return {str(event["SUMMARY"]): event for event in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def test_every_prefecture_has_two_calendars_that_parse(catalog, files):
    assert len(files) == 24
    for slug in catalog.by_prefecture:
        for kind in ("mbledhjet", "afatet"):
            calendar = icalendar.Calendar.from_ical(files[f"te-dhena/kalendar/{slug}-{kind}.ics"])
            assert calendar["VERSION"] == "2.0" and calendar["METHOD"] == "PUBLISH"
            assert len(calendar.walk("VTIMEZONE")) == 1


def test_every_calendar_parses_without_errors(content, catalog):
    """Both profiles, with and without a site address: every component reads back and the library reported no
    property it could not parse."""
    for profile in ("public", "members"):
        profiled = catalog if profile == "public" else build_catalog(content, profile=profile, today=catalog.today)
        for links in (Links(BASE), Links(None)):
            for path, data in calendar_files(profiled, links).items():
                calendar = icalendar.Calendar.from_ical(data)
                assert calendar.name == "VCALENDAR", path
                for component in calendar.walk():
                    assert component.errors == [], (profile, links.base, path, component.name, component.errors)


def test_fixture_meetings_are_these_events(files):
    """Kukës' meetings calendar of the fixture site, event by event in the order written."""
    url = f"{BASE}takime/kukes/"
    expected = [
        {
            "UID": stable_id("takime/kukes/2017/2017-11-20-takim.md"),
            "DTSTART": (b"20171120", {"VALUE": "DATE"}),
            "SUMMARY": "Takim i nëntorit",
            "DESCRIPTION": f"Takim — KRAT\nTeksti i nëntorit.\nProcesverbali: {url}2017/2017-11-20-takim/",
            "URL": f"{url}2017/2017-11-20-takim/",
        },
        {
            "UID": stable_id("takime/kukes/2018/2018-02-16-analiza.md"),
            "DTSTART": (b"20180216T110000", {"TZID": "Europe/Tirane"}),
            "SUMMARY": "Analiza vjetore 2017",
            "LOCATION": "Institucioni i Prefektit",
            "DESCRIPTION": "Analizë vjetore — KRAT, TTAT — periudha 2017\nParagrafi i parë i procesverbalit.\n"
            f"Procesverbali: {url}2018/2018-02-16-analiza/",
            "URL": f"{url}2018/2018-02-16-analiza/",
        },
        {
            "UID": stable_id("takime/kukes/2018/2018-05-10-skript.md"),
            "DTSTART": (b"20180510", {"VALUE": "DATE"}),
            "SUMMARY": 'Takim <script>alert("x")</script> & më shumë',
            "DESCRIPTION": f"Takim — TTAT\nPërmbledhje me <b>etiketë</b>.\nProcesverbali: {url}2018/2018-05-10-skript/",
            "URL": f"{url}2018/2018-05-10-skript/",
        },
        {
            "UID": stable_id("takime/kukes/2018/2018-07-05-gjashtemujori.md"),
            "DTSTART": (b"20180705", {"VALUE": "DATE"}),
            "SUMMARY": "Analiza 6-mujore 2018",
            "DESCRIPTION": f"Analizë 6-mujore — KRAT\nShqyrtimi i planit.\nProcesverbali: {url}2018/2018-07-05-gjashtemujori/",
            "URL": f"{url}2018/2018-07-05-gjashtemujori/",
        },
    ]
    found = [
        {
            name: (event[name].to_ical(), dict(event[name].params)) if name == "DTSTART" else str(event[name])
            for name in ("UID", "DTSTART", "SUMMARY", "LOCATION", "DESCRIPTION", "URL")
            if name in event
        }
        for event in icalendar.Calendar.from_ical(files["te-dhena/kalendar/kukes-mbledhjet.ics"]).walk("VEVENT")
    ]
    assert found == expected


def test_meetings_carry_time_zone_link_and_place(files):
    meetings = events(files["te-dhena/kalendar/kukes-mbledhjet.ics"])
    assert sorted(meetings) == [
        "Analiza 6-mujore 2018",
        "Analiza vjetore 2017",
        'Takim <script>alert("x")</script> & më shumë',
        "Takim i nëntorit",
    ]
    annual = meetings["Analiza vjetore 2017"]
    assert annual["DTSTART"].dt == datetime.datetime(2018, 2, 16, 11, 0, tzinfo=TIRANE)
    assert annual["DTSTART"].dt.astimezone(datetime.UTC).hour == 10
    assert "DTEND" not in annual  # the end was not recorded
    assert str(annual["URL"]) == f"{BASE}takime/kukes/2018/2018-02-16-analiza/"
    assert str(annual["LOCATION"]) == "Institucioni i Prefektit"
    assert str(annual["UID"]) == stable_id("takime/kukes/2018/2018-02-16-analiza.md")
    assert "Analizë vjetore — KRAT, TTAT — periudha 2017" in str(annual["DESCRIPTION"])


def test_meeting_without_time_is_all_day_and_partial_dates_are_left_out(files):
    november = events(files["te-dhena/kalendar/kukes-mbledhjet.ics"])["Takim i nëntorit"]
    assert november["DTSTART"].dt == datetime.date(2017, 11, 20)
    assert november["DTEND"].dt == datetime.date(2017, 11, 21)
    assert events(files["te-dhena/kalendar/durres-mbledhjet.ics"]) == {}  # known only as "2023"


def test_deadlines_fall_on_the_last_day_of_their_period(files):
    deadlines = {str(event["UID"]): event for event in events(files["te-dhena/kalendar/kukes-afatet.ics"]).values()}
    due = {uid: event["DTSTART"].dt for uid, event in deadlines.items()}
    plan = "plane/kukes/2018.md"
    assert due == {
        stable_id(f"{plan}#1.1"): datetime.date(2018, 6, 30),  # 2018-Q2
        stable_id(f"{plan}#1.10"): datetime.date(2018, 10, 31),
        stable_id(f"{plan}#2.1"): datetime.date(2018, 6, 30),  # 2018-06
        stable_id(f"{plan}#2.2"): datetime.date(2018, 12, 31),  # 2018
    }
    task = deadlines[stable_id(f"{plan}#2.1")]
    assert str(task["URL"]) == f"{BASE}plane/kukes/2018/#detyra-2-1"
    assert "Statusi më 01.08.2018: Në zbatim — afati ka kaluar" in str(task["DESCRIPTION"])
    assert str(task["TRANSP"]) == "TRANSPARENT"


def test_cancelled_task_is_marked_cancelled(catalog):
    task = catalog.plans[0].tasks[0]
    task.status, original = "cancelled", task.status
    try:
        calendar = calendar_files(catalog, Links(BASE))["te-dhena/kalendar/kukes-afatet.ics"]
    finally:
        task.status = original
    assert "STATUS:CANCELLED" in calendar.decode()


def test_time_zone_definition_agrees_with_the_tz_database():
    """The VTIMEZONE itself (not the name's lookup) gives Albania's offsets from 2006, when the committees began:
    a minute before and after every change, and once a week in between."""
    calendar = icalendar.Calendar.from_ical(render_calendar("Prova", "Vetëm zona kohore", []))
    defined = calendar.walk("VTIMEZONE")[0].to_tz(lookup_tzid=False)
    moments = [datetime.datetime(2006, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(weeks=n) for n in range(1800)]
    for year in range(2006, 2040):
        for month in (3, 10):
            sunday = max(
                datetime.date(year, month, day)
                for day in range(25, 32)
                if datetime.date(year, month, day).weekday() == 6
            )
            change = datetime.datetime(sunday.year, sunday.month, sunday.day, 1, tzinfo=datetime.UTC)
            moments += [change - datetime.timedelta(minutes=1), change + datetime.timedelta(minutes=1)]
    for moment in moments:
        assert moment.astimezone(defined).utcoffset() == moment.astimezone(TIRANE).utcoffset(), moment


def test_without_site_url_events_have_no_url(catalog):
    data = calendar_files(catalog, Links(None))["te-dhena/kalendar/kukes-mbledhjet.ics"]
    annual = events(data)["Analiza vjetore 2017"]
    assert "URL" not in annual and "Procesverbali:" not in str(annual["DESCRIPTION"])


def test_lines_are_folded_at_75_octets_between_characters(files):
    for data in files.values():
        assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
        for line in data.split(b"\r\n"):
            assert len(line) <= 75
            line.decode("utf-8")  # no character cut in two
    data = render_calendar("Prova", "ë" * 100, [])
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
    assert "DESCRIPTION:" + "ë" * 100 in data.decode().replace("\r\n ", "")
    assert str(icalendar.Calendar.from_ical(data)["DESCRIPTION"]) == "ë" * 100


def test_text_values_are_escaped_without_control_characters():
    data = render_calendar("Prova", "a,b;c\\d\ne\r\nf\x0bg\r\x0b\nh", [])
    assert b"\r\nDESCRIPTION:a\\,b\\;c\\\\d\\ne\\nfg\\n\\nh\r\n" in data.replace(b"\r\n ", b"")
