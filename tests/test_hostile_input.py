"""Hostile content: each case a file that used to hang, crash or slip through the build, and the exact Albanian
problem it now gets (path:line: field: message). Files under tests/fixtures/hostile_yaml/ are the readable ones;
huge or repetitive ones are made here."""

import dataclasses
import datetime
import shutil

import pytest
from conftest import FIXTURES, RECORD_PATH, write
from helpers import problems_of
from krat.content import contacts, records
from krat.content.catalog import build_catalog
from krat.content.dates import RULES_SET, parse_due, parse_recent_date, years_after
from krat.content.frontmatter import MAX_FILE_BYTES, guarded, read_document

SHOWN = f"content/{RECORD_PATH}"
VALID = (FIXTURES / "records" / "valid.md").read_text(encoding="utf-8")
FRONT = VALID[: VALID.index("---\n", 4) + 4]  # the valid record's front-matter with both '---' lines: 13 lines
HOSTILE = FIXTURES / "hostile_yaml"
FAR_DATE = datetime.date(2100, 1, 1)  # a build date far from the clock: the limits follow it alone


def fresh_contacts(content, day: str = "2099-12-01") -> None:
    """Every help number verified on `day`, so a build dated FAR_DATE does not also refuse them as stale."""
    contacts = content / "_data/contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace("verified_on: 2026-11-22", f"verified_on: {day}"))


ALIAS = (
    "YAML: ankorat dhe pseudonimet e YAML (&, *) nuk lejohen; shkruani vlerën e plotë "
    "(një tekst që nis me '&' ose '*' vendoseni në thonjëza)"
)
TAG = "YAML: etiketat e YAML ('!', '!!') nuk lejohen; shkruani vetëm vlerën (një tekst që nis me '!' vendoseni në thonjëza)"
DEEP = (
    "YAML: vlerat janë futur njëra brenda tjetrës më thellë se 8 nivele; asnjë fushë nuk ka nevojë për kaq, "
    "kontrolloni dhëmbëzimin dhe kllapat '[' e '{'"
)
BODY_NESTING = (
    "teksti: në tekstin e procesverbalit listat, citimet '>' ose shënimet '!!!' futen njëra brenda tjetrës më "
    "thellë se 20 nivele; thjeshtojeni (hiqni dhëmbëzimin ose shenjat e tepërta)"
)
CRASH = "skedari: skedari nuk u lexua: gabim i papritur ({}); njoftoni mirëmbajtësin"


def valid_with(old: str, new: str) -> str:
    """The valid record with the line `old` replaced by `new` (which may be several lines)."""
    assert old in VALID
    return VALID.replace(old, new, 1)


def plant_hostile(content, fixture: str, at: str = RECORD_PATH) -> None:
    target = content / at
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HOSTILE / fixture, target)


# --- YAML: anchors, aliases, tags, merge keys ------------------------------------------------------------------


def test_alias_bomb_is_refused_at_its_first_anchor(content):
    """Nine levels of nine aliases: expanded, 387 million strings. Refused before any alias is followed."""
    plant_hostile(content, "alias_bomb.md")
    assert problems_of(content) == [f"{SHOWN}:8: {ALIAS}"]


@pytest.mark.parametrize(
    "title",
    [
        '!!python/object/apply:os.system ["echo pwned"]',
        "!!str Takim i KRAT",
        "!foo Takim i KRAT",
        "! Takim i KRAT",
    ],
)
def test_explicit_and_custom_tags_are_refused(content, title):
    write(content, RECORD_PATH, valid_with("title: Takim i KRAT për shkollat", f"title: {title}"))
    assert problems_of(content) == [f"{SHOWN}:2: {TAG}"]


def test_python_tag_fixture_is_refused(content):
    plant_hostile(content, "python_tag.md")
    assert problems_of(content) == [f"{SHOWN}:2: {TAG}"]


def test_merge_key_with_an_alias_is_refused_at_the_anchor(content):
    plant_hostile(content, "merge_key.md")
    assert problems_of(content) == [f"{SHOWN}:2: {ALIAS}"]


def test_merge_key_with_an_inline_mapping_is_refused(content):
    plant_hostile(content, "merge_key_inline.md")
    assert problems_of(content) == [
        f"{SHOWN}:4: YAML: çelësi '<<' i YAML (bashkimi i fushave) nuk lejohet; shkruani çdo fushë veç e veç"
    ]


