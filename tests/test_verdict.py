"""One verdict: every kind of content the build refuses, `krat check` refuses first, with the same lines.

Each case below changes the fixture site in one way the strict build stops on; the build (`mkdocs build
--strict`, as `make site` runs it) and `krat check` (as staff and the pre-commit hook run it) are both run on it,
at the same build date, from the same folder. Every problem line `krat check` prints must be in the build's
output and the build must print no other refusal: MkDocs' own English warnings never reach staff.
"""

import datetime
import os
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT
from sitebuild import BUILD_DATE_EPOCH, build, make_site_source, real_content_epoch

KRAT = ROOT / ".venv" / "bin" / "krat"
RECORD = "takime/kukes/2018/2018-02-16-analiza.md"


def append_to_record(text: str):
    def change(content: Path) -> None:
        with (content / RECORD).open("a", encoding="utf-8") as record:
            record.write(f"\n{text}\n")

    return change


def replace_in(path: str, old: str, new: str, count: int = 1):
    def change(content: Path) -> None:
        target = content / path
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {path}"
        target.write_text(text.replace(old, new, count), encoding="utf-8")

    return change


def write_file(path: str, text: str):
    def change(content: Path) -> None:
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        (content / path).write_text(text, encoding="utf-8")

    return change


def remove(path: str):
    return lambda content: (content / path).unlink()


# The build's refusal classes: each the way staff (or time) would cause it.
REFUSALS = {
    "a link to a page that does not exist": append_to_record("Shih [takimin](2018-13-01-nuk-ka.md)."),
    "an image that does not exist": append_to_record("![Harta](harta-e-qarkut.png)"),
    "a folder-style link MkDocs cannot resolve": append_to_record("Shih [Kukësin](../../../qarqet/kukes/)."),
    "an absolute link to nothing": append_to_record("Shih [faqen](/nuk-ekziston/)."),
    "a link to an internal record": append_to_record("Shih [këtu](2018-09-01-brenda.md)."),
    "a link leaving the site": append_to_record("[x](../../../../../../etc/passwd)"),
    "a help number not verified for 12 months": replace_in(
        "_data/contacts.yml", "verified_on: 2026-11-22", "verified_on: 2017-07-31"
    ),
    "a page at the address of a generated page": write_file("kerko.md", "# Kërko\n\nFaqe e rreme kërkimi.\n"),
    "a page at the address of a prefecture's page": write_file("qarqet/berat.md", "# Berati\n\nTekst.\n"),
    "a page in a folder the build fills": write_file("te-dhena/feed/lajme.md", "# Lajme\n"),
    "two institution codes that differ only in case": replace_in(
        "_data/institutions.yml", "- code: DAR\n", "- code: dvp\n  name: Një tjetër\n- code: DAR\n"
    ),
    "a page the navigation names is missing": remove("index.md"),
    "a field the schema refuses": replace_in(RECORD, "prefecture: kukes", "prefecture: kukesi"),
    "a private phone number in a public record": append_to_record("Telefononi 069 123 4567."),
    "a file nobody declared": write_file("takime/kukes/2018/shenime.txt", "shënime\n"),
}


@pytest.fixture(scope="module")
def case_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("verdict")


@pytest.mark.parametrize("case", REFUSALS)
def test_krat_check_refuses_what_the_build_refuses_in_the_same_words(case_root, case):
    where = case_root / case.replace(" ", "-").replace("'", "")
    content = make_site_source(where, FIXTURES / "site")
    REFUSALS[case](content)
    built = build(content, where / "site")
    checked = check(content)
    assert built.returncode != 0 and "Traceback" not in built.stderr, built.stderr
    assert checked.returncode == 1, checked.stderr + checked.stdout
    problems = [line for line in checked.stderr.splitlines() if line.startswith("content/")]
    assert problems, checked.stderr
    for line in problems:
        assert line in built.stderr, f"krat check says {line!r}; the build did not:\n{built.stderr}"
    assert "WARNING" not in built.stderr and "Doc file" not in built.stderr, built.stderr  # no English, no other voice
    assert "U gjet" in built.stderr  # our heading: the build stopped on the catalog's problems


