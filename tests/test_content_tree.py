"""The content tree is an allow-list: every file is claimed by a known kind or the build stops naming it;
attachments are declared by a record and take its visibility; a public text never links to what is not public;
hand-written pages are checked like records."""

import os

import pytest
from conftest import write
from helpers import problems_of
from krat.content.catalog import build_catalog
from krat.content.problems import ContentError

RECORD = """---
title: {title}
date: {date}
prefecture: kukes
bodies: [KRAT]
kind: meeting
visibility: {visibility}
{extra}---

{body}
"""
PDF = "%PDF-1.4\n%%EOF\n"
PUBLIC = "takime/kukes/2018/2018-02-16-publik.md"
INTERNAL = "takime/kukes/2018/2018-03-01-brenda.md"
DRAFT = "takime/kukes/2018/2018-04-01-draft.md"


def record(title="Takim publik", date="2018-02-16", visibility="public", extra="", body="Teksti.") -> str:
    return RECORD.format(title=title, date=date, visibility=visibility, extra=extra, body=body)


def with_internal(content, internal_extra="", public_body="Teksti.", public_extra=""):
    """A public record and an internal one in the same folder."""
    write(content, PUBLIC, record(extra=public_extra, body=public_body))
    write(content, INTERNAL, record("Takim i brendshëm", "2018-03-01", "internal", internal_extra, "SEKRET"))


# --- the allow-list -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("2018-02-16-takim.MD", "tekstet Markdown mbarojnë vetëm me '.md' (shkronja të vogla); riemërtojeni"),
        ("2018-02-16-takim.markdown", "tekstet Markdown mbarojnë vetëm me '.md' (shkronja të vogla); riemërtojeni"),
        ("2018-02-16-takim.Md", "tekstet Markdown mbarojnë vetëm me '.md'"),
        ("shtojca.html", "skedar i panjohur ('.html')"),
        ("skema.svg", "skedar i panjohur ('.svg')"),
        ("kodi.js", "skedar i panjohur ('.js')"),
        ("README", "skedar i panjohur ('README')"),
        (".shenime.txt", "skedar ose dosje e fshehur (emri nis me '.')"),
    ],
)
def test_a_file_of_no_known_kind_stops_the_build(content, name, message):
    write(content, f"takime/kukes/2018/{name}", record(visibility="internal"))
    found = problems_of(content)
    assert [problem for problem in found if message in problem] == [
        problem for problem in found if problem.startswith(f"content/takime/kukes/2018/{name}:1: skedari: ")
    ]
    assert any(message in problem for problem in found), found


@pytest.mark.parametrize("name", ["admin/index.md", "admin.md", "admin/hyrja.md", "admin/plani.pdf", "pagefind/x.md"])
def test_nothing_may_take_an_address_the_build_fills_itself(content, name):
    """A hand-written page at /admin/ would replace the web editor's page (a fake login for staff, say)."""
    write(content, name, PDF if name.endswith(".pdf") else "---\ntitle: Hyrja\n---\n\n[Hyni](https://example.org)\n")
    folder = name.split("/")[0].removesuffix(".md")
    assert [problem for problem in problems_of(content) if problem.startswith(f"content/{name}:1: skedari: ")] == [
        f"content/{name}:1: skedari: adresa /{folder}/ është e "
        f"{'redaktorit' if folder == 'admin' else 'indeksit të kërkimit'}, që e krijon ndërtimi; asnjë skedar i "
        "content/ nuk mund të vendoset aty, zgjidhni një emër tjetër"
    ]


def test_an_internal_record_saved_as_upper_case_md_is_refused_in_both_builds(content):
    write(content, "takime/kukes/2018/2018-03-01-brenda.MD", record(visibility="internal"))
    for profile in ("public", "members"):
        assert problems_of(content, profile) == [
            "content/takime/kukes/2018/2018-03-01-brenda.MD:1: skedari: tekstet Markdown mbarojnë vetëm me '.md' "
            "(shkronja të vogla); riemërtojeni '2018-03-01-brenda.md'"
        ]


