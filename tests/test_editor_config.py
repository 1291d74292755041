"""The web editor's configuration (krat.tools.editor_config): generated from the build's field lists, so the form
asks for what the build accepts and saves files where `krat check` expects them. (That a record made with this
configuration in Decap CMS lands at takime/<qark>/<yyyy>/<date>-<slug>.md and passes `krat check` was checked in
Chromium against decap-server; docs/editor.md.)"""

import re

import pytest
import yaml
from conftest import ROOT
from krat.content.refdata import load_reference_data
from krat.content.schema import ARTICLE_FIELDS, PLAN_FIELDS, RECORD_FIELDS
from krat.tools.editor_config import EDITOR_CONFIG, editor_config

REFDATA = load_reference_data(ROOT / "content/_data", "content/_data")
CONFIG = editor_config(REFDATA)
COLLECTIONS = {collection["name"]: collection for collection in CONFIG["collections"]}


def by_name(fields: list[dict]) -> dict[str, dict]:
    return {field["name"]: field for field in fields}


def test_the_committed_file_is_valid_yaml_of_this_configuration():
    assert yaml.safe_load((ROOT / EDITOR_CONFIG).read_text(encoding="utf-8")) == CONFIG


def test_one_record_collection_per_prefecture_saving_where_the_checker_expects():
    records = [name for name in COLLECTIONS if name.startswith("takime-")]
    assert records == [f"takime-{prefecture.slug}" for prefecture in REFDATA.prefectures]
    kukes = COLLECTIONS["takime-kukes"]
    assert kukes["folder"] == "content/takime/kukes"
    # the folder is the year krat-editor.js takes from the record's own date, the name starts with the date:
    # never the moment of saving (tests/test_editor_browser.py saves a year alone and a 1 January date)
    assert (kukes["path"], kukes["slug"]) == ("{{_krat_year}}/{{slug}}", "{{fields.date}}-{{slug}}")
    fields = by_name(kukes["fields"])
    pattern = re.compile(fields["date"]["pattern"][0])
    assert fields["date"]["widget"] == "string"  # a date picker would show '2023' as 1 January 1970
    assert all(pattern.match(date) for date in ("2024-03-15", "2023-05", "2023"))
    assert not any(pattern.match(date) for date in ("2024-13-01", "2024-3-5", "15.03.2024", "2024-03-15 "))
    assert fields["prefecture"] == {**fields["prefecture"], "widget": "hidden", "default": "kukes"}
    assert kukes["fields"][-1] == {
        "name": "body", "label": "Teksti", "widget": "markdown", "required": False, "modes": ["raw"],
        "sanitize_preview": True,
    }  # fmt: skip


@pytest.mark.parametrize(
    "collection, schema_fields",
    [("takime-durres", RECORD_FIELDS), ("plane", PLAN_FIELDS), ("ndergjegjesim", ARTICLE_FIELDS)],
)
def test_every_field_of_the_build_is_in_the_form_with_its_required_flag_and_explanation(collection, schema_fields):
    fields = by_name(COLLECTIONS[collection]["fields"])
    assert list(fields) == [field.name for field in schema_fields] + ["body"]
    for field in schema_fields:
        asked = field.required or (collection, field.name) == ("plane", "period")  # the period names the file
        assert fields[field.name]["required"] == asked, field.name
        hint = fields[field.name].get("hint")
        if "options" in fields[field.name] or fields[field.name]["widget"] == "hidden":
            assert hint is None, field.name  # the options show labels; the explanation names the stored codes
        elif field.name != "time":  # "HH:MM", without the quotes YAML needs: the editor writes them
            assert hint == field.explanation.replace(f"p.sh. {field.name}: ", "p.sh. "), field.name
        assert fields[field.name]["label"] and not fields[field.name]["label"].startswith(("true", "public"))


def test_values_from_the_reference_data_are_select_lists():
    fields = by_name(COLLECTIONS["takime-durres"]["fields"])
    assert [option["value"] for option in fields["topics"]["options"]] == list(REFDATA.topics.keys)
    assert fields["topics"]["multiple"] is True
    assert [option["value"] for option in fields["participants"]["options"]] == list(REFDATA.institutions.keys)
    assert {option["value"]: option["label"] for option in fields["bodies"]["options"]} == {
        "KRAT": "Komiteti Rajonal Antitrafik",
        "TTAT": "Tryeza Teknike Antitrafik",
    }
    assert fields["visibility"]["label"] == "Dukshmëria"
    assert fields["time"]["pattern"][0] == r"^([01]?\d|2[0-3]):([0-5]\d)$"


def test_lists_of_mappings_keep_their_required_keys_and_an_optional_mapping_requires_none():
    fields = by_name(COLLECTIONS["takime-durres"]["fields"])
    verify = fields["verify"]
    assert verify["widget"] == "list" and by_name(verify["fields"])["field"]["required"] is True
    assert "verify" not in [option["value"] for option in by_name(verify["fields"])["field"]["options"]]
    chair = by_name(fields["chair"]["fields"])  # a record may have no chair: Decap must not demand its name
    assert chair["name"]["required"] is False and fields["chair"]["required"] is False
    tasks = by_name(by_name(COLLECTIONS["plane"]["fields"])["tasks"]["fields"])
    assert tasks["id"]["required"] is True and tasks["responsible"]["multiple"] is True


def test_the_editor_speaks_albanian_and_reviews_before_publishing():
    assert CONFIG["locale"] == "sq" and CONFIG["publish_mode"] == "editorial_workflow"
    assert CONFIG["slug"] == {"encoding": "ascii", "clean_accents": True}  # file names without ë and ç
    files = {item["name"]: item["file"] for item in COLLECTIONS["te-dhena"]["files"]}
    assert files == {"kontaktet": "content/_data/contacts.yml", "fushatat": "content/_data/campaigns.yml"}
