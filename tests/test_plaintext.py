"""Plain text as staff bring it: encodings, raw HTML, hard-wrapped lines and lost bullet markers."""

import pytest
from krat.content.text import fold_each, inflections, short_slug, split_sentences
from krat.tools.plaintext import UndecodableText, decode_text, paragraphs, strip_html, to_markdown

ALBANIAN = "Më 15.05.2020 u mblodh Komiteti i Qarkut Korçë.\nËshtë çështje e rëndësishme."


@pytest.mark.parametrize(
    ("raw", "converted_from"),
    [
        (ALBANIAN.encode("utf-8"), ""),
        (b"\xef\xbb\xbf" + ALBANIAN.encode("utf-8"), ""),
        (ALBANIAN.replace("\n", "\r\n").encode("utf-8"), ""),
        (ALBANIAN.encode("cp1250"), "Windows-1250"),
        (
            ALBANIAN.replace("\n", "\r\n").encode("cp1252"),
            "Windows-1250",
        ),  # the same bytes: Albanian's code page
        (ALBANIAN.encode("utf-16"), "UTF-16"),
        (ALBANIAN.encode("utf-8").decode("cp1252").encode("utf-8"), "UTF-8 e dëmtuar (Ã« në vend të ë)"),
    ],
    ids=["utf-8", "utf-8-bom", "crlf", "cp1250", "cp1252-crlf", "utf-16", "mojibake"],
)
def test_every_encoding_gives_the_same_text(raw, converted_from):
    assert decode_text(raw) == (ALBANIAN, converted_from)


def test_windows_1252_is_chosen_when_1250_would_give_letters_albanian_does_not_use():
    raw = "Tryeza e Vlorës: ¼ e fondit për fushatat.".encode("cp1252")
    assert raw.decode("cp1250") == "Tryeza e Vlorës: Ľ e fondit për fushatat."
    assert decode_text(raw) == ("Tryeza e Vlorës: ¼ e fondit për fushatat.", "Windows-1252")


def test_control_characters_go_and_word_line_breaks_become_lines():
    assert decode_text(b"Rreshti\x0bi dyt\xc3\xab\x0cfaqe\x01\x1b\tfund\r\n") == (
        "Rreshti\ni dytë\nfaqe fund\n",
        "",
    )


def test_bytes_no_code_page_can_read_are_refused():
    with pytest.raises(UndecodableText, match="ruajeni si 'UTF-8'"):
        decode_text(b"Tekst \x81\x90 i prishur")


def test_raw_html_is_removed_but_paragraphs_lists_and_text_survive():
    text, removed = strip_html(
        '<h2>Mbledhja</h2><p>Teksti <b>i</b> parë.<br>Rreshti i dytë.</p><script>alert("x")</script>'
        "<ul><li>Pika 1</li><li>Pika 2</li></ul><p>3 &lt; 5 &amp; &lt;i&gt; mbetet tekst</p><!-- koment -->"
    )
    assert removed
    assert paragraphs(text) == [
        "Mbledhja",
        "Teksti i parë.",
        "Rreshti i dytë.",
        "• Pika 1",
        "• Pika 2",
        "3 < 5 & &lt;i> mbetet tekst",
    ]
    assert strip_html("Tekst i thjeshtë, pa HTML.") == ("Tekst i thjeshtë, pa HTML.", False)


def test_hard_wrapped_lines_are_joined_only_in_mid_sentence():
    text = (
        "Titulli pa pikë\n\nMë 20 qershor 2022, në Prefekturën e\nTiranës, u mblodh Tryeza,\nme pjesëmarrjen\n"
        "e anëtarëve.\nNë fund u miratua plani.\nNjë rresht pa pikë\nPas tij një tjetër.\n- pika\nvazhdim i pikës"
    )
    assert paragraphs(text) == [
        "Titulli pa pikë",
        "Më 20 qershor 2022, në Prefekturën e Tiranës, u mblodh Tryeza, me pjesëmarrjen e anëtarëve.",
        "Në fund u miratua plani.",
        "Një rresht pa pikë",
        "Pas tij një tjetër.",
        "- pika vazhdim i pikës",
    ]


def test_each_line_is_a_paragraph_and_lost_bullet_markers_become_one_list():
    lines = [
        "Hyrje:",
        "????Pika me pikëpyetje",
        "•Pika me pikë",
        "- Pika me vizë",
        "* Pika me yll",
        "– Pika me vizë të gjatë",
        "\uf0b7 Pika nga Word",
        "#StopTrafikimit në fund",
        "> citim",
    ]
    assert to_markdown(lines) == (
        "Hyrje:\n\n- Pika me pikëpyetje\n- Pika me pikë\n- Pika me vizë\n- Pika me yll\n"
        "- Pika me vizë të gjatë\n- Pika nga Word\n\n\\#StopTrafikimit në fund\n\n\\> citim"
    )


def test_text_helpers_for_the_importer():
    original = "PREFEKTI I QARKUT KUKËS, Korçë"
    assert fold_each(original) == "prefekti i qarkut kukes, korce"
    assert len(fold_each("ﬁ Kukës")) == len("ﬁ Kukës")
    assert inflections("Kukës") == ["kukes", "kukesi", "kukesit", "kukesin"]
    assert inflections("Korçë") == ["korce", "korca", "korces", "korcen"]
    assert inflections("Gjirokastër") == ["gjirokaster", "gjirokastra", "gjirokastres", "gjirokastren"]
    assert short_slug("Analizë mbi punën e bërë nga Komiteti Rajonal dhe Tryeza") == (
        "analize-punen-bere-komiteti-rajonal"
    )


def test_sentences_do_not_end_after_abbreviations():
    text = (
        "Me datë 27.02.2020, Prefekti z. Zenel Kuçana, sipas Urdhrit nr. 6, hapi takimin. Pastaj foli znj. Kola! Fund"
    )
    assert split_sentences(text) == [
        "Me datë 27.02.2020, Prefekti z. Zenel Kuçana, sipas Urdhrit nr. 6, hapi takimin.",
        "Pastaj foli znj. Kola!",
        "Fund",
    ]
