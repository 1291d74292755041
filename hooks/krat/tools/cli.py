"""The `krat` command for staff and developers: `check`, `new`, `import` and `schema`, with help and
messages in Albanian.

Sub-commands only parse options, call the krat package (catalog, recordfile, importer) and print; exit codes are
0 (in order), 1 (problems in content or in a file to import) and 2 (a wrong option or folder).
"""

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import yaml

from krat.content.catalog import DATA_DIR, PROFILES, build_catalog, nav_pages, shown_path
from krat.content.dates import build_date
from krat.content.problems import ContentError, Problem, format_notices, format_problems
from krat.content.records import RECORDS_DIR, find_duplicates, load_records
from krat.content.refdata import ReferenceData, load_reference_data
from krat.content.schema import KINDS
from krat.tools.editor_config import BACKEND_FILE, EDITOR_CONFIG, read_backend, render_editor_config
from krat.tools.importer import ImportFailed, ImportOptions, check_options, import_text
from krat.tools.jsonschema_export import SCHEMAS_DIR, render_schemas, stale_files, write_files
from krat.tools.recordfile import (
    OptionError,
    check_text,
    create_file,
    date_option,
    kind_option,
    new_record,
    prefecture_option,
)
from krat.tools.snippets import SNIPPETS_PATH, render_snippets
from krat.tools.watch import watch

# argparse's own words, by their gettext message ids, so that `--help` and usage errors are Albanian too.
ARGPARSE_ALBANIAN = {
    "usage: ": "përdorimi: ",
    "options": "opsionet",
    "positional arguments": "argumentet",
    "show this help message and exit": "shfaq këtë ndihmë dhe del",
    "%(prog)s: error: %(message)s\n": "%(prog)s: gabim: %(message)s\n",
    "the following arguments are required: %s": "mungojnë argumentet e detyrueshme: %s",
    "unrecognized arguments: %s": "argumente të panjohura: %s",
    "argument %(argument_name)s: %(message)s": "argumenti %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "zgjedhje e pavlefshme: %(value)r (zgjidhni: %(choices)s)",
    "expected one argument": "pret një vlerë",
    "expected at least one argument": "pret të paktën një vlerë",
    "ambiguous option: %(option)s could match %(matches)s": "opsion i paqartë: %(option)s mund të jetë %(matches)s",
}
KIND_HELP = ", ".join(f"{key} ({label})" for key, label in KINDS.items())


@contextmanager
def albanian_argparse() -> Iterator[None]:
    """While the parser is built and used, argparse translates its own texts through ARGPARSE_ALBANIAN."""
    english = argparse._
    argparse._ = lambda message: ARGPARSE_ALBANIAN.get(message, english(message))
    try:
        yield
    finally:
        argparse._ = english


