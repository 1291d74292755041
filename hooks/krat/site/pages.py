"""Which pages the site generates, and the documented context each page template receives.

Every template gets one object under the name `krat`; its class below is the contract for template authors.
Pages are keyed by URL, so a page written by hand at a generated address gets the same context.
"""

import datetime
import json
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby

from krat import routes
from krat.content.articles import Article
from krat.content.campaigns import Campaign, NextCampaign, next_campaign
from krat.content.catalog import Catalog, PrefectureSummary, YearGroup, by_year
from krat.content.contacts import Contact, help_bar
from krat.content.plans import CLOSED, Plan, Task, Update
from krat.content.records import Record
from krat.content.refdata import Institution, Prefecture, Topic
from krat.outputs.opendata import opendata_context
from krat.site.awareness import LATEST_ACTIVITY, ArticleGroup, awareness_activity, group_articles
from krat.site.charts import (
    BarChart,
    HeatGrid,
    MapFigure,
    PlanProgress,
    StatusTotals,
    awareness_months,
    meetings_by_year,
    meetings_heat,
    plan_progress,
    prefecture_map,
    status_totals,
)
from krat.site.facets import (
    FACETS,
    KIND,
    TOPIC,
    Choice,
    Facet,
    Value,
    article_values,
    choices,
    data_attributes,
    plan_values,
    prefecture_values,
    record_values,
)

LATEST_ON_HOME = 8


@dataclass
class GeneratedPage:
    """A page the build adds when nobody wrote one: where it goes, its title and its template."""

    src_uri: str
    title: str
    template: str

    @property
    def markdown(self) -> str:
        """Front-matter only; the title (from reference data) as a JSON string, which YAML reads as written."""
        return f"---\ntitle: {json.dumps(self.title, ensure_ascii=False)}\ntemplate: {self.template}\n---\n"


@dataclass
class HomeContext:
    """Home page (template home.html), for the public first: the numbers to call (those in the help bar, with
    whom each is for) and the awareness articles by reader; then the committees' work: the map, the latest
    records and the twelve prefectures at a glance."""

    latest: list[Record]
    prefectures: list[PrefectureSummary]
    total: int
    calls: list[Contact]
    by_audience: list[ArticleGroup]
    map: MapFigure


@dataclass
class PrefecturesContext:
    """/qarqet/ (template prefectures.html): the map, meetings per year per prefecture, and the twelve
    prefectures with counts and latest dates."""

    prefectures: list[PrefectureSummary]
    total: int
    map: MapFigure
    heat: HeatGrid


@dataclass
class PrefectureContext:
    """/qarqet/<slug>/ (template prefecture.html): one prefecture's timeline, grouped by year, newest first,
    its current action plan (the one covering the build year, else the latest) and all its plans; `awareness` is
    its awareness activity (campaigns and meetings on awareness, newest first), `articles` the awareness articles
    written for it; `current_plan_closed_on` is the last day of the current plan's period once it has ended."""

    prefecture: Prefecture
    timeline: list[YearGroup]
    count: int
    current_plan: Plan | None
    plans: list[Plan]
    awareness: list[Record] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    current_plan_closed_on: datetime.date | None = None
    map: MapFigure | None = None  # the twelve prefectures, this one outlined
    meetings: BarChart | None = None  # its records per year, newest first
    progress: PlanProgress | None = None  # its plans, newest first
    chaired: Record | None = None  # its latest record that names who chaired the meeting
    facets: list[Value] = field(default_factory=list)  # for the search index: its prefecture and kind


@dataclass
class TaskUpdateLink:
    """A task update as a meeting's page lists it."""

    task: Task
    update: Update


@dataclass
class RecordContext:
    """A record page (template record.html): the record, its older/newer neighbours in the prefecture, and the
    task updates it made (record.plan_links lists the plans it approved, reviewed or updated), and its facet values
    for the search index."""

    record: Record
    previous: Record | None
    next: Record | None
    task_updates: list[TaskUpdateLink]
    facets: list[Value]


@dataclass
class PlanContext:
    """An action plan page (template plan.html); the plan carries its objectives, tasks and histories. `members`
    is true in the members' build, the only one that shows staff how to fill a plan in."""

    plan: Plan
    today: object
    facets: list[Value]
    members: bool = False

    @property
    def closed_on(self) -> datetime.date | None:
        """The last day of the plan's period once the build date is past it (the plan is closed), else None."""
        return plan_closed_on(self.plan, self.today)

    @property
    def unfinished(self) -> int:
        """Tasks neither done nor cancelled: in a closed plan, the tasks that were not done in time."""
        return sum(task.status not in CLOSED for task in self.plan.tasks)


