"""Turn a plain meeting text into a record (`krat import`).

A text copied from a prefecture website or saved from a word processor says, somewhere, when the committee met,
in which prefecture, which committee (KRAT, TTAT) and what kind of meeting it was. This module finds those
facts in the forms Albanian texts write them — with or without ë/ç, names inflected ('Kukësit', 'Korçës') —
keeps the text as Markdown, and renders a record whose every guess is listed under `verify` (the field and why it
needs checking), a field the web editor shows and keeps, where a comment would be lost on the first save. Options
given on the command line always win over detection. Imported records stay `internal`, with `visibility` itself
under `verify`, until a person has read them, removed `verify` and set `public` (the build refuses a public record
with anything left to verify).

Pure functions: bytes and options in, the record's path and text out (`import_text`). No MkDocs, no files
written; `krat import` in cli.py reads, shows progress and writes.
"""

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from krat.content.dates import MONTHS, PartialDate, parse_partial_date
from krat.content.refdata import Prefecture, ReferenceData
from krat.content.schema import BODIES, RECORD_FIELDS
from krat.content.text import SLUG_STOPWORDS, fold, fold_each, inflections, split_sentences
from krat.tools.plaintext import UndecodableText, decode_text, paragraphs, strip_html, to_markdown
from krat.tools.recordfile import (
    Entry,
    date_option,
    kind_option,
    prefecture_forms,
    prefecture_option,
    record_src_uri,
    render_record,
)

VISIBILITY_NOTE = (
    "mbetet 'internal' (vetëm për anëtarët) derisa një person ta lexojë; vendosni 'public' për ta publikuar"
)

# --- what Albanian texts look like (patterns run on folded text: lower case, ë→e, ç→c) --------------------

MONTH_NUMBER = {fold(month): number for number, month in enumerate(MONTHS, start=1)}
MONTH_WORD = "|".join(MONTH_NUMBER)
DATE_FORMS = [  # each with a function giving (year, month, day) from the match
    (
        re.compile(r"\b(\d{1,2})\s*([./-])\s*(\d{1,2})\s*\2\s*((?:19|20)\d{2})\b"),
        lambda m: (m[4], m[3], m[1]),
    ),
    (re.compile(r"\b((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})\b"), lambda m: (m[1], m[2], m[3])),
    (
        re.compile(rf"\b(\d{{1,2}})(?:\s*-?\s*te)?\.?\s+(?:e\s+)?({MONTH_WORD})\w*\.?,?\s+((?:19|20)\d{{2}})\b"),
        lambda m: (m[3], MONTH_NUMBER[m[2]], m[1]),
    ),
]
# Words that introduce the meeting's date: "Me datë", "më", "Sot, datë", "dt.", a weekday ("e hënë").
DATE_CUE = re.compile(r"\b(?:date|data|daten|dt|me|sot|dite|hene|marte|merkure|enjte|premte|shtune|diel)\b[\s.,:]*$")
# A date that belongs to a cited act, not to the meeting: "Urdhri nr. 6, datë 10.01.2017", "VKM nr. 670, datë ...".
REFERENCE = re.compile(r"\bnr\.?\s*[\d/.-]+,?\s*(?:e\s+)?(?:date|dt|daten)?\.?\s*$")
DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:\s*-?\s*te)?\.?\s+(?:e\s+)?({MONTH_WORD})\w*")
URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})(?:[/-](\d{1,2}))?(?=[/-]|$)")
TIME = re.compile(r"\b(?:ora|oren|ores|ore)\b\s*:?\s*(\d{1,2})(?:\s*[.:]\s*(\d{2}))?\b")

# A place name counts as "the meeting's prefecture" most when it follows "Qarku(t)", "Prefekt(ura/i)", "KRAT",
# "Antitrafik" ("Komiteti Rajonal Antitrafik i Beratit").
PLACE_CUE = re.compile(
    r"\b(?:qark\w*|prefekt\w*|krat[\w-]*|ttat[\w-]*|anti\s*-?\s*trafik\w*)(?:\s+(?:i|e|te|se|ne))?[\s,]*$"
)

