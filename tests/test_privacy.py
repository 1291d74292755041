"""Privacy guard rules: what they must stop, what they must let through (a table of each), and proof that the
real content, the site fixtures and a synthetic corpus raise nothing."""

from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from krat.content.contacts import load_contacts
from krat.content.privacy import Guard, guard_problems, load_guard
from krat.content.refdata import load_reference_data

from benchmarks.corpus import generate

OFFICIAL = {"116111", "116000", "116006", "129", "112"}  # as content/_data/contacts.yml lists them


@pytest.mark.parametrize(
    ("rule", "caught", "allowed"),
    [
        ("nid", "Viktima, me NID J12345678A, u strehua.", "Vendimi nr. 12345678 i datës 16.02.2018."),
        ("telefon", "E kontaktuam në 069 123 4567.", "Linja ALO 116 111 dhe Policia 129 janë falas."),
        ("telefon", "Tel: +355 4 222 3333", "Në vitin 2018 u zhvilluan 6 takime me 120 pjesëmarrës."),
        ("email", "Shkruani te vajza.x@gmail.com", "Shkruani te info@prefektura.gov.al"),
        ("datelindje", "Fëmija, datëlindja 03.04.2009, u referua.", "Plani u miratua më 03.04.2009."),
        ("datelindje", "e mitur, lindur më 2009, nga Kukësi", "Komiteti u krijua në vitin 2006."),
    ],
)
def test_rule_catches_personal_data_and_lets_ordinary_text_through(rule, caught, allowed):
    guard = Guard(official_numbers={"116111", "129"})
    assert [hit.rule for hit in guard.scan(caught)] == [rule]
    assert guard.scan(allowed) == []


# Each text with the one hit it must give: the rule and exactly the passage reported to staff.
CAUGHT = [
    # ID numbers, together or grouped, in any case
    ("Viktima J55101234A u strehua.", "nid", "J55101234A"),
    ("NID: J 5510 1234 A", "nid", "J 5510 1234 A"),
    ("me NID J-55101234-A", "nid", "J-55101234-A"),
    ("nid j55101234a", "nid", "j55101234a"),
    ("ID J.5510.1234.A", "nid", "J.5510.1234.A"),
    ("numri personal K 12345678 L", "nid", "K 12345678 L"),
    # mobile numbers, every way of grouping them
    ("Tel. 069.123.4567", "telefon", "069.123.4567"),
    ("Tel. (069) 123 4567", "telefon", "(069) 123 4567"),
    ("Tel. 069 12 34 567", "telefon", "069 12 34 567"),
    ("Tel. 069-123-4567", "telefon", "069-123-4567"),
    ("Tel. 069/123-4567", "telefon", "069/123-4567"),
    ("Tel. 068 / 123 45 67", "telefon", "068 / 123 45 67"),
    ("Tel.0691234567", "telefon", "0691234567"),
    ("Cel: +355 69 123 4567", "telefon", "+355 69 123 4567"),
    ("Cel: +355(0)69 123 4567", "telefon", "+355(0)69 123 4567"),
    ("Cel: +355 (0) 67 123 4567", "telefon", "+355 (0) 67 123 4567"),
    ("Cel: 00355 69 1234567", "telefon", "00355 69 1234567"),
    ("Cel: +355691234567", "telefon", "+355691234567"),
    # landlines: Tirana (04) and the other areas (0xx)
    ("Zyra: 052 222 333", "telefon", "052 222 333"),
    ("Zyra: 04 222 3333", "telefon", "04 222 3333"),
    ("Zyra: (04) 2223333", "telefon", "(04) 2223333"),
    ("Zyra: 04.22.33.333", "telefon", "04.22.33.333"),
    ("Zyra: +355 4 222 3333", "telefon", "+355 4 222 3333"),
    ("më 05.11.2021 e thirri në 069 123 4567", "telefon", "069 123 4567"),  # the date before it is not a number
    # dates of birth: month names with and without ë, any case, -it/-i forms; figures; year only
    ("e mitur, lindur më 12 mars 2005", "datelindje", "lindur më 12 mars 2005"),
    ("i lindur me 3 Nëntor 1999", "datelindje", "lindur me 3 Nëntor 1999"),
    ("datëlindja: 1 janar 2001", "datelindje", "datëlindja: 1 janar 2001"),
    ("datelindja 01 shkurt 2003", "datelindje", "datelindja 01 shkurt 2003"),
    ("DATËLINDJA 5 MARSIT 2004", "datelindje", "DATËLINDJA 5 MARSIT 2004"),
    ("lindur më 9 nentor 2006", "datelindje", "lindur më 9 nentor 2006"),
    ("datëlindja: 20 janarit 2002", "datelindje", "datëlindja: 20 janarit 2002"),
    ("lindur në qershor 2007", "datelindje", "lindur në qershor 2007"),
    ("lindur më 1.2.1990", "datelindje", "lindur më 1.2.1990"),
    ("lindur më 2005-03-12", "datelindje", "lindur më 2005-03-12"),
    ("d.l. 1990", "datelindje", "d.l. 1990"),
    ("d. l. 02.03.1999", "datelindje", "d. l. 02.03.1999"),
    ("data e lindjes: 12.03.2005", "datelindje", "e lindjes: 12.03.2005"),
    ("e lindur në vitin 2005", "datelindje", "lindur në vitin 2005"),
    ("datëlindja 12/03/05", "datelindje", "datëlindja 12/03/05"),
    # ë typed as e and a combining diaeresis, as text copied from some systems comes
    ("date\u0308lindja 3 ne\u0308ntor 1999", "datelindje", "datëlindja 3 nëntor 1999"),  # shown as read
]

