"""The one definition of a meeting record's front-matter, used by the build and by `krat check`.

Each field names a converter that turns the raw YAML value into a clean value or raises `Invalid` with an
Albanian explanation. `validate_fields` applies them all and returns every problem at once.

Each converter also says, as a JSON Schema fragment (`@accepts`), which values it takes, so that
`krat.tools.jsonschema_export` can derive the editors' schemas from these same field lists instead of a second copy.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from krat.content.dates import HALF_PATTERN, ISO_PATTERN, QUARTER_PATTERN, parse_due, parse_recent_date
from krat.content.frontmatter import Document
from krat.content.problems import Problem
from krat.content.refdata import Lookup, ReferenceData
from krat.content.text import did_you_mean, fold

BODIES = {"KRAT": "Komiteti Rajonal Antitrafik", "TTAT": "Tryeza Teknike Antitrafik"}
KINDS = {
    "meeting": "Takim",
    "annual-review": "Analizë vjetore",
    "half-year-review": "Analizë 6-mujore",
    "quarter-review": "Analizë 3-mujore",
    "campaign": "Fushatë ndërgjegjësimi",
    "other": "Tjetër",
}
VISIBILITY = {"public": "Publik", "internal": "I brendshëm"}
STATUSES = {
    "not-started": "Pa filluar",
    "in-progress": "Në zbatim",
    "done": "Realizuar",
    "delayed": "Me vonesë",
    "cancelled": "Anuluar",
}
TASK_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]*$")
TIME_PATTERN = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
SEXAGESIMAL_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}

# Albanian or mistyped key names staff are likely to write, and the key they mean.
KEY_ALIASES = {
    "titulli": "title", "data": "date", "ora": "time", "qarku": "prefecture", "prefektura": "prefecture",
    "komiteti": "bodies", "organet": "bodies", "lloji": "kind", "periudha": "period", "vendi": "place",
    "kryetari": "chair", "drejtuar": "chair", "pjesemarresit": "participants", "temat": "topics",
    "tema": "topics", "vendimet": "decisions", "dukshmeria": "visibility", "permbledhja": "summary",
    "burimi": "source", "bashkengjitje": "attachments", "body": "bodies", "topic": "topics",
}  # fmt: skip


class Invalid(Exception):
    """A value that cannot be accepted; `errors` holds (location inside the field, Albanian message) pairs."""

    def __init__(self, message: str = "", where: tuple = (), errors: list | None = None):
        self.errors = errors if errors is not None else [(where, message)]
        super().__init__(message)


@dataclass(frozen=True)
class Context:
    """What converters may consult: reference data, the document (for raw YAML nodes) and where they are in it."""

    refdata: ReferenceData
    document: Document
    path: tuple = ()

    def at(self, key) -> "Context":
        return Context(self.refdata, self.document, self.path + (key,))


@dataclass(frozen=True)
class Field:
    """One front-matter key: its converter, whether it is required, an Albanian description and an example."""

    name: str
    convert: Callable[[object, Context], object]
    description: str
    example: str
    required: bool = False

    @property
    def explanation(self) -> str:
        """The description with an example, as `krat new`'s comments and the editors' hover text show it."""
        return f"{self.description}; p.sh. {self.name}: {self.example}"


def accepts(fragment: dict | Callable) -> Callable:
    """Decorator: attach to a converter the JSON Schema of the values it accepts, as `convert.json_schema`.

    `fragment` is a dict, or a function of the exporter (`krat.tools.jsonschema_export.Exporter`) for fragments that
    depend on reference data or on inner converters. Only editors use it; the build runs the converter itself.
    """

    def attach(convert: Callable) -> Callable:
        convert.json_schema = fragment if callable(fragment) else lambda exporter: fragment
        return convert

    return attach


def one_or_many(item: dict) -> dict:
    """JSON Schema of `list_of`: one value, or a non-empty list of such values."""
    return {"anyOf": [item, {"type": "array", "items": item, "minItems": 1}]}


def pattern(regex: re.Pattern) -> dict:
    """A text in the form the build matches with `regex` (these regexes mean the same in JSON Schema)."""
    return {"type": "string", "pattern": regex.pattern}


TEXT_SCHEMA = {"type": ["string", "number"], "pattern": r"\S"}  # text() takes numbers as written, not blanks


# --- converters -------------------------------------------------------------------------------------------


@accepts(TEXT_SCHEMA)
def text(value, context: Context) -> str:
    if isinstance(value, (dict, list)) or value is None or isinstance(value, bool):
        raise Invalid("duhet të jetë tekst i thjeshtë")
    value = str(value).strip()
    if not value:
        raise Invalid("është bosh")
    return value


def list_of(item: Callable) -> Callable:
    """Converter for a YAML list whose items each pass `item`; a single value counts as a one-item list."""

    @accepts(lambda exporter: one_or_many(exporter.value(item)))
    def convert(value, context: Context) -> list:
        values = value if isinstance(value, list) else [value]
        result, errors = [], []
        for index, entry in enumerate(values):
            try:
                result.append(item(entry, context.at(index) if isinstance(value, list) else context))
            except Invalid as invalid:
                where = (index,) if isinstance(value, list) else ()
                errors += [(where + inner, message) for inner, message in invalid.errors]
        if errors:
            raise Invalid(errors=errors)
        if not result:
            raise Invalid("lista është bosh")
        return result

    return convert


def choice(options: dict[str, str]) -> Callable:
    """Converter accepting one of `options`' keys, compared without case or diacritics."""
    by_fold = {fold(key): key for key in options}

    @accepts(lambda exporter: exporter.codes(list(options), list(options.values()), list(by_fold)))
    def convert(value, context: Context) -> str:
        key = by_fold.get(fold(text(value, context)))
        if key is None:
            allowed = ", ".join(options)
            raise Invalid(f"'{value}' nuk lejohet{did_you_mean(str(value), list(options))} (lejohen: {allowed})")
        return key

    return convert


