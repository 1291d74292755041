"""Red team: inputs under content/ that try to make the PUBLIC build leak what SECURITY.md says it never shows.

Written from the guarantees (SECURITY.md, ARCHITECTURE.md, the design's rules) and the running product, not from the
existing tests. Each case builds its own small content folder (the real `_data/`, `index.md`, `rreth.md` and the
awareness articles the home page links to, plus the files of the case), runs the public `mkdocs build --strict` with
the project's mkdocs.yml (sitebuild.build: INHERIT, dated by SOURCE_DATE_EPOCH, never the clock) and asserts the
SAFE outcome, one of:

- the build stops (exit code not 0) without a traceback, with an Albanian problem line `content/<file>:<line>: ...`
  naming the file, and `krat check` refuses the same folder; or
- no trace of the case's secret is in the site: not in any file name, not in any file's bytes (gzip files, e.g.
  Pagefind's index under site/pagefind/ and sitemap.xml.gz, decompressed). Bytes and names are compared after the
  normalisation a reader's eye does: HTML references decoded, %-escapes decoded, NFKC, invisible characters dropped,
  Cyrillic/Greek look-alikes folded to Latin, every kind of digit read as 0-9, case folded, and everything that is
  not a letter or digit removed (so "069 427 1839", "069-427-1839", "069<strong>427</strong>1839" all read
  "0694271839").

Many cases are EXPECTED TO FAIL today: a failure is a leak (or a crash) the build lets through.
Markers: SEKRETIX42 (an internal record's title word, so its address `.../2018-03-02-sekretix-takim/`), DRAFTIX77
(a draft's), 069 427 1839 (a private mobile), J55101234A (a personal ID), vjosa.sekret42@gmail.com (a private
e-mail), ghp_/AKIA/PEM (secrets).
"""

import contextlib
import gzip
import html
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest
from sitebuild import BUILD_DATE_EPOCH, ROOT, build

KRAT = Path(sys.executable).parent / "krat"
# The web editor's downloaded files (editor/vendor/) exist only after `make site`; without them /admin/ cannot be
# built, which has nothing to do with these cases (content/admin/ is refused by the inventory either way).
EDITOR_ENV = {} if (ROOT / "editor" / "vendor").is_dir() else {"KRAT_EDITOR": "false"}

PUBLIC = "takime/kukes/2018/2018-03-01-takim-publik.md"
INTERNAL = "takime/kukes/2018/2018-03-02-sekretix-takim.md"
INTERNAL_URL = "takime/kukes/2018/2018-03-02-sekretix-takim/"
DRAFT = "takime/kukes/2018/2018-03-03-draftix-takim.md"
SHOWN_PUBLIC = f"content/{PUBLIC}"
SECRET = "sekretix"  # in every internal marker, and so in the internal record's address
PHONE = "0694271839"
NID = "j55101234a"
EMAIL = "vjosa.sekret42@gmail.com"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24
PDF = b"%PDF-1.4\n%SEKRETIX42 shtojca e brendshme\n"


# --- building a case ----------------------------------------------------------------------------------------------


def record(
    title: str = "Takim publik",
    visibility: str = "public",
    date: str = "2018-03-01",
    extra: str = "",
    body: str = "Teksti i takimit.",
    draft: bool = False,
) -> str:
    """A meeting record of Kukës (the front-matter of content/takime/**.md), varied by the case."""
    lines = [
        "---",
        f"title: {title}",
        f"date: {date}",
        "prefecture: kukes",
        "bodies: [KRAT]",
        "kind: meeting",
        "participants: [DVP]",
        "topics: [identifikimi]",
        f"visibility: {visibility}",
    ]
    lines += ["draft: true"] if draft else []
    lines += [extra] if extra else []
    return "\n".join(lines + ["---", "", body, ""])


def internal_record(**changes) -> str:
    return record(
        **{"title": "SEKRETIX42 takim i brendshëm", "visibility": "internal", "date": "2018-03-02", **changes}
    )


def draft_record() -> str:
    return record(title="DRAFTIX77 takim", date="2018-03-03", draft=True)


def article(old: str = "", new: str = "", visibility: str = "public", title: str = "") -> str:
    """content/ndergjegjesim/ku-te-kerkoni-ndihme.md with `old` replaced by `new` (and its visibility/title)."""
    text = (ROOT / "content/ndergjegjesim/ku-te-kerkoni-ndihme.md").read_text(encoding="utf-8")
    if old:
        assert old in text, old
        text = text.replace(old, new, 1)
    if title:
        text = text.replace("title: Ku të kërkoni ndihmë", f"title: {title}", 1)
    return text.replace("visibility: public", f"visibility: {visibility}", 1)


