"""Fetch the web editor's browser files (Decap CMS and the `yaml` library) from the npm registry, pinned by hash.

`/admin/` is served from the site itself, so the files it runs must be in the build, and must be exactly the
files that were reviewed: `editor/assets.lock.json` names each package's tarball and its npm `integrity`
(sha512), and nothing is unpacked unless the downloaded bytes match it. Only the browser files are kept
(Decap's prebuilt bundle and its chunks, `yaml`'s browser modules), in `editor/vendor/<name>/`, which is not
committed. A stamp with the hashes lets `make` skip the download when nothing changed.

No Node is needed for this: the site is built with Python alone; Node is only for `make edit` and its tests
(`decap-server`, from `editor/package-lock.json`).

Run as `python -m krat.tools.vendor [editor folder]`; exit code 0, or 1 with an Albanian message.
"""

import base64
import fnmatch
import hashlib
import io
import json
import shutil
import sys
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

LOCK_FILE = "assets.lock.json"
VENDOR_DIR = "vendor"
STAMP = ".integrity"
MAX_TARBALL_BYTES = 64 * 2**20  # Decap's tarball is 16 MB; a registry answer far larger is not the package


class VendorError(Exception):
    """A package could not be fetched or did not match its pinned hash; the message is for the person running make."""


@dataclass(frozen=True)
class Package:
    """One pinned npm package: where its tarball is, its hash, and which of its files the browser needs."""

    name: str
    version: str
    tarball: str
    integrity: str
    folder: str
    files: tuple[str, ...]

    @classmethod
    def of(cls, entry: dict) -> "Package":
        return cls(
            name=entry["name"],
            version=entry["version"],
            tarball=entry["tarball"],
            integrity=entry["integrity"],
            folder=entry["folder"],
            files=tuple(entry["files"]),
        )

    def wanted(self, member: str) -> str | None:
        """The path under the vendor folder for a tarball member the browser needs, or None."""
        path = PurePosixPath(member)
        try:
            inside = path.relative_to(self.folder)
        except ValueError:
            return None
        if ".." in inside.parts or not any(_matches(inside, pattern) for pattern in self.files):
            return None
        return inside.as_posix()


def _matches(path: PurePosixPath, pattern: str) -> bool:
    if pattern.startswith("**/"):
        return fnmatch.fnmatchcase(path.name, pattern[3:])
    return len(path.parts) == 1 and fnmatch.fnmatchcase(path.name, pattern)


def read_lock(editor: Path) -> list[Package]:
    data = json.loads((editor / LOCK_FILE).read_text(encoding="utf-8"))
    return [Package.of(entry) for entry in data["packages"]]


def check_integrity(data: bytes, integrity: str, name: str) -> None:
    """Refuse `data` unless its sha512 is the pinned one (npm's `sha512-<base64>` form)."""
    algorithm, _, expected = integrity.partition("-")
    if algorithm != "sha512":
        raise VendorError(f"{name}: integriteti duhet të jetë sha512 (është '{algorithm}')")
    actual = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if actual != expected:
        raise VendorError(
            f"{name}: skedari i shkarkuar nuk përputhet me hash-in e {LOCK_FILE} "
            f"(pritej {expected[:16]}…, erdhi {actual[:16]}…); asgjë nuk u shpaketua"
        )


def download(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            data = response.read(MAX_TARBALL_BYTES + 1)
    except OSError as error:
        raise VendorError(f"{url}: shkarkimi dështoi ({error}); a ka lidhje me regjistrin npm?") from None
    if len(data) > MAX_TARBALL_BYTES:
        raise VendorError(f"{url}: më i madh se {MAX_TARBALL_BYTES // 2**20} MB; nuk është paketa e pritur")
    return data


def unpack(package: Package, data: bytes, target: Path) -> int:
    """Write the browser files of `package` from its tarball `data` into `target`; return how many."""
    shutil.rmtree(target, ignore_errors=True)
    count = 0
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            name = package.wanted(member.name) if member.isfile() else None
            if name is None:
                continue
            path = target / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(archive.extractfile(member).read())
            count += 1
    if not count:
        raise VendorError(f"{package.name}: tarball nuk ka asnjë nga skedarët e pritur në {package.folder}/")
    return count


def fetch(editor: Path, fetch_bytes=download) -> list[str]:
    """Bring every package of the lock into `editor/vendor/`, skipping those whose stamp matches; return what
    was done, a line per package."""
    done = []
    for package in read_lock(editor):
        target = editor / VENDOR_DIR / package.name
        stamp = target / STAMP
        if stamp.is_file() and stamp.read_text() == package.integrity:
            done.append(f"{package.name} {package.version}: i pranishëm")
            continue
        data = fetch_bytes(package.tarball)
        check_integrity(data, package.integrity, f"{package.name} {package.version}")
        count = unpack(package, data, target)
        stamp.write_text(package.integrity)
        done.append(f"{package.name} {package.version}: {count} skedarë, hash-i sha512 u përputh")
    return done


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    editor = Path(argv[0] if argv else "editor")
    try:
        for line in fetch(editor):
            print(f"redaktori: {line}")
    except VendorError as error:
        print(f"redaktori: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
