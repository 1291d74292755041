"""The web editor's configuration (Decap CMS, docs/editor.md), generated from the one schema (`krat schema`).

Why generated: the editor must offer exactly what the build accepts. Each field comes from the build's field lists
(`krat.content.schema`) through the JSON Schema fragment its converter declares (the same fragments as the
editors' JSON Schemas, `krat.tools.jsonschema_export`), read as the form staff should write: a list where a list is
allowed, a mapping where a mapping is, else the values from `content/_data/` as a select list, else text with the
pattern the build checks. Labels are the first words of each field's Albanian explanation, the hint is the explanation
as a form needs it (`editor_field`).

Where files go: records in one collection per prefecture, `takime/<qark>/<yyyy>/<date>-<slug>.md`, from the
record's own `date`, never from the moment of saving. Decap's own `{{year}}` cannot do it: it takes the year of
saving unless the date is Decap's date picker, and even then the UTC year of local midnight (1 January went to the
previous year east of UTC); filters such as `date('YYYY')` are mangled in `path` (Decap lower-cases it and drops
quotes). So the date is a text field with the build's pattern (a date known only to the month or year, `2023-05`,
`2023`, stays as written), and editor/krat-editor.js sets `_krat_year`, its first four digits, just before Decap
computes the path (its `preSave` event); the field is never written to the file. Checked with decap-cms 3.16.3
and decap-server 3.11.3 (tests/test_editor_browser.py).
Plans go to `plane/<qark>/<period>.md`, articles to `ndergjegjesim/<slug>.md`; contacts and campaigns are the two
data files. `make check` fails when the committed file differs from what this module writes.
"""

import re
from pathlib import Path

import yaml

from krat.content.refdata import ReferenceData
from krat.content.schema import (
    ARTICLE_FIELDS,
    CAMPAIGNS_FILE_FIELDS,
    CONTACTS_FILE_FIELDS,
    PLAN_FIELDS,
    RECORD_FIELDS,
    Field,
)
from krat.tools.jsonschema_export import Exporter

EDITOR_CONFIG = "editor/config.yml"
# Where the editor saves on the published site: the maintainers' file beside the configuration (docs/deploy.md).
BACKEND_FILE = "backend.yml"
DEFAULT_BACKEND = {"name": "github", "repo": "PRONARI/DEPOJA", "branch": "main"}
# The formats editor/krat-editor.js registers: they change only the values a person changed, so a saved file
# differs from the one read by those lines alone (Decap's own formats rewrite the whole front-matter).
MARKDOWN_FORMAT = "krat-frontmatter"
YAML_FORMAT = "krat-yaml"
NOTICE = (
    "# Krijohet me 'krat schema' nga fushat te krat/content/schema.py dhe nga content/_data/; "
    "mos e ndryshoni me dorë.\n"
)
# The body, as Markdown text: Decap's rich-text mode rewrites the whole body when one word changes (lists from
# `-` to `*`, blank lines dropped; checked with decap-cms 3.16.3), so only its raw mode is offered. Its preview
# passes through DOMPurify too (Decap's `sanitize_preview`), behind /admin/'s page policy.
BODY = {
    "name": "body",
    "label": "Teksti",
    "widget": "markdown",
    "required": False,
    "modes": ["raw"],
    "sanitize_preview": True,
}
EXACT_DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
# A record's date: a whole date, or the year and month, or the year alone (krat.content.dates).
RECORD_DATE = {
    "widget": "string",
    "pattern": [
        r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$",
        "Shkruani datën si VVVV-MM-DD (p.sh. 2024-03-15); VVVV-MM ose VVVV vetëm kur dita nuk dihet",
    ],
}
YEAR_KEY = "_krat_year"  # set by editor/krat-editor.js before Decap computes a new record's path; never written
LABEL_END = re.compile(r"[:;,(]| \"| p\.sh\.")
# Explanations that speak of YAML where the form needs none (the format quotes the time itself).
FORM_HINTS = {"time": "Ora e fillimit, HH:MM; p.sh. 10:30"}
# Fields whose explanation opens with a value rather than a name ("public (publik) ose internal ...").
LABELS = {
    "visibility": "Dukshmëria",
    "draft": "Draft (kontrollohet, por nuk publikohet)",
    "reported_not_working": "Burimet thonë se nuk funksionon",
}