def data_edit(name: str, old: str, new: str):
    """A setup step: replace `old` by `new` in content/_data/<name>."""

    def edit(content: Path) -> None:
        path = content / "_data" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def make_content(where: Path, files: dict[str, str | bytes], setup=None) -> Path:
    """`where/content`: the real reference data, home and about pages and awareness articles, plus `files`."""
    content = where / "content"
    shutil.copytree(ROOT / "content" / "_data", content / "_data")
    shutil.copytree(ROOT / "content" / "ndergjegjesim", content / "ndergjegjesim")
    for name in ("index.md", "rreth.md"):
        shutil.copyfile(ROOT / "content" / name, content / name)
    for relative, data in files.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    if setup:
        setup(content)
    return content


@dataclass
class Attempt:
    content: Path
    site: Path
    result: subprocess.CompletedProcess
    env: dict | None = None  # the deployer's settings the build had; `krat check` runs with them too

    @property
    def refused(self) -> bool:
        return self.result.returncode != 0


def attempt(tmp_path: Path, files: dict, setup=None, env: dict | None = None) -> Attempt:
    """Build the case's content with the public profile (sitebuild.build sets SOURCE_DATE_EPOCH)."""
    content = make_content(tmp_path, files, setup)
    site = tmp_path / "site"
    result = build(content, site, profile="public", env={**EDITOR_ENV, **(env or {})})
    return Attempt(content, site, result, env)


