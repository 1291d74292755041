"""The importer: the two seed texts give the hand-made records' fields and body; varied texts (date forms,
missing diacritics, inflected names, URL-only dates, encodings, bullets) give exact values; every output passes
the checker."""

import re
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT
from krat.content.dates import MONTHS, PartialDate
from krat.content.frontmatter import read_document
from krat.content.refdata import load_reference_data
from krat.content.text import fold, fold_each
from krat.tools.importer import (
    ImportFailed,
    ImportOptions,
    detect_bodies,
    detect_chair,
    detect_prefecture,
    find_dates,
    host_prefecture,
    import_text,
    url_date,
)
from krat.tools.recordfile import check_text, prefecture_forms

IMPORTS = FIXTURES / "import"
KUKES_URL = "https://prefekturakukes.gov.al/2019/10/18/mbledhja-e-krat/"


@pytest.fixture(scope="module")
def refdata():
    return load_reference_data(ROOT / "content" / "_data", "content/_data")


def run(refdata, fixture: str, **options):
    return import_text((IMPORTS / fixture).read_bytes(), fixture, ImportOptions(**options), refdata)


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))


def to_verify(text: str, key: str) -> list[str]:
    """What the record's `verify` list says must be checked in `key` (no item: [])."""
    return [item.get("note", "") for item in front_matter(text).get("verify") or [] if item["field"] == key]


def hand_made(path: str):
    document, problems = read_document(ROOT / "content" / "takime" / path, path)
    assert not problems
    return document


# --- the seeds ------------------------------------------------------------------------------------------------


def test_kukes_seed_gives_the_hand_made_record(refdata):
    result = run(refdata, "kukes_seed.txt")
    fields = front_matter(result.text)
    made = hand_made("kukes/2018/2018-02-16-analiza-vjetore-2017.md")
    assert result.src_uri == "takime/kukes/2018/2018-02-16-analize-punen-bere-komiteti-rajonal.md"
    assert fields["title"] == made.data["title"]
    assert (str(fields["date"]), fields["time"], fields["prefecture"]) == ("2018-02-16", "11:00", "kukes")
    assert fields["bodies"] == ["KRAT", "TTAT"] == made.data["bodies"]
    assert fields["kind"] == "annual-review" == made.data["kind"]
    assert fields["chair"] == {"name": "Zenel Kuçana", "role": "Prefekti i Qarkut Kukës"} == made.data["chair"]
    assert (fields["visibility"], fields["source"]) == ("internal", "kukes_seed.txt")
    assert result.text.split("\n---\n", 1)[1].strip() == made.body.strip()
    assert "# Krye e tekstit origjinal: PREFEKTI I QARKUT KUKES | Kukes 16.02.2018" in result.text


def test_durres_seed_gives_the_hand_made_record_with_the_year_given(refdata):
    result = run(refdata, "durres_seed.txt", date="2023")
    fields = front_matter(result.text)
    made = hand_made("durres/2023/2023-analiza-6-mujore.md")
    assert result.src_uri == "takime/durres/2023/2023-analiza-6-mujore-veprimtarise-komitetit.md"
    assert fields["title"] == made.data["title"]
    assert (fields["date"], fields["prefecture"], fields["kind"]) == (2023, "durres", "half-year-review")
    assert "time" not in fields
    assert fields["bodies"] == ["KRAT", "TTAT"]
    assert fields["chair"]["name"] == "Emiljan Jani" == made.data["chair"]["name"]
    body = result.text.split("\n---\n", 1)[1]
    assert body.strip() == made.body.strip()
    assert body.count("\n- ") == 4
    assert to_verify(result.text, "date") == []  # given by staff: nothing to check


def test_durres_seed_without_a_date_stops_with_a_clear_message(refdata):
    with pytest.raises(ImportFailed) as failed:
        run(refdata, "durres_seed.txt")
    assert str(failed.value) == (
        "durres_seed.txt: data e takimit nuk u gjet në tekst as në adresën e burimit; jepeni me --date VVVV-MM-DD "
        "(ose VVVV-MM, VVVV kur dihet vetëm muaji ose viti)"
    )


# --- varied texts ---------------------------------------------------------------------------------------------