BODY_NAMES = {  # KRAT and TTAT under all their names, acronyms with suffixes ('KRAT-it', 'TTAT-i')
    "KRAT": re.compile(
        r"\bkrat(?:i|it|in)?\b|\bkomitet\w*\s+(?:rajonal|anti\s*-?\s*trafik|(?:i\s+|te\s+)?(?:luftes\s+)?kunder\s+trafik)"
    ),
    "TTAT": re.compile(r"\btt(?:at)?(?:i|it|in)?\b|\b(?:tryez|tavolin)\w*\s+teknik"),  # 'TT' too
}
KIND_SIGNS = [  # first match wins: reviews before campaigns, since reviews report awareness work too
    ("half-year-review", re.compile(r"\b(?:6|gjashte)\s*-?\s*mujor|\bsemestr")),
    ("quarter-review", re.compile(r"\b(?:3|tre)\s*-?\s*mujor")),
    ("annual-review", re.compile(r"\bvjetor|\banaliz\w*\b.{0,120}?\bviti[nt]?\s+(?:19|20)\d{2}")),
    ("campaign", re.compile(r"\bfushat|\bndergjegjes|\bsensibiliz")),
]
CAMPAIGN = KIND_SIGNS[-1][1]

# The Prefect by name: "Prefekti i Qarkut Durrës Z.Emiljan Jani", "Prefekti i qarkut Kukes z Zenel Kuçana",
# "Prefekti Qarkut Durrës Z. Emiljan Jani", "Prefekti i qarkut Gjirokastër z. Odise KOTE" (surname in capitals).
NAME = r"([A-ZÇË][a-zçë]+(?:[ \t]+[A-ZÇË](?:[a-zçë]+|[A-ZÇË]+)){1,2})"
CHAIR = re.compile(
    r"(?i:\bprefekt(?:i|ja|it|es|en|in|e)?\b"
    r"(?:[ \t]+(?:i|e|t[eë]|s[eë])[ \t]+(?:qark(?:u|ut)[ \t]+)?\w+|[ \t]+qark(?:u|ut)[ \t]+\w+)?)"
    rf"[ \t,:]*(?:(?i:z|znj|zoti|zonja)\.?[ \t]*)?{NAME}"
)
NOT_A_NAME = {
    "drejtoria", "policia", "bashkia", "institucioni", "komiteti", "tryeza", "zyra", "qarkut", "plani",
}  # fmt: skip

# Lines above the title that name the institution or the place and date ("PREFEKTI I QARKUT KUKES",
# "Kukes 16.02.2018", "Njoftim për shtyp"): every word is one of these (or a prefecture's name).
HEADER_WORDS = {
    "republika", "shqiperise", "shqiperia", "prefekti", "prefektura", "prefektures", "institucioni",
    "prefektit", "qarkut", "qarku", "ministria", "njoftim", "njoftime", "shtyp", "shtypit", "media", "median",
    "mediat", "lajme", "lajm", "komunikate", "zyra", "publikuar", "e", "i", "te", "se", "per", "dhe", "me",
    "ne", "date", "data", "ora",
}  # fmt: skip
NARRATIVE = re.compile(
    r"\b(?:u\s+(?:zhvillua|mbajt|organizua|mblodh|realizua|diskutua|miratua)|zhvilloi|organizoi|mblodhi|mbajti)\b"
)
HEADER_LINES = 4  # how far down a title may start
TITLE_LIMIT = 120  # characters of a title taken from the first sentence


@dataclass
class ImportOptions:
    """What staff give on the command line; every option given wins over what the text says."""

    source_url: str = ""
    prefecture: str = ""
    date: str = ""
    kind: str = ""
    title: str = ""


@dataclass
class Guess:
    """A value found for a field, and why staff should check it ('' when the text or an option says it plainly)."""

    value: object
    doubt: str = ""


@dataclass
class Lead:
    """A text split at its title: lines above it (institution, place and date), the title ('' if none), the rest."""

    header: list[str]
    title: str
    body: list[str]


@dataclass
class ImportResult:
    """One imported record: where it goes under content/, its text, notices for stderr, how many guesses."""

    src_uri: str
    text: str
    notices: list[str] = field(default_factory=list)
    doubts: int = 0


class ImportFailed(Exception):
    """The text cannot become a valid record; the message is Albanian and names the file."""


