"""The sanitiser (krat.site.sanitize): every known way staff Markdown, or raw HTML in it, could carry a script, each with
the exact safe output; what Markdown with the site's extensions writes passes unchanged; and a Hypothesis property
over arbitrary HTML-ish text. The build wires it into every page (tests/test_csp.py builds a hostile site)."""

import html
import re
from html.parser import HTMLParser

import markdown
import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st
from krat.site.sanitize import clean_html, scheme_of
from sitebuild import BUILD_DATE_EPOCH, checked_build, make_site_source, site_markdown

ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


def render(text: str) -> str:
    """`text` rendered by Python-Markdown with the extensions and settings of the real mkdocs.yml."""
    extensions, configs = site_markdown()
    return markdown.markdown(text, extensions=extensions, extension_configs=configs)


def clean_markdown(text: str) -> str:
    return clean_html(render(text))


# Raw HTML (plans, hand-written pages and imported text may carry it), each with the exact output.
RAW_CASES = {
    "javascript link": ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
    "javascript image": ('<img src="javascript:alert(1)" alt="f">', '<img alt="f">'),
    "mixed case scheme": ('<a href="JaVaScRiPt:alert(1)">x</a>', "<a>x</a>"),
    "decimal entities": ('<a href="&#106;&#97;vascript:alert(1)">x</a>', "<a>x</a>"),
    "hex entities without semicolons": ('<a href="&#x6A&#x61vascript:alert(1)">x</a>', "<a>x</a>"),
    "named entity for the colon": ('<a href="javascript&colon;alert(1)">x</a>', "<a>x</a>"),
    "tab entity inside the scheme": ('<a href="java&#x09;script:alert(1)">x</a>', "<a>x</a>"),
    "newline inside the scheme": ('<a href="java\nscript:alert(1)">x</a>', "<a>x</a>"),
    "space and control before the scheme": ('<a href=" \x01javascript:alert(1)">x</a>', "<a>x</a>"),
    "control character inside the scheme": ('<a href="java\x01script:alert(1)">x</a>', "<a>x</a>"),
    "ideographic space before the scheme": ('<a href="\u3000javascript:alert(1)">x</a>', "<a>x</a>"),
    "soft hyphen inside the scheme": ('<a href="java\u00adscript:alert(1)">x</a>', "<a>x</a>"),
    "tab before the colon": ('<a href="javascript\t:alert(1)">x</a>', "<a>x</a>"),
    "data text/html link": ('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', "<a>x</a>"),
    "data svg image": ('<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="f">', '<img alt="f">'),
    "vbscript": ('<a href="vbscript:msgbox(1)">x</a>', "<a>x</a>"),
    "img onerror": ("<img src=x onerror=alert(1)>", '<img src="x">'),
    "srcset": ('<img src="x.png" srcset="javascript:alert(1) 1x" alt="a">', '<img src="x.png" alt="a">'),
    "script with its content": ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
    "iframe with its content": ('<p>a<iframe src="https://evil.example">fallback</iframe>b</p>', "<p>ab</p>"),
    "object and embed": ('<object data="x.swf"><param name="a" value="b">alt</object><embed src="x.swf">', ""),
    "svg": ('<svg onload="alert(1)"><circle r="1"/><text>t</text></svg>', ""),
    "math": ('<math><mi xlink:href="javascript:alert(1)">x</mi></math>', ""),
    "template": ("<p>a<template><img src=x onerror=alert(1)></template>b</p>", "<p>ab</p>"),
    "form, input and button": (
        '<form action="https://evil.example"><input name="a" value="v">'
        '<button formaction="javascript:alert(1)">b</button></form>',
        "b",
    ),
    "meta, base, link and style": (
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="https://evil.example/">'
        '<link rel="stylesheet" href="https://evil.example/x.css"><style>p{color:red}</style><p>t</p>',
        "<p>t</p>",
    ),
    "style attribute": ('<p style="background:url(javascript:alert(1))">t</p>', "<p>t</p>"),
    "comment": ("<!--<img src=x onerror=alert(1)>--><p>t</p>", "<p>t</p>"),
    "target and rel": (
        '<a href="https://example.org" rel="opener" target="_blank">x</a>',
        '<a href="https://example.org">x</a>',
    ),
    "name (DOM clobbering)": ('<img name="getElementById" src="a.png"><a name="x">y</a>', '<img src="a.png"><a>y</a>'),
    "ids of Material and of the site's scripts": (
        '<h2 id="__config">a</h2><p id="md-header">b</p><p id="krat-search">c</p><h2 id="vendimet">d</h2>',
        '<h2>a</h2><p>b</p><p>c</p><h2 id="vendimet">d</h2>',
    ),
    "ids that break out of attributes or selectors": (
        '<h2 id="x&quot; onclick=&quot;alert(1)">a</h2><p id="a b">b</p><p id="a\\b">c</p><p id="Seksioni-1.2">d</p>',
        '<h2>a</h2><p>b</p><p>c</p><p id="Seksioni-1.2">d</p>',
    ),
    "table attributes": (
        '<table><tr><th align="left" style="x">a</th><td colspan="2" onclick="x">b</td></tr></table>',
        "<table><tbody><tr><th>a</th><td>b</td></tr></tbody></table>",
    ),
    "noscript mutation": (
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
        '<img src="x">"&gt;<p></p>',
    ),
}


