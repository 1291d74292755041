"""The `krat` command: Albanian help, `check` exit codes, `new` skeletons and `import` as staff run them."""

import argparse
import json
import re
import shutil

import pytest
from conftest import FIXTURES, ROOT, plant
from helpers import folded
from krat.content.schema import RECORD_FIELDS
from krat.tools.cli import main

IMPORTS = FIXTURES / "import"
KUKES = "content/takime/kukes/2018/2018-02-16-analiza-vjetore-2017.md"
DURRES = "content/takime/durres/2023/2023-analiza-6-mujore.md"


@pytest.fixture
def real_content(content):
    """The content folder with the two hand-made records and the plans they refer to."""
    shutil.copytree(ROOT / "content" / "takime", content / "takime", dirs_exist_ok=True)
    shutil.copytree(ROOT / "content" / "plane", content / "plane")
    return content


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


# --- help and usage ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["check"], ["new"], ["import"], ["schema"]])
def test_help_is_albanian_including_argparse_own_words(capsys, command):
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0
    assert out.startswith(f"përdorimi: krat {' '.join(command)}".rstrip())
    assert "opsionet:" in out and "-h, --help" in out and "shfaq këtë ndihmë dhe del" in out
    for english in ("usage:", "options:", "show this help message", "positional arguments"):
        assert english not in out
    assert argparse._("usage: ") == "usage: "  # argparse is left as it was for everyone else


def test_usage_errors_are_albanian(capsys):
    code, _, err = run(capsys, "new", "--date", "2024")
    assert code == 2
    assert err.endswith("krat new: gabim: mungojnë argumentet e detyrueshme: --prefecture\n")
    code, _, err = run(capsys, "publish")
    assert (
        "krat: gabim: argumenti KOMANDA: zgjedhje e pavlefshme: 'publish' (zgjidhni: 'check', 'new', 'import', 'schema')"
        in err
    )


# --- check ---------------------------------------------------------------------------------------------------------


def test_check_exits_0_on_good_content(capsys, real_content):
    assert run(capsys, "check") == (0, "Në rregull: 2 procesverbale u kontrolluan pa probleme.\n", "")


def test_check_exits_1_on_a_bad_file(capsys, real_content):
    plant(real_content, "unquoted_time.md")
    code, out, err = run(capsys, "check")
    assert (code, out) == (1, "")
    assert err == (
        "U gjet 1 problem në përmbajtje; ndërtimi do ta refuzonte përmbajtjen derisa të rregullohen:\n"
        'content/takime/kukes/2018/2018-02-16-takim.md:4: time: ora duhet në thonjëza: time: "10:30" '
        "(pa thonjëza YAML e lexon si numër)\n"
    )


def test_check_reports_only_the_named_paths(capsys, real_content):
    bad = "content/" + "takime/kukes/2018/2018-02-16-takim.md"
    plant(real_content, "unquoted_time.md")
    plant(real_content, "impossible_date.md", at="takime/durres/2023/2023-takim.md")
    code, _, err = run(capsys, "check", KUKES, DURRES)
    assert (code, err) == (0, "Skedarët e dhënë janë në rregull (ka probleme në skedarë të tjerë).\n")
    code, _, err = run(capsys, "check", bad, KUKES)
    assert code == 1
    assert [line.split(":")[0] for line in err.splitlines()[1:]] == [bad]
    code, _, err = run(capsys, "check", "content/takime/durres")
    assert code == 1 and "content/takime/durres/2023/2023-takim.md:3: date:" in err and bad not in err


def test_check_refuses_paths_and_folders_that_do_not_exist(capsys, real_content, tmp_path):
    assert run(capsys, "check", "content/takime/kukes/2018/mungon.md") == (
        2,
        "",
        "krat: 'content/takime/kukes/2018/mungon.md' nuk ekziston\n",
    )
    assert run(capsys, "check", "--content", "gabim")[0] == 2


# --- new -----------------------------------------------------------------------------------------------------------

NEW = "content/takime/kukes/2024/2024-03-15-takim.md"


def test_new_writes_a_commented_skeleton_with_every_field(capsys, content):
    code, out, err = run(capsys, "new", "--prefecture", "Kukës", "--date", "2024-03-15")
    assert (code, err) == (0, "")
    assert out == f"U krijua {NEW}\nPlotësoni fushat PLOTËSONI, pastaj kontrolloni: .venv/bin/krat check {NEW}\n"
    text = (content.parent / NEW).read_text(encoding="utf-8")
    keys = re.findall(r"^([a-z_]+):", text, flags=re.MULTILINE)
    assert keys == [field.name for field in RECORD_FIELDS]
    assert "date: 2024-03-15\n" in text and "prefecture: kukes\n" in text and "kind: meeting\n" in text
    assert "# title (e detyrueshme): Titulli i takimit, siç do të shfaqet në faqe; p.sh. title: Analiza" in text
    assert "# PLOTËSONI: shkruani vlerën pas 'title:'\ntitle:\n" in text
    assert "# PLOTËSONI: shkruani vlerën pas 'visibility:'\nvisibility:\n" in text


