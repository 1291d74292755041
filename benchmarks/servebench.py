"""`make bench-serve`: how long `make serve` takes to show an edited record, on a synthetic corpus.

It generates the corpus (as `make bench` does), starts `make serve` on it (the very target staff run, pointed at
the corpus through SERVE_ARGS), then edits the title of a few published records, one at a time. For each edit it
times, from the moment the file is written, how long until the record's page is served with the new title, and
until every other page that shows that title is too: the prefecture's timeline and the record's older and newer
neighbours. A page still without the new title after TIMEOUT seconds is reported as stale. It also reports the
CPU time the server spent (less sensitive than wall time to other work on the machine). The last line is
`records=N serve_first_s=X rebuild_page_s=Y rebuild_all_s=Z rebuild_cpu_s=C` (medians over the edits).
"""

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from krat.content.catalog import build_catalog

from benchmarks.bench import ROOT, generate_corpus, project_config
from benchmarks.processes import running

TIMEOUT = 300.0
POLL = 0.05


@dataclass
class Edit:
    """One edited record: its page, the other pages that show its title, and what the server did."""

    src_uri: str
    url: str
    title: str
    dependents: list[str]
    page_s: float = 0.0
    all_s: float = 0.0
    cpu_s: float = 0.0
    stale: list[str] | None = None


def run(records: int, edits: int = 3, keep: Path | None = None) -> list[Edit]:
    """Serve a synthetic corpus with `make serve`, edit `edits` records one by one; print and return the timings."""
    work = Path(keep or tempfile.mkdtemp(prefix="krat-serve-"))
    generate_corpus(work, records)
    config = project_config(work)
    chosen = _records_to_edit(work / "project" / "content", edits)
    port = _free_port()
    log_path = work / "serve.log"
    command = ["make", "-s", "-C", str(ROOT), "serve", f"SERVE_ARGS=-f {config} -a 127.0.0.1:{port}"]
    temporary = work / "tmp"  # the server's own temporary site, removed with `work` even if it is killed
    temporary.mkdir()
    base = f"http://127.0.0.1:{port}/"
    # Ctrl+C first, as staff stop `make serve`; then SIGTERM, for when SIGINT is ignored (as it is by programs that
    # a non-interactive shell started in the background, and so by everything they start).
    stopping = (signal.SIGINT, signal.SIGTERM)
    environment = dict(os.environ, TMPDIR=str(temporary))
    with (
        log_path.open("w", encoding="utf-8") as log,
        running(command, signals=stopping, stdout=log, stderr=subprocess.STDOUT, env=environment) as server,
    ):
        try:
            started = time.perf_counter()
            _wait_for(base + chosen[0].url, chosen[0].title, server)
            first = time.perf_counter() - started
            print(f"Ndërtimi i parë nga `make serve`: {first:.1f} s", flush=True)
            for number, edit in enumerate(chosen, 1):
                _edit_and_wait(work / "project" / "content", edit, number, base, server)
        except RuntimeError as error:
            raise SystemExit(f"{error}; shihni {log_path}") from None
    builds = re.findall(r"Documentation built in ([\d.]+) seconds", log_path.read_text(encoding="utf-8"))
    print(f"MkDocs: ndërtimi i parë {builds[0]} s; rindërtimet {', '.join(builds[1:])} s")
    if keep is None:
        shutil.rmtree(work, ignore_errors=True)
    page, everything, cpu = (
        statistics.median(getattr(edit, name) for edit in chosen) for name in ("page_s", "all_s", "cpu_s")
    )
    print(f"records={records} serve_first_s={first:.2f} rebuild_page_s={page:.2f} rebuild_all_s={everything:.2f} "
          f"rebuild_cpu_s={cpu:.2f}")  # fmt: skip
    return chosen


def _records_to_edit(content: Path, count: int) -> list[Edit]:
    """Published records with an older and a newer neighbour, from different prefectures, with the pages that
    show their titles: the prefecture's timeline and the two neighbours."""
    catalog = build_catalog(content)
    chosen, prefectures = [], set()
    for record in catalog.records:
        neighbours = catalog.neighbours(record)
        if record.prefecture.slug not in prefectures and all(neighbours):
            dependents = [record.prefecture.url, *(neighbour.url for neighbour in neighbours)]
            chosen.append(Edit(record.src_uri, record.url, record.title, dependents))
            prefectures.add(record.prefecture.slug)
    return chosen[:count]


def _edit_and_wait(content: Path, edit: Edit, number: int, base: str, server: subprocess.Popen) -> None:
    """Change the record's title; time until its page, then every page showing the title, is served changed,
    and the server's CPU time meanwhile."""
    path = content / edit.src_uri
    title = f"{edit.title} ndryshim-{number}"
    text = path.read_text(encoding="utf-8").replace(f"title: {edit.title}\n", f"title: {title}\n", 1)
    cpu = _cpu_seconds(server.pid)
    started = time.perf_counter()
    path.write_text(text, encoding="utf-8")
    _wait_for(base + edit.url, title, server)
    edit.page_s = time.perf_counter() - started
    edit.stale = [url for url in edit.dependents if not _wait_for(base + url, title, server, started + TIMEOUT)]
    edit.all_s = time.perf_counter() - started
    edit.cpu_s = _cpu_seconds(server.pid) - cpu
    state = f"MBETËN TË VJETRA: {', '.join(edit.stale)}" if edit.stale else "edhe faqja e qarkut dhe fqinjët"
    print(f"Ndryshimi {number} ({edit.src_uri}): faqja {edit.page_s:.2f} s, gjithçka {edit.all_s:.2f} s, "
          f"CPU {edit.cpu_s:.2f} s; {state}", flush=True)  # fmt: skip


def _wait_for(url: str, text: str, server: subprocess.Popen, deadline: float | None = None) -> bool:
    """Poll `url` until its HTML contains `text` (escaped as Jinja would); False when `deadline` passes."""
    wanted = text.replace("&", "&amp;").encode("utf-8")
    deadline = deadline or time.perf_counter() + TIMEOUT
    while True:
        if server.poll() is not None:
            raise RuntimeError(f"`make serve` ndaloi (kodi {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=max(deadline - time.perf_counter(), POLL)) as response:
                if wanted in response.read():
                    return True
        except OSError:
            pass  # not serving yet, or the page is missing while it is rebuilt
        if time.perf_counter() >= deadline:
            return False
        time.sleep(POLL)


def _cpu_seconds(group: int) -> float:
    """User and system CPU seconds of the processes in process group `group` so far (Linux /proc)."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if int(fields[2]) == group:  # fields after the name: state, ppid, pgrp, ..., utime (12), stime (13)
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
