"""`make bench`: build a synthetic corpus with the project and with plain MkDocs + Material, side by side.

(a) the project: the real mkdocs.yml, hooks and overrides, strict, search included;
(b) the baseline: the same record Markdown files, plain MkDocs + Material, no hooks, records out of the
    navigation, default search.
Each build runs in its own process, `--repeat` times (3 by default) in turn, and the median is reported: a shared
machine's speed drifts by a fifth from one minute to the next. "CPU s" is the processor time of the build and every
process it waited for (user and system). Peak memory is the larger of the biggest single process (the kernel's own
count) and the largest sum of resident memory over the build and every process it started (Pagefind runs as its
own process after MkDocs), plus the growth of the machine's in-memory files, sampled every 100 ms. The search
index is lunr's one JSON file for the baseline, Pagefind's data files (`*.pf_*`: metadata, index chunks, filters,
page fragments) for the project; with Chromium installed the project's column "shkarkimi KB" is what a first
visitor's browser downloads for one search (benchmarks.browser), and the baseline's is its whole index, which lunr
loads at once; "me gzip KB" is the same files gzip-compressed, as a web host sends text. With Chromium, a line
"Arkiva: ..." gives the archive page's size, the time a browser takes to load it and the time one filter change
takes to show its result (benchmarks.browser.archive_timings). With decap-server installed too (`make test` installs
it), a line "Redaktori: ..." gives how long the web editor takes over the corpus to show the largest prefecture's
records and the plans (the first time and again) and to open one record (benchmarks.editor.editor_timings).
The project's output includes the editor's files at /admin/ (about 7 MB, copied, not generated).
The last line is `records=N build_s=X baseline_s=Y ratio=Z peak_rss_mb=M`.
"""

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from benchmarks.browser import CHROMIUM, archive_timings, search_download_kb
from benchmarks.corpus import Corpus, generate
from benchmarks.editor import DECAP_SERVER, editor_timings
from benchmarks.processes import running

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).parent / "mkdocs"
SEARCH_QUERY = "komiteti"  # in every synthetic record: the search with the most results
SAMPLE_S = 0.1  # one sample reads /proc for about 2 ms of CPU
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass
class Measurement:
    """One build: seconds, peak resident memory (MB) and what it wrote."""

    name: str
    seconds: float
    cpu_seconds: float
    peak_mb: float
    output_mb: float
    largest_record_kb: float
    search_kb: float
    largest_chunk_kb: float
    download_kb: float | None = None
    download_gzip_kb: float | None = None


def run(records: int, keep: Path | None = None, repeat: int = 1) -> tuple[Measurement, Measurement]:
    """Generate the corpus, build it both ways `repeat` times in turn, print the table and the final line with
    the median build of each; return both medians."""
    work = Path(keep or tempfile.mkdtemp(prefix="krat-bench-"))
    generate_corpus(work, records)
    project_yml, baseline_yml = project_config(work), _baseline_config(work, _baseline_docs(work))
    projects, baselines = [], []
    for turn in range(1, repeat + 1):  # in turn, so that a slower spell of a shared machine slows both
        projects.append(_measure("projekti", project_yml, work / "project" / "site"))
        baselines.append(_measure("MkDocs bazë", baseline_yml, work / "baseline" / "site"))
        if repeat > 1:
            print(f"Matja {turn}/{repeat}: projekti {projects[-1].seconds:.2f} s, "
                  f"MkDocs bazë {baselines[-1].seconds:.2f} s", flush=True)  # fmt: skip
    project, baseline = _median(projects), _median(baselines)
    if CHROMIUM:
        project.download_kb, project.download_gzip_kb = search_download_kb(work / "project" / "site", SEARCH_QUERY)
        lunr_index = work / "baseline" / "site" / "search" / "search_index.json"
        baseline.download_kb, baseline.download_gzip_kb = baseline.search_kb, _gzip_kb(lunr_index)
    _print_table([project, baseline])
    if CHROMIUM:
        archive = archive_timings(work / "project" / "site")
        print(f"Arkiva: {archive['kb']:.0f} KB ({archive['gzip_kb']:.0f} KB me gzip), e ngarkuar në "
              f"{archive['load_ms']:.0f} ms, një filtër në {archive['filter_ms']:.0f} ms")  # fmt: skip
    if CHROMIUM and DECAP_SERVER.exists():
        editor = editor_timings(work / "project" / "site", work / "project", work / "editor")
        print(f"Redaktori: {editor['records']} procesverbale të një qarku në {editor['records_first_ms']:.0f} ms "
              f"(herën e dytë {editor['records_again_ms']:.0f} ms), {editor['plans']} plane në "
              f"{editor['plans_first_ms']:.0f} ms ({editor['plans_again_ms']:.0f} ms), një procesverbal hapet në "
              f"{editor['entry_ms']:.0f} ms")  # fmt: skip
    ratio = project.seconds / baseline.seconds
    print(f"records={records} build_s={project.seconds:.2f} baseline_s={baseline.seconds:.2f} "
          f"ratio={ratio:.2f} peak_rss_mb={project.peak_mb:.0f}")  # fmt: skip
    if keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return project, baseline