def test_new_skeleton_fails_check_until_filled_then_passes(capsys, content):
    run(capsys, "new", "--prefecture", "kukes", "--date", "2024-03-15", "--kind", "annual-review")
    path = content.parent / "content/takime/kukes/2024/2024-03-15-analize-vjetore.md"
    code, _, err = run(capsys, "check", str(path.relative_to(content.parent)))
    assert code == 1
    assert [line.split(": ")[1] for line in err.splitlines()[1:]] == [
        "title",
        "bodies",
        "visibility",
    ]
    text = path.read_text(encoding="utf-8")
    text = text.replace("\ntitle:\n", "\ntitle: Analiza vjetore e KRAT\n")
    text = text.replace("\nbodies:\n", "\nbodies: [KRAT, TTAT]\n").replace("\nvisibility:\n", "\nvisibility: public\n")
    path.write_text(text + "\nTeksti i procesverbalit.\n", encoding="utf-8")
    assert run(capsys, "check")[:2] == (0, "Në rregull: 1 procesverbale u kontrolluan pa probleme.\n")


def test_new_accepts_partial_dates_and_a_title(capsys, content):
    code, out, _ = run(capsys, "new", "--prefecture", "Durrësit", "--date", "2023-07", "--title", "Takimi i korrikut")
    assert code == 0
    text = (content / "takime/durres/2023/2023-07-takimi-korrikut.md").read_text(encoding="utf-8")
    assert "\ntitle: Takimi i korrikut\n" in text and "\ndate: 2023-07\n" in text


def test_new_refuses_to_overwrite(capsys, content):
    run(capsys, "new", "--prefecture", "kukes", "--date", "2024-03-15")
    (content.parent / NEW).write_text("puna ime", encoding="utf-8")
    code, out, err = run(capsys, "new", "--prefecture", "kukes", "--date", "2024-03-15")
    assert (code, out) == (1, "")
    assert err == (
        f"krat new: {NEW} ekziston tashmë; nuk e mbishkruaj. "
        "Për një takim tjetër të së njëjtës ditë jepni një --title tjetër.\n"
    )
    assert (content.parent / NEW).read_text(encoding="utf-8") == "puna ime"


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--prefecture",
            "Kuksi",
            "--prefecture: 'Kuksi' nuk është qark; a mos doni 'kukes'? (lejohen: berat diber durres elbasan fier "
            "gjirokaster korce kukes lezhe shkoder tirane vlore)",
        ),
        ("--date", "15.03.2024", "--date: '15.03.2024' duhet shkruar si vit-muaj-ditë: '2024-03-15'"),
        ("--date", "2024-02-30", "--date: '2024-02-30' nuk është datë e vlefshme: shkurt 2024 ka 29 ditë"),
        (
            "--kind",
            "vjetore",
            "--kind: 'vjetore' nuk lejohet (lejohen: meeting, annual-review, half-year-review, quarter-review, "
            "campaign, other)",
        ),
    ],
)
def test_new_validates_its_options_in_albanian(capsys, content, option, value, message):
    options = {"--prefecture": "kukes", "--date": "2024-03-15", option: value}
    code, out, err = run(capsys, "new", *[part for pair in options.items() for part in pair])
    assert (code, out, err) == (2, "", f"krat new: {message}\n")
    assert list((content / "takime").rglob("*.md")) == []


# --- import --------------------------------------------------------------------------------------------------------


def test_import_dry_run_prints_the_record_and_writes_nothing(capsys, content):
    code, out, err = run(capsys, "import", "--dry-run", str(IMPORTS / "cp1250_crlf.txt"))
    assert code == 0
    assert out.startswith("---\n# Importuar nga 'cp1250_crlf.txt' me 'krat import'.")
    assert "\ntitle: Mbledhja e Komitetit Rajonal Antitrafik të Korçës\n" in out
    assert out.endswith("U diskutua çështja e fëmijëve në situatë rruge.\n")
    assert err.startswith("Shënim: cp1250_crlf.txt: teksti nuk ishte në UTF-8; u lexua si Windows-1250")
    assert list((content / "takime").rglob("*")) == []