def plan_closed_on(plan: Plan, today: datetime.date) -> datetime.date | None:
    """The last day of `plan`'s period (31 December of its last year) when `today` is after it, else None."""
    end = datetime.date(plan.years[-1], 12, 31)
    return end if end < today else None


@dataclass
class PlanCell:
    """One prefecture-year cell of the plans matrix: the plans covering that year."""

    plans: list[Plan]


@dataclass
class PlanRow:
    prefecture: Prefecture
    cells: list[PlanCell]


@dataclass
class PlansContext:
    """/plane/ (template plans.html): the task status across the current plans, each prefecture's plans as
    bars (newest first), and a prefecture x year matrix of all plans with completion and overdue."""

    years: list[int]
    rows: list[PlanRow]
    plans: list[Plan]
    today: object
    totals: StatusTotals | None = None
    progress: PlanProgress | None = None

    def closed(self, plan: Plan) -> bool:
        """True once the plan's period has ended (krat.site.pages.plan_closed_on)."""
        return plan_closed_on(plan, self.today) is not None


@dataclass
class ArchiveEntry:
    """One record in the archive, with its facet codes as `data-*` attributes for the filters."""

    record: Record
    attributes: dict[str, str]


@dataclass
class ArchiveContext:
    """/arkiva/ (template archive.html): every published record, newest first, grouped by year (`years`: the
    year and its entries), and for each facet the values present with their counts (the filters' options)."""

    entries: list[ArchiveEntry]
    choices: list[tuple[Facet, list[Choice]]]

    @cached_property
    def years(self) -> list[tuple[int, list[ArchiveEntry]]]:
        return [(year, list(group)) for year, group in groupby(self.entries, key=lambda entry: entry.record.date.year)]


@dataclass
class SearchContext:
    """/kerko/ (template search.html): the facets, which name the search filters, and how many records exist."""

    facets: tuple[Facet, ...]
    total: int

    @property
    def filter_names(self) -> dict[str, str]:
        """URL parameter -> Pagefind filter name: {"qarku": "Qarku", ...}."""
        return {facet.param: facet.label for facet in self.facets}


TOPIC_KIND = Value(KIND, "tema", "Temë")  # what a topic's page is, as the search filter "Lloji" names it
INSTITUTION_KIND = Value(KIND, "institucion", "Institucion")


@dataclass
class PlanTask:
    """A task with its plan, as the topic and institution pages list it. `overdue` is the mark "Afati ka kaluar":
    only while the plan is open, since a closed plan says once, on its own page, that its period ended."""

    task: Task
    plan: Plan
    overdue: bool

    @property
    def open(self) -> bool:
        """Neither done nor cancelled: what the institution still owes (or, in a closed plan, did not do)."""
        return self.task.status not in CLOSED


@dataclass
class PrefectureRecords:
    """The records of one prefecture in a list, grouped by year (newest first), with their count."""

    prefecture: Prefecture
    years: list[YearGroup]
    count: int


@dataclass
class TopicContext:
    """/temat/<slug>/ (template topic.html): everything published on one topic, so a committee member finds it
    in one place: the records by prefecture and year, the awareness articles (newest first) and the plan tasks
    (newest plan first). `facets` mark the page for the search index."""

    topic: Topic
    records: list[PrefectureRecords]
    record_count: int
    articles: list[Article]
    tasks: list[PlanTask]
    facets: list[Value]

    @property
    def empty(self) -> bool:
        return not (self.record_count or self.articles or self.tasks)


@dataclass
class TopicSummary:
    """A topic on /temat/, with how many published records, articles and plan tasks are on it."""

    topic: Topic
    records: int
    articles: int
    tasks: int


@dataclass
class TopicsContext:
    """/temat/ (template topics.html): every topic of content/_data/topics.yml, in its order, with its counts."""

    topics: list[TopicSummary]


@dataclass
class PrefectureTaskCount:
    """One row of an institution's table: its tasks (as responsible) in one prefecture's plans, how many are
    open (neither done nor cancelled) and how many of those are overdue in a plan still running."""

    prefecture: Prefecture | None  # None in the total row
    tasks: int
    open: int
    overdue: int