# Ordinary text of the minutes, plans and laws: none of it is personal data.
LET_THROUGH = [
    "Linja ALO 116 111, Linja për fëmijët e zhdukur 116 000, Policia 129, Urgjenca 112.",
    "Linja kombëtare kundër trafikimit 116 006 (falas).",
    "Shkruani te info@prefektura.gov.al ose kukes@asp.gov.al.",
    "Detyrat 1.2 dhe 1.10 të objektivit 2.3.1 u realizuan.",
    "Ligji nr. 9642, datë 20.11.2006",
    "VKM nr. 670, datë 10.11.2021",
    "Urdhri nr. 139, datë 19.06.2006",
    "Ligji nr. 115/2014 dhe nr. 18/2017",
    "Rezoluta A/RES/68/192 e OKB-së dhe A/HRC/41/46",
    "Takimi u mbajt më 16.02.2018.",
    "date: 2018-02-16",
    "Më 16 shkurt 2018 u mblodh komiteti.",
    "Nga 01.02.2018 deri më 28.02.2018.",
    "Data 1/2/2018, ora 10:30.",
    "Takimi filloi në orën 09:30-12:00.",
    "Strategjia 2014–2017 dhe plani 2018-2020.",
    "Plani i 2018-2020 u miratua në mbledhje.",
    "U ndihmuan 12 000 fëmijë dhe 1 200 familje.",
    "Buxheti: 2 000 000 lekë; rritje +5%.",
    "45% e rasteve dhe 0,5 përqind e buxhetit.",
    "më 05.11.2021 12 pjesëmarrës",
    "më 05.11.2021 10:30",
    "Në 05.2018 123 raste u referuan.",
    "Afati: 2018-Q2, 2019-H1.",
    "Mbledhja nr. 1234 e komitetit",
    "Prot. nr. 0234/5, datë 04.05.2018 - 06.05.2018",
    "Komiteti u mblodh më 3 Nëntor 1999 dhe më 12 mars 2005.",
    "Viti 2005 ishte i vështirë; Rilindja 2005.",
    "nr. 12345678 i datës 16.02.2018",
    "ISBN 978-9928-4567-1-2",
    "Faqja www.asp.gov.al dhe https://www.alo116.al/",
    "Tabela: | 2018 | 12 | 0 | 45 |",
]


@pytest.mark.parametrize(("text", "rule", "passage"), CAUGHT)
def test_personal_data_is_caught_however_it_is_written(text, rule, passage):
    hits = Guard(official_numbers=OFFICIAL).scan(text)
    assert [(hit.rule, hit.text) for hit in hits] == [(rule, passage)]


@pytest.mark.parametrize("text", LET_THROUGH)
def test_ordinary_text_is_let_through(text):
    assert Guard(official_numbers=OFFICIAL).scan(text) == []


def test_the_tables_are_large_enough():
    assert len(CAUGHT) >= 25 and len(LET_THROUGH) >= 25


