"""The one HTML sanitiser of the site: what staff Markdown renders to passes through an allow-list before it
reaches a page.

Everything under content/ is untrusted. The validator refuses raw HTML in Markdown, but Markdown alone still
writes attributes (`attr_list`: `{: onclick="..." }`, `![f](x.png){: onerror="..." }`) and links
(`[x](javascript:...)`), and this must hold whatever a validator misses. `clean_html` keeps what Markdown with
the site's extensions (attr_list, admonition, toc with permalinks) produces and drops everything else. The
parsing and filtering is nh3's (ammonia, on html5ever, which parses as browsers do); this module states the
allow-list, and adds two refusals nh3 leaves to the caller (ids, and URLs hiding a scheme).
"""

import re

import nh3

# What Python-Markdown and the extensions in mkdocs.yml produce, and the few plain inline and table tags a
# hand-written page or plan may use in raw HTML. No forms, frames, objects, SVG/MathML, media, style or script.
TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd", "hr", "br", "img", "table", "caption", "thead", "tbody", "tfoot",
    "tr", "th", "td", "div", "span", "abbr", "sup", "sub", "del", "ins", "kbd", "s", "mark", "small", "q",
})  # fmt: skip

# Tags removed together with their content (the rest of a refused tag's text stays, as text): scripts and
# styles, and elements whose inside is not prose (embedded documents, foreign markup, form controls).
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "template", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
    "noscript", "noembed", "noframes", "xmp", "textarea", "select", "title",
})  # fmt: skip

# `id` on any allowed tag: toc gives headings theirs, attr_list may give any element one (`{: #name }`).
# No `style`, no event handlers, no `target`, no `name`: neither is on the list, so nh3 drops them.
ATTRIBUTES = {
    "*": {"id"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
}

# `class` only with these values: the admonition extension's (with the types Material styles, and their
# aliases), toc's permalink and `[TOC]` box. Any other class (attr_list's `{: .x }`) is dropped.
ADMONITION_TYPES = {
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check",
    "done", "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing",
    "danger", "error", "bug", "example", "quote", "cite",
}  # fmt: skip
CLASSES = {
    "div": {"admonition", "toc"} | ADMONITION_TYPES,
    "p": {"admonition-title"},
    "a": {"headerlink"},
}

# Links and images: web, e-mail and phone links and relative URLs only. nh3 reads a URL as browsers do
# (entities decoded, tabs and newlines inside and control characters around it ignored, any case), so
# `javascript:`, `vbscript:` and `data:` are refused however they are written.
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src"})
# What a lenient reader might take for the scheme once every whitespace and control character is removed
# (`java\x01script:`): a browser reads such a URL as a relative path, but no real link is written so, and
# refusing it keeps the rule simple to check: no URL on a page names a scheme outside URL_SCHEMES.
HIDDEN_CHARACTERS = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")

# Ids. toc gives every heading one made of letters, digits and `-`; attr_list lets staff write any (`{: #x }`).
# Refused: ids with a character that is not safe wherever scripts and templates put an id back into markup or
# a selector (Material's table of contents looks each anchor up with `[id="…"]`: a quote breaks its script), and
# ids that would clobber the elements the site's scripts look up by id. Material's are all `__…` (`__config`,
# whose JSON configures its whole script: a heading `{: #__config }` placed before it would be read instead,
# `__search`, `__drawer`, `__palette_0`, `__consent`, `__nav_…`, `__tabbed_…`) and its `md-…` namespace; ours
# are the few below (overrides/*.html, assets/*.js). A content element with such an id would come first in the
# document, or become a same-named global, and take over what the script does with it. Any other id stays, so
# toc's heading anchors keep working.
ID = re.compile(r"""[^\s\x00-\x1f\x7f"'`<>&\\]+""")
RESERVED_ID_PREFIXES = ("__", "md-")
SITE_SCRIPT_IDS = frozenset({
    "krat-search", "krat-search-unavailable", "krat-header-q", "krat-archive-filters", "krat-archive-list",
    "krat-archive-count", "krat-archive-none",
})  # fmt: skip


def scheme_of(url: str) -> str | None:
    """The scheme `url` names to the most lenient reader (lower case), or None for a relative URL."""
    found = SCHEME.match(HIDDEN_CHARACTERS.sub("", url).lower())
    return found.group(1) if found else None


def allowed_id(value: str) -> bool:
    """Whether an element of the content may carry the id `value` (the table of contents follows the same rule)."""
    name = value.lower()
    return bool(ID.fullmatch(value)) and not name.startswith(RESERVED_ID_PREFIXES) and name not in SITE_SCRIPT_IDS


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """nh3's hook for each attribute it would keep: refuse unsafe or reserved ids and URLs hiding a scheme."""
    if attribute == "id" and not allowed_id(value):
        return None
    if attribute in URL_ATTRIBUTES and scheme_of(value) not in (None, *URL_SCHEMES):
        return None
    return value


_cleaner = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes=ATTRIBUTES,
    attribute_filter=_filter_attribute,
    strip_comments=True,
    link_rel=None,  # internal links stay exactly as MkDocs wrote them
    url_schemes=set(URL_SCHEMES),
    allowed_classes=CLASSES,
)


def clean_html(html: str) -> str:
    """`html` (a page's rendered Markdown) with only allowed tags, attributes, classes and URLs left.

    nh3 writes a no-break space as `&nbsp;`; it is put back as the character Markdown left, so that clean
    content comes out byte for byte as it went in (text pasted from word processors is full of them)."""
    return _cleaner.clean(html).replace("&nbsp;", "\u00a0")
