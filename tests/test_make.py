"""The README's path: `make site` builds into a temporary folder and replaces site/ only when the build succeeds."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

PROJECT_FILES = [
    "Makefile",
    "mkdocs.yml",
    "pyproject.toml",
    "requirements.lock",
    "content",
    "hooks",
    "overrides",
    "editor",  # with the editor's fetched files (editor/vendor/), so make does not download them again
]


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project sharing this checkout's .venv (timestamps kept, so make does not reinstall)."""
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "node_modules")
            )
        else:
            shutil.copy2(source, tmp_path / name)
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    return tmp_path


def make_site(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "site"], cwd=project, capture_output=True, text=True)


def test_failed_build_leaves_the_previous_site_in_place(project):
    assert make_site(project).returncode == 0
    (project / "site" / "from-last-good-build.txt").write_text("ok")
    bad = project / "content/takime/kukes/2018/2018-02-16-takim.md"
    shutil.copyfile(FIXTURES / "records" / "unquoted_time.md", bad)

    failed = make_site(project)
    assert failed.returncode != 0
    assert (
        'content/takime/kukes/2018/2018-02-16-takim.md:4: time: ora duhet në thonjëza: time: "10:30"' in failed.stderr
    )
    assert "Traceback" not in failed.stderr
    assert (project / "site" / "from-last-good-build.txt").exists()
    assert (project / "site" / "qarqet" / "kukes" / "index.html").exists()

    bad.unlink()
    assert make_site(project).returncode == 0
    assert not (project / "site" / "from-last-good-build.txt").exists()
    assert (project / "site" / "takime/kukes/2018/2018-02-16-analiza-vjetore-2017/index.html").exists()


def test_make_site_stops_on_a_broken_link_in_our_words(project):
    """A broken link stops `make site` with the catalog's Albanian line (as `krat check` prints it), and the last
    good site stays in place."""
    assert make_site(project).returncode == 0
    page = project / "content" / "rreth.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Plani](nuk-ekziston.md)\n", encoding="utf-8")
    failed = make_site(project)
    assert failed.returncode != 0
    assert "content/rreth.md:" in failed.stderr and "lidhja: 'nuk-ekziston.md' nuk çon te asnjë faqe" in failed.stderr
    assert (project / "site" / "rreth" / "index.html").exists()


def test_make_site_counts_mkdocs_warnings_in_strict_mode(project):
    """Strict means strict: a warning that is not about content (here, an inline script a template gained, which
    the page policy blocks) stops `make site`; --quiet would have hidden it, and so not counted it."""
    template = project / "overrides" / "main.html"
    text = template.read_text(encoding="utf-8")
    injected = '{% block announce %}{{ ("<scr" ~ "ipt>console.log(1)</scr" ~ "ipt>") | safe }}'
    template.write_text(text.replace("{% block announce %}", injected), encoding="utf-8")
    failed = make_site(project)
    assert failed.returncode != 0 and "WARNING" in failed.stderr
    assert "warnings in strict mode!" in failed.stdout + failed.stderr


def test_make_site_stops_on_a_contact_not_verified_for_twelve_months(project):
    old = subprocess.run(["make", "site"], cwd=project, capture_output=True, text=True,
                         env={**os.environ, "SOURCE_DATE_EPOCH": "1893456000"})  # 2030-01-01  # fmt: skip
    assert old.returncode != 0
    assert "contacts.verified_on: numri 116 111" in old.stderr and "Traceback" not in old.stderr
