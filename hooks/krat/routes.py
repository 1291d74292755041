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


# The open data files (krat.outputs.opendata), under DATA.
OPEN_DATA_JSON = f"{DATA}krat.json"
OPEN_DATA_SCHEMA = f"{DATA}krat.content.schema.json"
OPEN_DATA_CSV = {
    "records": "procesverbalet.csv",
    "plans": "planet.csv",
    "tasks": "detyrat.csv",
    "institutions": "institucionet.csv",
}
INDEX_PAGES = (PREFECTURES, ARCHIVE, SEARCH, PLANS, AWARENESS, DATA, TOPICS, INSTITUTIONS)


def generated_pages(prefectures: list[str], topics: list[str], institutions: list[str]) -> list[str]:
    """The source name (as MkDocs knows it: 'qarqet/index.md', 'qarqet/kukes.md') of every page the build
    generates, given the slugs and codes of the reference data. No file of content/ may take one of their
    addresses, and a link to one of these names resolves (krat.content.addresses)."""
    addresses = [*INDEX_PAGES, *map(prefecture, prefectures), *map(topic, topics), *map(institution, institutions)]
    return [address + "index.md" if address in INDEX_PAGES else source(address) for address in addresses]


def generated_files(prefectures: list[str]) -> list[str]:
    """Every file the build writes that a text may link to: the open data, the feeds of the site and of each
    prefecture, and each prefecture's two calendars (older feed pages and the search index are not linked)."""
    files = [OPEN_DATA_JSON, OPEN_DATA_SCHEMA, *(DATA + name for name in OPEN_DATA_CSV.values())]
    files += [records_feed(), ARTICLES_FEED]
    for slug in prefectures:
        files += [records_feed(slug), meetings_calendar(slug), deadlines_calendar(slug)]
    return files