def test_a_value_written_like_an_anchor_gets_the_quoting_hint(content):
    write(content, RECORD_PATH, valid_with("kind: meeting", "kind: meeting\nplace: & Co"))
    assert problems_of(content) == [
        f"{SHOWN}:8: YAML: gabim sintakse: '&' ose '*' në fillim të vlerës; vendoseni vlerën në thonjëza"
    ]


# --- depth and size --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [3_000, 100_000])
def test_flow_list_nested_deep_is_a_problem_not_a_recursion_error(content, depth):
    nested = "[" * depth + "]" * depth
    write(content, RECORD_PATH, valid_with("decisions: [U vendos një fushatë në shkolla.]", f"decisions: {nested}"))
    assert problems_of(content) == [f"{SHOWN}:11: {DEEP}"]


@pytest.mark.parametrize("depth", [3_000, 100_000])
def test_block_list_nested_deep_is_a_problem_not_a_recursion_error(content, depth):
    nested = "decisions:\n  " + "- " * depth + "x"
    write(content, RECORD_PATH, valid_with("decisions: [U vendos një fushatë në shkolla.]", nested))
    assert problems_of(content) == [f"{SHOWN}:12: {DEEP}"]


def test_a_data_file_nested_deep_is_a_problem(content):
    write(content, "_data/contacts.yml", "contacts: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert problems_of(content) == [f"content/_data/contacts.yml:1: {DEEP}"]


def test_too_many_values_are_refused(content):
    many = "[" + ", ".join(["KRAT"] * 10_000) + "]"
    write(content, RECORD_PATH, valid_with("bodies: [krat, TTAT]", f"bodies: {many}"))
    assert problems_of(content) == [f"{SHOWN}:6: YAML: më shumë se 10000 vlera në një skedar; ndajeni në disa skedarë"]


def test_file_over_one_megabyte_is_refused_without_reading_it_whole(content, monkeypatch):
    raw = VALID.encode("utf-8")
    (content / RECORD_PATH).parent.mkdir(parents=True)
    (content / RECORD_PATH).write_bytes(raw + b"a" * (2 * 2**20 - len(raw)))
    assert problems_of(content) == [
        f"{SHOWN}:1: skedari: skedari është shumë i madh (2048 KB); lejohen deri në 1024 KB (1 MB): "
        "ndajeni në disa skedarë"
    ]


def test_a_file_of_exactly_one_megabyte_is_read(content):
    raw = VALID.encode("utf-8")
    path = content / RECORD_PATH
    path.parent.mkdir(parents=True)
    path.write_bytes(raw + b"a" * (MAX_FILE_BYTES - len(raw)))
    document, problems = read_document(path, SHOWN)
    assert problems == [] and len(document.text.encode("utf-8")) == MAX_FILE_BYTES


@pytest.mark.parametrize("number", ["1" * 5_000, "0x" + "f" * 5_000, "1" + ":0" * 100_000])
def test_an_over_long_number_is_kept_as_text(content, number):
    """As a number, Python would refuse to print it (more than 4,300 digits) or take seconds to compute it."""
    write(content, RECORD_PATH, valid_with("title: Takim i KRAT për shkollat", f"title: {number}"))
    assert build_catalog(content).records[0].title == number


# --- invisible characters --------------------------------------------------------------------------------------


def test_nul_in_the_body_is_refused_with_its_line(content):
    write(content, RECORD_PATH, FRONT + "\nTeksti i procesverbalit.\n\nRresht me NUL\x00 në mes.\n")
    assert problems_of(content) == [f"{SHOWN}:17: skedari: karakteri i padukshëm U+0000 nuk lejohet; fshijeni"]


def test_nul_in_a_file_with_windows_line_endings_is_on_the_right_line(content):
    text = (FRONT + "\nTeksti.\n\nNUL\x00\n").replace("\n", "\r\n")
    write(content, RECORD_PATH, text)
    assert problems_of(content) == [f"{SHOWN}:17: skedari: karakteri i padukshëm U+0000 nuk lejohet; fshijeni"]


def test_nul_made_by_a_yaml_escape_is_refused_naming_the_field(content):
    write(content, RECORD_PATH, valid_with("title: Takim i KRAT për shkollat", 'title: "Takim\\0 i KRAT"'))
    assert problems_of(content) == [
        f"{SHOWN}:2: title: karakteri i padukshëm U+0000 (shkruar me '\\' brenda thonjëzave) nuk lejohet; fshijeni"
    ]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Takim \x1b[31mi KRAT", "skedari: karakteri i padukshëm U+001B nuk lejohet; fshijeni"),
        ("Takim i \u202eTARK", "skedari: karakteri i padukshëm U+202E nuk lejohet; fshijeni"),
        (
            '"Takim \\x1b[31mi KRAT"',
            "title: karakteri i padukshëm U+001B (shkruar me '\\' brenda thonjëzave) nuk lejohet; fshijeni",
        ),
        (
            '"Takim i \\u202eTARK"',
            "title: karakteri i padukshëm U+202E (shkruar me '\\' brenda thonjëzave) nuk lejohet; fshijeni",
        ),
    ],
)
def test_esc_and_right_to_left_override_in_a_title_are_refused(content, title, expected):
    write(content, RECORD_PATH, valid_with("title: Takim i KRAT për shkollat", f"title: {title}"))
    assert problems_of(content) == [f"{SHOWN}:2: {expected}"]


