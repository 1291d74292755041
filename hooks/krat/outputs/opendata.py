"""Open data at /te-dhena/: one JSON document with the published records, plans, tasks (with their current
status) and institutions, one CSV file per table, and a JSON Schema (draft 2020-12) describing the JSON.

Every column is declared once below (`Column`): its name, type, Albanian meaning, the term of an existing
vocabulary it maps to, and how it is read from the catalog. The JSON rows, the CSV rows, the JSON Schema and the
field tables on the /te-dhena/ page are all produced from these declarations, so they cannot disagree.

Vocabularies: records map to the *Open Civic Data Event* (the `opencivicdata` models and the `pupa` scraper
schema: name, description, classification, start_date, location, participants, agenda, documents, links,
sources); institutions to the *Popolo Organization* (name, other_names, identifiers). Plans and tasks have no
fitting term in either, and the page says so.

CSV files are UTF-8 with a byte-order mark (so spreadsheets read ë and ç correctly), RFC 4180 (comma, double
quotes, CRLF). Lists become one cell, items joined by "; "; the minutes' full text and the task updates are in the
JSON only, to keep each CSV row a spreadsheet row. A text cell that a spreadsheet would run as a formula (one
beginning with =, +, -, @, a tab or a carriage return) starts with a single quote, and control characters are
dropped (`csv_cell`); the JSON keeps every text as written.
"""

import contextlib
import csv
import datetime
import io
import itertools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from krat import routes
from krat.content.catalog import Catalog
from krat.content.plans import Plan, Task
from krat.content.records import Record
from krat.content.refdata import Prefecture
from krat.content.schema import KINDS, STATUSES, VISIBILITY
from krat.outputs.calendars import generate_calendars
from krat.outputs.exports import (
    ARTICLES,
    SITE_FEED,
    Links,
    Subscription,
    local_start,
    prefecture_subscriptions,
    stable_id,
)
from krat.outputs.feeds import PAGE_SIZE, generate_feeds

JSON_PATH = routes.OPEN_DATA_JSON
SCHEMA_PATH = routes.OPEN_DATA_SCHEMA
PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DAY = r"^\d{4}-\d{2}-\d{2}$"
START = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$"
LIST_SEPARATOR = "; "


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _joined(values: list) -> str:
    return LIST_SEPARATOR.join(values)


def _names(values: list[dict]) -> str:
    return LIST_SEPARATOR.join(value["name"] for value in values)


def _number(value: int | None) -> int | str:
    """A count stays a number in its CSV cell (`csv_cell` leaves numbers as they are); none is an empty cell."""
    return "" if value is None else value


@dataclass(frozen=True)
class FieldType:
    """How one kind of value is described (in Albanian and in JSON Schema) and written into a CSV cell."""

    label: str
    schema: dict
    to_csv: Callable[[object], str | int] = _plain


def _objects(**properties: dict) -> dict:
    return {
        "type": "array",
        "items": {
            "type": "object",
            "required": list(properties),
            "additionalProperties": False,
            "properties": properties,
        },
    }