def reference(kind: str, lookup: Callable[[ReferenceData], Lookup]) -> Callable:
    """Converter resolving a name against reference data (`content/_data/<kind>.yml`)."""

    @accepts(lambda exporter: exporter.reference(lookup(exporter.refdata)))
    def convert(value, context: Context):
        found = lookup(context.refdata).get(text(value, context))
        if found is None:
            keys = lookup(context.refdata).keys
            hint = did_you_mean(str(value), keys) or f" (shih content/_data/{kind}.yml)"
            raise Invalid(f"'{value}' nuk njihet{hint}")
        return found

    return convert


def written_as(parse: Callable[[str, datetime.date], object], expected: str, json_schema: dict) -> Callable:
    """Converter that parses the value exactly as written in the file (YAML would turn 2023 into a number).
    `json_schema` is the form it takes, for editors; the build's `parse(text, build date)` also checks the
    calendar and the range of years."""

    @accepts(json_schema)
    def convert(value, context: Context):
        node = context.document.scalars.get(context.path)
        if node is None:
            raise Invalid(f"duhet të jetë {expected}")
        try:
            return parse(node.value, context.refdata.today)
        except ValueError as error:
            raise Invalid(str(error)) from None

    return convert


YEAR_SCHEMA = {"type": "integer", "minimum": 1000, "maximum": 9999}  # 2023 unquoted: YAML reads a number
# Both within a sane range (krat.content.dates.check_range): 1990 to two years after the build date, ten for deadlines.
partial_date = written_as(
    parse_recent_date, "një datë, p.sh. 2018-02-16", {"anyOf": [pattern(ISO_PATTERN), YEAR_SCHEMA]}
)
due = written_as(
    parse_due,
    "një afat, p.sh. 2018-06-30, 2018-06, 2018-Q2 ose 2018",
    {"anyOf": [pattern(ISO_PATTERN), pattern(QUARTER_PATTERN), pattern(HALF_PATTERN), YEAR_SCHEMA]},
)


