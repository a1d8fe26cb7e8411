"""YAML mappings and lists that remember the line of every key and item.

Quiz files are nested several levels deep; reporting ``path:line`` for a problem in the third
choice of the fifth question needs the line of that exact item. ``LocatedLoader`` is PyYAML's
SafeLoader (no arbitrary tags) building ``LocatedDict``/``LocatedList`` instead of dict/list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from learning.content.frontmatter import read_text
from learning.content.problems import ProblemList


class LocatedDict(dict):
    line: int = 1
    key_lines: dict[str, int]


class LocatedList(list):
    line: int = 1
    item_lines: list[int]


# libyaml's C parser when PyYAML was built with it (it is ~10x faster on long quiz files);
# both are safe loaders: no Python object tags.
FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
        for event in yaml.parse(text, Loader=FAST_SAFE_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                problems.add(
                    path,
                    event.start_mark.line + 1,
                    "yaml-anchor",
                    "anchors and aliases are not allowed",
                )
                return None
        return yaml.load(text, Loader=LocatedLoader), text  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        problems.add(path, (mark.line + 1) if mark else 1, "yaml-syntax", f"invalid YAML: {reason}")
        return None
