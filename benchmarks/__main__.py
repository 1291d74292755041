"""`python -m benchmarks` (what `make bench` and `make bench-serve` run): the build against plain MkDocs on a
synthetic corpus (benchmarks.bench), or the preview's time to show an edited record (benchmarks.servebench).

Kept out of the installed `krat` package: measuring is the developers' business, not the build's.
"""

import argparse
import sys
from pathlib import Path

from krat.tools.cli import albanian_argparse

from benchmarks import bench, servebench


def main(argv: list[str] | None = None) -> int:
    with albanian_argparse():
        parser = argparse.ArgumentParser(
            prog="python -m benchmarks",
            description="Prodhon një korpus sintetik në një dosje të përkohshme dhe e ndërton me projektin dhe me "
            "MkDocs të thjeshtë; shtyp një tabelë dhe rreshtin "
            "'records=N build_s=X baseline_s=Y ratio=Z peak_rss_mb=M'.",
        )
        records_help = "sa procesverbale (parazgjedhje 2000)"
        parser.add_argument("--records", type=int, default=2000, metavar="N", help=records_help)
        parser.add_argument("--keep", type=Path, metavar="DOSJA", help="ruaj korpusin dhe faqet e ndërtuara këtu")
        repeat_help = "sa herë ndërtohet secila, me radhë (parazgjedhje 3); raportohet mesorja"
        parser.add_argument("--repeat", type=int, default=3, metavar="K", help=repeat_help)
        serve_help = "mat `make serve`: sa kohë duhet që faqja e një procesverbali të ndryshuar të shfaqet e re"
        parser.add_argument("--serve", action="store_true", help=serve_help)
        arguments = parser.parse_args(argv)
    if arguments.serve:
        servebench.run(arguments.records, keep=arguments.keep)
    else:
        bench.run(arguments.records, keep=arguments.keep, repeat=max(arguments.repeat, 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
