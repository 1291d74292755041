"""The layering of the `krat` package (ARCHITECTURE.md), as `make lint` checks it: import-linter's contracts in
pyproject.toml hold, and each stage package says what it is for."""

import dataclasses
import importlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
STAGES = ["krat.content", "krat.site", "krat.outputs", "krat.gate", "krat.engine", "krat.tools"]


def test_the_import_contracts_hold():
    result = subprocess.run([str(LINT_IMPORTS)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


def test_a_content_module_importing_the_engine_breaks_a_contract(tmp_path):
    """The contract is not a formality: a copy of the package where content imports the engine fails it."""
    shutil.copytree(ROOT / "hooks" / "krat", tmp_path / "krat", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    text = (tmp_path / "krat/content/text.py").read_text(encoding="utf-8")
    (tmp_path / "krat/content/text.py").write_text("import krat.engine.preview  # noqa\n" + text, encoding="utf-8")
    result = subprocess.run([str(LINT_IMPORTS)], capture_output=True, text=True, cwd=tmp_path,
                            env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})  # fmt: skip
    assert result.returncode != 0 and "BROKEN" in result.stdout + result.stderr


@pytest.mark.parametrize("name", STAGES)
def test_each_stage_says_what_it_is_for(name):
    assert len((importlib.import_module(name).__doc__ or "").split()) > 30


CONTRACT = re.compile(r"Context: `krat` is a (krat\.[\w.]+)\.(\w+)")


def template_contracts() -> dict[str, tuple[str, str]]:
    """Each page template's documented context class (its header comment), by template name."""
    found = {}
    for template in sorted((ROOT / "overrides").glob("*.html")):
        match = CONTRACT.search(template.read_text(encoding="utf-8"))
        if match:
            found[template.name] = (match.group(1), match.group(2))
    return found


@pytest.mark.parametrize("template", sorted(template_contracts()))
def test_every_krat_attribute_a_template_reads_is_in_its_context_class(template):
    """The template-context contract: what `krat.<name>` a template reads, its context dataclass has (a field,
    a property or a method), so a renamed field fails here instead of printing nothing on a page."""
    module, name = template_contracts()[template]
    context = getattr(importlib.import_module(module), name)
    fields = {field.name for field in dataclasses.fields(context)} | set(dir(context))
    code = " ".join(re.findall(r"\{[{%].*?[}%]\}", (ROOT / "overrides" / template).read_text(encoding="utf-8"), re.S))
    used = set(re.findall(r"\bkrat\.(\w+)", code))  # in Jinja's tags and expressions, not in comments
    assert used - fields == set(), f"{template} reads {sorted(used - fields)} that {name} does not have"


def test_architecture_lists_every_template_contract():
    architecture = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for template, (module, name) in template_contracts().items():
        assert f"| `{template}` | `{module}.{name}` |" in architecture, template


# Material partials that overrides/partials/ replaces with a copy (no block exists to extend them), and the
# SHA-256 of Material 9.8.1's original each copy was made from: when Material changes one, this fails, so the copy
# is compared with the new original and updated instead of silently diverging. (header.html is compared line by
# line in tests/test_search.py.)
COPIED_PARTIALS = {
    "language.html": "3a44516f305006ac794f51a45ad7b532cf270916d8e92e8c42784e58b2eff0a3",
    "copyright.html": "bc86bca3bf75070fe5d72e2a3463bdddf87c10f4d6459c945fe81c5d384e35ea",
}


@pytest.mark.parametrize("name", sorted(COPIED_PARTIALS))
def test_materials_original_of_each_copied_partial_is_the_one_copied(name):
    import hashlib

    import material

    original = Path(material.__file__).parent / "templates" / "partials" / name
    assert hashlib.sha256(original.read_bytes()).hexdigest() == COPIED_PARTIALS[name], f"Material changed {name}"
    assert (ROOT / "overrides" / "partials" / name).exists()