class CommandFailed(Exception):
    """Stops a sub-command: `main` prints the Albanian message to stderr and exits with `code`."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def main(argv: list[str] | None = None) -> int:
    with albanian_argparse():
        arguments = build_parser().parse_args(argv)
    try:
        return arguments.run(arguments)
    except OptionError as error:
        print(f"krat {arguments.command}: {error}", file=sys.stderr)
        return 2
    except CommandFailed as failed:
        print(failed, file=sys.stderr)
        return failed.code


def build_parser() -> argparse.ArgumentParser:
    """The `krat` parser with its sub-commands."""
    parser = argparse.ArgumentParser(prog="krat", description="Mjetet e faqes KRAT për stafin.")
    commands = parser.add_subparsers(dest="command", required=True, title="komandat", metavar="KOMANDA")
    add_check_command(commands)
    add_new_command(commands)
    add_import_command(commands)
    add_schema_command(commands)
    return parser


def _add_record_options(parser: argparse.ArgumentParser, required: bool) -> None:
    """--prefecture, --date, --kind, --title: required for `new`; for `import` they win over the text."""
    parser.add_argument("--prefecture", required=required, default="", metavar="QARKU", help="qarku, p.sh. Kukës")
    date_help = "data: VVVV-MM-DD, ose VVVV-MM / VVVV kur nuk dihet dita"
    parser.add_argument("--date", required=required, default="", metavar="DATA", help=date_help)
    kind_default = "meeting" if required else ""
    default_help = f" (parazgjedhje: {kind_default})" if kind_default else ""
    parser.add_argument("--kind", default=kind_default, metavar="LLOJI", help=f"lloji{default_help}: {KIND_HELP}")
    parser.add_argument("--title", default="", metavar="TITULLI", help="titulli; jep edhe emrin e skedarit")


def _add_content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", default="content", metavar="DOSJA", help="dosja e përmbajtjes (content)")


# --- krat check -------------------------------------------------------------------------------------------


def add_check_command(commands) -> None:
    check = commands.add_parser(
        "check",
        help="kontrollon përmbajtjen pa ndërtuar faqen",
        description="Kontrollon të gjithë skedarët e përmbajtjes me të njëjtat mesazhe si ndërtimi dhe tregon "
        "problemet e skedarëve (ose dosjeve) të dhënë, ose të të gjithëve. Materialet e brendshme dhe draftet "
        "kontrollohen si gjithë të tjerat; çdo material publik (edhe një draft i shënuar public, që do të "
        "publikohet më vonë) dhe çdo faqe kontrollohet edhe me rojen e privatësisë (NID, telefona, e-mail, "
        "datëlindje, emrat e listës private), si në ndërtimin e faqes publike. Del me 0 kur gjithçka është në "
        "rregull, me 1 kur ka probleme.",
    )
    check.add_argument(
        "paths", nargs="*", metavar="SHTEG", help="vetëm këta skedarë ose dosje (parazgjedhje: të gjithë)"
    )
    _add_content_option(check)
    check.add_argument(
        "--public",
        action="store_true",
        help="pa efekt, mbahet që komandat e vjetra të punojnë: çdo kontroll e zbaton tashmë rojen e privatësisë",
    )
    check.add_argument(
        "--fail-on-notice",
        action="store_true",
        help="del me 1 edhe kur ka vetëm njoftime (p.sh. një numër për t'u riverifikuar së shpejti): për kontrollin "
        "e përjavshëm të mirëmbajtësve",
    )
    check.add_argument(
        "--watch",
        action="store_true",
        help="kontrollo përsëri sa herë ndryshon një skedar i përmbajtjes (për detyrën e VS Code; Ctrl+C ndalon)",
    )
    check.set_defaults(run=run_check_command)


def run_check_command(arguments: argparse.Namespace) -> int:
    """`krat check`, once or (--watch) after every change under the content folder until interrupted.
    `--public` is accepted and does nothing: every check now runs the privacy guard."""
    content_dir = Path(arguments.content)
    if not arguments.watch:
        return run_check(content_dir, arguments.paths, arguments.fail_on_notice)
    _require_content_dir(content_dir)
    with suppress(KeyboardInterrupt):
        watch(lambda: run_check(content_dir, arguments.paths, arguments.fail_on_notice), content_dir)
    return 0


def run_check(content_dir: Path, paths: list[str], fail_on_notice: bool = False) -> int:
    """Validate all content as both builds do, with the one function they call (`build_catalog`): the public
    build (privacy guard on every public file, drafts included; no public text may link to internal material)
    and the members' build (links in internal records too). Print the problems (only those under `paths` when
    given) and the notices to stderr; return the exit code (1 on a notice too with `fail_on_notice`). Whatever
    either build would refuse, this refuses first, in the same words.
    """
    _require_content_dir(content_dir)
    missing = [f"krat: '{path}' nuk ekziston" for path in paths if not Path(path).exists()]
    if missing:
        raise CommandFailed("\n".join(missing), 2)
    problems, notices, checked = check_profiles(content_dir)
    wanted = [shown_path(Path(path)) for path in paths]
    mine = [problem for problem in problems if _is_under(problem.path, wanted)]
    notices = [notice for notice in notices if _is_under(notice.path, wanted)]
    if notices:
        print(format_notices(notices), file=sys.stderr)
    if mine:
        print(format_problems(mine, CHECK_OUTCOME), file=sys.stderr)
        return 1
    if problems:
        print("Skedarët e dhënë janë në rregull (ka probleme në skedarë të tjerë).", file=sys.stderr)
        return 0
    count = sum(1 for path in checked if _is_under(path, wanted))
    print(f"Në rregull: {count} procesverbale u kontrolluan pa probleme.")  # internal ones and drafts too
    return 1 if notices and fail_on_notice else 0


CHECK_OUTCOME = "ndërtimi do ta refuzonte përmbajtjen derisa të rregullohen"


def check_profiles(content_dir: Path) -> tuple[list[Problem], list[Problem], list[str]]:
    """Every problem either build (public, members) would stop on, every notice, and the shown paths of the
    records checked (internal ones and drafts too), at the build date and with the navigation the build uses."""
    today, (required, own) = build_date(), site_settings(content_dir)
    problems, notices, checked = set(), set(), set()
    for profile in PROFILES:
        try:
            catalog = build_catalog(content_dir, profile, today, denylist(), required, own)
        except ContentError as error:
            problems.update(error.problems)
            notices.update(error.notices)
            continue
        notices.update(catalog.notices)
        if profile == "members":
            drafts = [src_uri for src_uri in catalog.unpublished if src_uri.startswith(RECORDS_DIR)]
            checked = {record.path for record in catalog.records}
            checked |= {f"{shown_path(content_dir)}/{src_uri}" for src_uri in drafts}
    return sorted(problems), sorted(notices), sorted(checked)


def site_settings(content_dir: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The pages the site's navigation names and the sites' own addresses (site_url, extra.krat.members_url),
    from the mkdocs.yml beside the content folder, `!ENV` read as MkDocs reads it; nothing without one. The build
    stops when a page of the navigation is missing, and judges a link by the site's own host as a local one, so
    `krat check` must know both."""
    settings = _read_config(content_dir.parent / "mkdocs.yml")
    krat = (settings.get("extra") or {}).get("krat") or {}
    own = tuple(str(url) for url in (settings.get("site_url"), krat.get("members_url")) if url)
    return nav_pages(settings.get("nav")), own


