"""Writing a meeting-record file, shared by `krat new` and `krat import`.

It resolves the options that place a record (prefecture, date, kind) with Albanian messages, renders the
front-matter in RECORD_FIELDS order with comments for staff, builds the path the checker expects
(`takime/<qark>/<yyyy>/<date>-<slug>.md`), checks a rendered file with the build's own validator, and creates
the file without ever overwriting one.
"""

import json
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from krat.content.dates import PartialDate, parse_partial_date
from krat.content.records import RECORDS_DIR, Record, load_record
from krat.content.refdata import Prefecture, ReferenceData
from krat.content.schema import KINDS, RECORD_FIELDS, Invalid, choice
from krat.content.text import did_you_mean, fold, inflections, short_slug, slugify

PLACEHOLDER = "PLOTËSONI"
NEW_HEADER = [
    "Procesverbal i ri, krijuar me 'krat new'. Plotësoni çdo fushë të shënuar PLOTËSONI: deri atëherë",
    "'krat check' dhe ndërtimi e refuzojnë skedarin, që të mos publikohet gjysmë i plotësuar.",
    "Fushat e tjera bosh janë opsionale: plotësojini ose lërini bosh.",
    "Teksti i procesverbalit shkruhet poshtë rreshtit të fundit '---'.",
]


class OptionError(ValueError):
    """An option staff gave cannot be used; the message is Albanian and names the option."""


@dataclass
class Entry:
    """One front-matter key as written: its value (None writes an empty value) and comment lines above it."""

    name: str
    value: object = None
    comments: list[str] = field(default_factory=list)


# --- options ----------------------------------------------------------------------------------------------


def prefecture_forms(refdata: ReferenceData) -> dict[str, Prefecture]:
    """Every folded way a prefecture is written — slug, name and its inflections ('Kukësit', 'Korçës')."""
    forms = {}
    for prefecture in refdata.prefectures:
        for form in [prefecture.slug, *inflections(prefecture.name)]:
            forms[form] = prefecture
    return forms


def prefecture_option(value: str, refdata: ReferenceData) -> Prefecture:
    """`--prefecture`: a slug or a name, with or without diacritics, in any inflection ('Kukës', 'kukesit')."""
    found = prefecture_forms(refdata).get(fold(value))
    if found is None:
        hint = did_you_mean(value, refdata.prefectures.keys)
        allowed = " ".join(refdata.prefectures.keys)
        raise OptionError(f"--prefecture: '{value}' nuk është qark{hint} (lejohen: {allowed})")
    return found


def date_option(value: str) -> PartialDate:
    """`--date`: VVVV-MM-DD, or VVVV-MM / VVVV when the day or month is not known."""
    try:
        return parse_partial_date(value)
    except ValueError as error:
        raise OptionError(f"--date: {error}") from None


def kind_option(value: str) -> str:
    """`--kind`: one of the schema's kinds, compared without case or diacritics."""
    try:
        return choice(KINDS)(value, None)
    except Invalid as invalid:
        raise OptionError(f"--kind: {invalid.errors[0][1]}") from None


# --- path -------------------------------------------------------------------------------------------------


def record_src_uri(prefecture: Prefecture, date: PartialDate, title: str, kind: str) -> str:
    """`takime/<qark>/<yyyy>/<date>-<slug>.md`, the slug made of the title's first words (or the kind's name).

    Leading numbers are left out of the slug: after a partial date ('2022-19-shkurt') they would read as its month.
    """
    slug = re.sub(r"^(?:\d+-)*\d*", "", short_slug(title)).strip("-") or slugify(KINDS[kind])
    return f"{RECORDS_DIR}/{prefecture.slug}/{date.year:04d}/{date.iso}-{slug}.md"


def create_file(path: Path, text: str) -> None:
    """Write `text` to a new file at `path`; raise FileExistsError rather than overwrite an existing one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)


def check_text(text: str, src_uri: str, shown_root: str, refdata: ReferenceData) -> tuple[Record | None, list]:
    """What `krat check` makes of `text` stored at `<content>/<src_uri>`: the record, or None and the problems."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / src_uri
        create_file(path, text)
        return load_record(path, src_uri, f"{shown_root}/{src_uri}", refdata)


# --- rendering --------------------------------------------------------------------------------------------


def render_record(entries: list[Entry], body: str, header: list[str] = ()) -> str:
    """A whole record file: '---', header comments and a blank line, the entries with their comments, '---', the
    body."""
    lines = ["---", *(f"# {line}" for line in header), *([""] if header else [])]
    for entry in entries:
        lines += [f"# {comment}" for comment in entry.comments]
        lines += yaml_lines(entry.name, entry.value)
    lines += ["---", ""]
    return "\n".join(lines) + "\n" + (body.rstrip() + "\n" if body.strip() else "")


def yaml_lines(name: str, value: object) -> list[str]:
    """`name: value` as YAML the checker reads back to the same value; lists of words in flow style."""
    if value is None:
        return [f"{name}:"]
    if isinstance(value, dict):
        return [f"{name}:"] + [f"  {key}: {scalar(item)}" for key, item in value.items() if item]
    if isinstance(value, list):
        if value and all(isinstance(item, dict) for item in value):  # e.g. verify: [{field: ..., note: ...}]
            lines = [f"{name}:"]
            for item in value:
                pairs = [f"{key}: {scalar(text)}" for key, text in item.items() if text]
                lines += [f"  - {pairs[0]}", *(f"    {pair}" for pair in pairs[1:])]
            return lines
        if all(str(item).replace("-", "").isalnum() for item in value):
            return [f"{name}: [{', '.join(map(str, value))}]"]
        return [f"{name}:"] + [f"  - {scalar(item)}" for item in value]
    return [f"{name}: {scalar(value)}"]


def scalar(value: object) -> str:
    """A YAML scalar: plain when YAML reads it back as the same text, else double-quoted (JSON syntax)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, PartialDate):
        return value.iso  # read as text by the checker, which never resolves timestamps
    text = str(value)
    try:
        plain = yaml.safe_load(f"key: {text}") == {"key": text} and "\n" not in text
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


# --- krat new ---------------------------------------------------------------------------------------------


def new_record(prefecture: Prefecture, date: PartialDate, kind: str, title: str = "") -> tuple[str, str]:
    """The path and text of a new record: every field of RECORD_FIELDS with its Albanian description.

    What the options gave is filled in; the other required fields (title, bodies, visibility) stay empty under
    a PLOTËSONI comment, so the file fails `krat check` loudly until a person fills them.
    """
    given = {
        "title": title or None,
        "date": date,
        "prefecture": prefecture.slug,
        "kind": kind,
        "draft": False,
    }
    entries = []
    for schema_field in RECORD_FIELDS:
        need = "e detyrueshme" if schema_field.required else "opsionale"
        comments = [f"{schema_field.name} ({need}): {schema_field.explanation}"]
        value = given.get(schema_field.name)
        if value is None and schema_field.required:
            comments.append(f"{PLACEHOLDER}: shkruani vlerën pas '{schema_field.name}:'")
        entries.append(Entry(schema_field.name, value, comments))
    return record_src_uri(prefecture, date, title, kind), render_record(entries, "", NEW_HEADER)
