"""The search index: Pagefind, run in a second process while MkDocs is still rendering pages.

Pagefind reads only what the templates mark: `data-pagefind-body` on the content of records, plans, articles and
hand-written pages; `data-pagefind-meta` (title, prefecture, date) and `data-pagefind-filter` (prefecture, year,
committee, kind, topic). It writes `pagefind/` into the site: the search code, and an index split into small
compressed chunks that a browser loads only as a query needs them. It folds diacritics itself, so `korce`
finds `Korçë` and the reverse, and it drops no stop words.

Why a second process. MkDocs renders on one core; Pagefind, run after it, added about a third to every build. So
once every page's Markdown is rendered (MkDocs' `on_env`), `start_index` forks: the child writes, for each indexed
page, a bare HTML file holding only that page's indexed element, rendered by the page's own template block (so it
is the same HTML the page carries; a test compares the two indexes), then becomes Pagefind (`exec`: its Python
memory is given back before Pagefind allocates its own). Meanwhile MkDocs renders the full pages on the other
core, taking each indexed element from the child's bare page instead of rendering it again (`IndexJob.rendered`);
`IndexJob.finish` waits for the child at the end of the build. Pagefind runs at a lower priority (`nice` 10): it
starts one thread per core, and MkDocs, which the build waits for, should not have to share its core with them.

Where the bare pages go. In memory (`/dev/shm`) for a site of up to `MEMORY_PAGES` pages when the machine has room
there, else in the temporary folder. Creating and deleting thousands of small files on disk costs more than writing
them: on ext4 without a journal (as on the build machines) every new file skips over each one deleted in the last
minutes, which at 2,000 records cost the search child about 2 s of processor time. A larger site keeps them on disk:
at 10,000 records they would hold 64 MB of memory just while Pagefind needs the most (about 1.2 GB), and memory
saved no time there (72.0 s against 72.6 s for one build).
"""

import atexit
import gc
import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pagefind_bin import get_executable

INDEX_FOLDER = "pagefind"
IGNORED = ".headerlink"  # the "#" anchors beside headings would end up in titles and excerpts
FAILED = "Indeksi i kërkimit (Pagefind) nuk u ndërtua"
PAGES = "faqet"  # the bare pages' folder in the job's temporary folder (beside Pagefind's log)
BARE_END = "</body></html>"
NICENESS = 10  # Pagefind's priority, below MkDocs'
MEMORY_FOLDER = Path("/dev/shm")
ROOM_PER_PAGE = 64 * 1024  # bytes; a bare page holds less than its whole page, and record pages stay under 60 KB
MEMORY_PAGES = 4096  # the most bare pages kept in memory: about 32 MB of it


class SearchIndexError(Exception):
    """Pagefind failed, or the pages for it could not be written; the message carries the output."""


def pagefind_command(pages_dir: Path, output_dir: Path) -> list[str]:
    """Index the HTML files under `pages_dir` into `output_dir` (tests also run it over a finished site)."""
    command = [str(get_executable()), "--site", str(pages_dir), "--output-path", str(output_dir)]
    return command + ["--exclude-selectors", IGNORED, "--quiet"]


@dataclass
class IndexJob:
    """A forked child writing the bare pages and then running Pagefind; its output goes to `log`."""

    pid: int
    pages_dir: Path
    output_dir: Path
    log: Path
    language: str
    reused: int = 0  # how many elements `rendered` gave back
    reaped: bool = False  # the child has been waited for: its pid may now belong to another process

    def rendered(self, path: str) -> str | None:
        """The indexed element of the page at `path` (its `dest_uri`) as the child rendered it, once its bare page
        is written (the child writes each whole, then renames it into place), else None. MkDocs, rendering the
        full page, uses it instead of rendering the same block a second time."""
        try:
            text = (self.pages_dir / PAGES / path).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        self.reused += 1
        return text.removeprefix(_bare_start(self.language)).removesuffix(BARE_END)

    def finish(self) -> str:
        """Wait for the child; return Pagefind's output or raise SearchIndexError. Removes the bare pages."""
        _, status = os.waitpid(self.pid, 0)
        self.reaped = True
        try:
            output = self.log.read_text(encoding="utf-8", errors="replace")
            _check(os.waitstatus_to_exitcode(status), output, self.output_dir)
            return output
        finally:
            shutil.rmtree(self.pages_dir, ignore_errors=True)

    def cancel(self) -> None:
        """The build failed or was interrupted: stop the child and remove its files."""
        if not self.reaped:
            try:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.reaped = True
        shutil.rmtree(self.pages_dir, ignore_errors=True)


def start_index(pages: Iterable[tuple[str, str]], count: int, language: str, output_dir: Path) -> IndexJob:
    """Fork a child that writes each `(path, indexed_html)` of `pages` (at most `count` of them) as a bare page
    under a temporary folder and then runs Pagefind over it into `output_dir`. `pages` is consumed in the child
    only: rendering it is part of the work moved off MkDocs' core. `language` is the site's (`<html lang>`, which
    Pagefind reads)."""
    pages_dir = Path(tempfile.mkdtemp(prefix="krat-kerkimi-", dir=scratch_folder(count)))
    log = pages_dir / "pagefind.log"
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child never returns
        _child(pages, language, pages_dir / PAGES, output_dir, log)
    job = IndexJob(pid, pages_dir, output_dir, log, language)
    atexit.register(job.cancel)  # an interrupted build (Ctrl-C) never reaches MkDocs' on_build_error
    return job


def bare_page(html: str, language: str) -> str:
    """What Pagefind reads for one page: the page's indexed element alone, in the site's language."""
    return f"{_bare_start(language)}{html}{BARE_END}"


def _bare_start(language: str) -> str:
    return f'<!doctype html><html lang="{language}"><body>'


def scratch_folder(count: int, memory: Path = MEMORY_FOLDER) -> str | None:
    """`memory` when `count` bare pages are few enough and `memory` is a writable folder with room for them, else
    None (the temporary folder)."""
    if count > MEMORY_PAGES:
        return None
    try:
        usage = os.statvfs(memory)
    except OSError:
        return None
    room = usage.f_bavail * usage.f_frsize >= count * ROOM_PER_PAGE
    return str(memory) if room and os.access(memory, os.W_OK | os.X_OK) else None


def _child(pages: Iterable[tuple[str, str]], language: str, pages_dir: Path, output_dir: Path, log: Path) -> None:
    """Write the bare pages, then replace this process with Pagefind; on any error, exit with the traceback
    in the log."""
    gc.disable()  # short-lived: collecting would touch, and so copy, the memory shared with MkDocs
    descriptor = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(descriptor, 1)
    os.dup2(descriptor, 2)
    try:
        for path, html in pages:
            target = pages_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f"{target.name}.part")
            partial.write_text(bare_page(html, language), encoding="utf-8")
            partial.replace(target)  # whole or absent for IndexJob.rendered
        pages_dir.mkdir(parents=True, exist_ok=True)  # Pagefind reports a site with no pages itself
        command = pagefind_command(pages_dir, output_dir)
        os.nice(NICENESS)
        os.execv(command[0], command)
    except BaseException:
        os.write(descriptor, traceback.format_exc().encode())
    finally:
        os._exit(1)


def _check(code: int, output: str, output_dir: Path) -> None:
    if code != 0 or not (output_dir / "pagefind.js").is_file():
        raise SearchIndexError(f"{FAILED} (kodi {code}):\n{output.strip()}")