def test_a_record_put_directly_in_content_is_refused_not_published_as_a_page(content):
    write(content, "brenda.md", record("Takim i brendshëm", visibility="internal"))
    assert problems_of(content) == [
        "content/brenda.md:3: date: duket si procesverbal ('date'); procesverbalet shkojnë te "
        "content/takime/<qark>/<vit>/<vvvv-mm-dd>-<pak-fjalë>.md"
    ]


def test_symlinks_to_files_and_folders_are_refused(content, tmp_path):
    write(content, PUBLIC, record())
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text("root:x:0:0\n", encoding="utf-8")
    os.symlink(outside / "passwd", content / "takime/kukes/2018/shtojca.txt")
    os.symlink(outside, content / "takime/kukes/2019")
    found = problems_of(content)
    symlink = "skedari: lidhje simbolike (symlink) nuk lejohet; vendosni vetë skedarin në content/"
    assert f"content/takime/kukes/2018/shtojca.txt:1: {symlink}" in found
    assert f"content/takime/kukes/2019:1: {symlink}" in found


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("raporti.pdf", b"<html><script>alert(1)</script>", "përmbajtja e skedarit nuk është '.pdf' siç thotë emri"),
        ("foto.png", b"GIF89a...", "përmbajtja e skedarit nuk është '.png' siç thotë emri"),
        ("lista.csv", b"a,b\x00c", "skedari '.csv' përmban bajte binare; ruajeni si tekst UTF-8"),
        ("Raporti final.pdf", b"%PDF-1.4", "emri i skedarit dhe i dosjeve: vetëm shkronja pa ë/ç, shifra"),
        ('raporti".pdf', b"%PDF-1.4", "emri i skedarit dhe i dosjeve: vetëm shkronja pa ë/ç, shifra"),
    ],
)
def test_a_file_whose_name_or_bytes_are_not_safe_is_refused(content, name, data, message):
    with_internal(content, public_extra=f"attachments:\n  - {{title: Shtojca, url: '{name}'}}\n")
    (content / "takime/kukes/2018" / name).write_bytes(data)
    found = [problem for problem in problems_of(content) if problem.startswith(f"content/takime/kukes/2018/{name}:1")]
    assert len(found) == 1 and message in found[0], found


def test_a_site_image_whose_bytes_are_html_is_refused(content):
    write(content, "assets/logo.png", "<html><script>alert(1)</script></html>")
    assert problems_of(content) == [
        "content/assets/logo.png:1: skedari: përmbajtja e skedarit nuk është '.png' siç thotë emri; ruajeni sërish "
        "në formatin e duhur"
    ]


def test_hand_written_page_names_become_addresses_and_must_be_slugs(content):
    write(content, "Rreth Nesh.md", "# Rreth\n")
    assert problems_of(content) == [
        "content/Rreth Nesh.md:1: skedari: emri 'Rreth Nesh.md' bëhet adresë faqeje: vetëm a-z pa ë/ç, shifra dhe "
        "'-' (p.sh. 'rreth.md')"
    ]


def test_data_folder_holds_only_yml_files(content):
    write(content, "_data/shenime.txt", "x")
    write(content, "_data/sub/a.yml", "a: 1")
    found = problems_of(content)
    rule = "skedari: te content/_data/ lejohen vetëm skedarë '.yml' (pa nëndosje)"
    assert f"content/_data/shenime.txt:1: {rule}" in found
    assert f"content/_data/sub/a.yml:1: {rule}" in found