@accepts(pattern(TIME_PATTERN))  # only a quoted text: YAML reads an unquoted 10:30 as the number 630
def clock_time(value, context: Context) -> str:
    node = context.document.scalars.get(context.path)
    if node is not None and node.tag in SEXAGESIMAL_TAGS and not node.style and ":" in node.value:
        raise Invalid(f'ora duhet në thonjëza: time: "{node.value}" (pa thonjëza YAML e lexon si numër)')
    value = text(value, context)
    match = TIME_PATTERN.match(value)
    if not match:
        example = value.replace(".", ":") if re.fullmatch(r"\d{1,2}\.\d{2}", value) else "11:00"
        raise Invalid(f'\'{value}\' nuk është orë; shkruani "HH:MM" në thonjëza, p.sh. "{example}"')
    return f"{int(match.group(1)):02d}:{match.group(2)}"


PERSON_FIELDS = [
    Field("name", text, "Emri i personit", "Zenel Kuçana", required=True),
    Field("role", text, "Detyra", "Prefekti i Qarkut Kukës"),
]
ATTACHMENT_FIELDS = [
    Field("title", text, "Titulli i dokumentit", "Plani i Veprimit 2018", required=True),
    Field("url", text, "Lidhja ose shtegu i skedarit", "https://...", required=True),
]


@accepts(lambda exporter: {"anyOf": [{"type": "string", "pattern": r"\S"}, exporter.mapping(PERSON_FIELDS)]})
def person(value, context: Context) -> dict:
    """A person as `{name, role}`; a plain text is taken as the name."""
    if isinstance(value, str):
        return {"name": text(value, context), "role": ""}
    if not isinstance(value, dict):
        raise Invalid("shkruani emrin dhe rolin: 'name: ...' dhe 'role: ...' (me dhëmbëzim)")
    unknown = [key for key in value if key not in ("name", "role")]
    if unknown:
        raise Invalid(f"'{unknown[0]}' nuk njihet; lejohen vetëm 'name' dhe 'role'", (unknown[0],))
    if not value.get("name"):
        raise Invalid("mungon 'name' (emri i personit)", ("name",))
    return {
        "name": text(value["name"], context),
        "role": text(value["role"], context) if value.get("role") else "",
    }


@accepts(
    lambda exporter: {
        "anyOf": [
            exporter.reference(exporter.refdata.institutions),
            {"type": "string", "pattern": r"\S\s+\S", "description": "Emri i plotë, me disa fjalë"},
        ]
    }
)
def participant(value, context: Context) -> dict:
    """An institution code (resolved to its name) or free text; a single unknown word is taken as a typo."""
    value = text(value, context)
    institution = context.refdata.institutions.get(value)
    if institution:
        return {"name": institution.name, "code": institution.code}
    if " " not in value:
        hint = did_you_mean(value, context.refdata.institutions.keys) or " (shih content/_data/institutions.yml)"
        raise Invalid(f"'{value}' nuk njihet{hint} (emrat e plotë, me disa fjalë, pranohen si tekst i lirë)")
    return {"name": value, "code": ""}


@accepts(lambda exporter: exporter.mapping(ATTACHMENT_FIELDS))  # the build ignores other keys; editors flag them
def attachment(value, context: Context) -> dict:
    if not isinstance(value, dict) or not value.get("title") or not value.get("url"):
        raise Invalid("çdo bashkëngjitje ka 'title' (titulli) dhe 'url' (lidhja ose shtegu i skedarit)")
    return {"title": text(value["title"], context), "url": text(value["url"], context)}


@accepts({"anyOf": [pattern(TASK_ID_PATTERN), {"type": "number", "minimum": 0}]})  # 1.10 as written
def identifier(value, context: Context) -> str:
    """An id such as '1.10': taken as written (YAML would read 1.10 as the number 1.1)."""
    node = context.document.scalars.get(context.path)
    value = text(node.value if node is not None else value, context)
    if not TASK_ID_PATTERN.match(value):
        raise Invalid(
            f"'{value}' nuk është identifikues i vlefshëm; përdorni shkronja, shifra, '.' ose '-' (p.sh. 1.2)"
        )
    return value


