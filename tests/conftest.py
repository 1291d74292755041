"""Shared fixtures: a throw-away content folder with the real reference data, and helpers to plant files; and the
Hypothesis profiles of the property tests."""

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# "ci", loaded unless HYPOTHESIS_PROFILE says otherwise: a bounded number of examples, so the whole suite stays
# fast, drawn from a fixed seed, so every run (and CI) tries the same ones. "fuzz" (`make fuzz`): many more, from a
# fresh seed each run; a failure prints the blob that replays it (@reproduce_failure). Neither keeps a database.
settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True)
settings.register_profile("fuzz", max_examples=20_000, deadline=None, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
RECORD_PATH = "takime/kukes/2018/2018-02-16-takim.md"


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
