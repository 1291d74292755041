"""The web editor (/admin/ of the site `make site` built) in Chromium, against decap-server on a copy of the
content, as a member of staff uses it: a new Durrës record written through the form lands where `krat check`
expects it, passes the check and builds; a seed record edited in one field changes by that one line; a required
field left empty is refused in the form, in Albanian, and nothing is written. No request leaves the machine.
"""

import datetime
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from browser import needs_chromium
from conftest import ROOT
from helpers import changed_lines
from krat.tools.cli import main as krat
from playwright.sync_api import expect
from sitebuild import checked_build

from benchmarks.editor import DECAP_SERVER, editor_session

SITE = ROOT / "site"
ARTIFACTS = ROOT / "test-artifacts"
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SEED = "takime/durres/2023/2023-analiza-6-mujore.md"

pytestmark = needs_chromium(
    (SITE / "admin" / "index.html").exists() and DECAP_SERVER.exists(),
    reason="needs chromium, the site built by make site and decap-server (make test installs it)",
)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A working copy's content, which the editor writes into."""
    folder = tmp_path_factory.mktemp("editor-repo")
    shutil.copytree(ROOT / "content", folder / "content")
    return folder


@pytest.fixture(scope="module")
def editor(repo, tmp_path_factory) -> Iterator:
    with editor_session(SITE, repo, tmp_path_factory.mktemp("editor-www")) as session:
        yield session
        assert session.outside == [], "the editor asked for something outside the machine"
        assert session.errors == [], "a script error nothing caught"


def choose(page, field: str, option: str) -> None:
    """Pick `option` in the select list whose input id starts with `field`."""
    page.click(f"input[id^={field}-field]")
    page.keyboard.type(option)
    page.keyboard.press("Enter")


def type_text(page, text: str) -> None:
    """Type into Decap's Markdown box as a quick person does. Decap hands each change to its draft after a short
    delay and redraws the box; keys sent all at once (Playwright's default) can land before that redraw and
    be put back in another place (seen once, on a loaded machine), which no person types fast enough
    to meet."""
    page.wait_for_timeout(300)
    page.keyboard.type(text, delay=40)


def publish(page) -> None:
    """Decap's save: "Publiko", then "Publiko tani" (with decap-server it writes the file; nothing is committed)."""
    page.wait_for_timeout(500)  # the form's last change reaches Decap's draft after a short debounce
    page.get_by_role("button", name="Publiko").first.click()
    page.get_by_text("Publiko tani").first.click()


def wait_for(page, path: Path, before: str | None = None, seconds: float = 15) -> str:
    """The text of `path` once it exists (and differs from `before`); else a screenshot of `page` in
    test-artifacts/ and a failure. It waits through Playwright: the page's requests pass through this process
    (`editor_session` routes them), so a plain sleep would hold the save itself."""
    deadline = time.monotonic() + seconds
    seen = None
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8") if path.exists() else None
        if text is not None and text != before and text == seen:
            return text  # the same twice, 200 ms apart: decap-server truncates a file before writing it
        seen = text
        page.wait_for_timeout(200)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "editor-not-saved.png"), full_page=True)
    written = sorted(str(file) for file in path.parents[3].rglob("*.md") if file.stat().st_mtime > time.time() - 60)
    raise AssertionError(f"{path} was not written; written lately: {written}")


def front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))


def test_new_durres_record_through_the_form(editor, repo, tmp_path):
    page = editor.page
    editor.go("collections/takime-durres/new", "input[id^=title-field]")
    page.fill("input[id^=title-field]", "Takim i KRAT për shkollat e Durrësit")
    page.fill("input[id^=date-field]", "2024-03-15")  # the date picker takes the date typed
    page.fill("input[id^=time-field]", "10:30")
    choose(page, "bodies", "Komiteti Rajonal")
    choose(page, "kind", "Takim")
    choose(page, "visibility", "Publik")
    page.get_by_role("button", name="Shto Vendimet e marra").click()
    page.fill("input[id^=vlera-field]", "Drejtoria Arsimore organizon takime në çdo shkollë të mesme")
    page.click("[data-slate-editor]")
    type_text(page, "Komiteti diskutoi ndërgjegjësimin e nxënësve për ofertat e rreme të punës.")
    preview = page.frame_locator("iframe").first  # the site's style sheets, the form's labels
    expect(preview.locator(".md-typeset h1")).to_have_text("Takim i KRAT për shkollat e Durrësit")
    expect(preview.locator(".krat-preview__facts")).to_have_text(
        "2024-03-15 · 10:30 · Komiteti Rajonal Antitrafik · Takim · Publik"
    )
    assert preview.locator("link[href*='krat.css']").count() == 1
    publish(page)

    written = repo / "content" / "takime" / "durres" / "2024" / "2024-03-15-takim-i-krat-per-shkollat-e-durresit.md"
    text = wait_for(page, written)
    assert front_matter(text) == {
        "title": "Takim i KRAT për shkollat e Durrësit",
        "date": datetime.date(2024, 3, 15),
        "time": "10:30",
        "prefecture": "durres",
        "bodies": ["KRAT"],
        "kind": "meeting",
        "decisions": ["Drejtoria Arsimore organizon takime në çdo shkollë të mesme"],
        "visibility": "public",
    }
    assert text.rstrip().endswith("Komiteti diskutoi ndërgjegjësimin e nxënësve për ofertat e rreme të punës.")
    assert 'time: "10:30"' in text  # quoted: PyYAML would read 10:30 as a number of minutes
    assert krat(["check", "--content", str(repo / "content")]) == 0
    site = checked_build(repo / "content", tmp_path / "site")
    page_html = (site / "takime/durres/2024/2024-03-15-takim-i-krat-per-shkollat-e-durresit/index.html").read_text()
    assert "Drejtoria Arsimore organizon takime" in page_html


