"""Every address of one build in one table: the pages and files the build generates (`krat.routes`, from the
reference data) and every file of the content tree. Two things follow from it:

- no content file may take an address the build generates, or another file's address once case and Unicode
  forms are folded (`Ä` written as one character or as `A` and a combining mark; `Rreth` and `rreth`): one would
  silently replace the other on the server, or on a case-insensitive disk;
- a link resolves only to a file name or page address in the table (`krat.content.links`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from krat import routes
from krat.content.problems import Problem

if TYPE_CHECKING:  # the inventory, which refdata's reader imports, uses this module too
    from krat.content.refdata import ReferenceData

GENERATED = "një faqeje ose skedari që e krijon vetë ndërtimi"


@dataclass(frozen=True)
class Generated:
    """What the build generates from the reference data: page sources ('qarqet/kukes.md') and file paths."""

    pages: tuple[str, ...]
    files: tuple[str, ...]


def generated(refdata: ReferenceData) -> Generated:
    """The pages and linkable files the build generates for this reference data (krat.routes)."""
    prefectures = [prefecture.slug for prefecture in refdata.prefectures]
    topics = [topic.slug for topic in refdata.topics]
    institutions = [institution.code for institution in refdata.institutions]
    pages = routes.generated_pages(prefectures, topics, institutions)
    return Generated(tuple(pages), tuple(routes.generated_files(prefectures)))


def address_of(src_uri: str) -> str:
    """Where a file is served: a Markdown file at its page's address ('a/b.md' → 'a/b/'), any other file at its
    own path."""
    return routes.page(src_uri) if src_uri.endswith(".md") else src_uri


def folded(address: str) -> str:
    """An address as a server or a case-insensitive disk may confuse it: Unicode NFKC, then case folded."""
    return unicodedata.normalize("NFKC", address).casefold()


def collisions(files: list[tuple[str, str]], built: Generated) -> list[Problem]:
    """A problem for every content file (src_uri, shown path) whose address, folded, is one the build generates
    or one an earlier file already has; the message names the other side."""
    taken = {folded(address_of(src_uri)): GENERATED for src_uri in built.pages + built.files}
    problems = []
    for src_uri, shown in sorted(files):
        key = folded(address_of(src_uri))
        if key in taken:
            message = f"'/{address_of(src_uri)}' është adresa e {taken[key]}; jepini skedarit një emër tjetër"
            problems.append(Problem(shown, 1, "adresa", message))
        else:
            taken[key] = f"skedarit {shown}"
    return problems
