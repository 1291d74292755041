"""Privacy guard for the public build: refuse text that looks like personal data of private persons.

Rules (each hit is reported as path:line with the rule, in Albanian):
- `nid`: an Albanian personal ID number: a letter, 8 digits, a letter, in any case, written together or with
  spaces, dots or dashes ("J55101234A", "J 5510 1234 A", "J-55101234-A"); two years joined ("i 2018-2020 u")
  are not one;
- `telefon`: an Albanian phone number, mobile or landline, with +355, 00355 or the leading 0, its digits grouped
  by spaces, dots, dashes, slashes or with the area code in brackets ("069.123.4567", "(04) 2223333",
  "+355(0)69 123 4567", "052 222 333"), other than the official contacts in `content/_data/contacts.yml`.
  It needs 8 or 9 digits after the 0 (or after +355), so short numbers (116 111, 129, counts, years) never match;
  a date that starts with a zero ("05.11.2021") is not read as a number, nor is anything that continues a
  longer number, date or code;
- `email`: an e-mail address outside institutional domains (`.gov.al` and those listed in the allow-list);
- `datelindje`: a date of birth: a cue ("datëlindja", "ditëlindja", "data e lindjes", "lindur (më/në)", "d.l.",
  with or without ë and in any case) followed by a year, a date in figures ("1.2.1990", "01/02/90", "1990-02-01")
  or with the month's Albanian name ("12 mars 2005", "3 Nëntor 1999", "1 janarit 2001"); a date without a cue is
  an ordinary date;
- `sekret`: a secret-looking token: a private key, an access token of the common hosts (GitHub, AWS, Slack, Google,
  Stripe, a JWT), a password written out;
- `emer`: a name from the private deny-list, a file kept outside the repository (path in `KRAT_PRIVACY_DENYLIST`).
Every text is read as a reader sees it first (`krat.content.normalize.seen_as`): a number with no-break spaces,
other dashes, invisible characters between its digits, look-alike letters or `&#…;` references is the same number.
A reviewed allow-list (`content/_data/privacy-allow.yml`: text, reason) silences a false positive; for ID and
phone numbers it matches however the number is grouped.

The guard runs over every published file of every build, so each pattern runs only on a text where a cheap
necessary condition (`_may_match`) finds something. `guard_problems` reports hits as the build's problems
(krat.content.catalog decides which texts it reads: everything marked public, drafts included, and hand-written pages).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from krat.content.frontmatter import read_list
from krat.content.normalize import seen_as
from krat.content.problems import ContentError, Problem
from krat.content.text import fold

INSTITUTIONAL_DOMAINS = ("gov.al",)
DATA_DIR = "_data"  # as in krat.content.catalog, which imports this module
CONTACTS_FILE = "contacts.yml"
PRIVACY_HINT = (
    "hiqeni nga teksti publik, ose, nëse nuk është e dhënë personale, shtojeni te content/_data/privacy-allow.yml "
    "me arsyen (reason)"
)

NID = re.compile(
    r"""
    (?<!\w) [A-Za-z] [ .-]?               # the first letter, a word of its own, maybe followed by a separator
    (?! (?:19|20)\d\d [ .-] (?:19|20)\d\d (?!\d) )   # not two years joined: "Plani i 2018-2020 u miratua"
    \d (?: [ .-]? \d ){7}                 # eight digits, together or in groups: 55101234, 5510 1234, 5510-1234
    [ .-]? [A-Za-z] (?!\w)                # the last letter
    """,
    re.VERBOSE | re.ASCII,
)
SEPARATOR = r"[ \t]?[./)-]?[ \t]?"  # between digit groups: a space, a dot, a dash, a slash, ") ", " - "
PHONE = re.compile(
    rf"""
    (?= [+(0] )                           # starts with "+", "(" or "0" (said first: the engine skips to them)
    (?<![\w+]) (?<!\d[./-])               # not the tail of a longer number, a date, a code or an id (12.069…,
                                          #   2018-02…, a UUID's 246a0351-5865-…)
    (?:
        (?:\+|00[ \t]?)355 [ \t.-]?       # the country code (00 355 as a word processor spaces it),
        (?: \(0\)[ \t.-]? | 0 )?          #   sometimes with the trunk 0 as well: +355(0)69…, +355 069…
      | \(? 0                             # or the trunk 0, the area code maybe in brackets: (069), (04)
        (?! [2-9][./-][01]?\d[./-](?:19|20)?\d\d (?!\d|[./-]\d)   # but not a date: 05.11.2021, 05/11/21
          | [2-9][./-](?:19|20)\d\d (?!\d) )                      # or a month: 05.2018
    )
    [2-9] (?: {SEPARATOR} \d ){{7,8}} (?!\w)   # 8 or 9 digits: 69 123 4567 (mobile), 4 222 3333, 52 222 333
    """,
    re.VERBOSE | re.ASCII,
)
EMAIL = re.compile(r"[\w.+-]+@((?:[\w-]+\.)+[A-Za-z]{2,})")
E = r"[eë]\u0308?"  # e or ë, also ë typed as e and a combining diaeresis (as some systems copy it)
MONTHS = rf"(?:janar|shkurt|mars|prill|maj|qershor|korrik|gusht|shtator|tetor|n{E}ntor|dhjetor)(?:it|i)?"
DATE_OF_BIRTH = re.compile(
    rf"""
    \b (?: dat{E}lindj\w* | dit{E}lindj\w*                              # datëlindja, datelindje, ditëlindja
         | (?:e|i|s{E}|t{E}) [ \t]+ lindjes                             # data e lindjes, viti i lindjes
         | lindur                                                       # (i/e) lindur
         | d\.[ \t]?l\. )                                               # d.l.
    [^\w\n]{{0,3}}
    (?: (?:m{E}|n{E}) (?:[ \t]+(?:dat{E}n|vitin))? [^\w\n]{{1,3}} )?    # më, me, në, më datën, në vitin
    (?: \d{{1,2}}[./-]\d{{1,2}}[./-](?:19|20)?\d\d                      # 1.2.1990, 01/02/90
      | (?:\d{{1,2}}\.?[ \t]+)? {MONTHS} [ \t]+ (?:19|20)\d\d            # 12 mars 2005, marsit 2005
      | (?:19|20)\d\d (?:[./-]\d{{1,2}}[./-]\d{{1,2}})? )                # 1990, 1990-02-01
    \b
    """,
    re.VERBOSE | re.IGNORECASE,
)
RULES = {
    "nid": (NID, "duket si numër personal ID"),
    "telefon": (PHONE, "duket si numër telefoni privat (lejohen vetëm kontaktet zyrtare)"),
    "email": (EMAIL, "adresë e-mail jo institucionale"),
    "datelindje": (DATE_OF_BIRTH, "duket si datëlindje"),
}

# Secret-looking tokens, each with the lowercase words one of its matches must contain: the pattern runs only on a
# text that has one (most pages have none, and a case-insensitive pattern tried at every position is slow).
SECRETS = {
    "çelës privat": (("private key",), re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")),
    "token GitHub": (
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
        re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})"),
    ),
    "çelës AWS": (("akia", "asia"), re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    "token Slack": (("xox",), re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}")),
    "çelës Google": (("aiza",), re.compile(r"\bAIza[0-9A-Za-z_-]{35}")),
    "çelës Stripe": (("_live_",), re.compile(r"\b[rs]k_live_[0-9A-Za-z]{20,}")),
    "token JWT": (("eyj",), re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")),
    "fjalëkalim": (
        ("pass", "pwd", "secret", "api", "token", "fjalekalim", "fjalëkalim"),
        re.compile(
            r"(?i)\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|fjal[eë]kalim\w*)\s*[:=]\s*"
            r"['\"]?[^\s'\"<]{6,}"
        ),
    ),
}


# A necessary condition per rule, much cheaper than the rule's pattern: every text the pattern can match contains
# something the gate finds. The gates for numbers start with a digit (or "+", "(", "0"), which the regex engine
# skips to quickly, while the ID pattern starts with a letter, tried at almost every position of the text, and the
# phone pattern checks what comes before a number. Numbers are matched in ASCII (re.ASCII: \d is 0-9), as staff
# type them, so gate and pattern agree.
NID_GATE = re.compile(r"\d(?:[ .-]?\d){7}[ .-]?[A-Za-z](?!\w)", re.ASCII)
PHONE_GATE = re.compile(r"[+(0](?:[^\d\n]{0,3}\d){8}", re.ASCII)


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

    def scan(
        self, text: str, first_line: int = 1, rules: tuple[str, ...] = (*RULES, "emer", "sekret"), seen: bool = False
    ) -> list[Hit]:
        """Every hit of `rules` in `text`, whose first line is line `first_line` of its file; `seen` says the
        text is already normalised as a reader sees it (`seen_as`: the output gate does it once per file).

        Patterns run over the whole text at once (hits are rare), only when a cheap test says they can match,
        and the text is folded only when there are names to look for: this runs on every published file of every
        build.
        """
        hits = []
        if not seen:
            text = seen_as(text)  # as a reader sees it: no-break spaces, other dashes, look-alikes, &#…; references
        lowered = text.lower()
        for rule, (pattern, message) in RULES.items():
            if rule not in rules or not _may_match(rule, text, lowered):
                continue
            for match in pattern.finditer(text):
                if not self._allowed(rule, match):
                    hits.append(Hit(first_line + text.count("\n", 0, match.start()), rule, match.group(0), message))
        if "sekret" in rules:
            hits += _secrets(text, lowered, first_line)
        if self.denied_names and "emer" in rules:
            folded = fold(text)
            for name in self.denied_names:
                if name in self.allowed_texts:
                    continue
                for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", folded):
                    line = first_line + folded.count("\n", 0, match.start())
                    hits.append(Hit(line, "emer", name, "emër nga lista private e personave që nuk publikohen"))
        return sorted(hits, key=lambda hit: hit.line)

    def _allowed(self, rule: str, match: re.Match) -> bool:
        """True when the allow-list, the official numbers or the allowed domains silence this match."""
        found = match.group(0)
        if fold(found) in self.allowed_texts:
            return True
        grouped_alike = {_compact(text) for text in self.allowed_texts}  # "K 1234 5678 L" is "K12345678L"
        if rule in ("nid", "telefon") and _compact(found) in grouped_alike:
            return True
        if rule == "telefon":
            official = {_national(number) for number in self.official_numbers}
            return _national(re.sub(r"\D", "", found)) in official
        if rule == "email":
            domain = match.group(1).lower()
            return any(domain == allowed or domain.endswith("." + allowed) for allowed in self.allowed_domains)
        return False


def _secrets(text: str, lowered: str, first_line: int) -> list[Hit]:
    """Every secret-looking token in `text` (SECRETS), a pattern tried only where its words are."""
    hits = []
    for name, (words, pattern) in SECRETS.items():
        if any(word in lowered for word in words):
            for match in pattern.finditer(text):
                line = first_line + text.count("\n", 0, match.start())
                hits.append(Hit(line, "sekret", match.group(0)[:40], f"duket si {name}, që nuk publikohet kurrë"))
    return hits


def _may_match(rule: str, text: str, lowered: str) -> bool:
    """False when `rule` cannot match `text`: an ID number needs 8 digits and a letter after them, a phone number
    a "+", "(" or "0" and 8 digits after it, an e-mail "@", a date of birth one of its cues ("lind", "d.l.")."""
    if rule == "nid":
        return NID_GATE.search(text) is not None
    if rule == "telefon":
        return PHONE_GATE.search(text) is not None
    if rule == "email":
        return "@" in text
    if rule == "datelindje":
        return "lind" in lowered or any(cue in lowered for cue in ("d.l", "d. l", "d.\tl"))
    return True


def _compact(text: str) -> str:
    """`text` folded, with only its letters and digits: how an ID or phone number compares however it is grouped."""
    return re.sub(r"[\W_]", "", fold(text))


def _national(digits: str) -> str:
    """A phone number's digits without the country code (355, 00355) and the trunk 0: +355 4 222 3333,
    +355 (0)4 222 3333 and 04 222 3333 are the same number; a short number (116 111) stays as it is."""
    return re.sub(r"^(?:00355|355)?0?", "", digits) if len(digits) >= 8 else digits


ALLOW_FILE = "privacy-allow.yml"


def load_guard(data_dir: Path, contacts: list[str] = (), shown_dir: str = "", denylist: Path | None = None) -> Guard:
    """The guard for a build: official contact numbers, the allow-list in `data_dir`, the private deny-list.
    Raises ContentError when the allow-list cannot be read (read like every data file: krat.content.frontmatter)."""
    allow, shown = [], f"{shown_dir or data_dir.as_posix()}/{ALLOW_FILE}"
    if (data_dir / ALLOW_FILE).exists():
        _, allow, problems = read_list(data_dir / ALLOW_FILE, shown)
        if not all(isinstance(entry, dict) for entry in allow):
            problems.append(
                Problem(shown, 1, "skedari", "çdo element: '- text: ...' ose '- domain: ...', me 'reason:'")
            )
        if problems:
            raise ContentError(problems)
    reviewed = [entry for entry in allow if entry.get("reason")]  # an entry without a reason is ignored
    allowed_texts = {fold(entry["text"]) for entry in reviewed if entry.get("text")}
    domains = INSTITUTIONAL_DOMAINS + tuple(entry["domain"].lower() for entry in reviewed if entry.get("domain"))
    names = []
    if denylist:
        names = [fold(line) for line in Path(denylist).read_text(encoding="utf-8").splitlines() if line.strip()]
    numbers = {re.sub(r"\D", "", number) for number in contacts}
    return Guard(numbers, domains, allowed_texts, names)


def guard_problems(items: Sequence, guard: Guard) -> list[Problem]:
    """The guard's hits in each item (anything with `path` and `text`: a record, plan, article, page, data file or
    a file's name), as the build reports them: "path:line: privatësia.<rule>: '<text>' <message>; <hint>".

    The file's text is read as written, and again as the page will show it (`shown_forms`): Markdown's escapes
    and emphasis and a line break inside a paragraph vanish on the page ('069 **427**\n1839' is one number), and
    YAML's escapes and folded lines are gone from the values. A hit found only there is reported at the line
    where its first digits or letters are written."""
    problems = []
    for item in items:
        hits = guard.scan(item.text)
        known = {(hit.rule, _compact(hit.text)) for hit in hits}
        for form in shown_forms(item):
            for hit in guard.scan(form):
                if (hit.rule, _compact(hit.text)) not in known:
                    known.add((hit.rule, _compact(hit.text)))
                    hits.append(Hit(_line_near(item.text, hit.text), hit.rule, hit.text, hit.message))
        problems += [
            Problem(item.path, hit.line, f"privatësia.{hit.rule}", f"'{hit.text}' {hit.message}; {PRIVACY_HINT}")
            for hit in hits
        ]
    return problems


MARKUP = re.compile(r"\\(?=[^\w\s])|[*_`~]|<[^>\n]*>")  # Markdown escapes and emphasis, inline HTML tags
SOFT_BREAK = re.compile(r"[ \t]*\n[ \t]*(?=\S)")  # a line break inside a paragraph: a space on the page
MAY_HIDE = re.compile(r"[\d@][ \t]*(?:[\\*_`~<]|\n[ \t]*[\d*_`~<\\])")  # markup or a break right after a digit
NOT_SHOWN = {"text", "body", "path", "src_uri", "lines", "body_line", "line"}


def shown_forms(item) -> list[str]:
    """The texts of `item` as a page shows them, where they differ from the file: its Markdown without markup,
    paragraphs on one line (only when markup or a break follows a digit, the cheap test); its front-matter's
    values as YAML reads them (escapes decoded, folded lines joined)."""
    forms = []
    if MAY_HIDE.search(item.text):
        forms.append(SOFT_BREAK.sub(" ", MARKUP.sub("", item.text)))
    values = "\n".join(_strings(vars(item), NOT_SHOWN)) if hasattr(item, "__dict__") else ""
    if values:
        forms.append(values)
    return forms


def _strings(value, skip: set[str] = frozenset()) -> list[str]:
    """Every text inside a value read from YAML (mappings, lists, an item's fields), keys in `skip` left out."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, inner in value.items() if key not in skip for text in _strings(inner)]
    if isinstance(value, list | tuple):
        return [text for inner in value for text in _strings(inner)]
    return []


def _line_near(text: str, found: str) -> int:
    """The line of `text` where the first run of letters or digits of `found` is written (1 when it is not)."""
    first = next(iter(re.findall(r"\w{2,}", seen_as(found))), "")
    position = seen_as(text).find(first) if first else -1
    return 1 + seen_as(text).count("\n", 0, position) if position >= 0 else 1