def test_site_assets_are_images_only(content):
    (content / "assets").mkdir()
    (content / "assets/logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(16))
    write(content, "assets/krat.css", "body{}")
    assert problems_of(content) == [
        "content/assets/krat.css:1: skedari: te content/assets/ lejohen vetëm figura (gif, jpeg, jpg, png, webp)"
    ]
    (content / "assets/krat.css").unlink()
    write(content, "rreth.md", "# Rreth\n\n![Logo](assets/logo.png)\n")
    assert "assets/logo.png" in build_catalog(content).published_files


def test_an_image_is_published_only_where_a_published_text_shows_it(content):
    """An image under content/assets/ shown only by an internal record stays out of the public build (its name
    may say what the record is about), and is published in the members' build, which shows the record."""
    (content / "assets").mkdir()
    (content / "assets/harta-e-rastit.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(16))
    with_internal(content, internal_extra="")
    internal = content / INTERNAL
    internal.write_text(internal.read_text(encoding="utf-8") + "\n![Harta](../../../assets/harta-e-rastit.png)\n")
    assert "assets/harta-e-rastit.png" not in build_catalog(content).published_files
    assert "assets/harta-e-rastit.png" in build_catalog(content, profile="members").published_files


def test_a_hard_link_into_the_content_tree_is_refused(content, tmp_path):
    """A hard link is a second name for a file that may live anywhere on the disk (a deploy secret beside the
    checkout): like a symlink, it is refused, naming the file."""
    secret = tmp_path / "deploy-secret.txt"
    secret.write_text("token\n", encoding="utf-8")
    (content / "takime/kukes/2018").mkdir(parents=True)
    os.link(secret, content / "takime/kukes/2018/shtojca.txt")
    assert problems_of(content)[0].startswith("content/takime/kukes/2018/shtojca.txt:1: skedari: skedari ka edhe emra")


# --- attachments --------------------------------------------------------------------------------------------


def test_an_undeclared_file_beside_a_record_stops_the_build(content):
    with_internal(content)
    write(content, "takime/kukes/2018/raporti.pdf", PDF)
    assert problems_of(content) == [
        "content/takime/kukes/2018/raporti.pdf:1: skedari: asnjë procesverbal nuk e deklaron këtë skedar; shtojeni "
        "te 'attachments' i procesverbalit në të njëjtën dosje (url: emri i skedarit), ose hiqeni"
    ]


def test_an_attachment_takes_the_visibility_of_the_record_that_declares_it(content):
    with_internal(
        content,
        internal_extra="attachments:\n  - {title: Raporti, url: raporti.pdf}\n",
        public_extra="attachments:\n  - {title: Plani, url: shtojca/plani.pdf}\n  - {title: Web, url: 'https://example.org/a.pdf'}\n",
    )
    write(content, "takime/kukes/2018/raporti.pdf", PDF)
    write(content, "takime/kukes/2018/shtojca/plani.pdf", PDF)
    public = build_catalog(content, profile="public")
    members = build_catalog(content, profile="members")
    assert "takime/kukes/2018/raporti.pdf" not in public.published_files
    assert "takime/kukes/2018/raporti.pdf" in members.published_files
    assert "takime/kukes/2018/shtojca/plani.pdf" in public.published_files
    assert [(a["href"], a["path"]) for a in public.records[0].attachments] == [
        ("takime/kukes/2018/shtojca/plani.pdf", "takime/kukes/2018/shtojca/plani.pdf"),
        ("https://example.org/a.pdf", ""),
    ]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "/etc/passwd",
        "../../../../etc/passwd",
        "../2017/tjeter.pdf",
        "//example.org/a.pdf",
        "ftp://example.org/a.pdf",
        "a/../../x.pdf",
        "x.pdf?y=1",
        "C:\\\\shtojca.pdf",
    ],
)
def test_an_attachment_target_outside_the_record_folder_or_web_is_refused(content, url):
    write(content, PUBLIC, record(extra=f"attachments:\n  - title: Shtojca\n    url: '{url}'\n"))
    found = problems_of(content)
    assert len(found) == 1 and found[0].startswith(f"content/{PUBLIC}:10: attachments.0.url: '{url}'"), found


def test_a_declared_file_that_is_missing_is_named(content):
    write(content, PUBLIC, record(extra="attachments:\n  - {title: Plani, url: plani.pdf}\n"))
    assert problems_of(content) == [
        f"content/{PUBLIC}:9: attachments.0.url: skedari 'plani.pdf' nuk gjendet te content/takime/kukes/2018/ "
        "(ose nuk lejohet si shtojcë)"
    ]


