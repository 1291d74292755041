"""Property tests of the loader on hostile input (Hypothesis): random bytes, YAML-ish text made of YAML's special
characters and the real field names, and random or deeply nested Markdown bodies, written as a file and read.

The contract: a record (or document) or a non-empty list of problems, never an exception; every problem names the
file, a line that exists in it, and says in Albanian what is wrong, without echoing an invisible character; a
body that is accepted renders with the site's Python-Markdown. `make test` runs the "ci" profile's bounded,
reproducible number of examples, `make fuzz` the "fuzz" profile's many more (tests/conftest.py).
"""

import re
import shutil

import markdown
import pytest
from conftest import FIXTURES, RECORD_PATH, ROOT
from hypothesis import given
from hypothesis import strategies as st
from krat.content.articles import load_article
from krat.content.contacts import load_contacts
from krat.content.frontmatter import INVISIBLE, read_data_file, read_document
from krat.content.plans import load_plan
from krat.content.problems import ContentError
from krat.content.records import load_record
from krat.content.refdata import load_reference_data
from krat.content.schema import ARTICLE_FIELDS, CONTACT_FIELDS, PLAN_FIELDS, RECORD_FIELDS, TASK_FIELDS
from sitebuild import site_markdown

pytestmark = pytest.mark.property  # `make fuzz` runs these with many more examples

SHOWN = f"content/{RECORD_PATH}"
# Every message of the loader has one of these; Python's own (English) messages do not.
ALBANIAN = re.compile(r"[ëçË]|\b(?:nuk|mungon|duhet)\b")
LINE_BREAK = re.compile(rb"\r\n|\r|\n")  # how the loader counts lines

FIELD_NAMES = sorted({field.name for fields in (RECORD_FIELDS, PLAN_FIELDS, TASK_FIELDS, ARTICLE_FIELDS,
                                                CONTACT_FIELDS) for field in fields})  # fmt: skip
YAML_PIECES = [
    ": ", ":", "- ", "-", "[", "]", "{", "}", ", ", "&a ", "*a", "! ", "!!str ", "!!python/object:os.system ",
    "!foo ", "<<: ", "? ", "| ", "> ", "'", '"', "# ", "%YAML 1.1", "@", "`", "---", "...", "\\", '"\\0"',
    '"\\x1b"', '"\\u202e"', '"\\N"', '"\\L"', "\t", " ", "  ", "    ", "\n", "\r\n", "\r", "~", "null", "true",
    "1e999", "0x1F", "10:30", "2018-02-16", "2018-02-30", "0000-01-01", "9999-12-31", "1899", "0001-Q1",
    "2018-Q2", "2018-H1", "kukes", "KRAT", "public", "meeting", "ë", "9" * 5000, "0x" + "f" * 5000, "1" + ":0" * 3000,
]  # fmt: skip
# Invisible characters: refused ones, and two that are allowed (U+200E, a BOM inside the text).
INVISIBLE_PIECES = ["\x00", "\x1b", "\x7f", "\x85", "\u200e", "\u202e", "\u2028", "\ufeff", "\ufffe"]
MARKDOWN_PIECES = [
    "# ", "## ", "> ", "- ", "* ", "+ ", "1. ", "    ", "\t", "!!! note\n", "??? tip\n", "***", "**", "*", "_",
    "__", "[", "]", "](", "(", ")", "{: #x .y}", "{", "}", "`", "```", "&amp;", "&#", "<", "<http://a>", "\n",
    "\n\n", "---", "===", "|", "\\", "Teksti", "ë", "http://a",
]  # fmt: skip
# Each builds a body nested `n` levels deep in one of the ways that makes Python-Markdown recurse once per level.
NESTED = {
    "list": lambda n: "".join("    " * level + "- x\n" for level in range(n)),
    "markers": lambda n: "- " * n + "x\n",
    "quote": lambda n: "> " * n + "x\n",
    "admonition": lambda n: "".join("    " * level + "!!! note\n" for level in range(n)) + "    " * n + "x\n",
    "emphasis": lambda n: "***a " * n + "b" + "***" * n + "\n",
}
VALID_LINES = (FIXTURES / "records" / "valid.md").read_text(encoding="utf-8").split("---\n")[1].splitlines()
VALID_PLAN_LINES = [
    "prefecture: kukes", "period: '2018'", "visibility: public", "approved_on: 2018-02-16",
    "objectives: [{id: 1, title: Parandalimi}]", "tasks:",
    "  - {id: 1.1, objective: 1, title: Takime në shkolla, responsible: [DAR], due: 2018-Q2}",
    "  - id: 1.2\n    title: Fushata\n    responsible: [DAR, DVP]\n    partners: [OJF, Shoqata e Grave]\n    due: 2018-H2",
]  # fmt: skip
VALID_ARTICLE_LINES = [
    "title: Artikull", "date: 2026-11-22", "audience: [publiku]", "topics: [parandalimi]", "summary: Përmbledhje.",
    "sources: [{title: Burim, url: 'https://example.org/'}]", "visibility: public", "prefecture: korce",
]  # fmt: skip


def pieces(alphabet: list[str], max_size: int) -> st.SearchStrategy[str]:
    """Text made of `alphabet`'s pieces and short strings of visible characters (invisible ones come from the
    pieces only, so that most examples get past the check for them)."""
    visible = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp")), max_size=6)
    return st.lists(st.one_of(st.sampled_from(alphabet), visible), max_size=max_size).map("".join)