def krat_check(content: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = dict(os.environ, SOURCE_DATE_EPOCH=BUILD_DATE_EPOCH, **(env or {}))
    return subprocess.run(
        [str(KRAT), "check", "--content", str(content)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=content.parent,
    )


# --- what a reader (or a search engine) can read in the output ----------------------------------------------------

INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)
LOOKALIKES = str.maketrans(
    {
        **dict(zip("АВЕКМНОРСТХЈЅІаеорсхјѕіԁ", "ABEKMHOPCTXJSIaeopcxjsid", strict=True)),  # Cyrillic
        **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικνρτυχ", "ABEZHIKMNOPTYXoikvptux", strict=True)),  # Greek
    }
)


def readable(data: bytes) -> str:
    """What a reader sees in `data`: references and %-escapes decoded, NFKC, invisibles dropped, look-alikes and
    every decimal digit folded, lowercase."""
    text = data.decode("utf-8", "ignore")
    for _ in range(2):  # '&amp;#48;' in an attribute is '&#48;' in the DOM, '0' on the screen
        text = html.unescape(text)
    text = unquote(text)
    text = unicodedata.normalize("NFKC", text)
    text = INVISIBLE.sub("", text).translate(LOOKALIKES)
    text = "".join(str(unicodedata.decimal(ch)) if not ch.isascii() and ch.isdecimal() else ch for ch in text)
    return text.lower()


def squeezed(text: str, keep: str = "") -> str:
    return re.sub(rf"[^0-9a-z{re.escape(keep)}]", "", text)


def output_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        with contextlib.suppress(OSError, EOFError):
            data = gzip.decompress(data)
    return data


def traces(site: Path, needle: str, keep: str = "") -> list[str]:
    """Every output file whose name or bytes contain `needle` (compared squeezed: only letters, digits and `keep`)."""
    needle = squeezed(needle.lower(), keep)
    found = []
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if needle in squeezed(readable(relative.encode()), keep):
            found.append(f"name: {relative}")
        elif path.is_file() and needle in squeezed(readable(output_bytes(path)), keep):
            found.append(f"bytes: {relative}")
    return found


# --- the safe outcome -----------------------------------------------------------------------------------------------


def assert_refused_well(case: Attempt, names: tuple[str, ...]) -> None:
    """The build stopped without a traceback, with a problem line naming one of `names` (content/<file>:<line>:),
    and `krat check` refuses the same content."""
    stderr = case.result.stderr
    assert "Traceback" not in stderr, f"the build crashed instead of refusing:\n{stderr[-3000:]}"
    assert any(re.search(rf"{re.escape(name)}:\d+: ", stderr) for name in names), (
        f"the refusal names none of {names} with a line:\n{stderr[-3000:]}"
    )
    check = krat_check(case.content, case.env)
    assert check.returncode == 1 and "Traceback" not in check.stderr + check.stdout, (
        f"krat check did not refuse what the build refused (exit {check.returncode}):\n{check.stdout}{check.stderr}"
    )


def assert_safe(case: Attempt, needle: str, names: tuple[str, ...] = (SHOWN_PUBLIC,), keep: str = "") -> None:
    """Either a clean refusal naming the file, or no trace of `needle` anywhere in the built site."""
    if case.refused:
        assert_refused_well(case, names)
        return
    leaked = traces(case.site, needle, keep)
    assert not leaked, f"the public build succeeded and '{needle}' leaked into: {leaked[:8]}"


def assert_no_email(case: Attempt, names: tuple[str, ...] = (SHOWN_PUBLIC,)) -> None:
    assert_safe(case, EMAIL, names, keep="@.")


def body(text: str, **changes) -> dict:
    """The files of a case that is one public record with body `text`."""
    return {PUBLIC: record(body=text, **changes)}


# ================================================================================================================
# A. Internal and draft material must not be named by any URL of the public build
#    (relative, absolute path, own host, protocol-relative; body links, images, attachments, sources)
# ================================================================================================================


def test_internal_and_draft_records_leave_no_trace(tmp_path):
    """Baseline: an internal record and a draft beside a public one; nothing of them in the public site."""
    case = attempt(tmp_path, {PUBLIC: record(), INTERNAL: internal_record(), DRAFT: draft_record()})
    assert not case.refused, case.result.stderr
    assert traces(case.site, SECRET) == []
    assert traces(case.site, "draftix") == []


@pytest.mark.parametrize(
    "link",
    [
        pytest.param("[shih](2018-03-02-sekretix-takim.md)", id="relative-md"),
        pytest.param("[shih](/takime/kukes/2018/2018-03-02-sekretix-takim/)", id="site-absolute-path"),
        pytest.param("[shih][a]\n\n[a]: /takime/kukes/2018/2018-03-02-sekretix-takim/", id="reference-definition"),
        pytest.param("[shih](%2Ftakime%2Fkukes%2F2018%2F2018-03-02-sekretix-takim%2F)", id="percent-encoded-path"),
        pytest.param(
            "[shih](https://krat.example.org/takime/kukes/2018/2018-03-02-sekretix-takim/)", id="own-host-https"
        ),
        pytest.param("[shih](//krat.example.org/takime/kukes/2018/2018-03-02-sekretix-takim/)", id="protocol-relative"),
        pytest.param(
            "[shih](HTTP://KRAT.EXAMPLE.ORG/takime/kukes/2018/2018-03-02-sekretix-takim/)", id="own-host-http-upper"
        ),
        pytest.param(
            "Shih <https://krat.example.org/takime/kukes/2018/2018-03-02-sekretix-takim/>.", id="own-host-autolink"
        ),
        pytest.param(
            "![foto](https://krat.example.org/takime/kukes/2018/2018-03-02-sekretix-takim/)", id="own-host-image"
        ),
    ],
)
def test_body_link_to_an_internal_record(tmp_path, link):
    case = attempt(tmp_path, {PUBLIC: record(body=f"Teksti i takimit. {link}"), INTERNAL: internal_record()})
    assert_safe(case, SECRET)


def test_own_host_link_under_the_configured_site_url(tmp_path):
    """KRAT_SITE_URL with a path: a link to https://prefektura.gov.al/krat/<internal address>."""
    link = "[shih](https://prefektura.gov.al/krat/takime/kukes/2018/2018-03-02-sekretix-takim/)"
    case = attempt(
        tmp_path,
        {PUBLIC: record(body=link), INTERNAL: internal_record()},
        env={"KRAT_SITE_URL": "https://prefektura.gov.al/krat/"},
    )
    assert_safe(case, SECRET)


def test_attachment_url_on_own_host_naming_an_internal_record(tmp_path):
    extra = f"attachments:\n  - title: Procesverbali\n    url: https://krat.example.org/{INTERNAL_URL}"
    case = attempt(tmp_path, {PUBLIC: record(extra=extra), INTERNAL: internal_record()})
    assert_safe(case, SECRET)


def test_record_source_url_on_own_host_naming_an_internal_record(tmp_path):
    """`source:` (a link or a description of the source) shown on the page, in open data and in search."""
    case = attempt(
        tmp_path,
        {PUBLIC: record(extra=f"source: https://krat.example.org/{INTERNAL_URL}"), INTERNAL: internal_record()},
    )
    assert_safe(case, SECRET)


def test_article_sources_url_naming_an_internal_record(tmp_path):
    text = article("url: https://www.alo116.al/", f"url: https://krat.example.org/{INTERNAL_URL}")
    files = {PUBLIC: record(), INTERNAL: internal_record(), "ndergjegjesim/ku-te-kerkoni-ndihme.md": text}
    case = attempt(tmp_path, files)
    assert_safe(case, SECRET, ("content/ndergjegjesim/ku-te-kerkoni-ndihme.md",))


def test_contact_source_url_in_contacts_yml_naming_an_internal_record(tmp_path):
    edit = data_edit("contacts.yml", "url: https://www.asp.gov.al/", f"url: https://krat.example.org/{INTERNAL_URL}")
    case = attempt(tmp_path, {PUBLIC: record(), INTERNAL: internal_record()}, setup=edit)
    assert_safe(case, SECRET, ("content/_data/contacts.yml",))


def test_campaign_source_url_in_campaigns_yml_naming_an_internal_record(tmp_path):
    edit = data_edit(
        "campaigns.yml", "url: https://undocs.org/A/RES/68/192", f"url: https://krat.example.org/{INTERNAL_URL}"
    )
    case = attempt(tmp_path, {PUBLIC: record(), INTERNAL: internal_record()}, setup=edit)
    assert_safe(case, SECRET, ("content/_data/campaigns.yml",))


def test_hand_written_page_links_own_host_to_an_internal_record(tmp_path):
    about = (ROOT / "content/rreth.md").read_text(encoding="utf-8")
    about += f"\nShih [procesverbalin](https://krat.example.org/{INTERNAL_URL}).\n"
    case = attempt(tmp_path, {PUBLIC: record(), INTERNAL: internal_record(), "rreth.md": about})
    assert_safe(case, SECRET, ("content/rreth.md",))


def test_plan_body_links_own_host_to_an_internal_record(tmp_path):
    plan = (ROOT / "content/plane/kukes/2018.md").read_text(encoding="utf-8")
    plan = plan.replace("approved_by: kukes/2018-02-16-analiza-vjetore-2017\n", "").replace(
        "approved_on: 2018-02-16\n", ""
    )
    plan += f"\nShih [takimin](https://krat.example.org/{INTERNAL_URL}).\n"
    case = attempt(tmp_path, {PUBLIC: record(), INTERNAL: internal_record(), "plane/kukes/2018.md": plan})
    assert_safe(case, SECRET, ("content/plane/kukes/2018.md",))


def test_own_host_link_to_a_draft_record(tmp_path):
    link = "[shih](https://krat.example.org/takime/kukes/2018/2018-03-03-draftix-takim/)"
    case = attempt(tmp_path, {PUBLIC: record(body=link), DRAFT: draft_record()})
    assert_safe(case, "draftix")


def test_protocol_relative_link_to_an_internal_article(tmp_path):
    files = {
        PUBLIC: record(body="[shih](//krat.example.org/ndergjegjesim/sekretix42-artikull/)"),
        "ndergjegjesim/sekretix42-artikull.md": article(visibility="internal", title="SEKRETIX42 artikull"),
    }
    case = attempt(tmp_path, files)
    assert_safe(case, SECRET)


# ================================================================================================================
# B. Attachments and images of internal records
# ================================================================================================================

INTERNAL_WITH_PDF = internal_record(extra="attachments:\n  - title: Shtojca\n    url: sekretix42-shtojca.pdf")
INTERNAL_PDF = "takime/kukes/2018/sekretix42-shtojca.pdf"


def test_relative_link_to_an_internal_records_attachment(tmp_path):
    files = {PUBLIC: record(body="[pdf](sekretix42-shtojca.pdf)"), INTERNAL: INTERNAL_WITH_PDF, INTERNAL_PDF: PDF}
    assert_safe(attempt(tmp_path, files), SECRET)


def test_own_host_link_to_an_internal_records_attachment(tmp_path):
    link = "[pdf](https://krat.example.org/takime/kukes/2018/sekretix42-shtojca.pdf)"
    files = {PUBLIC: record(body=link), INTERNAL: INTERNAL_WITH_PDF, INTERNAL_PDF: PDF}
    assert_safe(attempt(tmp_path, files), SECRET)


def test_public_record_declares_the_attachment_of_an_internal_record(tmp_path):
    """The same file declared by an internal record and by its public neighbour: it must not become public."""
    extra = "attachments:\n  - title: Shtojca\n    url: sekretix42-shtojca.pdf"
    files = {PUBLIC: record(extra=extra), INTERNAL: INTERNAL_WITH_PDF, INTERNAL_PDF: PDF}
    assert_safe(attempt(tmp_path, files), SECRET, (SHOWN_PUBLIC, f"content/{INTERNAL}", f"content/{INTERNAL_PDF}"))


def test_image_under_assets_used_only_by_an_internal_record(tmp_path):
    files = {
        PUBLIC: record(),
        INTERNAL: internal_record(body="![foto](../../../assets/sekretix42-foto.png)"),
        "assets/sekretix42-foto.png": PNG + b"SEKRETIX42",
    }
    case = attempt(tmp_path, files)
    assert_safe(case, SECRET, ("content/assets/sekretix42-foto.png", f"content/{INTERNAL}"))


def test_internal_meetings_task_update_note_stays_off_the_plan(tmp_path):
    plan = "\n".join(
        [
            "---",
            "prefecture: kukes",
            'period: "2018"',
            "visibility: public",
            "summary: Plani 2018.",
            "objectives:",
            '  - id: "1"',
            "    title: Parandalimi",
            "tasks:",
            '  - id: "1.1"',
            '    objective: "1"',
            "    title: Takime në shkolla",
            "    responsible: [DAR]",
            "    due: 2018-Q4",
            "    topics: [arsimi]",
            "---",
            "",
        ]
    )
    update = (
        'task_updates:\n  - plan: kukes/2018\n    task: "1.1"\n    status: in-progress\n    note: SEKRETIX42 shënim'
    )
    files = {PUBLIC: record(), INTERNAL: internal_record(extra=update), "plane/kukes/2018.md": plan}
    assert_safe(attempt(tmp_path, files), SECRET)


def test_internal_plan_and_its_tasks_leave_no_trace(tmp_path):
    plan = (ROOT / "content/plane/kukes/2018.md").read_text(encoding="utf-8")
    plan = plan.replace("approved_by: kukes/2018-02-16-analiza-vjetore-2017\n", "").replace(
        "approved_on: 2018-02-16\n", ""
    )
    plan = plan.replace("visibility: public", "visibility: internal").replace(
        "summary: Plani", "summary: SEKRETIX42 Plani", 1
    )
    case = attempt(tmp_path, {PUBLIC: record(), "plane/kukes/2018.md": plan})
    assert_safe(case, SECRET)


# ================================================================================================================
# C. No file from outside content/ (symlinks, hard links, paths leaving the tree)
# ================================================================================================================

DEPLOY_SECRET = b"GITHUB_TOKEN=ghp_SEKRETIX42deploy0123456789abcdefghijklm\n"


def outside_file(content: Path, data: bytes) -> Path:
    """A fake deploy secret elsewhere in the checkout (beside content/, never inside it)."""
    secret = content.parent / "deploy" / "secret.txt"
    secret.parent.mkdir(exist_ok=True)
    secret.write_bytes(data)
    return secret


def test_symlink_to_a_file_outside_content(tmp_path):
    def plant(content):
        os.symlink(outside_file(content, DEPLOY_SECRET), content / "takime/kukes/2018/shtojca.txt")

    extra = "attachments:\n  - title: Shtojca\n    url: shtojca.txt"
    case = attempt(tmp_path, {PUBLIC: record(extra=extra)}, setup=plant)
    assert_safe(case, SECRET, ("content/takime/kukes/2018/shtojca.txt", SHOWN_PUBLIC))


def test_symlink_to_a_folder_outside_content(tmp_path):
    def plant(content):
        folder = content.parent / "private"
        folder.mkdir()
        (folder / "sekretix42.md").write_text("# SEKRETIX42\n", encoding="utf-8")
        os.symlink(folder, content / "shtesa")

    case = attempt(tmp_path, {PUBLIC: record()}, setup=plant)
    assert_safe(case, SECRET, ("content/shtesa",))


def test_hard_link_attachment_to_a_deploy_secret(tmp_path):
    """A declared .txt attachment that is a hard link to a file elsewhere in the checkout."""

    def plant(content):
        os.link(outside_file(content, DEPLOY_SECRET), content / "takime/kukes/2018/shtojca.txt")

    extra = "attachments:\n  - title: Shtojca\n    url: shtojca.txt"
    case = attempt(tmp_path, {PUBLIC: record(extra=extra)}, setup=plant)
    assert_safe(case, "ghp_sekretix42", ("content/takime/kukes/2018/shtojca.txt", SHOWN_PUBLIC))


def test_hard_link_image_under_assets_to_a_file_outside_content(tmp_path):
    def plant(content):
        (content / "assets").mkdir()
        os.link(outside_file(content, PNG + b"AWS_SECRET_ACCESS_KEY=SEKRETIX42\n"), content / "assets/logo.png")

    case = attempt(tmp_path, {PUBLIC: record()}, setup=plant)
    assert_safe(case, SECRET, ("content/assets/logo.png",))


def test_attachment_path_climbing_out_of_content(tmp_path):
    def plant(content):
        outside_file(content, DEPLOY_SECRET)

    extra = "attachments:\n  - title: Shtojca\n    url: ../../../../deploy/secret.txt"
    case = attempt(tmp_path, {PUBLIC: record(extra=extra)}, setup=plant)
    assert_safe(case, SECRET)


def test_image_path_climbing_out_of_content(tmp_path):
    def plant(content):
        (content.parent / "deploy").mkdir()
        (content.parent / "deploy" / "sekretix42.png").write_bytes(PNG)

    case = attempt(tmp_path, {PUBLIC: record(body="![x](../../../../deploy/sekretix42.png)")}, setup=plant)
    assert_safe(case, SECRET)


# ================================================================================================================
# D. No hand-written page (or reference data) may take the place of a page the build generates
# ================================================================================================================

FAKE_PAGE = "---\ntitle: Faqe e rreme SEKRETIX42\n---\n\n# Faqe e rreme SEKRETIX42\n\nHyni me fjalëkalimin tuaj.\n"


@pytest.mark.parametrize(
    ("source", "generated"),
    [
        ("kerko.md", "kerko/index.html"),
        ("kerko/index.md", "kerko/index.html"),
        ("temat/arsimi.md", "temat/arsimi/index.html"),
        ("temat/arsimi/index.md", "temat/arsimi/index.html"),
        ("temat/index.md", "temat/index.html"),
        ("institucionet/dvp.md", "institucionet/dvp/index.html"),
        ("institucionet/dshs-bashkia/index.md", "institucionet/dshs-bashkia/index.html"),
        ("te-dhena/index.md", "te-dhena/index.html"),
        ("te-dhena.md", "te-dhena/index.html"),
        ("admin/index.md", "admin/index.html"),
        ("admin.md", "admin/index.html"),
        ("pagefind/index.md", "pagefind/index.html"),
    ],
)
def test_hand_written_page_at_a_generated_address(tmp_path, source, generated):
    case = attempt(tmp_path, {PUBLIC: record(), source: FAKE_PAGE})
    if case.refused:
        assert_refused_well(case, (f"content/{source}",))
    else:
        page = case.site / generated
        assert not page.exists() or SECRET not in readable(page.read_bytes()), f"{source} replaced /{generated}"


def test_topic_slug_index_in_topics_yml_takes_the_topics_index_page(tmp_path):
    """A topic whose slug is 'index' is generated at temat/index.md, the address of the list of topics."""
    edit = data_edit(
        "topics.yml", "- slug: plani-i-veprimit", "- slug: index\n  name: SEKRETIX42 tema\n- slug: plani-i-veprimit"
    )
    case = attempt(tmp_path, {PUBLIC: record()}, setup=edit)
    if case.refused:
        assert_refused_well(case, ("content/_data/topics.yml",))
    else:
        assert "SEKRETIX42" not in (case.site / "temat/index.html").read_text(encoding="utf-8")


def test_institution_code_index_in_institutions_yml_takes_the_institutions_index_page(tmp_path):
    edit = data_edit("institutions.yml", "- code: DVP", "- code: index\n  name: SEKRETIX42 institucion\n- code: DVP")
    case = attempt(tmp_path, {PUBLIC: record()}, setup=edit)
    if case.refused:
        assert_refused_well(case, ("content/_data/institutions.yml",))
    else:
        assert "SEKRETIX42" not in (case.site / "institucionet/index.html").read_text(encoding="utf-8")


# ================================================================================================================
# E. Personal data written plainly (controls: the privacy guard's own ground)
# ================================================================================================================


def test_plain_mobile_number_in_a_body(tmp_path):
    assert_safe(attempt(tmp_path, body("Telefononi 069 427 1839.")), PHONE)


def test_plain_mobile_number_in_the_chairs_name(tmp_path):
    files = {PUBLIC: record(extra="chair:\n  name: Vjosa 069 427 1839\n  role: Prefekti")}
    assert_safe(attempt(tmp_path, files), PHONE)


def test_plain_private_email_in_a_front_matter_field(tmp_path):
    assert_no_email(attempt(tmp_path, {PUBLIC: record(extra=f"place: '{EMAIL}'")}))


# ================================================================================================================
# F. Personal data disguised in a record's body (what the page shows is the number / the address)
# ================================================================================================================


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Telefononi 069\u00a0427\u00a01839.", id="no-break-space"),
        pytest.param("Telefononi 069\u202f427\u202f1839.", id="narrow-no-break-space"),
        pytest.param("Telefononi 069\u2013427\u20131839.", id="en-dash"),
        pytest.param("Telefononi 069\u2010427\u20101839.", id="hyphen-u2010"),
        pytest.param("Telefononi 069\u2212427\u22121839.", id="minus-sign"),
        pytest.param("Telefononi 069\u200b427\u200b1839.", id="zero-width-space"),
        pytest.param("Telefononi 069\u2060427\u20601839.", id="word-joiner"),
        pytest.param("Telefononi 069\u00ad427\u00ad1839.", id="soft-hyphen"),
        pytest.param("Telefononi \uff10\uff16\uff19\uff14\uff12\uff17\uff11\uff18\uff13\uff19.", id="fullwidth-digits"),
        pytest.param(
            "Telefononi \u0660\u0666\u0669\u0664\u0662\u0667\u0661\u0668\u0663\u0669.", id="arabic-indic-digits"
        ),
        pytest.param("Telefononi &#48;&#54;&#57; 427 1839.", id="decimal-references"),
        pytest.param("Telefononi &#x30;69 427 1839.", id="hex-reference"),
        pytest.param("Telefononi 069\\-427\\-1839.", id="markdown-escapes"),
        pytest.param("Telefononi 069 **427** 1839.", id="emphasis-inside"),
        pytest.param("Telefononi 069 427\n1839 sot.", id="line-break-inside"),
    ],
)
def test_disguised_mobile_number_in_a_body(tmp_path, text):
    assert_safe(attempt(tmp_path, body(text)), PHONE)


