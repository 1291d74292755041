"""Links in staff Markdown: where each one leads, so that a public text never points at what is not public.

Every published text (record, plan, article, hand-written page) is rendered once with Python-Markdown — the same
extensions as the site, so that `attr_list` cannot change a link behind our back — and each `href` and `src` is
checked:
- a scheme other than http, https, mailto and tel (`javascript:`, `data:`, `file:` ...) is refused in every build;
- a path leaving the site (`../../..` above content/) is refused;
- in the public build, a path to an internal or draft item, to one of its attachments, or to any file of the
  content tree that this build does not publish is refused, naming the file and line. So the address and title
  words of an internal record never appear on a public page, and no summary, feed, calendar or export of the
  public build is derived from a text that links to internal material. (The members' build allows links to
  internal items; drafts are published nowhere, so links to them are refused in both.)
Links to pages that do not exist at all are MkDocs' strict link check's job.
"""

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import markdown

from krat import routes
from krat.content.problems import Problem

# The Markdown extensions of mkdocs.yml that can change a link (tests/test_links.py keeps the two lists agreed).
LINK_EXTENSIONS = ["attr_list", "admonition"]
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
LINK_ATTRIBUTES = {"href", "src"}
# A link needs '[' (inline, reference or image) or an autolink '<http...>'; other texts are not rendered at all.
MAY_LINK = re.compile(r"\[|<[a-zA-Z]")


@dataclass(frozen=True)
class Text:
    """One published text to check: where it is (src_uri, shown path, first body line) and its Markdown."""

    src_uri: str
    path: str
    body: str
    body_line: int = 1
    front: str = ""  # the front-matter as written: every absolute URL in it is checked like a link


@dataclass(frozen=True)
class Targets:
    """What a link may lead to in this build. `published` and `hidden` hold content paths (`takime/.../x.md`,
    `takime/.../shtojca.pdf`) and page URLs (`takime/.../x/`); `hidden` are those this build leaves out."""

    published: frozenset[str]
    hidden: frozenset[str]
    hidden_reason: str
    files: frozenset[str] = frozenset()  # every file name the build has: published content and generated pages
    pages: dict[str, str] = field(default_factory=dict)  # page address ('qarqet/kukes/') → its file name
    own: tuple[str, ...] = ()  # the sites' own addresses (site_url, the members' site): links to them are local


def check_links(texts: list[Text], targets: Targets, used: set[str] | None = None) -> list[Problem]:
    """Every refused link of every text, with its file and line; the files the accepted links lead to are added
    to `used` (the catalog publishes a site image only when a published text shows it)."""
    converter = markdown.Markdown(extensions=LINK_EXTENSIONS)
    used = set() if used is None else used
    problems = []
    for text in texts:
        for url, line in front_matter_urls(text.front):
            if on_this_site(url, targets.own) is None:
                continue  # another site's address: each field's converter says which schemes it takes
            message = refusal(url, text.src_uri, targets)
            if message:
                problems.append(Problem(text.path, line, "lidhja", message))
        if not MAY_LINK.search(text.body):
            continue
        try:
            rendered = converter.reset().convert(text.body)
        except Exception as error:  # Python-Markdown failing on a hostile text: that file's problem, no traceback
            message = f"teksti nuk mund të përpunohet si Markdown ({type(error).__name__}); thjeshtojeni"
            problems.append(Problem(text.path, text.body_line, "teksti", message))
            continue
        for target in link_targets(rendered):
            message = refusal(target, text.src_uri, targets)
            if message:
                problems.append(Problem(text.path, _line_of(target, text), "lidhja", message))
            else:
                used.update(path for path in local_paths(target, text.src_uri, targets.own) if path in targets.files)
    return problems


def local_paths(target: str, src_uri: str, own: tuple[str, ...] = ()) -> list[str]:
    """The site paths a link to this site may name (as MkDocs resolves it from the text's folder, and from the
    site's root when absolute or an address of the site itself); none for a link elsewhere."""
    stripped = re.sub(r"[\x00-\x20]+", "", target)
    local = on_this_site(stripped, own)
    parts = urlsplit(local if local is not None else stripped)
    if parts.scheme or parts.netloc or not parts.path:
        return []
    path = unquote(parts.path)
    if path.startswith("/"):
        return [posixpath.normpath(path).lstrip("/")]
    return [posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))]


def link_targets(rendered: str) -> list[str]:
    """Every `href` and `src` in `rendered` HTML, entities decoded, in order."""
    collector = _Collector()
    collector.feed(rendered)
    collector.close()
    return collector.targets


# An absolute or protocol-relative address in front-matter, in any field (attachments, sources, a source note).
FRONT_MATTER_URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^\s'\"<>()\[\]{},]+")