@dataclass
class InstitutionContext:
    """/institucionet/<code>/ (template institution.html): what one institution owes and where it took part.
    `responsible` and `partner` are its tasks in every published plan, newest plan first; `counts` sums the
    responsible ones per prefecture (only prefectures where it has tasks), `total` over all of them; `meetings` are the
    published records that list it among the participants, by prefecture and year. (A record's chair and rapporteur
    are persons, a name and a role, never an institution's code: they cannot be matched.)"""

    institution: Institution
    responsible: list[PlanTask]
    partner: list[PlanTask]
    counts: list[PrefectureTaskCount]
    meetings: list[PrefectureRecords]
    meeting_count: int
    facets: list[Value]

    @property
    def responsible_by_prefecture(self) -> list[tuple[Prefecture, list[PlanTask]]]:
        """The responsible tasks grouped by the plan's prefecture, in the order of `counts` (each group newest plan
        first): "everything DVP owes in Shkodër" is one heading away."""
        return [
            (row.prefecture, [entry for entry in self.responsible if entry.plan.prefecture == row.prefecture])
            for row in self.counts
        ]

    @property
    def total(self) -> PrefectureTaskCount:
        """The sum of `counts`, the table's last row (its prefecture is None)."""
        sums = (sum(getattr(row, name) for row in self.counts) for name in ("tasks", "open", "overdue"))
        return PrefectureTaskCount(None, *sums)


@dataclass
class InstitutionSummary:
    """An institution on /institucionet/: its tasks as responsible, the open ones among them, its meetings."""

    institution: Institution
    tasks: int
    open: int
    meetings: int


@dataclass
class InstitutionsContext:
    """/institucionet/ (template institutions.html): every institution of content/_data/institutions.yml, in its
    order, with its counts."""

    institutions: list[InstitutionSummary]


def plan_tasks(catalog: Catalog) -> list[PlanTask]:
    """Every task of every published plan, newest plan first (by its last year, then its first), each with its
    overdue mark as plan.html shows it: none once the plan is closed (`plan_closed_on`)."""
    plans = sorted(catalog.plans, key=lambda plan: (plan.years[-1], plan.years[0]), reverse=True)
    entries = []
    for plan in plans:
        closed = plan_closed_on(plan, catalog.today) is not None
        entries += [PlanTask(task, plan, task.overdue and not closed) for task in plan.tasks]
    return entries


def grouped_by_prefecture(catalog: Catalog, records: list[Record]) -> list[PrefectureRecords]:
    """`records` (newest first, as the catalog keeps them) grouped by prefecture, in the reference order, then
    by year; prefectures without any are left out."""
    groups = []
    for prefecture in catalog.refdata.prefectures:
        here = [record for record in records if record.prefecture.slug == prefecture.slug]
        if here:
            groups.append(PrefectureRecords(prefecture, by_year(here), len(here)))
    return groups


def attended(record: Record, institution: Institution) -> bool:
    """Whether `record` lists `institution` among its participants (a known institution carries its code)."""
    return any(participant.get("code") == institution.code for participant in record.participants)


def is_partner(task: Task, institution: Institution) -> bool:
    return any(partner.get("code") == institution.code for partner in task.partners)


def topic_context(catalog: Catalog, topic: Topic) -> TopicContext:
    records = [record for record in catalog.records if topic in record.topics]
    return TopicContext(
        topic,
        grouped_by_prefecture(catalog, records),
        len(records),
        [article for article in catalog.articles if topic in article.topics],
        [entry for entry in plan_tasks(catalog) if topic in entry.task.topics],
        [TOPIC_KIND, Value(TOPIC, topic.slug, topic.name)],
    )


def topics_index(catalog: Catalog) -> TopicsContext:
    tasks = [entry.task for entry in plan_tasks(catalog)]
    return TopicsContext(
        [
            TopicSummary(
                topic,
                sum(topic in record.topics for record in catalog.records),
                sum(topic in article.topics for article in catalog.articles),
                sum(topic in task.topics for task in tasks),
            )
            for topic in catalog.refdata.topics
        ]
    )


def task_counts(prefecture: Prefecture, entries: list[PlanTask]) -> PrefectureTaskCount:
    """The counts of one row of an institution's table, over `entries`."""
    return PrefectureTaskCount(
        prefecture,
        len(entries),
        sum(entry.open for entry in entries),
        sum(entry.overdue for entry in entries),
    )