def test_00_space_355_prefix_in_a_body(tmp_path):
    assert_safe(attempt(tmp_path, body("Telefononi 00 355 69 427 1839.")), "00355694271839")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Nr. personal \u040855101234A.", id="cyrillic-je"),
        pytest.param("Nr. personal J55101234\u0391.", id="greek-alpha"),
        pytest.param("Nr. personal J\u200b55101234A.", id="zero-width-space"),
        pytest.param("Nr. personal &#74;55101234A.", id="reference-letter"),
    ],
)
def test_disguised_personal_id_in_a_body(tmp_path, text):
    assert_safe(attempt(tmp_path, body(text)), NID)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Shkruani vjosa.sekret42&commat;gmail.com.", id="commat-reference"),
        pytest.param("Shkruani vjosa.sekret42&#64;gmail.com.", id="decimal-reference"),
        pytest.param("Shkruani vjosa.sekret42\uff20gmail.com.", id="fullwidth-at"),
        pytest.param("Shkruani vjosa.sekret42@gmail\u200b.com.", id="zero-width-in-domain"),
        pytest.param("[Shkruani](mailto:vjosa.sekret42%40gmail.com).", id="mailto-percent-encoded"),
    ],
)
def test_disguised_private_email_in_a_body(tmp_path, text):
    assert_no_email(attempt(tmp_path, body(text)))