# --- the whole import ---------------------------------------------------------------------------------------


def import_text(raw: bytes, name: str, options: ImportOptions, refdata: ReferenceData) -> ImportResult:
    """Turn the bytes of the plain-text file `name` into a record; raise ImportFailed when it cannot."""
    text, notices = readable_text(raw, name)
    lines = paragraphs(text)
    if not lines:
        raise ImportFailed(f"{name}: skedari nuk ka tekst")
    lead = split_lead(lines, refdata)
    guesses = detect_fields(lead, options, refdata, name)
    header = [
        f"Importuar nga '{name}' me 'krat import'. Çdo pikë te 'verify' shënon një vlerë që programi e gjeti",
        "vetë: krahasojeni me tekstin, ndreqeni nëse duhet, pastaj hiqeni pikën; kur s'mbetet asnjë, hiqni 'verify'.",
    ]
    if lead.header:
        header.append("Krye e tekstit origjinal: " + " | ".join(lead.header))
    entries = record_entries(guesses, options.source_url or name)
    values = {key: guess.value for key, guess in guesses.items()}
    src_uri = record_src_uri(values["prefecture"], values["date"], values["title"], values["kind"])
    text = render_record(entries, to_markdown(lead.body), header)
    return ImportResult(src_uri, text, notices, sum(1 for guess in guesses.values() if guess.doubt))


def check_options(options: ImportOptions, refdata: ReferenceData) -> None:
    """Raise OptionError for a wrong --prefecture, --date or --kind, before any file is read."""
    if options.prefecture:
        prefecture_option(options.prefecture, refdata)
    if options.date:
        date_option(options.date)
    if options.kind:
        kind_option(options.kind)


def readable_text(raw: bytes, name: str) -> tuple[str, list[str]]:
    """Decoded text without raw HTML, and Albanian notices about any conversion done on the way."""
    try:
        text, converted_from = decode_text(raw)
    except UndecodableText as error:
        raise ImportFailed(f"{name}: {error}") from None
    notices = []
    if converted_from:
        notices.append(
            f"{name}: teksti nuk ishte në UTF-8; u lexua si {converted_from} dhe u shndërrua në UTF-8 "
            "(kontrolloni shkronjat ë dhe ç)"
        )
    text, had_html = strip_html(text)
    if had_html:
        notices.append(f"{name}: u hoq HTML nga teksti (etiketat dhe skriptet); mbeti vetëm teksti")
    return text, notices


def detect_fields(lead: Lead, options: ImportOptions, refdata: ReferenceData, name: str) -> dict[str, Guess]:
    """Every field the importer fills: the option when given, else what the text (or the source URL) says."""
    whole = "\n".join([*lead.header, lead.title, *lead.body])
    folded = fold_each(whole)
    header_end = len("\n".join(lead.header))
    url = options.source_url
    date = _given_or(options.date, date_option, lambda: detect_date(folded, header_end) or date_from_url(folded, url))
    if date is None:
        raise ImportFailed(
            f"{name}: data e takimit nuk u gjet në tekst as në adresën e burimit; jepeni me "
            "--date VVVV-MM-DD (ose VVVV-MM, VVVV kur dihet vetëm muaji ose viti)"
        )
    prefecture = _given_or(
        options.prefecture,
        lambda value: prefecture_option(value, refdata),
        lambda: detect_prefecture(folded, url, refdata),
    )
    if prefecture is None:
        raise ImportFailed(
            f"{name}: qarku nuk u gjet në tekst as në adresën e burimit; jepeni me --prefecture, "
            "p.sh. --prefecture kukes"
        )
    lead_text = fold(lead.title or lead.body[0])
    guesses = {
        "title": _given_or(options.title, str.strip, lambda: detect_title(lead, refdata)),
        "date": date,
        "time": detect_time(folded),
        "prefecture": prefecture,
        "bodies": detect_bodies(folded),
        "kind": _given_or(options.kind, kind_option, lambda: detect_kind(lead_text, folded)),
        "chair": detect_chair(whole, prefecture.value),
    }
    return {key: guess for key, guess in guesses.items() if guess is not None}


def _given_or(option: str, parse: Callable, detect: Callable) -> Guess | None:
    return Guess(parse(option)) if option else detect()


