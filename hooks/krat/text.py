"""Small text helpers shared by every stage: diacritic folding, slugs and "did you mean" suggestions.

Albanian texts are often typed without ë and ç, so names are compared folded (ë→e, ç→c, lower case).
"""

import difflib
import re
import unicodedata


def fold(text: str) -> str:
    """Lower-case `text` and strip diacritics, so 'Kukës', 'KUKES' and 'kukes' compare equal."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


def slugify(text: str) -> str:
    """Turn `text` into a URL slug: folded, runs of other characters replaced by one '-'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def nearest(value: str, choices: list[str]) -> str | None:
    """Return the choice closest to `value` (compared folded), or None when nothing is close."""
    folded = {fold(choice): choice for choice in choices}
    match = difflib.get_close_matches(fold(value), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None


def did_you_mean(value: str, choices: list[str]) -> str:
    """Albanian suffix for an error message: "; a mos doni 'x'?" when a close choice exists."""
    match = nearest(value, choices)
    return f"; a mos doni '{match}'?" if match else ""


def first_sentence(text: str, limit: int = 180) -> str:
    """The first sentence of a Markdown text as plain one-line text, cut at `limit` characters."""
    plain = re.sub(r"[#>*_`\[\]]|\(http[^)]*\)", "", text)
    plain = " ".join(plain.split())
    match = re.search(r"^(.+?[.!?])(\s|$)", plain)
    sentence = match.group(1) if match else plain
    if len(sentence) <= limit:
        return sentence
    return sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
