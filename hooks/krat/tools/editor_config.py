"""The web editor's configuration (Decap CMS, docs/editor.md), generated from the one schema (`krat schema`).

Why generated: the editor must offer exactly what the build accepts. Each field comes from the build's field lists
(`krat.content.schema`) through the JSON Schema fragment its converter declares (the same fragments as the
editors' JSON Schemas, `krat.tools.jsonschema_export`), read as the form staff should write: a list where a list is
allowed, a mapping where a mapping is, else the values from `content/_data/` as a select list, else text with the
pattern the build checks. Labels are the first words of each field's Albanian explanation, the hint is the whole.

Where files go: records in one collection per prefecture, `takime/<qark>/<yyyy>/<date>-<slug>.md`. The year and
the date come from the record's `date` (a date widget): Decap takes `{{year}}` from the entry's date field, not
from the moment of saving (checked with decap-cms 3.16.3 and decap-server 3.11.3, docs/editor.md). So the editor
writes exact dates only; a date known only to the month or year is still written by hand or by `krat import`.
Plans go to `plane/<qark>/<period>.md`, articles to `ndergjegjesim/<slug>.md`; contacts and campaigns are the two
data files. `make check` fails when the committed file differs from what this module writes.
"""

import re

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
NOTICE = (
    "# Krijohet me 'krat schema' nga fushat te krat/content/schema.py dhe nga content/_data/; "
    "mos e ndryshoni me dorë.\n"
)
BODY = {"name": "body", "label": "Teksti", "widget": "markdown", "required": False}
EXACT_DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
LABEL_END = re.compile(r"[:;,(]| \"| p\.sh\.")
# Fields whose explanation opens with a value rather than a name ("public (publik) ose internal ...").
LABELS = {
    "visibility": "Dukshmëria",
    "draft": "Draft (kontrollohet, por nuk publikohet)",
    "reported_not_working": "Burimet thonë se nuk funksionon",
}


def editor_config(refdata: ReferenceData) -> dict:
    """The whole configuration: Albanian interface, the GitHub backend with review (each draft a pull request),
    the local backend for `decap-server`, ASCII file names, and the collections."""
    exporter = Exporter(refdata)
    return {
        "locale": "sq",
        "backend": {"name": "github", "repo": "PRONARI/DEPOJA", "branch": "main"},
        "publish_mode": "editorial_workflow",
        "local_backend": True,
        "media_folder": "content/assets",
        "public_folder": "/assets",
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [
            *(record_collection(prefecture, exporter) for prefecture in refdata.prefectures),
            {
                "name": "plane",
                "label": "Planet e veprimit",
                "folder": "content/plane",
                "path": "{{fields.prefecture}}/{{fields.period}}",
                "create": True,
                "extension": "md",
                "format": "frontmatter",
                "summary": "{{prefecture}} {{period}}",
                "fields": [*fields(PLAN_FIELDS, exporter), BODY],
            },
            {
                "name": "ndergjegjesim",
                "label": "Artikujt e ndërgjegjësimit",
                "folder": "content/ndergjegjesim",
                "create": True,
                "extension": "md",
                "format": "frontmatter",
                "fields": [*fields(ARTICLE_FIELDS, exporter), BODY],
            },
            {
                "name": "te-dhena",
                "label": "Kontaktet dhe fushatat",
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
    record_fields = fields(RECORD_FIELDS, exporter)
    for item in record_fields:
        if item["name"] == "prefecture":  # the collection is the prefecture: fixed, not asked
            item.update(widget="hidden", default=prefecture.slug)
            item.pop("options", None)
    return {
        "name": f"takime-{prefecture.slug}",
        "label": f"Procesverbalet — {prefecture.name}",
        "label_singular": f"Procesverbal i Qarkut {prefecture.name}",
        "folder": f"content/takime/{prefecture.slug}",
        "path": "{{year}}/{{slug}}",
        "slug": "{{fields.date}}-{{slug}}",
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        "summary": "{{date}} — {{title}}",
        "sortable_fields": ["date", "title"],
        "fields": [*record_fields, BODY],
    }


def data_file(name: str, label: str, filename: str, file_fields: list[Field], exporter: Exporter) -> dict:
    return {"name": name, "label": label, "file": f"content/_data/{filename}", "fields": fields(file_fields, exporter)}


def fields(field_list: list[Field], exporter: Exporter) -> list[dict]:
    return [editor_field(field.name, field.explanation, exporter.field(field), field.required) for field in field_list]


def editor_field(name: str, explanation: str, schema: dict, required: bool) -> dict:
    """One field of the form: name, short label, the explanation as hint, required or not, and its widget."""
    label = LABELS.get(name) or LABEL_END.split(explanation, maxsplit=1)[0].strip() or name
    widget = EXACT_DATE if name == "date" else widget_for(schema, required)  # a record's or an article's date
    return {"name": name, "label": label, "hint": explanation, "required": required, **widget}


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


def render_editor_config(refdata: ReferenceData) -> str:
    """The configuration as YAML (stable: the same input gives the same bytes), with the generated-file notice."""
    return NOTICE + yaml.safe_dump(editor_config(refdata), allow_unicode=True, sort_keys=False, width=120)
