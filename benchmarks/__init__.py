"""Measuring the build, kept out of the installed `krat` package: a synthetic corpus (`corpus`), the build side by
side with plain MkDocs (`bench`), the preview's speed (`servebench`), and the headless-Chromium helpers that the
benchmark and the browser tests share (`browser`). Run with `python -m benchmarks` (`make bench`)."""