@pytest.mark.parametrize(
    ("date", "path"),
    [
        ("2023", "2023/2023-takim-pa-date-te-plote.md"),  # a year alone: kept as written, in its own year
        ("2025-01-01", "2025/2025-01-01-takim-pa-date-te-plote.md"),  # local midnight is 2024 in UTC
    ],
)
def test_a_new_record_goes_to_the_year_of_its_own_date(editor, repo, date, path):
    page = editor.page
    editor.go("collections/takime-durres/new", "input[id^=title-field]")
    page.fill("input[id^=title-field]", "Takim pa datë të plotë")
    page.fill("input[id^=date-field]", date)
    choose(page, "bodies", "Tryeza Teknike")
    choose(page, "kind", "Takim")
    choose(page, "visibility", "I brendshëm")
    publish(page)
    written = repo / "content" / "takime" / "durres" / path
    text = wait_for(page, written)
    assert str(front_matter(text)["date"]) == date
    assert "_krat" not in text  # the editor's own keys never reach the file
    assert krat(["check", "--content", str(repo / "content"), str(written)]) == 0


def test_a_new_plan_is_named_by_its_prefecture_and_period(editor, repo):
    page = editor.page
    editor.go("collections/plane/new", "input[id^=period-field]")
    choose(page, "prefecture", "Berat")
    page.fill("input[id^=period-field]", "2025")
    choose(page, "visibility", "Publik")
    publish(page)
    written = repo / "content" / "plane" / "berat" / "2025.md"
    assert front_matter(wait_for(page, written)) == {"prefecture": "berat", "period": "2025", "visibility": "public"}
    assert krat(["check", "--content", str(repo / "content")]) == 0


def test_editing_one_field_of_a_seed_record_changes_one_line(editor, repo):
    page = editor.page
    path = repo / "content" / SEED
    before = path.read_text(encoding="utf-8")
    editor.go("collections/takime-durres", "text=Analiza 6-mujore")
    page.get_by_text("Analiza 6-mujore").first.click()
    page.wait_for_selector("input[id^=title-field]")
    page.fill("input[id^=title-field]", "Analiza gjashtëmujore e KRAT Durrës")
    publish(page)

    after = wait_for(page, path, before)
    assert changed_lines(before, after) == [
        "@@ -3 +3 @@",
        "-title: Analiza 6-mujore të veprimtarisë së Komitetit Rajonal Anti Trafik",
        "+title: Analiza gjashtëmujore e KRAT Durrës",
    ]
    assert "# Burimi nuk jep ditën" in after and "date: 2023\n" in after  # the comment and the partial date stay


def test_editing_the_text_of_an_article_changes_only_what_was_typed(editor, repo):
    """The body is Markdown text (the raw mode): Decap's rich-text mode would rewrite every list and blank line."""
    page = editor.page
    path = repo / "content" / "ndergjegjesim" / "shenjat-paralajmeruese.md"
    before = path.read_text(encoding="utf-8")
    editor.go("collections/ndergjegjesim/entries/shenjat-paralajmeruese", "input[id^=title-field]")
    expect(page.locator("input[id^=title-field]").first).not_to_have_value("")
    page.locator("[data-slate-editor]").first.click()
    page.keyboard.press("Control+End")
    type_text(page, "Rreshti i shtuar në redaktor.")
    publish(page)
    after = wait_for(page, path, before)
    assert [line for line in changed_lines(before, after) if line[:1] in "+-"] == ["+Rreshti i shtuar në redaktor."]