def institution_context(catalog: Catalog, institution: Institution) -> InstitutionContext:
    entries = plan_tasks(catalog)
    responsible = [entry for entry in entries if institution in entry.task.responsible]
    partner = [entry for entry in entries if is_partner(entry.task, institution)]
    counts = []
    for prefecture in catalog.refdata.prefectures:
        here = [entry for entry in responsible if entry.plan.prefecture.slug == prefecture.slug]
        if here:
            counts.append(task_counts(prefecture, here))
    meetings = [record for record in catalog.records if attended(record, institution)]
    return InstitutionContext(
        institution,
        responsible,
        partner,
        counts,
        grouped_by_prefecture(catalog, meetings),
        len(meetings),
        [INSTITUTION_KIND],
    )


def institutions_index(catalog: Catalog) -> InstitutionsContext:
    entries = plan_tasks(catalog)
    summaries = []
    for institution in catalog.refdata.institutions:
        tasks = [entry for entry in entries if institution in entry.task.responsible]
        meetings = sum(attended(record, institution) for record in catalog.records)
        summaries.append(InstitutionSummary(institution, len(tasks), sum(entry.open for entry in tasks), meetings))
    return InstitutionsContext(summaries)


def reference_page_context(catalog: Catalog, url: str) -> object | None:
    """The context of the topic and institution pages and of their two indexes; None for any other page."""
    if url.startswith(routes.TOPICS):
        if url == routes.TOPICS:
            return topics_index(catalog)
        topic = next((topic for topic in catalog.refdata.topics if routes.topic(topic.slug) == url), None)
        return topic_context(catalog, topic) if topic else None
    if url.startswith(routes.INSTITUTIONS):
        if url == routes.INSTITUTIONS:
            return institutions_index(catalog)
        found = (item for item in catalog.refdata.institutions if routes.institution(item.code) == url)
        institution = next(found, None)
        return institution_context(catalog, institution) if institution else None
    return None


def generated_pages(catalog: Catalog) -> list[GeneratedPage]:
    """The prefecture index, one page per prefecture, the plans matrix, the awareness page, the archive, the
    search page, open data, and the topic and institution pages with their indexes."""
    pages = [
        GeneratedPage(f"{routes.PREFECTURES}index.md", "Qarqet", "prefectures.html"),
        GeneratedPage(f"{routes.ARCHIVE}index.md", "Arkiva", "archive.html"),
        GeneratedPage(f"{routes.SEARCH}index.md", "Kërko", "search.html"),
        GeneratedPage(f"{routes.PLANS}index.md", "Planet e veprimit", "plans.html"),
        GeneratedPage(f"{routes.AWARENESS}index.md", "Ndërgjegjësimi", "awareness.html"),
        GeneratedPage(f"{routes.DATA}index.md", "Të dhëna të hapura", "opendata.html"),
    ]
    for prefecture in catalog.refdata.prefectures:
        pages.append(GeneratedPage(routes.source(prefecture.url), f"Qarku {prefecture.name}", "prefecture.html"))
    pages.append(GeneratedPage(f"{routes.TOPICS}index.md", "Temat", "topics.html"))
    for topic in catalog.refdata.topics:
        pages.append(GeneratedPage(routes.source(routes.topic(topic.slug)), topic.name, "topic.html"))
    pages.append(GeneratedPage(f"{routes.INSTITUTIONS}index.md", "Institucionet", "institutions.html"))
    for institution in catalog.refdata.institutions:
        url = routes.institution(institution.code)
        pages.append(GeneratedPage(routes.source(url), institution.name, "institution.html"))
    return pages


def page_context(catalog: Catalog, url: str) -> object | None:
    """The context object for the page at `url` ('' is the home page), or None for ordinary pages."""
    awareness = awareness_page_context(catalog, url)
    if awareness is not None:
        return awareness
    reference = reference_page_context(catalog, url)
    if reference is not None:
        return reference
    record = catalog.by_src_uri.get(url.removesuffix("/") + ".md")
    if record is not None:
        return RecordContext(
            record, *catalog.neighbours(record), record_task_updates(catalog, record), record_values(record)
        )
    plan = catalog.plans_by_src_uri.get(url.removesuffix("/") + ".md")
    if plan is not None:
        return PlanContext(plan, catalog.today, plan_values(plan), catalog.profile == "members")
    if url == routes.PLANS:
        return plans_matrix(catalog)
    if url == routes.ARCHIVE:
        entries = [ArchiveEntry(record, data_attributes(record_values(record))) for record in catalog.records]
        return ArchiveContext(entries, choices(catalog.records))
    if url == routes.SEARCH:
        return SearchContext(FACETS, len(catalog.records))
    if url == routes.DATA:
        return opendata_context(catalog)  # krat.outputs.opendata.OpenDataContext
    if url == "":
        return HomeContext(
            catalog.records[:LATEST_ON_HOME],
            catalog.summaries(),
            len(catalog.records),
            help_bar(catalog.contacts),
            group_articles(catalog.articles, catalog.refdata.audiences, "audience"),
            prefecture_map(catalog),
        )
    if url == routes.PREFECTURES:
        return PrefecturesContext(
            catalog.summaries(), len(catalog.records), prefecture_map(catalog), meetings_heat(catalog)
        )
    prefecture = catalog.prefecture_at(url)
    if prefecture is not None:
        slug = prefecture.slug
        count = len(catalog.by_prefecture[slug])
        current = catalog.current_plan(slug)
        return PrefectureContext(
            prefecture,
            catalog.timeline(slug),
            count,
            current,
            catalog.plans_of(slug),
            awareness_activity(catalog.by_prefecture[slug]),
            [article for article in catalog.articles if article.prefecture == prefecture],
            plan_closed_on(current, catalog.today) if current else None,
            prefecture_map(catalog, current=slug),
            meetings_by_year(catalog, slug),
            plan_progress(catalog, only=slug),
            next((record for record in catalog.by_prefecture[slug] if record.chair), None),
            prefecture_values(prefecture),
        )
    return None