def record_entries(guesses: dict[str, Guess], source: str) -> list[Entry]:
    """Front-matter entries in RECORD_FIELDS order; every guess with a doubt is an item of `verify`."""
    fixed = {"visibility": Guess("internal", VISIBILITY_NOTE), "source": Guess(source)}
    entries, verify = [], []
    for schema_field in RECORD_FIELDS:
        if schema_field.name == "verify":
            entries.append(Entry("verify", verify))  # filled below: it comes after the fields it names
            continue
        guess = guesses.get(schema_field.name) or fixed.get(schema_field.name)
        if guess is None:
            continue
        value = guess.value.slug if isinstance(guess.value, Prefecture) else guess.value
        entries.append(Entry(schema_field.name, value))
        if guess.doubt:
            verify.append({"field": schema_field.name, "note": guess.doubt})
    return entries


# --- date and time ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FoundDate:
    position: int
    date: PartialDate
    cued: bool


def find_dates(folded: str) -> list[FoundDate]:
    """Every valid full date in the text, in text order, except those of cited acts ("nr. 6, datë ...");
    `cued` when "më", "datë", "Sot, ..." introduce it."""
    found = {}
    for pattern, parts in DATE_FORMS:
        for match in pattern.finditer(folded):
            date = _valid_date(*parts(match))
            before = folded[max(0, match.start() - 40) : match.start()]
            if date is not None and not REFERENCE.search(before):
                cued = bool(DATE_CUE.search(before[-25:]))
                found.setdefault(match.start(), FoundDate(match.start(), date, cued))
    return [found[position] for position in sorted(found)]


def _valid_date(year, month, day) -> PartialDate | None:
    try:
        return parse_partial_date(f"{int(year):04d}-{int(month):02d}-{int(day):02d}")
    except ValueError:
        return None


def detect_date(folded: str, header_end: int) -> Guess | None:
    """The meeting's date: the first one introduced by a cue ("Me datë ...") or standing in the header lines,
    else the first date of the text (then with a doubt, as when the text gives other dates too)."""
    found = find_dates(folded)
    if not found:
        return None
    plain = [item for item in found if item.cued or item.position < header_end]
    chosen = (plain or found)[0]
    others = sorted({item.date.iso for item in (plain or found)} - {chosen.date.iso})
    doubt = "" if plain else "data u gjet në tekst pa 'më'/'datë' para saj"
    if others:
        doubt = "; ".join(filter(None, [doubt, f"u zgjodh e para; teksti jep edhe {', '.join(others)}"]))
    return Guess(chosen.date, doubt)


def date_from_url(folded: str, url: str) -> Guess | None:
    """The source URL's date; when the text gives the day and month without a year ("Më 19 shkurt, ..."),
    those with the URL's year."""
    found = url_date(url)
    if found is None:
        return None
    for match in DAY_MONTH.finditer(folded):
        date = _valid_date(found.value.year, MONTH_NUMBER[match[2]], match[1])
        if date and DATE_CUE.search(folded[max(0, match.start() - 25) : match.start()]):
            return Guess(date, "dita dhe muaji nga teksti, viti nga adresa e burimit")
    return found


def url_date(url: str) -> Guess | None:
    """A /YYYY/MM/DD/ (or /YYYY/MM/) date in the source URL's path: the publication date, so marked for checking."""
    match = URL_DATE.search(urlsplit(url).path) if url else None
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        date = parse_partial_date(f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else ""))
    except ValueError:
        return None
    return Guess(date, "data u mor nga adresa e burimit: është data e publikimit, jo domosdo e takimit")


def detect_time(folded: str) -> Guess | None:
    """The first "ora 11.00" / "në orën 10:30" / "ora 9" of the text, as "HH:MM"."""
    for match in TIME.finditer(folded):
        hour, minute = int(match[1]), int(match[2] or 0)
        if hour <= 23 and minute <= 59:
            return Guess(f"{hour:02d}:{minute:02d}")
    return None


# --- prefecture ---------------------------------------------------------------------------------------------


