"""Regional action plans: read `content/plane/<qark>/<period>.md`, link each plan to the meetings that approve,
review and update it, and resolve every task's current status from the minutes.

A task's status is its latest update by meeting date (then time); two updates of one task on the same date and
time that disagree cannot be ordered, so they are reported. "Overdue" means the deadline has passed and the task
is neither done nor cancelled, counted against the build date.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from krat import routes
from krat.content.dates import DUE_LIMIT, DUE_YEARS_AHEAD, Due, PartialDate, check_range
from krat.content.frontmatter import load_folder, read_document
from krat.content.problems import Problem
from krat.content.records import Record, check_body
from krat.content.refdata import Institution, Prefecture, ReferenceData, Topic
from krat.content.schema import PLAN_FIELDS, STATUSES, validate_fields
from krat.content.text import did_you_mean, slugify

PLANS_DIR = "plane"
PERIOD_PATTERN = re.compile(r"^(\d{4})(?:-(\d{4}))?$")
CLOSED = {"done", "cancelled"}
NO_OBJECTIVE = "Detyra pa objektiv të caktuar"


@dataclass
class Update:
    """One entry of a task's history, from one meeting. `link` is the meeting when it is published, else None."""

    record: Record
    status: str
    note: str
    line: int = 1
    link: Record | None = None

    @property
    def status_label(self) -> str:
        return STATUSES[self.status]

    @property
    def order(self) -> tuple:
        return (self.record.date, self.record.time)


@dataclass
class Task:
    """A task of a plan, with its history (oldest first), current status and overdue flag."""

    id: str
    title: str
    responsible: list[Institution]
    objective: str = ""
    partners: list[dict] = field(default_factory=list)
    due: Due | None = None
    indicator: str = ""
    topics: list[Topic] = field(default_factory=list)  # optional; a topic's page (krat.site.pages) lists the task
    status: str = "not-started"
    history: list[Update] = field(default_factory=list)
    overdue: bool = False
    plan_url: str = ""

    @property
    def anchor(self) -> str:
        return f"detyra-{slugify(self.id)}"

    @property
    def url(self) -> str:
        return f"{self.plan_url}#{self.anchor}"

    @property
    def status_label(self) -> str:
        return STATUSES[self.status]


@dataclass
class Objective:
    id: str
    title: str
    tasks: list[Task] = field(default_factory=list)


@dataclass
class StatusCount:
    status: str
    label: str
    count: int
    percent: float


@dataclass
class Plan:
    """A regional action plan for a year or a period such as 2021-2023."""

    src_uri: str
    path: str
    prefecture: Prefecture
    period: str
    visibility: str
    title: str = ""
    approved_on: PartialDate | None = None
    approved_by: str = ""
    summary: str = ""
    source: str = ""
    objectives: list[Objective] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    draft: bool = False
    body: str = ""
    body_line: int = 1
    text: str = field(default="", repr=False)
    lines: dict = field(default_factory=dict, repr=False)
    approval: Record | None = None
    reviews: list[tuple[Record, str]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.prefecture.slug}/{self.period}"

    @property
    def url(self) -> str:
        return routes.page(self.src_uri)

    @property
    def display_title(self) -> str:
        return self.title or f"Plani Rajonal i Veprimit {self.period} — Qarku {self.prefecture.name}"

    @property
    def years(self) -> range:
        first, last = PERIOD_PATTERN.match(self.period).groups()
        return range(int(first), int(last or first) + 1)

    @property
    def counts(self) -> list[StatusCount]:
        total = len(self.tasks) or 1
        numbers = {status: sum(task.status == status for task in self.tasks) for status in STATUSES}
        return [StatusCount(s, STATUSES[s], n, round(100 * n / total, 1)) for s, n in numbers.items() if n]

    @property
    def done_share(self) -> int | None:
        """Percent of tasks done, not counting cancelled ones; None when there is nothing to count."""
        counted = [task for task in self.tasks if task.status != "cancelled"]
        return round(100 * sum(task.status == "done" for task in counted) / len(counted)) if counted else None

    @property
    def overdue_count(self) -> int:
        return sum(task.overdue for task in self.tasks)


def load_plans(content_dir: Path, shown_root: str, refdata: ReferenceData) -> tuple[list[Plan], list[Problem]]:
    """Validate every plan file under content/plane/; return the good plans and all problems."""
    return load_folder(content_dir, PLANS_DIR, shown_root, load_plan, refdata)


