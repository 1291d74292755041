"""JSON Schemas of the front-matter and data files, for editors (`krat schema`), derived from the build's field lists.

Why: an editor that knows the schema (VS Code with Red Hat's YAML extension, or any JSON Schema tool) flags a
wrong key or value and offers the allowed ones while staff type. The schemas are not written by hand: each
converter in `krat.content.schema` carries the fragment of the values it accepts (`@accepts`), and this module puts the
fragments together per kind of file with the rules of `convert_mapping`: the required keys, no unknown keys, an
optional key may be left empty, and each field's Albanian description. Codes from `content/_data/` (prefectures,
institutions, topics, audiences) become enums, so completion offers them.

The build stays the judge. It also checks what a schema cannot (calendar dates, the prefecture against the
folder, links to plans and tasks, duplicates) and it accepts a few spellings the schemas do not (`Kukës` for
`kukes`, an acronym or full name for an institution code): the schemas ask for the form the staff guide shows.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from krat.content.refdata import Lookup, ReferenceData
from krat.content.schema import (
    ARTICLE_FIELDS,
    CAMPAIGNS_FILE_FIELDS,
    CONTACTS_FILE_FIELDS,
    PLAN_FIELDS,
    RECORD_FIELDS,
    Field,
)

DRAFT = "http://json-schema.org/draft-07/schema#"  # the newest draft Red Hat's YAML language server supports
SCHEMAS_DIR = "schemas"
NOTICE = (
    "Krijohet me 'krat schema' nga fushat te krat/content/schema.py dhe nga content/_data/; mos e ndryshoni me dorë."
)


@dataclass(frozen=True)
class SchemaFile:
    """One schema file: its name, its Albanian title and the field list it is derived from."""

    name: str
    title: str
    fields: list[Field]


SCHEMA_FILES = [
    SchemaFile("procesverbal.schema.json", "Procesverbal (content/takime/)", RECORD_FIELDS),
    SchemaFile("plan.schema.json", "Plan veprimi (content/plane/)", PLAN_FIELDS),
    SchemaFile("artikull.schema.json", "Artikull ndërgjegjësimi (content/ndergjegjesim/)", ARTICLE_FIELDS),
    SchemaFile("kontaktet.schema.json", "Kontaktet (content/_data/contacts.yml)", CONTACTS_FILE_FIELDS),
    SchemaFile("fushatat.schema.json", "Ditët e fushatave (content/_data/campaigns.yml)", CAMPAIGNS_FILE_FIELDS),
]


class Exporter:
    """Turns converters and field lists into JSON Schema; converters' `json_schema` call back into it for inner
    converters (`value`), nested field lists (`mapping`) and reference data (`codes`)."""

    def __init__(self, refdata: ReferenceData):
        self.refdata = refdata

    def value(self, convert) -> dict:
        """The schema of the values `convert` accepts."""
        return convert.json_schema(self)

    def mapping(self, fields: list[Field]) -> dict:
        """An object of `fields`: their keys and no others, the required ones present."""
        schema = {"type": "object", "properties": {field.name: self.field(field) for field in fields}}
        required = [field.name for field in fields if field.required]
        return schema | ({"required": required} if required else {}) | {"additionalProperties": False}

    def field(self, field: Field) -> dict:
        """One key: its description and values; an optional key may also be empty (`place:`), as the build skips it."""
        schema = self.value(field.convert)
        return {"description": field.explanation, **(schema if field.required else or_empty(schema))}

    def codes(self, codes: list[str], names: list[str], spellings: list[str]) -> dict:
        """One of `codes`, offered in completion with its Albanian name; validation also takes every other
        spelling the build accepts (`spellings`, folded) in any case and with or without ë and ç."""
        return {
            "anyOf": [
                {"enum": codes, "enumDescriptions": names},
                {"type": "string", "pattern": any_case(spellings)},
            ]
        }

    def reference(self, lookup: Lookup) -> dict:
        """One item of reference data (`content/_data/`), by its code or any name it may be written with."""
        return self.codes(list(lookup.keys), [item.name for item in lookup], lookup.spellings)


LETTER_VARIANTS = {"e": "eEëË", "c": "cCçÇ"}  # the diacritics `fold` removes in Albanian text
REGEX_SYNTAX = set("^$\\.*+?()[]{}|/")


def any_case(spellings: list[str]) -> str:
    """A regex matching each folded spelling in any case and with or without ë/ç ('kukes' → Kukës, KUKES)."""

    def letter(ch: str) -> str:
        if "a" <= ch <= "z":
            return f"[{LETTER_VARIANTS.get(ch, ch + ch.upper())}]"
        return "\\" + ch if ch in REGEX_SYNTAX else ch

    return "^(?:" + "|".join("".join(map(letter, spelling)) for spelling in spellings) + ")$"


def or_empty(schema: dict) -> dict:
    """`schema`, or null: what YAML makes of a key written without a value."""
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return schema | {"type": [*types, "null"]}
    alternatives = schema["anyOf"] if list(schema) == ["anyOf"] else [schema]
    return {"anyOf": [*alternatives, {"type": "null"}]}


def document_schema(schema_file: SchemaFile, exporter: Exporter) -> dict:
    """The whole schema of one kind of file, with a note that it is generated."""
    return {
        "$schema": DRAFT,
        "$comment": NOTICE,
        "title": schema_file.title,
        **exporter.mapping(schema_file.fields),
    }


def render_schemas(refdata: ReferenceData) -> dict[str, str]:
    """Every schema file's name and its JSON text (stable: the same input gives the same bytes)."""
    exporter = Exporter(refdata)
    return {
        schema_file.name: json.dumps(document_schema(schema_file, exporter), ensure_ascii=False, indent=2) + "\n"
        for schema_file in SCHEMA_FILES
    }


def stale_files(files: dict[Path, str]) -> list[Path]:
    """The paths among `files` whose file is missing or holds another text than the one given."""
    return [path for path, text in files.items() if not path.exists() or path.read_text(encoding="utf-8") != text]


def write_files(files: dict[Path, str]) -> list[Path]:
    """Write each stale file (creating folders) and return their paths; files already up to date are left alone."""
    stale = stale_files(files)
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[path], encoding="utf-8")
    return stale