def _read_config(config: Path, depth: int = 0) -> dict:
    """A mkdocs.yml as MkDocs reads it, as far as `krat check` needs: `!ENV` resolved, other tags as nothing, and
    `INHERIT` followed (this file's keys win, `extra` merged one level down); {} when there is none."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", _environment_value)
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    try:
        settings = yaml.load(config.read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506 (a SafeLoader)
    except (OSError, yaml.YAMLError):
        return {}
    if not isinstance(settings, dict):
        return {}
    parent = settings.pop("INHERIT", None)
    if parent and depth < 5:
        inherited = _read_config(config.parent / str(parent), depth + 1)
        extra = {**(inherited.get("extra") or {}), **(settings.get("extra") or {})}
        settings = {**inherited, **settings, "extra": extra}
    return settings


def _environment_value(loader: yaml.SafeLoader, node: yaml.Node):
    """`!ENV NAME` or `!ENV [NAME, ..., default]`, as MkDocs reads it: the first variable set, else the default."""
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    *variables, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[name] for name in variables if os.environ.get(name)), default)


def denylist() -> Path | None:
    """The private list of names the privacy guard refuses, where the environment names it (as for the build,
    docs/deploy.md): `krat check` runs on a staff member's machine, where mkdocs.yml is not read."""
    path = os.environ.get("KRAT_PRIVACY_DENYLIST", "").strip()
    return Path(path) if path else None


def _is_under(path: str, wanted: list[str]) -> bool:
    return not wanted or any(path == want or path.startswith(want.rstrip("/") + "/") for want in wanted)


def _require_content_dir(content_dir: Path) -> None:
    if not (content_dir / DATA_DIR).is_dir():
        message = f"krat: '{content_dir}' nuk është dosje përmbajtjeje (mungon {content_dir}/{DATA_DIR})"
        raise CommandFailed(message, 2)


def _reference_data(content_dir: Path) -> ReferenceData:
    """The reference data of `content_dir`; CommandFailed when the folder or its data is wrong."""
    _require_content_dir(content_dir)
    try:
        return load_reference_data(content_dir / DATA_DIR, f"{shown_path(content_dir)}/{DATA_DIR}")
    except ContentError as error:
        raise CommandFailed(format_problems(error.problems), 1) from None


# --- krat new ---------------------------------------------------------------------------------------------


def add_new_command(commands) -> None:
    new = commands.add_parser(
        "new",
        help="krijon një procesverbal të ri me të gjitha fushat",
        description="Krijon content/takime/<qarku>/<viti>/<data>-<titulli>.md me të gjitha fushat dhe shpjegimet "
        "e tyre. Fushat e shënuara PLOTËSONI duhen plotësuar para publikimit. Nuk mbishkruan skedarë.",
    )
    _add_record_options(new, required=True)
    _add_content_option(new)
    new.set_defaults(run=run_new)