yaml_text = pieces(FIELD_NAMES + YAML_PIECES + INVISIBLE_PIECES, 60)
markdown_body = st.one_of(pieces(MARKDOWN_PIECES, 80), pieces(MARKDOWN_PIECES + INVISIBLE_PIECES, 80))
nested_body = st.builds(lambda kind, n: NESTED[kind](n), st.sampled_from(sorted(NESTED)), st.integers(0, 600))
hostile_bytes = st.one_of(
    st.binary(max_size=2000), st.binary(max_size=2000).map(lambda raw: b"---\n" + raw + b"\n---\n")
)


def among_valid_lines(lines: list[str]) -> st.SearchStrategy[list[str]]:
    """Some of a valid file's front-matter `lines`, with YAML-ish lines among them: most examples get past the YAML
    parser and reach the schema."""
    return st.lists(st.one_of(st.sampled_from(lines), pieces(FIELD_NAMES + YAML_PIECES, 12)), max_size=20)


def record_file(lines: list[str], body: str) -> bytes:
    return ("---\n" + "\n".join(lines) + "\n---\n" + body).encode("utf-8")


EXTENSIONS, EXTENSION_CONFIGS = site_markdown()


@pytest.fixture(scope="module")
def place(tmp_path_factory) -> tuple:
    """Where every example is written (a record's place in a content folder, and a data folder), and the real
    reference data."""
    content = tmp_path_factory.mktemp("fuzz") / "content"
    (content / RECORD_PATH).parent.mkdir(parents=True)
    shutil.copytree(ROOT / "content" / "_data", content / "_data")
    return content, load_reference_data(ROOT / "content" / "_data", "content/_data")


def assert_contract(raw: bytes, loaded, problems, shown: str = SHOWN) -> None:
    """What loaded, or else a non-empty list of problems, each at a line of the file, in Albanian."""
    assert (loaded is None) == bool(problems), (loaded, problems)
    lines = len(LINE_BREAK.split(raw))
    for problem in problems:
        assert problem.path == shown
        assert 1 <= problem.line <= lines, problem
        assert ALBANIAN.search(problem.message), problem
        assert not INVISIBLE.search(str(problem)), problem  # nothing a terminal or page would act on


def load(place: tuple, raw: bytes) -> tuple:
    """Write `raw` as the record file and load it as the build does."""
    content, refdata = place
    (content / RECORD_PATH).write_bytes(raw)
    return load_record(content / RECORD_PATH, RECORD_PATH, SHOWN, refdata)


@given(hostile_bytes)
def test_random_bytes_load_as_a_record_or_problems(place, raw):
    assert_contract(raw, *load(place, raw))


@given(yaml_text, markdown_body)
def test_yaml_like_front_matter_loads_as_a_record_or_problems(place, front, body):
    raw = record_file([front], body)
    assert_contract(raw, *load(place, raw))


@given(among_valid_lines(VALID_LINES), markdown_body)
def test_valid_lines_among_hostile_ones_load_as_a_record_or_problems(place, lines, body):
    raw = record_file(lines, body)
    assert_contract(raw, *load(place, raw))


@given(among_valid_lines(VALID_PLAN_LINES), markdown_body)
def test_plan_files_load_as_a_plan_or_problems(place, lines, body):
    content, refdata = place
    raw = record_file(lines, body)
    path = content / "plane" / "kukes" / "2018.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    assert_contract(raw, *load_plan(path, "plane/kukes/2018.md", "content/plane/kukes/2018.md", refdata),
                    "content/plane/kukes/2018.md")  # fmt: skip


@given(among_valid_lines(VALID_ARTICLE_LINES), markdown_body)
def test_article_files_load_as_an_article_or_problems(place, lines, body):
    content, refdata = place
    raw = record_file(lines, body)
    path = content / "ndergjegjesim" / "artikull.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    shown = "content/ndergjegjesim/artikull.md"
    assert_contract(raw, *load_article(path, "ndergjegjesim/artikull.md", shown, refdata), shown)


@given(st.one_of(markdown_body, nested_body))
def test_an_accepted_body_renders_with_the_sites_markdown(place, body):
    raw = record_file(VALID_LINES, body)
    record, problems = load(place, raw)
    assert_contract(raw, record, problems)
    if record is not None:
        markdown.markdown(record.body, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


@given(st.one_of(hostile_bytes, yaml_text.map(str.encode)))
def test_both_readers_return_a_document_or_problems(place, raw):
    content, _ = place
    path = content / RECORD_PATH
    path.write_bytes(raw)
    assert_contract(raw, *read_document(path, SHOWN))
    assert_contract(raw, *read_document(path, SHOWN, optional=True))
    assert_contract(raw, *read_data_file(path, SHOWN))


@given(st.one_of(hostile_bytes, yaml_text.map(str.encode)))
def test_a_data_file_loads_as_entries_or_problems(place, raw):
    content, refdata = place
    (content / "_data" / "contacts.yml").write_bytes(raw)
    contacts, problems = load_contacts(content / "_data", "content/_data", refdata)
    assert_contract(raw, None if problems else contacts, problems, "content/_data/contacts.yml")


@given(st.one_of(hostile_bytes, yaml_text.map(str.encode)))
def test_reference_data_loads_or_raises_content_error(place, raw):
    content, _ = place
    (content / "_data" / "topics.yml").write_bytes(raw)
    try:
        load_reference_data(content / "_data", "content/_data")
    except ContentError as error:
        assert_contract(raw, None, error.problems, "content/_data/topics.yml")
