"""VS Code snippets for front-matter: expanded as VS Code would, a filled skeleton passes the build, an unfilled one
is refused, and the choices are the codes of content/_data/."""

import json
import re

import pytest
from conftest import ROOT, write
from helpers import catalog_problems
from krat.content.problems import Problem
from krat.content.refdata import load_reference_data
from krat.tools.snippets import render_snippets

REFDATA = load_reference_data(ROOT / "content/_data", "content/_data")
SNIPPETS = json.loads(render_snippets(REFDATA))
FILLED = {
    "title": "Takim i KRAT",
    "date": "2024-03-15",
    "summary": "Një përmbledhje.",
    "url": "https://www.unodc.org/",
    "id": "1",
    "plan": "berat/2024",
    "task": "1",
    "note": "Shënim.",
}


def expand(prefix: str, fill: dict[str, str], indent: str = "") -> str:
    """The text VS Code inserts for a snippet when staff take the first choice and type `fill[key]` at each empty
    stop (the key is the one on that line, e.g. 'title: ${1}' or '- title: ${6}')."""
    lines = []
    for line in SNIPPETS[prefix]["body"]:
        line = re.sub(r"\$\{\d+\|((?:[^,|\\]|\\.)*)[^}]*\}", lambda match: match.group(1), line)
        key = re.match(r"^[\s-]*([a-z_]+):", line)
        value = fill.get(key.group(1), "") if key else ""
        line = re.sub(r"\$\{\d+\}", value, line).replace("$0", "Teksti.")
        lines.append(indent + line if line else line)
    return "\n".join(lines) + "\n"


def problems_with(content, files: dict[str, str]) -> list[Problem]:
    """The problems of `content` once each of `files` (path: text) is written into it; [] if it builds."""
    for at, text in files.items():
        write(content, at, text)
    return catalog_problems(content)


def test_filled_skeletons_and_list_items_pass_the_build(content):
    plan = expand("krat-plan", FILLED).replace(
        "objectives:\n", "objectives:\n" + expand("krat-objectives", FILLED, "  ")
    )
    plan = plan.replace("tasks:\n", "tasks:\n" + expand("krat-tasks", FILLED, "  "))
    record = expand("krat-procesverbal", FILLED).replace(
        "task_updates:\n", "task_updates:\n" + expand("krat-task_updates", FILLED, "  ")
    )
    files = {
        "takime/berat/2024/2024-03-15-takim.md": record,
        "plane/berat/2024.md": plan,
        "ndergjegjesim/shenjat.md": expand("krat-artikull", FILLED),
    }
    assert problems_with(content, files) == []
    assert "  - id: 1\n    objective:\n    title: Takim i KRAT\n    responsible: [PREFEKTURA]\n" in plan


def test_skeletons_left_unfilled_are_refused_like_krat_new(content):
    files = {
        "takime/berat/2024/2024-03-15-takim.md": expand("krat-procesverbal", {}),
        "ndergjegjesim/shenjat.md": expand("krat-artikull", {}),
    }
    missing = [problem.field for problem in problems_with(content, files) if "mungon" in problem.message]
    assert missing == ["title", "date", "summary", "sources.title", "sources.url", "title", "date"]  # article, record


@pytest.mark.parametrize(
    ("prefix", "line"),
    [
        ("krat-prefecture", "prefecture: ${1|" + ",".join(REFDATA.prefectures.keys) + "|}"),
        ("krat-participants", "participants: [${1|" + ",".join(REFDATA.institutions.keys) + "|}]"),
        ("krat-topics", "topics: [${1|" + ",".join(REFDATA.topics.keys) + "|}]"),
        ("krat-kind", "kind: ${1|meeting,annual-review,half-year-review,quarter-review,campaign,other|}"),
        ("krat-status", "status: ${1|not-started,in-progress,done,delayed,cancelled|}"),
    ],
)
def test_keys_with_fixed_values_offer_them_as_a_choice(prefix, line):
    assert SNIPPETS[prefix]["body"] == [line]
    assert SNIPPETS[prefix]["scope"] == "markdown"


def test_skeleton_lists_every_key_and_stops_at_the_required_ones():
    body = SNIPPETS["krat-procesverbal"]["body"]
    assert body[0] == "---" and body[-3:] == ["---", "", "$0"]
    assert body[1:4] == ["title: ${1}", "date: ${2}", "time:"]
    assert "visibility: ${6|public,internal|}" in body


def test_staff_guide_names_every_snippet():
    guide = (ROOT / "docs/staff/04-mjetet.md").read_text(encoding="utf-8").split("## 3. Redaktimi në VS Code")[1]
    assert sorted(set(re.findall(r"`(krat-[a-z_]+)`", guide))) == sorted(SNIPPETS)