VARIED = {
    # fixture: (date, time, prefecture, bodies, kind, chair, title)
    "date_spaced_dots.txt": (
        "2018-02-16", None, "berat", ["KRAT"], "meeting", None,
        "Mbledhja e Komitetit Rajonal Antitrafik Berat",
    ),
    "date_slashes_no_diacritics.txt": (
        "2018-02-16", "10:30", "fier", ["TTAT"], "meeting", "Arben Hoxha",
        "Takim i Tryezes Teknike Antitrafik ne Fier",
    ),
    "date_sot_month_name.txt": (
        "2019-03-05", None, "korce", ["KRAT"], "quarter-review", None,
        "KRAT Korçë analizon punën e tremujorit të parë",
    ),
    "date_month_no_diacritics.txt": (
        "2020-11-12", None, "shkoder", ["KRAT"], "meeting", None,
        "Komiteti Rajonal i Luftës kundër Trafikimit të Personave u mblodh në Shkodër",
    ),
    "annual_all_caps.txt": (
        "2023-01-27", "11:00", "elbasan", ["KRAT", "TTAT"], "annual-review", "Gent Dervishi",
        "Analiza vjetore e KRAT Elbasan për vitin 2022",
    ),
    "half_year_no_diacritics.txt": (
        "2019-07-10", None, "gjirokaster", ["KRAT"], "half-year-review", "Ilir Kola",
        "Prefektura Gjirokaster: mbledhja gjashtemujore e Komitetit Rajonal Anti Trafik",
    ),
    "campaign_bullets.txt": (
        "2021-10-18", None, "vlore", ["TTAT"], "campaign", None, "Fushatë ndërgjegjësimi në shkollat e Vlorës",
    ),
    "inflected_lezhe.txt": ("2022-04-03", None, "lezhe", ["KRAT"], "meeting", None, "Takim i KRAT në Lezhë"),
    "inflected_dibra.txt": (
        "2021-06-14", None, "diber", ["KRAT"], "meeting", "Mirela Kola", "Mbledhja e KRAT-it të Dibrës",
    ),
    "hard_wrapped.txt": (
        "2022-06-20", None, "tirane", ["TTAT"], "meeting", None,
        "Mbledhja e Tryezës Teknike Antitrafik të Qarkut Tiranë",
    ),
    "cp1250_crlf.txt": (
        "2020-05-15", None, "korce", ["KRAT"], "meeting", None,
        "Mbledhja e Komitetit Rajonal Antitrafik të Korçës",
    ),
    "cp1252.txt": (
        "2020-09-09", None, "vlore", ["TTAT"], "meeting", None, "Mbledhja e Tryezës Teknike Antitrafik të Vlorës",
    ),
    "utf8_bom_crlf.txt": ("2021-11-11", None, "berat", ["KRAT"], "meeting", None, "Mbledhja e KRAT Berat"),
    "bullets.txt": ("2021-03-02", None, "fier", ["KRAT"], "meeting", None, "Lista e detyrave të KRAT Fier"),
    "html.txt": ("2021-03-02", None, "fier", ["KRAT"], "meeting", None, "Mbledhja e KRAT Fier"),
    "cited_act_date.txt": (  # "nr. 6, datë 10.01.2017" cites an act: the date comes from the URL
        "2022-05-12", None, "berat", ["KRAT"], "meeting", "Arben Hoxha", "Mblidhet Komiteti Rajonal Antitrafik i Beratit",
    ),
    "day_month_without_year.txt": (  # "Më 19 shkurt," with the URL's year
        "2018-02-19", None, "vlore", ["KRAT"], "meeting", None,
        "Mbledhja e radhës e Komitetit Rajonal Kundër Trafikimit të Qenieve Njerëzore",
    ),
    "dateline_no_title.txt": (  # "Peshkopi, 12/12/2022" is a header; Dibër is named after "Prefektura"
        "2022-12-12", None, "diber", ["KRAT"], "meeting", None,
        "Prefektura e Dibrës organizoi takimin e fundvitit të Komitetit Rajonal Anti-Trafik me përfaqësues të "
        "Bashkisë Dibër…",
    ),
    "dateline_in_first_line.txt": (
        "2019-10-18", None, "korce", ["TTAT"], "campaign", None,
        "Në kuadër të Ditës Europiane kundër Trafikimit, Tryeza Teknike Antitrafik e Korçës zhvilloi një fushatë "
        "ndërgjegjësimi…",
    ),
}  # fmt: skip