def test_nothing_is_refused_on_the_fixture_site_by_either(tmp_path):
    content = make_site_source(tmp_path, FIXTURES / "site")
    assert build(content, tmp_path / "site").returncode == 0
    checked = check(content)
    assert checked.returncode == 0 and checked.stdout.startswith("Në rregull:"), checked.stderr


def test_a_help_number_near_expiry_is_a_notice_from_both_and_refuses_nothing(tmp_path):
    """Sixty days before a number's verification expires, both say so, naming the line and the day."""
    content = make_site_source(tmp_path, FIXTURES / "site")
    replace_in("_data/contacts.yml", "verified_on: 2026-11-22", "verified_on: 2017-09-15")(content)  # build: 2018-08-01
    expected = (
        "content/_data/contacts.yml:22: contacts.verified_on: numri 112 (Numri i urgjencave) duhet riverifikuar "
        "deri më 15.09.2018 (u verifikua më 15.09.2017); pas kësaj date ndërtimi ndalon."
    )
    built = build(content, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    assert expected in built.stderr
    checked = check(content)
    assert checked.returncode == 0 and expected in checked.stderr
    assert check(content, "--fail-on-notice").returncode == 1  # the maintainers' weekly run fails on it


def test_a_weekly_workflow_fails_on_a_notice():
    workflow = yaml.safe_load((ROOT / ".github/workflows/verifications.yml").read_text(encoding="utf-8"))
    assert workflow[True]["schedule"][0]["cron"].endswith("* * 1")  # YAML reads the key `on` as true
    steps = [step.get("run") for step in workflow["jobs"]["contacts"]["steps"]]
    assert steps[-1] == ".venv/bin/krat check --fail-on-notice"


@pytest.mark.parametrize(("days", "notice"), [(-1, False), (0, True), (60, True), (61, False)])
def test_the_notice_starts_sixty_days_before_the_last_fresh_day(days, notice):
    from krat.content.contacts import Contact, expiring_contacts

    verified = datetime.date(2025, 5, 10)
    last_fresh = datetime.date(2026, 5, 10)
    contact = Contact("112", "Urgjenca", "të gjithë", {"url": "https://example.org/"}, verified, path="c.yml")
    assert bool(expiring_contacts([contact], last_fresh - datetime.timedelta(days=days))) is notice


def check(content: Path, *options: str, epoch: str = BUILD_DATE_EPOCH) -> subprocess.CompletedProcess:
    """`krat check` of `content` as staff run it beside mkdocs.yml, dated like the build (or `epoch`)."""
    environment = dict(os.environ, SOURCE_DATE_EPOCH=epoch)
    environment.pop("KRAT_PRIVACY_DENYLIST", None)
    return subprocess.run(
        [str(KRAT), "check", *options], capture_output=True, text=True, env=environment, cwd=content.parent, check=False
    )


@pytest.mark.parametrize(
    ("days_after_verification", "code", "said"), [(335, 0, "duhet riverifikuar"), (400, 1, "u verifikua")]
)
def test_the_real_content_warns_then_refuses_as_its_help_numbers_age(tmp_path, days_after_verification, code, said):
    """The real content, checked 335 and 400 days after its help numbers were verified (the issue's two days)."""
    content = make_site_source(tmp_path, ROOT / "content")
    day = datetime.datetime.fromtimestamp(int(real_content_epoch()), datetime.UTC)
    epoch = str(int((day + datetime.timedelta(days=days_after_verification)).timestamp()))
    checked = check(content, epoch=epoch)
    assert checked.returncode == code, checked.stderr
    assert (
        f"content/_data/contacts.yml:22: contacts.verified_on: numri 112 (Numri i urgjencave) {said}" in checked.stderr
    )


def test_the_route_table_lists_every_page_the_site_generates(fixture_catalog):
    """The addresses no content file may take are the pages the build really generates (krat.site.pages)."""
    from krat.content.addresses import generated
    from krat.site.pages import generated_pages

    assert sorted(page.src_uri for page in generated_pages(fixture_catalog)) == sorted(
        generated(fixture_catalog.refdata).pages
    )


def test_every_file_the_route_table_offers_to_links_is_written(fixture_site, fixture_catalog):
    from krat.content.addresses import generated

    for path in generated(fixture_catalog.refdata).files:
        assert (fixture_site / path).is_file(), path
