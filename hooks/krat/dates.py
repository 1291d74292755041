"""Dates that may be partial: a full ISO date, or only a year-month or a year when the source gives no day.

Partial dates sort at the start of their known period and say on the page that the exact date is not known.
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


def parse_due(text: str) -> Due:
    """Parse a deadline; raise ValueError with an Albanian explanation when it is none of the accepted forms."""
    text = str(text).strip()
    quarter, half = QUARTER_PATTERN.match(text), HALF_PATTERN.match(text)
    if quarter:
        year, month = int(quarter.group(1)), 3 * int(quarter.group(2))
    elif half:
        year, month = int(half.group(1)), 6 * int(half.group(2))
    else:
        try:
            date = parse_partial_date(text)
        except ValueError as error:
            raise ValueError(f"{error}; ose tremujor '2018-Q2', ose gjashtëmujor '2018-H1'") from None
        if date.is_exact:
            return Due(datetime.date(date.year, date.month, date.day), date.iso)
        year, month = date.year, date.month or 12
    last_day = calendar.monthrange(year, month)[1]
    return Due(datetime.date(year, month, last_day), text.upper() if quarter or half else text)


def build_date() -> datetime.date:
    """Today for "overdue" and "next": from SOURCE_DATE_EPOCH when set, so a build can be reproduced exactly."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return datetime.date.today()
