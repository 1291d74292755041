"""JSON Schemas for editors: derived from the build's field lists, committed up to date, and in agreement with the
build on the seed content and the fixtures (what each side alone checks is asserted too)."""

import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURES, ROOT
from krat.content.frontmatter import read_data_file, read_document
from krat.content.refdata import load_reference_data
from krat.tools.editor_config import EDITOR_CONFIG, render_editor_config
from krat.tools.jsonschema_export import REGEX_SYNTAX, SCHEMA_FILES, SCHEMAS_DIR, render_schemas
from krat.tools.snippets import SNIPPETS_PATH, render_snippets

REFDATA = load_reference_data(ROOT / "content/_data", "content/_data")
SCHEMAS = {name: json.loads(text) for name, text in render_schemas(REFDATA).items()}
RECORD, PLAN, ARTICLE = "procesverbal.schema.json", "plan.schema.json", "artikull.schema.json"


def errors(schema_name: str, data: dict) -> list[tuple[list, str]]:
    """(path inside the front-matter, message) of every schema error."""
    validator = jsonschema.Draft7Validator(SCHEMAS[schema_name])
    return [(list(error.path), error.message) for error in validator.iter_errors(data)]


def front_matter(path: Path) -> dict:
    """The front-matter as the build reads it (PyYAML's YAML 1.1, dates left as text)."""
    document, problems = read_document(path, str(path))
    assert not problems
    return document.data


def test_schemas_are_valid_draft_7():
    assert [schema_file.name for schema_file in SCHEMA_FILES] == list(SCHEMAS)
    for schema in SCHEMAS.values():
        jsonschema.Draft7Validator.check_schema(schema)
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_committed_schemas_snippets_and_editor_config_are_what_krat_schema_writes_now():
    """VS Code reads the committed files without running anything; this keeps them from drifting."""
    expected = {f"{SCHEMAS_DIR}/{name}": text for name, text in render_schemas(REFDATA).items()}
    expected[SNIPPETS_PATH] = render_snippets(REFDATA)
    expected[EDITOR_CONFIG] = render_editor_config(REFDATA)
    for path, text in expected.items():
        committed = (ROOT / path).read_text(encoding="utf-8") if (ROOT / path).exists() else None
        assert committed == text, f"{path} nuk është i përditësuar; jepni: .venv/bin/krat schema"


@pytest.mark.parametrize("schema_file", SCHEMA_FILES, ids=lambda schema_file: schema_file.name)
def test_each_schema_has_exactly_the_fields_of_the_build(schema_file):
    schema = SCHEMAS[schema_file.name]
    assert list(schema["properties"]) == [field.name for field in schema_file.fields]
    assert schema["required"] == [field.name for field in schema_file.fields if field.required]
    assert schema["additionalProperties"] is False
    for field in schema_file.fields:
        assert schema["properties"][field.name]["description"] == field.explanation


def test_descriptions_are_the_albanian_words_of_krat_new():
    time = SCHEMAS[RECORD]["properties"]["time"]
    assert time["description"] == 'Ora e fillimit, "HH:MM" në thonjëza; p.sh. time: "11:00"'
    kind = SCHEMAS[RECORD]["properties"]["kind"]["anyOf"][0]
    assert kind["enum"][:2] == ["meeting", "annual-review"]
    assert kind["enumDescriptions"][:2] == ["Takim", "Analizë vjetore"]


def test_reference_codes_come_from_content_data():
    prefecture = SCHEMAS[RECORD]["properties"]["prefecture"]["anyOf"][0]
    assert prefecture["enum"] == list(REFDATA.prefectures.keys)
    assert prefecture["enumDescriptions"][7] == "Kukës"
    task = SCHEMAS[PLAN]["properties"]["tasks"]["anyOf"][1]["items"]
    assert task["properties"]["responsible"]["anyOf"][0]["anyOf"][0]["enum"] == list(REFDATA.institutions.keys)
    assert task["required"] == ["id", "title", "responsible"]


def _valid_files() -> list[tuple[str, Path]]:
    """The seed content and every fixture the build accepts, with the schema that describes it."""
    by_folder = {"takime": RECORD, "plane": PLAN, "ndergjegjesim": ARTICLE}
    files = []
    for root in (ROOT / "content", FIXTURES / "site"):
        for folder, schema_name in by_folder.items():
            files += [(schema_name, path) for path in sorted((root / folder).rglob("*.md"))]
    files += [(RECORD, FIXTURES / "records" / name) for name in ("valid.md", "partial_date.md")]
    files += [(ARTICLE, FIXTURES / "articles/valid.md")]
    return files


@pytest.mark.parametrize(("schema_name", "path"), _valid_files(), ids=lambda value: str(value).split("tests/")[-1])
def test_seed_content_and_valid_fixtures_pass_the_schema(schema_name, path):
    assert errors(schema_name, front_matter(path)) == []