def test_an_escaped_control_character_in_a_nested_field_names_it(content):
    chair = 'chair: {name: "Emri\\u2066 Mbiemri", role: Prefekt}'
    write(content, RECORD_PATH, valid_with("chair: {name: Emri Mbiemri, role: Prefekt}", chair))
    assert problems_of(content) == [
        f"{SHOWN}:8: chair.name: karakteri i padukshëm U+2066 (shkruar me '\\' brenda thonjëzave) nuk lejohet; fshijeni"
    ]


# --- dates -----------------------------------------------------------------------------------------------------

RECENT_LIMIT = "lejohet nga viti 1990 deri më 01.01.2102, dy vjet pas datës së ndërtimit"
DUE_LIMIT = (
    "lejohet nga viti 1990 deri më 01.01.2110, dhjetë vjet pas datës së ndërtimit "
    "(afatet e një plani shtrihen në disa vite)"
)


@pytest.mark.parametrize("date", ["0000-01-01", "9999-12-31", "1899", "1989-12", "2102-01-02"])
def test_meeting_date_outside_the_sane_range_is_refused(content, date):
    fresh_contacts(content)
    write(content, RECORD_PATH, valid_with("date: 2018-02-16", f"date: {date}"))
    assert problems_of(content, today=FAR_DATE) == [f"{SHOWN}:3: date: '{date}' është jashtë kufijve: {RECENT_LIMIT}"]


def test_plan_approval_and_task_deadline_outside_the_range_are_refused(content):
    plan = (
        "---\nprefecture: kukes\nperiod: '2018'\nvisibility: public\napproved_on: 0000-01-01\ntasks:\n"
        "  - {id: 1.1, title: Takime, responsible: [DAR], due: 0001-Q1}\n"
        "  - {id: 1.2, title: Fushata, responsible: [DAR], due: 2109-H2}\n"
        "  - {id: 1.3, title: Protokoll, responsible: [DAR], due: 2110-Q2}\n---\n"
    )
    write(content, "plane/kukes/2018.md", plan)
    fresh_contacts(content)
    shown = "content/plane/kukes/2018.md"
    assert problems_of(content, today=FAR_DATE) == [
        f"{shown}:5: approved_on: '0000-01-01' është jashtë kufijve: {RECENT_LIMIT}",
        f"{shown}:7: tasks.due: '0001-Q1' është jashtë kufijve: {DUE_LIMIT}",
        f"{shown}:9: tasks.due: '2110-Q2' është jashtë kufijve: {DUE_LIMIT}",
    ]


def test_article_date_and_contact_verification_outside_the_range_are_refused(content):
    fresh_contacts(content)
    contacts_text = (content / "_data/contacts.yml").read_text(encoding="utf-8")
    write(content, "_data/contacts.yml", contacts_text.replace("verified_on: 2099-12-01", "verified_on: 9999-12-31", 1))
    article = (
        "---\ntitle: Artikull\ndate: 0000-01-01\naudience: [publiku]\ntopics: [parandalimi]\nsummary: Përmbledhje.\n"
        "sources: [{title: Burim, url: 'https://example.org/'}]\nvisibility: public\n---\n\nTeksti.\n"
    )
    write(content, "ndergjegjesim/artikull.md", article)
    assert problems_of(content, today=FAR_DATE) == [
        f"content/_data/contacts.yml:22: contacts.verified_on: '9999-12-31' është jashtë kufijve: {RECENT_LIMIT}",
        f"content/ndergjegjesim/artikull.md:3: date: '0000-01-01' është jashtë kufijve: {RECENT_LIMIT}",
    ]