# --- links to what is not published ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "link",
    [
        "2018-03-01-brenda.md",
        "./2018-03-01-brenda.md",
        "../2018/2018-03-01-brenda.md",
        "/takime/kukes/2018/2018-03-01-brenda/",
        "../2018-03-01-brenda/",
        "%32018-03-01-brenda.md",  # '%32' is '2', percent-encoded
    ],
)
def test_a_public_record_linking_to_an_internal_one_stops_the_public_build(content, link):
    with_internal(content, public_body=f"Para.\n\nShih [takimin e brendshëm]({link}).")
    assert problems_of(content) == [
        f"content/{PUBLIC}:12: lidhja: '{link}' çon te një material që nuk publikohet në faqen publike (i "
        "brendshëm, draft ose shtojcë e tyre); hiqeni lidhjen nga ky tekst publik"
    ]
    if link != "../2018-03-01-brenda/":
        assert build_catalog(content, profile="members").records  # the members' build allows it
    else:  # a folder-style relative link MkDocs cannot resolve: both builds refuse it and say what to write
        assert problems_of(content, profile="members") == [
            f"content/{PUBLIC}:12: lidhja: '{link}' nuk çon te asnjë faqe ose skedar që publikohet në këtë sajt; "
            "shkruani '2018-03-01-brenda.md'"
        ]


def test_reference_links_images_and_attachments_of_internal_records_are_caught(content):
    body = "Shih [këtu][b].\n\n![foto](raporti.pdf)\n\n[b]: 2018-03-01-brenda.md"
    with_internal(content, internal_extra="attachments:\n  - {title: R, url: raporti.pdf}\n", public_body=body)
    write(content, "takime/kukes/2018/raporti.pdf", PDF)
    found = problems_of(content)
    assert [problem.split(": lidhja: ")[0] for problem in found] == [f"content/{PUBLIC}:12", f"content/{PUBLIC}:14"]


def test_links_to_drafts_are_refused_in_both_builds(content):
    write(content, PUBLIC, record(body="Shih [draftin](2018-04-01-draft.md)."))
    write(content, DRAFT, record("Draft", "2018-04-01", extra="draft: true\n"))
    assert problems_of(content, "members") == [
        f"content/{PUBLIC}:10: lidhja: '2018-04-01-draft.md' çon te një draft (ose shtojcë e tij) që nuk "
        "publikohet; hiqeni lidhjen nga ky tekst publik"
    ]


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "java\tscript:alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ],
)
def test_links_with_a_scheme_other_than_web_mail_and_phone_are_refused_in_both_builds(content, link):
    write(content, PUBLIC, record(body=f"Kliko [këtu]({link})."))
    for profile in ("public", "members"):
        found = problems_of(content, profile)
        assert len(found) == 1 and found[0].startswith(f"content/{PUBLIC}:10: lidhja: '"), found
        assert "nuk lejohet; lejohen lidhjet https://, mailto:, tel: dhe ato te faqet e sajtit" in found[0]


def test_web_mail_phone_same_page_and_generated_page_links_pass(content):
    body = "[a](https://example.org) [b](mailto:info@prefektura.gov.al) [c](tel:116111) [d](#vendimet) [e](../../../qarqet/kukes.md)"
    write(content, PUBLIC, record(body=body))
    assert build_catalog(content).records


def test_a_hand_written_page_linking_to_an_internal_record_is_refused(content):
    with_internal(content)
    write(content, "rreth.md", "# Rreth\n\nShih [takimin](takime/kukes/2018/2018-03-01-brenda.md).\n")
    found = problems_of(content)
    assert found == [
        "content/rreth.md:3: lidhja: 'takime/kukes/2018/2018-03-01-brenda.md' çon te një material që nuk "
        "publikohet në faqen publike (i brendshëm, draft ose shtojcë e tyre); hiqeni lidhjen nga ky tekst publik"
    ]


def test_a_link_leaving_the_site_is_refused(content):
    write(content, PUBLIC, record(body="[x](../../../../../etc/passwd)"))
    assert problems_of(content) == [f"content/{PUBLIC}:10: lidhja: '../../../../../etc/passwd' del jashtë sajtit"]


# --- hand-written pages ---------------------------------------------------------------------------------


def test_hand_written_pages_with_and_without_front_matter(content):
    write(content, "index.md", "---\ntitle: Kreu\ntemplate: home.html\nhide: [toc, navigation]\n---\n\n# Kreu\n")
    write(content, "rreth.md", "# Rreth\n\nTekst.\n")
    catalog = build_catalog(content)
    assert catalog.pages_by_src_uri["index.md"].meta == {
        "title": "Kreu",
        "template": "home.html",
        "hide": ["toc", "navigation"],
    }
    assert catalog.pages_by_src_uri["rreth.md"].meta == {"template": "main.html"}
    assert "rreth.md" in catalog.published_files


