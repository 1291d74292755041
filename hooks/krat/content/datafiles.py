"""Data files in `content/_data/` that staff edit like content (contacts, campaign days): read with the line of
every value and checked against a schema field list, so a mistake is reported as `path:line: field: ...`.
"""

from pathlib import Path

from krat.content.frontmatter import Document, guarded, read_data_file
from krat.content.problems import Problem
from krat.content.refdata import ReferenceData
from krat.content.schema import Field, validate_fields


def load_entries(
    data_dir: Path, shown_dir: str, filename: str, fields: list[Field], refdata: ReferenceData
) -> tuple[list[dict], Document | None, list[Problem]]:
    """The entries of the list under the file's one top-level key (`fields[0]`), the document (for lines) and
    every problem; no entries at all when anything is wrong, so nothing is half-loaded. An unexpected failure
    is a problem naming the file (`guarded`), not a traceback."""
    shown = f"{shown_dir}/{filename}"
    loaded, problems = guarded(shown, _read_entries, data_dir / filename, shown, fields, refdata)
    entries, document = loaded or ([], None)
    return entries, document, problems


def _read_entries(path: Path, shown: str, fields: list[Field], refdata: ReferenceData) -> tuple:
    """((entries, document), problems) for `load_entries`; None instead of the pair when the file cannot be read."""
    document, problems = read_data_file(path, shown)
    if document is None:
        return None, problems
    values, problems = validate_fields(document, fields, refdata)
    if problems:
        return ([], document), problems
    return (values[fields[0].name], document), []