@accepts({"type": "boolean"})
def boolean(value, context: Context) -> bool:
    if not isinstance(value, bool):
        raise Invalid("duhet të jetë true ose false")
    return value


def convert_mapping(data: dict, fields: list[Field], context: Context) -> tuple[dict, list]:
    """Convert every known key of `data`; return the values and (where, message) errors for unknown keys,
    missing required keys and bad values. `where` starts with the key, so nested errors keep their place."""
    by_name = {field.name: field for field in fields}
    values, errors = {}, []
    for key in data:
        if key not in by_name:
            errors.append(((key,), _unknown_key(str(key), by_name)))
    for field in fields:
        if data.get(field.name) is None:
            if field.required:
                message = f"mungon, është e detyrueshme ({field.description}); p.sh. {field.name}: {field.example}"
                errors.append(((field.name,), message))
            continue
        try:
            values[field.name] = field.convert(data[field.name], context.at(field.name))
        except Invalid as invalid:
            errors += [((field.name, *where), message) for where, message in invalid.errors]
    return values, errors


def mapping(fields: list[Field]) -> Callable:
    """Converter for a nested mapping (e.g. one task of a plan) described by its own `fields`."""

    @accepts(lambda exporter: exporter.mapping(fields))
    def convert(value, context: Context) -> dict:
        if not isinstance(value, dict):
            raise Invalid("duhet të jetë një grup fushash 'emër: vlerë' (me dhëmbëzim)")
        values, errors = convert_mapping(value, fields, context)
        if errors:
            raise Invalid(errors=errors)
        return values

    return convert


def validate_fields(document: Document, fields: list[Field], refdata: ReferenceData) -> tuple[dict, list[Problem]]:
    """Validate a document's front-matter against `fields`: the values that passed, and one problem per error."""
    values, errors = convert_mapping(document.data, fields, Context(refdata, document))
    problems = [
        Problem(
            document.path,
            document.line(*where),
            ".".join(str(key) for key in where if isinstance(key, str)),
            message,
        )
        for where, message in errors
    ]
    return values, problems


def _unknown_key(key: str, by_name: dict) -> str:
    meant = KEY_ALIASES.get(fold(key).replace(" ", "").replace("_", ""))
    hint = f"; a mos doni '{meant}'?" if meant else did_you_mean(key, list(by_name))
    return f"fushë e panjohur{hint or ' (shih listën e fushave te docs/staff/01-procesverbalet.md)'}"


# --- the schemas -----------------------------------------------------------------------------------------

TASK_UPDATE_FIELDS = [
    Field(
        "plan",
        text,
        "Plani: <qarku>/<viti>, si emri i skedarit te content/plane/",
        "kukes/2018",
        required=True,
    ),
    Field("task", identifier, "Identifikuesi i detyrës në plan", "1.2", required=True),
    Field("status", choice(STATUSES), "Statusi: " + ", ".join(STATUSES), "done", required=True),
    Field("note", text, "Shënim i shkurtër nga procesverbali", "U zhvilluan 12 takime në shkolla"),
]
PLAN_REVIEW_FIELDS = [
    Field("plan", text, "Plani që u shqyrtua: <qarku>/<viti>", "kukes/2017", required=True),
    Field("note", text, "Çfarë thotë procesverbali për zbatimin e planit", "Detyrat u realizuan", required=True),
]

