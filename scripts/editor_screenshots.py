"""The staff guide's screenshots of the web editor (docs/staff/img/06-*.png), taken in headless Chromium against
decap-server on a scratch copy of content/. Run after `make site` and `make test` (which installs decap-server):
`.venv/bin/python scripts/editor_screenshots.py`. Nothing in content/ changes."""

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]  # benchmarks.editor, and the tests' `choose`

from test_editor_browser import choose  # noqa: E402

from benchmarks.editor import editor_session  # noqa: E402

IMAGES = ROOT / "docs" / "staff" / "img"


def main() -> None:
    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        repo = Path(scratch) / "repo"
        shutil.copytree(ROOT / "content", repo / "content")
        with editor_session(ROOT / "site", repo, Path(scratch) / "www", width=1280) as editor:
            page = editor.page
            editor.go("collections/takime-durres", "text=Analiza 6-mujore")
            page.screenshot(path=IMAGES / "06-lista.png")

            editor.go("collections/takime-durres/new", "input[id^=title-field]")
            page.fill("input[id^=date-field]", "2024-03-15")
            choose(page, "bodies", "Komiteti Rajonal")
            choose(page, "kind", "Takim")
            choose(page, "visibility", "Publik")
            page.get_by_role("button", name="Publiko").first.click()
            page.get_by_text("Publiko tani").first.click()
            page.get_by_text("është e detyrueshme").first.wait_for()
            page.get_by_text("është e detyrueshme").first.scroll_into_view_if_needed()
            page.screenshot(path=IMAGES / "06-e-detyrueshme.png")
            for close in page.locator(".Toastify__close-button").all():  # the refusal's notice, shown above
                close.click()

            page.fill("input[id^=title-field]", "Takim i KRAT për shkollat e Durrësit")
            page.fill("input[id^=time-field]", "10:30")
            page.click("[data-slate-editor]")
            page.keyboard.type("Komiteti diskutoi ndërgjegjësimin e nxënësve për ofertat e rreme të punës.")
            page.locator("input[id^=title-field]").scroll_into_view_if_needed()
            page.wait_for_timeout(800)
            page.screenshot(path=IMAGES / "06-formulari.png")

            page.get_by_role("button", name="Publiko").first.click()
            page.get_by_text("Publiko tani").first.click()
            page.get_by_text("Publikuar").first.wait_for(timeout=15000)
            page.wait_for_timeout(800)
            page.screenshot(path=IMAGES / "06-ruajtur.png")
    for image in sorted(IMAGES.glob("06-*.png")):
        print(f"{image.relative_to(ROOT)}: {image.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
