"""Privacy guard rules: each with a passage it must stop and one it must let through."""

import pytest
from krat.privacy import Guard, load_guard


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


def test_denied_names_match_without_diacritics_and_report_the_line(tmp_path, monkeypatch):
    denylist = tmp_path / "emrat.txt"  # kept outside the repository in real use
    denylist.write_text("Arbër Shehu\n", encoding="utf-8")
    monkeypatch.setenv("KRAT_PRIVACY_DENYLIST", str(denylist))
    guard = load_guard(tmp_path)
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


def test_personal_id_in_a_public_record_stops_the_public_build_only(content):
    from conftest import plant
    from krat.catalog import build_catalog
    from krat.problems import ContentError

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