def editor_config(refdata: ReferenceData, backend: dict | None = None) -> dict:
    """The whole configuration: Albanian interface, the `backend` (from editor/backend.yml; by default GitHub with
    a placeholder repository) with review (each draft a pull request), the local backend for `decap-server`
    (used only when the editor is opened on localhost), ASCII file names, and the collections."""
    exporter = Exporter(refdata)
    return {
        "locale": "sq",
        "backend": dict(backend or DEFAULT_BACKEND),
        "publish_mode": "editorial_workflow",
        "local_backend": True,
        "logo_url": "../assets/images/krat-logo.svg",  # the site's mark on the login screen, relative to /admin/
        "media_folder": "content/assets",
        "public_folder": "/assets",
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [
            *(record_collection(prefecture, exporter) for prefecture in refdata.prefectures),
            {
                "name": "plane",
                "label": "Planet e veprimit",
                "folder": "content/plane",
                # `{{prefecture}}`, not `{{fields.prefecture}}`: Decap turns the dot of a path into a dash.
                "path": "{{prefecture}}/{{period}}",
                "identifier_field": "period",  # the title may be left to its default
                "slug": "{{period}}",
                "create": True,
                "extension": "md",
                "format": MARKDOWN_FORMAT,
                "summary": "{{prefecture}} {{period}}",
                "fields": [plan_field(item) for item in fields(PLAN_FIELDS, exporter)] + [BODY],
            },
            {
                "name": "ndergjegjesim",
                "label": "Artikujt e ndërgjegjësimit",
                "folder": "content/ndergjegjesim",
                "create": True,
                "extension": "md",
                "format": MARKDOWN_FORMAT,
                "fields": [*fields(ARTICLE_FIELDS, exporter), BODY],
            },
            {
                "name": "te-dhena",
                "label": "Kontaktet dhe fushatat",
                "format": YAML_FORMAT,
                "files": [
                    data_file(
                        "kontaktet", "Kontaktet (numrat e ndihmës)", "contacts.yml", CONTACTS_FILE_FIELDS, exporter
                    ),
                    data_file("fushatat", "Ditët e fushatave", "campaigns.yml", CAMPAIGNS_FILE_FIELDS, exporter),
                ],
            },
        ],
    }


def record_collection(prefecture, exporter: Exporter) -> dict:
    """One prefecture's records: created in its folder, under the year of their date, named by date and title."""
    record_fields = [record_field(item, prefecture) for item in fields(RECORD_FIELDS, exporter)]
    return {
        "name": f"takime-{prefecture.slug}",
        "label": f"Procesverbalet — {prefecture.name}",
        "label_singular": f"Procesverbal i Qarkut {prefecture.name}",
        "folder": f"content/takime/{prefecture.slug}",
        "path": "{{" + YEAR_KEY + "}}/{{slug}}",
        "slug": "{{fields.date}}-{{slug}}",
        "create": True,
        "extension": "md",
        "format": MARKDOWN_FORMAT,
        "summary": "{{date}} — {{title}}",
        "sortable_fields": ["date", "title"],
        "fields": [*record_fields, BODY],
    }


def record_field(item: dict, prefecture) -> dict:
    """A record's field as its prefecture's collection asks it: the prefecture fixed (the collection is the
    prefecture), the date as text with the build's pattern."""
    if item["name"] == "prefecture":
        return {**{key: value for key, value in item.items() if key != "options"}, "widget": "hidden",
                "default": prefecture.slug}  # fmt: skip
    if item["name"] == "date":
        return {**{key: value for key, value in item.items() if key not in EXACT_DATE}, **RECORD_DATE}
    return item


def plan_field(item: dict) -> dict:
    """A plan's field in the form: the period is asked, because it names the file (`plane/<qark>/<period>.md`)."""
    return {**item, "required": True} if item["name"] == "period" else item


def data_file(name: str, label: str, filename: str, file_fields: list[Field], exporter: Exporter) -> dict:
    return {"name": name, "label": label, "file": f"content/_data/{filename}", "fields": fields(file_fields, exporter)}


def fields(field_list: list[Field], exporter: Exporter) -> list[dict]:
    return [editor_field(field.name, field.explanation, exporter.field(field), field.required) for field in field_list]