def test_hits_report_their_line_in_the_file():
    text = "Rreshti i parë.\nTakimi më 16.02.2018.\nTel. 069.123.4567 dhe d.l. 1990\n"
    hits = Guard().scan(text, first_line=5)
    assert [(hit.line, hit.rule, hit.text) for hit in hits] == [
        (7, "telefon", "069.123.4567"),
        (7, "datelindje", "d.l. 1990"),
    ]


def test_denied_names_match_without_diacritics_and_report_the_line(tmp_path):
    denylist = tmp_path / "emrat.txt"  # kept outside the repository in real use
    denylist.write_text("Arbër Shehu\n", encoding="utf-8")
    guard = load_guard(tmp_path, denylist=denylist)
    hits = guard.scan("Rreshti i parë.\nU takua me arber shehu në Kukës.", first_line=10)
    assert [(hit.line, hit.rule) for hit in hits] == [(11, "emer")]
    assert guard.scan("Arbëria është një fjalë tjetër.") == []


def test_reviewed_allow_list_entry_silences_a_false_positive(tmp_path):
    (tmp_path / "privacy-allow.yml").write_text(
        "- text: K12345678L\n  reason: numër protokolli i Prefekturës, jo NID (rishikuar 2026-11-22)\n"
        "- text: A11111111B\n"  # no reason: not accepted
        "- domain: unicef.org\n  reason: organizatë ndërkombëtare partnere\n",
        encoding="utf-8",
    )
    guard = load_guard(tmp_path)
    assert guard.scan("Protokolli K12345678L.") == []
    assert [hit.rule for hit in guard.scan("Kodi A11111111B.")] == ["nid"]
    assert guard.scan("Kontakt: office@unicef.org") == []


def test_an_allowed_number_is_allowed_however_it_is_grouped(tmp_path):
    (tmp_path / "privacy-allow.yml").write_text(
        "- text: K12345678L\n  reason: numër protokolli, jo NID\n"
        "- text: 052 222 333\n  reason: numri i centralit të Prefekturës së Durrësit\n",
        encoding="utf-8",
    )
    guard = load_guard(tmp_path)
    assert guard.scan("Protokolli k 1234-5678 l dhe centrali 052.222.333 ose (052) 222333.") == []
    assert [hit.text for hit in guard.scan("Tel. 052 222 334")] == ["052 222 334"]


def test_an_official_number_is_allowed_in_national_and_international_form():
    guard = Guard(official_numbers={"042223333"})  # an official landline, as contacts.yml would write it
    assert guard.scan("Tel. 04 222 3333, +355 4 222 3333, 00355 (0)4 222 3333") == []
    assert [hit.text for hit in guard.scan("Tel. 04 222 3334")] == ["04 222 3334"]


def test_problems_name_the_file_line_and_rule_as_the_build_does():
    class Item:
        path = "content/takime/kukes/2018/2018-02-16-takim.md"
        text = "---\ntitle: Takim\n---\n\nE kontaktuam në 069.123.4567.\n"

    assert [str(problem) for problem in guard_problems([Item()], Guard())] == [
        "content/takime/kukes/2018/2018-02-16-takim.md:5: privatësia.telefon: '069.123.4567' duket si numër "
        "telefoni privat (lejohen vetëm kontaktet zyrtare); hiqeni nga teksti publik, ose, nëse nuk është e dhënë "
        "personale, shtojeni te content/_data/privacy-allow.yml me arsyen (reason)"
    ]


