"""The publishing workflow and the pre-commit hook call what a person calls: Makefile targets and `krat check`."""

import re
import shlex
import shutil
import subprocess

import pytest
import yaml
from conftest import FIXTURES, ROOT

WORKFLOW = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
HOOK = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"][0]
BAD = "content/takime/kukes/2018/2018-02-16-takim.md"
GOOD = "content/takime/kukes/2018/2018-02-16-analiza-vjetore-2017.md"


def runs(job: str) -> list[str]:
    return [step["run"] for step in WORKFLOW["jobs"][job]["steps"] if "run" in step and "\n" not in step["run"]]


def uses(job: str) -> list[str]:
    return [step["uses"].split("@")[0] for step in WORKFLOW["jobs"][job]["steps"] if "uses" in step]


def test_pull_requests_run_make_check_and_make_test():
    triggers = WORKFLOW[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    assert runs("test") == ["make check", "make test"]
    assert "if" not in WORKFLOW["jobs"]["test"]


def test_main_builds_with_make_site_and_deploys_with_the_official_pages_actions():
    build, deploy = WORKFLOW["jobs"]["build"], WORKFLOW["jobs"]["deploy"]
    assert build["needs"] == "test" and "refs/heads/main" in build["if"]
    assert runs("build") == ["make site"]
    assert uses("build") == ["actions/checkout", "actions/setup-python", "actions/upload-pages-artifact"]
    assert build["steps"][-1]["with"]["path"] == "site"
    assert deploy["needs"] == "build" and uses("deploy") == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_test_job_runs_the_readmes_targets_on_debian_where_make_test_installs_chromium():
    job = WORKFLOW["jobs"]["test"]
    assert job["container"].endswith("-bookworm")  # Debian's chromium from apt; Ubuntu's is a snap stub
    assert [step["run"] for step in job["steps"] if "run" in step] == ["make check", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^test: site browser", makefile, re.MULTILINE)  # `make browser` installs it as root
    assert "apt-get install -y -qq chromium" in makefile


@pytest.fixture
def project(tmp_path):
    """The content folder, a bad record beside the good ones, and this checkout's .venv."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copyfile(FIXTURES / "records" / "unquoted_time.md", tmp_path / BAD)
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    return tmp_path


def test_pre_commit_hook_checks_the_content_files_it_is_given(project):
    assert HOOK["pass_filenames"] is True and HOOK["language"] == "system"
    assert re.search(HOOK["files"], GOOD) and not re.search(HOOK["files"], "hooks/krat/cli.py")
    hook = shlex.split(HOOK["entry"])
    assert hook == [".venv/bin/krat", "check"]
    bad = subprocess.run([*hook, BAD, GOOD], cwd=project, capture_output=True, text=True)
    assert bad.returncode == 1
    assert f'{BAD}:4: time: ora duhet në thonjëza: time: "10:30"' in bad.stderr
    good = subprocess.run([*hook, GOOD], cwd=project, capture_output=True, text=True)
    assert good.returncode == 0
    assert good.stderr == "Skedarët e dhënë janë në rregull (ka probleme në skedarë të tjerë).\n"
