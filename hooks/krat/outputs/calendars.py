"""iCalendar files (RFC 5545), two per prefecture: its meetings (past and future) and the deadlines of the tasks
of its action plans. Written by hand: CRLF line ends, lines folded at 75 octets, TEXT values escaped.

Decisions, also stated on /te-dhena/ in Albanian:
- Times are Albania's local time, written with TZID=Europe/Tirane and a VTIMEZONE (the EU rules Albania has
  followed since 1996), so a calendar abroad shows the meeting at the right moment; floating times would not.
- A meeting with a time starts then; its end is not known, so it has none (RFC 5545: it ends when it starts).
  A meeting with a day but no time is an all-day event on that day. A meeting known only by month or year is
  left out: an event on the 1st would state a date nobody recorded.
- A task's deadline is an all-day event on its due day; for a month, quarter, half-year or year, on the last
  day of that period (what "overdue" counts against). Tasks without a deadline are left out; cancelled ones
  are kept with STATUS:CANCELLED.
- UIDs come from the file's path (krat.outputs.exports.stable_id); DTSTAMP is the build date, midnight UTC, so a
  build with SOURCE_DATE_EPOCH gives the same bytes.
"""

import datetime
from collections.abc import Iterator

from krat.content.catalog import Catalog
from krat.content.plans import Plan, Task
from krat.content.records import Record
from krat.content.refdata import Prefecture
from krat.outputs.exports import (
    TIMEZONE_NAME,
    Links,
    clean,
    deadlines_calendar_path,
    marked,
    meetings_calendar_path,
    stable_id,
)

PRODUCT = "-//KRAT//Faqja e Komiteteve Rajonale Antitrafik//SQ"
LINE_OCTETS = 75
REFRESH = "PT12H"
# Europe/Tirane since 1996 (EU rules: summer time from the last Sunday of March to the last Sunday of October).
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TIMEZONE_NAME}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19960331T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def generate_calendars(catalog: Catalog, links: Links) -> Iterator[tuple[str, bytes]]:
    """Both calendars of every prefecture as (site path, bytes), one at a time (`dict()` collects them)."""
    stamp = f"DTSTAMP:{catalog.today:%Y%m%d}T000000Z"
    for prefecture in catalog.refdata.prefectures:
        meetings = [meeting_event(record, links, stamp) for record in reversed(catalog.by_prefecture[prefecture.slug])]
        yield (
            meetings_calendar_path(prefecture.slug),
            render_calendar(
                f"KRAT/TTAT {prefecture.name} — mbledhjet",
                f"Mbledhjet e KRAT dhe TTAT të Qarkut {prefecture.name}, të kaluarat dhe të ardhshmet. "
                "Mbledhjet pa datë të plotë nuk janë në kalendar.",
                [event for event in meetings if event],
            ),
        )
        deadlines = [
            deadline_event(plan, task, prefecture, catalog.today, links, stamp)
            for plan in catalog.plans_of(prefecture.slug)
            for task in plan.tasks
            if task.due
        ]
        yield (
            deadlines_calendar_path(prefecture.slug),
            render_calendar(
                f"KRAT/TTAT {prefecture.name} — afatet e detyrave",
                f"Afatet e detyrave të planeve rajonale të veprimit të Qarkut {prefecture.name}, me statusin në "
                f"datën e ndërtimit të faqes ({catalog.today:%d.%m.%Y}).",
                deadlines,
            ),
        )


def meeting_event(record: Record, links: Links, stamp: str) -> list[str] | None:
    """A meeting as a VEVENT; None when only its month or year is known."""
    date = record.date
    if not date.is_exact:
        return None
    day = datetime.date(date.year, date.month, date.day)
    if record.time:
        when = [f"DTSTART;TZID={TIMEZONE_NAME}:{day:%Y%m%d}T{record.time.replace(':', '')}00"]
    else:
        when = _all_day(day)
    url = links.absolute(record.url)
    about = f"{record.kind_label} — {', '.join(record.bodies)}" + (
        f" — periudha {record.period}" if record.period else ""
    )
    description = "\n".join(part for part in (about, record.one_line, f"Procesverbali: {url}" if url else "") if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{stable_id(record.src_uri)}",
        stamp,
        *when,
        _text("SUMMARY", marked(record.title, record.visibility)),
        _text("DESCRIPTION", description),
        _text("CATEGORIES", record.kind_label),
        f"CLASS:{'CONFIDENTIAL' if record.visibility == 'internal' else 'PUBLIC'}",
    ]
    lines += [_text("LOCATION", record.place)] if record.place else []
    lines += [f"URL:{url}"] if url else []
    return lines + ["END:VEVENT"]


def deadline_event(
    plan: Plan, task: Task, prefecture: Prefecture, today: datetime.date, links: Links, stamp: str
) -> list[str]:
    """A task's deadline as an all-day VEVENT on the last day of its due period, with the current status."""
    url = links.absolute(task.url)
    period = "" if task.due.end.isoformat() == task.due.text else " (dita e fundit e periudhës)"
    parts = [
        f"{plan.display_title}",
        f"Afati: {task.due.display}{period}",
        f"Statusi më {today:%d.%m.%Y}: {task.status_label}" + (" — afati ka kaluar" if task.overdue else ""),
        "Përgjegjës: " + "; ".join(institution.name for institution in task.responsible),
        f"Treguesi: {task.indicator}" if task.indicator else "",
        f"Detyra: {url}" if url else "",
    ]
    lines = [
        "BEGIN:VEVENT",
        f"UID:{stable_id(f'{plan.src_uri}#{task.id}')}",
        stamp,
        *_all_day(task.due.end),
        _text("SUMMARY", marked(f"Afati i detyrës {task.id}: {task.title}", plan.visibility)),
        _text("DESCRIPTION", "\n".join(part for part in parts if part)),
        _text("CATEGORIES", "Afat i planit të veprimit"),
        f"CLASS:{'CONFIDENTIAL' if plan.visibility == 'internal' else 'PUBLIC'}",
        "TRANSP:TRANSPARENT",
    ]
    lines += ["STATUS:CANCELLED"] if task.status == "cancelled" else []
    lines += [f"URL:{url}"] if url else []
    return lines + ["END:VEVENT"]


def render_calendar(name: str, description: str, events: list[list[str]]) -> bytes:
    """A VCALENDAR with its name, description, refresh hint, the time zone and `events`, folded, CRLF."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        _text("NAME", name),
        _text("X-WR-CALNAME", name),
        _text("DESCRIPTION", description),
        _text("X-WR-CALDESC", description),
        f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}",
        f"X-PUBLISHED-TTL:{REFRESH}",
        *VTIMEZONE,
    ]
    for event in events:
        lines += event
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets (RFC 5545, 3.1), never inside a UTF-8 character;
    continuation lines start with one space."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return line
    parts, start, limit = [], 0, LINE_OCTETS
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            end -= 1
        parts.append(data[start:end])
        start, limit = end, LINE_OCTETS - 1  # the leading space takes one octet
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and line ends escaped."""
    value = clean(value.replace("\r\n", "\n").replace("\r", "\n"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _text(name: str, value: str) -> str:
    return f"{name}:{escape_text(value)}"


def _all_day(day: datetime.date) -> list[str]:
    return [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}"]
