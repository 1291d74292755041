"""Read a content file: bytes → UTF-8 text → front-matter (YAML, with the line of every value) and body.

We parse front-matter ourselves instead of using MkDocs' reader, which silently drops a page's metadata on a YAML
error. Timestamps are not resolved (dates stay text, checked by the schema) and every key and list item keeps
its line number, so each problem can point at the exact line.

Every byte under content/ is untrusted, so reading refuses, with its line, whatever could crash or mislead the
build: a file over 1 MB (seen before it is read whole), invisible characters (controls, bidirectional overrides)
in the file or made by a YAML escape, YAML anchors, aliases, tags and merge keys, and values nested deeper or
more numerous than any schema needs. The YAML nodes are built here from libyaml's events one at a time
(`_compose`), so those rules hold before anything is built. Any other exception while loading one file becomes
a problem naming that file (`guarded`), never a traceback.
"""

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from krat.content.inventory import markdown_in
from krat.content.problems import Problem

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
MERGE_TAG = "tag:yaml.org,2002:merge"
STRING_TAG = "tag:yaml.org,2002:str"
NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}

MAX_FILE_BYTES = 2**20  # 1 MB: 200 times the largest content file today (5 KB); no more is ever read
# Lists and mappings inside one another, the top-level mapping counting as one. The schemas need 4 (a plan's
# `tasks` → one task → its `partners`; `contacts` → one contact → its `source`); twice that still lets the schema
# explain a value nested a level or two too deep, and keeps every walk over the values a few calls deep.
MAX_DEPTH = 8
MAX_VALUES = 10_000  # keys, list items and values of one file: the largest plan today has about 180
MAX_REPORTED = 10  # lines with invisible characters reported per file
# A longer "number" stays text, as written: 5,000 digits would make an int Python refuses to print, and 100,000
# '1:0:0...' (base 60) an int that takes seconds to compute. Phone numbers, years and ids are far shorter.
MAX_NUMBER_CHARS = 32
# Invisible characters: C0 controls except tab, line feed and carriage return (line endings are unified first),
# DEL, C1 controls, the non-characters U+FFFE and U+FFFF, and the bidirectional embeddings, overrides and isolates,
# which show a text in another order than it is read. Also the line and paragraph separators U+2028 and U+2029:
# YAML counts them as line breaks and editors do not, so every line number after one would be wrong.
INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")

ALIAS_MESSAGE = (
    "ankorat dhe pseudonimet e YAML (&, *) nuk lejohen; shkruani vlerën e plotë "
    "(një tekst që nis me '&' ose '*' vendoseni në thonjëza)"
)
TAG_MESSAGE = (
    "etiketat e YAML ('!', '!!') nuk lejohen; shkruani vetëm vlerën (një tekst që nis me '!' vendoseni në thonjëza)"
)
MERGE_MESSAGE = "çelësi '<<' i YAML (bashkimi i fushave) nuk lejohet; shkruani çdo fushë veç e veç"
DEPTH_MESSAGE = (
    f"vlerat janë futur njëra brenda tjetrës më thellë se {MAX_DEPTH} nivele; asnjë fushë nuk ka nevojë për kaq, "
    "kontrolloni dhëmbëzimin dhe kllapat '[' e '{'"
)
VALUES_MESSAGE = f"më shumë se {MAX_VALUES} vlera në një skedar; ndajeni në disa skedarë"
DOCUMENTS_MESSAGE = "më shumë se një dokument YAML (një rresht '---' në mes); mbani vetëm një"

