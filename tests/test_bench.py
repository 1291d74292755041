"""The benchmark's corpus generator and the benchmark itself, at a small size: structure, never time."""

import re

import pytest
from conftest import ROOT
from krat.content.catalog import build_catalog
from krat.content.schema import KINDS

from benchmarks import servebench
from benchmarks.bench import run
from benchmarks.browser import CHROMIUM
from benchmarks.corpus import MARK, generate


def test_corpus_is_valid_varied_and_marked_synthetic(tmp_path, monkeypatch):
    corpus = generate(tmp_path, 60, content_source=ROOT / "content" / "_data")
    monkeypatch.chdir(tmp_path)
    catalog = build_catalog(tmp_path / "content", profile="members")
    assert len(catalog.records) == corpus.records == 60
    assert corpus.kinds == set(KINDS)
    assert 0 < corpus.internal < 60
    assert corpus.updates > 0 and len(catalog.plans) == corpus.plans == 240
    assert len({record.prefecture.slug for record in catalog.records}) == 12
    assert any(not record.date.is_exact for record in catalog.records)
    assert len(catalog.articles) == corpus.articles == 2  # one per 40 records, rounded up
    assert all(article.audience and article.topics and article.sources for article in catalog.articles)
    written = [path for path in (tmp_path / "content").rglob("*.md") if path.parts[-2] != "content"]
    assert written and all(MARK in path.read_text(encoding="utf-8") for path in written)
    assert any("ë" in record.body for record in catalog.records)
    assert not (ROOT / "content" / "takime" / "berat").exists()  # never written into the real content


@pytest.mark.live  # a server or a file watcher: not run under a moved clock
def test_bench_builds_both_sites_and_prints_the_final_line(tmp_path, capsys):
    project, baseline = run(50, keep=tmp_path)
    output = capsys.readouterr().out
    assert re.search(
        r"^records=50 build_s=\d+\.\d\d baseline_s=\d+\.\d\d ratio=\d+\.\d\d peak_rss_mb=\d+$", output.splitlines()[-1]
    )
    published = [page for page in (tmp_path / "project/site/takime").rglob("index.html")]
    assert 0 < len(published) < 50  # internal records are left out of the public build
    assert len(list((tmp_path / "baseline/site/takime").rglob("index.html"))) == 50
    assert (tmp_path / "project/site/plane/kukes/2018/index.html").exists()
    articles = (tmp_path / "project/content/ndergjegjesim").glob("sintetik-*.md")
    public = {path.stem for path in articles if "visibility: public" in path.read_text(encoding="utf-8")}
    built = {path.parent.name for path in (tmp_path / "project/site/ndergjegjesim").glob("*/index.html")}
    assert public and built == public
    awareness = (tmp_path / "project/site/ndergjegjesim/index.html").read_text(encoding="utf-8")
    assert all(f'href="{slug}/"' in awareness for slug in public)  # listed on the awareness page
    assert project.largest_record_kb > 0 and baseline.search_kb > 0
    assert 0 < project.largest_chunk_kb <= project.search_kb  # Pagefind's data files, not its interface code
    lines = output.splitlines()
    header = next(index for index, line in enumerate(lines) if "ndërtimi" in line and "koha s" in line)
    table = lines[header : header + 3]
    assert [cell.strip() for cell in table[0].split("|")[-2:]] == ["shkarkimi KB", "me gzip KB"]
    if CHROMIUM:  # what one search downloads, measured in the browser, as sent and gzip-compressed
        assert 0 < project.download_gzip_kb < project.download_kb
        assert table[1].split("|")[-2].strip() == f"{project.download_kb:.0f}"
        assert table[1].split("|")[-1].strip() == f"{project.download_gzip_kb:.0f}"
        assert re.search(
            r"^Arkiva: \d+ KB \(\d+ KB me gzip\), e ngarkuar në \d+ ms, një filtër në \d+ ms$", output, re.M
        )


def test_corpus_articles_are_spread_and_some_internal(tmp_path, monkeypatch):
    corpus = generate(tmp_path, 400, content_source=ROOT / "content" / "_data")
    monkeypatch.chdir(tmp_path)
    members = build_catalog(tmp_path / "content", profile="members").articles
    public = build_catalog(tmp_path / "content", profile="public").articles
    assert len(members) == corpus.articles == 10
    assert len(public) == corpus.articles - corpus.internal_articles == 9
    assert len({article.prefecture.slug for article in members if article.prefecture}) > 3
    assert len({audience.slug for article in members for audience in article.audience}) > 3
    assert any(article.prefecture is None for article in members)


@pytest.mark.live  # a server or a file watcher: not run under a moved clock
def test_serve_bench_sees_an_edited_record_on_every_page_that_shows_it(tmp_path, capsys):
    (edit,) = servebench.run(50, edits=1, keep=tmp_path)
    output = capsys.readouterr().out
    assert re.search(
        r"^records=50 serve_first_s=\d+\.\d\d rebuild_page_s=\d+\.\d\d rebuild_all_s=\d+\.\d\d rebuild_cpu_s=\d+\.\d\d$",
        output.splitlines()[-1],
    )
    assert edit.stale == [] and len(edit.dependents) == 3  # the timeline and both neighbours show the new title
    assert "ndryshim-1" in (tmp_path / "project/content" / edit.src_uri).read_text(encoding="utf-8")
