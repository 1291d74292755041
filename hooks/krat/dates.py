"""Dates that may be partial: a full ISO date, or only a year-month or a year when the source gives no day.

Partial dates sort at the start of their known period and say on the page that the exact date is not known.
"""

import calendar
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
            raise ValueError(
                f"'{text}' duhet shkruar si vit-muaj-ditë: '{year}-{int(month):02d}-{int(day):02d}'"
            )
        raise ValueError(
            f"'{text}' nuk është datë; shkruani 'VVVV-MM-DD' (p.sh. 2018-02-16), 'VVVV-MM' ose 'VVVV'"
        )
    year, month, day = (int(part) if part else 0 for part in match.groups())
    if match.group(2) and not 1 <= month <= 12:
        raise ValueError(f"'{text}': muaji {month} nuk ekziston (1–12)")
    if match.group(3):
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"'{text}' nuk është datë e vlefshme: {MONTHS[month - 1]} {year} ka {last} ditë")
    return PartialDate(year, month, day)
