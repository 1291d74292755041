"""The gate's pass over a built site (the package docstring says what it refuses and why)."""

import gzip
import html
import os
import posixpath
import re
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from krat.content.normalize import seen_as
from krat.content.privacy import Guard
from krat.content.problems import Problem

# Files whose bytes are text the build wrote from content (their names are read for every file).
TEXT_SUFFIXES = {".html", ".json", ".csv", ".xml", ".ics", ".txt", ".yml", ".svg"}
COMPRESSED_SUFFIXES = {".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter", ".gz"}
# Attributes of drawing data (the map's and charts' SVG): numbers that are coordinates, never text.
DRAWING = re.compile(r'\s(?:d|points|viewBox|transform|integrity)="[^"]*"')
FOLDED = re.compile(r"\r?\n[ \t]")
LINK = re.compile(r'\s(?:href|src)="([^"]*)"')
# A run of path segments ('takime/kukes/2018/2018-09-01-brenda'): where an address may be written in any text.
SEGMENT_AFTER_SLASH = re.compile(r"/([\w.~%-]+)")
PATHLIKE = re.compile(r"(?<![\w.~%-])[\w.~%-]+(?:/[\w.~%-]+)+")  # from a segment's start: no retries inside words
SECRET_WORDS = re.compile(
    r"(?i)private key|gh[pousr]_|github_pat_|akia|asia|xox|aiza|_live_|eyj|pass|pwd|secret|api|token|fjal"
)


@dataclass(frozen=True)
class Finding:
    """Something the gate refuses: the published file, what was found there (as shown), and why."""

    published: str
    found: str
    reason: str


@dataclass
class Rules:
    """What this build may not publish: addresses (site paths without a leading or trailing '/') of what it
    leaves out, the privacy guard and its rules, and the sites' own addresses (their links are local)."""

    withheld: set[str]
    guard: Guard
    personal: tuple[str, ...] = ("nid", "telefon", "email", "emer", "sekret")
    own: tuple[str, ...] = ()
    static: set[str] = field(default_factory=set)  # theme and editor code: names read, bytes not

    def __post_init__(self):
        self.leaves = frozenset(address.rsplit("/", 1)[-1] for address in self.withheld)  # their last segments


class Reader:
    """One pass of the gate over a site's published texts, one at a time (a page as it is rendered, a file as it
    is written), keeping what it found.

    Every page repeats the site's frame (header, navigation, help bar, footer, the map), so a line of text is
    read once per pass: the first text that has it is where a finding in it is reported. Links are the exception:
    the same relative link leads elsewhere from another page, so each page's links are resolved."""

    def __init__(self, rules: Rules):
        self.rules = rules
        self.findings: list[Finding] = []
        self.seen: set[str] = set()

    def read_text(self, published: str, text: str) -> None:
        """Read the text of the published file `published` (a site path)."""
        suffix = posixpath.splitext(published)[1]
        if suffix == ".html":
            self.findings += _links(published, text, self.rules, self.rules.leaves)
        fresh = "\n".join(line for line in text.split("\n") if line not in self.seen and not self.seen.add(line))
        if suffix in (".html", ".svg", ".xml"):
            fresh = DRAWING.sub(" ", fresh)
        self.findings += _scan(published, seen_as(fresh), self.rules)

    def read_file(self, site: Path, published: str) -> None:
        """Read the published file at `site/published`: its text, where it has text the build wrote."""
        text = _text_of(site / published, published, self.rules)
        if text is not None:
            self.read_text(published, text)

    def read_names(self, published: list[str]) -> None:
        """Read the names of the published files (site paths): all as one text, and one by one only when that
        finds something, to say which."""
        if _scan("", seen_as(unquote("\n".join(published))), self.rules):
            for name in published:
                self.findings += _scan(name, seen_as(unquote(name)), self.rules)


def published_files(site: Path) -> list[str]:
    """The site path of every file in the built site, sorted."""
    found = []
    for folder, _, names in os.walk(site):
        prefix = os.path.relpath(folder, site).replace(os.sep, "/")
        found += [name if prefix == "." else f"{prefix}/{name}" for name in names]
    return sorted(found)


def inspect(
    site: Path, rules: Rules, already_read: set[str] = frozenset(), published: list[str] | None = None
) -> list[Finding]:
    """Every finding in the built site at `site`, in the order of its files (`published`, when the caller has
    listed them): every file's name, and the text of every file but those `already_read` (by a reader that saw
    them as they were written: krat.engine.overlap)."""
    reader = Reader(rules)
    published = published_files(site) if published is None else published
    reader.read_names(published)
    for name in published:
        if name not in already_read:
            reader.read_file(site, name)
    return reader.findings


def _text_of(path: Path, published: str, rules: Rules) -> str | None:
    """The text of a published file as written (decompressed, iCalendar lines unfolded); None for code and
    binaries."""
    if published in rules.static or path.suffix not in TEXT_SUFFIXES | COMPRESSED_SUFFIXES:
        return None
    data = path.read_bytes()
    if path.suffix in COMPRESSED_SUFFIXES:
        with suppress(OSError, EOFError):  # else stored as it is
            data = gzip.decompress(data)
    text = data.decode("utf-8", errors="replace")
    if path.suffix == ".ics":
        text = FOLDED.sub("", text)  # iCalendar folds long lines (RFC 5545): an address may be split across two
    return text


