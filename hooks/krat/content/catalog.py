"""The catalog: every published record, read once per build, with the groupings the pages need.
Plans, awareness articles, contacts and campaign days are read in the same pass.

Built from the files in one pass (`build_catalog`); everything downstream works on it and never re-reads files.
Lists are sorted newest first; timelines are grouped by year in Python so templates only loop.
"""

import datetime
import hashlib
import os
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from krat import routes
from krat.content.addresses import Generated, collisions, generated
from krat.content.articles import Article, load_articles
from krat.content.attachments import published_attachments, resolve_attachments, shared_attachments
from krat.content.campaigns import Campaign, load_campaigns
from krat.content.contacts import Contact, expiring_contacts, load_contacts, stale_contacts
from krat.content.dates import build_date
from krat.content.handpages import HandPage, load_pages
from krat.content.inventory import Inventory, scan
from krat.content.links import Targets, Text, check_links
from krat.content.plans import Plan, link_plans, load_plans
from krat.content.privacy import Guard, guard_problems, load_guard
from krat.content.problems import ContentError, Problem
from krat.content.records import Record, load_records
from krat.content.refdata import Prefecture, ReferenceData, load_reference_data

DATA_DIR = "_data"
HIDDEN_PUBLIC = "një material që nuk publikohet në faqen publike (i brendshëm, draft ose shtojcë e tyre)"
HIDDEN_MEMBERS = "një draft (ose shtojcë e tij) që nuk publikohet"


@dataclass
class YearGroup:
    """The records of one year, newest first."""

    year: int
    records: list[Record]


def by_year(records: list[Record]) -> list[YearGroup]:
    """`records`, newest first as the catalog keeps them, grouped by year (newest year first)."""
    return [YearGroup(year, list(group)) for year, group in groupby(records, key=lambda record: record.date.year)]


@dataclass
class PrefectureSummary:
    """A prefecture with how many records it has and its latest one (None when it has none)."""

    prefecture: Prefecture
    count: int
    latest: Record | None


@dataclass
class PlanLink:
    """A plan a meeting approved, reviewed or updated, as the meeting's pages show it."""

    plan: Plan
    role: str