def run_new(arguments: argparse.Namespace) -> int:
    """Write the skeleton of a new record and say where; fails when the file exists already."""
    content_dir = Path(arguments.content)
    refdata = _reference_data(content_dir)
    src_uri, text = new_record(
        prefecture_option(arguments.prefecture, refdata),
        date_option(arguments.date),
        kind_option(arguments.kind),
        arguments.title.strip(),
    )
    shown = shown_path(content_dir / src_uri)
    try:
        create_file(content_dir / src_uri, text)
    except FileExistsError:
        raise CommandFailed(f"krat new: {shown} ekziston tashmë; nuk e mbishkruaj. {SAME_DAY_HINT}", 1) from None
    print(f"U krijua {shown}\nPlotësoni fushat PLOTËSONI, pastaj kontrolloni: .venv/bin/krat check {shown}")
    return 0


SAME_DAY_HINT = "Për një takim tjetër të së njëjtës ditë jepni një --title tjetër."


# --- krat import ------------------------------------------------------------------------------------------


def add_import_command(commands) -> None:
    command = commands.add_parser(
        "import",
        help="kthen tekste të thjeshta (nga faqja e prefekturës ose nga Word) në procesverbale",
        description="Lexon tekste të thjeshta (UTF-8, Windows-1250/1252), gjen datën, orën, qarkun, komitetet, "
        "llojin, Prefektin dhe titullin, dhe shkruan procesverbalin te content/takime/. Çdo vlerë e gjetur "
        "vetë shënohet te 'verify'; procesverbali mbetet 'internal' derisa një person t'i kontrollojë, ta heqë "
        "'verify' dhe ta bëjë 'public'. "
        "Opsionet e dhëna kanë përparësi mbi atë që gjendet në tekst. Nuk mbishkruan skedarë.",
    )
    command.add_argument("files", nargs="+", metavar="SKEDAR", help="një ose më shumë skedarë teksti (.txt)")
    command.add_argument(
        "--source-url",
        default="",
        metavar="URL",
        help="adresa ku u botua teksti (burimi; jep edhe datën dhe qarkun)",
    )
    _add_record_options(command, required=False)
    command.add_argument("--dry-run", action="store_true", help="shfaq procesverbalin në ekran dhe nuk shkruan asgjë")
    _add_content_option(command)
    command.set_defaults(run=run_import)


def run_import(arguments: argparse.Namespace) -> int:
    """Import every file; 0 when all became records, 1 when any could not, 2 on a wrong option."""
    content_dir = Path(arguments.content)
    refdata = _reference_data(content_dir)
    options = ImportOptions(arguments.source_url, arguments.prefecture, arguments.date, arguments.kind, arguments.title)
    check_options(options, refdata)
    run = ImportRun(options, refdata, content_dir, arguments.dry_run, Progress(len(arguments.files)))
    failed = 0
    for name in arguments.files:
        failed += not run.one(Path(name))
        run.progress.step(name)
    if len(arguments.files) > 1:
        done = len(arguments.files) - failed
        run.progress.say(f"Importimi: {done} nga {len(arguments.files)} skedarë u kthyen në procesverbale.")
    return 1 if failed else 0


class ImportRun:
    """One `krat import`: the options, where records go, and the records already there (to refuse a meeting
    that is already recorded, as `krat check` would)."""

    def __init__(self, options, refdata: ReferenceData, content_dir: Path, dry_run: bool, progress):
        self.options, self.refdata, self.dry_run, self.progress = options, refdata, dry_run, progress
        self.content_dir, self.shown_root = content_dir, shown_path(content_dir)
        self.existing = load_records(content_dir, self.shown_root, refdata)[0]

    def one(self, path: Path) -> bool:
        """Import one file: print it (dry run) or create it; False after saying why it could not."""
        try:
            result = import_text(path.read_bytes(), path.name, self.options, self.refdata)
        except OSError as error:
            return self.fail(f"{path}: nuk lexohet ({error.strerror})")
        except ImportFailed as error:
            return self.fail(str(error))
        for notice in result.notices:
            self.progress.say(f"Shënim: {notice}")
        record, problems = check_text(result.text, result.src_uri, self.shown_root, self.refdata)
        if problems:  # never expected: the importer writes only what the checker accepts
            return self.fail(f"{path.name}: rezultati nuk kalon kontrollin\n{format_problems(problems)}")
        if self.dry_run:
            for other in self.same_meeting(record):
                self.progress.say(f"Kujdes: {path.name}: ky takim është regjistruar tashmë te {other}")
            sys.stdout.write(result.text)
            return True
        return self.write(path, record, result)

    def same_meeting(self, record) -> list[str]:
        """Paths of existing records that `krat check` would call the same meeting (prefecture, date, title)."""
        return [
            f"{self.shown_root}/{other.src_uri}"
            for other in self.existing
            if find_duplicates([other, record], self.shown_root)
        ]

    def write(self, path: Path, record, result) -> bool:
        target = self.content_dir / result.src_uri
        if target.exists():
            return self.fail(f"{path.name}: {shown_path(target)} ekziston tashmë; nuk mbishkruhet. {SAME_DAY_HINT}")
        same = self.same_meeting(record)
        if same:
            return self.fail(f"{path.name}: nuk u shkrua: ky takim është regjistruar tashmë te {same[0]}")
        create_file(target, result.text)
        self.existing.append(record)
        print(f"{path.name} → {shown_path(target)} (vlera për të kontrolluar: {result.doubts}; shihni 'verify')")
        return True

    def fail(self, message: str) -> bool:
        self.progress.say(f"krat import: {message}")
        return False