def _median(runs: list[Measurement]) -> Measurement:
    """The run with the median time, with the highest peak memory of all runs (memory is a limit, not a mean)."""
    middle = sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]
    return replace(middle, peak_mb=max(run.peak_mb for run in runs))


def generate_corpus(work: Path, records: int) -> Corpus:
    """Write the synthetic corpus into `work/project/content` and say what it holds."""
    started = time.perf_counter()
    corpus = generate(work / "project", records, content_source=ROOT / "content" / "_data")
    print(
        f"Korpusi sintetik: {corpus.records} procesverbale ({corpus.internal} të brendshme), {corpus.plans} plane, "
        f"{corpus.tasks} detyra, {corpus.updates} përditësime, {corpus.articles} artikuj ndërgjegjësimi "
        f"({corpus.internal_articles} të brendshëm); {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return corpus


def project_config(work: Path) -> Path:
    """The project's mkdocs.yml, hooks and overrides, pointed at the corpus in `work/project`."""
    config = {"INHERIT": str(ROOT / "mkdocs.yml"), "docs_dir": str(work / "project" / "content"),
              "site_dir": str(work / "project" / "site"), "hooks": [str(ROOT / "hooks" / "site.py")],
              "nav": [{"Kreu": "index.md"}, {"Qarqet": "qarqet/index.md"}, {"Planet e veprimit": "plane/index.md"},
                      {"Ndërgjegjësimi": "ndergjegjesim/index.md"}],
              "theme": {"custom_dir": str(ROOT / "overrides")}}  # fmt: skip
    return _write_config(work / "project" / "mkdocs.yml", config)


def _baseline_docs(work: Path) -> Path:
    """The same record files for plain MkDocs, plus a home page."""
    docs = work / "baseline" / "docs"
    shutil.copytree(work / "project" / "content" / "takime", docs / "takime")
    (docs / "index.md").write_text("# Korpus sintetik\n", encoding="utf-8")
    return docs


def _baseline_config(work: Path, docs: Path) -> Path:
    config = {"site_name": "Bazë", "docs_dir": str(docs), "site_dir": str(work / "baseline" / "site"),
              "theme": {"name": "material", "language": "sq", "font": False}, "plugins": ["search"],
              "nav": [{"Kreu": "index.md"}]}  # fmt: skip
    return _write_config(work / "baseline" / "mkdocs.yml", config)


def _write_config(path: Path, config: dict) -> Path:
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def _measure(name: str, config: Path, site: Path) -> Measurement:
    """Run one strict build; time it and follow its memory until it exits."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [str(MKDOCS), "build", "--quiet", "--strict", "-f", str(config)]
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        # In a group of its own, so that an interrupted benchmark stops the build and the Pagefind it may be running.
        with running(command, stdout=subprocess.DEVNULL, stderr=errors, env=environment, cwd=config.parent) as process:
            code, cpu_seconds, peak_kb = _follow(process.pid)
            seconds = time.perf_counter() - started
            process.returncode = code  # reaped by _follow; keeps Popen from waiting again
        if code != 0:
            errors.seek(0)
            raise SystemExit(f"Ndërtimi '{name}' dështoi:\n{errors.read().decode(errors='replace')[-3000:]}")
    return Measurement(name, seconds, cpu_seconds, peak_kb / 1024, *_output_sizes(site))


def _follow(pid: int) -> tuple[int, float, int]:
    """Wait for process `pid`; return its exit code, the CPU seconds it and the processes it waited for used, and
    its peak memory in KB (see the module's docstring)."""
    peak_kb, shared_before = 0, _memory_files_kb()
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            cpu_seconds = usage.ru_utime + usage.ru_stime
            return os.waitstatus_to_exitcode(status), cpu_seconds, max(peak_kb, usage.ru_maxrss)
        peak_kb = max(peak_kb, _tree_rss_kb(pid) + max(0, _memory_files_kb() - shared_before))
        time.sleep(SAMPLE_S)


def _memory_files_kb() -> int:
    """The machine's memory held by files in memory (`Shmem` in /proc/meminfo: /dev/shm, where the search
    indexing writes the bare pages of a small site, krat.site.search); its growth during a build is the build's."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("Shmem:"):
            return int(line.split()[1])
    return 0


def _tree_rss_kb(root: int) -> int:
    """Resident memory (KB) of process `root` and all its descendants, from /proc."""
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            stat = _read_proc(name, "stat")
            if stat:  # after the command name, which may hold spaces: state, then the parent's id
                parents[int(name)] = int(stat.rsplit(b")", 1)[1].split()[1])
    tree, grew = {root}, True
    while grew:
        children = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= children
        grew = bool(children)
    return sum(int((_read_proc(str(pid), "statm") or b"0 0").split()[1]) * PAGE_KB for pid in tree)


def _read_proc(pid: str, name: str) -> bytes:
    """A file of /proc/<pid>, or nothing when the process has ended meanwhile."""
    try:
        with open(f"/proc/{pid}/{name}", "rb") as file:
            return file.read()
    except OSError:
        return b""


def _output_sizes(site: Path) -> tuple[float, float, float, float]:
    """Output size (MB), largest record page (KB), search index size and largest single index file (KB)."""
    files = [path for path in site.rglob("*") if path.is_file()]
    total = sum(path.stat().st_size for path in files)
    records = [path.stat().st_size for path in (site / "takime").rglob("index.html")]
    search = [path.stat().st_size for path in files if _is_search_index(path, site)]
    return total / 2**20, max(records, default=0) / 1024, sum(search) / 1024, max(search, default=0) / 1024


def _is_search_index(path: Path, site: Path) -> bool:
    relative = path.relative_to(site).as_posix()
    return relative == "search/search_index.json" or (relative.startswith("pagefind/") and ".pf_" in path.name)


def _print_table(rows: list[Measurement]) -> None:
    header = ("ndërtimi", "koha s", "CPU s", "RSS MB", "dalja MB", "faqja max KB", "indeksi KB", "copa max KB",
              "shkarkimi KB", "me gzip KB")  # fmt: skip
    print("\n" + " | ".join(f"{cell:>13}" for cell in header))
    for row in rows:
        cells = (row.name, f"{row.seconds:.2f}", f"{row.cpu_seconds:.1f}", f"{row.peak_mb:.0f}", f"{row.output_mb:.1f}",
                 f"{row.largest_record_kb:.1f}", f"{row.search_kb:.0f}", f"{row.largest_chunk_kb:.0f}",
                 _kb(row.download_kb), _kb(row.download_gzip_kb))  # fmt: skip
        print(" | ".join(f"{cell:>13}" for cell in cells))


def _gzip_kb(path: Path) -> float:
    """The size of `path` gzip-compressed as a web host sends it, in KB."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6)) / 1024


def _kb(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"
