"""Pictures of the committees' work, drawn at build time as inline SVG from the same catalog as the pages.

Every figure here is plain data (numbers, positions, labels); the templates in overrides/partials/krat-chart-*.html
and krat-map.html turn it into SVG, with a title, a description and the same numbers in a table beside it, so
the pictures need no JavaScript and no chart library, and a reader who cannot see them loses nothing.

Counts come only from what the catalog publishes: in the public build an internal record or plan never changes a
figure. Colours are a single-hue ramp from light to dark (told apart in greyscale and by colour-blind readers),
and each figure writes its numbers next to the marks.

- The map (`prefecture_map`): each prefecture shaded by one of a few measures the reader chooses.
- Meetings per year per prefecture (`meetings_heat`), newest year first; prefectures that published nothing are
  named in a sentence instead of drawn as empty rows.
- Plan progress (`plan_progress`): each prefecture's plans, newest first, as bars split by task status.
- Task status across the prefectures' current plans (`status_totals`).
- Awareness activity by month of the year (`awareness_months`), October and the campaign days marked.
- One prefecture's meetings per year (`meetings_by_year`).
"""

import datetime
import math
from collections import Counter
from dataclasses import dataclass, field

from krat.content.catalog import Catalog
from krat.content.contacts import year_before
from krat.content.dates import MONTHS
from krat.content.plans import Plan
from krat.content.refdata import Prefecture
from krat.content.schema import STATUSES
from krat.site.awareness import is_awareness_activity
from krat.site.geomap import MapShapes, RegionShape, albania_map

LEVELS = 4  # shades of the ramp for values above zero
NATIONAL_MONTH = 10  # October, the national anti-trafficking month (content/_data/campaigns.yml)


def level(value: int | None, top: int) -> str:
    """The shade of `value` on a ramp whose darkest step is `top`: 'none' (no data), '0', or '1'..'4'."""
    if value is None:
        return "none"
    if value <= 0 or top <= 0:
        return "0"
    return str(min(LEVELS, math.ceil(LEVELS * value / top)))


# --- the map ---------------------------------------------------------------------------------------------------


@dataclass
class Measure:
    """One measure the map can show: a value per prefecture (None: nothing to measure) and how to say it."""

    name: str
    values: dict[str, int | None]
    unit: str  # e.g. "mbledhje", or "%" for a share
    unit_one: str = ""  # the unit after 1, when it differs ("procesverbal")
    top: int = 0

    def __post_init__(self):
        self.top = 100 if self.unit == "%" else max((v or 0 for v in self.values.values()), default=0)

    def level(self, slug: str) -> str:
        return level(self.values[slug], self.top)

    def says(self, slug: str) -> str:
        """The value in words, for the region's accessible name: '1 procesverbal', '40%', 'pa plan me detyra'."""
        value = self.values[slug]
        if value is None or self.unit == "%":
            return self.number(slug)
        return f"{value} {self.unit_one if value == 1 and self.unit_one else self.unit}"

    def number(self, slug: str) -> str:
        """The value as the table beside the map shows it, under a heading that names the unit."""
        value = self.values[slug]
        if value is None:
            return "pa plan me detyra"
        return f"{value}%" if self.unit == "%" else str(value)

    @property
    def everywhere_zero(self) -> bool:
        """True when no prefecture has anything to show for this measure (the map is one pale colour)."""
        return not any(self.values.values())

    @property
    def legend(self) -> list[tuple[str, str]]:
        """(level, what it covers) for each shade, lightest first."""
        if self.unit == "%":
            steps = [("0", "0%")] + [(str(i), f"deri {25 * i}%") for i in range(1, LEVELS + 1)]
            return steps + [("none", "pa plan me detyra")]
        steps = [("0", "0")]
        for i in range(1, LEVELS + 1):
            low, high = math.floor(self.top * (i - 1) / LEVELS) + 1, math.floor(self.top * i / LEVELS)
            if high >= low:
                steps.append((str(i), str(low) if low == high else f"{low}–{high}"))
        return steps


@dataclass
class MapRegion:
    shape: RegionShape
    prefecture: Prefecture
    classes: str  # one class per measure, e.g. "m0-3 m1-2 m2-none"
    says: str  # the region's accessible name: its name and every measure


@dataclass
class MapFigure:
    """The twelve prefectures, each a link to its page, shaded by the chosen measure; `current` is highlighted."""

    shapes: MapShapes
    measures: list[Measure]
    regions: list[MapRegion]
    current: str | None
    silent: list[Prefecture]  # prefectures that have published no record