def test_the_limits_are_two_years_ahead_and_ten_for_deadlines():
    today = datetime.date(2030, 11, 30)
    assert [parse_recent_date(early, today).iso for early in ("1990", "1990-01-01")] == ["1990", "1990-01-01"]
    assert parse_recent_date("2032-11-30", today).iso == "2032-11-30"
    assert parse_recent_date("2032-11", today).iso == "2032-11"  # starts before the limit
    for late in ("2032-12-01", "2032-12", "1989-12-31"):
        with pytest.raises(ValueError, match="është jashtë kufijve"):
            parse_recent_date(late, today)
    assert parse_due("2040-Q4", today).end == datetime.date(2040, 12, 31)
    with pytest.raises(ValueError, match="deri më 30.11.2040"):
        parse_due("2041-Q1", today)
    assert years_after(datetime.date(2028, 2, 29), 2) == datetime.date(2030, 2, 28)


def test_an_older_build_date_counts_from_the_day_the_limits_were_set():
    """A build dated 2018 (a reproduced build, or a test) still accepts a help number verified in 2026: the limit
    counts from RULES_SET (6 December 2026) and never from the machine's clock, so the verdict is the same on
    any day."""
    assert datetime.date(2026, 12, 6) == RULES_SET
    assert parse_recent_date("2028-12-06", datetime.date(2018, 7, 1)).iso == "2028-12-06"
    with pytest.raises(ValueError, match="deri më 06.12.2028"):
        parse_recent_date("2028-12-07", datetime.date(2018, 7, 1))


# --- the data files ----------------------------------------------------------------------------------------------


def test_a_data_file_with_an_alias_is_refused(content):
    shutil.copyfile(HOSTILE / "contacts_alias.yml", content / "_data" / "contacts.yml")
    assert problems_of(content) == [f"content/_data/contacts.yml:16: {ALIAS}"]


def test_a_reference_data_file_with_a_tag_is_refused(content):
    topics = content / "_data" / "topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8").replace("- slug: arsimi", "- slug: !!python/name:os.system"))
    assert problems_of(content) == [f"content/_data/topics.yml:14: {TAG}"]


# --- an unexpected failure is a problem naming the file ----------------------------------------------------------


def explode(value, context):
    raise RecursionError("maximum recursion depth exceeded")


def replace_converter(monkeypatch, module, fields: str, name: str, convert) -> None:
    """Give the field `name` of the list `module.<fields>` another converter, for this test only."""
    replaced = [dataclasses.replace(field, convert=convert) if field.name == name else field
                for field in getattr(module, fields)]  # fmt: skip
    monkeypatch.setattr(module, fields, replaced)


def test_a_loader_crash_becomes_a_problem_naming_the_file(content, monkeypatch):
    replace_converter(monkeypatch, records, "RECORD_FIELDS", "title", explode)
    write(content, RECORD_PATH, VALID)
    assert problems_of(content) == [f"{SHOWN}:1: {CRASH.format('RecursionError')}"]


def test_a_crash_in_every_file_is_a_problem_of_each(content, monkeypatch):
    replace_converter(monkeypatch, records, "RECORD_FIELDS", "title", explode)
    paths = [f"takime/kukes/2018/2018-03-{day:02d}-takim.md" for day in range(1, 21)]
    for path, day in zip(paths, range(1, 21), strict=True):
        write(content, path, VALID.replace("date: 2018-02-16", f"date: 2018-03-{day:02d}"))
    assert problems_of(content) == [f"content/{path}:1: {CRASH.format('RecursionError')}" for path in paths]


def test_a_data_file_reader_crash_becomes_a_problem(content, monkeypatch):
    replace_converter(monkeypatch, contacts, "CONTACTS_FILE_FIELDS", "contacts", explode)
    assert problems_of(content) == [f"content/_data/contacts.yml:1: {CRASH.format('RecursionError')}"]


def test_a_reference_data_crash_becomes_a_problem(content, monkeypatch):
    monkeypatch.setattr("krat.content.refdata.read_list", lambda *args, **kwargs: 1 / 0)
    assert problems_of(content) == [
        f"content/_data/{name}.yml:1: {CRASH.format('ZeroDivisionError')}"
        for name in ("audiences", "institutions", "prefectures", "topics")
    ]


@pytest.mark.parametrize("stop", [KeyboardInterrupt, SystemExit])
def test_interrupt_and_exit_are_never_swallowed(stop):
    def load():
        raise stop

    with pytest.raises(stop):
        guarded("content/x.md", load)