def test_personal_id_in_a_public_record_stops_the_public_build_only(content):
    from conftest import plant
    from krat.content.catalog import build_catalog
    from krat.content.problems import ContentError

    record = plant(content, "valid.md")
    record.write_text(record.read_text(encoding="utf-8") + "\nRasti i shtetases me NID J12345678A.\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build_catalog(content, profile="public")
    assert [str(problem) for problem in caught.value.problems] == [
        "content/takime/kukes/2018/2018-02-16-takim.md:17: privatësia.nid: 'J12345678A' duket si numër personal ID; "
        "hiqeni nga teksti publik, ose, nëse nuk është e dhënë personale, shtojeni te "
        "content/_data/privacy-allow.yml me arsyen (reason)"
    ]
    assert len(build_catalog(content, profile="members").records) == 1
    record.write_text(record.read_text(encoding="utf-8").replace("visibility: public", "visibility: internal"))
    assert build_catalog(content, profile="public").records == []


# --- no false positives on real text --------------------------------------------------------------------------


def official_numbers() -> list[str]:
    """The numbers of the real contacts.yml, read as the build reads them."""
    data_dir = ROOT / "content" / "_data"
    contacts, problems = load_contacts(data_dir, "content/_data", load_reference_data(data_dir, "content/_data"))
    assert problems == []
    return [contact.number for contact in contacts]


def real_guard() -> Guard:
    """The guard as the public build makes it for the real content: its allow-list and official numbers."""
    return load_guard(ROOT / "content" / "_data", official_numbers())


def test_official_numbers_are_the_ones_the_contacts_give():
    assert {number.replace(" ", "") for number in official_numbers()} == OFFICIAL


@pytest.mark.parametrize("folder", [ROOT / "content", FIXTURES / "site"], ids=["content", "fixtures/site"])
def test_no_hits_in_the_real_content_and_the_site_fixtures(folder):
    """Every file staff write (Markdown and YAML data) raises nothing, public or not."""
    files = sorted(path for path in folder.rglob("*") if path.suffix in (".md", ".yml") and path.is_file())
    assert len(files) > 5
    guard = real_guard()
    hits = {path.relative_to(ROOT).as_posix(): guard.scan(path.read_text(encoding="utf-8")) for path in files}
    assert {path: found for path, found in hits.items() if found} == {}


def test_no_hits_in_a_synthetic_corpus(tmp_path):
    """benchmarks.corpus writes Albanian-like text with dates, times, periods, plan and task ids and institution codes,
    and (by design: it says every file is synthetic) no personal data at all: nothing may be reported."""
    corpus = generate(tmp_path, 300, content_source=ROOT / "content" / "_data")
    files = sorted(Path(tmp_path, "content").rglob("*.md"))
    assert corpus.records == 300 and len(files) > 300
    guard = real_guard()
    hits = {path.name: guard.scan(path.read_text(encoding="utf-8")) for path in files}
    assert {name: found for name, found in hits.items() if found} == {}


@pytest.mark.parametrize(
    ("written", "rule"),
    [
        ("Tel. 069\u00a0123\u00a04567", "telefon"),  # no-break spaces, as a word processor pastes them
        ("Tel. 069\u2011123\u20134567", "telefon"),  # a non-breaking hyphen and an en dash
        ("Tel. 00 355 69 123 4567", "telefon"),  # a space inside the 00 355 prefix
        ("Tel. 0\u200b6\u200b9 1\u20602\u00ad3 4567", "telefon"),  # invisible characters between the digits
        ("Tel. &#48;&#54;&#57; 123 4567", "telefon"),  # character references the page shows as digits
        ("Tel. \uff10\uff16\uff19 123 4567", "telefon"),  # fullwidth digits
        ("Tel. \u0660\u0666\u0669 123 4567", "telefon"),  # Arabic-Indic digits
        ("ID \u040855101234\u0410", "nid"),  # Cyrillic Je and A around the digits
        ("ID J\u00a05510\u20121234\u00a0A", "nid"),
        ("Shkruani te emri&#64;gmail.com", "email"),
        ("Shkruani te emri&commat;gmail.com", "email"),
        ("Shkruani te emri\uff20gmail.com", "email"),
    ],
)
def test_personal_data_is_caught_in_the_forms_a_reader_sees_it(written, rule):
    """Numbers and addresses pasted with other spaces and dashes, hidden characters, look-alike letters or HTML
    references are the same data to the reader: the guard reads the text as shown (krat.content.normalize)."""
    assert [hit.rule for hit in Guard(official_numbers=OFFICIAL).scan(written)] == [rule]


def test_a_file_name_and_the_reference_data_are_guarded_too(content):
    from helpers import problems_of

    topics = content / "_data/topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8").replace("name: ", "name: Thirrni 069 123 4567, ", 1))
    (content / "takime/kukes/2018").mkdir(parents=True)
    (content / "takime/kukes/2018/J55101234A.pdf").write_bytes(b"%PDF-1.4\n")
    found = problems_of(content)
    assert any(line.startswith("content/_data/topics.yml:") and "privatësia.telefon" in line for line in found)
    assert any(line.startswith("content/takime/kukes/2018/J55101234A.pdf:1: privatësia.nid") for line in found)
