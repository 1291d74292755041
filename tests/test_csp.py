"""The Content-Security-Policy (krat.engine.csp) and the sanitiser wired into the build, end to end.

Two sites are built: the usual fixture site, and tests/fixtures/hostile/site, whose record and "Rreth" page try
to carry scripts with Markdown the validator accepts (attr_list handlers and styles, an id taking Material's
`__config`, a heading id breaking out of the table of contents' `href`, a `description` breaking out of its
`<meta>`). Then, in headless Chromium, the pages run Material's and Pagefind's scripts under the policy without
a single violation, and an attacker's inline handler, `javascript:` link or inline script does not run.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import chromium_page, needs_chromium, served
from conftest import FIXTURES
from krat.engine import csp
from sitebuild import build, make_site_source

HOSTILE_RECORD = "takime/kukes/2018/2018-03-01-sulm/index.html"
KORCE_2019 = "/takime/korce/2019/2019-10-18-fushata/"


@pytest.fixture(scope="module")
def site(fixture_site) -> Path:
    """The session's public build of the fixture site (tests/conftest.py). Read only."""
    return fixture_site


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("hostile")
    nav = [{"Kreu": "index.md"}, {"Rreth": "rreth.md"}]
    result = build(make_site_source(where, FIXTURES / "hostile" / "site"), where / "site", nav=nav)
    assert result.returncode == 0, result.stderr
    return where / "site"


class Elements(HTMLParser):
    """Every start tag of a document with its attributes (values unescaped), and the first one inside <head>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.first_in_head: tuple[str, dict] | None = None
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self._in_head and self.first_in_head is None:
            self.first_in_head = (tag, attributes)
        self._in_head = tag == "head" or self._in_head
        self.tags.append((tag, attributes))

    handle_startendtag = handle_starttag


def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


def minutes(page: str) -> str:
    """The record's minutes: its Markdown, rendered and sanitised (the decisions follow)."""
    return page[page.index('<div class="krat-minutes">') : page.index('<h2 id="vendimet">')]


# The built pages --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["site", "hostile"])
def test_every_html_page_starts_its_head_with_the_policy_hashing_exactly_its_inline_scripts(which, request):
    folder = request.getfixturevalue(which)
    editor = folder / "admin" / "index.html"  # the web editor's page has its own policy (tests/test_editor_files.py)
    pages = sorted(path for path in folder.rglob("*.html") if path != editor)
    assert len(pages) > 10 and folder / "404.html" in pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        tag, attributes = elements(html).first_in_head
        assert tag == "meta" and attributes.get("http-equiv") == "Content-Security-Policy", path
        policy = attributes["content"]
        assert policy.startswith("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' "), path
        assert "'unsafe-inline'" not in policy.split(";")[1] and "unsafe-hashes" not in policy, path
        hashes = set(re.findall(r"'sha256-[^']+'", policy))
        assert hashes == {csp.script_hash(text) for text in csp.inline_scripts(html)} and len(hashes) >= 2, path
    assert "Content-Security-Policy" not in (folder / "sitemap.xml").read_text(encoding="utf-8")


def test_hostile_record_minutes_keep_their_text_and_lose_every_handler_style_and_reserved_id(hostile):
    page = (hostile / HOSTILE_RECORD).read_text(encoding="utf-8")
    text = minutes(page)
    for dangerous in ("onclick", "onerror", "onmouseover", "style=", "target=", "md-button", 'id="__config"'):
        assert dangerous not in text
    assert '<p class="">Paragraf që do të ekzekutonte një skript me klikim.</p>' in text
    assert '<p><img alt="Figurë" src="/assets/images/figura.png"></p>' in text
    assert '<p><a href="https://example.org/faqe">Lidhje</a></p>' in text
    assert '<div class="admonition warning">\n<p class="admonition-title">Kujdes</p>' in text
    assert page.count('id="__config"') == 1  # Material's own configuration script
    assert '<script id="__config" type="application/json">' in page


def test_no_page_of_the_hostile_site_has_an_event_handler_or_an_injected_script(hostile):
    for path in hostile.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for tag, attributes in elements(html).tags:
            assert not any(name.startswith("on") for name in attributes), (path, tag, attributes)
        assert "alert(" not in "".join(csp.inline_scripts(html)), path


def test_hand_written_page_front_matter_is_escaped_and_a_quoted_heading_id_is_dropped(hostile):
    html = (hostile / "rreth" / "index.html").read_text(encoding="utf-8")
    tags = elements(html).tags
    descriptions = [a["content"] for tag, a in tags if tag == "meta" and a.get("name") == "description"]
    assert descriptions == ['"><script>alert("description")</script>']  # text in the attribute, not tags
    assert not [a for tag, a in tags if "dalje" in a.get("id", "")]  # the id is dropped: the toc links to "#"
    assert not [a for tag, a in tags if "dalje" in a.get("href", "") and a.get("class") != "headerlink"]
    # the heading's own permalink keeps its fragment, one attribute value: a link to nowhere, with no handler
    assert "Titull me id që del nga atributi" in html  # the heading and its toc entry stay, without the anchor
    assert any(tag == "a" and a.get("class") == "md-nav__link" and a["href"] == "#" for tag, a in tags)


# The policy itself ------------------------------------------------------------------------------------------


def test_script_hash_is_the_base64_sha256_of_the_text_with_html_line_ends():
    assert csp.script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    assert csp.script_hash("a\r\nb") == csp.script_hash("a\nb")


