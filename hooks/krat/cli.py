"""The `krat` command for staff and developers. Sub-commands are thin; the logic lives in the krat package."""

import argparse
import sys
from pathlib import Path

from krat.catalog import build_catalog, shown_path
from krat.problems import ContentError, format_problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="krat", description="Mjetet e faqes KRAT për stafin.")
    commands = parser.add_subparsers(dest="command", required=True, title="komandat")
    check = commands.add_parser(
        "check",
        help="kontrollon përmbajtjen pa ndërtuar faqen",
        description="Kontrollon të gjitha skedarët e përmbajtjes (ose vetëm ata të dhënë) me të njëjtat mesazhe si "
        "ndërtimi. Del me 0 kur gjithçka është në rregull, me 1 kur ka probleme.",
    )
    check.add_argument("paths", nargs="*", metavar="SKEDAR", help="vetëm këta skedarë (parazgjedhje: të gjithë)")
    check.add_argument("--content", default="content", metavar="DOSJA", help="dosja e përmbajtjes (content)")
    bench = commands.add_parser(
        "bench",
        help="mat kohën e ndërtimit mbi një korpus sintetik",
        description="Prodhon një korpus sintetik në një dosje të përkohshme dhe e ndërton me projektin dhe me "
        "MkDocs të thjeshtë; shtyp një tabelë dhe rreshtin 'records=N build_s=X baseline_s=Y ratio=Z peak_rss_mb=M'.",
    )
    bench.add_argument("--records", type=int, default=2000, metavar="N", help="sa procesverbale (parazgjedhje 2000)")
    bench.add_argument("--keep", type=Path, metavar="DOSJA", help="ruaj korpusin dhe faqet e ndërtuara këtu")
    arguments = parser.parse_args(argv)
    if arguments.command == "bench":
        from krat.bench import run

        run(arguments.records, arguments.keep)
        return 0
    return run_check(Path(arguments.content), arguments.paths)


def run_check(content_dir: Path, paths: list[str]) -> int:
    """Validate all content; print problems (only those of `paths` when given) to stderr; return the exit code."""
    if not (content_dir / "_data").is_dir():
        print(
            f"krat: '{content_dir}' nuk është dosje përmbajtjeje (mungon {content_dir}/_data)",
            file=sys.stderr,
        )
        return 2
    try:
        catalog = build_catalog(content_dir, profile="members")
    except ContentError as error:
        wanted = {shown_path(Path(path)) for path in paths}
        problems = [problem for problem in error.problems if not wanted or problem.path in wanted]
        if problems:
            print(format_problems(problems), file=sys.stderr)
            return 1
        print("Skedarët e dhënë janë në rregull (ka probleme në skedarë të tjerë).", file=sys.stderr)
        return 0
    print(f"Në rregull: {len(catalog.records)} procesverbale u kontrolluan pa probleme.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