def detect_prefecture(folded: str, url: str, refdata: ReferenceData) -> Guess | None:
    """The prefecture named after "Qarku"/"Prefektura"/"KRAT" most often, else the one in the source URL's host,
    else the one the text names most often."""
    forms = prefecture_forms(refdata)
    cued, total = _count_mentions(folded, forms)
    host = host_prefecture(url, forms)
    ranked = sorted(total, key=lambda slug: (cued[slug], total[slug]), reverse=True)
    if ranked and cued[ranked[0]]:
        chosen = refdata.prefectures[ranked[0]]
        also = [slug for slug in ranked[1:] if cued[slug]]
        doubts = [f"teksti përmend edhe {_names(refdata, also)}"] if also else []
        if host and host != chosen:
            doubts.append(f"adresa e burimit tregon {host.name}")
        return Guess(chosen, "; ".join(doubts))
    if host:
        others = _names(refdata, [slug for slug in ranked if slug != host.slug])
        return Guess(host, f"u mor nga adresa e burimit; teksti përmend {others}" if others else "")
    if ranked:
        counts = ", ".join(f"{refdata.prefectures[slug].name} {total[slug]} herë" for slug in ranked)
        return Guess(refdata.prefectures[ranked[0]], f"u gjet vetëm nga emrat në tekst ({counts})")
    return None


def _count_mentions(folded: str, forms: dict[str, Prefecture]) -> tuple[Counter, Counter]:
    pattern = re.compile(r"\b(" + "|".join(sorted(forms, key=len, reverse=True)) + r")\b")
    cued, total = Counter(), Counter()
    for match in pattern.finditer(folded):
        slug = forms[match[1]].slug
        total[slug] += 1
        cued[slug] += bool(PLACE_CUE.search(folded[max(0, match.start() - 40) : match.start()]))
    return cued, total


def host_prefecture(url: str, forms: dict[str, Prefecture]) -> Prefecture | None:
    """The prefecture whose name appears in the URL's host ('prefektura-kukes.gov.al', 'prefekturakukes...')."""
    host = fold(urlsplit(url if "//" in url else "//" + url).hostname or "") if url else ""
    found = {prefecture for form, prefecture in forms.items() if form in host}
    return found.pop() if len(found) == 1 else None


def _names(refdata: ReferenceData, slugs: list[str]) -> str:
    return ", ".join(refdata.prefectures[slug].name for slug in slugs)


# --- committees, kind, chair ----------------------------------------------------------------------------------


def detect_bodies(folded: str) -> Guess:
    """KRAT and/or TTAT as the text names them; KRAT, marked for checking, when it names neither."""
    bodies = [body for body in BODIES if BODY_NAMES[body].search(folded)]
    if bodies:
        return Guess(bodies)
    return Guess(["KRAT"], "teksti nuk e emërton komitetin (KRAT apo TTAT); u vendos KRAT")


def detect_kind(lead: str, folded: str) -> Guess:
    """The kind named in the title (or the first paragraph when there is no title). Else a review named anywhere
    in the text, with a doubt; else a meeting, with a doubt — also when only the body speaks of awareness work,
    which reviews and meetings report too."""
    for kind, sign in KIND_SIGNS:
        if sign.search(lead):
            return Guess(kind)
    for kind, sign in KIND_SIGNS[:-1]:
        found = sign.search(folded)
        if found:
            return Guess(kind, f"u gjet '{found.group(0)[:40]}' në tekst, jo në titull")
    campaign = CAMPAIGN.search(folded)
    hint = f"; teksti përmend '{campaign.group(0)}…': nëse ishte fushatë, vendosni campaign" if campaign else ""
    return Guess("meeting", f"teksti nuk thotë analizë (vjetore, 6-mujore, 3-mujore) as fushatë; u vendos takim{hint}")


def detect_chair(text: str, prefecture: Prefecture) -> Guess | None:
    """The Prefect named in the text ("Prefekti i Qarkut Durrës Z.Emiljan Jani"), as the meeting's chair."""
    for match in CHAIR.finditer(text):
        words = [word.capitalize() if word.isupper() else word for word in match[1].split()]
        while words and fold(words[-1]) in SLUG_STOPWORDS:
            words.pop()
        if len(words) >= 2 and fold(words[0]) not in NOT_A_NAME:
            female = re.search(r"prefektj|\bznj|\bzonja", fold(match[0]))
            role = f"Prefektja e Qarkut {prefecture.name}" if female else f"Prefekti i Qarkut {prefecture.name}"
            snippet = " ".join(match[0].split())
            doubt = f"nga teksti '{snippet}': kontrolloni emrin dhe nëse e drejtoi vetë takimin"
            return Guess({"name": " ".join(words), "role": role}, doubt)
    return None