@pytest.mark.parametrize("raw, expected", RAW_CASES.values(), ids=RAW_CASES.keys())
def test_raw_html_vector_comes_out_harmless(raw, expected):
    assert clean_html(raw) == expected


def test_markdown_javascript_links_and_images_lose_their_url():
    assert clean_markdown("[x](javascript:alert(1))") == "<p><a>x</a></p>"
    assert clean_markdown("![f](javascript:alert(1))") == '<p><img alt="f"></p>'
    assert clean_markdown("[x](JAVASCRIPT:alert(1)) [y](vbscript:x) [z](data:text/html,x)") == (
        "<p><a>x</a> <a>y</a> <a>z</a></p>"
    )


def test_attr_list_event_handler_and_style_on_a_paragraph_are_removed():
    text = 'Paragraf.\n{: onclick="alert(1)" style="color:red" }'
    assert 'onclick="alert(1)"' in render(text)  # what Markdown alone writes
    assert clean_markdown(text) == "<p>Paragraf.</p>"


def test_attr_list_onerror_on_an_image_is_removed():
    assert clean_markdown('![f](x.png){: onerror="alert(1)" }') == '<p><img alt="f" src="x.png"></p>'


def test_attr_list_on_a_link_keeps_only_href_and_title():
    text = '[a](https://example.org "t"){: onmouseover="alert(1)" target="_blank" rel="opener" data-x="1" }'
    assert clean_markdown(text) == '<p><a href="https://example.org" title="t">a</a></p>'


def test_heading_cannot_take_materials_config_id_but_keeps_its_permalink():
    assert clean_markdown("## Titull {: #__config }") == (
        '<h2>Titull<a class="headerlink" href="#__config" title="Lidhje për këtë pjesë">#</a></h2>'
    )


def test_unknown_classes_are_dropped_admonition_classes_kept():
    assert clean_markdown("Teksti\n{: .md-button .evil }") == '<p class="">Teksti</p>'
    assert clean_markdown('!!! danger custom "Kujdes"\n    Teksti.') == (
        '<div class="admonition danger">\n<p class="admonition-title">Kujdes</p>\n<p>Teksti.</p>\n</div>'
    )


def test_what_the_sites_markdown_writes_passes_unchanged():
    text = """# Titulli

Paragraf me *theksim*, **të trashë**, `kod <b>` dhe një [lidhje](../rreth/ "Rreth") e një
[adresë](https://example.org/a?b=1&c=2), [e-mail](mailto:info@example.org), [telefon](tel:+355-4-222-222),
[seksion](#seksioni) dhe një\u00a0hapësirë që nuk thyhet.

## Seksioni

- pika një
- pika dy

1. e para
2. e dyta

> Citim.

    kod i shkëputur

!!! note "Shënim"
    Brenda shënimit.

!!! tip
    Këshillë.

[TOC]
"""
    rendered = render(text)
    xhtml_void = rendered.replace(" />", ">")  # nh3 writes HTML5 void tags: <br>, <hr>, <img ...>
    assert clean_html(rendered) == xhtml_void


def test_markdown_obfuscated_email_link_is_kept_as_the_same_address():
    """Markdown writes `<info@example.org>` with every character as an entity; it comes out plain, same link."""
    assert clean_markdown("<info@example.org>") == '<p><a href="mailto:info@example.org">info@example.org</a></p>'


def test_allowed_urls_are_kept_exactly():
    for url in ["https://example.org/a?b=1&amp;c=2", "http://example.org", "mailto:a@b.al", "tel:+3554222222",
                "../rreth/", "/kerko/?q=korce", "#vendimet", "plani-2018.pdf"]:  # fmt: skip
        assert clean_html(f'<a href="{url}">x</a>') == f'<a href="{url}">x</a>'