class Progress:
    """A one-line text progress bar on stderr when many files are imported; messages print above it."""

    WIDTH = 24

    def __init__(self, total: int):
        self.total = total
        self.done = 0
        self.live = total > 1 and sys.stderr.isatty()

    def say(self, message: str) -> None:
        if self.live:
            sys.stderr.write("\r\033[K")
        print(message, file=sys.stderr, flush=True)

    def step(self, name: str) -> None:
        self.done += 1
        if self.total < 2:
            return
        filled = self.WIDTH * self.done // self.total
        bar = f"[{'#' * filled}{'-' * (self.WIDTH - filled)}] {self.done}/{self.total} {name}"
        if self.live:
            sys.stderr.write("\r\033[K" + bar + ("\n" if self.done == self.total else ""))
            sys.stderr.flush()
        else:
            print(bar, file=sys.stderr)


# --- krat schema ------------------------------------------------------------------------------------------


def add_schema_command(commands) -> None:
    schema = commands.add_parser(
        "schema",
        help="shkruan skemat JSON të fushave dhe fragmentet (snippets) për VS Code",
        description="Nga fushat që kontrollon ndërtimi dhe nga kodet e content/_data/ shkruan një skemë JSON për "
        "procesverbalet, planet, artikujt, kontaktet dhe fushatat, dhe fragmentet e VS Code për front-matter-in e "
        "skedarëve .md. Jepeni përsëri sa herë ndryshojnë fushat ose content/_data/. Me --check nuk shkruan asgjë: "
        "del me 1 kur skedarët nuk janë të përditësuar.",
    )
    schema.add_argument(
        "--output", default=SCHEMAS_DIR, metavar="DOSJA", help=f"dosja e skemave (parazgjedhje: {SCHEMAS_DIR})"
    )
    schema.add_argument(
        "--snippets",
        default=SNIPPETS_PATH,
        metavar="SKEDARI",
        help=f"skedari i fragmenteve (parazgjedhje: {SNIPPETS_PATH})",
    )
    schema.add_argument(
        "--editor",
        default=EDITOR_CONFIG,
        metavar="SKEDARI",
        help=f"konfigurimi i redaktorit në shfletues (parazgjedhje: {EDITOR_CONFIG})",
    )
    schema.add_argument("--check", action="store_true", help="vetëm kontrollo që skedarët janë të përditësuar")
    _add_content_option(schema)
    schema.set_defaults(run=run_schema)


def run_schema(arguments: argparse.Namespace) -> int:
    """Write (or with --check compare) the schemas and snippets; say which files changed or are out of date."""
    refdata = _reference_data(Path(arguments.content))
    files = {Path(arguments.output) / name: text for name, text in render_schemas(refdata).items()}
    files[Path(arguments.snippets)] = render_snippets(refdata)
    editor = Path(arguments.editor)
    try:
        backend = read_backend(editor.parent / BACKEND_FILE)
    except ValueError as error:
        raise CommandFailed(f"krat schema: {error}", 2) from None
    files[editor] = render_editor_config(refdata, backend)
    if arguments.check:
        stale = stale_files(files)
        for path in stale:
            print(
                f"krat schema: {shown_path(path)} nuk është i përditësuar; jepni: .venv/bin/krat schema",
                file=sys.stderr,
            )
        return 1 if stale else 0
    changed = write_files(files)
    for path in files:
        print(f"{'U shkrua' if path in changed else 'Pa ndryshim'}: {shown_path(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