STRING, NULLABLE = {"type": "string"}, {"type": ["string", "null"]}
TYPES = {
    "text": FieldType("tekst", STRING),
    "text?": FieldType("tekst ose null", NULLABLE),
    "date": FieldType("datë: VVVV-MM-DD, ose VVVV-MM / VVVV", {"type": "string", "pattern": PARTIAL_DATE}),
    "date?": FieldType("datë (si më sipër) ose null", {"type": ["string", "null"], "pattern": PARTIAL_DATE}),
    "day": FieldType("datë VVVV-MM-DD", {"type": "string", "pattern": DAY}),
    "start?": FieldType(
        "datë, ose datë e orë RFC 3339 me zonën; ose null", {"type": ["string", "null"], "pattern": START}
    ),
    "time?": FieldType("orë HH:MM ose null", {"type": ["string", "null"], "pattern": r"^\d{2}:\d{2}$"}),
    "integer": FieldType("numër i plotë", {"type": "integer", "minimum": 0}, _number),
    "integer?": FieldType("numër i plotë ose null", {"type": ["integer", "null"], "minimum": 0}, _number),
    "boolean": FieldType("true / false", {"type": "boolean"}),
    "texts": FieldType("listë tekstesh", {"type": "array", "items": STRING}, _joined),
    "entities": FieldType(
        "listë {code, name}; code null për tekst të lirë", _objects(code=NULLABLE, name=STRING), _names
    ),
    "topics": FieldType("listë {slug, name}", _objects(slug=STRING, name=STRING), _names),
    "documents": FieldType("listë {name, url}", _objects(name=STRING, url=STRING), _names),
    "objectives": FieldType(
        "listë {id, title}",
        _objects(id=STRING, title=STRING),
        lambda values: _joined(f"{value['id']} {value['title']}" for value in values),
    ),
    "updates": FieldType(
        "listë {plan, task, status, note}", _objects(plan=STRING, task=STRING, status=STRING, note=STRING)
    ),
    "reviews": FieldType("listë {plan, note}", _objects(plan=STRING, note=STRING)),
}


@dataclass(frozen=True)
class Column:
    """One field of a table: `value(item, export)` reads it; `vocabulary` names the matching term, if any."""

    name: str
    type: str
    meaning: str
    value: Callable
    vocabulary: str = ""
    choices: tuple = ()
    in_csv: bool = True

    @property
    def type_label(self) -> str:
        return TYPES[self.type].label

    @property
    def schema(self) -> dict:
        schema = dict(TYPES[self.type].schema, description=self.meaning)
        if self.choices:
            schema["enum"] = list(self.choices) + ([None] if self.type.endswith("?") else [])
        if self.vocabulary:
            schema["$comment"] = self.vocabulary
        return schema


@dataclass
class Export:
    """What column readers may consult besides the item: the catalog and how to write links."""

    catalog: Catalog
    links: Links


@dataclass(frozen=True)
class Table:
    """One table: its JSON key, CSV file, Albanian title, vocabulary, columns and the items it lists."""

    key: str
    csv: str
    title: str
    vocabulary: str
    columns: list[Column]
    items: Callable[[Catalog], list]

    @property
    def csv_path(self) -> str:
        return f"{routes.DATA}{self.csv}"

    @property
    def csv_columns(self) -> list[Column]:
        return [column for column in self.columns if column.in_csv]


# --- records ------------------------------------------------------------------------------------------------


def _start_date(record: Record, export: Export) -> str | None:
    if not record.date.is_exact:
        return None
    return local_start(record.date, record.time).isoformat() if record.time else record.date.iso


def _person(role: str, part: str) -> Callable:
    return lambda record, export: (getattr(record, role) or {}).get(part) or None


def _entities(values: list[dict]) -> list[dict]:
    return [{"code": value.get("code") or None, "name": value["name"]} for value in values]


def _attachments(record: Record, export: Export) -> list[dict]:
    """Attachments with their address: a file beside the record as its address on the site (absolute when
    `site_url` is set), a web address as written (krat.content.attachments)."""
    return [
        {"name": item["title"], "url": export.links.public(item["path"]) if item["path"] else item["href"]}
        for item in record.attachments
    ]


def _approved_plan(record: Record, export: Export) -> str | None:
    """Links go only to plans published in this build (an internal plan is not named in the public data)."""
    return record.approves_plan if record.approves_plan in export.catalog.plans_by_id else None


def _plan_reviews(record: Record, export: Export) -> list[dict]:
    published = export.catalog.plans_by_id
    return [{"plan": item["plan"], "note": item["note"]} for item in record.plan_reviews if item["plan"] in published]


def _task_updates(record: Record, export: Export) -> list[dict]:
    published = export.catalog.plans_by_id
    return [
        {"plan": item["plan"], "task": str(item["task"]), "status": item["status"], "note": item.get("note", "")}
        for item in record.task_updates
        if item["plan"] in published
    ]