OPTIONS = {  # what staff would give on the command line for the texts that need it
    "durres_seed.txt": {"date": "2023"},
    "no_date.txt": {"date": "2023"},
    "no_prefecture.txt": {"prefecture": "Kukës"},
    "url_only_date.txt": {"source_url": KUKES_URL},
    "cited_act_date.txt": {"source_url": "https://prefekturaberat.gov.al/2022/05/12/mblidhet-krat/"},
    "day_month_without_year.txt": {"source_url": "https://prefekturavlore.gov.al/2018/02/20/mbledhja/"},
}


@pytest.mark.parametrize("fixture", sorted(VARIED))
def test_varied_texts_give_exact_fields(refdata, fixture):
    date, time, prefecture, bodies, kind, chair, title = VARIED[fixture]
    fields = front_matter(run(refdata, fixture, **OPTIONS.get(fixture, {})).text)
    assert (str(fields["date"]), fields.get("time"), fields["prefecture"]) == (date, time, prefecture)
    assert (fields["bodies"], fields["kind"], fields["title"]) == (bodies, kind, title)
    assert (fields["chair"]["name"] if "chair" in fields else None) == chair


@pytest.mark.parametrize("fixture", sorted(path.name for path in IMPORTS.glob("*.txt")))
def test_every_import_passes_the_checker(refdata, fixture):
    result = run(refdata, fixture, **OPTIONS.get(fixture, {}))
    record, problems = check_text(result.text, result.src_uri, "content", refdata)
    assert problems == []
    assert record.visibility == "internal"


def test_a_date_only_in_the_source_url_is_used_and_marked(refdata):
    result = run(refdata, "url_only_date.txt", source_url=KUKES_URL)
    fields = front_matter(result.text)
    assert (str(fields["date"]), fields["prefecture"], fields["source"]) == ("2019-10-18", "kukes", KUKES_URL)
    assert to_verify(result.text, "date") == [
        "data u mor nga adresa e burimit: është data e publikimit, jo domosdo e takimit"
    ]
    assert to_verify(result.text, "prefecture") == []  # the site of the Kukës prefecture
    assert result.src_uri == "takime/kukes/2019/2019-10-18-komiteti-rajonal-antitrafik-zhvilloi-mbledhjen.md"


def test_explicit_options_win_over_detection(refdata):
    result = run(
        refdata,
        "kukes_seed.txt",
        date="2018-02",
        prefecture="Durrësit",
        kind="Meeting",
        title="Një titull tjetër",
    )
    fields = front_matter(result.text)
    assert (fields["date"], fields["prefecture"], fields["kind"]) == ("2018-02", "durres", "meeting")
    assert fields["title"] == "Një titull tjetër"
    assert fields["chair"]["role"] == "Prefekti i Qarkut Durrës"
    assert result.src_uri == "takime/durres/2018/2018-02-nje-titull-tjeter.md"


def test_what_was_guessed_is_marked_for_staff(refdata):
    text = run(refdata, "kukes_seed.txt").text
    assert to_verify(text, "title") == ["rreshti i parë u mor si titull"]
    assert to_verify(text, "date") == to_verify(text, "prefecture") == []
    assert to_verify(text, "chair") == [
        "nga teksti 'Prefekti i qarkut Kukes z Zenel Kuçana': kontrolloni emrin dhe nëse e drejtoi vetë takimin"
    ]
    assert to_verify(text, "visibility") == [
        "mbetet 'internal' (vetëm për anëtarët) derisa një person ta lexojë; vendosni 'public' për ta publikuar"
    ]
    bullets = run(refdata, "bullets.txt").text
    assert to_verify(bullets, "kind") == [
        "teksti nuk thotë analizë (vjetore, 6-mujore, 3-mujore) as fushatë; u vendos takim"
    ]
    assert to_verify(run(refdata, "cp1252.txt").text, "kind") == [
        "teksti nuk thotë analizë (vjetore, 6-mujore, 3-mujore) as fushatë; u vendos takim; teksti "
        "përmend 'fushat…': nëse ishte fushatë, vendosni campaign"
    ]
    assert to_verify(run(refdata, "review_in_body.txt").text, "kind") == ["u gjet 'vjetor' në tekst, jo në titull"]