def test_editing_one_contact_changes_one_line_of_the_data_file(editor, repo):
    page = editor.page
    path = repo / "content" / "_data" / "contacts.yml"
    before = path.read_text(encoding="utf-8")
    editor.go("collections/te-dhena/entries/kontaktet", "[class*=ListItemTopBar]")
    page.get_by_role("button", name="Hap ose mbyll elementin").first.click()  # the first contact, 112
    name = page.locator("input[id^=name-field]").first
    expect(name).to_have_value("Numri i urgjencave")
    name.fill("Numri i urgjencave 112")
    publish(page)
    after = wait_for(page, path, before)
    assert [line for line in changed_lines(before, after) if line[:1] in "+-"] == [
        "-    name: Numri i urgjencave",
        "+    name: Numri i urgjencave 112",
    ]


def test_a_required_field_left_empty_is_refused_in_albanian(editor, repo):
    page = editor.page
    files_before = sorted((repo / "content").rglob("*.md"))
    editor.go("collections/takime-durres/new", "input[id^=title-field]")
    page.fill("input[id^=date-field]", "2024-05-02")
    choose(page, "bodies", "Tryeza Teknike")
    choose(page, "kind", "Takim")
    choose(page, "visibility", "Publik")
    publish(page)
    message = page.get_by_text("Fusha „Titulli i takimit” është e detyrueshme.")
    message.wait_for(timeout=10000)
    assert message.is_visible()
    page.wait_for_timeout(1000)
    # Decap ends a refused save by rejecting a promise with no reason; nothing else may have failed
    assert [error.rsplit(": ", 1)[1] for error in editor.errors] == ["undefined"]
    editor.errors.clear()
    assert sorted((repo / "content").rglob("*.md")) == files_before


def test_hostile_text_in_a_record_runs_nothing_in_the_editor(editor, repo):
    """A record someone slipped a script into (the body and the title) opens in the form and the preview as text:
    no handler runs (the preview is sanitised, and /admin/'s policy has no 'unsafe-inline')."""
    page = editor.page
    hostile = repo / "content" / "takime" / "durres" / "2024" / "2024-06-01-armiqesor.md"
    hostile.parent.mkdir(parents=True, exist_ok=True)
    hostile.write_text(
        "---\n"
        'title: "<img src=x onerror=window.__krat_pwned=1>Takim"\n'
        "date: 2024-06-01\nprefecture: durres\nbodies: [KRAT]\nkind: meeting\nvisibility: internal\n"
        "---\n\n"
        'Tekst <img src=x onerror="window.__krat_pwned=2"> dhe <script>window.__krat_pwned=3</script>\n\n'
        '<a href="javascript:window.__krat_pwned=4">lidhje</a>\n',
        encoding="utf-8",
    )
    editor.go("collections/takime-durres/entries/2024/2024-06-01-armiqesor", "input[id^=title-field]")
    expect(page.locator("input[id^=title-field]")).to_have_value("<img src=x onerror=window.__krat_pwned=1>Takim")
    preview = page.frame_locator("iframe").first
    preview.get_by_text("Tekst").first.wait_for(timeout=10000)
    preview.get_by_text("lidhje").first.click()
    page.wait_for_timeout(500)
    assert page.evaluate("window.__krat_pwned") is None
    assert all(frame.evaluate("window.__krat_pwned") is None for frame in page.frames)


def test_on_a_phone_the_form_fits_and_the_save_button_is_on_screen(editor):
    page = editor.page
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        editor.go("collections/takime-durres/new", "input[id^=title-field]")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        box = page.get_by_role("button", name="Publiko").first.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
        title = page.locator("input[id^=title-field]").bounding_box()
        assert title["width"] > 300  # the form has the whole width; the preview is the live site
    finally:
        page.set_viewport_size({"width": 1366, "height": 900})


@pytest.mark.parametrize(
    ("route", "ready"),
    [
        ("collections/takime-durres", "a[href*='/entries/']"),
        ("collections/takime-durres/new", "input[id^=title-field]"),
        ("collections/takime-durres/entries/2023/2023-analiza-6-mujore", "input[id^=title-field]"),  # with lists
    ],
)
def test_the_editor_meets_wcag_aa(editor, route, ready):
    """axe-core's WCAG 2.1 A/AA rules on the list, a new form and a record's form: Decap's own contrast and
    names are mended by editor/krat-editor.css and krat-editor.js."""
    editor.go(route, ready)
    editor.page.wait_for_timeout(800)  # the preview frame and the markdown box are drawn after the form
    violations = Axe().run(editor.page, options=WCAG_AA).response["violations"]
    found = [f"{rule['id']} ({len(rule['nodes'])}): {rule['nodes'][0]['html'][:160]}" for rule in violations]
    assert not found, "\n".join(found)