def _scan(published: str, text: str, rules: Rules) -> list[Finding]:
    """Addresses, personal data and secrets in one text."""
    hits = rules.guard.scan(text, rules=rules.personal, seen=True)
    return [Finding(published, hit.text, hit.message) for hit in hits] + _addresses(published, text, rules)


def _addresses(published: str, text: str, rules: Rules) -> list[Finding]:
    """Every withheld address written in the text, as a path of its own or inside a longer one. An address
    ends in a segment written after a '/', so the text is searched in full only when one of those (decoded) is
    the last segment of a withheld address: most texts have none."""
    segments = SEGMENT_AFTER_SLASH.findall(text)
    if "%" in text:
        segments += [unquote(segment) for segment in segments if "%" in segment]
    if rules.leaves.isdisjoint(segments):
        return []
    findings = []
    for match in PATHLIKE.finditer(text):
        written = match.group(0)
        address = _withheld_in(unquote(written) if "%" in written else written, rules.withheld)
        if address:
            findings.append(Finding(published, address, "adresë e një materiali që kjo faqe nuk e publikon"))
    return findings


def _withheld_in(written: str, withheld: set[str]) -> str:
    """The withheld address that the path `written` ends at or passes through ('https://host/takime/x/' and
    '../takime/x' both name 'takime/x'), or ''."""
    segments = [segment for segment in written.split("/") if segment and segment not in (".", "..")]
    for start in range(len(segments)):
        for end in range(len(segments), start, -1):
            candidate = "/".join(segments[start:end])
            if candidate in withheld:
                return candidate
    return ""


def _links(published: str, text: str, rules: Rules, leaves: set[str]) -> list[Finding]:
    """Every link of the page that resolves, from the page's own address, to a withheld address (only a link
    whose last segment is a withheld one's can, so only those are resolved)."""
    base = posixpath.dirname(published)
    findings = []
    for written in LINK.findall(text):
        value = html.unescape(written) if "&" in written else written
        last = value.split("#", 1)[0].split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        last = unquote(last) if "%" in last else last
        if last not in leaves:
            continue
        target = _site_path(value, base, rules.own)
        if target is not None and target in rules.withheld:
            findings.append(Finding(published, value[:80], "lidhje te një material që kjo faqe nuk e publikon"))
    return findings


def _site_path(value: str, base: str, own: tuple[str, ...]) -> str | None:
    """The site path (no leading or trailing '/') a link names from a page in folder `base`; None elsewhere."""
    parts = urlsplit(value.strip())
    if parts.netloc or parts.scheme:
        for site in map(urlsplit, own):
            if parts.hostname == site.hostname and parts.path.startswith(site.path.rstrip("/") + "/"):
                return unquote(parts.path[len(site.path.rstrip("/")) :]).strip("/")
        return None
    if not parts.path:
        return None
    path = unquote(parts.path)
    joined = path if path.startswith("/") else posixpath.join(base, path)
    return posixpath.normpath(joined).strip("/")


def content_lines(content_dir: Path) -> Iterator[tuple[Path, int, str]]:
    """Every line of every text file under `content_dir`, normalised as the gate reads: where a finding's text is
    traced back to (krat.engine names the content file and line that produced it)."""
    for path in sorted(content_dir.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.suffix in (".md", ".yml"):
            text = seen_as(path.read_text(encoding="utf-8", errors="replace"))
            for number, line in enumerate(text.split("\n"), start=1):
                yield path, number, line


def trace(findings: list[Finding], content_dir: Path, shown_root: str) -> list[Problem]:
    """The findings as the build's problems, one per thing found: at the first content line that writes it (for
    an address, its last segment, as a relative link writes it), else at the published file; with how many
    published files carry it."""
    lines = list(content_lines(content_dir))
    grouped: dict[tuple[str, str], list[str]] = {}
    for finding in findings:
        grouped.setdefault((finding.found, finding.reason), []).append(finding.published)
    problems = []
    for (found, reason), published in grouped.items():
        where = _first_line(found, lines) or _first_line(found.rstrip("/").rsplit("/", 1)[-1], lines)
        spread = f"te {published[0]}" + (f" dhe {len(published) - 1} skedarë të tjerë" if len(published) > 1 else "")
        message = f"'{found}' {reason}; del në faqen e ndërtuar ({spread}). {FIX}"
        if where:
            path, number = where
            problems.append(Problem(f"{shown_root}/{path.relative_to(content_dir).as_posix()}", number, FIELD, message))
        else:
            problems.append(Problem(published[0], 1, FIELD, message))
    return problems


FIELD = "publikimi"
FIX = "Hiqeni nga përmbajtja publike; ndërtimi nuk publikon asgjë derisa të hiqet"


def _first_line(text: str, lines: list[tuple[Path, int, str]]) -> tuple[Path, int] | None:
    return next(((path, number) for path, number, line in lines if text and text in line), None)