RECORD_COLUMNS = [
    Column("id", "text", "Identifikuesi: qarku/emri i skedarit pa .md", lambda r, x: r.id),
    Column("uuid", "text", "UUID i qëndrueshëm; i njëjtë me id-në te feed-i dhe UID-në te kalendari",
           lambda r, x: stable_id(r.src_uri), "OCD Event: id (ocd-event/<uuid>)"),
    Column("url", "text", "Adresa e faqes së procesverbalit", lambda r, x: x.links.public(r.url),
           "OCD Event: links[].url"),
    Column("title", "text", "Titulli", lambda r, x: r.title, "OCD Event: name"),
    Column("date", "date", "Data e takimit; VVVV-MM ose VVVV kur burimi nuk jep ditën", lambda r, x: r.date.iso,
           "OCD Event: start_date (data)"),
    Column("time", "time?", "Ora e fillimit, sipas orës së Shqipërisë", lambda r, x: r.time or None,
           "OCD Event: start_date (ora)"),
    Column("start_date", "start?", "Fillimi: data, ose data dhe ora me zonën (Europe/Tirane); null kur dita nuk dihet",
           _start_date, "OCD Event: start_date"),
    Column("prefecture", "text", "Qarku (slug)", lambda r, x: r.prefecture.slug, "OCD Event: jurisdiction (afërsisht)"),
    Column("prefecture_name", "text", "Emri i qarkut", lambda r, x: r.prefecture.name),
    Column("bodies", "texts", "Komitetet që u mblodhën: KRAT, TTAT", lambda r, x: list(r.bodies),
           "OCD Event: participants[] (entity_type organization)"),
    Column("kind", "text", "Lloji i takimit (kodi)", lambda r, x: r.kind, "OCD Event: classification", tuple(KINDS)),
    Column("kind_label", "text", "Lloji i takimit (shqip)", lambda r, x: r.kind_label),
    Column("period", "text?", "Periudha që analizohet", lambda r, x: r.period or None),
    Column("place", "text?", "Vendi i takimit", lambda r, x: r.place or None, "OCD Event: location.name"),
    Column("chair_name", "text?", "Kush e drejtoi takimin", _person("chair", "name"),
           "OCD Event: participants[] (person, note: chair)"),
    Column("chair_role", "text?", "Detyra e drejtuesit", _person("chair", "role")),
    Column("rapporteur_name", "text?", "Kush paraqiti raportin", _person("rapporteur", "name"),
           "OCD Event: participants[] (person)"),
    Column("rapporteur_role", "text?", "Detyra e raportuesit", _person("rapporteur", "role")),
    Column("participants", "entities", "Institucionet pjesëmarrëse", lambda r, x: _entities(r.participants),
           "OCD Event: participants[] (organization)"),
    Column("topics", "topics", "Temat e diskutuara", lambda r, x: [{"slug": t.slug, "name": t.name} for t in r.topics],
           "OCD Event: agenda[].subjects (afërsisht)"),
    Column("agenda", "texts", "Pikat e rendit të ditës", lambda r, x: list(r.agenda),
           "OCD Event: agenda[].description"),
    Column("decisions", "texts", "Vendimet e marra", lambda r, x: list(r.decisions)),
    Column("summary", "text", "Përmbledhje në një fjali (ose fjalia e parë e procesverbalit)", lambda r, x: r.one_line,
           "OCD Event: description"),
    Column("source", "text?", "Nga vjen teksti", lambda r, x: r.source or None, "OCD Event: sources[].note"),
    Column("attachments", "documents", "Dokumente shtojcë", _attachments, "OCD Event: documents[] (note, links[].url)"),
    Column("approves_plan", "text?", "Plani i veprimit që miratoi takimi (id e planit)", _approved_plan),
    Column("plan_reviews", "reviews", "Vlerësimet e planeve në tërësi", _plan_reviews, in_csv=False),
    Column("task_updates", "updates", "Ecuria e detyrave që raportoi takimi", _task_updates, in_csv=False),
    Column("visibility", "text", "public; internal vetëm në ndërtimin për anëtarët", lambda r, x: r.visibility,
           choices=tuple(VISIBILITY)),
    Column("text", "text", "Teksti i plotë i procesverbalit, në Markdown", lambda r, x: r.body.strip(), in_csv=False),
]  # fmt: skip