def test_hand_written_pages_are_checked(content):
    write(content, "rreth.md", "---\ntemplate: record.html\nskript: x\n---\n\n<script>alert(1)</script>\n")
    assert problems_of(content) == [
        "content/rreth.md:2: template: 'record.html' nuk lejohet për këtë faqe (lejohet: main.html)",
        "content/rreth.md:3: skript: fushë e panjohur (shih listën e fushave te docs/staff/01-procesverbalet.md)",
        "content/rreth.md:6: teksti: HTML nuk lejohet në tekstin e faqes ('<script>alert(1)</sc'); përdorni vetëm "
        "Markdown",
    ]


def test_the_privacy_guard_reads_hand_written_pages(content):
    write(content, "kontakt.md", "# Kontakt\n\nShkruani te arben.hoxha@gmail.com.\n")
    found = problems_of(content)
    assert len(found) == 1 and found[0].startswith("content/kontakt.md:3: privatësia.email: ")


def test_a_data_file_that_is_a_symlink_is_refused_and_not_read(content, tmp_path):
    outside = tmp_path / "secret.yml"
    outside.write_text("- text: root:x:0:0\n  reason: x\n", encoding="utf-8")
    os.symlink(outside, content / "_data/privacy-allow.yml")
    found = problems_of(content)
    assert (
        "content/_data/privacy-allow.yml:1: skedari: lidhje simbolike (symlink) nuk lejohet; vendosni vetë skedarin"
        in found
    )
    assert not [problem for problem in found if "root:x" in problem]


def test_an_unexpected_failure_on_a_hand_written_page_names_the_page(content, monkeypatch):
    write(content, "rreth.md", "# Rreth\n")
    monkeypatch.setattr("krat.content.handpages.check_body", lambda *args, **kwargs: 1 / 0)
    assert problems_of(content) == [
        "content/rreth.md:1: skedari: skedari nuk u lexua: gabim i papritur (ZeroDivisionError); njoftoni mirëmbajtësin"
    ]


OWN = ("https://krat.example.org/", "https://anetaret.example.org/krat/")


@pytest.mark.parametrize(
    "link",
    [
        "https://krat.example.org/takime/kukes/2018/2018-03-01-brenda/",
        "//krat.example.org/takime/kukes/2018/2018-03-01-brenda/",
        "HTTPS://KRAT.example.org/takime/kukes/2018/2018-03-01-brenda/",
        "https://anetaret.example.org/krat/takime/kukes/2018/2018-03-01-brenda/",
    ],
)
def test_a_link_to_an_internal_record_by_the_sites_own_address_is_refused(content, link):
    with_internal(content, public_body=f"Shih [këtu]({link}).")
    (found,) = problems_of_own(content)
    assert found.endswith(
        "çon te një material që nuk publikohet në faqen publike (i brendshëm, draft ose shtojcë e tyre); hiqeni lidhjen nga ky tekst publik"
    )


def test_an_internal_address_in_any_front_matter_field_is_refused(content):
    """Not only links in the text: an attachment or source URL that names an internal record by the site's own
    address is found in whichever field it is written."""
    extra = "source: 'Shih //krat.example.org/takime/kukes/2018/2018-03-01-brenda/'\n"
    with_internal(content, public_extra=extra)
    (found,) = problems_of_own(content)
    assert found.startswith(f"content/{PUBLIC}:") and "2018-03-01-brenda" in found and "çon te një material" in found


def test_the_sites_own_address_to_nothing_is_refused_and_to_a_page_passes(content):
    write(
        content,
        PUBLIC,
        record(body="[a](https://krat.example.org/nuk-ka/) [b](https://krat.example.org/qarqet/kukes/)"),
    )
    (found,) = problems_of_own(content)
    assert "'https://krat.example.org/nuk-ka/' nuk çon te asnjë faqe" in found


def problems_of_own(content) -> list[str]:
    with pytest.raises(ContentError) as caught:
        build_catalog(content, own_urls=OWN)
    return [str(problem) for problem in caught.value.problems]