RECORD_FIELDS = [
    Field("title", text, "Titulli i takimit, siç do të shfaqet në faqe", "Analiza vjetore e KRAT", required=True),
    Field(
        "date",
        partial_date,
        "Data: VVVV-MM-DD; VVVV-MM ose VVVV kur burimi nuk jep ditën",
        "2018-02-16",
        True,
    ),
    Field("time", clock_time, 'Ora e fillimit, "HH:MM" në thonjëza', '"11:00"'),
    Field("prefecture", reference("prefectures", lambda r: r.prefectures), "Qarku (si te dosja)", "kukes", True),
    Field("bodies", list_of(choice(BODIES)), "Komitetet që u mblodhën: KRAT dhe/ose TTAT", "[KRAT, TTAT]", True),
    Field("kind", choice(KINDS), "Lloji: " + ", ".join(KINDS), "annual-review", required=True),
    Field("period", text, "Periudha që analizohet", "2017"),
    Field("place", text, "Vendi i takimit", "Institucioni i Prefektit, Kukës"),
    Field("chair", person, "Kush e drejtoi takimin: name (emri), role (detyra)", "{name: ..., role: Prefekt}"),
    Field("rapporteur", person, "Kush paraqiti raportin: name, role", "{name: ..., role: ...}"),
    Field(
        "participants",
        list_of(participant),
        "Institucionet pjesëmarrëse (kodet nga institutions.yml)",
        "[DVP]",
    ),
    Field("topics", list_of(reference("topics", lambda r: r.topics)), "Temat (nga topics.yml)", "[arsimi]"),
    Field("agenda", list_of(text), "Pikat e rendit të ditës / të diskutimit", "[...]"),
    Field("decisions", list_of(text), "Vendimet e marra", "[U miratua Plani i Veprimit 2018]"),
    Field("approves_plan", text, "Plani i veprimit që miratoi ky takim: <qarku>/<viti>", "kukes/2018"),
    Field(
        "task_updates",
        list_of(mapping(TASK_UPDATE_FIELDS)),
        "Ecuria e detyrave të planit",
        "[{plan: ..., ...}]",
    ),
    Field(
        "plan_reviews",
        list_of(mapping(PLAN_REVIEW_FIELDS)),
        "Vlerësim i një plani në tërësi",
        "[{plan: ...}]",
    ),
    Field("visibility", choice(VISIBILITY), "public (publik) ose internal (vetëm për anëtarët)", "public", True),
    Field("summary", text, "Përmbledhje në një fjali për listat", "..."),
    Field("source", text, "Nga vjen teksti: lidhja ose përshkrimi i burimit", "https://..."),
    Field("attachments", list_of(attachment), "Dokumente shtojcë: title dhe url", "[{title: ..., url: ...}]"),
    Field("draft", boolean, "true: skedari kontrollohet, por nuk publikohet", "false"),
]
# What a person must still check before a record is published: each item names a field of the record and says why.
# `krat import` writes them for every value it guessed; the editor shows them; a public record may have none.
VERIFY_FIELDS = [
    Field("field", choice({item.name: item.name for item in RECORD_FIELDS}), "Fusha për t'u kontrolluar", "date", True),
    Field("note", text, "Çfarë duhet kontrolluar dhe pse", "data u mor nga adresa e burimit"),
]
RECORD_FIELDS.insert(
    len(RECORD_FIELDS) - 1,  # before `draft`
    Field(
        "verify",
        list_of(mapping(VERIFY_FIELDS)),
        "Pika që një person duhet t'i kontrollojë para publikimit: field (fusha) dhe note (pse)",
        "[{field: date, note: ...}]",
    ),
)

