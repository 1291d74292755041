"""What readers narrow lists by: prefecture, year, committee, kind and topic.

One definition serves both the search page (Pagefind filters, named by `label` and valued by each value's label)
and the archive (`data-*` attributes and URL parameters, named by `param` and valued by codes), so the two offer
the same choices.
"""

from collections import Counter
from dataclasses import dataclass

from krat.content.articles import Article
from krat.content.plans import Plan
from krat.content.records import Record
from krat.content.refdata import Prefecture
from krat.content.text import fold

PLAN_KIND = "Plan veprimi"
PREFECTURE_KIND = "Faqja e qarkut"
ARTICLE_KIND = "Artikull ndërgjegjësimi"


@dataclass(frozen=True)
class Facet:
    """A way to narrow a list: `param` names it in URLs and data attributes, `label` is what readers see."""

    param: str
    label: str


PREFECTURE = Facet("qarku", "Qarku")
YEAR = Facet("viti", "Viti")
BODY = Facet("komiteti", "Komiteti")
KIND = Facet("lloji", "Lloji")
TOPIC = Facet("tema", "Tema")
FACETS = (PREFECTURE, YEAR, BODY, KIND, TOPIC)


@dataclass(frozen=True)
class Value:
    """One value of a facet: `code` for URLs and data attributes, `label` for readers."""

    facet: Facet
    code: str
    label: str


def record_values(record: Record) -> list[Value]:
    """Every facet value of a meeting record (several committees and topics give several values)."""
    values = [
        Value(PREFECTURE, record.prefecture.slug, record.prefecture.name),
        Value(YEAR, str(record.date.year), str(record.date.year)),
    ]
    values += [Value(BODY, body.lower(), body) for body in record.bodies]
    values.append(Value(KIND, record.kind, record.kind_label))
    values += [Value(TOPIC, topic.slug, topic.name) for topic in record.topics]
    return values


def plan_values(plan: Plan) -> list[Value]:
    """A plan is found by its prefecture and each year it covers."""
    values = [Value(PREFECTURE, plan.prefecture.slug, plan.prefecture.name)]
    values += [Value(YEAR, str(year), str(year)) for year in plan.years]
    values.append(Value(KIND, "plan", PLAN_KIND))
    return values


def article_values(article: Article) -> list[Value]:
    """An awareness article is found by its year, its topics and, when it is written for one, its prefecture."""
    values = [Value(PREFECTURE, article.prefecture.slug, article.prefecture.name)] if article.prefecture else []
    values.append(Value(YEAR, str(article.date.year), str(article.date.year)))
    values.append(Value(KIND, "artikull", ARTICLE_KIND))
    values += [Value(TOPIC, topic.slug, topic.name) for topic in article.topics]
    return values


def prefecture_values(prefecture: Prefecture) -> list[Value]:
    """A prefecture's page is found by its prefecture and as its own kind of page."""
    return [Value(PREFECTURE, prefecture.slug, prefecture.name), Value(KIND, "qarku", PREFECTURE_KIND)]


def data_attributes(values: list[Value]) -> dict[str, str]:
    """`{"data-qarku": "kukes", "data-tema": "arsimi shendeti", ...}`: codes joined by spaces per facet."""
    attributes: dict[str, list[str]] = {}
    for value in values:
        attributes.setdefault(f"data-{value.facet.param}", []).append(value.code)
    return {name: " ".join(codes) for name, codes in attributes.items()}


@dataclass
class Choice:
    """One option of a facet's selector on the archive page, with how many records have it."""

    code: str
    label: str
    count: int


def choices(records: list[Record]) -> list[tuple[Facet, list[Choice]]]:
    """For each facet, the values present in `records` with their counts: years newest first, others by label."""
    counts: Counter = Counter()
    labels: dict[tuple[str, str], str] = {}
    for record in records:
        for value in record_values(record):
            counts[value.facet.param, value.code] += 1
            labels[value.facet.param, value.code] = value.label
    result = []
    for facet in FACETS:
        codes = [code for param, code in counts if param == facet.param]
        if facet is YEAR:
            codes.sort(reverse=True)
        else:
            codes.sort(key=lambda code, param=facet.param: fold(labels[param, code]))
        result.append((facet, [Choice(code, labels[facet.param, code], counts[facet.param, code]) for code in codes]))
    return result
