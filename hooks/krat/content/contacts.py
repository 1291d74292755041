"""Where to get help: the contacts (hotlines) in `content/_data/contacts.yml`, each with its source and the day
staff last verified it, and the check that warns when a contact has not been re-verified for 12 months.

A number that official sources say does not work (`reported_not_working: true`) is published only with its
caveat, on the help page and the articles, and never in the help bar at the top of every page (`help_bar`).

The check is relative to the build date (`SOURCE_DATE_EPOCH` when set), so a reproduced old build judges the
contacts as they were then; a `verified_on` after the build date therefore counts as fresh.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from krat.content.datafiles import load_entries
from krat.content.dates import years_after
from krat.content.problems import Problem
from krat.content.refdata import ReferenceData
from krat.content.schema import CONTACTS_FILE_FIELDS

CONTACTS_FILE = "contacts.yml"
STALE_AFTER_MONTHS = 12
NOTICE_DAYS = 60  # how long before a contact's verification expires `krat check` and the build say so


@dataclass(frozen=True)
class Contact:
    """A phone number the public can call, who it is for, and where and when staff checked it."""

    number: str
    name: str
    for_whom: str
    source: dict
    verified_on: datetime.date
    hours: str = ""
    short_name: str = ""
    caveat: str = ""
    reported_not_working: bool = False
    path: str = ""
    line: int = 1

    @property
    def label(self) -> str:
        """What the help bar shows beside the number: the short name, else the name."""
        return self.short_name or self.name

    @property
    def tel(self) -> str:
        """The `tel:` link: the number without spaces."""
        return "tel:" + self.number.replace(" ", "")


def load_contacts(data_dir: Path, shown_dir: str, refdata: ReferenceData) -> tuple[list[Contact], list[Problem]]:
    """Validate contacts.yml; a number listed twice is a problem too (the page would show it twice)."""
    entries, document, problems = load_entries(data_dir, shown_dir, CONTACTS_FILE, CONTACTS_FILE_FIELDS, refdata)
    contacts, seen = [], set()
    for index, entry in enumerate(entries):
        line = document.line("contacts", index, "verified_on")
        if entry["number"] in seen:
            message = f"numri '{entry['number']}' është shkruar më lart; mbani vetëm një element për numër"
            where = document.line("contacts", index, "number")
            problems.append(Problem(document.path, where, "contacts.number", message))
        seen.add(entry["number"])
        if entry.get("reported_not_working") and not entry.get("caveat"):
            message = "një numër që burimet thonë se nuk funksionon publikohet vetëm me paralajmërim: shkruani caveat"
            where = document.line("contacts", index, "reported_not_working")
            problems.append(Problem(document.path, where, "contacts.caveat", message))
        contacts.append(Contact(**entry, path=document.path, line=line))
    return ([], problems) if problems else (contacts, [])


def help_bar(contacts: list[Contact]) -> list[Contact]:
    """The numbers for the help bar on every page: those no source says are out of order."""
    return [contact for contact in contacts if not contact.reported_not_working]


def stale_contacts(contacts: list[Contact], today: datetime.date) -> list[Problem]:
    """One problem per contact verified more than 12 months before `today` (verified exactly 12 months ago is
    still fresh), naming the line to update and the source to check: the build refuses to publish a help number
    nobody has checked for a year, and `krat check` says so first (the catalog holds both)."""
    oldest_fresh = year_before(today)
    return [
        Problem(
            contact.path,
            contact.line,
            "contacts.verified_on",
            f"numri {contact.number} ({contact.name}) u verifikua për herë të fundit më "
            f"{contact.verified_on:%d.%m.%Y}, më shumë se {STALE_AFTER_MONTHS} muaj para datës së ndërtimit "
            f"{today:%d.%m.%Y}; verifikojeni te burimi ({contact.source['url']}) "
            "dhe shkruani datën e re te verified_on",
        )
        for contact in contacts
        if contact.verified_on < oldest_fresh
    ]


def expiring_contacts(contacts: list[Contact], today: datetime.date) -> list[Problem]:
    """A notice (not a refusal) per contact whose verification expires within NOTICE_DAYS of `today`: the last
    day it counts as fresh, so staff re-verify before the build stops."""
    notices = []
    for contact in contacts:
        last_fresh = years_after(contact.verified_on, 1)
        if today <= last_fresh <= today + datetime.timedelta(days=NOTICE_DAYS):
            message = (
                f"numri {contact.number} ({contact.name}) duhet riverifikuar deri më {last_fresh:%d.%m.%Y} "
                f"(u verifikua më {contact.verified_on:%d.%m.%Y}); pas kësaj date ndërtimi ndalon. Verifikojeni "
                f"te burimi ({contact.source['url']}) dhe shkruani datën e re te verified_on"
            )
            notices.append(Problem(contact.path, contact.line, "contacts.verified_on", message))
    return notices


def year_before(day: datetime.date) -> datetime.date:
    """The same day one year (12 months) earlier; 29 February falls back to 28 February."""
    return years_after(day, -1)
