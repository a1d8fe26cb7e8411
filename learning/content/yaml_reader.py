"""Reading content files: Markdown with YAML front matter, and YAML files whose mappings and
lists remember the line of every key and item, so that every problem is reported as
``path:line``.

Only PyYAML's safe loader is used, so tags such as ``!!python/object`` are errors rather than
code. Anchors and aliases are refused outright: content never needs them and they are the
vehicle of "billion laughs" documents that exhaust memory when walked.

Quiz files are nested several levels deep; reporting the third choice of the fifth question
needs the line of that exact item: ``LocatedLoader`` builds ``LocatedDict``/``LocatedList``
instead of dict/list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from learning.content.problems import ProblemList

# libyaml's C parser when PyYAML was built with it (it is ~10x faster on long quiz files);
# both are safe loaders: no Python object tags.
FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 512 * 1024


@dataclass
class Document:
    """A parsed file: its front matter, where each key stands, and the Markdown body."""

    path: Path
    data: dict[str, Any]
    key_lines: dict[str, int]
    body: str
    body_line: int
    raw: bytes
    item_lines: dict[tuple[str, int], int] = field(default_factory=dict)

    def line_of(self, key: str, index: int | None = None) -> int:
        if index is not None and (key, index) in self.item_lines:
            return self.item_lines[(key, index)]
        return self.key_lines.get(key, 1)


def read_text(path: Path, problems: ProblemList) -> tuple[str, bytes] | None:
    """The file's text (BOM stripped, newlines normalised), or None after reporting why not."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        problems.add(path, 1, "unreadable", f"cannot read file: {error.strerror}")
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.add(path, 1, "too-large", f"file is larger than {MAX_FILE_BYTES // 1024} KiB")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.add(path, line, "encoding", "file is not valid UTF-8")
        return None
    if "\x00" in text:
        problems.add(path, text[: text.index("\x00")].count("\n") + 1, "encoding", "NUL byte")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n"), raw


def _report_yaml_error(
    error: yaml.YAMLError, path: Path, first_line: int, problems: ProblemList
) -> None:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    reason = getattr(error, "problem", None) or str(error).splitlines()[0]
    problems.add(
        path, first_line + (mark.line if mark else 0), "yaml-syntax", f"invalid YAML: {reason}"
    )


def _has_anchor(text: str, path: Path, first_line: int, problems: ProblemList) -> bool:
    """Report the first anchor or alias (parsing events only: nothing is built yet)."""
    for event in yaml.parse(text, Loader=FAST_SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            line = first_line + event.start_mark.line
            problems.add(path, line, "yaml-anchor", "anchors and aliases are not allowed")
            return True
    return False


def parse_yaml(text: str, path: Path, first_line: int, problems: ProblemList) -> Any:
    """Parse YAML safely; returns the data and its root node, or (None, None) after a problem."""
    try:
        if _has_anchor(text, path, first_line, problems):
            return None, None
        node = yaml.compose(text, Loader=FAST_SAFE_LOADER)
        data = yaml.load(text, Loader=FAST_SAFE_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        _report_yaml_error(error, path, first_line, problems)
        return None, None
    return data, node


def key_lines_of(node: Any, first_line: int) -> tuple[dict[str, int], dict[tuple[str, int], int]]:
    """Line of every top-level key, and of every item of top-level lists."""
    keys: dict[str, int] = {}
    items: dict[tuple[str, int], int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            name = str(key_node.value)
            keys[name] = first_line + key_node.start_mark.line
            if isinstance(value_node, yaml.SequenceNode):
                for index, item in enumerate(value_node.value):
                    items[(name, index)] = first_line + item.start_mark.line
    return keys, items


def read_document(path: Path, problems: ProblemList) -> Document | None:
    """Read a Markdown file that starts with ``---`` front matter ``---``."""
    loaded = read_text(path, problems)
    if loaded is None:
        return None
    text, raw = loaded
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.add(path, 1, "front-matter", "file must start with a '---' line of front matter")
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        problems.add(path, 1, "front-matter", "front matter has no closing '---' line")
        return None
    yaml_text = "\n".join(lines[1:end])
    data, node = parse_yaml(yaml_text, path, 2, problems)
    if node is None and data is None:
        if not yaml_text.strip():
            problems.add(path, 1, "front-matter", "front matter is empty")
        return None
    if not isinstance(data, dict):
        problems.add(path, 2, "front-matter", "front matter must be a mapping of keys to values")
        return None
    keys, items = key_lines_of(node, 2)
    body = "\n".join(lines[end + 1 :])
    return Document(path, data, keys, body, end + 2, raw, items)


def read_yaml_file(path: Path, problems: ProblemList) -> Document | None:
    """Read a plain YAML file (no Markdown body) into a Document."""
    loaded = read_text(path, problems)
    if loaded is None:
        return None
    text, raw = loaded
    data, node = parse_yaml(text, path, 1, problems)
    if data is None and node is None:
        return None
    if not isinstance(data, dict):
        problems.add(path, 1, "yaml-shape", "file must be a mapping of keys to values")
        return None
    keys, items = key_lines_of(node, 1)
    return Document(path, data, keys, "", 0, raw, items)


class LocatedDict(dict):
    line: int = 1
    key_lines: dict[str, int]


class LocatedList(list):
    line: int = 1
    item_lines: list[int]


class LocatedLoader(FAST_SAFE_LOADER):
    """Safe loader whose mappings and sequences carry 1-based line numbers."""


def _construct_mapping(loader: LocatedLoader, node: yaml.MappingNode):
    data = LocatedDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    yield data
    data.update(loader.construct_mapping(node, deep=True))


def _construct_sequence(loader: LocatedLoader, node: yaml.SequenceNode):
    data = LocatedList()
    data.line = node.start_mark.line + 1
    data.item_lines = [item.start_mark.line + 1 for item in node.value]
    yield data
    data.extend(loader.construct_sequence(node, deep=True))


LocatedLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
LocatedLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


class Located:
    """A mapping seen through the interface ``schema.check`` expects (path, data, line_of)."""

    def __init__(self, path: Path, data: LocatedDict) -> None:
        self.path = path
        self.data = data

    @property
    def line(self) -> int:
        return getattr(self.data, "line", 1)

    def line_of(self, key: str, index: int | None = None) -> int:
        value = self.data.get(key)
        if index is not None and isinstance(value, LocatedList) and index < len(value.item_lines):
            return value.item_lines[index]
        return getattr(self.data, "key_lines", {}).get(key, self.line)


def load_located_yaml(path: Path, problems: ProblemList) -> tuple[Any, str] | None:
    """Parse a YAML file into located containers; returns (data, raw text) or None."""
    loaded = read_text(path, problems)
    if loaded is None:
        return None
    text, _raw = loaded
    try:
        if _has_anchor(text, path, 1, problems):
            return None
        return yaml.load(text, Loader=LocatedLoader), text  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        _report_yaml_error(error, path, 1, problems)
        return None