def test_import_writes_where_the_checker_expects_and_never_overwrites(capsys, content):
    source = "https://prefekturakukes.gov.al/2019/10/18/mbledhja-e-krat/"
    argv = ["import", "--source-url", source, str(IMPORTS / "url_only_date.txt")]
    code, out, err = run(capsys, *argv)
    written = "content/takime/kukes/2019/2019-10-18-komiteti-rajonal-antitrafik-zhvilloi-mbledhjen.md"
    assert (code, err) == (0, "")
    assert out == f"url_only_date.txt → {written} (vlera për të kontrolluar: 2; shihni 'verify')\n"
    assert f"\nsource: {source}\n" in (content.parent / written).read_text(encoding="utf-8")
    assert run(capsys, "check")[0] == 0
    code, out, err = run(capsys, *argv)
    assert (code, out) == (1, "")
    assert err == (
        f"krat import: url_only_date.txt: {written} ekziston tashmë; nuk mbishkruhet. "
        "Për një takim tjetër të së njëjtës ditë jepni një --title tjetër.\n"
    )


def test_import_refuses_a_meeting_that_is_already_recorded(capsys, real_content):
    code, out, err = run(capsys, "import", str(IMPORTS / "kukes_seed.txt"))
    assert (code, out) == (1, "")
    assert err == f"krat import: kukes_seed.txt: nuk u shkrua: ky takim është regjistruar tashmë te {KUKES}\n"
    assert run(capsys, "check")[0] == 0


def test_import_of_many_files_shows_progress_and_reports_failures(capsys, content):
    names = ["bullets.txt", "no_date.txt", "html.txt"]
    code, out, err = run(capsys, "import", *[str(IMPORTS / name) for name in names])
    assert code == 1
    assert out.count(" → content/takime/fier/2021/") == 2
    lines = err.splitlines()
    assert lines[0].startswith("[########----------------] 1/3 ") and lines[0].endswith("bullets.txt")
    assert lines[1].startswith("krat import: no_date.txt: data e takimit nuk u gjet")
    assert lines[2].startswith("[################--------] 2/3 ")
    assert lines[3] == "Shënim: html.txt: u hoq HTML nga teksti (etiketat dhe skriptet); mbeti vetëm teksti"
    assert lines[4].startswith("[########################] 3/3 ")
    assert lines[5] == "Importimi: 2 nga 3 skedarë u kthyen në procesverbale."
    assert run(capsys, "check") == (0, "Në rregull: 2 procesverbale u kontrolluan pa probleme.\n", "")


def test_import_options_are_checked_before_any_file(capsys, content):
    code, out, err = run(capsys, "import", "--prefecture", "Prishtinë", str(IMPORTS / "bullets.txt"))
    assert (code, out) == (2, "")
    assert err.startswith("krat import: --prefecture: 'Prishtinë' nuk është qark")
    code, _, err = run(capsys, "import", str(IMPORTS / "mungon.txt"))
    assert (code, err.split(" (")[0]) == (1, f"krat import: {IMPORTS / 'mungon.txt'}: nuk lexohet")


PRIVACY_HINT = (
    "hiqeni nga teksti publik, ose, nëse nuk është e dhënë personale, shtojeni te content/_data/privacy-allow.yml "
    "me arsyen (reason)"
)
PLANTED = "content/takime/kukes/2018/2018-02-16-takim.md"


def with_phone(content, front: str = "visibility: public"):
    """The valid record with `front` in place of its visibility line and a private phone number in its text."""
    record = plant(content, "valid.md")
    text = record.read_text(encoding="utf-8").replace("visibility: public", front)
    record.write_text(text + "\nE kontaktuam në 069.123.4567.\n", encoding="utf-8")
    return record


def phone_problem(line: int, path: str = PLANTED) -> str:
    return (
        f"{path}:{line}: privatësia.telefon: '069.123.4567' duket si numër telefoni privat (lejohen vetëm kontaktet "
        f"zyrtare); {PRIVACY_HINT}"
    )


def test_check_stops_personal_data_in_a_public_record(capsys, content):
    with_phone(content)
    expected = (
        1,
        "",
        f"U gjet 1 problem në përmbajtje; ndërtimi do ta refuzonte përmbajtjen derisa të rregullohen:\n{phone_problem(17)}\n",
    )
    assert run(capsys, "check") == expected
    assert run(capsys, "check", PLANTED) == expected  # as the pre-commit hook runs it, with the staged file
    assert run(capsys, "check", "--public", PLANTED) == expected  # the old option still works and changes nothing


