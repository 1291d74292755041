"""Hand-written pages: every Markdown file of the content tree that is not a record, plan or article (the home page,
`rreth.md`, a page written at a generated address such as `qarqet/berat.md`).

They are always public, so they are read and checked like the rest: front-matter parsed by us (MkDocs' own reader
would accept YAML tags and aliases), only the keys a page needs, no raw HTML in the text. A file that carries a
record's keys (`visibility`, `date`, `prefecture`, ...) is refused: it is a record in the wrong place, and would
otherwise be published whatever its visibility.
"""

from dataclasses import dataclass, field

from krat import routes
from krat.content.frontmatter import Document, guarded, read_document
from krat.content.inventory import ContentFile
from krat.content.problems import Problem
from krat.content.records import check_body
from krat.content.refdata import ReferenceData
from krat.content.schema import RECORD_FIELDS, Field, choice, list_of, text, validate_fields

HIDE = {
    "navigation": "menuja anësore",
    "toc": "përmbajtja e faqes",
    "footer": "lidhjet në fund",
    "path": "vendndodhja",
    "tags": "etiketat",
}
MAIN_TEMPLATE = "main.html"
# The only page that may choose a template of its own: the others need a context only the build gives.
OWN_TEMPLATES = {"index.md": "home.html"}
RECORD_KEYS = {field.name for field in RECORD_FIELDS} - {"title", "summary"}
RECORD_PLACE = "content/takime/<qark>/<vit>/<vvvv-mm-dd>-<pak-fjalë>.md"


PAGE_FIELDS = [
    Field("title", text, "Titulli i faqes", "Rreth komiteteve"),
    Field("template", text, "Shablloni: main.html (home.html vetëm për index.md)", "main.html"),
    Field("hide", list_of(choice(HIDE)), "Pjesët e faqes që fshihen: " + ", ".join(HIDE), "[toc]"),
    Field("description", text, "Përshkrim i shkurtër për motorët e kërkimit", "..."),
]


@dataclass
class HandPage:
    """A validated hand-written page. `meta` is what MkDocs and Material read from front-matter."""

    src_uri: str
    path: str
    meta: dict
    body: str = ""
    text: str = field(default="", repr=False)
    lines: dict = field(default_factory=dict, repr=False)
    body_line: int = 1

    @property
    def url(self) -> str:
        return routes.page(self.src_uri)


def load_pages(files: list[ContentFile], refdata: ReferenceData) -> tuple[list[HandPage], list[Problem]]:
    """Read and check every hand-written page; return the good ones and every problem."""
    pages, problems = [], []
    for file in files:
        page, found = guarded(file.shown, load_page, file, refdata)
        pages += [page] if page else []
        problems += found
    return pages, problems


def load_page(file: ContentFile, refdata: ReferenceData) -> tuple[HandPage | None, list[Problem]]:
    """One page. Front-matter is optional here: a page may be plain Markdown."""
    document, problems = read_document(file.path, file.shown, optional=True)
    if document is None:
        return None, problems
    record_keys = [key for key in document.data if key in RECORD_KEYS]
    if record_keys:
        message = f"duket si procesverbal ('{record_keys[0]}'); procesverbalet shkojnë te {RECORD_PLACE}"
        return None, [Problem(file.shown, document.line(record_keys[0]), record_keys[0], message)]
    values, problems = validate_fields(document, PAGE_FIELDS, refdata)
    problems += check_template(values, file, document)
    problems += check_body(document, text_of="faqes")
    if problems:
        return None, problems
    return HandPage(
        file.src_uri, file.shown, values, document.body, document.text, document.lines, document.body_line
    ), []


def check_template(values: dict, file: ContentFile, document: Document) -> list[Problem]:
    """`main.html`, or the page's own template (`home.html` for index.md): the others need a context that only
    the build gives to its own pages."""
    name = values.setdefault("template", MAIN_TEMPLATE)
    allowed = sorted({MAIN_TEMPLATE, OWN_TEMPLATES.get(file.src_uri, MAIN_TEMPLATE)})
    if name in allowed:
        return []
    message = f"'{name}' nuk lejohet për këtë faqe (lejohet: {', '.join(allowed)})"
    return [Problem(file.shown, document.line("template"), "template", message)]