# --- plans and tasks ----------------------------------------------------------------------------------------

PLAN_COLUMNS = [
    Column("id", "text", "Identifikuesi: qarku/periudha", lambda p, x: p.id),
    Column("url", "text", "Adresa e faqes së planit", lambda p, x: x.links.public(p.url)),
    Column("prefecture", "text", "Qarku (slug)", lambda p, x: p.prefecture.slug),
    Column("period", "text", "Viti ose periudha, p.sh. 2018 ose 2021-2023", lambda p, x: p.period),
    Column("title", "text", "Titulli", lambda p, x: p.display_title),
    Column("approved_on", "date?", "Data e miratimit", lambda p, x: p.approved_on.iso if p.approved_on else None),
    Column("approved_by", "text?", "Takimi që e miratoi (id e procesverbalit), kur është publikuar",
           lambda p, x: p.approval.id if p.approval else None),
    Column("summary", "text?", "Përshkrim i shkurtër", lambda p, x: p.summary or None),
    Column("source", "text?", "Burimi i planit", lambda p, x: p.source or None),
    Column("objectives", "objectives", "Objektivat",
           lambda p, x: [{"id": o.id, "title": o.title} for o in p.objectives if o.id]),
    Column("task_count", "integer", "Numri i detyrave", lambda p, x: len(p.tasks)),
    Column("done_share", "integer?", "Përqindja e detyrave të realizuara (pa të anuluarat)", lambda p, x: p.done_share),
    Column("overdue_count", "integer", "Numri i detyrave për të cilat afati ka kaluar në datën e ndërtimit",
           lambda p, x: p.overdue_count),
    Column("visibility", "text", "public; internal vetëm në ndërtimin për anëtarët", lambda p, x: p.visibility,
           choices=tuple(VISIBILITY)),
]  # fmt: skip


@dataclass(frozen=True)
class PlanTask:
    """A task with its plan: one row of the tasks table."""

    plan: Plan
    task: Task

    @property
    def latest(self):
        """The update that set the current status, or None when it is the plan's initial status."""
        return self.task.history[-1] if self.task.history else None

    @property
    def status_source(self) -> str:
        return "plan" if self.latest is None else ("meeting" if self.latest.link else "unpublished-meeting")

    @property
    def status_record(self) -> Record | None:
        return self.latest.link if self.latest is not None else None

    @property
    def objective_title(self) -> str | None:
        return next((o.title for o in self.plan.objectives if o.id and o.id == self.task.objective), None)


