"""What the machine-readable outputs (feeds, calendars, open data) share: where each file lives, stable ids,
links that work with and without a `site_url`, the local time of a meeting, and the feed and calendar links
each page shows.

Everything here is computed from the catalog alone, so feeds, calendars, the JSON and the CSV files all count
the same published items as the pages do.
"""

import datetime
import functools
import posixpath
import re
import uuid
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from krat import routes
from krat.content.catalog import Catalog
from krat.content.dates import PartialDate
from krat.content.refdata import Prefecture

TIMEZONE_NAME = "Europe/Tirane"
TIMEZONE = ZoneInfo(TIMEZONE_NAME)
# Fixed once for this project: ids are uuid5(ID_NAMESPACE, src_uri), so they survive a move to another host.
ID_NAMESPACE = uuid.UUID("b77dd942-1be8-4838-b4bf-6d7f8b733793")
INTERNAL_PREFIX = "[I brendshëm] "
# Characters XML 1.0 and iCalendar text cannot carry; front-matter could hold them as YAML escapes.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@functools.cache
def stable_id(key: str) -> str:
    """A UUID that depends only on `key` (a src_uri, or a plan's src_uri and a task id): the same in every build,
    on every host, whatever the build date."""
    return str(uuid.uuid5(ID_NAMESPACE, key))


def marked(title: str, visibility: str) -> str:
    """A title as feeds and calendars show it: internal items (members' build only) say so first."""
    return (INTERNAL_PREFIX if visibility == "internal" else "") + title


def clean(text: str) -> str:
    """`text` without control characters, which neither XML 1.0 nor iCalendar text may contain."""
    return CONTROL_CHARACTERS.sub("", text)


@dataclass(frozen=True)
class Links:
    """Turns site paths ('takime/kukes/2018/...') into links. `base` is MkDocs' `site_url` (None when unset).

    With a base, every link is absolute. Without one, a document links relative to its own place in the site
    (valid in Atom, which resolves references against the document's address); `absolute` returns None then,
    because formats such as iCalendar accept only absolute addresses.
    """

    base: str | None = None

    def absolute(self, path: str) -> str | None:
        return f"{self.base.rstrip('/')}/{path}" if self.base else None

    def href(self, path: str, document: str) -> str:
        """The link to site path `path` written inside the output file at site path `document`."""
        if self.base:
            return self.absolute(path)
        relative = posixpath.relpath(path or ".", posixpath.dirname(document) or ".")
        return relative + "/" if path.endswith("/") or not path else relative

    def public(self, path: str) -> str:
        """The address a data file gives for a page: absolute, or without a base the path from the site root."""
        return self.absolute(path) or path


def local_start(date: PartialDate, time: str = "") -> datetime.datetime:
    """The meeting's start in Albania's time zone; a partial date starts on the first day of its month or year,
    a missing time at midnight (callers that must not pretend precision check `date.is_exact` and `time`)."""
    hour, minute = (int(part) for part in time.split(":")) if time else (0, 0)
    return datetime.datetime(date.year, date.month or 1, date.day or 1, hour, minute, tzinfo=TIMEZONE)


@dataclass
class Subscription:
    """A feed or calendar as a page links it: its full title (page head, lists), site path, media type and
    the short label a page shows next to its own content."""

    title: str
    path: str
    media_type: str = "application/atom+xml"
    label: str = ""

    @property
    def is_calendar(self) -> bool:
        return self.media_type == "text/calendar"


@dataclass
class PageLinks:
    """The feeds and calendars of one page (the Jinja variable `krat_links`): `head` are the Atom feeds announced
    in the page head (autodiscovery), `shown` the feeds and calendars the page itself shows (none on most pages)."""

    head: list[Subscription]
    shown: list[Subscription] = field(default_factory=list)
    data_url: str = routes.DATA


ATOM, ICALENDAR = "application/atom+xml", "text/calendar"
SITE_FEED = Subscription(
    "Procesverbalet e reja të KRAT dhe TTAT (Atom)", routes.records_feed(), ATOM, "Njoftime për procesverbalet e reja"
)
ARTICLES = Subscription("Artikujt e ndërgjegjësimit (Atom)", routes.ARTICLES_FEED, ATOM, "Njoftime për artikujt e rinj")


def prefecture_subscriptions(prefecture: Prefecture) -> list[Subscription]:
    """A prefecture's records feed, its meetings calendar and its task deadlines calendar."""
    name, slug = prefecture.name, prefecture.slug
    return [
        Subscription(f"Procesverbalet e Qarkut {name} (Atom)", routes.records_feed(slug), ATOM, "Njoftime (Atom)"),
        Subscription(
            f"Mbledhjet e Qarkut {name} (kalendar)", routes.meetings_calendar(slug), ICALENDAR, "Kalendari i mbledhjeve"
        ),
        Subscription(
            f"Afatet e detyrave të planeve të Qarkut {name} (kalendar)",
            routes.deadlines_calendar(slug),
            ICALENDAR,
            "Kalendari i afateve të detyrave",
        ),
    ]


def page_links(catalog: Catalog, url: str) -> PageLinks:
    """Every page announces the site's records feed; the home page, each prefecture and the awareness pages
    also show their own feeds (and a prefecture its calendars)."""
    if url == "":
        return PageLinks([SITE_FEED, ARTICLES], [SITE_FEED])
    prefecture = catalog.prefecture_at(url)
    if prefecture is not None:
        own = prefecture_subscriptions(prefecture)
        return PageLinks([SITE_FEED, own[0]], own)  # calendars have no autodiscovery: shown only
    if url == routes.AWARENESS:
        return PageLinks([SITE_FEED, ARTICLES], [ARTICLES])
    if url.removesuffix("/") + ".md" in catalog.articles_by_src_uri:
        return PageLinks([SITE_FEED, ARTICLES])
    return PageLinks([SITE_FEED])