def test_conversions_are_announced(refdata):
    assert run(refdata, "cp1250_crlf.txt").notices == [
        "cp1250_crlf.txt: teksti nuk ishte në UTF-8; u lexua si Windows-1250 dhe u shndërrua në UTF-8 "
        "(kontrolloni shkronjat ë dhe ç)"
    ]
    assert run(refdata, "utf8_bom_crlf.txt").notices == []
    html = run(refdata, "html.txt")
    assert html.notices == ["html.txt: u hoq HTML nga teksti (etiketat dhe skriptet); mbeti vetëm teksti"]
    assert html.text.endswith(
        "---\n\nMë 02.03.2021 u mblodh Komiteti Rajonal Antitrafik i Qarkut Fier.\n\n- Pika e parë\n- Pika e dytë\n\n"
        "Shënim: numri 3 < 5 & teksti &lt;i> mbetet tekst.\n"
    )


def test_lost_bullet_markers_become_a_list(refdata):
    body = run(refdata, "bullets.txt").text.split("\n---\n", 1)[1]
    assert body == (
        "\nMe datë 02.03.2021 Komiteti Rajonal Antitrafik i Qarkut Fier caktoi këto detyra:\n\n"
        "- Pika me pikëpyetje\n- Pika me pikë\n- Pika me vizë\n- Pika me yll\n- Pika me vizë të gjatë\n"
        "- Pika nga Word\n\nDetyrat do të raportohen në mbledhjen e ardhshme.\n"
    )


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        (
            "no_date.txt",
            "no_date.txt: data e takimit nuk u gjet në tekst as në adresën e burimit; jepeni me --date VVVV-MM-DD "
            "(ose VVVV-MM, VVVV kur dihet vetëm muaji ose viti)",
        ),
        (
            "no_prefecture.txt",
            "no_prefecture.txt: qarku nuk u gjet në tekst as në adresën e burimit; jepeni me --prefecture, "
            "p.sh. --prefecture kukes",
        ),
    ],
)
def test_missing_facts_stop_with_a_message_naming_the_file(refdata, fixture, message):
    with pytest.raises(ImportFailed) as failed:
        run(refdata, fixture)
    assert str(failed.value) == message


def test_a_title_starting_with_a_number_does_not_confuse_a_partial_date(refdata):
    text = "Më 19 shkurt u mblodh Komiteti Rajonal Antitrafik i Vlorës.\n".encode()
    result = import_text(text, "v.txt", ImportOptions(date="2022"), refdata)
    assert result.src_uri == "takime/vlore/2022/2022-shkurt-mblodh-komiteti-rajonal.md"
    assert check_text(result.text, result.src_uri, "content", refdata)[1] == []


def test_a_text_of_header_lines_only_becomes_the_body(refdata):
    result = import_text(b"PREFEKTI I QARKUT KUKES\n\nKukes 16.02.2018\n", "krye.txt", ImportOptions(), refdata)
    fields = front_matter(result.text)
    assert (fields["title"], str(fields["date"]), fields["prefecture"]) == (
        "PREFEKTI I QARKUT KUKES",
        "2018-02-16",
        "kukes",
    )
    assert result.text.endswith("---\n\nPREFEKTI I QARKUT KUKES\n\nKukes 16.02.2018\n")


@pytest.mark.parametrize(
    ("text", "bodies"),
    [
        ("Mbledhja e KRAT-it dhe e TTAT-së", ["KRAT", "TTAT"]),
        ("Komiteti Rajonal Anti Trafik", ["KRAT"]),
        ("Komitetit të Luftës kundër Trafikimit të Personave", ["KRAT"]),
        ("Komiteti Kombëtar kundër Trafikimit", []),
        ("anëtarët e Tryezës teknike", ["TTAT"]),
        ("konkursi u zhvillua nga TT", ["TTAT"]),
        ("demokratët dhe burokratët", []),
    ],
)
def test_committees_under_their_many_names(text, bodies):
    found = detect_bodies(fold_each(text))
    assert (found.value if not found.doubt else []) == bodies


