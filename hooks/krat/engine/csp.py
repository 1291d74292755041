"""The Content-Security-Policy of every HTML page: a `<meta http-equiv="Content-Security-Policy">` as the first
element of `<head>`, so that it governs everything after it.

The policy is defence in depth behind the sanitiser (krat.site.sanitize): should an event handler or a `javascript:`
URL ever reach a page, the browser refuses to run it. Scripts run only from the site's own files, and inline
only when their SHA-256 is listed. Material writes a few inline scripts into every page, one of them holding
the page's `base_url`, so each page lists the hashes of its own inline scripts; but only of scripts that its
templates wrote:

- the page's own content (its rendered Markdown) is cut out before looking, so no script in it is hashed;
- every inline script left must be one of the theme's (a `<script>` in the templates, its `{{ … }}`
  expressions filled with text that cannot leave a JavaScript string). Anything else, say staff text that
  reached a template unescaped, is not hashed, so the browser blocks it, and the caller is told.

Directives (a `<meta>` policy cannot carry frame-ancestors, report-uri or sandbox; a host adds those as headers):

- default-src 'self': anything not named below only from the site itself.
- script-src 'self' 'wasm-unsafe-eval' 'sha256-…': scripts from the site's files (Material's bundle, Pagefind's
  interface, which imports pagefind.js, and our assets/*.js); WebAssembly compilation for Pagefind's search
  engine (it runs in pagefind-worker.js, a same-origin worker that script-src covers, and falls back to the page
  itself); the page's theme scripts by hash. No 'unsafe-inline', no 'unsafe-hashes': inline event handlers and
  `javascript:` URLs never run.
- style-src 'self' 'unsafe-inline': the site's style sheets, and style attributes Material's and Pagefind's
  scripts set (content's own `style` attributes are removed by the sanitiser).
- img-src 'self' data:: the site's images; Material's icons are data: SVGs in its style sheet.
- font-src 'self' data:: no web fonts are loaded (`font: false`); the site's own, or inline ones, would do.
- connect-src 'self': Pagefind fetches its index and its WebAssembly from pagefind/.
- object-src 'none': no plugins.
- base-uri 'self': an injected `<base>` cannot move every relative URL elsewhere.
- form-action 'self': the header's search form goes to /kerko/; no form posts elsewhere.
"""

import base64
import functools
import hashlib
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

DIRECTIVES = [
    ("default-src", ["'self'"]),
    ("script-src", ["'self'", "'wasm-unsafe-eval'"]),
    ("style-src", ["'self'", "'unsafe-inline'"]),
    ("img-src", ["'self'", "data:"]),
    ("font-src", ["'self'", "data:"]),
    ("connect-src", ["'self'"]),
    ("object-src", ["'none'"]),
    ("base-uri", ["'self'"]),
    ("form-action", ["'self'"]),
]

# `<script type>` values a browser runs as a script (or reads under script-src: import maps, speculation rules).
SCRIPT_TYPES = {
    "", "module", "importmap", "speculationrules", "text/javascript", "application/javascript",
    "application/ecmascript", "application/x-ecmascript", "application/x-javascript", "text/ecmascript",
    "text/javascript1.0", "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript",
}  # fmt: skip
HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
# A script element: its attributes, and its text up to the end tag (or the end of the document).
SCRIPT = re.compile(r"<script(?=[\s/>])([^>]*)>(.*?)(?:</script[\s/>]|\Z)", re.IGNORECASE | re.DOTALL)
TEMPLATE_SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
TEMPLATE_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
# What a template expression inside a theme script may turn into: text that stays inside a JavaScript string
# (no quote, backslash, line end or angle bracket; Material fills them with URLs such as `base_url`).
EXPRESSION_VALUE = r"""[^"'`\\<>\r\n\u2028\u2029]*"""


def policy(hashes: Iterable[str] = ()) -> str:
    """The policy, allowing the inline scripts whose `'sha256-…'` sources are given."""
    parts = []
    for name, sources in DIRECTIVES:
        if name == "script-src":
            sources = sources + sorted(set(hashes))
        parts.append(" ".join([name, *sources]))
    return "; ".join(parts)


def meta_tag(hashes: Iterable[str] = ()) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'


def script_hash(text: str) -> str:
    """The CSP source for an inline script whose text is `text`, as the browser hashes it (UTF-8, line ends as
    the HTML parser leaves them)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


class _Attributes(HTMLParser):
    def handle_starttag(self, tag, attrs):
        self.found = dict(attrs)


@functools.lru_cache(maxsize=256)
def _runs_with(attributes: str) -> bool:
    """Whether `<script{attributes}>` opens inline code a browser runs (or checks against the policy)."""
    parser = _Attributes()
    parser.feed(f"<script{attributes}>")
    parser.close()
    found = getattr(parser, "found", {})
    return "src" not in found and (found.get("type") or "").strip().lower() in SCRIPT_TYPES


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script in `html` that a browser would run. Found with a regular expression, as
    the HTML parser finds a script (a page is parsed in a fraction of the time html.parser takes); the browser
    tests check that every script the browser runs was found."""
    return [text for attributes, text in SCRIPT.findall(html) if _runs_with(attributes)]


class ThemeScripts:
    """The inline scripts the templates in `folders` (the theme's, overrides first) may write, as patterns."""

    def __init__(self, folders: Iterable[Path]) -> None:
        patterns = set()
        for folder in folders:
            for path in sorted(Path(folder).rglob("*.html")):
                patterns.update(template_scripts(path.read_text(encoding="utf-8")))
        self.patterns = [re.compile(pattern, re.DOTALL) for pattern in sorted(patterns)]

    def allows(self, text: str) -> bool:
        return any(pattern.fullmatch(text) for pattern in self.patterns)


def template_scripts(template: str) -> list[str]:
    """Regular expressions matching what each inline script of a Jinja template renders to. A script holding
    Jinja statements (`{% … %}`) or comments is left out: its text cannot be known from the template alone."""
    found = []
    for match in TEMPLATE_SCRIPT.finditer(template):
        attributes, body = match.group(1) or "", match.group(2)
        if "{%" in attributes or "{{" in attributes or not _runs_with(attributes):
            continue
        if "{%" in body or "{#" in body:
            continue
        literal = TEMPLATE_EXPRESSION.split(body)
        found.append(EXPRESSION_VALUE.join(re.escape(part) for part in literal))
    return found


def protect(html: str, theme: ThemeScripts, content: str | None = None) -> tuple[str, list[str]]:
    """`html` with its policy as the first element of `<head>`, and the inline scripts the policy refuses.

    `content`, the page's rendered Markdown, is cut out first: nothing in it is ever hashed. Each remaining
    inline script is hashed when the theme writes it, else returned as refused. Without a `<head>`, `html` is
    returned as it is, with every inline script refused."""
    looked_at = html.replace(content, "") if content else html
    hashes, refused = [], []
    for text in inline_scripts(looked_at):
        (hashes if theme.allows(text) else refused).append(text)
    head = HEAD.search(html)
    if head is None:
        return html, inline_scripts(html)
    tag = meta_tag(script_hash(text) for text in hashes)
    return html[: head.end()] + tag + html[head.end() :], refused
