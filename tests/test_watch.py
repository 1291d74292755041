"""`krat check --watch` and the VS Code files that use it: rounds framed by the lines the task's problem matcher
waits for, a problem matcher that reads `krat check`'s own lines, and schemas mapped onto the data files."""

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, plant
from krat.tools import cli
from krat.tools.jsonschema_export import SCHEMAS_DIR
from krat.tools.watch import ROUND_ENDS, ROUND_STARTS, watch

VSCODE = ROOT / ".vscode"
TASKS = json.loads((VSCODE / "tasks.json").read_text(encoding="utf-8"))["tasks"]


@pytest.mark.live  # a server or a file watcher: not run under a moved clock
def test_watch_checks_at_once_and_again_after_a_save(tmp_path, capsys):
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    calls = []

    def check():
        calls.append(len(calls))
        if len(calls) == 1:  # staff save a file while the first check runs
            (tmp_path / "a.md").write_text("xy", encoding="utf-8")

    watch(check, tmp_path, interval=0.01, rounds=2)
    assert calls == [0, 1]
    assert capsys.readouterr().err.splitlines() == [ROUND_STARTS, ROUND_ENDS, ROUND_STARTS, ROUND_ENDS]


@pytest.mark.live  # a server or a file watcher: not run under a moved clock
def test_check_watch_prints_the_problems_between_the_round_lines(capsys, content, monkeypatch):
    monkeypatch.setattr(cli, "watch", lambda check, folder: watch(check, folder, rounds=1))
    plant(content, "unquoted_time.md")
    assert cli.main(["check", "--watch"]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == ROUND_STARTS and lines[-1] == ROUND_ENDS and len(lines) == 4
    assert lines[2] == (
        'content/takime/kukes/2018/2018-02-16-takim.md:4: time: ora duhet në thonjëza: time: "10:30" '
        "(pa thonjëza YAML e lexon si numër)"
    )


def matcher_lines(text: str, matcher: dict) -> list[tuple[str, int, str]]:
    """What VS Code's problem matcher takes from `text`: (file, line, message) of each matching line. The pattern
    uses only syntax that JavaScript and Python read alike."""
    pattern = matcher["pattern"]
    found = [re.match(pattern["regexp"], line) for line in text.splitlines()]
    return [
        (match[pattern["file"]], int(match[pattern["line"]]), match[pattern["message"]]) for match in found if match
    ]


@pytest.mark.parametrize("task", TASKS, ids=lambda task: task["label"])
def test_problem_matcher_reads_every_problem_of_krat_check_and_nothing_else(capsys, content, task):
    plant(content, "unknown_names.md")
    (content / "_data/contacts.yml").write_text("contacts:\n  - number: abc\n", encoding="utf-8")
    cli.main(["check"])
    err = capsys.readouterr().err
    problems = err.splitlines()[1:]
    assert err.splitlines()[0].startswith("U gjetën") and len(problems) > 6
    matched = matcher_lines(err, task["problemMatcher"])
    assert [f"{path}:{line}: {message}" for path, line, message in matched] == problems
    assert {path for path, _, _ in matched} == {
        "content/_data/contacts.yml",
        "content/takime/kukes/2018/2018-02-16-takim.md",
    }
    assert all((content.parent / path).exists() for path, _, _ in matched)


def test_tasks_run_the_installed_krat_in_the_background_and_once():
    background, once = TASKS
    assert (background["command"], background["args"]) == ("${workspaceFolder}/.venv/bin/krat", ["check", "--watch"])
    assert background["isBackground"] and background["runOptions"] == {"runOn": "folderOpen"}
    monitor = background["problemMatcher"]["background"]
    assert re.match(monitor["beginsPattern"], ROUND_STARTS) and re.match(monitor["endsPattern"], ROUND_ENDS)
    assert once["args"] == ["check"] and once["group"] == {"kind": "build", "isDefault": True}


def test_yaml_extension_gets_the_generated_schemas_of_the_data_files():
    """Red Hat's YAML extension validates YAML files only, so only the data files are mapped (README explains)."""
    settings = json.loads((VSCODE / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {
        f"./{SCHEMAS_DIR}/kontaktet.schema.json": "content/_data/contacts.yml",
        f"./{SCHEMAS_DIR}/fushatat.schema.json": "content/_data/campaigns.yml",
    }
    for schema, files in settings["yaml.schemas"].items():
        assert (ROOT / schema).is_file() and (ROOT / files).is_file()
    extensions = json.loads((VSCODE / "extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]
    assert Path(ROOT / ".vscode/krat.code-snippets").is_file()
