"""End to end: `mkdocs build --strict` of a small fixture site, asserting on the generated HTML."""

import re
import shutil

import pytest
from conftest import FIXTURES
from helpers import article, html, plain
from sitebuild import make_site_source, refused


@pytest.fixture
def site(fixture_site):
    """The public build of the fixture site, shared by the session: read it, never write into it."""
    return fixture_site


def test_every_prefecture_has_a_page(site):
    assert sorted(path.parent.name for path in (site / "qarqet").glob("*/index.html")) == sorted(
        [
            "berat",
            "diber",
            "durres",
            "elbasan",
            "fier",
            "gjirokaster",
            "korce",
            "kukes",
            "lezhe",
            "shkoder",
            "tirane",
            "vlore",
        ]
    )


def test_timeline_is_newest_first_and_grouped_by_year(site):
    page = article(html(site, "qarqet/kukes"))
    page = page[page.index('id="procesverbalet"') :]  # the list, not the links above it (chair, charts)
    order = [
        page.index(marker)
        for marker in (
            'id="viti-2018"',
            "2018-07-05-gjashtemujori/",
            "2018-05-10-skript/",
            "2018-02-16-analiza/",
            'id="viti-2017"',
            "2017-11-20-takim/",
        )
    ]
    assert order == sorted(order)
    assert "4 procesverbale të publikuara" in page


def test_prefecture_page_opens_with_its_chair_and_a_year_index(site):
    page = article(html(site, "qarqet/kukes"))
    top = plain(page[: page.index('id="plani"')])
    assert "Mbledhjen e fundit me drejtues të regjistruar e drejtoi" in top
    index = re.findall(r'<a href="#viti-(\d+)">\d+ <span class="krat-years__count">\((\d+)\)</span></a>', page)
    assert index == [("2018", "3"), ("2017", "1")]
    assert (
        "Analizë vjetore" in page
        and '<abbr class="krat-tag krat-tag--body" title="Tryeza Teknike Antitrafik">TTAT' in page
    )


def test_record_page_shows_metadata_minutes_decisions_and_neighbours(site):
    page = article(html(site, "takime/kukes/2018/2018-02-16-analiza"))
    text = plain(page)
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
        outside_content = re.sub(r'<link rel="canonical"[^>]*>', "", outside_content)  # the page's own address
        assert "Navigimi" in outside_content
        assert not re.search(r'href="[^"]*takime/', outside_content)


def test_a_prefecture_without_records_gets_its_generated_page(site):
    assert "Qarku Berat" in html(site, "qarqet/berat")


def test_empty_prefecture_says_so(site):
    assert "Për Qarkun Vlorë ende nuk është publikuar asnjë procesverbal" in article(html(site, "qarqet/vlore"))


def test_prefecture_index_and_home_page(site):
    index = article(html(site, "qarqet"))
    row = re.search(
        r'<a href="kukes/">Kukës</a></th>\s*<td data-label="Selia">Kukës</td>\s*<td data-label="Procesverbale">(\d+)</td>'
        r'\s*<td data-label="I fundit">(.*?)</td>',
        index,
        re.S,
    )
    assert row.group(1) == "4" and "5 korrik 2018" in row.group(2)
    home = article(html(site, ""))
    latest = re.findall(r'href="(takime/[^"]+)"', home)
    assert latest[:2] == ["takime/durres/2023/2023-analiza/", "takime/korce/2019/2019-10-18-fushata/"]
    assert "Vendmbajtës" not in html(site, "")


def test_bad_file_stops_the_build_with_albanian_lines_and_no_traceback(tmp_path):
    content = make_site_source(tmp_path, FIXTURES / "site")
    shutil.copyfile(FIXTURES / "records" / "unknown_names.md", content / "takime/kukes/2018/2018-02-16-takim.md")
    shutil.copyfile(FIXTURES / "records" / "bad_yaml.md", content / "takime/kukes/2018/2018-03-16-takim.md")
    result = refused(content)
    assert "U gjetën 7 probleme në përmbajtje; asgjë nuk u publikua:" in result.stderr
    assert (
        "content/takime/kukes/2018/2018-02-16-takim.md:4: prefecture: 'Kukësi' nuk njihet; a mos doni 'kukes'?"
        in result.stderr
    )
    assert "content/takime/kukes/2018/2018-03-16-takim.md:5: YAML: gabim sintakse" in result.stderr