def load_plan(path: Path, src_uri: str, shown: str, refdata: ReferenceData) -> tuple[Plan | None, list[Problem]]:
    """Read and validate one plan file, its location, objectives and task ids."""
    document, problems = read_document(path, shown)
    if document is None:
        return None, problems
    values, problems = validate_fields(document, PLAN_FIELDS, refdata)
    problems += check_body(document, text_of="planit")
    parts = src_uri.split("/")
    period = parts[-1].removesuffix(".md")
    if len(parts) != 3 or not PERIOD_PATTERN.match(period):
        hint = "content/plane/<qark>/<viti>.md (ose <viti>-<viti>.md për një periudhë)"
        return None, problems + [
            Problem(shown, 1, "skedari", f"vendndodhje ose emër i gabuar; planet shkojnë te {hint}")
        ]
    problems += _check_plan_location(parts[1], period, values, document.line, shown)
    problems += _check_period(period, shown)
    if problems:
        return None, problems
    objectives = [Objective(**objective) for objective in values.pop("objectives", [])]
    tasks = [Task(**task) for task in values.pop("tasks", [])]
    values["period"] = period
    plan = Plan(
        src_uri=src_uri,
        path=shown,
        body=document.body,
        body_line=document.body_line,
        text=document.text,
        lines=document.lines,
        **values,
    )
    problems = _attach_tasks(plan, objectives, tasks)
    return (None, problems) if problems else (plan, [])


def _check_plan_location(folder: str, period: str, values: dict, line, shown: str) -> list[Problem]:
    problems = []
    prefecture = values.get("prefecture")
    if prefecture and prefecture.slug != folder:
        message = f"'{prefecture.slug}' nuk përputhet me dosjen e skedarit 'plane/{folder}/'"
        problems.append(Problem(shown, line("prefecture"), "prefecture", message))
    if values.get("period") and str(values["period"]) != period:
        message = f"'{values['period']}' nuk përputhet me emrin e skedarit '{period}.md'"
        problems.append(Problem(shown, line("period"), "period", message))
    return problems


MAX_PERIOD_YEARS = 10  # national plans span three or four years; a regional one is yearly


def _check_period(period: str, shown: str) -> list[Problem]:
    """A period named by the file: its first year no later than its last, at most MAX_PERIOD_YEARS long, and
    within the years a plan's deadlines may take (krat.content.dates.check_range)."""
    first, last = PERIOD_PATTERN.match(period).groups()
    first, last = int(first), int(last or first)
    message = ""
    if last < first:
        message = f"periudha '{period}' mbaron para se të fillojë; shkruani '{last}-{first}.md'"
    elif last - first >= MAX_PERIOD_YEARS:
        message = f"periudha '{period}' zgjat më shumë se {MAX_PERIOD_YEARS} vjet"
    else:
        try:
            for year in (first, last):
                check_range(PartialDate(year), str(year), DUE_YEARS_AHEAD, DUE_LIMIT)
        except ValueError as error:
            message = f"periudha e planit: {error}"
    return [Problem(shown, 1, "skedari", message)] if message else []


def _attach_tasks(plan: Plan, objectives: list[Objective], tasks: list[Task]) -> list[Problem]:
    """Group tasks under their objectives; task and objective ids must be unique, references must exist."""
    problems, seen = [], set()
    by_id = {objective.id: objective for objective in objectives}
    loose = Objective("", NO_OBJECTIVE)
    for index, task in enumerate(tasks):
        if task.id in seen:
            line = plan.lines.get(("tasks", index, "id"), 1)
            problems.append(
                Problem(plan.path, line, "tasks.id", f"'{task.id}' përsëritet; çdo detyrë ka id të veçantë")
            )
        seen.add(task.id)
        if task.objective and task.objective not in by_id:
            line = plan.lines.get(("tasks", index, "objective"), 1)
            message = f"'{task.objective}' nuk është objektiv i këtij plani{did_you_mean(task.objective, list(by_id))}"
            problems.append(Problem(plan.path, line, "tasks.objective", message))
            continue
        task.plan_url = plan.url
        by_id.get(task.objective, loose).tasks.append(task)
    plan.tasks = tasks
    plan.objectives = objectives + ([loose] if loose.tasks else [])
    return problems


