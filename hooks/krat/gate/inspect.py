"""The gate's pass over a built site (the package docstring says what it refuses and why)."""

import gzip
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
LINK = re.compile(r'\s(?:href|src)="([^"]*)"')
# A run of path segments ('takime/kukes/2018/2018-09-01-brenda'): where an address may be written in any text.
PATHLIKE = re.compile(r"[\w.~%-]+(?:/[\w.~%-]+)+")
SECRETS = {
    "çelës privat": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "token GitHub": re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})"),
    "çelës AWS": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "token Slack": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    "çelës Google": re.compile(r"\bAIza[0-9A-Za-z_-]{35}"),
    "çelës Stripe": re.compile(r"\b[rs]k_live_[0-9A-Za-z]{20,}"),
    "token JWT": re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"),
    "fjalëkalim": re.compile(
        r"(?i)\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|fjal[eë]kalim\w*)\s*[:=]\s*['\"]?[^\s'\"<]{6,}"
    ),
}


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
    personal: tuple[str, ...] = ("nid", "telefon", "email", "emer")
    own: tuple[str, ...] = ()
    static: set[str] = field(default_factory=set)  # theme and editor code: names read, bytes not


def inspect(site: Path, rules: Rules) -> list[Finding]:
    """Every finding in the built site at `site`, in the order of its files."""
    findings = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        published = path.relative_to(site).as_posix()
        findings += _scan(published, seen_as(unquote(published)), rules)
        text = _text_of(path, published, rules)
        if text is not None:
            findings += _scan(published, text, rules)
            if path.suffix == ".html":
                findings += _links(published, text, rules)
    return findings


def _text_of(path: Path, published: str, rules: Rules) -> str | None:
    """The text a reader (or a search) gets from the published file, normalised; None for code and binaries."""
    if published in rules.static or path.suffix not in TEXT_SUFFIXES | COMPRESSED_SUFFIXES:
        return None
    data = path.read_bytes()
    if path.suffix in COMPRESSED_SUFFIXES:
        with suppress(OSError, EOFError):  # else stored as it is
            data = gzip.decompress(data)
    text = data.decode("utf-8", errors="replace")
    if path.suffix in (".html", ".svg", ".xml"):
        text = DRAWING.sub(" ", text)
    return seen_as(text)


def _scan(published: str, text: str, rules: Rules) -> list[Finding]:
    """Addresses, personal data and secrets in one text."""
    findings = [Finding(published, hit.text, hit.message) for hit in rules.guard.scan(text, rules=rules.personal)]
    for name, pattern in SECRETS.items():
        findings += [Finding(published, match.group(0)[:40], f"duket si {name}") for match in pattern.finditer(text)]
    for match in PATHLIKE.finditer(text):
        address = _withheld_in(unquote(match.group(0)), rules.withheld)
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


def _links(published: str, text: str, rules: Rules) -> list[Finding]:
    """Every link of the page that resolves, from the page's own address, to a withheld address."""
    base = posixpath.dirname(published)
    findings = []
    for value in LINK.findall(text):
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