@pytest.mark.parametrize(
    ("name", "schema_name"), [("contacts.yml", "kontaktet.schema.json"), ("campaigns.yml", "fushatat.schema.json")]
)
def test_data_files_pass_their_schema(name, schema_name):
    document, problems = read_data_file(ROOT / "content/_data" / name, name)
    assert not problems
    assert errors(schema_name, document.data) == []


def failing_fields(schema_name: str, data: dict) -> list[str]:
    """The top-level keys the schema refuses; a missing or unknown key is named by the message."""
    validator = jsonschema.Draft7Validator(SCHEMAS[schema_name])
    fields = []
    for error in validator.iter_errors(data):
        named = error.validator in ("required", "additionalProperties")
        fields += re.findall(r"'([^']+)'", error.message) if named else [error.path[0]]
    return sorted(fields)


@pytest.mark.parametrize(
    ("fixture", "schema_name", "fields"),
    [
        ("records/unknown_key.md", RECORD, "topcs vendi"),
        ("records/unknown_names.md", RECORD, "bodies kind participants prefecture topics visibility"),
        ("records/unquoted_time.md", RECORD, "time"),
        ("records/wrong_types.md", RECORD, "chair draft title"),
        ("records/missing_required.md", RECORD, "bodies kind visibility"),
        ("articles/bad_sources.md", ARTICLE, "sources"),
        ("articles/unknown_names.md", ARTICLE, "audience prefecture topics visibility"),
        ("articles/missing_required.md", ARTICLE, "audience date sources summary topics"),
    ],
)
def test_invalid_fixtures_fail_the_schema_at_the_fields_the_build_names(fixture, schema_name, fields):
    """The same fields as the exact messages in test_validation.py and test_articles.py."""
    assert failing_fields(schema_name, front_matter(FIXTURES / fixture)) == fields.split()


BASE = {
    "title": "Takim",
    "date": "2018-02-16",
    "prefecture": "kukes",
    "bodies": ["KRAT"],
    "kind": "meeting",
    "visibility": "public",
}


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        ({"vendi": "Kukës"}, [], "Additional properties are not allowed ('vendi' was unexpected)"),
        ({"kind": "meting"}, ["kind"], "'meting' is not valid under any of the given schemas"),
        ({"time": 630}, ["time"], "630 is not of type 'string', 'null'"),  # what YAML makes of time: 10:30
        ({"prefecture": "Kukësi"}, ["prefecture"], "'Kukësi' is not valid under any of the given schemas"),
        ({"date": "16.02.2018"}, ["date"], "'16.02.2018' is not valid under any of the given schemas"),
        ({"title": None}, ["title"], "None is not of type 'string', 'number'"),
        ({"bodies": []}, ["bodies"], "[] is not valid under any of the given schemas"),
        ({"participants": ["DPV"]}, ["participants"], "['DPV'] is not valid under any of the given schemas"),
    ],
)
def test_invalid_front_matter_fails_the_schema(change, path, message):
    assert errors(RECORD, BASE | change) == [(path, message)]


@pytest.mark.parametrize(
    "change",
    [
        {"prefecture": "Kukës"},
        {"prefecture": "KUKES"},
        {"bodies": "krat"},
        {"kind": "Annual-Review"},
        {"time": "9:30", "period": 2017, "place": None},
        {"date": 2023},
        {"participants": ["dvp", "Prefektura", "Drejtoria e Tatimeve Kukës"]},
        {"topics": ["Shkollat dhe arsimi"]},
        {"chair": "Zenel Kuçana", "rapporteur": {"name": "Abdulla Domi", "role": None}},
    ],
)
def test_what_the_build_accepts_passes_the_schema_too(change):
    """Case, ë/ç, names instead of codes, one value for a list, empty optional keys, an unquoted year."""
    assert errors(RECORD, BASE | change) == []


@pytest.mark.parametrize("fixture", ["impossible_date.md", "prefecture_mismatch.md", "raw_html.md"])
def test_what_only_the_build_checks(fixture):
    """A calendar date, the prefecture against the folder and the body's HTML are beyond a schema."""
    assert errors(RECORD, front_matter(FIXTURES / "records" / fixture)) == []


def test_patterns_read_the_same_in_python_and_javascript():
    """Editors compile patterns as JavaScript unicode regexes, which refuse escapes such as \\" that Python allows."""
    patterns = re.findall(r'"pattern": ("(?:[^"\\]|\\.)*")', "".join(render_schemas(REFDATA).values()))
    assert patterns
    for pattern in map(json.loads, patterns):
        re.compile(pattern)
        assert set(re.findall(r"\\(.)", pattern)) <= set("dDsSwW") | REGEX_SYNTAX, pattern