# --- Markdown bodies that would crash Python-Markdown -----------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("".join("    " * level + "- x\n" for level in range(300)), 35),  # lists nested by indentation
        ("- " * 3_000 + "x\n", 15),  # list markers on one line
        ("1. " * 3_000 + "x\n", 15),
        ("> " * 3_000 + "x\n", 15),  # quotes
        ("".join("    " * level + "!!! note\n" for level in range(400)) + "x\n", 35),  # admonitions
        ("\t" * 30 + "- x\n", 15),  # a tab is four columns
    ],
)
def test_body_nested_too_deep_is_refused(content, body, line):
    write(content, RECORD_PATH, FRONT + "\n" + body)
    assert problems_of(content) == [f"{SHOWN}:{line}: {BODY_NESTING}"]


def test_body_with_too_many_emphasis_markers_in_a_paragraph_is_refused(content):
    write(content, RECORD_PATH, FRONT + "\nHyrje.\n\n" + "***a\n" * 600 + "b" + "***" * 600 + "\n")
    assert problems_of(content) == [
        f"{SHOWN}:183: teksti: një paragraf i tekstit të procesverbalit hap më shumë se 500 shenja theksimi "
        "('*' ose '_'); hiqni shenjat e tepërta ose ndajeni me rreshta bosh"
    ]


def test_a_plan_body_goes_through_the_same_check(content):
    plan = "---\nprefecture: kukes\nperiod: '2018'\nvisibility: public\n---\n\n" + "> " * 3_000 + "x\n"
    write(content, "plane/kukes/2018.md", plan)
    assert problems_of(content) == [
        f"content/plane/kukes/2018.md:7: {BODY_NESTING.replace('procesverbalit', 'planit')}"
    ]


def test_deep_but_real_nesting_and_emphasis_are_accepted(content):
    lists = "".join("    " * level + "- pikë\n" for level in range(20))
    emphasis = "".join(f"**{word}** dhe _{word}_, " for word in ["vendim"] * 120)
    centred = " " * 120 + "PROCESVERBAL\n"
    write(content, RECORD_PATH, FRONT + "\n" + centred + "\n" + lists + "\n" + emphasis + "\n\n> > citim\n")
    assert [record.src_uri for record in build_catalog(content).records] == [RECORD_PATH]


# --- plan periods and crowded paragraphs (found by the reviewers of the first pass) -----------------------------

PLAN = "---\nprefecture: kukes\nvisibility: public\n---\n"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("2019-2018", "periudha '2019-2018' mbaron para se të fillojë; shkruani '2018-2019.md'"),
        ("2000-2020", "periudha '2000-2020' zgjat më shumë se 10 vjet"),
        ("1899", "periudha e planit: '1899' është jashtë kufijve: lejohet nga viti 1990"),
    ],
)
def test_a_plan_period_that_cannot_be_is_refused(content, name, message):
    write(content, f"plane/kukes/{name}.md", PLAN)
    found = problems_of(content)
    assert len(found) == 1 and found[0].startswith(f"content/plane/kukes/{name}.md:1: skedari: {message}"), found


def test_a_paragraph_with_hundreds_of_links_is_refused_before_markdown_slows_the_build(content):
    write(content, RECORD_PATH, FRONT + "\n" + "[x](" * 501 + "\n")
    assert problems_of(content) == [
        f"{SHOWN}:15: teksti: një paragraf i tekstit të procesverbalit ka më shumë se 500 kllapa '[' "
        "(lidhje); ndajeni me rreshta bosh"
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("- slug: ../../etc\n  name: X", "content/_data/topics.yml:{n}: slug: '../../etc' duhet të ketë vetëm shkronja pa ë/ç, shifra dhe '-'"),
        ('- slug: tema-re\n  name: "Tema\\ntemplate: x"', "content/_data/topics.yml:{m}: name: duhet të jetë në një rresht"),
    ],
)  # fmt: skip
def test_reference_slugs_and_names_are_safe_to_put_in_addresses_and_pages(content, line, message):
    topics = content / "_data" / "topics.yml"
    text = topics.read_text(encoding="utf-8")
    topics.write_text(text + line + "\n", encoding="utf-8")
    first = text.count("\n") + 1  # the entry's first line; `name` is on the next one
    assert problems_of(content) == [message.format(n=first, m=first + 1)]


def test_the_privacy_allow_list_is_read_like_every_data_file(content):
    write(content, "_data/privacy-allow.yml", "- &a {text: x, reason: y}\n- *a\n")
    found = problems_of(content)
    assert len(found) == 1 and found[0].startswith("content/_data/privacy-allow.yml:1: YAML: "), found