def recent_meetings(records: list, today: datetime.date) -> int:
    """Records dated within the 12 months before `today` (a date known only to the month counts by its month;
    one known only by its year is left out: it may or may not fall in the window)."""
    start = year_before(today)
    counted = 0
    for record in records:
        date = record.date
        if date.is_exact:
            counted += start < datetime.date(date.year, date.month, date.day) <= today
        elif date.month:
            counted += (start.year, start.month) < (date.year, date.month) <= (today.year, today.month)
    return counted


def prefecture_map(catalog: Catalog, current: str | None = None) -> MapFigure:
    """The map with its three measures: meetings in the last 12 months, all published records, and the share
    of done tasks in each prefecture's current plan."""
    slugs = [prefecture.slug for prefecture in catalog.refdata.prefectures]
    by_prefecture = catalog.by_prefecture
    measures = [
        Measure(
            "Mbledhjet në 12 muajt e fundit",
            {slug: recent_meetings(by_prefecture[slug], catalog.today) for slug in slugs},
            "mbledhje",
        ),
        Measure(
            "Procesverbalet e publikuara",
            {slug: len(by_prefecture[slug]) for slug in slugs},
            "procesverbale",
            "procesverbal",
        ),
        Measure(
            "Detyrat e realizuara të planit aktual",
            {slug: done_share(catalog.current_plan(slug)) for slug in slugs},
            "%",
        ),
    ]
    shapes = albania_map()
    prefectures = {prefecture.slug: prefecture for prefecture in catalog.refdata.prefectures}
    regions = []
    for shape in shapes.regions:
        prefecture = prefectures[shape.slug]
        classes = " ".join(f"m{index}-{measure.level(shape.slug)}" for index, measure in enumerate(measures))
        says = f"{prefecture.name}: " + "; ".join(f"{m.name.lower()}: {m.says(shape.slug)}" for m in measures)
        regions.append(MapRegion(shape, prefecture, classes, says))
    silent = [prefectures[slug] for slug in slugs if not by_prefecture[slug]]
    return MapFigure(shapes, measures, regions, current, silent)


def done_share(plan: Plan | None) -> int | None:
    return plan.done_share if plan is not None else None


# --- meetings per year -----------------------------------------------------------------------------------------


@dataclass
class HeatRow:
    prefecture: Prefecture
    cells: list[tuple[int, int, str]]  # (year, meetings, level), newest year first
    total: int


@dataclass
class HeatGrid:
    """Meetings per year (columns, newest first) per prefecture (rows); only prefectures that published."""

    years: list[int]
    rows: list[HeatRow]
    top: int
    silent: list[Prefecture]
    total: int
    label, cell, head = 92, 26, 22  # the row names' width, a cell's side, the year row's height

    @property
    def width(self) -> int:
        return self.label + self.cell * len(self.years)

    @property
    def height(self) -> int:
        return self.head + self.cell * len(self.rows)


def meetings_heat(catalog: Catalog) -> HeatGrid:
    counts = Counter((record.prefecture.slug, record.date.year) for record in catalog.records)
    years = sorted({year for _, year in counts}, reverse=True)
    if years:
        years = list(range(max(years[0], catalog.today.year), years[-1] - 1, -1))
    top = max(counts.values(), default=0)
    rows, silent = [], []
    for prefecture in catalog.refdata.prefectures:
        cells = [(year, counts[prefecture.slug, year], level(counts[prefecture.slug, year], top)) for year in years]
        total = sum(count for _, count, _ in cells)
        if total:
            rows.append(HeatRow(prefecture, cells, total))
        else:
            silent.append(prefecture)
    return HeatGrid(years, rows, top, silent, len(catalog.records))


# --- plans -----------------------------------------------------------------------------------------------------

STATUS_ORDER = ["done", "in-progress", "delayed", "not-started", "cancelled"]  # darkest first
LEGEND = [(status, STATUSES[status]) for status in STATUS_ORDER]


@dataclass
class Segment:
    status: str
    label: str
    count: int
    start: float  # share of the bar before this segment, 0..1
    share: float


def segments(counts: dict[str, int]) -> list[Segment]:
    """A bar split by task status, in STATUS_ORDER, empty statuses left out."""
    total = sum(counts.values())
    parts, start = [], 0.0
    for status in STATUS_ORDER:
        if counts.get(status):
            share = counts[status] / total
            parts.append(Segment(status, STATUSES[status], counts[status], start, share))
            start += share
    return parts


@dataclass
class PlanBar:
    plan: Plan
    parts: list[Segment]
    tasks: int


@dataclass
class PrefecturePlans:
    prefecture: Prefecture
    bars: list[PlanBar]  # newest plan first