def test_only_theme_scripts_outside_the_content_are_hashed(tmp_path):
    (tmp_path / "base.html").write_text('<script>var base=new URL("{{ base_url }}",location)</script>')
    theme = csp.ThemeScripts([tmp_path])
    content = '<p>x</p><script>var base=new URL("..",location)</script>'
    page = (
        '<!doctype html><html><head><meta charset="utf-8"><script>var base=new URL("..",location)</script>'
        f'<script src="a.js"></script><script type="application/json">{{}}</script></head><body>{content}'
        '<script>var base=new URL("x",location);alert(1)</script>'  # more than the template writes
        '<script>var base=new URL("");alert(1);("",location)</script></body></html>'  # out of the string
    )
    html, refused = csp.protect(page, theme, content)
    meta = csp.meta_tag([csp.script_hash('var base=new URL("..",location)')])
    assert html == page.replace("<head>", f"<head>{meta}", 1)
    assert refused == ['var base=new URL("x",location);alert(1)', 'var base=new URL("");alert(1);("",location)']


def test_a_script_inside_the_content_is_not_hashed_even_when_it_is_a_theme_script(tmp_path):
    (tmp_path / "base.html").write_text("<script>go()</script>")
    content = "<div><script>go()</script></div>"
    html, refused = csp.protect(
        f"<html><head></head><body>{content}</body></html>", csp.ThemeScripts([tmp_path]), content
    )
    assert csp.meta_tag([]) in html and refused == []


def test_policy_lists_every_directive_once_with_its_sources():
    assert csp.policy(["'sha256-b'", "'sha256-a'", "'sha256-a'"]) == (
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-a' 'sha256-b'; style-src 'self' "
        "'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'self'"
    )


# In the browser ---------------------------------------------------------------------------------------------

VIOLATIONS = """
window.__csp_violations = [];
document.addEventListener("securitypolicyviolation", event => window.__csp_violations.push(
  {directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample}));
"""
# Predicates are functions: Playwright evaluates a string predicate with eval, which the policy forbids.
MATERIAL_RAN = (
    "() => document.documentElement.classList.contains('js') && typeof window.component$ === 'object'"
    " && typeof window.__md_get === 'function'"  # the bundle, and the hashed inline script in <head>
)


@pytest.fixture
def page():
    with chromium_page() as page:
        page.add_init_script(VIOLATIONS)
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        yield page


def violations(page) -> list[dict]:
    return page.evaluate("window.__csp_violations")


@pytest.fixture(scope="module")
def site_url(site):
    with served(site) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_url(hostile):
    with served(hostile) as url:
        yield url


@needs_chromium()
@pytest.mark.parametrize("path", ["", KORCE_2019.lstrip("/"), "kerko/?q=korce", "404.html"])
def test_pages_run_under_the_policy_without_a_violation(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_function(MATERIAL_RAN)
    if path.startswith("kerko/"):
        page.wait_for_selector(f'.pagefind-ui__result-link[href$="{KORCE_2019}"]')  # Pagefind and its WebAssembly ran
    page.wait_for_load_state("networkidle")
    assert violations(page) == [] and page.problems == [] and page.dialogs == []


@needs_chromium()
def test_hostile_record_runs_nothing_of_the_attackers_when_read(page, hostile_url):
    page.goto(hostile_url + HOSTILE_RECORD.removesuffix("index.html"))
    page.wait_for_function(MATERIAL_RAN)
    page.click("text=Paragraf që do të ekzekutonte")  # was onclick
    page.hover("article img[alt='Figurë']")  # was onerror, on an image that loads
    page.hover("article a[href='https://example.org/faqe']")  # was onmouseover
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.querySelector('article img').complete")
    assert violations(page) == [] and page.problems == [] and page.dialogs == []


@needs_chromium()
def test_hostile_hand_written_page_runs_nothing_and_its_table_of_contents_works(page, hostile_url):
    page.goto(hostile_url + "rreth/")
    page.wait_for_function(MATERIAL_RAN)
    entry = page.locator(".md-sidebar--secondary a.md-nav__link", has_text="Titull me id")
    entry.hover()
    entry.click()
    page.wait_for_load_state("networkidle")
    assert violations(page) == [] and page.problems == [] and page.dialogs == []


@needs_chromium()
def test_an_injected_handler_link_or_script_does_not_run_and_is_reported(page, site_url):
    page.goto(site_url + KORCE_2019.lstrip("/"))
    page.wait_for_function(MATERIAL_RAN)
    page.evaluate(
        """() => {
        const article = document.querySelector("article");
        const button = document.createElement("button");
        button.id = "attack-handler";
        button.textContent = "handler";
        button.setAttribute("onclick", "window.__pwned = 'handler'");
        const link = document.createElement("a");
        link.id = "attack-link";
        link.textContent = "link";
        link.href = "javascript:window.__pwned = 'link'";
        const script = document.createElement("script");
        script.textContent = "window.__pwned = 'script'";
        article.prepend(button, link);
        article.append(script);
    }"""
    )
    page.click("#attack-handler")
    page.click("#attack-link")
    page.wait_for_function("() => window.__csp_violations.length >= 3")
    assert page.evaluate("window.__pwned") is None
    directives = sorted(violation["directive"] for violation in violations(page))
    assert directives == ["script-src-attr", "script-src-elem", "script-src-elem"], violations(page)
    assert all("Content Security Policy" in problem for problem in page.problems) and page.problems
