"""Text as a reader sees it, for the privacy guard and the output gate: one form for every way of writing the same
number, address or word.

`seen_as` turns a text into the form the guard's patterns are written for:
- HTML character references decoded (`&#48;&#54;&#57;` is shown as 069, `&commat;` as @);
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

LINE_BREAKS = {"\n", "\r"}
DASHES = {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\ufe58", "\ufe63", "\uff0d"}
INVISIBLE_CATEGORIES = {"Cf", "Mn", "Me", "Cc"}  # formatting, combining marks (after NFKC), controls
REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def seen_as(text: str) -> str:
    """`text` in the one form described in the module docstring, line breaks where they were."""
    if "&" in text:
        text = REFERENCE.sub(_decoded, text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(folding_table())
    return text


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
