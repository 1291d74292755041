"""Text as a reader sees it, for the privacy guard and the output gate: one form for every way of writing the same
number, address or word.

`seen_as` turns a text into the form the guard's patterns are written for:
- HTML character references decoded (`&#48;&#54;&#57;` is shown as 069, `&commat;` as @), and the escapes of an
  address (`%2B355`, `%40`) as a browser decodes them;
- Unicode NFKC (fullwidth ０６９ and ＠, ligatures, superscripts become their plain letters and digits);
- invisible and formatting characters removed (zero-width spaces and joiners, word joiners, soft hyphens,
  direction marks): a reader sees the digits on either side as one number;
- every kind of space one space, every kind of dash one '-', digits of every script ASCII digits;
- look-alike letters from other scripts folded to the Latin letter they imitate (a Cyrillic 'А' or 'Ј' in an ID
  number), from Unicode's confusables data (UTS #39) as the maintained `confusable_homoglyphs` package ships it.
Line breaks are kept where they were, so a hit's line in the normalised text is its line in the file.
"""

import html
import json
import re
import unicodedata
from functools import cache
from importlib import resources
from urllib.parse import unquote

LINE_BREAKS = {"\n", "\r"}
DASHES = {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\ufe58", "\ufe63", "\uff0d"}
INVISIBLE_CATEGORIES = {"Cf", "Mn", "Me", "Cc"}  # formatting, combining marks (after NFKC), controls
PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
ASTRAL = re.compile("[\U00010000-\U0010ffff]")
REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def seen_as(text: str) -> str:
    """`text` in the one form described in the module docstring, line breaks where they were."""
    if "&" in text:
        text = REFERENCE.sub(_decoded, text)
    if "%" in text and PERCENT.search(text):
        text = unquote(text)  # an address's escapes, as a browser decodes them ('tel:%2B355…', 'j5510%31234a.pdf')
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        text = folded_characters().sub(lambda match: folding_table()[ord(match.group(0))] or "", text)
        if ASTRAL.search(text):  # beyond the Basic Multilingual Plane: rare, so the slow way
            text = text.translate(folding_table())
    return text


@cache
def folded_characters() -> re.Pattern:
    """One character the folding table changes: a regular expression finds the few in a text much faster than
    `str.translate` walks every character of a page (most of an Albanian text, ë and ç included, stays as it is)."""
    codes = sorted(code for code in folding_table() if code < 0x10000)  # a class the engine tests by bitmap
    return re.compile(
        "[" + "".join(f"{re.escape(chr(start))}-{re.escape(chr(end))}" for start, end in _runs(codes)) + "]"
    )


def _runs(codes: list[int]) -> list[tuple[int, int]]:
    """Sorted code points as runs of consecutive ones: a character class of ranges, which the regular expression
    engine tests in one step, where a list of single characters is searched one by one."""
    runs: list[tuple[int, int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1] = (runs[-1][0], code)
        else:
            runs.append((code, code))
    return runs


def _decoded(match: re.Match) -> str:
    """One character reference as the page shows it; a reference that decodes to a line break becomes a space,
    so lines stay where they were."""
    decoded = html.unescape(match.group(0))
    return "".join(" " if character in LINE_BREAKS else character for character in decoded)


@cache
def folding_table() -> dict[int, str | None]:
    """The `str.translate` table of `seen_as`: built once per process from the Unicode database and the
    confusables data (every character of the Basic Multilingual Plane, and every confusable one)."""
    table: dict[int, str | None] = {}
    confusables = _confusables()
    for code in [*range(0x80, 0x10000), *(ord(character) for character in confusables if len(character) == 1)]:
        character = chr(code)
        if character in LINE_BREAKS:
            continue
        category = unicodedata.category(character)
        if category in INVISIBLE_CATEGORIES:
            table[code] = None
        elif category == "Zs" or character in "\t\u2028\u2029":
            table[code] = " "
        elif category == "Pd" or character in DASHES:
            table[code] = "-"
        elif category == "Nd":
            table[code] = str(unicodedata.decimal(character))
        elif character in confusables:
            table[code] = confusables[character]
    return table


@cache
def _confusables() -> dict[str, str]:
    """Each non-ASCII character that Unicode lists as confusable with an ASCII letter, digit or '@', mapped to it."""
    data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    folded = {}
    for character, glyphs in data.items():
        if character.isascii():
            continue
        plain = [glyph["c"] for glyph in glyphs if len(glyph["c"]) == 1 and glyph["c"].isascii()]
        plain = [glyph for glyph in plain if glyph.isalnum() or glyph == "@"]
        if plain:
            folded[character] = plain[0]
    return folded