# English PyYAML messages, as Albanian explanations staff can act on.
YAML_MESSAGES = {
    "mapping values are not allowed in this context": "':' në vend të papritur; një vlerë që përmban ':' "
    "vendoseni në thonjëza",
    "could not find expected ':'": "mungon ':' pas emrit të fushës",
    "found character that cannot start any token": "karakter që nuk lejohet këtu (TAB, @ ose `); përdorni "
    "hapësira ose vendoseni vlerën në thonjëza",
    "found unexpected end of stream": "thonjëzat nuk mbyllen",
    "did not find expected alphabetic or numeric character": "'&' ose '*' në fillim të vlerës; vendoseni vlerën "
    "në thonjëza",
    "did not find expected ',' or ']'": "lista '[ ... ]' nuk mbyllet ose mungon ',' midis elementeve",
    "did not find expected ',' or '}'": "grupi '{ ... }' nuk mbyllet ose mungon ',' midis fushave",
    "did not find expected '-' indicator": "dhëmbëzimi i listës nuk përputhet; çdo element nis me '- ' "
    "në të njëjtën kolonë",
    "did not find expected key": "dhëmbëzimi nuk përputhet; fushat e të njëjtit nivel nisin në të njëjtën kolonë",
}


class _Loader(yaml.CSafeLoader):
    """libyaml's safe loader (ten times faster than the pure-Python one), leaving dates as text so the schema
    can check them and report bad ones itself, and '<<' as a plain key (YAML would merge another mapping in)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (TIMESTAMP_TAG, MERGE_TAG)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# The events that stand for a value: a scalar, the start of a list or mapping, an alias to an anchored value.
NODE_EVENTS = {yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent}


class Refused(Exception):
    """YAML that is valid but not accepted in content (an alias, a tag, too deep...), at `mark`."""

    def __init__(self, mark: yaml.Mark, message: str):
        super().__init__(message)
        self.line = mark.line
        self.message = message


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
    text, problems = read_text(path, shown_path)
    if text is None:
        return None, problems
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


def read_text(path: Path, shown_path: str) -> tuple[str | None, list[Problem]]:
    """The text of `path` with unified line endings; or None and the problems that stop it being read: larger than
    MAX_FILE_BYTES (no more than that is read), not UTF-8, or holding invisible characters. A symlink is never
    followed: it could point anywhere on the machine (krat.content.inventory reports it too)."""
    if path.is_symlink():
        return None, [
            Problem(shown_path, 1, "skedari", "lidhje simbolike (symlink) nuk lejohet; vendosni vetë skedarin")
        ]
    with path.open("rb") as file:
        raw = file.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            size = max(len(raw), os.fstat(file.fileno()).st_size)
            message = (
                f"skedari është shumë i madh ({size // 1024} KB); lejohen deri në {MAX_FILE_BYTES // 1024} KB "
                "(1 MB): ndajeni në disa skedarë"
            )
            return None, [Problem(shown_path, 1, "skedari", message)]
    text, problem = _decode(raw, shown_path)
    if problem:
        return None, [problem]
    problems = _invisible_characters(text, shown_path)
    return (None, problems) if problems else (text, [])


def _decode(raw: bytes, shown_path: str) -> tuple[str, Problem | None]:
    """Decode UTF-8 (a BOM is allowed) and unify line endings; report the line of the first bad byte."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = len(re.split(rb"\r\n?|\n", raw[: error.start]))  # counted as the decoded text would count it
        message = "skedari nuk është në UTF-8; ruajeni si 'UTF-8' në redaktues (p.sh. Notepad: Ruaj si → UTF-8)"
        return "", Problem(shown_path, line, "skedari", message)
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def _invisible_characters(text: str, shown_path: str) -> list[Problem]:
    """One problem for each line holding an invisible character (naming the line's first one), for the first
    MAX_REPORTED such lines: they can hide text from whoever reviews the file, and NUL or ESC would travel on
    into pages, feeds and CSV files."""
    problems, line, position = [], 1, 0
    while len(problems) < MAX_REPORTED and (found := INVISIBLE.search(text, position)):
        line += text.count("\n", position, found.start())
        problems.append(Problem(shown_path, line, "skedari", _invisible_message(found.group())))
        position = text.find("\n", found.start())
        if position < 0:
            break
    return problems


def _invisible_message(character: str, escaped: bool = False) -> str:
    how = " (shkruar me '\\' brenda thonjëzave)" if escaped else ""
    return f"karakteri i padukshëm U+{ord(character):04X}{how} nuk lejohet; fshijeni"


