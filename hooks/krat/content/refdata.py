"""Reference data from `content/_data/`: prefectures, institutions, topics and audiences, and lookups that forgive case
and missing diacritics ('Kukës', 'Kukes' and 'kukes' all resolve to the prefecture 'kukes').
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from krat import routes
from krat.content.dates import build_date
from krat.content.frontmatter import guarded, read_list
from krat.content.problems import ContentError, Problem
from krat.content.text import fold


@dataclass(frozen=True)
class Prefecture:
    """One of the twelve qarqe. `slug` is what paths and front-matter use."""

    slug: str
    name: str
    seat: str
    municipalities: tuple[str, ...]

    @property
    def url(self) -> str:
        return routes.prefecture(self.slug)


@dataclass(frozen=True)
class Institution:
    """An institution that sits on or works with a committee."""

    code: str
    name: str
    acronym: str = ""


@dataclass(frozen=True)
class Topic:
    """An entry of the controlled topic list."""

    slug: str
    name: str


@dataclass(frozen=True)
class Audience:
    """An entry of the controlled list of readers an awareness article is written for."""

    slug: str
    name: str


T = TypeVar("T")


class Lookup(Generic[T]):
    """Items by every name they may be written with, compared folded; keeps the file's order."""

    def __init__(self, items: list[T], key: str, *aliases: str):
        self.items = {getattr(item, key): item for item in items}
        self.keys = list(self.items)
        self._by_name = {}
        for item in items:
            for attribute in (key, *aliases):
                if getattr(item, attribute):
                    self._by_name[fold(getattr(item, attribute))] = item

    @property
    def spellings(self) -> list[str]:
        """Every name an item may be written with, folded: what `get` compares a value with."""
        return list(self._by_name)

    def get(self, value: str) -> T | None:
        return self._by_name.get(fold(value))

    def __iter__(self):
        return iter(self.items.values())

    def __getitem__(self, key: str) -> T:
        return self.items[key]


@dataclass
class ReferenceData:
    """What every converter may consult: the reference lists, and the build date (the range of accepted dates)."""

    prefectures: Lookup[Prefecture]
    institutions: Lookup[Institution]
    topics: Lookup[Topic]
    audiences: Lookup[Audience] = field(default_factory=lambda: Lookup([], "slug"))
    today: datetime.date = field(default_factory=build_date)


FILES = {
    "prefectures.yml": (Prefecture, ("slug", "name", "seat", "municipalities")),
    "institutions.yml": (Institution, ("code", "name")),
    "topics.yml": (Topic, ("slug", "name")),
    "audiences.yml": (Audience, ("slug", "name")),
}


def load_reference_data(data_dir: Path, shown_dir: str) -> ReferenceData:
    """Load the reference files; raise ContentError listing every problem in them (an unexpected failure on one
    file too, as a problem naming it: `guarded`)."""
    loaded, problems = {}, []
    for filename, (model, required) in FILES.items():
        shown = f"{shown_dir}/{filename}"
        items, found = guarded(shown, _load_list, data_dir / filename, shown, model, required)
        loaded[filename] = items or []
        problems += found
    if problems:
        raise ContentError(problems)
    return ReferenceData(
        prefectures=Lookup(loaded["prefectures.yml"], "slug", "name"),
        institutions=Lookup(loaded["institutions.yml"], "code", "acronym", "name"),
        topics=Lookup(loaded["topics.yml"], "slug", "name"),
        audiences=Lookup(loaded["audiences.yml"], "slug", "name"),
    )


def _load_list(path: Path, shown: str, model: type, required: tuple) -> tuple[list, list[Problem]]:
    """Read one YAML list of mappings into `model` objects, checking that required keys are present."""
    if not path.exists():
        return [], [Problem(shown, 1, "skedari", "mungon skedari i të dhënave të referencës")]
    document, entries, problems = read_list(path, shown)
    items, seen = [], {}
    for index, entry in enumerate(entries):
        line = document.line("entries", index)
        missing = [key for key in required if not isinstance(entry, dict) or not entry.get(key)]
        if missing:
            problems.append(Problem(shown, line, missing[0], "mungon te ky element"))
            continue
        unsafe = _unsafe_value(entry)
        if unsafe:
            problems.append(Problem(shown, document.line("entries", index, unsafe[0]), unsafe[0], unsafe[1]))
            continue
        twin = _twin(entry, seen, line)
        if twin:
            problems.append(Problem(shown, document.line("entries", index, twin[0]), twin[0], twin[1]))
            continue
        values = {key: entry.get(key) or "" for key in model.__dataclass_fields__}
        if "municipalities" in values:
            values["municipalities"] = tuple(values["municipalities"])
        items.append(model(**{key: value if isinstance(value, tuple) else str(value) for key, value in values.items()}))
    return items, problems


# Slugs and codes become addresses and file names (qarqet/<slug>/, kalendar/<slug>-mbledhjet.ics); names are shown
# on one line. Reference data is edited like content, so it is checked like content.
KEY_PATTERNS = {
    "slug": re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$"),
    "code": re.compile(r"^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*$"),
}


def _twin(entry: dict, seen: dict[str, tuple[str, int]], line: int) -> tuple[str, str] | None:
    """(key, message) when the entry's slug or code names the same address as an earlier entry's: addresses
    ignore case ('DVP' and 'dvp' are both institucionet/dvp/), so one page would replace the other."""
    for key in KEY_PATTERNS:
        if key in entry:
            folded = str(entry[key]).casefold()
            if folded in seen:
                other, other_line = seen[folded]
                return key, (
                    f"'{entry[key]}' jep të njëjtën adresë si '{other}' (rreshti {other_line}); adresat nuk dallojnë "
                    "shkronjat e mëdha nga të voglat: zgjidhni një tjetër ose hiqni njërin element"
                )
            seen[folded] = (str(entry[key]), line)
    return None


def _unsafe_value(entry: dict) -> tuple[str, str] | None:
    """(key, message) for a slug or code that is not a plain identifier, or a text that spans lines."""
    for key, pattern in KEY_PATTERNS.items():
        if key in entry and not pattern.match(str(entry[key])):
            return key, f"'{entry[key]}' duhet të ketë vetëm shkronja pa ë/ç, shifra dhe '-'"
        if key in entry and str(entry[key]).casefold() == "index":  # its page would be the list's own (temat/)
            return key, "'index' është adresa e faqes së listës; zgjidhni një emër tjetër"
    for key, value in entry.items():
        if isinstance(value, str) and ("\n" in value or "\r" in value):
            return key, "duhet të jetë në një rresht"
    return None