def task_block(page: str, anchor: str) -> str:
    start = page.index(f'<tbody id="{anchor}"')
    return page[start : page.index("</tbody>", start)]


def test_plan_page_shows_progress_statuses_overdue_and_history(site):
    page = article(html(site, "plane/kukes/2018"))
    text = plain(page)
    assert "4 detyra: Në zbatim: 2 Realizuar: 1 Me vonesë: 1 — 25% të realizuara — afati ka kaluar për 1 detyrë" in text
    assert 'href="../../../takime/kukes/2018/2018-02-16-analiza/">16 shkurt 2018: Analiza vjetore 2017' in page
    first = task_block(page, "detyra-1-1")
    assert re.findall(r'href="([^"]+)">([^<]+)</a>: <span class="krat-badge krat-status--([a-z-]+)', first) == [
        ("../../../takime/kukes/2018/2018-05-10-skript/", "10 maj 2018", "in-progress"),
        ("../../../takime/kukes/2018/2018-07-05-gjashtemujori/", "5 korrik 2018", "done"),
    ]
    assert "U zhvilluan takime në 12 shkolla." in first and "tremujori II 2018" in first
    internal = task_block(page, "detyra-1-10")  # id '1.10' kept as written, not read as 1.1
    assert "Në një mbledhje që nuk publikohet:" in internal and "Në zbatim" in internal
    assert 'class="krat-task krat-task--overdue"' in task_block(page, "detyra-2-1")
    assert "Afati ka kaluar" not in task_block(page, "detyra-2-2")


def test_meetings_and_prefecture_link_their_plan(site):
    record = article(html(site, "takime/kukes/2018/2018-07-05-gjashtemujori"))
    assert 'href="../../../../plane/kukes/2018/#detyra-1-1">1.1</a>' in record
    assert 'Përditësoi detyra të <a href="../../../../plane/kukes/2018/">' in record
    timeline = article(html(site, "qarqet/kukes"))
    assert 'href="../../plane/kukes/2018/">Miratoi planin 2018</a>' in timeline
    assert "25% të realizuara" in timeline
    matrix = article(html(site, "plane"))
    row = matrix[matrix.index('<a href="../qarqet/kukes/">Kukës</a>') :]
    assert re.match(
        r'<a href="../qarqet/kukes/">Kukës</a></th>\s*<td>\s*<a href="kukes/2018/">25%</a> '
        r'<span class="krat-overdue">Afati ka kaluar: 1</span>',
        row,
    )


def test_awareness_hub_lists_articles_contacts_next_campaign_and_activity(site):
    page = article(html(site, "ndergjegjesim"))
    text = plain(page)
    assert re.findall(r'class="krat-item__link" href="([^"]+)"', page)[:2] == ["korca-ne-tetor/", "shenjat/"]
    assert "Shenjat &lt;em&gt;paralajmëruese&lt;/em&gt;" in page
    assert "Oferta pune jashtë vendit &amp; dokumente të marra." in page
    assert '<h4 id="per-te-rinjte">Të rinjtë' in page and '<h4 id="tema-parandalimi">Parandalimi' in page
    assert page.index('id="ndihme"') < page.index('id="fushata"') < page.index('id="artikujt"')
    assert '<a class="krat-help__number" href="tel:116006">116 006</a>' in page
    assert "Kujdes: Raportet e Departamentit të Shtetit të SHBA-së" in text and "2022 dhe 2023" in text
    assert (
        'Burimi: <a href="https://www.state.gov/reports/2023-trafficking-in-persons-report/albania/">'
        "U.S. Department of State – 2023 Trafficking in Persons Report: Albania</a>; verifikuar më 22.11.2026." in page
    )
    assert "18 tetor 2018 (pas 78 ditësh) Dita Evropiane kundër Trafikimit" in text  # built on 2018-08-01
    assert "Muaji kombëtar kundër trafikimit: gjithë muaji tetor" in text
    activity = page[page.index('id="veprimtaria"') :]
    # Only the Korçë campaign: the internal one is left out, and the other records have no awareness topic.
    assert re.findall(r'class="krat-item__link" href="([^"]+)"', activity) == [
        "../takime/korce/2019/2019-10-18-fushata/"
    ]


