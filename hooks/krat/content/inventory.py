"""The content tree as an allow-list: every file under `content/` is claimed by one known kind, or the build stops.

A file nobody declared is never published: a record saved as `.MD` or `.markdown`, a stray file, a PDF beside an
internal record, a symlink to a file outside the tree. The tree is walked without following links, and each file
lands in exactly one place:

- `takime/**.md`, `plane/**.md`, `ndergjegjesim/**.md` — records, plans, articles (their loaders check the rest);
- any other lowercase `.md` — a hand-written page (its front-matter is checked by `krat.content.handpages`);
- `_data/<name>.yml` — reference and data files;
- `assets/<name>` with an image extension — site assets (images that hand-written pages show);
- any other file with an allowed document extension — an attachment candidate, published only when a record
  declares it (`krat.content.attachments`).

Nothing may sit in a folder the build fills itself: `admin/` (the web editor), `pagefind/` (the search index),
the feeds and calendars. A page there would replace the editor's page, e.g. with a fake login for staff. (Every
other generated address is guarded by `krat.content.addresses`.)

Everything else (symlinks; hard links, a second name inside content/ for a file that may live elsewhere; hidden
files, other Markdown spellings, executable or browser-run formats such as `.html`, `.svg`, `.js`) is a problem
naming the file.
"""

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from krat import routes
from krat.content.addresses import address_of, folded
from krat.content.problems import Problem