def test_check_lets_the_same_text_through_in_an_internal_record(capsys, content):
    with_phone(content, "visibility: internal")
    assert run(capsys, "check", PLANTED) == (0, "Në rregull: 1 procesverbale u kontrolluan pa probleme.\n", "")


def test_check_guards_a_draft_marked_public_but_not_an_internal_draft(capsys, content):
    record = with_phone(content, "visibility: public\ndraft: true")
    expected = f"U gjet 1 problem në përmbajtje; ndërtimi do ta refuzonte përmbajtjen derisa të rregullohen:\n{phone_problem(18)}\n"
    assert run(capsys, "check", PLANTED) == (1, "", expected)
    record.write_text(record.read_text(encoding="utf-8").replace("visibility: public", "visibility: internal"))
    assert run(capsys, "check", PLANTED) == (0, "Në rregull: 1 procesverbale u kontrolluan pa probleme.\n", "")


def test_check_reports_personal_data_even_when_other_files_fail(capsys, real_content):
    """A broken file elsewhere must not hide personal data in the file being committed."""
    plant(real_content, "unquoted_time.md")
    record = real_content / "takime/durres/2023/2023-analiza-6-mujore.md"
    record.write_text(record.read_text(encoding="utf-8") + "\nKontakt: +355 69 123 4567\n", encoding="utf-8")
    code, out, err = run(capsys, "check", DURRES)
    assert (code, out) == (1, "")
    assert err == (
        "U gjet 1 problem në përmbajtje; ndërtimi do ta refuzonte përmbajtjen derisa të rregullohen:\n"
        f"{DURRES}:42: privatësia.telefon: '+355 69 123 4567' duket si numër telefoni privat (lejohen vetëm "
        f"kontaktet zyrtare); {PRIVACY_HINT}\n"
    )
    code, _, err = run(capsys, "check")
    assert code == 1 and "2018-02-16-takim.md:4: time:" in err and f"{DURRES}:42: privatësia.telefon:" in err


def test_check_guards_hand_written_pages_which_are_always_public(capsys, content):
    (content / "rreth.md").write_text("---\ntitle: Rreth komiteteve\n---\n\nKoordinatori: 069.123.4567\n")
    code, _, err = run(capsys, "check", "content/rreth.md")
    assert code == 1
    assert phone_problem(5, "content/rreth.md") in err.splitlines()


def test_check_help_says_the_guard_runs_and_public_is_kept(capsys):
    code, out, _ = run(capsys, "check", "--help")
    assert code == 0
    assert "pa efekt, mbahet që komandat e vjetra të punojnë" in folded(out)
    assert "edhe një draft i shënuar public" in folded(out)


# --- schema --------------------------------------------------------------------------------------------------------

SCHEMA_OUTPUTS = [
    "schemas/procesverbal.schema.json",
    "schemas/plan.schema.json",
    "schemas/artikull.schema.json",
    "schemas/kontaktet.schema.json",
    "schemas/fushatat.schema.json",
    ".vscode/krat.code-snippets",
    "editor/config.yml",
]


def test_schema_writes_the_schemas_and_snippets_then_reports_them_unchanged(capsys, content):
    code, out, err = run(capsys, "schema")
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"U shkrua: {path}" for path in SCHEMA_OUTPUTS]
    record = json.loads((content.parent / SCHEMA_OUTPUTS[0]).read_text(encoding="utf-8"))
    assert list(record["properties"]) == [field.name for field in RECORD_FIELDS]
    assert run(capsys, "schema")[1].splitlines() == [f"Pa ndryshim: {path}" for path in SCHEMA_OUTPUTS]


def test_schema_check_fails_when_content_data_changed_since(capsys, content):
    outputs = ["--output", "out", "--snippets", "out/krat.code-snippets", "--editor", "out/config.yml"]
    run(capsys, "schema", *outputs)
    assert run(capsys, "schema", "--check", *outputs) == (0, "", "")
    with (content / "_data/topics.yml").open("a", encoding="utf-8") as topics:
        topics.write("- slug: migracioni\n  name: Migracioni\n")
    code, out, err = run(capsys, "schema", "--check", *outputs)
    assert (code, out) == (1, "")
    hint = "nuk është i përditësuar; jepni: .venv/bin/krat schema"
    assert err.splitlines() == [
        f"krat schema: out/{name} {hint}"
        for name in (
            "procesverbal.schema.json",
            "plan.schema.json",
            "artikull.schema.json",
            "krat.code-snippets",
            "config.yml",
        )
    ]
    assert not (content.parent / "schemas").exists()
