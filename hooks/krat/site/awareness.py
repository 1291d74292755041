"""Awareness aggregation: articles grouped by audience and by topic, and the committees' awareness activity
(published records of kind `campaign` or with the topic `ndergjegjesimi`), newest first.

Works only on what the catalog publishes, so an internal article or record is never listed or counted.
"""

from dataclasses import dataclass

from krat.content.articles import Article
from krat.content.records import Record
from krat.content.refdata import Lookup

AWARENESS_KIND = "campaign"
AWARENESS_TOPIC = "ndergjegjesimi"
LATEST_ACTIVITY = 8


@dataclass
class ArticleGroup:
    """The articles for one audience or about one topic, newest first; `slug` doubles as the page anchor."""

    slug: str
    name: str
    articles: list[Article]


def group_articles(articles: list[Article], lookup: Lookup, attribute: str) -> list[ArticleGroup]:
    """Group `articles` by the reference items in their `attribute` ('audience' or 'topics'), in the order of
    the reference file; an article appears in every group it names, and empty groups are left out."""
    groups = []
    for item in lookup:
        members = [article for article in articles if item in getattr(article, attribute)]
        if members:
            groups.append(ArticleGroup(item.slug, item.name, members))
    return groups


def is_awareness_activity(record: Record) -> bool:
    """A campaign, or any meeting that lists awareness among its topics."""
    return record.kind == AWARENESS_KIND or any(topic.slug == AWARENESS_TOPIC for topic in record.topics)


def awareness_activity(records: list[Record], limit: int | None = None) -> list[Record]:
    """The awareness records among `records` (already newest first), at most `limit` of them."""
    return [record for record in records if is_awareness_activity(record)][:limit]
