"""The web editor's files: fetched only when they match their pinned hash, served at /admin/ of every build with
the page's own policy and nothing from another host, left out with KRAT_EDITOR=false."""

import base64
import hashlib
import io
import json
import re
import tarfile

import pytest
from conftest import FIXTURES, ROOT
from krat.tools import vendor
from sitebuild import built

EDITOR = ROOT / "editor"


def tarball(files: dict[str, bytes]) -> bytes:
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w:gz") as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return data.getvalue()


def sha512(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def lock(folder, data: bytes, integrity: str | None = None) -> None:
    entry = {
        "name": "demo",
        "version": "1.0.0",
        "tarball": "https://registry.example/demo-1.0.0.tgz",
        "integrity": integrity or sha512(data),
        "folder": "package/dist",
        "files": ["demo.js", "*.chunk.js", "**/*.mjs"],
    }
    (folder / vendor.LOCK_FILE).write_text(json.dumps({"packages": [entry]}), encoding="utf-8")


def test_only_the_browser_files_of_a_matching_tarball_are_unpacked(tmp_path):
    data = tarball(
        {
            "package/dist/demo.js": b"bundle",
            "package/dist/1.chunk.js": b"chunk",
            "package/dist/demo.js.map": b"map",
            "package/dist/sub/deep.mjs": b"module",
            "package/README.md": b"readme",
            "package/dist/../../escape.js": b"outside",
        }
    )
    lock(tmp_path, data)
    assert vendor.fetch(tmp_path, fetch_bytes=lambda url: data) == ["demo 1.0.0: 3 skedarë, hash-i sha512 u përputh"]
    unpacked = sorted(
        path.relative_to(tmp_path / "vendor" / "demo").as_posix() for path in (tmp_path / "vendor" / "demo").rglob("*")
    )
    assert unpacked == [".integrity", "1.chunk.js", "demo.js", "sub", "sub/deep.mjs"]
    assert not (tmp_path / "escape.js").exists()
    # a second run with the same hash downloads nothing
    assert vendor.fetch(tmp_path, fetch_bytes=lambda url: pytest.fail("downloaded again")) == [
        "demo 1.0.0: i pranishëm"
    ]


def test_a_tarball_that_does_not_match_its_hash_is_refused_and_nothing_is_unpacked(tmp_path, capsys):
    good = tarball({"package/dist/demo.js": b"bundle"})
    lock(tmp_path, good)
    tampered = tarball({"package/dist/demo.js": b"bundle; fetch('https://evil.example')"})
    with pytest.raises(vendor.VendorError, match="nuk përputhet me hash-in"):
        vendor.fetch(tmp_path, fetch_bytes=lambda url: tampered)
    assert not (tmp_path / "vendor").exists()


def test_the_lock_pins_every_package_by_sha512():
    for package in vendor.read_lock(EDITOR):
        assert package.integrity.startswith("sha512-") and package.tarball.startswith("https://registry.npmjs.org/")
        assert package.version in package.tarball


@pytest.fixture(scope="module")
def admin(fixture_site):
    return fixture_site / "admin"


def test_admin_serves_the_editor_from_the_site_itself(admin):
    page = (admin / "index.html").read_text(encoding="utf-8")
    first = re.search(r"<head>\s*(<[^>]+>)", page).group(1)  # the policy governs all that follows it
    policy = re.fullmatch(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', first).group(1)
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self' 'unsafe-eval'"  # no inline script ever runs
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    scripts = re.findall(r"<script([^>]*)>", page)
    sources = [re.search(r'src="([^"]+)"', attributes).group(1) for attributes in scripts]
    assert sources == ["manual-init.js", "decap-cms.js", "locale-sq.js", "krat-editor.js"]  # no inline script
    for name in sources + ["config.yml", "yaml/index.js"]:
        assert (admin / name).is_file(), name
    assert (admin / "config.yml").read_bytes() == (EDITOR / "config.yml").read_bytes()
    styles = re.findall(r'<link rel="krat-preview-style" href="([^"]+)">', page)
    assert styles and all((admin / style).resolve().is_file() for style in styles)
    assert not list(admin.glob("*.map")), "source maps are not served"


def test_the_editor_can_be_left_out(tmp_path):
    site = built(tmp_path, FIXTURES / "site", env={"KRAT_EDITOR": "false"})
    assert (site / "index.html").is_file()
    assert not (site / "admin").exists()