TASK_COLUMNS = [
    Column("plan", "text", "Plani (id)", lambda t, x: t.plan.id),
    Column("id", "text", "Identifikuesi i detyrës në plan", lambda t, x: t.task.id),
    Column("uuid", "text", "UUID i qëndrueshëm; i njëjtë me UID-në te kalendari i afateve",
           lambda t, x: stable_id(f"{t.plan.src_uri}#{t.task.id}")),
    Column("url", "text", "Adresa e detyrës te faqja e planit", lambda t, x: x.links.public(t.task.url)),
    Column("prefecture", "text", "Qarku (slug)", lambda t, x: t.plan.prefecture.slug),
    Column("objective", "text?", "Objektivi (id)", lambda t, x: t.task.objective or None),
    Column("objective_title", "text?", "Objektivi", lambda t, x: t.objective_title),
    Column("title", "text", "Detyra", lambda t, x: t.task.title),
    Column("responsible", "entities", "Institucionet përgjegjëse",
           lambda t, x: [{"code": i.code, "name": i.name} for i in t.task.responsible]),
    Column("partners", "entities", "Partnerët", lambda t, x: _entities(t.task.partners)),
    Column("due", "text?", "Afati siç është shkruar: data, muaji, tremujori (2018-Q2), gjashtëmujori (2018-H1), viti",
           lambda t, x: t.task.due.text if t.task.due else None),
    Column("due_end", "date?", "Dita e fundit e afatit",
           lambda t, x: t.task.due.end.isoformat() if t.task.due else None),
    Column("status", "text", "Statusi i tanishëm: ai i përditësimit më të fundit", lambda t, x: t.task.status,
           choices=tuple(STATUSES)),
    Column("status_label", "text", "Statusi (shqip)", lambda t, x: t.task.status_label),
    Column("status_source", "text", "Nga vjen statusi: plan (statusi fillestar), meeting (një procesverbal i "
           "publikuar) ose unpublished-meeting (një mbledhje që nuk publikohet)", lambda t, x: t.status_source,
           choices=("plan", "meeting", "unpublished-meeting")),
    Column("status_record", "text?", "Procesverbali që dha statusin, kur është publikuar (id)",
           lambda t, x: t.status_record.id if t.status_record else None),
    Column("status_date", "date?", "Data e atij procesverbali",
           lambda t, x: t.status_record.date.iso if t.status_record else None),
    Column("overdue", "boolean", "Afati ka kaluar në datën e ndërtimit dhe detyra nuk është realizuar ose anuluar",
           lambda t, x: t.task.overdue),
    Column("indicator", "text?", "Treguesi i realizimit", lambda t, x: t.task.indicator or None),
    Column("visibility", "text", "Dukshmëria e planit", lambda t, x: t.plan.visibility, choices=tuple(VISIBILITY)),
]  # fmt: skip


INSTITUTION_COLUMNS = [
    Column("code", "text", "Kodi që përdorin procesverbalet", lambda i, x: i.code,
           "Popolo Organization: identifiers[].identifier"),
    Column("name", "text", "Emri", lambda i, x: i.name, "Popolo Organization: name"),
    Column("acronym", "text?", "Shkurtimi", lambda i, x: i.acronym or None, "Popolo Organization: other_names[].name"),
]  # fmt: skip

OCD_EVENT = "Open Civic Data Event (modelet opencivicdata dhe skema e pupa)"
TABLES = [
    Table("records", routes.OPEN_DATA_CSV["records"], "Procesverbalet", OCD_EVENT, RECORD_COLUMNS, lambda c: c.records),
    Table(
        "plans",
        routes.OPEN_DATA_CSV["plans"],
        "Planet e veprimit",
        "asnjë term i përshtatshëm",
        PLAN_COLUMNS,
        lambda c: c.plans,
    ),
    Table(
        "tasks",
        routes.OPEN_DATA_CSV["tasks"],
        "Detyrat e planeve",
        "asnjë term i përshtatshëm",
        TASK_COLUMNS,
        lambda c: [PlanTask(plan, task) for plan in c.plans for task in plan.tasks],
    ),
    Table(
        "institutions",
        routes.OPEN_DATA_CSV["institutions"],
        "Institucionet",
        "Popolo Organization",
        INSTITUTION_COLUMNS,
        lambda c: list(c.refdata.institutions),
    ),
]


# --- licence and the generated files ------------------------------------------------------------------------


@dataclass(frozen=True)
class Licence:
    """Who may re-use the data and how; `url` is None for the members' data, which is not open."""

    name: str
    url: str | None
    statement: str


OPEN_LICENCE = Licence(
    "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "https://creativecommons.org/licenses/by/4.0/",
    "Të dhënat janë të Komiteteve Rajonale Antitrafik (KRAT) dhe Tryezave Teknike Antitrafik (TTAT). Mund t'i "
    "kopjoni, shpërndani dhe përshtatni, edhe për qëllime tregtare, me kusht që të përmendni burimin: "
    "\u201eKomitetet Rajonale Antitrafik (KRAT/TTAT)\u201c dhe adresën e kësaj faqeje. Teksti i çdo procesverbali "
    "vjen nga burimi i shënuar te fusha source.",
)
MEMBERS_LICENCE = Licence(
    "Vetëm për anëtarët e komiteteve",
    None,
    "Këto të dhëna përfshijnë materiale të brendshme të komiteteve. Nuk janë të dhëna të hapura: mos i "
    "shpërndani jashtë komiteteve.",
)