def test_percent_encoded_tel_link(tmp_path):
    case = attempt(tmp_path, body("[Thirrni](tel:%2B355694271839)."))
    assert_safe(case, "355694271839")


def test_no_break_spaces_in_a_hand_written_page(tmp_path):
    about = (ROOT / "content/rreth.md").read_text(encoding="utf-8") + "\nTel. i koordinatores: 069\u00a0427\u00a01839\n"
    case = attempt(tmp_path, {PUBLIC: record(), "rreth.md": about})
    assert_safe(case, PHONE, ("content/rreth.md",))


# ================================================================================================================
# G. Personal data disguised by YAML in front-matter (the value differs from the written text)
# ================================================================================================================


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param("summary: >-\n  Telefononi 069 427\n  1839 sot.", id="folded-block-across-lines"),
        pytest.param("place: Zyra 069 427\n  1839", id="plain-scalar-across-lines"),
        pytest.param('place: "Zyra \\x30\\x36\\x39 427 1839"', id="double-quoted-x-escapes"),
        pytest.param('place: "Zyra \\u0030\\u0036\\u0039 427 1839"', id="double-quoted-u-escapes"),
        pytest.param('place: "Zyra 069\\_427\\_1839"', id="double-quoted-nbsp-escape"),
        pytest.param("place: Zyra 069\u00a0427\u00a01839", id="no-break-space"),
    ],
)
def test_mobile_number_hidden_by_yaml_in_front_matter(tmp_path, extra):
    assert_safe(attempt(tmp_path, {PUBLIC: record(extra=extra)}), PHONE)


