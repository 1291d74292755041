"""Privacy guard for the public build: refuse text that looks like personal data of private persons.

Rules (each hit is reported as path:line with the rule, in Albanian):
- `nid`: an Albanian personal ID number (letter, 8 digits, letter);
- `telefon`: a phone number other than the official contacts in `content/_data/contacts.yml`;
- `email`: an e-mail address outside institutional domains (`.gov.al` and those listed in the allow-list);
- `datelindje`: a date of birth ("datëlindja 01.02.1990", "lindur më 1.2.1990", "d.l. 1990");
- `emer`: a name from the private deny-list, a file kept outside the repository (path in `KRAT_PRIVACY_DENYLIST`).
A reviewed allow-list (`content/_data/privacy-allow.yml`: text, reason) silences a false positive.
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from krat.text import fold

DENYLIST_VARIABLE = "KRAT_PRIVACY_DENYLIST"
INSTITUTIONAL_DOMAINS = ("gov.al",)
RULES = {
    "nid": (re.compile(r"(?<![A-Za-z0-9])[A-Za-z]\d{8}[A-Za-z](?![A-Za-z0-9])"), "duket si numër personal ID"),
    "telefon": (
        re.compile(r"(?<![\d+])(?:\+355|00355|0)[ \t-]?\d{1,3}(?:[ \t-]?\d){5,8}(?!\d)"),
        "duket si numër telefoni privat (lejohen vetëm kontaktet zyrtare)",
    ),
    "email": (re.compile(r"[\w.+-]+@((?:[\w-]+\.)+[A-Za-z]{2,})"), "adresë e-mail jo institucionale"),
    "datelindje": (
        re.compile(
            r"(?i)\b(?:dat[eë]lindj\w*|lindur(?:[ \t]+(?:m[eë]|n[eë]))?|d\.[ \t]?l\.)[^\w\n]{0,3}"
            r"(?:\d{1,2}[./-]\d{1,2}[./-])?(?:19|20)\d{2}\b"
        ),
        "duket si datëlindje",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Hit:
    """One suspicious passage: the line in the file, the rule and the text that matched."""

    line: int
    rule: str
    text: str
    message: str


@dataclass
class Guard:
    """The rules with what silences them: official numbers, allowed domains and texts, and denied names."""

    official_numbers: set[str] = field(default_factory=set)
    allowed_domains: tuple[str, ...] = INSTITUTIONAL_DOMAINS
    allowed_texts: set[str] = field(default_factory=set)
    denied_names: list[str] = field(default_factory=list)

    def scan(self, text: str, first_line: int = 1) -> list[Hit]:
        """Every hit in `text`, whose first line is line `first_line` of its file.

        Patterns run over the whole text at once (hits are rare), only when a cheap test says they can match,
        and the text is folded only when there are names to look for: this runs on every published file of every
        build.
        """
        hits = []
        lowered = text.lower()
        for rule, (pattern, message) in RULES.items():
            if not _may_match(rule, lowered):
                continue
            for match in pattern.finditer(text):
                if not self._allowed(rule, match):
                    hits.append(Hit(first_line + text.count("\n", 0, match.start()), rule, match.group(0), message))
        if self.denied_names:
            folded = fold(text)
            for name in self.denied_names:
                if name in self.allowed_texts:
                    continue
                for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", folded):
                    line = first_line + folded.count("\n", 0, match.start())
                    hits.append(Hit(line, "emer", name, "emër nga lista private e personave që nuk publikohen"))
        return sorted(hits, key=lambda hit: hit.line)

    def _allowed(self, rule: str, match: re.Match) -> bool:
        if fold(match.group(0)) in self.allowed_texts:
            return True
        if rule == "telefon":
            return re.sub(r"\D", "", match.group(0)) in self.official_numbers
        if rule == "email":
            domain = match.group(1).lower()
            return any(domain == allowed or domain.endswith("." + allowed) for allowed in self.allowed_domains)
        return False


def _may_match(rule: str, lowered: str) -> bool:
    """False when `rule` cannot match: an e-mail needs "@", a date of birth one of its cue words ("lind", "d.")."""
    if rule == "email":
        return "@" in lowered
    if rule == "datelindje":
        return "lind" in lowered or "d." in lowered
    return True


def load_guard(data_dir: Path, contacts: list[str] = ()) -> Guard:
    """The guard for a build: official contact numbers, the allow-list in `data_dir`, the private deny-list."""
    allow = yaml.safe_load((data_dir / "privacy-allow.yml").read_text(encoding="utf-8")) if (
        data_dir / "privacy-allow.yml").exists() else []  # fmt: skip
    reviewed = [entry for entry in allow or [] if entry.get("reason")]  # an entry without a reason is ignored
    allowed_texts = {fold(entry["text"]) for entry in reviewed if entry.get("text")}
    domains = INSTITUTIONAL_DOMAINS + tuple(entry["domain"].lower() for entry in reviewed if entry.get("domain"))
    denylist = os.environ.get(DENYLIST_VARIABLE)
    names = []
    if denylist:
        names = [fold(line) for line in Path(denylist).read_text(encoding="utf-8").splitlines() if line.strip()]
    numbers = {re.sub(r"\D", "", number) for number in contacts}
    return Guard(numbers, domains, allowed_texts, names)