SECTIONS = {"takime": "records", "plane": "plans", "ndergjegjesim": "articles"}
DATA_DIR = "_data"
ASSETS_DIR = "assets"
MARKDOWN = ".md"
# What MkDocs would read as Markdown (any case): only the lowercase `.md` spelling is accepted.
OTHER_MARKDOWN = (".markdown", ".mdown", ".mkdn", ".mkd", ".md", ".mdwn", ".mdtxt", ".mdtext")
IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
DOCUMENTS = IMAGES | {".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods", ".csv", ".txt", ".ppt", ".pptx"}
DOCUMENTS_HINT = ", ".join(sorted(extension.lstrip(".") for extension in DOCUMENTS))
# File and folder names a link can carry as written: no spaces, quotes, '<', '%' or control characters.
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
SLUG_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.md)?$")
# How each binary kind of file begins (its "magic number"): a file whose bytes are not what its name says (an
# HTML page named .pdf, say) is refused, so a browser or a reader's program never takes it for something else.
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".rtf": (b"{\\rtf",),
    **dict.fromkeys((".docx", ".xlsx", ".pptx", ".odt", ".ods"), (b"PK\x03\x04",)),
    **dict.fromkeys((".doc", ".xls", ".ppt"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
}
TEXT_FILES = {".txt", ".csv"}
BUILD_FOLDERS = {
    routes.ADMIN: "redaktorit",
    routes.SEARCH_INDEX: "indeksit të kërkimit",
    routes.FEEDS: "feed-eve",
    routes.CALENDARS: "kalendarëve",
}


@dataclass(frozen=True)
class ContentFile:
    """One regular file of the content tree: where it is on disk, its path inside content/ and as messages show it."""

    path: Path
    src_uri: str
    shown: str


@dataclass
class Inventory:
    """The content tree sorted by kind. `files` are the non-Markdown files outside `_data/`: site assets and
    attachment candidates, by src_uri; whether each one is claimed is decided once the records are read."""

    markdown: dict[str, list[ContentFile]] = field(default_factory=dict)
    pages: list[ContentFile] = field(default_factory=list)
    data: list[ContentFile] = field(default_factory=list)
    assets: list[ContentFile] = field(default_factory=list)
    files: dict[str, ContentFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def entries(folder: Path) -> list[tuple[Path, str, os.stat_result]]:
    """Every file and folder under `folder` as (path, posix path relative to `folder`, its `lstat`), sorted;
    symlinks are listed, never followed."""
    found = []
    for root, folders, names in os.walk(folder, followlinks=False):
        for name in folders + names:
            path = Path(root, name)
            found.append((path, path.relative_to(folder).as_posix(), os.lstat(path)))
    return sorted(found, key=lambda entry: entry[1])


def regular_files(folder: Path) -> list[tuple[Path, str]]:
    """Every regular file under `folder` as (path, posix path relative to `folder`), sorted; symlinks, to files or
    folders, are neither followed nor listed (`scan` reports them)."""
    return [(path, relative) for path, relative, status in entries(folder) if stat.S_ISREG(status.st_mode)]


def markdown_in(folder: Path) -> list[Path]:
    """The lowercase `.md` regular files under `folder` (a section such as content/takime/), sorted."""
    return [path for path, relative in regular_files(folder) if relative.endswith(MARKDOWN)] if folder.is_dir() else []


def scan(content_dir: Path, shown_root: str) -> Inventory:
    """Sort every file under `content_dir` into its kind; every file that fits no kind is a problem."""
    inventory = Inventory(markdown={kind: [] for kind in SECTIONS.values()})
    for path, src_uri, status in entries(content_dir):
        shown = f"{shown_root}/{src_uri}"
        mode = status.st_mode
        if stat.S_ISREG(mode) and status.st_nlink > 1:
            message = (
                "skedari ka edhe emra të tjerë në disk (hard link): mund të jetë një skedar jashtë content/; "
                "vendosni një kopje të vetë skedarit"
            )
            inventory.problems.append(Problem(shown, 1, "skedari", message))
        elif stat.S_ISREG(mode):
            _sort_file(ContentFile(path, src_uri, shown), inventory)
        elif stat.S_ISLNK(mode):
            message = "lidhje simbolike (symlink) nuk lejohet; vendosni vetë skedarin në content/"
            inventory.problems.append(Problem(shown, 1, "skedari", message))
        elif not stat.S_ISDIR(mode):
            inventory.problems.append(Problem(shown, 1, "skedari", "nuk është skedar i zakonshëm; hiqeni nga content/"))
    return inventory


def _sort_file(file: ContentFile, inventory: Inventory) -> None:
    parts = file.src_uri.split("/")
    problem = _refusal(file, parts)
    if problem:
        inventory.problems.append(Problem(file.shown, 1, "skedari", problem))
    elif parts[0] == DATA_DIR:
        inventory.data.append(file)
    elif file.src_uri.endswith(MARKDOWN):
        section = SECTIONS.get(parts[0])
        is_index = len(parts) == 2 and parts[1] == "index.md"
        if section and not is_index:
            inventory.markdown[section].append(file)
        else:
            inventory.pages.append(file)
    elif parts[0] == ASSETS_DIR:
        inventory.assets.append(file)
    else:
        inventory.files[file.src_uri] = file


def _refusal(file: ContentFile, parts: list[str]) -> str:
    """Why `file` may not be in the content tree, or '' when it may."""
    name = parts[-1]
    if any(part.startswith(".") for part in parts):
        return "skedar ose dosje e fshehur (emri nis me '.'); hiqeni nga content/"
    stem, extension = os.path.splitext(name)
    address = folded(address_of(file.src_uri))
    folder = next((folder for folder in BUILD_FOLDERS if address.startswith(folder)), None)
    if folder:
        return (
            f"adresa /{folder} është e {BUILD_FOLDERS[folder]}, që e krijon ndërtimi; asnjë skedar i content/ "
            "nuk mund të vendoset aty, zgjidhni një emër tjetër"
        )
    if extension.lower() in OTHER_MARKDOWN and extension != MARKDOWN:
        return f"tekstet Markdown mbarojnë vetëm me '.md' (shkronja të vogla); riemërtojeni '{stem}.md'"
    if parts[0] == DATA_DIR:
        if len(parts) != 2 or extension != ".yml":
            return f"te content/{DATA_DIR}/ lejohen vetëm skedarë '.yml' (pa nëndosje)"
        return ""
    if extension == MARKDOWN:
        if SECTIONS.get(parts[0]) or all(SLUG_NAME.match(part) for part in parts):
            return ""  # records, plans and articles: their loaders check the name and explain the rule
        return f"emri '{file.src_uri}' bëhet adresë faqeje: vetëm a-z pa ë/ç, shifra dhe '-' (p.sh. 'rreth.md')"
    if not all(SAFE_NAME.match(part) for part in parts):
        return "emri i skedarit dhe i dosjeve: vetëm shkronja pa ë/ç, shifra, '-', '_' dhe '.' (pa hapësira)"
    if parts[0] == ASSETS_DIR:
        if extension.lower() not in IMAGES:
            allowed = ", ".join(sorted(image.lstrip(".") for image in IMAGES))
            return f"te content/{ASSETS_DIR}/ lejohen vetëm figura ({allowed})"
        return _content_mismatch(file.path, extension.lower())
    if extension.lower() not in DOCUMENTS:
        return (
            f"skedar i panjohur ('{extension or name}'); te content/ lejohen vetëm tekste '.md', të dhëna "
            f"te {DATA_DIR}/ dhe shtojca të deklaruara nga një procesverbal ({DOCUMENTS_HINT})"
        )
    return _content_mismatch(file.path, extension.lower())


def _content_mismatch(path: Path, extension: str) -> str:
    """Why the bytes of `path` are not what its extension says, or ''. Text files must be UTF-8 without NUL."""
    with path.open("rb") as stream:
        head = stream.read(4096)
    if extension in TEXT_FILES:
        if b"\x00" in head:
            return f"skedari '{extension}' përmban bajte binare; ruajeni si tekst UTF-8"
        return ""
    if extension in SIGNATURES and not head.startswith(SIGNATURES[extension]):
        return f"përmbajtja e skedarit nuk është '{extension}' siç thotë emri; ruajeni sërish në formatin e duhur"
    return ""
