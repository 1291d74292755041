"""Awareness articles: each bad scenario is a tiny fixture under tests/fixtures/articles; exact lines asserted."""

import shutil

import pytest
from conftest import FIXTURES, RECORD_PATH, plant
from helpers import problems_of
from krat.content.catalog import build_catalog

ARTICLE_PATH = "ndergjegjesim/shenjat.md"
SHOWN = f"content/{ARTICLE_PATH}"


def plant_article(content, fixture: str, at: str = ARTICLE_PATH):
    """Copy the article fixture `fixture` to `content/<at>`."""
    target = content / at
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIXTURES / "articles" / fixture, target)
    return target


def test_valid_article_is_normalised(content):
    plant_article(content, "valid.md")
    article = build_catalog(content).articles[0]
    assert [audience.slug for audience in article.audience] == ["te-rinjte", "prinderit"]  # 'Të rinjtë'
    assert [audience.name for audience in article.audience] == ["Të rinjtë", "Prindërit"]
    assert [topic.slug for topic in article.topics] == ["parandalimi"]
    assert article.prefecture.slug == "korce"  # written 'Korçë'
    assert article.url == "ndergjegjesim/shenjat/"
    assert article.sources == [
        {"title": "UNODC – Human trafficking indicators", "url": "https://www.unodc.org/pdf/HT_indicators_E_LOWRES.pdf"}
    ]


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "missing_required.md",
            [
                f"{SHOWN}:1: audience: mungon, është e detyrueshme (Për kë është shkruar (nga audiences.yml)); "
                "p.sh. audience: [publiku, prinderit]",
                f"{SHOWN}:1: date: mungon, është e detyrueshme (Data e publikimit: VVVV-MM-DD); p.sh. date: 2026-11-22",
                f"{SHOWN}:1: sources: mungon, është e detyrueshme (Burimet e fakteve: title dhe url për secilin); "
                "p.sh. sources: [{title: ..., url: https://...}]",
                f"{SHOWN}:1: summary: mungon, është e detyrueshme (Përmbledhje në një ose dy fjali për listat); "
                "p.sh. summary: ...",
                f"{SHOWN}:1: topics: mungon, është e detyrueshme (Temat (nga topics.yml)); p.sh. topics: [parandalimi]",
            ],
        ),
        (
            "unknown_names.md",
            [
                f"{SHOWN}:4: audience: 'femijet' nuk njihet (shih content/_data/audiences.yml)",
                f"{SHOWN}:4: audience: 'prinderite' nuk njihet; a mos doni 'prinderit'?",
                f"{SHOWN}:5: topics: 'ndergjegjsimi' nuk njihet; a mos doni 'ndergjegjesimi'?",
                f"{SHOWN}:6: prefecture: 'Korca' nuk njihet; a mos doni 'korce'?",
                f"{SHOWN}:9: visibility: 'publike' nuk lejohet; a mos doni 'public'? (lejohen: public, internal)",
            ],
        ),
        (
            "bad_sources.md",
            [
                f"{SHOWN}:8: sources.url: mungon, është e detyrueshme (Adresa e plotë e burimit); "
                "p.sh. url: https://www.unodc.org/...",
                f"{SHOWN}:10: sources.url: 'javascript:alert(1)' nuk është adresë interneti; "
                "shkruani adresën e plotë që nis me https://",
                f"{SHOWN}:11: sources: duhet të jetë një grup fushash 'emër: vlerë' (me dhëmbëzim)",
            ],
        ),
        (
            "raw_html.md",
            [
                f"{SHOWN}:13: teksti: HTML nuk lejohet në tekstin e artikullit ('<iframe src=\"https:/'); "
                "përdorni vetëm Markdown"
            ],
        ),
    ],
)
def test_bad_article_is_reported_with_path_line_and_field(content, fixture, expected):
    plant_article(content, fixture)
    assert problems_of(content) == expected


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (
            "ndergjegjesim/Shenjat paralajmëruese.md",
            "content/ndergjegjesim/Shenjat paralajmëruese.md:1: skedari: emri 'Shenjat paralajmëruese.md' duhet të ketë "
            "vetëm a-z pa ë/ç, shifra dhe '-' (p.sh. 'shenjat-paralajmeruese.md'); emri bëhet adresa e faqes",
        ),
        (
            "ndergjegjesim/2018/shenjat.md",
            "content/ndergjegjesim/2018/shenjat.md:1: skedari: vendndodhje e gabuar; artikujt shkojnë drejtpërdrejt "
            "te content/ndergjegjesim/<pak-fjalë>.md",
        ),
    ],
)
def test_article_location_and_file_name(content, at, expected):
    plant_article(content, "valid.md", at)
    assert problems_of(content) == [expected]


def test_bad_article_and_bad_record_are_reported_together(content):
    plant_article(content, "unknown_names.md")
    plant(content, "impossible_date.md")
    lines = problems_of(content)
    assert len(lines) == 6
    assert lines[0].startswith(f"{SHOWN}:4: audience:")
    assert lines[-1] == f"content/{RECORD_PATH}:3: date: '2018-02-30' nuk është datë e vlefshme: shkurt 2018 ka 28 ditë"


@pytest.mark.parametrize(("change", "published"), [("visibility: public", True), ("visibility: internal", False)])
def test_internal_and_draft_articles_are_not_published(content, change, published):
    text = (FIXTURES / "articles" / "valid.md").read_text(encoding="utf-8").replace("visibility: public", change)
    (content / "ndergjegjesim").mkdir()
    (content / ARTICLE_PATH).write_text(text, encoding="utf-8")
    (content / "ndergjegjesim/draft.md").write_text(text.replace("---\n\n", "draft: true\n---\n\n"), encoding="utf-8")
    catalog = build_catalog(content, profile="public")
    assert [article.src_uri for article in catalog.articles] == ([ARTICLE_PATH] if published else [])
    assert "ndergjegjesim/draft.md" in catalog.unpublished
    members = build_catalog(content, profile="members")
    assert [article.src_uri for article in members.articles] == [ARTICLE_PATH]
