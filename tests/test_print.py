"""Print: every published article of the real site prints on at most two A4 pages with its contacts, checked
in headless Chromium (skipped where Chromium is not installed or `make site` has not built site/)."""

import re
import shutil
import subprocess
import tempfile

import pytest
from browser import CHROMIUM, FLAGS, needs_chromium, served
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