def test_private_email_hidden_by_a_yaml_escape(tmp_path):
    case = attempt(tmp_path, {PUBLIC: record(extra='place: "vjosa.sekret42\\x40gmail.com"')})
    assert_no_email(case)


# ================================================================================================================
# H. Personal data in file names and link URLs
# ================================================================================================================


def test_personal_id_in_a_record_file_name(tmp_path):
    case = attempt(tmp_path, {"takime/kukes/2018/2018-03-01-j55101234a.md": record()})
    assert_safe(case, NID, ("content/takime/kukes/2018/2018-03-01-j55101234a.md",))


def test_personal_id_in_an_attachment_file_name_written_percent_encoded(tmp_path):
    files = {
        PUBLIC: record(extra="attachments:\n  - title: Shtojca\n    url: j5510%31234a.pdf"),
        "takime/kukes/2018/j55101234a.pdf": PDF,
    }
    assert_safe(attempt(tmp_path, files), NID, (SHOWN_PUBLIC, "content/takime/kukes/2018/j55101234a.pdf"))


def test_personal_id_in_an_image_name_no_text_mentions(tmp_path):
    files = {PUBLIC: record(), "assets/j55101234a.png": PNG}
    assert_safe(attempt(tmp_path, files), NID, ("content/assets/j55101234a.png",))


