"""Plain text as staff bring it — copied from a prefecture website or saved from a word processor — made safe
to keep: decoded from whatever encoding it came in, cleared of raw HTML, and turned into Markdown paragraphs
and lists.

Pure functions on bytes and strings. What the text *says* (date, prefecture, ...) is `krat.tools.importer`'s job.
"""

import codecs
import html
import re

from krat.content.records import RAW_HTML
from krat.content.text import SLUG_STOPWORDS, fold

# Windows code pages a word processor may have saved Albanian text in; 1250 is the Albanian ANSI code page.
LEGACY_ENCODINGS = {"cp1250": "Windows-1250", "cp1252": "Windows-1252"}
ALBANIAN_LETTERS = set("ëËçÇ")
# Zero-width characters go; control characters go too (YAML refuses them), except that Word's manual line break
# (vertical tab) and page break (form feed) become line breaks.
INVISIBLE = dict.fromkeys([*map(ord, "\ufeff\u200b\u200c\u200d\u2060"), *range(0x20), 0x7F, *range(0x80, 0xA0)])
INVISIBLE.update({ord("\t"): " ", ord("\n"): "\n", ord("\r"): "\r", ord("\v"): "\n", ord("\f"): "\n"})
MOJIBAKE = ("Ã«", "Ã§", "Ã‹", "Ã‡")  # ë ç Ë Ç written as UTF-8 and read back as Windows-1252

SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
BLOCK_TAG = re.compile(r"<br\s*/?>|</?(?:p|div|h[1-6]|tr|ul|ol|table|blockquote|section|article)\b[^>]*>", re.I)
LIST_ITEM_TAG = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
ANY_TAG = re.compile(r"</?[A-Za-z][^<>]*>")

# Bullet markers that survive a copy as text: "????" or "?" (a symbol-font bullet the copy could not show),
# typographic bullets, private-use Wingdings/Symbol bullets, and '-', '*', '–', '—' before a word.
BULLET = re.compile(r"^(?:\?+|[•·▪●◦○■□►▸➢➤✓✔❖\uf0a7\uf0b7\uf0d8\uf076\uf0fc]|[-*–—])\s*(?=[\w\"“„'(«])")
SENTENCE_END = tuple('.!?:;…"”»)')


class UndecodableText(ValueError):
    """The bytes are neither UTF-8/UTF-16 nor a Windows code page."""


def decode_text(raw: bytes) -> tuple[str, str]:
    """Decode `raw` and unify line endings; return the text and the name of the encoding it was converted from.

    The name is '' for UTF-8 (with or without BOM), so callers only tell staff about real conversions.
    Otherwise: UTF-16 with its BOM, or the Windows code page (1250 or 1252) whose reading yields the most
    Albanian letters (ë, ç) and the fewest letters Albanian does not use; UTF-8 that was once read as
    Windows-1252 ('Ã«' for 'ë') is repaired.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, source = raw.decode("utf-16"), "UTF-16"
    else:
        try:
            text, source = raw.decode("utf-8-sig"), ""
        except UnicodeDecodeError:
            text, source = _decode_legacy(raw)
    text, repaired = _repair_mojibake(text)
    if repaired:
        source = source or "UTF-8 e dëmtuar (Ã« në vend të ë)"
    text = text.translate(INVISIBLE)
    return text.replace("\r\n", "\n").replace("\r", "\n"), source


def _decode_legacy(raw: bytes) -> tuple[str, str]:
    readings = []
    for encoding, label in LEGACY_ENCODINGS.items():
        try:
            readings.append((_albanian_score(raw.decode(encoding)), raw.decode(encoding), label))
        except UnicodeDecodeError:
            continue
    if not readings:
        raise UndecodableText("kodimi i tekstit nuk njihet; ruajeni si 'UTF-8' në redaktues dhe provoni sërish")
    best = max(readings, key=lambda reading: reading[0])  # the first (Windows-1250) wins a tie
    return best[1], best[2]


def _albanian_score(text: str) -> int:
    """Albanian letters minus letters Albanian does not use (è, ă, ś, ...): higher means a likelier reading."""
    foreign = sum(1 for ch in text if ch.isalpha() and not ch.isascii() and ch not in ALBANIAN_LETTERS)
    return sum(1 for ch in text if ch in ALBANIAN_LETTERS) - foreign


def _repair_mojibake(text: str) -> tuple[str, bool]:
    if not any(marker in text for marker in MOJIBAKE):
        return text, False
    try:
        return text.encode("cp1252").decode("utf-8"), True
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text, False


def strip_html(text: str) -> tuple[str, bool]:
    """Remove raw HTML the checker would refuse; return the text and whether any tag was removed.

    Scripts and styles go with their content; block tags become line breaks and `<li>` a bullet, so the
    paragraphs and lists survive; entities are decoded; a remaining '<' before a letter is escaped.
    """
    cleaned = SCRIPT_OR_STYLE.sub("", text)
    cleaned = HTML_COMMENT.sub("", cleaned)
    cleaned = BLOCK_TAG.sub("\n", cleaned)
    cleaned = LIST_ITEM_TAG.sub("\n• ", cleaned)
    cleaned = ANY_TAG.sub("", cleaned)
    removed = cleaned != text
    cleaned = RAW_HTML.sub(lambda match: "&lt;" + match.group(0)[1:], html.unescape(cleaned))
    return cleaned, removed


def paragraphs(text: str) -> list[str]:
    """The text's non-empty lines, stripped; a line broken in mid-sentence is joined to the next one.

    A break counts as mid-sentence when the line does not end a sentence and the next starts in lower case
    (hard-wrapped text), and the next line is not a bullet item.
    """
    joined: list[str] = []
    previous_blank = True
    for line in (line.strip() for line in text.split("\n")):
        if not line:
            previous_blank = True
            continue
        if not previous_blank and _continues(joined[-1], line):
            joined[-1] += " " + line
        else:
            joined.append(line)
        previous_blank = False
    return joined


def _continues(previous: str, line: str) -> bool:
    """A sentence goes on when the line starts in lower case or the previous one ends in ',' or 'e', 'të', 'në'..."""
    if previous.endswith(SENTENCE_END) or BULLET.match(line):
        return False
    last_word = fold(previous.rsplit(" ", 1)[-1])
    return line[0].islower() or previous.endswith(",") or last_word in SLUG_STOPWORDS


def to_markdown(lines: list[str]) -> str:
    """Each line becomes a Markdown paragraph; consecutive bullet lines become one `- ` list."""
    blocks: list[list[str]] = []
    for line in lines:
        bullet = BULLET.match(line)
        if bullet:
            item = "- " + line[bullet.end() :]
            if blocks and blocks[-1][-1].startswith("- "):
                blocks[-1].append(item)
            else:
                blocks.append([item])
        else:
            blocks.append([_escape_line_start(line)])
    return "\n\n".join("\n".join(block) for block in blocks)


def _escape_line_start(line: str) -> str:
    """Plain text starting with '#' or '>' (a hashtag, a quote) must not become a heading or a quote block."""
    return "\\" + line if line.startswith(("#", ">")) else line
