"""Print, checked in headless Chromium's PDF output (skipped where Chromium is not installed or `make site` has
not built site/): every published article of the real site prints on at most two A4 pages with its contacts; a
record, a plan and an article print on A4 without the site's header, menus and help bar, with the working help
numbers at the end and the addresses of links to other sites written out."""

import re
import shutil
import subprocess
import tempfile

import pytest
from browser import CHROMIUM, FLAGS, chromium_page, needs_chromium, served
from conftest import ROOT

SITE = ROOT / "site"
ARTICLES = sorted(path.parent.name for path in SITE.glob("ndergjegjesim/*/index.html"))
pytestmark = needs_chromium(bool(ARTICLES), reason="needs chromium and the site built by make site")


@pytest.fixture(scope="module")
def server():
    """site/ served on a free local port for the length of this module."""
    with served(SITE) as url:
        yield url


def print_to_pdf(url: str, pdf) -> bytes:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", "--no-pdf-header-footer", url],
            capture_output=True,
            timeout=120,
            check=True,
        )
    return pdf.read_bytes()


@pytest.mark.parametrize("slug", ARTICLES)
def test_article_prints_on_at_most_two_a4_pages_with_the_contacts(server, tmp_path, slug):
    pdf = tmp_path / f"{slug}.pdf"
    data = print_to_pdf(f"{server}ndergjegjesim/{slug}/", pdf)
    pages = len(re.findall(rb"/Type\s*/Page(?![a-z])", data))
    assert 1 <= pages <= 2, f"{slug}: {pages} pages"
    assert re.search(rb"/MediaBox\s*\[\s*0 0 59[45]\.\d+ 841\.\d+", data), "A4 page size"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Ku të kërkoni ndihmë" in text and "116 006" in text and "Kujdes" in text
        assert "Komitetet Rajonale Antitrafik" not in text  # no header, no footer


PRINTED = [
    "takime/kukes/2018/2018-02-16-analiza-vjetore-2017/",
    "plane/kukes/2018/",
    "ndergjegjesim/shenjat-paralajmeruese/",
]


def pdf_text(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils) to read the PDF")
@pytest.mark.parametrize("path", PRINTED)
def test_page_prints_on_a4_with_the_help_numbers_and_no_site_frame(server, tmp_path, path):
    pdf = tmp_path / "page.pdf"
    data = print_to_pdf(server + path, pdf)
    assert re.search(rb"/MediaBox\s*\[\s*0 0 59[45]\.\d+ 841\.\d+", data), "A4 page size"
    text = pdf_text(pdf)
    for number in ("112", "129", "116 111", "116 000"):
        assert number in text, number
    assert "Ku të kërkoni ndihmë" in text
    for frame in ("Kalo te përmbajtja", "Dil shpejt", "Keni nevojë për ndihmë?", "Të dhëna të hapura"):
        assert frame not in text, frame  # skip link, quick exit, help bar, menu tabs


def test_printed_page_writes_out_the_address_of_a_link_to_another_site(server):
    """The print style adds the address after a link to another site, not after the sources' links, which show
    theirs already. A link is added to the page here: the real records have none in their text."""
    with chromium_page() as page:
        page.goto(server + PRINTED[0])
        page.evaluate("""() => { const a = document.createElement('a'); a.href = 'https://example.org/plani.pdf';
            a.id = 'jashte'; a.textContent = 'plani'; document.querySelector('article p').append(a); }""")
        page.emulate_media(media="print")
        after = "(selector) => getComputedStyle(document.querySelector(selector), '::after').content"
        assert page.evaluate(after, "#jashte") == '" (" attr(href) ")"' or "example.org" in page.evaluate(
            after, "#jashte"
        )
