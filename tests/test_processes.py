"""Nothing that the tests, the benchmarks or `make edit` start is left running once they end (issue 25): servers are
often wrappers (`.venv/bin/node` runs Node as its child, `make` runs a shell that runs MkDocs), and stopping the
wrapper alone left the server running, adopted by init, one more after every run.

The processes counted are ours: those whose environment holds the test's mark, which what the test starts inherits
and passes on to what it starts in turn. So the count ignores whatever else runs on the machine (another run of the
suite, someone's own `make edit`) and still finds a server that left its process group or was adopted by init.
Each test checks that the processes it saw running are all gone once it has stopped what it started.
"""

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from benchmarks import servebench
from benchmarks.editor import DECAP_SERVER, decap_answers, decap_server, free_port
from benchmarks.processes import GRACE_S, answers, running, wait_until

MARK = "KRAT_TEST_PROCESSES"
# Runs a command with SIGINT's default action, as a terminal's foreground job has it, even where this test runs
# with SIGINT ignored (as everything started by a non-interactive shell's background job does).
WITH_DEFAULT_SIGINT = [
    sys.executable, "-c",
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])",
]  # fmt: skip

pytestmark = [
    pytest.mark.live,  # servers: not run under a moved clock
    pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="counts processes in /proc (Linux)"),
]
needs_decap_server = pytest.mark.skipif(not DECAP_SERVER.exists(), reason="needs decap-server (make test installs it)")


@pytest.fixture
def mark(monkeypatch) -> Iterator[str]:
    """A mark set in this process's environment, for everything the test starts to inherit. Afterwards whatever
    still carries it is killed, so that a failing test leaves nothing running either."""
    token = secrets.token_hex(8)
    monkeypatch.setenv(MARK, token)
    yield token
    for pid in ours(token):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def ours(token: str) -> dict[int, str]:
    """The processes alive now whose environment carries `token`: their ids and command lines. This process is not
    among them: /proc shows the environment a process started with, and the mark was set later."""
    found, needle = {}, f"{MARK}={token}".encode()
    for folder in Path("/proc").iterdir():
        try:  # an ended process (a zombie's environment reads empty) or one that is not ours to read is skipped
            if folder.name.isdigit() and needle in (folder / "environ").read_bytes().split(b"\0"):
                found[int(folder.name)] = (folder / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
    return found


def left_running(token: str) -> dict[int, str]:
    """`ours` once none is left, or GRACE_S seconds on: processes signalled a moment ago may still be ending."""
    deadline = time.monotonic() + GRACE_S
    while (left := ours(token)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


@needs_decap_server
def test_decap_server_stops_with_the_node_its_wrapper_started(mark, tmp_path):
    with decap_server(tmp_path) as port:
        started = ours(mark)
        assert decap_answers(port)
    assert started and all("decap-server" in command for command in started.values())
    assert ours(mark) == {}


def test_a_group_that_ignores_sigterm_is_killed(mark):
    """The last resort: a wrapper and its child that ignore SIGTERM are killed when the grace time has passed."""
    script = (
        "import signal, subprocess; signal.signal(signal.SIGTERM, signal.SIG_IGN); subprocess.run(['sleep', '600'])"
    )
    with running([sys.executable, "-c", script], grace=0.5) as process:
        wait_until(lambda: len(ours(mark)) == 2, process, "the wrapper and its sleep", 10)
    assert ours(mark) == {}


def test_serve_bench_leaves_nothing_running(mark, tmp_path, capsys):
    """`make bench-serve`'s `make serve`: make, the shell it runs and MkDocs end with the benchmark."""
    servebench.run(30, edits=1, keep=tmp_path)
    assert "records=30 " in capsys.readouterr().out
    assert ours(mark) == {}


def ctrl_c(make: subprocess.Popen, started: dict[int, str]) -> None:
    """Ctrl+C in the terminal: SIGINT to its foreground process group (here the one `running` made for make)."""
    os.killpg(make.pid, signal.SIGINT)


def preview_ends(make: subprocess.Popen, started: dict[int, str]) -> None:
    """The preview ends by itself (a crash, a hook's error): `make edit` ends with it, decap-server must too."""
    (preview,) = (pid for pid in started if Path(f"/proc/{pid}/comm").read_text().strip() == "mkdocs")
    os.kill(preview, signal.SIGTERM)


@needs_decap_server
@pytest.mark.parametrize("stop", [ctrl_c, preview_ends], ids=lambda stop: stop.__name__)
def test_make_edit_leaves_nothing_running(mark, tmp_path, stop):
    """`make edit` as staff run it, on free ports, until `stop`. Its prerequisites are left out (STAMP=,
    EDITOR_SERVER=, and KRAT_EDITOR=false builds no /admin/): the test installs and fetches nothing."""
    editor_port, serve_port = free_port(), free_port()
    make = ["make", "--no-print-directory", "-C", str(ROOT), "edit", "STAMP=", "EDITOR_SERVER=", "KRAT_EDITOR=false",
            f"EDITOR_PORT={editor_port}", f"SERVE_ARGS=-a 127.0.0.1:{serve_port}"]  # fmt: skip
    environment = dict(os.environ, TMPDIR=str(tmp_path))  # MkDocs' temporary site, removed with tmp_path
    log = tmp_path / "make-edit.log"
    with (
        log.open("w", encoding="utf-8") as output,
        running([*WITH_DEFAULT_SIGINT, *make], stdout=output, stderr=subprocess.STDOUT, env=environment) as process,
    ):

        def both_serve() -> bool:
            return decap_answers(editor_port) and answers(f"http://127.0.0.1:{serve_port}/")

        wait_until(both_serve, process, f"make edit ({log})", 120)
        started = ours(mark)
        stop(process, started)
        process.wait(timeout=60)
        left = left_running(mark)  # before `running` stops the group: a server left in it would be stopped too
    assert any("decap-server" in command for command in started.values())
    assert any("mkdocs serve" in command for command in started.values())
    assert left == {}, log.read_text(encoding="utf-8")