@dataclass
class PlanProgress:
    rows: list[PrefecturePlans]
    silent: list[Prefecture]  # prefectures with no published plan
    columns: int
    label, cell, row, bar = 92, 52, 44, 18  # the row names' width, a plan's column, a row's height, a bar's height
    shown = 8  # plans drawn per prefecture, newest first (the table lists them all)
    statuses = LEGEND

    @property
    def plan_count(self) -> int:
        return sum(len(row.bars) for row in self.rows)

    @property
    def any_tasks(self) -> bool:
        """False when no plan has published tasks: then there is nothing to draw, only to say."""
        return any(bar.tasks for row in self.rows for bar in row.bars)

    @property
    def hidden(self) -> bool:
        """True when some prefecture has more plans than the picture draws."""
        return self.columns > self.shown

    @property
    def width(self) -> int:
        return self.label + self.cell * max(min(self.columns, self.shown), 1)

    @property
    def height(self) -> int:
        return self.row * len(self.rows)


def plan_bar(plan: Plan) -> PlanBar:
    return PlanBar(plan, segments(Counter(task.status for task in plan.tasks)), len(plan.tasks))


def plan_progress(catalog: Catalog, only: str | None = None) -> PlanProgress:
    """Each prefecture's plans, newest first (only `only`'s when given)."""
    rows, silent = [], []
    for prefecture in catalog.refdata.prefectures:
        if only and prefecture.slug != only:
            continue
        plans = sorted(catalog.plans_of(prefecture.slug), key=lambda plan: plan.years[0], reverse=True)
        if plans:
            rows.append(PrefecturePlans(prefecture, [plan_bar(plan) for plan in plans]))
        else:
            silent.append(prefecture)
    return PlanProgress(rows, silent, max((len(row.bars) for row in rows), default=0))


@dataclass
class StatusTotals:
    """Task status across the prefectures' current plans (krat.content.catalog.Catalog.current_plan)."""

    plans: list[Plan]
    parts: list[Segment]
    tasks: int
    year: int  # the build year: a current plan covers it, or is the latest
    statuses = LEGEND


def status_totals(catalog: Catalog) -> StatusTotals:
    plans = [plan for p in catalog.refdata.prefectures if (plan := catalog.current_plan(p.slug)) and plan.tasks]
    counts = Counter(task.status for plan in plans for task in plan.tasks)
    return StatusTotals(plans, segments(counts), sum(counts.values()), catalog.today.year)


# --- horizontal bars -------------------------------------------------------------------------------------------


@dataclass
class Bar:
    label: str
    value: int
    note: str = ""  # printed after the number, e.g. the campaign days of the month
    highlight: bool = False


@dataclass
class BarChart:
    """Horizontal bars, one row each, with the number written after every bar. The geometry (in the SVG's own
    units): labels end at `label_end`, bars start at `bar_start` and the longest is `space` long."""

    bars: list[Bar]
    unit: str
    top: int = field(init=False)
    width, row, label_end, bar_start, space = 420, 24, 90, 96, 150

    def __post_init__(self):
        self.top = max((bar.value for bar in self.bars), default=0)

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)

    @property
    def height(self) -> int:
        return self.row * len(self.bars) + 4

    def length(self, bar: Bar) -> float:
        """The bar's length (0 for 0; at least 2 for any value above 0, so that it shows)."""
        return 0 if not self.top or not bar.value else max(2.0, round(self.space * bar.value / self.top, 1))


def awareness_months(catalog: Catalog) -> BarChart:
    """Awareness activity (published campaigns and meetings on awareness) by month of the year, over all years;
    October and the months of the campaign days marked. Records dated only by year are not counted."""
    counts = Counter(
        record.date.month for record in catalog.records if is_awareness_activity(record) and record.date.month
    )
    days: dict[int, list[str]] = {}
    for campaign in catalog.campaigns:
        if campaign.day:
            days.setdefault(campaign.month, []).append(f"{campaign.day} {MONTHS[campaign.month - 1]}")
    bars = []
    for month in range(1, 13):
        notes = (["muaji kombëtar"] if month == NATIONAL_MONTH else []) + days.get(month, [])
        bars.append(Bar(MONTHS[month - 1].capitalize(), counts[month], ", ".join(notes), bool(notes)))
    return BarChart(bars, "veprimtari")


def meetings_by_year(catalog: Catalog, slug: str) -> BarChart:
    """One prefecture's published records per year, newest first."""
    groups = catalog.timeline(slug)
    if not groups:
        return BarChart([], "mbledhje")
    counts = {group.year: len(group.records) for group in groups}
    years = range(max(groups[0].year, catalog.today.year), groups[-1].year - 1, -1)
    return BarChart([Bar(str(year), counts.get(year, 0)) for year in years], "mbledhje")
