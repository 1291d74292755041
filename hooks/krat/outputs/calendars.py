"""iCalendar files (RFC 5545), two per prefecture: its meetings (past and future) and the deadlines of the tasks
of its action plans. This module decides which events there are and what they say; the `icalendar` library writes
them (CRLF line ends, lines folded at 75 octets, TEXT values escaped). Control characters are removed first
(`krat.outputs.exports.clean`): the library would write them as they are.

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
from collections.abc import Iterable, Iterator

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vDuration, vText

from krat import routes
from krat.content.catalog import Catalog
from krat.content.plans import Plan, Task
from krat.content.records import Record
from krat.content.refdata import Prefecture
from krat.outputs.exports import TIMEZONE_NAME, Links, clean, local_start, marked, stable_id

PRODUCT = "-//KRAT//Faqja e Komiteteve Rajonale Antitrafik//SQ"
REFRESH = datetime.timedelta(hours=12)


def generate_calendars(catalog: Catalog, links: Links) -> Iterator[tuple[str, bytes]]:
    """Both calendars of every prefecture as (site path, bytes), one at a time (`dict()` collects them)."""
    stamp = datetime.datetime.combine(catalog.today, datetime.time(), datetime.UTC)
    for prefecture in catalog.refdata.prefectures:
        meetings = [meeting_event(record, links, stamp) for record in reversed(catalog.by_prefecture[prefecture.slug])]
        yield (
            routes.meetings_calendar(prefecture.slug),
            render_calendar(
                f"KRAT/TTAT {prefecture.name} — mbledhjet",
                f"Mbledhjet e KRAT dhe TTAT të Qarkut {prefecture.name}, të kaluarat dhe të ardhshmet. "
                "Mbledhjet pa datë të plotë nuk janë në kalendar.",
                [event for event in meetings if event is not None],
            ),
        )
        deadlines = [
            deadline_event(plan, task, prefecture, catalog.today, links, stamp)
            for plan in catalog.plans_of(prefecture.slug)
            for task in plan.tasks
            if task.due
        ]
        yield (
            routes.deadlines_calendar(prefecture.slug),
            render_calendar(
                f"KRAT/TTAT {prefecture.name} — afatet e detyrave",
                f"Afatet e detyrave të planeve rajonale të veprimit të Qarkut {prefecture.name}, me statusin në "
                f"datën e ndërtimit të faqes ({catalog.today:%d.%m.%Y}).",
                deadlines,
            ),
        )


def meeting_event(record: Record, links: Links, stamp: datetime.datetime) -> Event | None:
    """A meeting as a VEVENT; None when only its month or year is known."""
    date = record.date
    if not date.is_exact:
        return None
    url = links.absolute(record.url)
    about = f"{record.kind_label} — {', '.join(record.bodies)}" + (
        f" — periudha {record.period}" if record.period else ""
    )
    description = "\n".join(part for part in (about, record.one_line, f"Procesverbali: {url}" if url else "") if part)
    event = Event()
    event.add("UID", stable_id(record.src_uri))
    event.add("DTSTAMP", stamp)
    if record.time:
        event.add("DTSTART", local_start(date, record.time))  # TZID=Europe/Tirane, from the datetime's zone
    else:
        _all_day(event, datetime.date(date.year, date.month, date.day))
    event.add("SUMMARY", text(marked(record.title, record.visibility)))
    event.add("DESCRIPTION", text(description))
    event.add("CATEGORIES", text(record.kind_label))
    event.add("CLASS", "CONFIDENTIAL" if record.visibility == "internal" else "PUBLIC")
    if record.place:
        event.add("LOCATION", text(record.place))
    if url:
        event.add("URL", url)
    return event


def deadline_event(
    plan: Plan, task: Task, prefecture: Prefecture, today: datetime.date, links: Links, stamp: datetime.datetime
) -> Event:
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
    event = Event()
    event.add("UID", stable_id(f"{plan.src_uri}#{task.id}"))
    event.add("DTSTAMP", stamp)
    _all_day(event, task.due.end)
    event.add("SUMMARY", text(marked(f"Afati i detyrës {task.id}: {task.title}", plan.visibility)))
    event.add("DESCRIPTION", text("\n".join(part for part in parts if part)))
    event.add("CATEGORIES", text("Afat i planit të veprimit"))
    event.add("CLASS", "CONFIDENTIAL" if plan.visibility == "internal" else "PUBLIC")
    event.add("TRANSP", "TRANSPARENT")
    if task.status == "cancelled":
        event.add("STATUS", "CANCELLED")
    if url:
        event.add("URL", url)
    return event


def render_calendar(name: str, description: str, events: Iterable[Event]) -> bytes:
    """A VCALENDAR with its name, description, refresh hint, the time zone and `events`."""
    calendar = Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", PRODUCT)
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    # The library knows no value type for NAME and the X-WR- names and would write a plain string unescaped.
    calendar.add("NAME", text(name))
    calendar.add("X-WR-CALNAME", text(name))
    calendar.add("DESCRIPTION", text(description))
    calendar.add("X-WR-CALDESC", text(description))
    calendar.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})  # RFC 7986 requires VALUE=DURATION
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    calendar.add_component(tirane_timezone())
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical(sorted=False)  # properties in the order above, not the library's alphabetical one


def tirane_timezone() -> Timezone:
    """Europe/Tirane since 1996 (EU rules: summer time from the last Sunday of March to the last Sunday of
    October), as a VTIMEZONE of two yearly rules rather than the library's list of every past change."""
    timezone = Timezone()
    timezone.add("TZID", TIMEZONE_NAME)
    for kind, offsets, name, start, month in (
        (TimezoneDaylight, (1, 2), "CEST", datetime.datetime(1996, 3, 31, 2), 3),
        (TimezoneStandard, (2, 1), "CET", datetime.datetime(1996, 10, 27, 3), 10),
    ):
        rule = kind()
        rule.add("TZOFFSETFROM", datetime.timedelta(hours=offsets[0]))
        rule.add("TZOFFSETTO", datetime.timedelta(hours=offsets[1]))
        rule.add("TZNAME", name)
        rule.add("DTSTART", start)
        rule.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": "-1SU"})
        timezone.add_component(rule)
    return timezone


def text(value: str) -> vText:
    """A TEXT value without the control characters iCalendar cannot carry; the library escapes the rest. CR LF
    and CR become LF before the cleaning (CR, VT, LF stays two line ends)."""
    return vText(clean(value.replace("\r\n", "\n").replace("\r", "\n")))


def _all_day(event: Event, day: datetime.date) -> None:
    event.add("DTSTART", day)  # VALUE=DATE, from the type
    event.add("DTEND", day + datetime.timedelta(days=1))
