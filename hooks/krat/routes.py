"""Every address the build generates, in one table: the content models, the page contexts, the outputs and (as the
Jinja global `routes`) the templates read their addresses here, so a page moves by changing one line.

A leaf module: it imports nothing of the package, so every stage may use it (ARCHITECTURE.md). Addresses are
site paths without a leading '/', as MkDocs' `url` filter takes them.
"""

PREFECTURES = "qarqet/"
PLANS = "plane/"
AWARENESS = "ndergjegjesim/"
ARCHIVE = "arkiva/"
SEARCH = "kerko/"
SEARCH_INDEX = "pagefind/"
DATA = "te-dhena/"
FEEDS = f"{DATA}feed/"
CALENDARS = f"{DATA}kalendar/"
ARTICLES_FEED = f"{FEEDS}ndergjegjesim.xml"
TOPICS = "temat/"  # one page per topic of content/_data/topics.yml, and their index
INSTITUTIONS = "institucionet/"  # one page per institution of content/_data/institutions.yml, and their index
ABOUT = "rreth/"  # content/rreth.md, written by hand; the footer and the help sections link to it
ADMIN = "admin/"  # the web editor for staff (krat.outputs.editor), not linked from any page


def page(src_uri: str) -> str:
    """The address of the page made from the Markdown file `src_uri`: 'a/b.md' → 'a/b/', 'a/index.md' → 'a/',
    'index.md' → '' (the home page)."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def source(url: str) -> str:
    """The Markdown file a page address comes from (the inverse of `page` for pages that are not an index)."""
    return url.removesuffix("/") + ".md"


def prefecture(slug: str) -> str:
    return f"{PREFECTURES}{slug}/"


def topic(slug: str) -> str:
    """A topic's page: everything published on it (records, awareness articles, plan tasks)."""
    return f"{TOPICS}{slug}/"


def institution(code: str) -> str:
    """An institution's page, by its code lowercased ('DSHS-BASHKIA' → 'institucionet/dshs-bashkia/')."""
    return f"{INSTITUTIONS}{code.lower()}/"


def records_feed(slug: str | None = None) -> str:
    """The records feed: the whole site's, or one prefecture's."""
    return f"{FEEDS}qarku-{slug}.xml" if slug else f"{FEEDS}procesverbalet.xml"


def meetings_calendar(slug: str) -> str:
    return f"{CALENDARS}{slug}-mbledhjet.ics"


def deadlines_calendar(slug: str) -> str:
    return f"{CALENDARS}{slug}-afatet.ics"