def test_personal_id_in_an_image_name_linked_percent_encoded(tmp_path):
    files = {PUBLIC: record(body="![foto](../../../assets/j5510%31234a.png)"), "assets/j55101234a.png": PNG}
    assert_safe(attempt(tmp_path, files), NID, (SHOWN_PUBLIC, "content/assets/j55101234a.png"))


def test_phone_number_in_a_pdf_attachment_name(tmp_path):
    files = {
        PUBLIC: record(extra="attachments:\n  - title: Shtojca\n    url: kontakt-0694271839.pdf"),
        "takime/kukes/2018/kontakt-0694271839.pdf": PDF,
    }
    assert_safe(attempt(tmp_path, files), PHONE, (SHOWN_PUBLIC, "content/takime/kukes/2018/kontakt-0694271839.pdf"))


# ================================================================================================================
# I. Personal data in the reference data files (content/_data/*.yml), shown on many pages
# ================================================================================================================


def test_mobile_number_in_a_topic_name(tmp_path):
    edit = data_edit("topics.yml", "name: Identifikimi i viktimave", "name: Identifikimi i viktimave 069 427 1839")
    assert_safe(attempt(tmp_path, {PUBLIC: record()}, setup=edit), PHONE, ("content/_data/topics.yml",))


def test_private_email_in_an_institution_name(tmp_path):
    edit = data_edit(
        "institutions.yml", "name: Drejtoria Vendore e Policisë", f"name: Drejtoria Vendore e Policisë {EMAIL}"
    )
    assert_no_email(attempt(tmp_path, {PUBLIC: record()}, setup=edit), ("content/_data/institutions.yml",))


