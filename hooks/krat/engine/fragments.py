"""Parts of Material's page frame rendered once and reused by every page outside the navigation.

Records, plans and articles are thousands of pages outside the navigation, and rendering Material's frame around
each one (the navigation, the tabs, the header, the footer, the configuration script) took about half of the time
MkDocs spent on templates. For such a page those parts do not depend on the page itself: no navigation item is active,
there is no previous or next page, and every link in them points at a navigation page or at the site's own files.
What does differ is how those links are written relative to the page (`../../qarqet/`), so a part is shared by
the pages that write every such link the same way: the same depth and first folder (for the links to top-level
pages such as /kerko/ and to the site's files) and the same relative link to each navigation page (should the
navigation ever list a deeper page). It is rendered anew for the first page that writes one differently. Pages
in the navigation are always rendered whole, and so is the page's title in the header.

The templates wrap each part in `{% call krat_fragment("name") %}…{% endcall %}` (overrides/main.html and
overrides/partials/nav.html and header.html). `KRAT_FRAGMENTS=0` turns the reuse off; a test builds the site both
ways and compares every page byte for byte.
"""

import os
from pathlib import Path

import material
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, pass_context
from mkdocs.utils import get_relative_url

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def install(env, nav) -> None:
    """Give the templates a fresh `krat_fragment` for this build, and Material's own templates under the name
    `material/…`, so that an override can wrap the original instead of copying it."""
    env.globals["krat_fragment"] = FragmentCache(nav)
    if not isinstance(env.loader, ChoiceLoader):
        env.loader = ChoiceLoader([env.loader, PrefixLoader({"material": FileSystemLoader(MATERIAL_TEMPLATES)})])


class FragmentCache:
    """The Jinja global `krat_fragment(name)`, called with the part as its caller; one per build."""

    def __init__(self, nav) -> None:
        self.targets = sorted({page.url for page in nav.pages} | {""}) if nav is not None else None
        self.enabled = os.environ.get("KRAT_FRAGMENTS", "1") != "0" and self.targets is not None
        self.parts: dict[tuple, str] = {}
        self.shapes: dict[tuple, tuple] = {}  # by the page's first folder, the folder holding it and its URL form
        self.last: tuple = (None, None)  # (page, its shape): the parts of one page are asked for one after another

    @pass_context
    def __call__(self, context, name: str, caller) -> str:
        key = self.key(name, context.get("page")) if self.enabled else None
        if key is None:
            return caller()
        if key not in self.parts:
            self.parts[key] = caller()
        return self.parts[key]

    def key(self, name: str, page) -> tuple | None:
        """What the part depends on for `page`, or None when it must be rendered for this page alone."""
        if page is None or not page.file.inclusion.is_not_in_nav() or page.meta.get("hide"):
            return None
        if self.last[0] is not page:
            self.last = (page, self.shape(page.url))
        return (name, *self.last[1])

    def shape(self, url: str) -> tuple:
        """How a page at `url` writes the links of a shared part: its first folder, and its relative link to the
        site's root (its depth, as `base_url`) and to every navigation page. Pages in one folder share it (a
        thousand records sit in some 240 folders), unless a navigation page lies below the page itself."""
        if any(target.startswith(url) for target in self.targets if target):
            return self._shape(url)
        place = (url.split("/", 1)[0], url.rstrip("/").rpartition("/")[0], url.endswith("/"))  # `x/` or `x.html`
        if place not in self.shapes:
            self.shapes[place] = self._shape(url)
        return self.shapes[place]

    def _shape(self, url: str) -> tuple:
        return (url.split("/", 1)[0], *(get_relative_url(target, url) for target in self.targets))