def front_matter_urls(front: str) -> list[tuple[str, int]]:
    """Every absolute or protocol-relative URL written in `front` (front-matter, first line 1) with its line: those
    of the site itself must lead to what the build publishes, in whichever field they are written."""
    if "//" not in front:
        return []
    return [(match.group(0), front.count("\n", 0, match.start()) + 1) for match in FRONT_MATTER_URL.finditer(front)]


def on_this_site(url: str, own: tuple[str, ...]) -> str | None:
    """The site path ('/takime/...') that `url` names when it is an address of one of the sites `own` (absolute,
    'https://krat.example.org/takime/...', or protocol-relative, '//krat.example.org/takime/...'); else None."""
    parts = urlsplit(url)
    if not parts.netloc or parts.scheme.lower() not in ("", "http", "https"):
        return None
    for base in map(urlsplit, own):
        prefix = base.path.rstrip("/")
        same_host = (parts.hostname or "") == (base.hostname or "") and parts.port == base.port
        if same_host and (parts.path == prefix or parts.path.startswith(prefix + "/") or not parts.path):
            return "/" + parts.path[len(prefix) :].lstrip("/")
    return None


def refusal(target: str, src_uri: str, targets: Targets) -> str:
    """Why a link from the text at `src_uri` to `target` is refused, or ''. An address of the site itself
    (absolute or protocol-relative) is judged as the site path it names."""
    stripped = re.sub(r"[\x00-\x20]+", "", target)
    local = on_this_site(stripped, targets.own)
    parts = urlsplit(local if local is not None else stripped)
    if parts.scheme:
        if parts.scheme.lower() in SAFE_SCHEMES:
            return ""
        return f"'{target[:60]}' nuk lejohet; lejohen lidhjet https://, mailto:, tel: dhe ato te faqet e sajtit"
    if parts.netloc or not parts.path:
        return ""  # another host ('//example.org'), or a place on the same page ('#vendimet')
    path = unquote(parts.path)
    # MkDocs resolves a link to a file from the source file's folder; the browser resolves any other link from
    # the page's address (`.../x/` for x.md). Either may be the one that counts, so both are checked.
    bases = [""] if path.startswith("/") else [posixpath.dirname(src_uri), routes.page(src_uri)]
    for base in bases:
        resolved = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
        if resolved == ".." or resolved.startswith("../"):
            return f"'{target[:60]}' del jashtë sajtit"
        for candidate in (resolved, resolved + "/", resolved + ".md", resolved + "/index.md"):
            if candidate in targets.hidden and candidate not in targets.published:
                return f"'{target[:60]}' çon te {targets.hidden_reason}; hiqeni lidhjen nga ky tekst publik"
    return unresolved(target, path, src_uri, targets)


def unresolved(target: str, path: str, src_uri: str, targets: Targets) -> str:
    """Why the link `target` (its path `path`, decoded) from the text at `src_uri` leads to nothing this build
    publishes, or ''. Relative links name a file from the text's folder, as MkDocs resolves them; absolute ones
    a page address or a file from the site's root. The message offers the link that works where there is one."""
    if path.startswith("/"):
        resolved = posixpath.normpath(path).lstrip("/")
        if resolved in targets.files or _address(resolved) in targets.pages:
            return ""
        wanted = ""
    else:
        if posixpath.normpath(path) == ".":
            return ""
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
        if resolved in targets.files:
            return ""
        # The page meant: the address from the text's folder, or from its page's address as a browser reads it.
        from_page = posixpath.normpath(posixpath.join(routes.page(src_uri), path))
        wanted = targets.pages.get(_address(resolved)) or targets.pages.get(_address(from_page), "")
    if wanted:
        hint = f"; shkruani '{posixpath.relpath(wanted, posixpath.dirname(src_uri) or '.')}'"
    elif not posixpath.splitext(resolved)[1]:
        hint = "; lidhja te një faqe e sajtit shkruhet me skedarin e saj '.md' (p.sh. '../../qarqet/kukes.md')"
    else:
        hint = ""
    return f"'{target[:60]}' nuk çon te asnjë faqe ose skedar që publikohet në këtë sajt{hint}"


def _address(resolved: str) -> str:
    """The page address a resolved path names: 'qarqet/kukes' → 'qarqet/kukes/', '' or '.' → '' (the home page)."""
    return "" if resolved in ("", ".") else resolved.rstrip("/") + "/"


def _line_of(target: str, text: Text) -> int:
    """The file line where `target` is written. Markdown may have decoded entities or spaces in it, so the
    longest end of it found in the body counts; else the body's first line with text."""
    for start in range(max(1, len(target) - 3)):
        position = text.body.find(target[start:])
        if position >= 0:
            return text.body_line + text.body.count("\n", 0, position)
    blank = len(text.body) - len(text.body.lstrip("\n"))
    return text.body_line + blank


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.targets += [value for name, value in attrs if name in LINK_ATTRIBUTES and value is not None]

    handle_startendtag = handle_starttag
