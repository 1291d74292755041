"""End to end: `mkdocs build --strict` of a small fixture site, asserting on the generated HTML."""

import re
import shutil

import pytest
from conftest import FIXTURES
from sitebuild import build, make_site_source


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    where = tmp_path_factory.mktemp("fixture-site")
    content = make_site_source(where, FIXTURES / "site")
    result = build(content, where / "site")
    assert result.returncode == 0, result.stderr
    return where / "site"


def html(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def article(page: str) -> str:
    """The main content area of a page, without header, navigation and footer."""
    return page[page.index('<article class="md-content__inner') : page.index("</article>")]


def test_every_prefecture_has_a_page(site):
    assert sorted(path.parent.name for path in (site / "qarqet").glob("*/index.html")) == sorted(
        "berat diber durres elbasan fier gjirokaster korce kukes lezhe shkoder tirane vlore".split()
    )


def test_timeline_is_newest_first_and_grouped_by_year(site):
    page = article(html(site, "qarqet/kukes"))
    order = [
        page.index(marker)
        for marker in (
            'id="viti-2018"',
            "2018-05-10-skript/",
            "2018-02-16-analiza/",
            'id="viti-2017"',
            "2017-11-20-takim/",
        )
    ]
    assert order == sorted(order)
    assert "3 procesverbale të publikuara" in page
    assert (
        "Analizë vjetore" in page
        and '<abbr class="krat-tag krat-tag--body" title="Tryeza Teknike Antitrafik">TTAT' in page
    )


def test_record_page_shows_metadata_minutes_decisions_and_neighbours(site):
    page = article(html(site, "takime/kukes/2018/2018-02-16-analiza"))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    for expected in [
        "16 shkurt 2018 , ora 11:00",
        "Vendi Institucioni i Prefektit",
        "Komitetet Komiteti Rajonal Antitrafik (KRAT); Tryeza Teknike Antitrafik (TTAT)",
        "Lloji Analizë vjetore — periudha: 2017",
        "Drejtoi Zenel Kuçana, Prefekti i Qarkut Kukës",
        "Drejtoria Vendore e Policisë",
        "Drejtoria Rajonale e Shërbimit Social Shtetëror",
        "Qendra Rinore",
        "Shkollat dhe arsimi",
        "Vendimet U miratua Plani i Veprimit 2018.",
    ]:
        assert expected in text
    assert "<li>pika një</li>" in page
    assert 'href="../../2017/2017-11-20-takim/" rel="prev"' in page
    assert 'href="../2018-05-10-skript/" rel="next"' in page


def test_partial_date_says_exact_date_is_unknown(site):
    page = article(html(site, "takime/durres/2023/2023-analiza"))
    assert "Data e saktë nuk dihet: burimi jep vetëm vitin." in page


def test_titles_and_summaries_are_escaped_everywhere(site):
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text, path
        assert "<b>etiketë</b>" not in text, path
    page = html(site, "takime/kukes/2018/2018-05-10-skript")
    assert "<title>Takim &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; më shumë" in page
    assert "<h1>Takim &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; më shumë</h1>" in page


def test_internal_records_are_not_published(site):
    assert not (site / "takime/kukes/2017/2017-12-01-brenda").exists()
    for path in site.rglob("*"):
        if path.is_file():
            assert b"SEKRET-7Q" not in path.read_bytes(), path


def test_records_are_not_in_the_navigation(site):
    for page in ("", "qarqet", "takime/kukes/2018/2018-02-16-analiza"):
        text = html(site, page)
        outside_content = text.replace(article(text), "")
        assert "Navigimi" in outside_content
        assert not re.search(r'href="[^"]*takime/', outside_content)


def test_hand_written_page_wins_over_generated_one(site):
    page = article(html(site, "qarqet/berat"))
    assert "Berati, faqe e shkruar me dorë" in page


def test_empty_prefecture_says_so(site):
    assert "Për Qarkun Vlorë ende nuk është publikuar asnjë procesverbal" in article(
        html(site, "qarqet/vlore")
    )


def test_prefecture_index_and_home_page(site):
    index = article(html(site, "qarqet"))
    row = re.search(
        r'<a href="kukes/">Kukës</a></th>\s*<td>Kukës</td>\s*<td>(\d+)</td>\s*<td>(.*?)</td>', index, re.S
    )
    assert row.group(1) == "3" and "10 maj 2018" in row.group(2)
    home = article((site / "index.html").read_text(encoding="utf-8"))
    latest = re.findall(r'href="(takime/[^"]+)"', home)
    assert latest[:2] == ["takime/durres/2023/2023-analiza/", "takime/korce/2019/2019-10-18-fushata/"]
    assert "Vendmbajtës" not in (site / "index.html").read_text(encoding="utf-8")


def test_bad_file_stops_the_build_with_albanian_lines_and_no_traceback(tmp_path):
    content = make_site_source(tmp_path, FIXTURES / "site")
    shutil.copyfile(
        FIXTURES / "records" / "unknown_names.md", content / "takime/kukes/2018/2018-02-16-takim.md"
    )
    shutil.copyfile(FIXTURES / "records" / "bad_yaml.md", content / "takime/kukes/2018/2018-03-16-takim.md")
    result = build(content, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "U gjetën 7 probleme në përmbajtje; asgjë nuk u publikua:" in result.stderr
    assert (
        "content/takime/kukes/2018/2018-02-16-takim.md:4: prefecture: 'Kukësi' nuk njihet; a mos doni 'kukes'?"
        in result.stderr
    )
    assert "content/takime/kukes/2018/2018-03-16-takim.md:5: YAML: gabim sintakse" in result.stderr
