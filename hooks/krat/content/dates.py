"""Dates that may be partial: a full ISO date, or only a year-month or a year when the source gives no day.

Partial dates sort at the start of their known period and say on the page that the exact date is not known.
Dates in content must also fall in a sane range (`check_range`): from 1990 to two years after the build date, or
ten for task deadlines. A year 0 or 9999 would pass the calendar checks and then crash whatever builds a
`datetime` from it (feeds, calendars, exports).
"""

import calendar
import datetime
import os
import re
from dataclasses import dataclass

MONTHS = [
    "janar", "shkurt", "mars", "prill", "maj", "qershor",
    "korrik", "gusht", "shtator", "tetor", "nëntor", "dhjetor",
]  # fmt: skip

ISO_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
LOCAL_PATTERN = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or the year; 0 marks an unknown month or day."""

    year: int
    month: int = 0
    day: int = 0

    @property
    def is_exact(self) -> bool:
        return self.day != 0

    @property
    def iso(self) -> str:
        """'2018-02-16', '2023-07' or '2023': the form used in front-matter and file names."""
        parts = [
            f"{self.year:04d}",
            f"{self.month:02d}" if self.month else "",
            f"{self.day:02d}" if self.day else "",
        ]
        return "-".join(part for part in parts if part)

    @property
    def display(self) -> str:
        """Albanian form for pages: '16 shkurt 2018', 'korrik 2023' or '2023'."""
        if self.day:
            return f"{self.day} {MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)


def parse_partial_date(text: str) -> PartialDate:
    """Parse 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'; raise ValueError with an Albanian explanation otherwise."""
    text = str(text).strip()
    match = ISO_PATTERN.match(text)
    if not match:
        local = LOCAL_PATTERN.match(text)
        if local:
            day, month, year = local.groups()
            raise ValueError(f"'{text}' duhet shkruar si vit-muaj-ditë: '{year}-{int(month):02d}-{int(day):02d}'")
        raise ValueError(f"'{text}' nuk është datë; shkruani 'VVVV-MM-DD' (p.sh. 2018-02-16), 'VVVV-MM' ose 'VVVV'")
    year, month, day = (int(part) if part else 0 for part in match.groups())
    if match.group(2) and not 1 <= month <= 12:
        raise ValueError(f"'{text}': muaji {month} nuk ekziston (1–12)")
    if match.group(3):
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"'{text}' nuk është datë e vlefshme: {MONTHS[month - 1]} {year} ka {last} ditë")
    return PartialDate(year, month, day)


FIRST_YEAR = 1990  # older than anything the committees (set up in the 2000s) have recorded
YEARS_AHEAD = 2  # meetings, articles, approvals and verifications: at most two years after the build date
DUE_YEARS_AHEAD = 10  # task deadlines: a plan may span several years
RECENT_LIMIT = "dy vjet pas datës së ndërtimit"
DUE_LIMIT = "dhjetë vjet pas datës së ndërtimit (afatet e një plani shtrihen në disa vite)"


# The day these limits were set: the upper limit never counts from an earlier day (`check_range`).
RULES_SET = datetime.date(2026, 12, 6)


def years_after(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February falls back to 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def check_range(
    start: PartialDate, text: str, years_ahead: int, limit: str, today: datetime.date | None = None
) -> None:
    """Raise ValueError with an Albanian explanation when the period starting at `start` (written `text`) begins
    before FIRST_YEAR or more than `years_ahead` years after `today`; `limit` says why the upper limit is there.

    `today` is the build date (`build_date()`: SOURCE_DATE_EPOCH's day when set), never the machine's clock: the
    same files and the same build date give the same verdict on any day. The limit counts from RULES_SET when the
    build date is earlier, so a build reproduced with an older SOURCE_DATE_EPOCH (or a test dated 2018) still
    accepts the dates of content written since (a help number verified in 2026)."""
    latest = years_after(max(today or build_date(), RULES_SET), years_ahead)
    if not PartialDate(FIRST_YEAR) <= start <= PartialDate(latest.year, latest.month, latest.day):
        raise ValueError(
            f"'{text}' është jashtë kufijve: lejohet nga viti {FIRST_YEAR} deri më {latest:%d.%m.%Y}, {limit}"
        )


def parse_recent_date(text: str, today: datetime.date | None = None) -> PartialDate:
    """A meeting, article, approval or verification date: `parse_partial_date`, within `check_range`."""
    date = parse_partial_date(text)
    check_range(date, str(text).strip(), YEARS_AHEAD, RECENT_LIMIT, today)
    return date


QUARTER_PATTERN = re.compile(r"^(\d{4})-[QqTt]([1-4])$")
HALF_PATTERN = re.compile(r"^(\d{4})-[Hh]([12])$")
ROMAN = ["I", "II", "III", "IV"]


@dataclass(frozen=True, order=True)
class Due:
    """A task deadline: a day, month, quarter ('2018-Q2'), half-year ('2018-H1') or year; `end` is its last day."""

    end: datetime.date
    text: str

    @property
    def display(self) -> str:
        """Albanian form: '30 qershor 2018', 'qershor 2018', 'tremujori II 2018', 'gjashtëmujori I 2018', '2018'."""
        quarter, half = QUARTER_PATTERN.match(self.text), HALF_PATTERN.match(self.text)
        if quarter:
            return f"tremujori {ROMAN[int(quarter.group(2)) - 1]} {quarter.group(1)}"
        if half:
            return f"gjashtëmujori {ROMAN[int(half.group(2)) - 1]} {half.group(1)}"
        return parse_partial_date(self.text).display


def parse_due(text: str, today: datetime.date | None = None) -> Due:
    """Parse a deadline, which may start up to DUE_YEARS_AHEAD years after the build date (`check_range`); raise
    ValueError with an Albanian explanation when it is none of the accepted forms or out of range."""
    text = str(text).strip()
    quarter, half = QUARTER_PATTERN.match(text), HALF_PATTERN.match(text)
    if quarter:
        start = PartialDate(int(quarter.group(1)), 3 * int(quarter.group(2)) - 2)
        last_month = start.month + 2
    elif half:
        start = PartialDate(int(half.group(1)), 6 * int(half.group(2)) - 5)
        last_month = start.month + 5
    else:
        try:
            start = parse_partial_date(text)
        except ValueError as error:
            raise ValueError(f"{error}; ose tremujor '2018-Q2', ose gjashtëmujor '2018-H1'") from None
        last_month = start.month or 12
    check_range(start, text, DUE_YEARS_AHEAD, DUE_LIMIT, today)  # before any datetime: year 0 would raise
    if start.is_exact:
        return Due(datetime.date(start.year, start.month, start.day), start.iso)
    last_day = calendar.monthrange(start.year, last_month)[1]
    return Due(datetime.date(start.year, last_month, last_day), text.upper() if quarter or half else text)


def build_date(epoch: str | None = None) -> datetime.date:
    """The build date, the one "today" of the domain (limits, "overdue", "next", stale contacts): the day of
    `epoch` (seconds), else of the SOURCE_DATE_EPOCH environment variable (reproducible-builds.org's standard,
    which the tests set for their whole session), else the machine's date."""
    epoch = epoch or os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return datetime.date.today()
