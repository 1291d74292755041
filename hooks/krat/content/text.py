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
    plain = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link or an image: its words only
    plain = re.sub(r"\{:?[^{}\n]*\}", "", plain)  # attr_list's {: ...} is markup, not words
    plain = re.sub(r"[#>*_`\[\]]|\(http[^)]*\)", "", plain)
    plain = " ".join(plain.split())
    match = re.search(r"^(.+?[.!?])(\s|$)", plain)
    sentence = match.group(1) if match else plain
    if len(sentence) <= limit:
        return sentence
    return sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def fold_each(text: str) -> str:
    """`fold` character by character, keeping every position: a match in the result slices the original text.

    A character whose folded form is not one character long (a rare ligature) is kept as it is.
    """
    return "".join(_fold_char(ch) for ch in text)


def _fold_char(ch: str) -> str:
    folded = ch if ch.isspace() else fold(ch)
    return folded if len(folded) == 1 else ch


def inflections(name: str) -> list[str]:
    """The folded forms an Albanian place name takes in running text: 'Kukës' → kukes, kukesi, kukesit, kukesin;
    'Korçë' → korce, korca, korces, korcen; 'Shkodër' → shkoder, shkodra, shkodres, shkodren.

    Names in -ë drop it before the endings; names in -ër also drop the ë (Dibër → Dibra); others add -i/-it/-in.
    """
    base = fold(name)
    if name.endswith("ër"):
        stem = base[:-2] + "r"
        return [base, stem + "a", stem + "es", stem + "en"]
    if name.endswith("ë"):
        stem = base[:-1]
        return [base, stem + "a", stem + "es", stem + "en"]
    return [base, base + "i", base + "it", base + "in"]


# Albanian function words left out of file-name slugs, so the slug keeps the words that say something.
SLUG_STOPWORDS = {
    "e", "i", "te", "se", "ne", "per", "dhe", "nga", "mbi", "me", "tek", "ku", "qe", "si", "u", "a",
}  # fmt: skip


def short_slug(text: str, words: int = 5) -> str:
    """A short slug for a file name: the first `words` words of `text` that are not function words."""
    kept = [word for word in slugify(text).split("-") if word and word not in SLUG_STOPWORDS]
    return "-".join(kept[:words])


# Abbreviations after which a period does not end a sentence: "z. Zenel Kuçana", "nr. 6", "p.sh. ...".
ABBREVIATIONS = {"z", "znj", "zj", "zz", "nr", "dt", "etj", "sh", "p", "prof", "dr", "zv", "msc"}


def split_sentences(text: str) -> list[str]:
    """The sentences of a plain text, not split after abbreviations such as 'z.' or 'nr.'."""
    sentences, start = [], 0
    for end in re.finditer(r"[.!?…]+(?=\s+\S)", text):
        word = re.search(r"(\w+)\W*$", text[start : end.start()])
        if word and fold(word.group(1)) in ABBREVIATIONS:
            continue
        sentences.append(text[start : end.end()].strip())
        start = end.end()
    return [*sentences, text[start:].strip()] if text[start:].strip() else sentences