def link_plans(plans: list[Plan], records: list[Record], today: datetime.date) -> list[Problem]:
    """Connect meetings to plans (approval, reviews, task updates), then resolve statuses and overdue flags."""
    by_id = {plan.id: plan for plan in plans}
    record_ids = {record.id: record for record in records}
    problems = []
    for plan in plans:
        problems += _link_approval(plan, record_ids)
    for record in sorted(records, key=lambda r: r.sort_key):
        problems += _link_record(record, by_id)
    for plan in plans:
        for task in plan.tasks:
            problems += _resolve_status(task, plan, today)
    return problems


def _link_approval(plan: Plan, record_ids: dict[str, Record]) -> list[Problem]:
    if not plan.approved_by:
        return []
    record = record_ids.get(plan.approved_by)
    if record is None:
        hint = did_you_mean(plan.approved_by, list(record_ids)) or " (shkruani <qarku>/<emri i skedarit pa .md>)"
        message = f"takimi '{plan.approved_by}' nuk gjendet{hint}"
        return [Problem(plan.path, plan.lines.get(("approved_by",), 1), "approved_by", message)]
    plan.approval = record
    return []


def _link_record(record: Record, plans: dict[str, Plan]) -> list[Problem]:
    """Attach one meeting's approval, reviews and task updates to the plans they name."""
    problems = []
    if record.approves_plan:
        plan, problem = _find_plan(record, record.approves_plan, ("approves_plan",), plans)
        if plan and plan.approval not in (None, record):
            message = f"plani '{plan.id}' thotë se e miratoi takimi '{plan.approval.id}' (approved_by)"
            problem = Problem(record.path, record.lines.get(("approves_plan",), 1), "approves_plan", message)
        elif plan:
            plan.approval = record
        problems += [problem] if problem else []
    for index, review in enumerate(record.plan_reviews):
        plan, problem = _find_plan(record, review["plan"], ("plan_reviews", index, "plan"), plans)
        problems += [problem] if problem else []
        if plan:
            plan.reviews.append((record, review["note"]))
    updated = set()
    for index, update in enumerate(record.task_updates):
        problems += _link_update(record, index, update, plans, updated)
    return problems


def _find_plan(record: Record, plan_id: str, where: tuple, plans: dict[str, Plan]) -> tuple:
    plan = plans.get(plan_id)
    if plan is None:
        hint = did_you_mean(plan_id, list(plans)) or " (shkruani <qarku>/<viti>, si te content/plane/)"
        return None, Problem(record.path, record.lines.get(where, 1), where[0], f"plani '{plan_id}' nuk gjendet{hint}")
    return plan, None


def _link_update(record: Record, index: int, update: dict, plans: dict[str, Plan], updated: set) -> list[Problem]:
    plan, problem = _find_plan(record, update["plan"], ("task_updates", index, "plan"), plans)
    if problem:
        return [problem]
    tasks = {task.id: task for task in plan.tasks}
    task = tasks.get(str(update["task"]))
    line = record.lines.get(("task_updates", index, "task"), 1)
    if task is None:
        hint = did_you_mean(str(update["task"]), list(tasks)) or f" (plani '{plan.id}' nuk ka detyra të regjistruara)"
        return [
            Problem(
                record.path,
                line,
                "task_updates.task",
                f"detyra '{update['task']}' nuk gjendet te plani '{plan.id}'{hint}",
            )
        ]
    if (plan.id, task.id) in updated:
        return [
            Problem(
                record.path,
                line,
                "task_updates.task",
                f"detyra '{task.id}' përditësohet dy herë në këtë takim",
            )
        ]
    updated.add((plan.id, task.id))
    status_line = record.lines.get(("task_updates", index, "status"), line)
    task.history.append(Update(record, update["status"], update.get("note", ""), status_line))
    return []


def _resolve_status(task: Task, plan: Plan, today: datetime.date) -> list[Problem]:
    """Latest update wins; two disagreeing updates that cannot be ordered (same date and time) are reported."""
    task.history.sort(key=lambda update: update.order)
    problems = []
    for earlier, later in zip(task.history, task.history[1:], strict=False):
        if earlier.order == later.order and earlier.status != later.status:
            message = (
                f"detyra '{task.id}' e planit '{plan.id}' merr status '{later.status}' këtu dhe "
                f"'{earlier.status}' te {earlier.record.path} në të njëjtën datë; nuk dihet cili është i fundit "
                "(shtoni orën 'time' ose ndreqni statusin)"
            )
            problems.append(Problem(later.record.path, later.line, "task_updates.status", message))
    if task.history:
        task.status = task.history[-1].status
    task.overdue = bool(task.due and task.due.end < today and task.status not in CLOSED)
    return problems
