"""Action plans: validation, linking meetings to plans, status resolution, overdue, and the rendered plan page."""

import datetime

import pytest
from conftest import write
from helpers import problems_of
from krat.content.catalog import build_catalog
from krat.content.dates import build_date

PLAN = """---
prefecture: kukes
period: "2018"
visibility: public
objectives:
  - {id: 1, title: Parandalimi}
tasks:
  - {id: 1.1, objective: 1, title: Takime në shkolla, responsible: [DAR], due: 2018-Q2}
  - {id: 1.2, objective: 1, title: Fushata e tetorit, responsible: [DAR, DVP], due: 2018-10-31}
  - {id: 1.10, title: Protokoll, responsible: [PREFEKTURA], due: 2018, status: cancelled}
---
"""
SUMMER = datetime.date(2018, 8, 1)


def meeting(date: str, updates: str, time: str = "", visibility: str = "public") -> str:
    clock = f'time: "{time}"\n' if time else ""
    return (
        f"---\ntitle: Takim {date} {time}\ndate: {date}\n{clock}prefecture: kukes\nbodies: [KRAT]\nkind: meeting\n"
        f"visibility: {visibility}\ntask_updates:\n{updates}---\n\nTeksti.\n"
    )


def update(task: str, status: str, note: str = "") -> str:
    return f'  - plan: kukes/2018\n    task: "{task}"\n    status: {status}\n' + (f"    note: {note}\n" if note else "")


def add_meeting(content, date: str, slug: str, updates: str, **options):
    text = meeting(date, updates, **options).replace("title: Takim", f"title: Takim {slug}")
    return write(content, f"takime/kukes/{date[:4]}/{date}-{slug}.md", text)


def tasks_of(catalog) -> dict:
    return {task.id: task for task in catalog.plans_by_id["kukes/2018"].tasks}


def test_current_status_is_the_latest_update_by_meeting_date(content):
    write(content, "plane/kukes/2018.md", PLAN)
    add_meeting(content, "2018-07-05", "c", update("1.1", "done", "12 shkolla"))
    add_meeting(content, "2018-03-01", "a", update("1.1", "in-progress") + update("1.2", "in-progress"))
    add_meeting(content, "2018-05-10", "b", update("1.1", "delayed") + update("1.2", "delayed"))
    tasks = tasks_of(build_catalog(content, today=SUMMER))
    assert [u.status for u in tasks["1.1"].history] == ["in-progress", "delayed", "done"]
    assert (tasks["1.1"].status, tasks["1.2"].status, tasks["1.10"].status) == (
        "done",
        "delayed",
        "cancelled",
    )
    assert tasks["1.1"].history[-1].note == "12 shkolla"


def test_overdue_is_judged_against_the_build_date(content):
    write(content, "plane/kukes/2018.md", PLAN)
    add_meeting(content, "2018-03-01", "a", update("1.1", "in-progress"))
    for today, overdue in [
        (datetime.date(2018, 6, 30), set()),
        (datetime.date(2018, 7, 1), {"1.1"}),
        (datetime.date(2019, 1, 1), {"1.1", "1.2"}),  # 1.10 is cancelled, never overdue
    ]:
        catalog = build_catalog(content, today=today)
        assert {task.id for task in tasks_of(catalog).values() if task.overdue} == overdue
        assert catalog.plans_by_id["kukes/2018"].overdue_count == len(overdue)


def test_build_date_comes_from_source_date_epoch(content):
    write(content, "plane/kukes/2018.md", PLAN)
    catalog = build_catalog(content, today=build_date("1530403200"))  # SOURCE_DATE_EPOCH of 2018-07-01
    assert catalog.today == datetime.date(2018, 7, 1)
    assert [task.id for task in tasks_of(catalog).values() if task.overdue] == ["1.1"]


def test_progress_counts_and_done_share(content):
    write(content, "plane/kukes/2018.md", PLAN)
    add_meeting(content, "2018-07-05", "c", update("1.1", "done"))
    plan = build_catalog(content, today=SUMMER).plans_by_id["kukes/2018"]
    assert [(count.status, count.count) for count in plan.counts] == [
        ("not-started", 1),
        ("done", 1),
        ("cancelled", 1),
    ]
    assert plan.done_share == 50  # cancelled tasks are not counted


def test_same_date_contradiction_is_reported_but_time_orders_them(content):
    write(content, "plane/kukes/2018.md", PLAN)
    add_meeting(content, "2018-05-10", "krat", update("1.1", "done"))
    add_meeting(content, "2018-05-10", "ttat", update("1.1", "delayed"))
    assert problems_of(content, today=SUMMER) == [
        "content/takime/kukes/2018/2018-05-10-ttat.md:11: task_updates.status: detyra '1.1' e planit 'kukes/2018' merr "
        "status 'delayed' këtu dhe 'done' te content/takime/kukes/2018/2018-05-10-krat.md në të njëjtën datë; "
        "nuk dihet cili është i fundit (shtoni orën 'time' ose ndreqni statusin)"
    ]
    add_meeting(content, "2018-05-10", "krat", update("1.1", "done"), time="15:00")
    add_meeting(content, "2018-05-10", "ttat", update("1.1", "delayed"), time="10:00")
    assert tasks_of(build_catalog(content, today=SUMMER))["1.1"].status == "done"


