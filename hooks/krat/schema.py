"""The one definition of a meeting record's front-matter, used by the build and by `krat check`.

Each field names a converter that turns the raw YAML value into a clean value or raises `Invalid` with an
Albanian explanation. `validate_fields` applies them all and returns every problem at once.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from krat.dates import parse_partial_date
from krat.frontmatter import Document
from krat.problems import Problem
from krat.refdata import Lookup, ReferenceData
from krat.text import did_you_mean, fold

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


@dataclass
class Context:
    """What converters may consult: the reference data and the document (for raw YAML nodes)."""

    refdata: ReferenceData
    document: Document
    field: str = ""


@dataclass(frozen=True)
class Field:
    """One front-matter key: its converter, whether it is required, an Albanian description and an example."""

    name: str
    convert: Callable[[object, Context], object]
    description: str
    example: str
    required: bool = False


# --- converters -------------------------------------------------------------------------------------------


def text(value, context: Context) -> str:
    if isinstance(value, (dict, list)) or value is None or isinstance(value, bool):
        raise Invalid("duhet të jetë tekst i thjeshtë")
    value = str(value).strip()
    if not value:
        raise Invalid("është bosh")
    return value


def list_of(item: Callable) -> Callable:
    """Converter for a YAML list whose items each pass `item`; a single value counts as a one-item list."""

    def convert(value, context: Context) -> list:
        values = value if isinstance(value, list) else [value]
        result, errors = [], []
        for index, entry in enumerate(values):
            try:
                result.append(item(entry, context))
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

    def convert(value, context: Context) -> str:
        key = by_fold.get(fold(text(value, context)))
        if key is None:
            allowed = ", ".join(options)
            raise Invalid(
                f"'{value}' nuk lejohet{did_you_mean(str(value), list(options))} (lejohen: {allowed})"
            )
        return key

    return convert


def reference(kind: str, lookup: Callable[[ReferenceData], Lookup]) -> Callable:
    """Converter resolving a name against reference data (`content/_data/<kind>.yml`)."""

    def convert(value, context: Context):
        found = lookup(context.refdata).get(text(value, context))
        if found is None:
            keys = lookup(context.refdata).keys
            hint = did_you_mean(str(value), keys) or f" (shih content/_data/{kind}.yml)"
            raise Invalid(f"'{value}' nuk njihet{hint}")
        return found

    return convert


def partial_date(value, context: Context):
    node = context.document.scalars.get((context.field,))
    if node is None:
        raise Invalid("duhet të jetë një datë, p.sh. 2018-02-16")
    try:
        return parse_partial_date(node.value)
    except ValueError as error:
        raise Invalid(str(error)) from None


def clock_time(value, context: Context) -> str:
    node = context.document.scalars.get((context.field,))
    if node is not None and node.tag in SEXAGESIMAL_TAGS and node.style is None and ":" in node.value:
        raise Invalid(f'ora duhet në thonjëza: time: "{node.value}" (pa thonjëza YAML e lexon si numër)')
    value = text(value, context)
    match = TIME_PATTERN.match(value)
    if not match:
        example = value.replace(".", ":") if re.fullmatch(r"\d{1,2}\.\d{2}", value) else "11:00"
        raise Invalid(f'\'{value}\' nuk është orë; shkruani "HH:MM" në thonjëza, p.sh. "{example}"')
    return f"{int(match.group(1)):02d}:{match.group(2)}"


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


def participant(value, context: Context) -> dict:
    """An institution code (resolved to its name) or free text; a single unknown word is taken as a typo."""
    value = text(value, context)
    institution = context.refdata.institutions.get(value)
    if institution:
        return {"name": institution.name, "code": institution.code}
    if " " not in value:
        hint = (
            did_you_mean(value, context.refdata.institutions.keys) or " (shih content/_data/institutions.yml)"
        )
        raise Invalid(f"'{value}' nuk njihet{hint} (emrat e plotë, me disa fjalë, pranohen si tekst i lirë)")
    return {"name": value, "code": ""}


def attachment(value, context: Context) -> dict:
    if not isinstance(value, dict) or not value.get("title") or not value.get("url"):
        raise Invalid("çdo bashkëngjitje ka 'title' (titulli) dhe 'url' (lidhja ose shtegu i skedarit)")
    return {"title": text(value["title"], context), "url": text(value["url"], context)}


def boolean(value, context: Context) -> bool:
    if not isinstance(value, bool):
        raise Invalid("duhet të jetë true ose false")
    return value


RECORD_FIELDS = [
    Field(
        "title", text, "Titulli i takimit, siç do të shfaqet në faqe", "Analiza vjetore e KRAT", required=True
    ),
    Field(
        "date",
        partial_date,
        "Data: VVVV-MM-DD; VVVV-MM ose VVVV kur burimi nuk jep ditën",
        "2018-02-16",
        True,
    ),
    Field("time", clock_time, 'Ora e fillimit, "HH:MM" në thonjëza', '"11:00"'),
    Field(
        "prefecture", reference("prefectures", lambda r: r.prefectures), "Qarku (si te dosja)", "kukes", True
    ),
    Field(
        "bodies", list_of(choice(BODIES)), "Komitetet që u mblodhën: KRAT dhe/ose TTAT", "[KRAT, TTAT]", True
    ),
    Field("kind", choice(KINDS), "Lloji: " + ", ".join(KINDS), "annual-review", required=True),
    Field("period", text, "Periudha që analizohet", "2017"),
    Field("place", text, "Vendi i takimit", "Institucioni i Prefektit, Kukës"),
    Field(
        "chair", person, "Kush e drejtoi takimin: name (emri), role (detyra)", "{name: ..., role: Prefekt}"
    ),
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
    Field(
        "visibility", choice(VISIBILITY), "public (publik) ose internal (vetëm për anëtarët)", "public", True
    ),
    Field("summary", text, "Përmbledhje në një fjali për listat", "..."),
    Field("source", text, "Nga vjen teksti: lidhja ose përshkrimi i burimit", "https://..."),
    Field("attachments", list_of(attachment), "Dokumente shtojcë: title dhe url", "[{title: ..., url: ...}]"),
    Field("draft", boolean, "true: skedari kontrollohet, por nuk publikohet", "false"),
]


def validate_fields(
    document: Document, fields: list[Field], refdata: ReferenceData
) -> tuple[dict, list[Problem]]:
    """Convert every known field of `document`; report unknown keys, missing required fields and bad values."""
    by_name = {field.name: field for field in fields}
    values, problems = {}, []
    for key in document.data:
        if key not in by_name:
            problems.append(
                Problem(document.path, document.line(key), str(key), _unknown_key(str(key), by_name))
            )
    for field in fields:
        if field.name not in document.data or document.data[field.name] is None:
            if field.required:
                message = (
                    f"mungon, është e detyrueshme ({field.description}); p.sh. {field.name}: {field.example}"
                )
                problems.append(Problem(document.path, document.line(field.name), field.name, message))
            continue
        try:
            values[field.name] = field.convert(
                document.data[field.name], Context(refdata, document, field.name)
            )
        except Invalid as invalid:
            for where, message in invalid.errors:
                line = document.line(field.name, *where)
                problems.append(Problem(document.path, line, field.name, message))
    return values, problems


def _unknown_key(key: str, by_name: dict) -> str:
    meant = KEY_ALIASES.get(fold(key).replace(" ", "").replace("_", ""))
    hint = f"; a mos doni '{meant}'?" if meant else did_you_mean(key, list(by_name))
    return f"fushë e panjohur{hint or ' (shih listën e fushave në README)'}"
