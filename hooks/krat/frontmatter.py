"""Read a content file: bytes → UTF-8 text → front-matter (YAML, with the line of every value) and body.

We parse front-matter ourselves instead of using MkDocs' reader, which silently drops a page's metadata on a YAML
error. Timestamps are not resolved (dates stay text, checked by the schema) and every key and list item keeps
its line number, so each problem can point at the exact line.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from krat.inventory import markdown_in
from krat.parallel import map_in_two
from krat.problems import Problem

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"

# English PyYAML messages, as Albanian explanations staff can act on.
YAML_MESSAGES = {
    "mapping values are not allowed in this context": "':' në vend të papritur; një vlerë që përmban ':' "
    "vendoseni në thonjëza",
    "could not find expected ':'": "mungon ':' pas emrit të fushës",
    "found character that cannot start any token": "karakter që nuk lejohet këtu (TAB, @ ose `); përdorni "
    "hapësira ose vendoseni vlerën në thonjëza",
    "found unexpected end of stream": "thonjëzat nuk mbyllen",
    "found undefined alias": "'*' në fillim të vlerës; vendoseni vlerën në thonjëza",
    "did not find expected ',' or ']'": "lista '[ ... ]' nuk mbyllet ose mungon ',' midis elementeve",
    "did not find expected ',' or '}'": "grupi '{ ... }' nuk mbyllet ose mungon ',' midis fushave",
    "did not find expected '-' indicator": "dhëmbëzimi i listës nuk përputhet; çdo element nis me '- ' "
    "në të njëjtën kolonë",
    "did not find expected key": "dhëmbëzimi nuk përputhet; fushat e të njëjtit nivel nisin në të njëjtën kolonë",
}


class _Loader(yaml.CSafeLoader):
    """libyaml's safe loader (ten times faster than the pure-Python one), leaving dates as text so the schema
    can check them and report bad ones itself."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Document:
    """A content file split into parsed front-matter and Markdown body, with line numbers."""

    path: str
    data: dict
    lines: dict[tuple, int] = field(default_factory=dict)
    scalars: dict[tuple, yaml.ScalarNode] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    text: str = ""

    def line(self, *keys) -> int:
        """Line of the value at `keys` (e.g. ('topics', 2)), falling back to its nearest parent, then line 1."""
        while keys:
            if keys in self.lines:
                return self.lines[keys]
            keys = keys[:-1]
        return 1


def read_document(path: Path, shown_path: str, optional: bool = False) -> tuple[Document | None, list[Problem]]:
    """Read `path`; return the document, or None and the problems that prevent reading it. With `optional`
    (hand-written pages), a file that does not start with '---' is all body, with no front-matter."""
    raw = path.read_bytes()
    text, problem = _decode(raw, shown_path)
    if problem:
        return None, [problem]
    if not text.strip():
        return None, [Problem(shown_path, 1, "skedari", "skedari është bosh; duhet të nisë me front-matter '---'")]
    lines = text.split("\n")
    if optional and lines[0].strip() != "---":
        return Document(shown_path, {}, body=text, body_line=1, text=text), []
    if lines[0].strip() != "---":
        message = "mungon; skedari duhet të nisë me një rresht '---', pastaj fushat, pastaj '---'"
        return None, [Problem(shown_path, 1, "front-matter", message)]
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        message = "nuk mbyllet; shtoni një rresht '---' pas fushave, para tekstit"
        return None, [Problem(shown_path, 1, "front-matter", message)]
    document = Document(shown_path, {}, body="\n".join(lines[end + 1 :]), body_line=end + 2, text=text)
    problems = parse_yaml("\n".join(lines[1:end]), document, first_line=2)
    return (None if problems else document), problems


def _decode(raw: bytes, shown_path: str) -> tuple[str, Problem | None]:
    """Decode UTF-8 (a BOM is allowed) and unify line endings; report the line of the first bad byte."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = "skedari nuk është në UTF-8; ruajeni si 'UTF-8' në redaktues (p.sh. Notepad: Ruaj si → UTF-8)"
        return "", Problem(shown_path, line, "skedari", message)
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def parse_yaml(text: str, document: Document, first_line: int) -> list[Problem]:
    """Parse `text` into `document.data` with line numbers; `first_line` is the file line of text's first line."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        return [Problem(document.path, line, "YAML", _yaml_message(error))]
    except yaml.YAMLError as error:  # e.g. a control character: libyaml's reader gives a position, no line
        line = first_line + text[: getattr(error, "position", 0)].count("\n")
        return [Problem(document.path, line, "YAML", "karakter i palejuar (kontrolli) në tekst; fshijeni")]
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return [Problem(document.path, first_line, "front-matter", "duhet të jetë një listë fushash 'emër: vlerë'")]
    document.data = data
    return _index_lines(node, (), document, first_line)


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    problem = (error.problem or "").strip()
    albanian = YAML_MESSAGES.get(problem)
    if albanian:
        return f"gabim sintakse: {albanian}"
    return f"gabim sintakse YAML ({problem or error.context}); kontrolloni dhëmbëzimin, ':' dhe thonjëzat"


def _index_lines(node: yaml.Node, keys: tuple, document: Document, first_line: int) -> list[Problem]:
    """Record the line of every mapping key and list item below `node`; report keys given twice."""
    problems = []
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            here = keys + (key_node.value,)
            line = first_line + key_node.start_mark.line
            if key_node.value in seen:
                message = "jepet dy herë; mbani vetëm njërën"
                problems.append(Problem(document.path, line, ".".join(map(str, here)), message))
            seen.add(key_node.value)
            document.lines[here] = line
            problems += _index_lines(value_node, here, document, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            document.lines[keys + (index,)] = first_line + item.start_mark.line
            problems += _index_lines(item, keys + (index,), document, first_line)
    elif isinstance(node, yaml.ScalarNode):
        document.scalars[keys] = node
    return problems


def read_data_file(path: Path, shown_path: str) -> tuple[Document | None, list[Problem]]:
    """Read a whole YAML data file (e.g. `content/_data/contacts.yml`) with the line of every value, so the
    schema can check it like front-matter; None and the problems when it is missing or cannot be read."""
    if not path.exists():
        return None, [Problem(shown_path, 1, "skedari", "mungon skedari i të dhënave")]
    text, problem = _decode(path.read_bytes(), shown_path)
    if problem:
        return None, [problem]
    document = Document(shown_path, {})
    problems = parse_yaml(text, document, first_line=1)
    return (None if problems else document), problems


def load_folder(content_dir: Path, folder: str, shown_root: str, load_one, refdata) -> tuple[list, list[Problem]]:
    """Run `load_one(path, src_uri, shown_path, refdata)` on every Markdown file under `content/<folder>/` except
    the folder's own hand-written `index.md`; return what loaded and every problem of every file. The files are
    shared between two cores (krat.parallel); what loads points at the reference data's own objects."""
    where = []
    for path in markdown_in(content_dir / folder):
        src_uri = path.relative_to(content_dir).as_posix()
        if src_uri != f"{folder}/index.md":
            where.append((path, src_uri, f"{shown_root}/{src_uri}"))
    items, problems = [], []
    for item, found in map_in_two(lambda place: load_one(*place, refdata), where, refdata.objects()):
        items += [item] if item else []
        problems += found
    return items, problems