@dataclass
class Catalog:
    """Published records (newest first), published plans and the reference data.

    `unpublished` lists the src_uris of validated files left out of this build (drafts; internal in public);
    `profile` is the build's audience ("public" or "members"), for outputs that say who may re-use them.
    """

    refdata: ReferenceData
    records: list[Record]
    plans: list[Plan] = field(default_factory=list)
    unpublished: set[str] = field(default_factory=set)
    today: datetime.date = field(default_factory=build_date)
    articles: list[Article] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    campaigns: list[Campaign] = field(default_factory=list)
    profile: str = "public"
    digests: dict[str, str] = field(default_factory=dict)  # src_uri → digest of the file's text (release_sources)
    pages_by_src_uri: dict[str, HandPage] = field(default_factory=dict)
    published_files: set[str] = field(default_factory=set)  # src_uris of content files MkDocs may publish
    notices: list[Problem] = field(default_factory=list)  # what staff should act on soon, without refusing
    guard: Guard | None = None  # the privacy guard of this content (the output gate reads the site with it)
    withheld: set[str] = field(default_factory=set)  # addresses of what this build leaves out (withheld_addresses)
    by_prefecture: dict[str, list[Record]] = field(init=False)
    by_src_uri: dict[str, Record] = field(init=False)
    _position: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self):
        self.records.sort(key=lambda record: record.sort_key, reverse=True)
        self.by_prefecture = {prefecture.slug: [] for prefecture in self.refdata.prefectures}
        for record in self.records:
            self.by_prefecture[record.prefecture.slug].append(record)
        self.by_src_uri = {record.src_uri: record for record in self.records}
        self._position = {
            record.src_uri: index for same in self.by_prefecture.values() for index, record in enumerate(same)
        }
        self.plans.sort(key=lambda plan: (plan.prefecture.slug, plan.period))
        self.plans_by_id = {plan.id: plan for plan in self.plans}
        self.plans_by_src_uri = {plan.src_uri: plan for plan in self.plans}
        self.articles.sort(key=lambda article: article.sort_key, reverse=True)
        self.articles_by_src_uri = {article.src_uri: article for article in self.articles}
        self.items_by_src_uri = {**self.by_src_uri, **self.plans_by_src_uri, **self.articles_by_src_uri}
        self._connect_published()

    def _connect_published(self) -> None:
        """Links between meetings and plans only where both sides are in this build (never to unpublished ones)."""
        for plan in self.plans:
            for task in plan.tasks:
                for update in task.history:
                    update.link = self.by_src_uri.get(update.record.src_uri)
            if plan.approval and plan.approval.src_uri not in self.by_src_uri:
                plan.approval = None
            plan.reviews = [(record, note) for record, note in plan.reviews if record.src_uri in self.by_src_uri]
        for record in self.records:
            roles = [(record.approves_plan, "Miratoi")]
            roles += [(review["plan"], "Shqyrtoi") for review in record.plan_reviews]
            roles += [(update["plan"], "Përditësoi detyra të") for update in record.task_updates]
            seen, record.plan_links = set(), []
            for plan_id, role in roles:
                if plan_id in self.plans_by_id and plan_id not in seen:
                    record.plan_links.append(PlanLink(self.plans_by_id[plan_id], role))
                    seen.add(plan_id)

    def prefecture_at(self, url: str) -> Prefecture | None:
        """The prefecture whose page is at `url` ('qarqet/<slug>/'), None for any other page."""
        slug = url.removeprefix(routes.PREFECTURES).removesuffix("/")
        return self.refdata.prefectures[slug] if url == routes.prefecture(slug) and slug in self.by_prefecture else None

    def plans_of(self, slug: str) -> list[Plan]:
        return [plan for plan in self.plans if plan.prefecture.slug == slug]

    def current_plan(self, slug: str) -> Plan | None:
        """The prefecture's plan covering the build year, else its most recent plan."""
        plans = self.plans_of(slug)
        covering = [plan for plan in plans if self.today.year in plan.years]
        return (covering or sorted(plans, key=lambda plan: plan.years[-1]) or [None])[-1]

    def timeline(self, slug: str) -> list[YearGroup]:
        """The prefecture's records grouped by year, newest year and newest record first."""
        return by_year(self.by_prefecture[slug])

    def neighbours(self, record: Record) -> tuple[Record | None, Record | None]:
        """The previous (older) and next (newer) record of the same prefecture."""
        same = self.by_prefecture[record.prefecture.slug]
        index = self._position[record.src_uri]
        older = same[index + 1] if index + 1 < len(same) else None
        newer = same[index - 1] if index > 0 else None
        return older, newer

    def summaries(self) -> list[PrefectureSummary]:
        """All twelve prefectures in reference order, with their record counts and latest record."""
        return [
            PrefectureSummary(prefecture, len(records), records[0] if records else None)
            for prefecture, records in ((p, self.by_prefecture[p.slug]) for p in self.refdata.prefectures)
        ]


PROFILES = ("public", "members")


def is_published(item: Record | Plan | Article, profile: str) -> bool:
    """Drafts are never published; the public profile publishes only what is marked public."""
    return not item.draft and (profile != "public" or item.visibility == "public")