def parse_yaml(text: str, document: Document, first_line: int) -> list[Problem]:
    """Parse `text` into `document.data` with line numbers; `first_line` is the file line of text's first line."""
    loader = _Loader(text)
    try:
        node = _compose(loader)
        data = loader.construct_document(node) if node is not None else {}
    except Refused as refused:
        return [Problem(document.path, _file_line(text, first_line, refused.line), "YAML", refused.message)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = _file_line(text, first_line, mark.line if mark else 0)
        return [Problem(document.path, line, "YAML", _yaml_message(error))]
    except yaml.YAMLError as error:  # libyaml's reader (a character it refuses, if any got past): no line, a position
        line = _file_line(text, first_line, text[: getattr(error, "position", 0)].count("\n"))
        return [Problem(document.path, line, "YAML", "karakter i palejuar (kontrolli) në tekst; fshijeni")]
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return [Problem(document.path, first_line, "front-matter", "duhet të jetë një listë fushash 'emër: vlerë'")]
    document.data = data
    return _index_lines(node, (), document, first_line)


def _file_line(text: str, first_line: int, line: int) -> int:
    """The file line of `text`'s 0-based `line`, kept on a line the file has: libyaml puts the end of a text that
    does not end with a line break on the line after it."""
    return max(1, first_line + min(line, text.count("\n")))


def _compose(loader: _Loader) -> yaml.Node | None:
    """The document's nodes, built from libyaml's events one at a time, as PyYAML's composer would build them but
    without recursion (libyaml's composer recurses in C once per level: a list nested 100,000 deep crashes the
    process) and checking each event before reading the next: so an alias bomb, a deep nesting or a flood of
    values is refused after a few events, never expanded. None for a document with no values."""
    root, open_nodes, values, documents = None, [], 0, 0
    while (kind := type(event := loader.get_event())) is not yaml.StreamEndEvent:
        if kind in NODE_EVENTS:
            values += 1
            if values > MAX_VALUES:
                raise Refused(event.start_mark, VALUES_MESSAGE)
            node = _node(event, kind, loader)
            if open_nodes:
                _add(open_nodes[-1], node)
            else:
                root = node
            if kind is not yaml.ScalarEvent:
                open_nodes.append([node, None])
                if len(open_nodes) > MAX_DEPTH:
                    raise Refused(event.start_mark, DEPTH_MESSAGE)
        elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
            open_nodes.pop()[0].end_mark = event.end_mark
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise Refused(event.start_mark, DOCUMENTS_MESSAGE)
    return root


def _node(event: yaml.NodeEvent, kind: type, loader: _Loader) -> yaml.Node:
    """The node an event opens, with its tag resolved as the loader would (but an over-long number is text); an
    anchor, alias or tag is refused."""
    if kind is yaml.AliasEvent or event.anchor is not None:
        raise Refused(event.start_mark, ALIAS_MESSAGE)
    if event.tag is not None:
        raise Refused(event.start_mark, TAG_MESSAGE)
    if kind is yaml.ScalarEvent:
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag in NUMBER_TAGS and len(event.value) > MAX_NUMBER_CHARS:
            tag = STRING_TAG
        return yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    node_kind = yaml.SequenceNode if kind is yaml.SequenceStartEvent else yaml.MappingNode
    return node_kind(loader.resolve(node_kind, None, event.implicit), [], event.start_mark, None, event.flow_style)


def _add(parent: list, node: yaml.Node) -> None:
    """Put `node` into the open collection `parent`, a [node, key waiting for its value] pair. A plain '<<' key
    is refused: YAML would merge another mapping in."""
    collection, key = parent
    if isinstance(collection, yaml.SequenceNode):
        collection.value.append(node)
    elif key is not None:
        collection.value.append((key, node))
        parent[1] = None
    elif isinstance(node, yaml.ScalarNode) and node.value == "<<" and not node.style:
        raise Refused(node.start_mark, MERGE_MESSAGE)
    else:
        parent[1] = node


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    problem = (error.problem or "").strip()
    albanian = YAML_MESSAGES.get(problem)
    if albanian:
        return f"gabim sintakse: {albanian}"
    return f"gabim sintakse YAML ({problem or error.context}); kontrolloni dhëmbëzimin, ':' dhe thonjëzat"


def _index_lines(node: yaml.Node, keys: tuple, document: Document, first_line: int) -> list[Problem]:
    """Record the line of every mapping key and list item below `node`; report keys given twice and invisible
    characters that a YAML escape put into a key or value."""
    problems = []
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            here = keys + (key_node.value,)
            line = first_line + key_node.start_mark.line
            escaped = _escaped_invisible(key_node, here, document.path, first_line)
            if escaped:
                problems += escaped
                continue
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
        problems += _escaped_invisible(node, keys, document.path, first_line)
    return problems


def _escaped_invisible(node: yaml.ScalarNode, keys: tuple, shown_path: str, first_line: int) -> list[Problem]:
    """A double-quoted scalar is the only one whose escapes ("\\0", "\\x1b", "\\u202e") can make characters the
    file does not hold; refuse an invisible one, naming the field (the character itself is never printed)."""
    found = INVISIBLE.search(node.value) if node.style == '"' else None
    if not found:
        return []
    name = ".".join(INVISIBLE.sub("?", key) for key in keys if isinstance(key, str)) or "YAML"
    message = _invisible_message(found.group(), escaped=True)
    return [Problem(shown_path, first_line + node.start_mark.line, name, message)]


def read_data_file(path: Path, shown_path: str) -> tuple[Document | None, list[Problem]]:
    """Read a whole YAML data file (e.g. `content/_data/contacts.yml`) with the line of every value, so the
    schema can check it like front-matter; None and the problems when it is missing or cannot be read."""
    if not path.exists():
        return None, [Problem(shown_path, 1, "skedari", "mungon skedari i të dhënave")]
    text, problems = read_text(path, shown_path)
    if text is None:
        return None, problems
    document = Document(shown_path, {})
    problems = parse_yaml(text, document, first_line=1)
    return (None if problems else document), problems


def read_list(path: Path, shown_path: str) -> tuple[Document | None, list, list[Problem]]:
    """Read a data file that is one YAML list (`- slug: ...`), with the hardened reader: the document (its values
    under the key 'entries', for `Document.line`), the list, and the problems that stop it being read."""
    text, problems = read_text(path, shown_path)
    if text is None:
        return None, [], problems
    document = Document(shown_path, {})
    problems = parse_yaml("entries:\n" + text, document, first_line=0)
    entries = document.data.get("entries") or []
    if not isinstance(entries, list):  # e.g. an indented text, read as one value of the key added above
        return None, [], [Problem(shown_path, 1, "skedari", "duhet të jetë një listë elementesh, secili nis me '- '")]
    return document, entries, problems


def guarded(shown_path: str, load: Callable, *args) -> tuple:
    """`load(*args)`, a loader of one file returning (what loaded or None, its problems), with any unexpected
    exception turned into a problem naming the file: one hostile file must not stop the build with a traceback
    that hides every other problem. Only `Exception`s: KeyboardInterrupt and SystemExit still stop the build."""
    try:
        return load(*args)
    except Exception as error:
        message = f"skedari nuk u lexua: gabim i papritur ({type(error).__name__}); njoftoni mirëmbajtësin"
        return None, [Problem(shown_path, 1, "skedari", message)]


def load_folder(content_dir: Path, folder: str, shown_root: str, load_one, refdata) -> tuple[list, list[Problem]]:
    """Run `load_one(path, src_uri, shown_path, refdata)` on every Markdown file under `content/<folder>/` except
    the folder's own hand-written `index.md`; return what loaded and every problem of every file (an unexpected
    failure on one file is one of its problems, `guarded`)."""
    where = []
    for path in markdown_in(content_dir / folder):
        src_uri = path.relative_to(content_dir).as_posix()
        if src_uri != f"{folder}/index.md":
            where.append((path, src_uri, f"{shown_root}/{src_uri}"))
    items, problems = [], []
    for place in where:
        item, found = guarded(place[2], load_one, *place, refdata)
        items += [item] if item else []
        problems += found
    return items, problems