def test_an_empty_file_is_refused(refdata, tmp_path):
    with pytest.raises(ImportFailed, match="^bosh.txt: skedari nuk ka tekst$"):
        import_text(b"\r\n  \n", "bosh.txt", ImportOptions(date="2020"), refdata)


# --- detection, one rule at a time -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso", "cued"),
    [
        ("Kukes 16.02.2018", "2018-02-16", False),
        ("Me date 16.02.2018 ora 11.00", "2018-02-16", True),
        ("më 16. 02. 2018,", "2018-02-16", True),
        ("Sot, datë 16/02/2018", "2018-02-16", True),
        ("dt. 6-2-2018", "2018-02-06", True),
        ("publikuar 2018-02-16", "2018-02-16", False),
        ("E hënë, 16 shkurt 2018", "2018-02-16", True),
        ("më 16-të shkurtit 2018", "2018-02-16", True),
        ("16 Shkurt, 2018", "2018-02-16", False),
    ],
)
def test_date_forms(text, iso, cued):
    assert [(found.date.iso, found.cued) for found in find_dates(fold_each(text))] == [(iso, cued)]


@pytest.mark.parametrize(("number", "month"), list(enumerate(MONTHS, start=1)))
def test_all_twelve_months_in_any_inflection_with_or_without_diacritics(number, month):
    forms = [month, month.upper(), fold(month), f"{month}it", f"{fold(month).capitalize()}it"]
    for form in forms:
        assert [found.date for found in find_dates(fold_each(f"më 3 {form} 2021"))] == [PartialDate(2021, number, 3)]


def test_impossible_dates_are_not_taken():
    assert find_dates(fold_each("më 30.02.2018 dhe 31 prill 2019")) == []


@pytest.mark.parametrize(
    ("url", "iso"),
    [
        ("https://prefekturakukes.gov.al/2018/02/16/takim/", "2018-02-16"),
        ("https://www.prefektura-shkodra.gov.al/lajme/2020/11/", "2020-11"),
        ("https://prefektura.gov.al/2021/13/01/x/", None),
        ("https://prefektura.gov.al/lajme/takim-i-krat/", None),
    ],
)
def test_url_dates(url, iso):
    found = url_date(url)
    assert (found.value.iso if found else None) == iso


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("berat", ["Qarkut Berat", "Beratit", "Berati"]),
        ("diber", ["Qarkut Dibër", "Dibrës", "Dibra", "Dibres"]),
        ("durres", ["Qarkut Durrës", "Durrësit", "Durresi"]),
        ("elbasan", ["Qarkut Elbasan", "Elbasanit", "Elbasani"]),
        ("fier", ["Qarkut Fier", "Fierit", "Fieri"]),
        ("gjirokaster", ["Qarkut Gjirokastër", "Gjirokastrës", "Gjirokastra", "Gjirokaster"]),
        ("korce", ["Qarkut Korçë", "Korçës", "Korca", "Korces"]),
        ("kukes", ["Qarkut Kukës", "Kukësit", "Kukes", "KUKESIT"]),
        ("lezhe", ["Qarkut Lezhë", "Lezhës", "Lezha"]),
        ("shkoder", ["Qarkut Shkodër", "Shkodrës", "Shkodra", "Shkodres"]),
        ("tirane", ["Qarkut Tiranë", "Tiranës", "Tirana"]),
        ("vlore", ["Qarkut Vlorë", "Vlorës", "Vlora", "Vlores"]),
    ],
)
def test_prefectures_in_any_inflection(refdata, name, written):
    for form in written:
        assert detect_prefecture(fold_each(f"Prefektura e {form} mblodhi KRAT."), "", refdata).value.slug == name


def test_the_prefecture_after_qark_or_prefekt_wins_over_the_most_mentioned(refdata):
    text = "Në Prefekturën e Korçës u mblodh KRAT. Erdhën nga Tirana, Tirana dhe Tirana."
    assert detect_prefecture(fold_each(text), "", refdata).value.slug == "korce"
    only_mentions = detect_prefecture(fold_each("Erdhën nga Tirana, Tirana dhe Vlora."), "", refdata)
    assert (only_mentions.value.slug, only_mentions.doubt) == (
        "tirane",
        "u gjet vetëm nga emrat në tekst (Tiranë 2 herë, Vlorë 1 herë)",
    )