INSTITUTION = reference("institutions", lambda r: r.institutions)
OBJECTIVE_FIELDS = [
    Field("id", identifier, "Identifikuesi i objektivit", "1", required=True),
    Field("title", text, "Objektivi", "Parandalimi në shkolla", required=True),
]
TASK_FIELDS = [
    Field("id", identifier, "Identifikuesi i qëndrueshëm i detyrës", "1.2", required=True),
    Field("objective", identifier, "Objektivi ku bën pjesë (id nga objectives)", "1"),
    Field("title", text, "Detyra", "Takime ndërgjegjësuese në shkolla", required=True),
    Field("responsible", list_of(INSTITUTION), "Institucionet përgjegjëse (kodet)", "[DAR, DVP]", required=True),
    Field("partners", list_of(participant), "Partnerët (kode ose emra të plotë)", "[OJF]"),
    Field("due", due, "Afati: data, muaji, tremujori (2018-Q2) ose viti", "2018-Q2"),
    Field("indicator", text, "Treguesi i realizimit", "Numri i shkollave"),
    Field("topics", list_of(reference("topics", lambda r: r.topics)), "Temat (nga topics.yml)", "[arsimi]"),
    Field("status", choice(STATUSES), "Statusi fillestar: " + ", ".join(STATUSES), "not-started"),
]
PLAN_FIELDS = [
    Field("title", text, "Titulli i planit (parazgjedhje: Plani Rajonal i Veprimit <periudha>)", "..."),
    Field("prefecture", reference("prefectures", lambda r: r.prefectures), "Qarku (si te dosja)", "kukes", True),
    Field("period", text, "Viti ose periudha, si emri i skedarit", "2018"),
    Field("approved_on", partial_date, "Data e miratimit", "2018-02-16"),
    Field(
        "approved_by",
        text,
        "Takimi që e miratoi: <qarku>/<emri i skedarit pa .md>",
        "kukes/2018-02-16-...",
        False,
    ),
    Field("visibility", choice(VISIBILITY), "public ose internal", "public", required=True),
    Field("summary", text, "Përshkrim i shkurtër", "..."),
    Field("source", text, "Burimi i planit", "..."),
    Field("objectives", list_of(mapping(OBJECTIVE_FIELDS)), "Objektivat: id dhe title", "[{id: 1, title: ...}]"),
    Field("tasks", list_of(mapping(TASK_FIELDS)), "Detyrat e planit", "[{id: 1.1, title: ..., ...}]"),
    Field("draft", boolean, "true: kontrollohet, por nuk publikohet", "false"),
]


# --- awareness: articles, contacts and campaign days ------------------------------------------------------

WEB_ADDRESS = re.compile(r"""^https?://[^\s<>"'`]+$""")  # no needless escapes: editors read it as JavaScript
PHONE_NUMBER = re.compile(r"^\d+(?: \d+)*$")


@accepts(pattern(WEB_ADDRESS))
def web_address(value, context: Context) -> str:
    """A link readers follow: only http(s) addresses, so no page can carry a `javascript:` or relative link."""
    value = text(value, context)
    if not WEB_ADDRESS.match(value):
        raise Invalid(f"'{value}' nuk është adresë interneti; shkruani adresën e plotë që nis me https://")
    return value


@accepts({"anyOf": [pattern(PHONE_NUMBER), {"type": "integer", "minimum": 0}]})  # 112 unquoted is a number
def phone_number(value, context: Context) -> str:
    """A phone number as written ('116 111' keeps its space; YAML reads 112 as a number): digits and spaces."""
    node = context.document.scalars.get(context.path)
    value = text(node.value if node is not None else value, context)
    if not PHONE_NUMBER.match(value):
        raise Invalid(f"'{value}' nuk është numër telefoni; shkruani vetëm shifra dhe hapësira, p.sh. \"116 111\"")
    return value


def number_between(low: int, high: int) -> Callable:
    """Converter for a whole number from `low` to `high` (a month, a day, a year)."""

    @accepts({"type": "integer", "minimum": low, "maximum": high})
    def convert(value, context: Context) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise Invalid(f"'{value}' nuk lejohet; duhet një numër i plotë nga {low} deri në {high}")
        return value

    return convert


def _parse_day(text_value: str, today: datetime.date) -> datetime.date:
    """A full date in the range of `parse_recent_date`: a contact is verified on a known day, so '2026-11' is
    not enough."""
    date = parse_recent_date(text_value, today)
    if not date.is_exact:
        raise ValueError(f"'{text_value}' duhet të jetë datë e plotë me ditë, p.sh. 2026-11-22")
    return datetime.date(date.year, date.month, date.day)


DAY_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # the form of a date known to the day, for editors
exact_date = written_as(_parse_day, "një datë e plotë, p.sh. 2026-11-22", pattern(DAY_PATTERN))

