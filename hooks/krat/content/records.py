"""Meeting records: find the files under `takime/`, validate each against the schema and its path, and build
`Record` objects. Every problem in every file is collected; nothing is half-loaded.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from krat import routes
from krat.content.dates import PartialDate
from krat.content.frontmatter import Document, load_folder, read_document
from krat.content.problems import Problem
from krat.content.refdata import Prefecture, ReferenceData, Topic
from krat.content.schema import BODIES, KINDS, RECORD_FIELDS, VISIBILITY, validate_fields
from krat.content.text import did_you_mean, first_sentence, fold, slugify

RECORDS_DIR = "takime"
FILENAME_PATTERN = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
RAW_HTML = re.compile(r"<(?!https?://|mailto:)[A-Za-z!/]")
LAYOUT_HINT = "content/takime/<qark>/<vit>/<vvvv-mm-dd>-<pak-fjalë>.md"


@dataclass
class Record:
    """A validated meeting record. `src_uri` is its path inside content/, `url` its page address."""

    src_uri: str
    title: str
    date: PartialDate
    prefecture: Prefecture
    bodies: list[str]
    kind: str
    visibility: str
    time: str = ""
    period: str = ""
    place: str = ""
    chair: dict | None = None
    rapporteur: dict | None = None
    participants: list[dict] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    agenda: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    summary: str = ""
    source: str = ""
    attachments: list[dict] = field(default_factory=list)
    verify: list[dict] = field(default_factory=list)  # what a person must still check ({field, note}); see below
    draft: bool = False
    approves_plan: str = ""
    task_updates: list[dict] = field(default_factory=list)
    plan_reviews: list[dict] = field(default_factory=list)
    body: str = ""
    body_line: int = 1
    path: str = ""
    text: str = field(default="", repr=False, compare=False)
    lines: dict = field(default_factory=dict, repr=False, compare=False)
    plan_links: list = field(default_factory=list, repr=False, compare=False)

    @property
    def id(self) -> str:
        """Stable identifier: prefecture and file name without extension, e.g. 'kukes/2018-02-16-analiza'.
        (String operations, not pathlib: every export reads it for every record.)"""
        return f"{self.prefecture.slug}/{self.src_uri.rsplit('/', 1)[-1].removesuffix('.md')}"

    @property
    def url(self) -> str:
        return routes.page(self.src_uri)

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def body_names(self) -> list[str]:
        return [BODIES[body] for body in self.bodies]

    @property
    def visibility_label(self) -> str:
        return VISIBILITY[self.visibility]

    @property
    def one_line(self) -> str:
        """The summary, or else the first sentence of the minutes: one line for lists and timelines."""
        return self.summary or first_sentence(self.body)

    @property
    def sort_key(self) -> tuple:
        return (self.date, self.time, self.src_uri)


def load_records(content_dir: Path, shown_root: str, refdata: ReferenceData) -> tuple[list[Record], list[Problem]]:
    """Validate every Markdown file under content/takime/; return the good records and all problems.

    `shown_root` is how messages name the content folder (e.g. 'content').
    """
    records, problems = load_folder(content_dir, RECORDS_DIR, shown_root, load_record, refdata)
    problems += find_duplicates(records, shown_root)
    return records, problems


def load_record(path: Path, src_uri: str, shown: str, refdata: ReferenceData) -> tuple[Record | None, list[Problem]]:
    """Read and validate one record file, including where it sits; None when anything is wrong."""
    document, problems = read_document(path, shown)
    if document is None:
        return None, problems
    values, problems = validate_fields(document, RECORD_FIELDS, refdata)
    problems += check_location(src_uri, values, document, refdata)
    problems += check_body(document)
    problems += check_verified(values, document)
    if problems:
        return None, problems
    record = Record(
        src_uri=src_uri,
        body=document.body,
        body_line=document.body_line,
        path=shown,
        text=document.text,
        lines=document.lines,
        **values,
    )
    return record, []


def check_verified(values: dict, document: Document) -> list[Problem]:
    """A public record has nothing left to check: its `verify` items (written by `krat import` for every guessed
    value, or by staff in the editor) are removed once a person has checked them; until then it stays internal."""
    items = values.get("verify") or []
    if values.get("visibility") != "public" or not items:
        return []
    fields = ", ".join(item["field"] for item in items)
    message = (
        f"procesverbali ka ende {len(items)} {'pikë' if len(items) == 1 else 'pika'} për t'u kontrolluar ({fields}); "
        "kontrollojini, hiqni 'verify' dhe vetëm pastaj vendosni visibility: public"
    )
    return [Problem(document.path, document.line("verify"), "verify", message)]


def check_location(src_uri: str, values: dict, document: Document, refdata: ReferenceData) -> list[Problem]:
    """The path must be takime/<qark>/<year>/<date>-<slug>.md and agree with the front-matter."""
    parts = src_uri.split("/")
    if len(parts) != 4:
        return [Problem(document.path, 1, "skedari", f"vendndodhje e gabuar; procesverbalet shkojnë te {LAYOUT_HINT}")]
    _, folder, year, filename = parts
    problems = []
    prefecture = values.get("prefecture")
    if refdata.prefectures.get(folder) is None or folder != refdata.prefectures.get(folder).slug:
        hint = did_you_mean(folder, refdata.prefectures.keys)
        problems.append(Problem(document.path, 1, "skedari", f"dosja '{folder}' nuk është qark{hint}"))
    elif prefecture and prefecture.slug != folder:
        message = f"'{prefecture.slug}' nuk përputhet me dosjen e skedarit 'takime/{folder}/'"
        problems.append(Problem(document.path, document.line("prefecture"), "prefecture", message))
    match = FILENAME_PATTERN.match(filename)
    if not match:
        date = values.get("date")
        stem = slugify(filename.removesuffix(".md"))
        suggestion = stem if not date or stem.startswith(date.iso) else f"{date.iso}-{stem}"
        message = (
            f"emri '{filename}' duhet të jetë '<data>-<pak-fjalë>.md', vetëm a-z pa ë/ç, shifra dhe '-'"
            f" (p.sh. '{suggestion}.md')"
        )
        problems.append(Problem(document.path, 1, "skedari", message))
    date = values.get("date")
    if date and year != f"{date.year:04d}":
        message = f"viti {date.year} nuk përputhet me dosjen e vitit 'takime/{folder}/{year}/'"
        problems.append(Problem(document.path, document.line("date"), "date", message))
    elif date and match and match.group(1) != date.iso:
        message = f"'{date.iso}' nuk përputhet me datën në emrin e skedarit '{match.group(1)}'"
        problems.append(Problem(document.path, document.line("date"), "date", message))
    return problems


# Python-Markdown renders each nested list, quote or admonition, and each nested emphasis, with recursive calls, and
# fails with RecursionError from about 250 nested lists (330 admonitions, 495 list markers on one line) and from about
# 1,500 emphasis markers opened in one paragraph ('***a ' 496 times). Minutes nest three or four levels and open a
# few dozen markers; the caps below leave room for far more and stay well short of a crash.
MAX_BODY_NESTING = 20
MAX_EMPHASIS = 500
MAX_LINKS = 500
# The markers that open a container at the start of a line (after its indentation), one after another.
CONTAINER_PREFIX = re.compile(r"([ \t]*)((?:(?:[-*+]|\d{1,9}[.)]|[!?]{3}\+?)(?:[ \t]+|$)|>[ \t]*)+)")
CONTAINER_MARKER = re.compile(r"[-*+>]|\d{1,9}[.)]|[!?]{3}")
EMPHASIS_OPENING = re.compile(r"[*_]+(?=[^*_\s])")  # a whole run, before a non-blank character


def check_body(document: Document, text_of: str = "procesverbalit") -> list[Problem]:
    """Minutes (and articles, plans, pages: `text_of` names which) are Markdown only: raw HTML (and so scripts) is
    refused, and so is nesting that would crash Python-Markdown before the site is built; each with its line."""
    lines = document.body.split("\n")
    checks = (_raw_html, _deep_nesting, _deep_emphasis, _many_links)
    found = [check(lines, text_of) for check in checks]
    return [
        Problem(document.path, document.body_line + offset, "teksti", message) for offset, message in found if message
    ]


def _raw_html(lines: list[str], text_of: str) -> tuple[int, str]:
    """(line offset, message) for the first raw HTML in the text, else (0, '')."""
    for offset, line in enumerate(lines):
        found = RAW_HTML.search(line)
        if found:
            snippet = line[found.start() : found.start() + 20]
            return offset, f"HTML nuk lejohet në tekstin e {text_of} ('{snippet}'); përdorni vetëm Markdown"
    return 0, ""


def _deep_nesting(lines: list[str], text_of: str) -> tuple[int, str]:
    """(line offset, message) for the first line nested more than MAX_BODY_NESTING containers deep, else (0, '')."""
    for offset, line in enumerate(lines):
        if _nesting(line) > MAX_BODY_NESTING:
            message = (
                f"në tekstin e {text_of} listat, citimet '>' ose shënimet '!!!' futen njëra brenda tjetrës më "
                f"thellë se {MAX_BODY_NESTING} nivele; thjeshtojeni (hiqni dhëmbëzimin ose shenjat e tepërta)"
            )
            return offset, message
    return 0, ""


def _nesting(line: str) -> int:
    """How many containers (list items, quotes, admonitions) a line that starts one is nested in, as
    Python-Markdown counts them: its indentation in steps of four columns, plus the markers that start it. 0 for
    any other line: indentation alone (a centred title, code) nests nothing."""
    prefix = CONTAINER_PREFIX.match(line)
    if not prefix:
        return 0
    return len(prefix.group(1).expandtabs(4)) // 4 + len(CONTAINER_MARKER.findall(prefix.group(2)))


def _deep_emphasis(lines: list[str], text_of: str) -> tuple[int, str]:
    """(line offset, message) for the line where one paragraph has opened more than MAX_EMPHASIS emphasis markers
    ('*' or '_' before a non-blank character), else (0, ''). Counting every opening marker errs high (they need not
    nest), never low."""
    message = (
        f"një paragraf i tekstit të {text_of} hap më shumë se {MAX_EMPHASIS} shenja theksimi ('*' ose '_'); hiqni "
        "shenjat e tepërta ose ndajeni me rreshta bosh"
    )
    return _too_many(lines, "*_", lambda line: sum(map(len, EMPHASIS_OPENING.findall(line))), MAX_EMPHASIS, message)


def _many_links(lines: list[str], text_of: str) -> tuple[int, str]:
    """(line offset, message) for the line where one paragraph has opened more than MAX_LINKS brackets, else
    (0, ''): Python-Markdown's time grows with the square of the links in a paragraph (4,000 take seconds)."""
    message = (
        f"një paragraf i tekstit të {text_of} ka më shumë se {MAX_LINKS} kllapa '[' (lidhje); ndajeni me rreshta bosh"
    )
    return _too_many(lines, "[", lambda line: line.count("["), MAX_LINKS, message)


def _too_many(lines: list[str], markers: str, count, limit: int, message: str) -> tuple[int, str]:
    """(line offset, message) for the line where one paragraph's `count` passes `limit`, else (0, ''). Inline
    markup never spans a blank line, so the count starts again there; lines without any of `markers` add nothing."""
    found = 0
    for offset, line in enumerate(lines):
        if not line.strip():
            found = 0
        elif any(marker in line for marker in markers):
            found += count(line)
            if found > limit:
                return offset, message
    return 0, ""


def find_duplicates(records: list[Record], shown_root: str) -> list[Problem]:
    """Two files may not describe the same meeting (same prefecture, date and title, compared folded).

    Ids cannot clash: the location rules make the id (prefecture and file name) follow from the path.
    """
    problems, seen = [], {}
    for record in sorted(records, key=lambda r: r.src_uri):
        meeting = (record.prefecture.slug, record.date, fold(record.title))
        if meeting in seen:
            message = (
                f"përshkruan të njëjtin takim (qarku, data, titulli) si {shown_root}/{seen[meeting].src_uri};"
                " mbani vetëm njërin skedar"
            )
            problems.append(Problem(f"{shown_root}/{record.src_uri}", 1, "skedari", message))
        seen.setdefault(meeting, record)
    return problems
