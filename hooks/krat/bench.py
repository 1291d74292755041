"""`krat bench`: build a synthetic corpus with the project and with plain MkDocs + Material, side by side.

(a) the project: the real mkdocs.yml, hooks and overrides, strict, search included;
(b) the baseline: the same record Markdown files, plain MkDocs + Material, no hooks, records out of the
    navigation, default search.
Each build runs in its own process; wall time and that process's peak memory are measured. The search index is
lunr's one JSON file for the baseline, Pagefind's data files (`*.pf_*`: metadata, index chunks, filters, page
fragments) for the project; with Chromium installed the project's column "shkarkimi KB" is what a first visitor's
browser downloads for one search (krat.browser), and the baseline's is its whole index, which lunr loads at once.
The last line is `records=N build_s=X baseline_s=Y ratio=Z peak_rss_mb=M`.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from krat.browser import CHROMIUM, search_download_kb
from krat.corpus import Corpus, generate

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = Path(sys.executable).parent / "mkdocs"
SEARCH_QUERY = "komiteti"  # in every synthetic record: the search with the most results
MEASURE = (
    "import resource, subprocess, sys, time; start = time.perf_counter(); code = subprocess.call(sys.argv[1:]); "
    "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)"
)


@dataclass
class Measurement:
    """One build: seconds, peak resident memory (MB) and what it wrote."""

    name: str
    seconds: float
    peak_mb: float
    output_mb: float
    largest_record_kb: float
    search_kb: float
    largest_chunk_kb: float
    download_kb: float | None = None


def run(records: int, keep: Path | None = None) -> tuple[Measurement, Measurement]:
    """Generate the corpus, build it both ways, print the table and the final line; return both measurements."""
    work = Path(keep or tempfile.mkdtemp(prefix="krat-bench-"))
    generate_corpus(work, records)
    baseline_docs = _baseline_docs(work)
    project = _measure("projekti", project_config(work), work / "project" / "site")
    baseline = _measure("MkDocs bazë", _baseline_config(work, baseline_docs), work / "baseline" / "site")
    if CHROMIUM:
        project.download_kb = search_download_kb(work / "project" / "site", SEARCH_QUERY)
        baseline.download_kb = baseline.search_kb
    _print_table([project, baseline])
    ratio = project.seconds / baseline.seconds
    print(f"records={records} build_s={project.seconds:.2f} baseline_s={baseline.seconds:.2f} "
          f"ratio={ratio:.2f} peak_rss_mb={project.peak_mb:.0f}")  # fmt: skip
    if keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return project, baseline


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
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(work / "project" / "content"), site_dir=str(work / "project" / "site"),
                  hooks=[str(ROOT / "hooks" / "site.py")], nav=[{"Kreu": "index.md"}, {"Qarqet": "qarqet/index.md"},
                  {"Planet e veprimit": "plane/index.md"}, {"Ndërgjegjësimi": "ndergjegjesim/index.md"}])  # fmt: skip
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
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
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-c", MEASURE, str(MKDOCS), "build", "--quiet", "--strict", "-f", str(config)]
    result = subprocess.run(command, capture_output=True, text=True, env=environment, cwd=config.parent)
    seconds, peak_kb, code = result.stdout.split()[-3:]
    if code != "0":
        raise SystemExit(f"Ndërtimi '{name}' dështoi:\n{result.stderr[-3000:]}")
    return Measurement(name, float(seconds), int(peak_kb) / 1024, *_output_sizes(site))


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
    header = ("ndërtimi", "koha s", "RSS MB", "dalja MB", "faqja max KB", "indeksi KB", "copa max KB", "shkarkimi KB")
    print("\n" + " | ".join(f"{cell:>13}" for cell in header))
    for row in rows:
        cells = (row.name, f"{row.seconds:.2f}", f"{row.peak_mb:.0f}", f"{row.output_mb:.1f}",
                 f"{row.largest_record_kb:.1f}", f"{row.search_kb:.0f}", f"{row.largest_chunk_kb:.0f}",
                 "—" if row.download_kb is None else f"{row.download_kb:.0f}")  # fmt: skip
        print(" | ".join(f"{cell:>13}" for cell in cells))