def build_catalog(
    content_dir: Path,
    profile: str = "public",
    today: datetime.date | None = None,
    denylist: Path | None = None,
    required: tuple[str, ...] = (),
    own_urls: tuple[str, ...] = (),
) -> Catalog:
    """Read and validate all content under `content_dir`; raise ContentError listing every problem.

    This is the one verdict: the build (krat.engine) and `krat check` both call it, so whatever the build refuses
    `krat check` refuses first, in the same words. `today` is the build date (default: `build_date()`);
    `denylist` the private list of names the privacy guard refuses (a file kept outside the repository);
    `required` the hand-written pages the site's navigation names (mkdocs.yml's `nav`), which must exist;
    `own_urls` the sites' own addresses (site_url, the members' site), so a link written as one of them is judged
    as the page or file it names. Plan
    statuses come from every meeting that is not a draft (internal ones too: their status counts, but the catalog
    links only to meetings published in this build). Notices (a help number to re-verify soon) go on the catalog,
    or on the ContentError.
    """
    if profile not in PROFILES:  # a mistyped profile must never publish internal material
        raise ContentError([Problem("KRAT_PROFILE", 1, "profili", f"'{profile}' nuk njihet; lejohen: public, members")])
    today = today or build_date()
    shown_root = shown_path(content_dir)
    inventory = scan(content_dir, shown_root)
    refdata = load_reference_data(content_dir / DATA_DIR, f"{shown_root}/{DATA_DIR}")
    refdata.today = today
    built = generated(refdata)
    records, record_problems = load_records(content_dir, shown_root, refdata)
    plans, plan_problems = load_plans(content_dir, shown_root, refdata)
    articles, article_problems = load_articles(content_dir, shown_root, refdata)
    contacts, contact_problems = load_contacts(content_dir / DATA_DIR, f"{shown_root}/{DATA_DIR}", refdata)
    campaigns, campaign_problems = load_campaigns(content_dir / DATA_DIR, f"{shown_root}/{DATA_DIR}", refdata)
    pages, page_problems = load_pages(inventory.pages, refdata)
    problems = record_problems + plan_problems + article_problems + contact_problems + campaign_problems
    problems += page_problems + inventory.problems + stale_contacts(contacts, today)
    problems += missing_pages(required, inventory, built, shown_root)
    attachment_problems = resolve_attachments(records, inventory.files)
    # A file is "declared by no record" only when every record could be read: a broken record may declare it.
    problems += [problem for problem in attachment_problems if not record_problems or problem.field != "skedari"]
    items = records + plans + articles
    problems += collisions(content_addresses(items, pages, inventory), built)
    published = [item for item in items if is_published(item, profile)]
    files = published_files(published, pages, inventory)
    shown_records = [item for item in published if isinstance(item, Record)]
    shown_uris = {record.src_uri for record in shown_records}
    problems += shared_attachments(shown_records, [record for record in records if record.src_uri not in shown_uris])
    # Links and personal data are checked on every file that loaded, even when others did not: `krat check FILE`
    # (the pre-commit hook) must not let a file through because another one is broken.
    texts = [Text(item.src_uri, item.path, item.body, item.body_line, front_matter(item)) for item in published + pages]
    texts += [Text(file.src_uri, file.shown, "", 1, data_text(file)) for file in inventory.data]  # every URL in it
    used: set[str] = set()
    targets = link_targets(items, published, inventory, files, profile, built, own_urls)
    problems += check_links(texts, targets, used)
    files -= {asset.src_uri for asset in inventory.assets} - used  # a site image only where a published text shows it
    numbers = [contact.number for contact in contacts]
    guard = load_guard(content_dir / DATA_DIR, numbers, f"{shown_root}/{DATA_DIR}", denylist)
    if profile == "public":
        problems += guard_problems(guarded_texts(items, pages, inventory), guard)
    if not problems:
        problems += link_plans([p for p in plans if not p.draft], [r for r in records if not r.draft], today)
    notices = expiring_contacts(contacts, today)
    if problems:
        raise ContentError(problems, notices)
    unpublished = {item.src_uri for item in items} - {item.src_uri for item in published}
    digests = release_sources(items)
    catalog = Catalog(
        refdata,
        [item for item in published if isinstance(item, Record)],
        [item for item in published if isinstance(item, Plan)],
        unpublished,
        today,
        [item for item in published if isinstance(item, Article)],
        contacts,
        campaigns,
        profile,
        digests,
    )
    catalog.pages_by_src_uri = {page.src_uri: page for page in pages}
    catalog.published_files = files
    catalog.notices = notices
    catalog.guard = guard
    catalog.withheld = withheld_addresses(items, published, inventory, files)
    return catalog


def missing_pages(required: tuple[str, ...], inventory: Inventory, built: Generated, shown_root: str) -> list[Problem]:
    """A problem for each page the navigation names that neither content/ nor the build has: MkDocs' strict
    build would stop on it in English."""
    present = {page.src_uri for page in inventory.pages} | set(built.pages)
    message = "mungon: menyja e sajtit (nav te mkdocs.yml) e kërkon këtë faqe; riktheni skedarin"
    return [Problem(f"{shown_root}/{src_uri}", 1, "faqja", message) for src_uri in required if src_uri not in present]


def nav_pages(nav) -> tuple[str, ...]:
    """The Markdown files a navigation (mkdocs.yml's `nav`: titles, files, sections, addresses) names."""
    if isinstance(nav, str):
        return (nav,) if nav.endswith(".md") and "://" not in nav else ()
    values = nav.values() if isinstance(nav, dict) else nav if isinstance(nav, list) else ()
    return tuple(page for value in values for page in nav_pages(value))