# --- title and lead -------------------------------------------------------------------------------------------


def split_lead(lines: list[str], refdata: ReferenceData) -> Lead:
    """Split off the header lines and the title, when the text starts with them; the rest is the body."""
    places = place_words(refdata)
    header = []
    for index, line in enumerate(lines[:HEADER_LINES]):
        if is_header(line, places):
            header.append(line)
        elif index + 1 < len(lines) and is_heading(line):
            return Lead(header, line, lines[index + 1 :])
        else:
            break
    if len(header) == len(lines):  # nothing but header lines: they are the text
        return Lead([], "", lines)
    return Lead(header, "", lines[len(header) :])


def place_words(refdata: ReferenceData) -> set[str]:
    """Folded words of every prefecture, seat and municipality name in their inflections ('peshkopi', 'korces')."""
    names = [name for item in refdata.prefectures for name in (item.name, item.seat, *item.municipalities)]
    return {form for name in names for word in name.split() if len(word) > 2 for form in inflections(word)}


def is_header(line: str, places: set[str]) -> bool:
    """An institution or place-and-date line: 'PREFEKTI I QARKUT KUKES', 'Kukes 16.02.2018'."""
    folded = fold(line)
    for pattern, _ in DATE_FORMS:
        folded = pattern.sub(" ", folded)
    words = re.findall(r"[a-z]+", folded)
    return len(words) <= 12 and all(word in HEADER_WORDS or word in places for word in words)


def is_heading(line: str) -> bool:
    """A title line: one short sentence (a final period allowed) or all capitals; not a narrative opening."""
    folded = fold(line)
    if line.endswith(":") or len(line) > 200 or find_dates(folded):
        return False
    if _all_caps(line):
        return True
    if line.endswith(".") and NARRATIVE.search(folded):
        return False
    return not re.search(r"[.!?]\s+\S", line.rstrip(".!? "))


def _all_caps(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def detect_title(lead: Lead, refdata: ReferenceData) -> Guess:
    """The heading line without its final period (capitals turned to sentence case), else the first sentence."""
    if not lead.title:
        sentence = split_sentences(without_dateline(lead.body[0], place_words(refdata)))[0].rstrip(". ")
        if len(sentence) > TITLE_LIMIT:
            sentence = sentence[: TITLE_LIMIT - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        return Guess(sentence, "teksti nuk ka titull; u mor fjalia e parë: shkruani një titull të shkurtër")
    title = lead.title.rstrip(" .")
    if _all_caps(title):
        return Guess(sentence_case(title, refdata), "titulli ishte me shkronja të mëdha: kontrolloni emrat")
    doubt = "rreshti i parë u mor si titull" if lead.title.endswith(".") else ""
    return Guess(title, doubt)


def without_dateline(line: str, places: set[str]) -> str:
    """'Korçë, 18 Tetor 2019 – Në kuadër ...' → 'Në kuadër ...': a leading place and date is no title."""
    folded = fold_each(line)
    for pattern, _ in DATE_FORMS:
        match = pattern.search(folded, 0, 60)
        if match and is_header(line[: match.end()], places):
            rest = line[match.end() :].lstrip(" .,:;–—-")
            return rest[:1].upper() + rest[1:] if rest else line
    return line


def sentence_case(line: str, refdata: ReferenceData) -> str:
    """'KRAT KUKËS MIRATON PLANIN' → 'KRAT Kukës miraton planin': acronyms stay, place names are capitalised."""
    acronyms = {fold(body) for body in BODIES} | {
        fold(item.acronym) for item in refdata.institutions if item.acronym.isupper()
    }
    places = place_words(refdata)

    def word(match: re.Match) -> str:
        token = match.group(0)
        if fold(token) in acronyms:
            return token
        return token.capitalize() if fold(token) in places else token.lower()

    cased = re.sub(r"\w+", word, line)
    return cased[:1].upper() + cased[1:]
