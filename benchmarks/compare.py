"""`python -m benchmarks.compare OLD NEW`: are two builds of the same content the same site?

Every file must be byte-identical, except:
- Pagefind's index (`pagefind/`), whose file names are content hashes and whose filter files are named afresh on
  each run: its page fragments are compared page by page instead (URL, text, metadata, filters, anchors), decoded;
- iCalendar files (`*.ics`), compared event by event after parsing with `icalendar` (a library may fold and
  order lines differently while saying the same).
Prints one line per difference and `N files compared, M differ`; exits 1 when anything differs.
"""

import gzip
import json
import sys
from pathlib import Path

INDEX = "pagefind"
FRAGMENT_SUFFIX = ".pf_fragment"


def compare(old: Path, new: Path) -> list[str]:
    """Every difference between the builds in `old` and `new`, as one line each."""
    differences = []
    old_files, new_files = _files(old), _files(new)
    for name in sorted(old_files.keys() ^ new_files.keys()):
        differences.append(f"{name}: only in {'old' if name in old_files else 'new'}")
    for name in sorted(old_files.keys() & new_files.keys()):
        if name.endswith(".ics"):
            same = _events(old / name) == _events(new / name)
        else:
            same = old_files[name] == new_files[name]
        if not same:
            differences.append(f"{name}: differs")
    old_pages, new_pages = _fragments(old), _fragments(new)
    for url in sorted(old_pages.keys() | new_pages.keys()):
        if old_pages.get(url) != new_pages.get(url):
            differences.append(f"{INDEX} {url}: indexed differently")
    return differences


def _files(root: Path) -> dict[str, bytes]:
    """Every file outside Pagefind's folder, by path, with its bytes."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and path.relative_to(root).parts[0] != INDEX
    }


def _fragments(root: Path) -> dict[str, dict]:
    """Pagefind's page fragments by page URL, decoded."""
    pages = {}
    for path in (root / INDEX / "fragment").glob(f"*{FRAGMENT_SUFFIX}"):
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[fragment["url"]] = fragment
    return pages


def _events(path: Path) -> list:
    """The calendar's components with their properties, as comparable values."""
    from icalendar import Calendar

    calendar = Calendar.from_ical(path.read_bytes())
    return [
        (component.name, sorted((key, component[key].to_ical()) for key in component))
        for component in calendar.walk()
        if component.name != "VCALENDAR"
    ]


def main(argv: list[str]) -> int:
    old, new = Path(argv[0]), Path(argv[1])
    differences = compare(old, new)
    print("\n".join(differences))
    print(f"{len(_files(old))} files compared, {len(differences)} differ")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