def licence_for(catalog: Catalog) -> Licence:
    return MEMBERS_LICENCE if catalog.profile == "members" else OPEN_LICENCE


OpenOutput = Callable[[str], BinaryIO]
COMPACT = {"ensure_ascii": False, "separators": (",", ":")}


def write_open_data(catalog: Catalog, links: Links, open_output: OpenOutput) -> None:
    """Write the JSON document, one CSV per table and the JSON Schema through `open_output(site path)`.

    Each row is computed once and written at once to the JSON and to its CSV, so memory stays flat however many
    records there are (at 10,000 records the JSON alone is tens of megabytes).
    """
    export = Export(catalog, links)
    items = {table.key: table.items(catalog) for table in TABLES}
    header = json.dumps(document_header(catalog, links, {key: len(found) for key, found in items.items()}), **COMPACT)
    with open_output(JSON_PATH) as document:
        document.write(header[:-1].encode("utf-8"))  # the header's fields, then one array per table
        for table in TABLES:
            document.write(f',"{table.key}":['.encode())
            with open_output(table.csv_path) as binary, csv_writer(binary) as write_row:
                write_row([column.name for column in table.csv_columns])
                for number, item in enumerate(items[table.key]):
                    row = table_row(table, item, export)
                    document.write((b"," if number else b"") + json.dumps(row, **COMPACT).encode("utf-8"))
                    write_row([TYPES[column.type].to_csv(row[column.name]) for column in table.csv_columns])
            document.write(b"]")
        document.write(b"}")
    with open_output(SCHEMA_PATH) as schema:
        schema.write(json.dumps(json_schema(links), ensure_ascii=False, indent=2).encode("utf-8"))


def document_header(catalog: Catalog, links: Links, counts: dict[str, int]) -> dict:
    """What krat.json says before its tables: schema, title, build date, profile, site, licence and counts."""
    licence = licence_for(catalog)
    return {
        "$schema": links.absolute(SCHEMA_PATH) or "krat.content.schema.json",
        "title": "Të dhënat e Komiteteve Rajonale Antitrafik (KRAT) dhe Tryezave Teknike (TTAT)",
        "generated": catalog.today.isoformat(),
        "profile": catalog.profile,
        "site": links.base,
        "license": {"name": licence.name, "url": licence.url, "statement": licence.statement},
        "counts": counts,
    }


def table_row(table: Table, item, export: Export) -> dict:
    return {column.name: column.value(item, export) for column in table.columns}


# A text cell beginning with one of these is run as a formula by spreadsheets (OWASP, "CSV Injection"):
# =HYPERLINK(...) in a record's title would become a link, or worse, in the reader's spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# C0 control characters other than tab, line feed and carriage return: never part of real text (NUL ends a cell in
# some programs); dropped as a last defence, before the test for a formula.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def csv_cell(value: str | int) -> str | int:
    """`value` as a spreadsheet may safely open it: control characters dropped, and text a spreadsheet would run
    as a formula made plain text by a leading single quote ('=HYPERLINK(...)), which spreadsheets show and do
    not run. Numbers the build writes (counts) are left as numbers."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = CONTROL_CHARACTERS.sub("", value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@contextlib.contextmanager
def csv_writer(binary: BinaryIO) -> Iterator[Callable[[list[str | int]], None]]:
    """RFC 4180 CSV (comma, CRLF, quotes where needed) in UTF-8 with a byte-order mark, into `binary`; every
    cell goes through `csv_cell`."""
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    try:
        yield lambda cells: writer.writerow([csv_cell(cell) for cell in cells])
    finally:
        text.flush()
        text.detach()


def json_schema(links: Links) -> dict:
    """JSON Schema (draft 2020-12) of krat.json: every table's rows with all their fields, nothing else."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": links.absolute(SCHEMA_PATH),
        "title": "Të dhënat e hapura të KRAT/TTAT",
        "description": "Skema e krat.json; fushat shpjegohen edhe te faqja /te-dhena/.",
        "type": "object",
        "additionalProperties": False,
        "required": ["title", "generated", "profile", "site", "license", "counts", *[t.key for t in TABLES]],
        "properties": {
            "$schema": STRING,
            "title": STRING,
            "generated": {"type": "string", "pattern": DAY, "description": "Data e ndërtimit të faqes"},
            "profile": {"enum": ["public", "members"], "description": "public: faqja publike; members: për anëtarët"},
            "site": {**NULLABLE, "description": "Adresa e faqes (site_url); null kur nuk është caktuar"},
            "license": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "url", "statement"],
                "properties": {"name": STRING, "url": NULLABLE, "statement": STRING},
            },
            "counts": {
                "type": "object",
                "additionalProperties": False,
                "required": [t.key for t in TABLES],
                "properties": {t.key: {"type": "integer", "minimum": 0} for t in TABLES},
            },
            **{table.key: table_schema(table) for table in TABLES},
        },
    }
    if schema["$id"] is None:
        del schema["$id"]
    return schema


