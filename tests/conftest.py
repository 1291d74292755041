"""Shared fixtures: a throw-away content folder with the real reference data, and helpers to plant files; the
fixture site (tests/fixtures/site) as content, as a catalog and built for each profile, once per session; and the
Hypothesis profiles of the property tests."""

import datetime
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from krat.content.catalog import Catalog, build_catalog
from sitebuild import BUILD_DATE_EPOCH, built, make_site_source, real_content_epoch

# The one date of the session: every build, `krat check` and catalog a test does not date itself is dated the day
# the real content was last verified (subprocesses inherit it), never the machine's clock. `make test` runs the
# suite again with the clock moved years ahead to prove it.
os.environ["SOURCE_DATE_EPOCH"] = real_content_epoch()

# "ci", loaded unless HYPOTHESIS_PROFILE says otherwise: a bounded number of examples, so the whole suite stays
# fast, drawn from a fixed seed, so every run (and CI) tries the same ones. "fuzz" (`make fuzz`): many more, from a
# fresh seed each run; a failure prints the blob that replays it (@reproduce_failure). Neither keeps a database.
settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True)
settings.register_profile("fuzz", max_examples=20_000, deadline=None, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_runtest_setup(item):
    """Skip a `live` test (tests/browser.py: needs_chromium) whose browser or built site is not there."""
    for mark in item.iter_markers("live"):
        if not mark.kwargs.get("ready", True):
            pytest.skip(mark.kwargs.get("reason", "needs a live browser or file watcher"))


ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
RECORD_PATH = "takime/kukes/2018/2018-02-16-takim.md"
BUILD_DATE = datetime.datetime.fromtimestamp(int(BUILD_DATE_EPOCH), datetime.UTC).date()  # the fixture site's day
MEMBERS_SITE_URL = "https://anetaret.example.org/krat/"  # KRAT_SITE_URL: the members' site lives elsewhere


@pytest.fixture
def content(tmp_path, monkeypatch) -> Path:
    """An empty content folder (with the real `_data/`) inside a temporary working directory."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "_data", folder / "_data")
    (folder / "takime").mkdir()
    return folder


def plant(content: Path, fixture: str, at: str = RECORD_PATH) -> Path:
    """Copy the record fixture `fixture` (a file in tests/fixtures/records) to `content/<at>`."""
    target = content / at
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIXTURES / "records" / fixture, target)
    return target


def write(content: Path, at: str, text: str) -> Path:
    """Write a record given inline (for variations too small to deserve a fixture file)."""
    target = content / at
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


# --- the fixture site, shared by the whole session ------------------------------------------------------------
# Built once and read by many modules: a test must never write into these folders (one that changes content or
# output makes its own copy, or its own build with sitebuild.built). Each fixture checks at the end of the session
# that no file was added, removed or rewritten.


def unchanged(folder: Path) -> Iterator[Path]:
    """Yield `folder`; afterwards, fail if any file under it was added, removed or rewritten in the meantime."""

    def state() -> dict[str, tuple[int, int]]:
        return {
            str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
            for path in folder.rglob("*")
            if path.is_file()
        }

    before = state()
    yield folder
    after = state()
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert not changed, f"a test wrote into the shared folder {folder}: {changed[:10]}"


@pytest.fixture(scope="session")
def fixture_content(tmp_path_factory) -> Iterator[Path]:
    """The fixture site's content folder (tests/fixtures/site with the real reference data). Read only."""
    yield from unchanged(make_site_source(tmp_path_factory.mktemp("fixture-content"), FIXTURES / "site"))


@pytest.fixture(scope="session")
def fixture_catalog(fixture_content) -> Catalog:
    """The public catalog of the fixture site on its build day, 2018-08-01: what every output must count."""
    return build_catalog(fixture_content, today=BUILD_DATE)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Iterator[Path]:
    """The public build of the fixture site (`mkdocs build --strict`, dated sitebuild.BUILD_DATE_EPOCH, 2018-08-01,
    at the site_url of mkdocs.yml). Read only."""
    where = tmp_path_factory.mktemp("fixture-site")
    yield from unchanged(built(where, FIXTURES / "site", env={"KRAT_SITE_URL": ""}))


@pytest.fixture(scope="session")
def fixture_members_site(tmp_path_factory) -> Iterator[Path]:
    """The members' build of the fixture site (KRAT_PROFILE=members, at MEMBERS_SITE_URL), dated like
    `fixture_site`. Read only."""
    where = tmp_path_factory.mktemp("fixture-members-site")
    yield from unchanged(built(where, FIXTURES / "site", profile="members", env={"KRAT_SITE_URL": MEMBERS_SITE_URL}))