def content_addresses(items: list, pages: list[HandPage], inventory: Inventory) -> list[tuple[str, str]]:
    """(src_uri, shown path) of every file of the content tree that may be served: items, hand-written pages,
    images and attachment candidates."""
    found = [(item.src_uri, item.path) for item in items] + [(page.src_uri, page.path) for page in pages]
    return found + [(file.src_uri, file.shown) for file in [*inventory.assets, *inventory.files.values()]]


@dataclass(frozen=True)
class GuardedText:
    """A text the privacy guard reads that is not an item: a data file, or a file's name."""

    path: str
    text: str


def guarded_texts(items: list, pages: list[HandPage], inventory: Inventory) -> list:
    """What the privacy guard reads: every public item, drafts included (a draft marked public is published as it
    stands once `draft` goes), every hand-written page (always public), the data files (topic, institution and
    campaign names are printed on public pages) and the name of every file of the content tree (a name becomes an
    address and a link's text)."""
    data = [GuardedText(file.shown, data_text(file)) for file in inventory.data]
    files = [*inventory.pages, *inventory.assets, *inventory.files.values(), *inventory.data]
    files += [file for section in inventory.markdown.values() for file in section]
    names = [GuardedText(file.shown, file.src_uri.replace("/", " / ")) for file in files]
    return [item for item in items if item.visibility == "public"] + pages + data + names


def published_files(published: list, pages: list[HandPage], inventory: Inventory) -> set[str]:
    """Every file of the content tree this build publishes: its items, hand-written pages, the attachments its
    records declare and the site's images. MkDocs copies nothing else (krat.engine.adapter.update_files)."""
    records = [item for item in published if isinstance(item, Record)]
    files = {item.src_uri for item in published} | {page.src_uri for page in pages}
    return files | published_attachments(records) | {asset.src_uri for asset in inventory.assets}


def withheld_addresses(items: list, published: list, inventory: Inventory, files: set[str]) -> set[str]:
    """The site paths ('takime/kukes/2018/2018-09-01-brenda', 'takime/kukes/2018/raporti.pdf') of every item and
    file of the content tree this build leaves out: the output gate (krat.gate) refuses any trace of them."""
    shown = {item.src_uri for item in published}
    left_out = {routes.page(item.src_uri).strip("/") for item in items if item.src_uri not in shown}
    every_file = [*inventory.assets, *inventory.files.values()]
    return left_out | {file.src_uri for file in every_file if file.src_uri not in files}


def data_text(file) -> str:
    """A data file's text as written (its URLs are checked like a front-matter's)."""
    return file.path.read_text(encoding="utf-8", errors="replace")


def front_matter(item) -> str:
    """The front-matter lines of an item's file as written (its text before the body)."""
    return "\n".join(item.text.split("\n")[: max(item.body_line - 1, 0)])


def link_targets(
    items: list,
    published: list,
    inventory: Inventory,
    files: set[str],
    profile: str,
    built: Generated,
    own_urls: tuple[str, ...] = (),
) -> Targets:
    """Where links may and may not lead in this build: any content file or item address it leaves out is hidden;
    what it publishes and generates is there to link to (krat.content.links)."""
    every_file = {file.src_uri for file in inventory.files.values()} | {item.src_uri for item in items}
    hidden = every_file - files
    hidden |= {routes.page(src_uri) for src_uri in hidden if src_uri.endswith(".md")}
    shown = files | {routes.page(src_uri) for src_uri in files if src_uri.endswith(".md")}
    reason = HIDDEN_PUBLIC if profile == "public" else HIDDEN_MEMBERS
    names = files | set(built.pages) | set(built.files)
    pages = {routes.page(src_uri): src_uri for src_uri in names if src_uri.endswith(".md")}
    return Targets(frozenset(shown), frozenset(hidden), reason, frozenset(names), pages, tuple(filter(None, own_urls)))


def release_sources(items: list[Record | Plan | Article]) -> dict[str, str]:
    """Each item's source text as a digest, by src_uri (what `make serve` compares between rebuilds,
    krat.engine.preview); then drop the texts and line numbers, which only the checks above need: about 60 MB of the
    build's memory at 10,000 records, while Pagefind needs the most."""
    digests = {}
    for item in items:
        digests[item.src_uri] = hashlib.blake2b(item.text.encode("utf-8"), digest_size=16).hexdigest()
        item.text = ""
        if hasattr(item, "lines"):
            item.lines = {}
    return digests


def shown_path(path: Path) -> str:
    """`path` as messages show it: relative to the working directory when inside it."""
    absolute = path.resolve()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return os.fspath(path)