def test_article_page_has_contacts_sources_and_the_awareness_crumb(site):
    page = article(html(site, "ndergjegjesim/shenjat"))
    assert "<h1>Shenjat &lt;em&gt;paralajmëruese&lt;/em&gt;</h1>" in page
    assert "Për: Të rinjtë, Prindërit" in plain(page)
    assert '<a href="../">Ndërgjegjësimi</a>' in page
    assert page.index("Teksti i artikullit") < page.index('id="ndihme"') < page.index('id="burimet"')
    assert '<a class="krat-help__number" href="tel:112">112</a>' in page
    assert (
        '<a href="https://www.unodc.org/pdf/HT_indicators_E_LOWRES.pdf">UNODC – Human trafficking indicators</a>'
        in page
    )


EVERY_KIND = ("index.html", "qarqet/index.html", "404.html", "takime/kukes/2018/2018-02-16-analiza/index.html")
WORKING_NUMBERS = ("112", "129", "116 111", "116 000")


def test_every_page_footer_has_the_working_numbers_and_keeps_the_copyright(site):
    for path in EVERY_KIND:
        footer = (site / path).read_text(encoding="utf-8").split('<footer class="md-footer">')[1]
        for number in WORKING_NUMBERS:
            assert f'href="tel:{number.replace(" ", "")}">{number}</a>' in footer, (path, number)
        assert "116 006" not in footer, path  # sources say it does not work: only on the help page, with its caveat
        assert "Komitetet Rajonale Antitrafik (KRAT) dhe Tryezat Teknike Antitrafik (TTAT) të 12 qarqeve" in footer


def test_every_page_opens_with_the_skip_link_and_the_help_bar_of_working_numbers(site):
    for path in EVERY_KIND:
        page = (site / path).read_text(encoding="utf-8")
        top = page[page.index("<body") : page.index('<header class="md-header')]
        assert top.index('href="#permbajtja">Kalo te përmbajtja</a>') < top.index('class="krat-helpbar"'), path
        calls = re.findall(r'class="krat-helpbar__call" href="tel:(\d+)"><strong>([\d ]+)</strong>', top)
        assert [number for _, number in calls] == list(WORKING_NUMBERS), path
        assert 'id="permbajtja"' in page and "data-krat-exit" in page.split('<header class="md-header')[1], path
        assert "Faqe e brendshme" not in page, path  # the members' banner


def test_members_build_shows_its_banner_on_every_page(fixture_members_site):
    for path in EVERY_KIND:
        page = (fixture_members_site / path).read_text(encoding="utf-8")
        assert "Faqe e brendshme, vetëm për anëtarët e komiteteve." in page.split('<header class="md-header')[0], path


def test_prefecture_page_shows_its_awareness_activity_and_articles(site):
    page = article(html(site, "qarqet/korce"))
    section = page[page.index('id="ndergjegjesimi"') : page.index('id="procesverbalet"')]
    assert 'href="../../takime/korce/2019/2019-10-18-fushata/"' in section
    assert '<a href="../../ndergjegjesim/korca-ne-tetor/">Fushata e tetorit në Korçë</a>' in section
    assert "ende nuk është publikuar asnjë veprimtari ndërgjegjësimi" in article(html(site, "qarqet/vlore"))


def test_internal_and_draft_articles_are_not_published(site):
    assert not (site / "ndergjegjesim/brenda").exists() and not (site / "ndergjegjesim/draft").exists()
    for path in site.rglob("*"):
        if path.is_file():
            assert b"DRAFT-9Z" not in path.read_bytes(), path


def test_members_record_page_shows_what_is_left_to_verify(fixture_members_site):
    page = article(html(fixture_members_site, "takime/kukes/2018/2018-09-01-brenda"))
    box = page[page.index('class="krat-verify"') :]
    assert "Për t’u kontrolluar para publikimit" in box and "<code>date</code>: data nga njoftimi" in box