def test_unknown_task_id_names_file_line_and_nearest_id(content):
    write(content, "plane/kukes/2018.md", PLAN)
    add_meeting(content, "2018-05-10", "a", update("1.2", "done") + update("1.20", "done"))
    assert problems_of(content, today=SUMMER) == [
        "content/takime/kukes/2018/2018-05-10-a.md:13: task_updates.task: detyra '1.20' nuk gjendet te plani "
        "'kukes/2018'; a mos doni '1.2'?"
    ]


@pytest.mark.parametrize(
    ("updates", "expected"),
    [
        (
            "  - {plan: kukes/2019, task: 1.1, status: done}\n",
            "content/takime/kukes/2018/2018-05-10-a.md:9: task_updates: plani 'kukes/2019' nuk gjendet; "
            "a mos doni 'kukes/2018'?",
        ),
        (
            "  - {plan: kukes/2018, task: 1.1, status: done}\n  - {plan: kukes/2018, task: 1.1, status: done}\n",
            "content/takime/kukes/2018/2018-05-10-a.md:10: task_updates.task: detyra '1.1' përditësohet dy herë në "
            "këtë takim",
        ),
        (
            "  - {plan: kukes/2018, task: 1.1, status: finished}\n",
            "content/takime/kukes/2018/2018-05-10-a.md:9: task_updates.status: 'finished' nuk lejohet (lejohen: "
            "not-started, in-progress, done, delayed, cancelled)",
        ),
    ],
)
def test_bad_task_updates(content, updates, expected):
    write(content, "plane/kukes/2018.md", PLAN)
    add_meeting(content, "2018-05-10", "a", updates)
    assert problems_of(content, today=SUMMER) == [expected]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("[DAR]", "[DARR]"),
            "content/plane/kukes/2018.md:8: tasks.responsible: 'DARR' nuk njihet; a mos doni 'DAR'?",
        ),
        (
            ("due: 2018-Q2", "due: 2018-Q5"),
            "content/plane/kukes/2018.md:8: tasks.due: '2018-Q5' nuk është datë; "
            "shkruani 'VVVV-MM-DD' (p.sh. 2018-02-16), 'VVVV-MM' ose 'VVVV'; ose tremujor '2018-Q2', ose gjashtëmujor "
            "'2018-H1'",
        ),
        (
            ("id: 1.2,", "id: 1.1,"),
            "content/plane/kukes/2018.md:9: tasks.id: '1.1' përsëritet; çdo detyrë ka id të veçantë",
        ),
        (
            ("objective: 1, title: Fushata", "objective: 3, title: Fushata"),
            "content/plane/kukes/2018.md:9: tasks.objective: '3' nuk është objektiv i këtij plani",
        ),
        (
            ("prefecture: kukes", "prefecture: durres"),
            "content/plane/kukes/2018.md:2: prefecture: 'durres' nuk përputhet me dosjen e skedarit 'plane/kukes/'",
        ),
        (
            ("title: Protokoll, ", ""),
            "content/plane/kukes/2018.md:10: tasks.title: mungon, është e detyrueshme "
            "(Detyra); p.sh. title: Takime ndërgjegjësuese në shkolla",
        ),
    ],
)
def test_plan_validation_messages(content, change, expected):
    write(content, "plane/kukes/2018.md", PLAN.replace(*change))
    assert problems_of(content, today=SUMMER) == [expected]


def test_plan_file_name_must_be_a_year_or_period(content):
    write(content, "plane/kukes/plani-2018.md", PLAN)
    assert problems_of(content, today=SUMMER) == [
        "content/plane/kukes/plani-2018.md:1: skedari: vendndodhje ose emër i gabuar; planet shkojnë te "
        "content/plane/<qark>/<viti>.md (ose <viti>-<viti>.md për një periudhë)"
    ]


def test_approval_links_both_ways_and_disagreement_is_reported(content):
    write(
        content,
        "plane/kukes/2018.md",
        PLAN.replace("visibility: public", "approved_by: kukes/2018-02-16-x\nvisibility: public"),
    )
    approving = meeting("2018-02-16", "").replace("task_updates:\n", "approves_plan: kukes/2018\n")
    write(content, "takime/kukes/2018/2018-02-16-x.md", approving)
    catalog = build_catalog(content, today=SUMMER)
    assert catalog.plans_by_id["kukes/2018"].approval.id == "kukes/2018-02-16-x"
    assert [(link.role, link.plan.id) for link in catalog.records[0].plan_links] == [("Miratoi", "kukes/2018")]
    write(content, "takime/kukes/2018/2018-03-16-y.md", approving.replace("2018-02-16", "2018-03-16"))
    assert problems_of(content, today=SUMMER) == [
        "content/takime/kukes/2018/2018-03-16-y.md:8: approves_plan: plani 'kukes/2018' thotë se e miratoi "
        "takimi 'kukes/2018-02-16-x' (approved_by)"
    ]


def test_internal_meeting_counts_for_status_but_is_not_linked_in_public(content):
    write(content, "plane/kukes/2018.md", PLAN)
    add_meeting(content, "2018-05-10", "a", update("1.1", "done", "sekret"), visibility="internal")
    public = tasks_of(build_catalog(content, profile="public", today=SUMMER))["1.1"]
    assert public.status == "done" and public.history[0].link is None
    members = tasks_of(build_catalog(content, profile="members", today=SUMMER))["1.1"]
    assert members.history[0].link.id == "kukes/2018-05-10-a"