def table_schema(table: Table) -> dict:
    return {
        "type": "array",
        "description": f"{table.title}; fjalori: {table.vocabulary}",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": [column.name for column in table.columns],
            "properties": {column.name: column.schema for column in table.columns},
        },
    }


def write_outputs(catalog: Catalog, links: Links, open_output: OpenOutput) -> None:
    """Write every machine-readable file of the site (feeds, calendars, open data) through `open_output`, one
    file at a time, all from the one catalog the pages are built from."""
    for path, content in itertools.chain(generate_feeds(catalog, links), generate_calendars(catalog, links)):
        with open_output(path) as output:
            output.write(content)
    write_open_data(catalog, links, open_output)


# --- the /te-dhena/ page ------------------------------------------------------------------------------------


@dataclass
class DataFile:
    """A file the page offers for download, with how many rows it holds (None for the schema)."""

    title: str
    path: str
    description: str
    count: int | None = None


@dataclass
class PrefectureRow:
    """One prefecture's line on the page: its published records, its feed and its two calendars."""

    prefecture: Prefecture
    records: int
    feed: Subscription
    meetings: Subscription
    deadlines: Subscription


@dataclass
class OpenDataContext:
    """/te-dhena/ (template opendata.html): the files to download with their row counts, the field tables
    (`tables`, each with its columns and vocabulary), the site-wide feeds, each prefecture's feed and calendars,
    the licence and build date; `undated` counts published records known only by month or year (in the feeds
    and the data, not in the calendars); `members` is true in the members' build."""

    files: list[DataFile]
    tables: list[Table]
    feeds: list[Subscription]
    prefectures: list[PrefectureRow]
    licence: Licence
    built: datetime.date
    members: bool
    undated: int
    page_size: int = PAGE_SIZE
    json_path: str = JSON_PATH
    schema_path: str = SCHEMA_PATH


def opendata_context(catalog: Catalog) -> OpenDataContext:
    """The context of /te-dhena/, counted from the same catalog the files are written from."""
    counts = {table.key: len(table.items(catalog)) for table in TABLES}
    files = [
        DataFile("Të gjitha të dhënat (JSON)", JSON_PATH, "procesverbalet, planet, detyrat dhe institucionet"),
        DataFile("Skema JSON", SCHEMA_PATH, "JSON Schema (draft 2020-12) e skedarit krat.json"),
    ]
    files += [DataFile(f"{table.title} (CSV)", table.csv_path, "", counts[table.key]) for table in TABLES]
    rows = [
        PrefectureRow(prefecture, len(catalog.by_prefecture[prefecture.slug]), *prefecture_subscriptions(prefecture))
        for prefecture in catalog.refdata.prefectures
    ]
    return OpenDataContext(
        files,
        TABLES,
        [SITE_FEED, ARTICLES],
        rows,
        licence_for(catalog),
        catalog.today,
        catalog.profile == "members",
        sum(not record.date.is_exact for record in catalog.records),
    )