@pytest.mark.parametrize(
    ("url", "slug"),
    [
        ("https://prefektura-kukes.gov.al/2019/10/18/x/", "kukes"),
        ("https://prefekturakukes.gov.al/lajme", "kukes"),
        ("http://www.prefekturadiber.gov.al/", "diber"),
        ("https://pref-shkodra.gov.al/", "shkoder"),
        ("prefekturavlore.gov.al/2020/01/", "vlore"),
        ("https://prefektura.gov.al/kukes/", None),  # only the host counts
        ("https://example.com/", None),
    ],
)
def test_prefecture_from_the_source_site(refdata, url, slug):
    found = host_prefecture(url, prefecture_forms(refdata))
    assert (found.slug if found else None) == slug


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Prefekti i Qarkut Durrës Z.Emiljan Jani në cilësinë", "Emiljan Jani", "Prefekti i Qarkut Kukës"),
        ("e beri Prefekti i qarkut Kukes z Zenel Kuçana i cili", "Zenel Kuçana", "Prefekti i Qarkut Kukës"),
        ("Prefektja e Qarkut Kukës, znj. Mirela Kola, tha", "Mirela Kola", "Prefektja e Qarkut Kukës"),
        ("Prefekti Arben Hoxha Në fjalën e tij", "Arben Hoxha", "Prefekti i Qarkut Kukës"),
        (
            "Sot, Prefekti Qarkut Durrës Z. Emiljan Jani në cilësinë",
            "Emiljan Jani",
            "Prefekti i Qarkut Kukës",
        ),
        ("Prefekti i qarkut Gjirokastër z. Arben KOLA zhvilloi", "Arben Kola", "Prefekti i Qarkut Kukës"),
        ("PREFEKTI I QARKUT KUKËS ZHVILLON ANALIZËN VJETORE\n", None, None),
    ],
)
def test_the_prefect_named_is_the_chair(refdata, text, name, role):
    found = detect_chair(text, refdata.prefectures["kukes"])
    assert (found.value if found else None) == ({"name": name, "role": role} if name else None)


def test_no_chair_when_no_prefect_is_named(refdata):
    kukes = refdata.prefectures["kukes"]
    assert detect_chair("Institucioni i Prefektit të Qarkut Kukës Drejtoria Vendore", kukes) is None
    assert detect_chair("PREFEKTI I QARKUT KUKES\n\nKukes 16.02.2018", kukes) is None


def test_the_imported_file_is_the_record_the_checker_reads(refdata, tmp_path):
    result = run(refdata, "annual_all_caps.txt")
    record, problems = check_text(result.text, result.src_uri, "content", refdata)
    assert problems == []
    assert (record.title, record.date, record.time) == (
        "Analiza vjetore e KRAT Elbasan për vitin 2022",
        PartialDate(2023, 1, 27),
        "11:00",
    )
    assert record.body.startswith("\nMe datë 27.01.2023, ora 11:00,")
    assert Path(result.src_uri).name == "2023-01-27-analiza-vjetore-krat-elbasan-vitin.md"


def test_an_imported_record_lists_what_to_verify_and_becomes_public_once_checked(refdata):
    """The guesses live in a field the web editor keeps (not in comments it would drop); once a person removes
    `verify` and sets `public`, the record passes the checks."""
    result = run(refdata, "kukes_seed.txt")
    assert "# KONTROLLONI" not in result.text
    fields = front_matter(result.text)
    assert [item["field"] for item in fields["verify"]] == ["title", "chair", "visibility"]
    checked = re.sub(r"\nverify:\n(  .*\n)+", "\n", result.text).replace("visibility: internal", "visibility: public")
    record, problems = check_text(checked, result.src_uri, "content", refdata)
    assert problems == [] and record.visibility == "public" and record.verify == []
    unchecked = result.text.replace("visibility: internal", "visibility: public")
    _, problems = check_text(unchecked, result.src_uri, "content", refdata)
    assert [problem.field for problem in problems] == ["verify"]
