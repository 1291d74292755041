"""The campaign calendar: which campaign the awareness page announces on fixed dates, and validation."""

import datetime

import pytest
from conftest import write
from krat.content.campaigns import Campaign, next_campaign
from krat.content.catalog import build_catalog
from krat.content.problems import ContentError

WORLD_DAY = "Dita Botërore kundër Trafikimit të Personave"
EU_DAY = "Dita Evropiane kundër Trafikimit"
MONTH = "Muaji kombëtar kundër trafikimit"


@pytest.fixture
def calendar(content) -> list[Campaign]:
    """The real content/_data/campaigns.yml."""
    return build_catalog(content).campaigns


@pytest.mark.parametrize(
    ("today", "status", "name", "date", "within", "countdown"),
    [
        ("2018-08-01", "upcoming", EU_DAY, "2018-10-18", MONTH, "pas 78 ditësh"),  # the day, not 1 October
        ("2018-07-29", "upcoming", WORLD_DAY, "2018-07-30", None, "nesër"),
        ("2018-07-30", "today", WORLD_DAY, "2018-07-30", None, "sot"),
        ("2018-10-01", "current", MONTH, "2018-10-01", None, "po zhvillohet"),
        ("2018-10-17", "current", MONTH, "2018-10-01", None, "po zhvillohet"),  # the month under way wins
        ("2018-10-18", "today", EU_DAY, "2018-10-18", MONTH, "sot"),  # the day itself wins over its month
        ("2018-10-31", "current", MONTH, "2018-10-01", None, "po zhvillohet"),
        ("2018-11-01", "upcoming", WORLD_DAY, "2019-07-30", None, "pas 271 ditësh"),
        ("2006-08-01", "upcoming", WORLD_DAY, "2007-07-30", None, "pas 363 ditësh"),  # EU day only since 2007
    ],
)
def test_next_campaign_on_fixed_dates(calendar, today, status, name, date, within, countdown):
    found = next_campaign(calendar, datetime.date.fromisoformat(today))
    assert (found.status, found.campaign.name, found.date.isoformat()) == (status, name, date)
    assert (found.within.name if found.within else None, found.countdown) == (within, countdown)


def test_display_of_a_day_and_of_a_month(calendar):
    assert next_campaign(calendar, datetime.date(2018, 8, 1)).display == "18 tetor 2018"
    assert next_campaign(calendar, datetime.date(2018, 10, 5)).display == "tetor 2018"
    assert [campaign.when for campaign in calendar] == ["30 korrik", "18 tetor", "gjithë muaji tetor"]


def test_a_month_is_announced_ahead_only_when_there_are_no_single_days():
    month = Campaign("Muaji", 10, {"title": "A", "url": "https://example.org/"})
    found = next_campaign([month], datetime.date(2018, 8, 1))
    assert (found.status, found.date, found.days_left) == ("upcoming", datetime.date(2018, 10, 1), 61)
    assert next_campaign([], datetime.date(2018, 8, 1)) is None


def test_campaign_problems_are_reported_with_lines(content):
    source = '{title: A, url: "https://example.org/"}'
    write(content, "_data/campaigns.yml", f"campaigns:\n  - {{name: Dita, month: 9, day: 31, source: {source}}}\n")
    with pytest.raises(ContentError) as caught:
        build_catalog(content)
    assert [str(problem) for problem in caught.value.problems] == [
        "content/_data/campaigns.yml:2: campaigns.day: shtator ka 30 ditë; dita 31 nuk ekziston"
    ]
    write(content, "_data/campaigns.yml", "campaigns:\n  - name: Muaji\n    month: 13\n    source: {title: A}\n")
    with pytest.raises(ContentError) as caught:
        build_catalog(content)
    assert [str(problem) for problem in caught.value.problems] == [
        "content/_data/campaigns.yml:3: campaigns.month: '13' nuk lejohet; duhet një numër i plotë nga 1 deri në 12",
        "content/_data/campaigns.yml:4: campaigns.source.url: mungon, është e detyrueshme (Adresa e plotë e burimit); "
        "p.sh. url: https://www.unodc.org/...",
    ]
