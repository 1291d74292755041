"""Read an archived Atom feed (RFC 5005) the way a client does: parse the subscription document with feedparser,
then follow `prev-archive` links until the oldest archive."""

from collections.abc import Callable

import feedparser

BASE = "https://krat.example.org/"


def parse(data: bytes, path: str, base: str = BASE):
    """Parse one document as if fetched from `base + path` (relative links resolve against that address)."""
    headers = {"content-location": base + path, "content-type": "application/atom+xml; charset=utf-8"}
    parsed = feedparser.parse(data, response_headers=headers)
    assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
    return parsed


def link(parsed, relation: str) -> str | None:
    return next((item.href for item in parsed.feed.links if item.rel == relation), None)


def read_history(read: Callable[[str], bytes], path: str, base: str = BASE) -> list[tuple[str, object]]:
    """Every document of the logical feed whose subscription document is at site path `path`, newest first, as
    (site path, parsed feed); `read` returns a document's bytes by site path."""
    documents, seen = [], set()
    while path is not None:
        assert path not in seen, f"prev-archive loops back to {path}"
        seen.add(path)
        parsed = parse(read(path), path, base)
        documents.append((path, parsed))
        previous = link(parsed, "prev-archive")
        path = previous.removeprefix(base) if previous else None
    return documents


def entry_ids(documents: list[tuple[str, object]]) -> list[str]:
    return [entry.id for _, parsed in documents for entry in parsed.entries]