def test_mobile_number_in_a_campaign_description(tmp_path):
    edit = data_edit(
        "campaigns.yml", "description: Dita e Kombeve", "description: Telefononi 069 427 1839. Dita e Kombeve"
    )
    assert_safe(attempt(tmp_path, {PUBLIC: record()}, setup=edit), PHONE, ("content/_data/campaigns.yml",))


def test_private_email_in_a_contacts_for_whom(tmp_path):
    edit = data_edit("contacts.yml", "for_whom: Kur jeta", f"for_whom: Shkruani {EMAIL}. Kur jeta")
    assert_no_email(attempt(tmp_path, {PUBLIC: record()}, setup=edit), ("content/_data/contacts.yml",))


def test_personal_id_in_a_contacts_caveat(tmp_path):
    edit = data_edit("contacts.yml", "for_whom: Kur jeta", "caveat: Koordinatorja J55101234A.\n    for_whom: Kur jeta")
    assert_safe(attempt(tmp_path, {PUBLIC: record()}, setup=edit), NID, ("content/_data/contacts.yml",))


# Ruled intended (not a leak): a number written in contacts.yml is the official list of help numbers, each with its
# source and verification date; an NGO's hotline may well be a mobile. Reviewing that list is a person's job.


# ================================================================================================================
# J. Secrets and tokens
# ================================================================================================================


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        pytest.param("Token: ghp_SEKRETIX42abcdefghijklmnopqrstuvwxyz0123", "ghpsekretix42", id="github-token"),
        pytest.param("Çelësi AKIASEKRETIX42ABCDEF në server.", "akiasekretix42", id="aws-access-key"),
        pytest.param(
            "```\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANSEKRETIX42\n-----END PRIVATE KEY-----\n```",
            "beginprivatekey",
            id="private-key-block",
        ),
    ],
)
def test_secret_in_a_record_body(tmp_path, text, needle):
    assert_safe(attempt(tmp_path, body(text)), needle)


def test_github_token_in_a_record_summary(tmp_path):
    case = attempt(tmp_path, {PUBLIC: record(extra="summary: Token ghp_SEKRETIX42abcdefghijklmnopqrstuvwxyz0123")})
    assert_safe(case, "ghpsekretix42")


def test_github_token_in_topics_yml(tmp_path):
    edit = data_edit(
        "topics.yml", "name: Parandalimi", "name: Parandalimi ghp_SEKRETIX42abcdefghijklmnopqrstuvwxyz0123"
    )
    assert_safe(attempt(tmp_path, {PUBLIC: record()}, setup=edit), "ghpsekretix42", ("content/_data/topics.yml",))