def record_task_updates(catalog: Catalog, record: Record) -> list[TaskUpdateLink]:
    """The updates `record` made to tasks of plans published in this build, in the record's order."""
    links = []
    for entry in record.task_updates:
        plan = catalog.plans_by_id.get(entry["plan"])
        task = next((task for task in plan.tasks if task.id == str(entry["task"])), None) if plan else None
        update = next((update for update in task.history if update.record is record), None) if task else None
        if update:
            links.append(TaskUpdateLink(task, update))
    return links


def plans_matrix(catalog: Catalog) -> PlansContext:
    """Every year any published plan covers, newest first (so the current year shows first on a phone), and for
    each prefecture the plans covering each of those years."""
    years = sorted({year for plan in catalog.plans for year in plan.years}, reverse=True)
    rows = []
    for prefecture in catalog.refdata.prefectures:
        plans = catalog.plans_of(prefecture.slug)
        rows.append(PlanRow(prefecture, [PlanCell([p for p in plans if year in p.years]) for year in years]))
    return PlansContext(years, rows, catalog.plans, catalog.today, status_totals(catalog), plan_progress(catalog))


@dataclass
class AwarenessContext:
    """/ndergjegjesim/ (template awareness.html): the contacts for the always-visible "Ku të kërkoni ndihmë"
    block, the campaign to announce on the build date (see krat.content.campaigns for the rule) and the whole calendar,
    the published articles (newest first) grouped by audience and by topic, the latest awareness activity
    of the prefectures (published records, each linking to its page) and that activity by month of the year."""

    contacts: list[Contact]
    next_campaign: NextCampaign | None
    campaigns: list[Campaign]
    articles: list[Article]
    by_audience: list[ArticleGroup]
    by_topic: list[ArticleGroup]
    activity: list[Record]
    today: datetime.date
    months: BarChart | None = None


@dataclass
class ArticleContext:
    """An awareness article (template article.html): the article, the contacts printed with it and its facet values
    for the search index."""

    article: Article
    contacts: list[Contact]
    facets: list[Value]


@dataclass
class HelpContext:
    """Every page, as the Jinja global `krat_help` (the help bar at the top, partials/krat-help-bar.html, and the
    footer, partials/copyright.html): the contacts, the ones the help bar shows, and the awareness page where their
    details and sources are."""

    contacts: list[Contact]
    url: str = routes.AWARENESS

    @property
    def bar(self) -> list[Contact]:
        return help_bar(self.contacts)


def awareness_page_context(catalog: Catalog, url: str) -> AwarenessContext | ArticleContext | None:
    """The context of the awareness page or of an article at `url`; None for any other page."""
    article = catalog.articles_by_src_uri.get(url.removesuffix("/") + ".md")
    if article is not None:
        return ArticleContext(article, catalog.contacts, article_values(article))
    if url != routes.AWARENESS:
        return None
    refdata = catalog.refdata
    return AwarenessContext(
        catalog.contacts,
        next_campaign(catalog.campaigns, catalog.today),
        catalog.campaigns,
        catalog.articles,
        group_articles(catalog.articles, refdata.audiences, "audience"),
        group_articles(catalog.articles, refdata.topics, "topics"),
        awareness_activity(catalog.records, LATEST_ACTIVITY),
        catalog.today,
        awareness_months(catalog),
    )
