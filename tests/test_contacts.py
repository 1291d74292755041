"""Contacts: the real data file, its validation, and the stale-contact warning judged on fixed build dates."""

import datetime

import pytest
from conftest import write
from helpers import problems_of
from krat.content.catalog import build_catalog
from krat.content.contacts import help_bar, stale_contacts, year_before

SHOWN = "content/_data/contacts.yml"
CONTACT = """  - number: "{number}"
    name: Linja {number}
    for_whom: Të gjithë
    source: {{title: Burimi, url: "https://example.org/"}}
    verified_on: {verified_on}
"""


def contacts_file(content, *entries: tuple[str, str]) -> None:
    """Replace the copied contacts.yml with `entries` of (number, verified_on)."""
    text = "contacts:\n" + "".join(CONTACT.format(number=n, verified_on=v) for n, v in entries)
    write(content, "_data/contacts.yml", text)


def test_published_contacts_are_only_the_checked_numbers_each_with_a_source(content):
    contacts = build_catalog(content).contacts
    assert [contact.number for contact in contacts] == ["112", "129", "116 111", "116 000", "116 006"]
    assert all(contact.source["url"].startswith("https://") and contact.source["title"] for contact in contacts)
    assert [contact.tel for contact in contacts][-1] == "tel:116006"
    caveats = {contact.number: contact.caveat for contact in contacts if contact.caveat}
    assert list(caveats) == ["116 006"] and "2022 dhe 2023" in caveats["116 006"]
    assert "nuk funksiononte" in caveats["116 006"]


def test_contact_verified_more_than_12_months_before_the_build_date_warns(content):
    contacts_file(content, ("116 111", "2026-11-22"), ("129", "2027-06-01"))
    contacts = build_catalog(content).contacts
    assert stale_contacts(contacts, datetime.date(2027, 11, 22)) == []  # exactly 12 months: still fresh
    assert [str(problem) for problem in stale_contacts(contacts, datetime.date(2027, 11, 23))] == [
        f"{SHOWN}:6: contacts.verified_on: numri 116 111 (Linja 116 111) u verifikua për herë të fundit më 22.11.2026, "
        "më shumë se 12 muaj para datës së ndërtimit 23.11.2027; verifikojeni te burimi (https://example.org/) "
        "dhe shkruani datën e re te verified_on"
    ]


@pytest.mark.parametrize("today", [datetime.date(2018, 8, 1), datetime.date(2026, 11, 22), datetime.date(2027, 1, 1)])
def test_fresh_contacts_and_a_verified_on_after_the_build_date_do_not_warn(content, today):
    assert stale_contacts(build_catalog(content).contacts, today) == []


def test_a_year_before_29_february_is_28_february():
    assert year_before(datetime.date(2028, 2, 29)) == datetime.date(2027, 2, 28)
    assert year_before(datetime.date(2027, 11, 23)) == datetime.date(2026, 11, 23)


def test_contacts_file_problems_are_reported_with_lines(content):
    write(
        content,
        "_data/contacts.yml",
        """contacts:
  - number: 116-111
    name: ALO
    for_whom: Fëmijët
    source: {title: ALO}
    verified_on: 2026-11
  - number: 129
    name: Policia
    for_whom: Të gjithë
    orari: 24/7
    source: {title: Policia, url: "https://www.asp.gov.al/"}
    verified_on: 22.11.2026
""",
    )
    assert problems_of(content) == [
        f"{SHOWN}:2: contacts.number: '116-111' nuk është numër telefoni; shkruani vetëm shifra dhe hapësira, p.sh. \"116 111\"",
        f"{SHOWN}:5: contacts.source.url: mungon, është e detyrueshme (Adresa e plotë e burimit); "
        "p.sh. url: https://www.unodc.org/...",
        f"{SHOWN}:6: contacts.verified_on: '2026-11' duhet të jetë datë e plotë me ditë, p.sh. 2026-11-22",
        f"{SHOWN}:10: contacts.orari: fushë e panjohur; a mos doni 'hours'?",
        f"{SHOWN}:12: contacts.verified_on: '22.11.2026' duhet shkruar si vit-muaj-ditë: '2026-11-22'",
    ]


def test_a_number_listed_twice_is_reported(content):
    contacts_file(content, ("129", "2026-11-22"), ("129", "2026-11-22"))
    assert problems_of(content) == [
        f"{SHOWN}:7: contacts.number: numri '129' është shkruar më lart; mbani vetëm një element për numër"
    ]


def test_missing_contacts_file_is_reported(content):
    (content / "_data/contacts.yml").unlink()
    assert problems_of(content) == [f"{SHOWN}:1: skedari: mungon skedari i të dhënave"]


def test_only_working_numbers_go_in_the_help_bar(content):
    contacts = build_catalog(content).contacts
    assert [contact.number for contact in help_bar(contacts)] == ["112", "129", "116 111", "116 000"]
    assert [contact.label for contact in help_bar(contacts)] == [
        "Urgjenca",
        "Policia",
        "Linja për fëmijët",
        "Fëmijë i zhdukur",
    ]


def test_a_number_reported_not_working_is_refused_without_its_caveat(content):
    text = CONTACT.format(number="116 006", verified_on="2026-11-22") + "    reported_not_working: true\n"
    write(content, "_data/contacts.yml", "contacts:\n" + text)
    assert [str(problem) for problem in problems_of(content)] == [
        f"{SHOWN}:7: contacts.caveat: një numër që burimet thonë se nuk funksionon publikohet vetëm me "
        "paralajmërim: shkruani caveat"
    ]