KEY_ALIASES.update({"audienca": "audience", "lexuesit": "audience", "numri": "number", "orari": "hours"})

SOURCE_FIELDS = [
    Field("title", text, "Titulli i burimit", "UNODC – Human trafficking indicators", required=True),
    Field("url", web_address, "Adresa e plotë e burimit", "https://www.unodc.org/...", required=True),
]
ARTICLE_FIELDS = [
    Field("title", text, "Titulli i artikullit", "Çfarë është trafikimi i personave", required=True),
    Field("date", partial_date, "Data e publikimit: VVVV-MM-DD", "2026-11-22", required=True),
    Field(
        "audience",
        list_of(reference("audiences", lambda r: r.audiences)),
        "Për kë është shkruar (nga audiences.yml)",
        "[publiku, prinderit]",
        required=True,
    ),
    Field("topics", list_of(reference("topics", lambda r: r.topics)), "Temat (nga topics.yml)", "[parandalimi]", True),
    Field(
        "prefecture",
        reference("prefectures", lambda r: r.prefectures),
        "Qarku, kur artikulli i përket një qarku",
        "korce",
    ),
    Field("summary", text, "Përmbledhje në një ose dy fjali për listat", "...", required=True),
    Field(
        "sources",
        list_of(mapping(SOURCE_FIELDS)),
        "Burimet e fakteve: title dhe url për secilin",
        "[{title: ..., url: https://...}]",
        required=True,
    ),
    Field("visibility", choice(VISIBILITY), "public (publik) ose internal (vetëm për anëtarët)", "public", True),
    Field("draft", boolean, "true: kontrollohet, por nuk publikohet", "false"),
]

CONTACT_FIELDS = [
    Field("number", phone_number, "Numri i telefonit, në thonjëza", '"116 111"', required=True),
    Field("name", text, "Emri i shërbimit", "ALO 116 111", required=True),
    Field("short_name", text, "Emri i shkurtër te shiriti i ndihmës në krye të çdo faqeje", "Linja për fëmijët"),
    Field("for_whom", text, "Për kë është shërbimi", "Fëmijët, të rinjtë dhe prindërit", required=True),
    Field("hours", text, "Orari, vetëm siç e jep burimi", "24 orë në ditë, 7 ditë në javë"),
    Field("source", mapping(SOURCE_FIELDS), "Ku është verifikuar numri: title dhe url", "{title: ..., url: ...}", True),
    Field("verified_on", exact_date, "Data kur stafi e verifikoi numrin te burimi", "2026-11-22", required=True),
    Field("caveat", text, "Paralajmërim që shfaqet bashkë me numrin", "..."),
    Field(
        "reported_not_working",
        boolean,
        "true kur burime zyrtare thonë se numri nuk funksionon: nuk del te shiriti i ndihmës; kërkon caveat",
        "false",
    ),
]
CONTACTS_FILE_FIELDS = [
    Field("contacts", list_of(mapping(CONTACT_FIELDS)), "Lista e kontakteve", "[{number: ..., ...}]", required=True),
]

CAMPAIGN_FIELDS = [
    Field("name", text, "Emri i ditës ose i muajit", "Dita Botërore kundër Trafikimit të Personave", required=True),
    Field("month", number_between(1, 12), "Muaji (1–12)", "7", required=True),
    Field("day", number_between(1, 31), "Dita e muajit; mungon kur fushata zgjat gjithë muajin", "30"),
    Field("since", number_between(1900, 2100), "Viti i parë kur u shënua", "2007"),
    Field("description", text, "Një fjali shpjegimi", "..."),
    Field("source", mapping(SOURCE_FIELDS), "Burimi: title dhe url", "{title: ..., url: ...}", required=True),
]
CAMPAIGNS_FILE_FIELDS = [
    Field("campaigns", list_of(mapping(CAMPAIGN_FIELDS)), "Ditët e fushatave", "[{name: ..., ...}]", required=True),
]
