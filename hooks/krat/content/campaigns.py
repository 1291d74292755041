"""The campaign calendar in `content/_data/campaigns.yml` (single days such as 30 July, and month-long campaigns
such as October) and which campaign the awareness page announces for the build date.

The rule of `next_campaign`, in order:
1. today is a campaign day → that day ("sot"), with the month-long campaign it falls in, if any;
2. today falls in a month-long campaign → that month ("po zhvillohet");
3. otherwise → the nearest coming campaign *day*, with the month-long campaign it falls in. A month is announced
   ahead only when the calendar has no single days: on 1 August the page names 18 October (the EU day) "during the
   national anti-trafficking month", rather than "1 October", which is not a day anyone marks.
"""

import calendar
import datetime
from dataclasses import dataclass
from pathlib import Path

from krat.content.datafiles import load_entries
from krat.content.dates import MONTHS, PartialDate
from krat.content.problems import Problem
from krat.content.refdata import ReferenceData
from krat.content.schema import CAMPAIGNS_FILE_FIELDS

CAMPAIGNS_FILE = "campaigns.yml"
YEARS_AHEAD = 8  # enough to reach the next 29 February


@dataclass(frozen=True)
class Campaign:
    """A yearly awareness day (`day` set) or a month-long campaign (`day` None), with its source."""

    name: str
    month: int
    source: dict
    day: int | None = None
    since: int | None = None
    description: str = ""

    @property
    def when(self) -> str:
        """Albanian: '30 korrik', or 'gjithë muaji tetor' for a month-long campaign."""
        month = MONTHS[self.month - 1]
        return f"{self.day} {month}" if self.day else f"gjithë muaji {month}"

    def on(self, year: int) -> datetime.date | None:
        """This campaign's day in `year` (the first of the month for a month); None before `since` or when the
        day does not exist that year (29 February)."""
        if self.since and year < self.since:
            return None
        try:
            return datetime.date(year, self.month, self.day or 1)
        except ValueError:
            return None


@dataclass(frozen=True)
class NextCampaign:
    """What the awareness page announces: `status` is 'today', 'current' (inside a month-long campaign) or
    'upcoming'; `within` is the month-long campaign the day falls in."""

    campaign: Campaign
    date: datetime.date
    status: str
    within: Campaign | None = None
    days_left: int = 0

    @property
    def countdown(self) -> str:
        """Albanian: 'sot', 'po zhvillohet' (a month under way), 'nesër' or 'pas 78 ditësh'."""
        if self.status != "upcoming":
            return "sot" if self.status == "today" else "po zhvillohet"
        return "nesër" if self.days_left == 1 else f"pas {self.days_left} ditësh"

    @property
    def display(self) -> str:
        """'18 tetor 2018', or 'tetor 2018' for a month."""
        day = self.date.day if self.campaign.day else 0
        return PartialDate(self.date.year, self.date.month, day).display


def load_campaigns(data_dir: Path, shown_dir: str, refdata: ReferenceData) -> tuple[list[Campaign], list[Problem]]:
    """Validate campaigns.yml; a day must exist in its month (31 September is refused, 29 February allowed)."""
    entries, document, problems = load_entries(data_dir, shown_dir, CAMPAIGNS_FILE, CAMPAIGNS_FILE_FIELDS, refdata)
    for index, entry in enumerate(entries):
        last = calendar.monthrange(2000, entry["month"])[1]  # a leap year: 29 February is a real day
        if entry.get("day", 0) > last:
            message = f"{MONTHS[entry['month'] - 1]} ka {last} ditë; dita {entry['day']} nuk ekziston"
            problems.append(Problem(document.path, document.line("campaigns", index, "day"), "campaigns.day", message))
    if problems:
        return [], problems
    return [Campaign(**entry) for entry in entries], []


def next_campaign(campaigns: list[Campaign], today: datetime.date) -> NextCampaign | None:
    """The campaign to announce on `today`, by the rule in the module docstring; None for an empty calendar."""
    days = [campaign for campaign in campaigns if campaign.day]
    current_month = month_campaign_on(campaigns, today)
    for campaign in days:
        if campaign.on(today.year) == today:
            return NextCampaign(campaign, today, "today", current_month)
    if current_month:
        return NextCampaign(current_month, current_month.on(today.year), "current")
    candidates = days or campaigns
    coming = [(date, campaign) for campaign in candidates if (date := next_date(campaign, today))]
    if not coming:
        return None
    date, campaign = min(coming, key=lambda pair: pair[0])
    within = month_campaign_on(campaigns, date) if campaign.day else None
    return NextCampaign(campaign, date, "upcoming", within, (date - today).days)


def month_campaign_on(campaigns: list[Campaign], day: datetime.date) -> Campaign | None:
    """The month-long campaign running on `day`, if any."""
    return next((c for c in campaigns if not c.day and c.month == day.month and c.on(day.year)), None)


def next_date(campaign: Campaign, today: datetime.date) -> datetime.date | None:
    """The campaign's first day strictly after `today`."""
    for year in range(today.year, today.year + YEARS_AHEAD + 1):
        date = campaign.on(year)
        if date and date > today:
            return date
    return None
