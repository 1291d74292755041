"""Awareness articles: read `content/ndergjegjesim/<slug>.md`, validate each against ARTICLE_FIELDS and its path,
and build `Article` objects. Like records, every problem in every file is collected and nothing is half-loaded.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from krat import routes
from krat.content.dates import PartialDate
from krat.content.frontmatter import load_folder, read_document
from krat.content.problems import Problem
from krat.content.records import check_body
from krat.content.refdata import Audience, Prefecture, ReferenceData, Topic
from krat.content.schema import ARTICLE_FIELDS, validate_fields
from krat.content.text import slugify

ARTICLES_DIR = "ndergjegjesim"
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.md$")


@dataclass
class Article:
    """A validated awareness article. `src_uri` is its path inside content/, `url` its page address."""

    src_uri: str
    title: str
    date: PartialDate
    audience: list[Audience]
    topics: list[Topic]
    summary: str
    sources: list[dict]
    visibility: str
    prefecture: Prefecture | None = None
    draft: bool = False
    body: str = ""
    body_line: int = 1
    path: str = ""
    text: str = field(default="", repr=False)

    @property
    def url(self) -> str:
        return routes.page(self.src_uri)

    @property
    def sort_key(self) -> tuple:
        return (self.date, self.src_uri)


def load_articles(content_dir: Path, shown_root: str, refdata: ReferenceData) -> tuple[list[Article], list[Problem]]:
    """Validate every Markdown file under content/ndergjegjesim/ (a hand-written index.md there is the awareness
    page itself); return the good articles and all problems."""
    return load_folder(content_dir, ARTICLES_DIR, shown_root, load_article, refdata)


def load_article(path: Path, src_uri: str, shown: str, refdata: ReferenceData) -> tuple[Article | None, list[Problem]]:
    """Read and validate one article: its front-matter, where it sits and how it is named, and its text."""
    document, problems = read_document(path, shown)
    if document is None:
        return None, problems
    values, problems = validate_fields(document, ARTICLE_FIELDS, refdata)
    problems += check_article_location(src_uri, shown)
    problems += check_body(document, text_of="artikullit")
    if problems:
        return None, problems
    return Article(
        src_uri=src_uri, body=document.body, body_line=document.body_line, path=shown, text=document.text, **values
    ), []


def check_article_location(src_uri: str, shown: str) -> list[Problem]:
    """Articles sit directly in ndergjegjesim/ and their file name is the page address: a-z, 0-9 and '-'."""
    parts = src_uri.split("/")
    if len(parts) != 2:
        message = f"vendndodhje e gabuar; artikujt shkojnë drejtpërdrejt te content/{ARTICLES_DIR}/<pak-fjalë>.md"
        return [Problem(shown, 1, "skedari", message)]
    if not SLUG_PATTERN.match(parts[1]):
        suggestion = slugify(parts[1].removesuffix(".md")) or "artikulli"
        message = (
            f"emri '{parts[1]}' duhet të ketë vetëm a-z pa ë/ç, shifra dhe '-' (p.sh. '{suggestion}.md');"
            " emri bëhet adresa e faqes"
        )
        return [Problem(shown, 1, "skedari", message)]
    return []
