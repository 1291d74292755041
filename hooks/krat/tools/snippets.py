"""VS Code snippets for front-matter in Markdown files (`.vscode/krat.code-snippets`), derived from the JSON Schemas.

Why: Red Hat's YAML extension validates and completes YAML files, but VS Code never hands it the front-matter of a
Markdown file (redhat-developer/vscode-yaml#207), so in `.md` files completion comes from these snippets: for each
kind of file a skeleton with every key (Tab moves through the required ones), for each list of mappings a block
for one item (a task, a source, ...), and for each key with a fixed list of values a line that offers them as a
choice. They are built from the same schemas as `krat schema`, so a new code in `content/_data/` reaches them too.
Left as they are, the required keys stay empty and the build refuses the file, as with `krat new`.
"""

import json

from krat.content.refdata import ReferenceData
from krat.content.schema import ARTICLE_FIELDS, PLAN_FIELDS, RECORD_FIELDS
from krat.tools.jsonschema_export import Exporter

SNIPPETS_PATH = ".vscode/krat.code-snippets"
SKELETONS = [
    ("krat-procesverbal", "Front-matter i një procesverbali (content/takime/): të gjitha fushat", RECORD_FIELDS),
    ("krat-plan", "Front-matter i një plani veprimi (content/plane/): të gjitha fushat", PLAN_FIELDS),
    ("krat-artikull", "Front-matter i një artikulli (content/ndergjegjesim/): të gjitha fushat", ARTICLE_FIELDS),
]


class TabStops:
    """Numbers the tab stops of one snippet in order: $1, $2, ..."""

    def __init__(self):
        self.count = 0

    def next(self) -> int:
        self.count += 1
        return self.count


def alternatives(schema: dict) -> list[dict]:
    return schema.get("anyOf", [schema])


def fixed_values(schema: dict) -> list | None:
    """The values a key is limited to (an enum, also inside a list or an alternative), or None."""
    for alternative in alternatives(schema):
        inner = alternative.get("items") or (alternative if "anyOf" in alternative else None)
        found = alternative.get("enum") or (fixed_values(inner) if inner else None)
        if found:
            return found
    return None


def list_item(schema: dict) -> dict | None:
    """The mapping each item is, when a key holds a list of mappings (tasks, sources), else None."""
    for alternative in alternatives(schema):
        if alternative.get("type") == "array" and "properties" in alternative["items"]:
            return alternative["items"]
    return None


def value_text(schema: dict, stops: TabStops) -> str:
    """A tab stop for a value: a choice of the fixed values (in `[...]` for a list), or an empty stop."""
    values = fixed_values(schema)
    if values is None:
        return f"${{{stops.next()}}}"
    choice = f"${{{stops.next()}|{','.join(_escape_choice(value) for value in values)}|}}"
    return f"[{choice}]" if any(alternative.get("type") == "array" for alternative in alternatives(schema)) else choice


def mapping_lines(mapping: dict, stops: TabStops) -> list[str]:
    """Every key of a mapping, in the schema's order: required ones with a tab stop (a list of mappings gets one
    item), optional ones empty, which the build accepts."""
    lines = []
    for name, schema in mapping["properties"].items():
        item = list_item(schema)
        if name not in mapping.get("required", []):
            lines.append(f"{name}:")
        elif item:
            lines += [f"{name}:", *item_lines(item, stops)]
        else:
            lines.append(f"{name}: {value_text(schema, stops)}")
    return lines


def item_lines(item: dict, stops: TabStops) -> list[str]:
    """One list item, indented under its key: '  - first: ...' and the other keys aligned with the first."""
    return [("  - " if index == 0 else "    ") + line for index, line in enumerate(mapping_lines(item, stops))]


def render_snippets(refdata: ReferenceData) -> str:
    """The snippets file: skeletons, list items and fixed-value keys of records, plans and articles."""
    exporter = Exporter(refdata)
    snippets = {}
    for prefix, description, fields in SKELETONS:
        schema = exporter.mapping(fields)
        body = ["---", *mapping_lines(schema, TabStops()), "---", "", "$0"]
        snippets[prefix] = {"scope": "markdown", "prefix": prefix, "description": description, "body": body}
        for name, key_schema in _keys_below(schema):
            snippets.setdefault(f"krat-{name}", _key_snippet(name, key_schema))
    return json.dumps(snippets, ensure_ascii=False, indent=2) + "\n"


def _key_snippet(name: str, schema: dict) -> dict:
    """A snippet for one key: one item of a list of mappings, or the key with a choice of its values."""
    item = list_item(schema)
    if item:
        body = [line.removeprefix("  ") for line in item_lines(item, TabStops())]
    else:
        body = [f"{name}: {value_text(schema, TabStops())}"]
    return {"scope": "markdown", "prefix": f"krat-{name}", "description": schema["description"], "body": body}


def _keys_below(schema: dict):
    """(name, schema) of every key at any depth that has a list of mappings or fixed values: those get snippets."""
    for name, key_schema in schema["properties"].items():
        item = list_item(key_schema)
        if item or fixed_values(key_schema):
            yield name, key_schema
        if item:
            yield from _keys_below(item)


def _escape_choice(value: str) -> str:
    """A choice as VS Code's snippet syntax needs it: ',', '|', '$', '}' and '\\' escaped."""
    return "".join("\\" + ch if ch in ",|$}\\" else ch for ch in str(value))
