"""The output gate on the second core, while MkDocs renders on the first.

MkDocs renders pages one after another on one core; the gate (krat.gate) reads every published text. Run after the
build, it would add its whole time to it. So each page goes to one worker process as soon as it is rendered (and
the feeds, calendars and open data as soon as they are written), where a `krat.gate.Reader` reads it while MkDocs
renders the next page. After the build and its search index, the main process reads what the worker did not see
(file names, the search index, the sitemap, the 404 page) and collects the worker's findings.

The worker is started with the `spawn` method of the standard library's process pools (no `os.fork`: it works
where fork does not, and inherits nothing of MkDocs' state). `KRAT_GATE_WORKER=false` (extra.krat.gate_worker)
keeps the serial path: the same reader, in the main process, after the build; both find the same things, since the
gate writes nothing and reads every byte either way.
"""

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from krat import gate

_reader: gate.Reader | None = None  # the worker process's reader


def _start(rules: gate.Rules) -> None:
    global _reader
    _reader = gate.Reader(rules)


def _read_text(published: str, text: str) -> None:
    _reader.read_text(published, text)


def _read_file(site: str, published: str) -> None:
    _reader.read_file(Path(site), published)


def _findings() -> list[gate.Finding]:
    return _reader.findings


class GateWorker:
    """The gate's reader in a worker process: `send` a page or `send_file` a written file; `finish` reads the rest
    of the site here and returns every finding."""

    def __init__(self, rules: gate.Rules):
        self.rules = rules
        self.sent: set[str] = set()
        self.pending: list[Future] = []
        context = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(1, mp_context=context, initializer=_start, initargs=(rules,))

    def send(self, published: str, text: str) -> None:
        """A rendered page (its site path and final HTML), read in the worker."""
        self.sent.add(published)
        self.pending.append(self.pool.submit(_read_text, published, text))

    def send_file(self, site: Path, published: str) -> None:
        """A file already written whole into the site folder, read in the worker."""
        self.sent.add(published)
        self.pending.append(self.pool.submit(_read_file, str(site), published))

    def finish(self, site: Path) -> list[gate.Finding]:
        """Every finding: the worker's, then those in what it had not read, which the two processes share (every
        other file each: the search index written after the build is most of it). The worker is stopped in any
        case."""
        try:
            everything = gate.published_files(site)
            done = self.sent | self.rules.static
            for published in [published for published in everything if published not in done][::2]:
                self.send_file(site, published)
            here = gate.inspect(site, self.rules, self.sent, everything)  # every name, the other half of the texts
            for future in self.pending:
                future.result()  # an error in the worker is raised here, never lost
            return self.pool.submit(_findings).result() + here
        finally:
            self.close()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