def test_scheme_of_reads_what_a_lenient_reader_would():
    assert scheme_of("java\x01script:x") == "javascript"
    assert scheme_of(" HTTPS://x") == "https"
    assert scheme_of("../a:b") is None and scheme_of("#a") is None and scheme_of("a.pdf") is None


# Property -------------------------------------------------------------------------------------------------

PIECES = [
    "<a href=", "<img src=", "<p", "<div", "<h2", "<script>", "</script>", "<iframe", "<object", "<embed",
    "<svg", "<math", "<style>", "<form", "<input", "<base", "<meta", "<noscript>", "<template>", "<!--", "-->",
    "<![CDATA[", "]]>", ">", "/>", "<", "</", '"', "'", "=", " ", "\t", "\n", "\x00", "\x01", "\x0b", "\u3000",
    "\u00ad", "javascript:", "JaVaScRiPt:", "java", "script", ":", "vbscript:", "data:text/html,", "https:",
    "mailto:", "tel:", "&#106;", "&#x6A", "&#0;", "&colon;", "&Tab;", "&NewLine;", "&#x09;", "&amp;", "&",
    " onclick=", " onerror=", " onload=", " style=", " id=", " class=", " href=", " src=", " srcset=",
    " formaction=", " xlink:href=", "__config", "admonition", "alert(1)", "x", "{:", "}",
]  # fmt: skip
hostile_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=40).map("".join)

FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "style", "svg", "math", "form", "base", "meta", "link"}


class Inspector(HTMLParser):
    """Every tag and attribute of a fragment, attribute values unescaped as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def lenient_scheme(url: str) -> str | None:
    """The scheme in `url` after HTML-unescaping, removing every whitespace and control character and lower-casing."""
    stripped = re.sub(r"[\s\x00-\x1f\x7f-\x9f]", "", html.unescape(url)).lower()
    found = re.match(r"([a-z][a-z0-9+.-]*):", stripped)
    return found.group(1) if found else None


@pytest.mark.property
@settings(deadline=None)
@given(hostile_text)
def test_no_output_carries_a_handler_a_style_a_bad_url_or_a_forbidden_tag(text):
    for source in (text, render(text)):
        inspector = Inspector()
        inspector.feed(clean_html(source))
        inspector.close()
        for tag, attributes in inspector.tags:
            assert tag not in FORBIDDEN_TAGS
            for name, value in attributes:
                assert not name.startswith("on") and name != "style"
                if name in ("href", "src"):
                    assert lenient_scheme(value or "") in (None, *ALLOWED_SCHEMES), value
                if name == "id":
                    assert not (value or "").startswith("__")


HOSTILE_NAMES = {
    # reference data is content too: staff edit these files, and every page, chart and map prints these names
    "_data/topics.yml": (
        "name: Shkollat dhe arsimi",
        'name: "Shkolla <img src=x onerror=alert(1)> \\" onmouseover=x=\\""',
    ),
    "_data/institutions.yml": (
        "name: Drejtoria Vendore e Policisë",
        'name: "Policia </title><script>alert(3)</script>"',
    ),
    "_data/prefectures.yml": ("name: Kukës", 'name: "Kukës</text><script>alert(4)</script>"'),
}


def test_hostile_names_in_reference_data_inject_nothing_on_any_page(tmp_path):
    """Topic, institution and prefecture names reach every page kind (tags, topic and institution pages, the map's
    SVG labels and titles, chart tables): no built page gains an element or an event attribute from them."""
    content = make_site_source(tmp_path, FIXTURES / "site")
    for name, (old, new) in HOSTILE_NAMES.items():
        data = content / name
        data.write_text(data.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    site = checked_build(content, tmp_path / "site", epoch=BUILD_DATE_EPOCH)
    pages = list(site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        inspector = Inspector()
        inspector.feed(page.read_text(encoding="utf-8"))
        for tag, attributes in inspector.tags:
            assert not any(name.startswith("on") for name, _ in attributes), (page, tag, attributes)
            assert (tag, dict(attributes).get("src")) != ("img", "x"), page
        scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", page.read_text(encoding="utf-8"), re.S)
        assert not any("alert(" in script for script in scripts), page
    topic = (site / "temat" / "arsimi" / "index.html").read_text(encoding="utf-8")
    assert "Shkolla &lt;img src=x onerror=alert(1)&gt;" in topic  # shown as text