def editor_field(name: str, explanation: str, schema: dict, required: bool) -> dict:
    """One field of the form: name, short label, the explanation as hint (its example without the YAML key; none
    for a select list, whose options show labels while the explanation names the stored codes), required or not,
    and its widget."""
    label = LABELS.get(name) or LABEL_END.split(explanation, maxsplit=1)[0].strip() or name
    widget = EXACT_DATE if name == "date" else widget_for(schema, required)  # a record's or an article's date
    hint = (
        {}
        if "options" in widget
        else {"hint": FORM_HINTS.get(name) or explanation.replace(f"p.sh. {name}: ", "p.sh. ")}
    )
    return {"name": name, "label": label, **hint, "required": required, **widget}


def widget_for(schema: dict, required: bool = True) -> dict:
    """The Decap widget for the values `schema` accepts, in the form staff should write them. Inside a mapping
    that may be left out (a record's `chair`), no key is required: Decap would otherwise refuse to save a record
    without a chair; the build still refuses a chair without a name."""
    branches = alternatives(schema)
    array = next((branch for branch in branches if branch.get("type") == "array"), None)
    if array is not None:
        item = widget_for(array["items"])
        if item["widget"] == "select":
            return {**item, "multiple": True}
        if item["widget"] == "object":
            return {"widget": "list", "fields": item["fields"]}
        return {"widget": "list", "field": {"name": "vlera", "label": "Vlera", **item}}
    mapping = next((branch for branch in branches if branch.get("type") == "object"), None)
    if mapping is not None:
        needed = set(mapping.get("required", [])) if required else set()
        inner = [
            editor_field(key, value.get("description", key), value, key in needed)
            for key, value in mapping["properties"].items()
        ]
        return {"widget": "object", "fields": inner}
    choices = next((branch for branch in branches if "enum" in branch), None)
    if choices is not None:
        labels = choices.get("enumDescriptions", choices["enum"])
        return {
            "widget": "select",
            "options": [{"label": lab, "value": val} for val, lab in zip(choices["enum"], labels, strict=True)],
        }
    types = set(kinds(branches))
    if types == {"boolean"}:
        return {"widget": "boolean"}
    if types <= {"integer"} and types:
        number = next(branch for branch in branches if "integer" in kinds([branch]))
        limits = {key: number[source] for key, source in (("min", "minimum"), ("max", "maximum")) if source in number}
        return {"widget": "number", "value_type": "int", **limits}
    pattern = next((branch["pattern"] for branch in branches if branch.get("pattern", r"\S") != r"\S"), None)
    return {"widget": "string", **({"pattern": [pattern, "Vlera nuk ka trajtën e kërkuar"]} if pattern else {})}


def alternatives(schema: dict) -> list[dict]:
    """The schema's alternatives, nested `anyOf`s flattened and 'may be left empty' (null) left out."""
    if "anyOf" in schema:
        return [branch for item in schema["anyOf"] for branch in alternatives(item)]
    return [] if schema.get("type") == "null" else [schema]


def kinds(branches: list[dict]) -> list[str]:
    found = []
    for branch in branches:
        kind = branch.get("type", [])
        found += [k for k in (kind if isinstance(kind, list) else [kind]) if k != "null"]
    return found


def render_editor_config(refdata: ReferenceData, backend: dict | None = None) -> str:
    """The configuration as YAML (stable: the same input gives the same bytes), with the generated-file notice."""
    text = yaml.dump(editor_config(refdata, backend), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
    return NOTICE + text


class _Dumper(yaml.SafeDumper):
    """Every value written out where it is used: no `&id001` anchors for the fields collections share."""

    def ignore_aliases(self, data) -> bool:
        return True


def read_backend(path: Path) -> dict | None:
    """The maintainers' backend settings (a YAML mapping: name, repo, branch, base_url...), or None without the
    file. Not content: it is written by whoever deploys, so a wrong file stops `krat schema` with its message."""
    if not path.is_file():
        return None
    backend = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(backend, dict) or not all(isinstance(value, str) for value in backend.values()):
        raise ValueError(f"{path}: duhet të jetë një grup fushash tekst (name, repo, branch...)")
    return backend
