"""Course-wide data files beside the modules: learning paths, glossary and resources.

Each is optional for a content tree (test fixtures may have none); each is validated with the
same ``path:line: code message`` reporting as lessons and quizzes. A path that names a module
that is missing or held back is left out, so it never shows a hole.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from learning.content import schema
from learning.content.problems import ProblemList
from learning.content.schema import Field
from learning.content.sources import SourceDocument, SourceRef
from learning.content.yaml_reader import Located, load_located_yaml
from learning.geography.regions import REGIONS

INSTRUMENT_KINDS = ("treaty", "guidelines", "policy", "framework", "report", "tool")


@dataclass(frozen=True)
class LearningPath:
    slug: str
    title: str
    audience: str
    summary: str
    modules: tuple[str, ...]


@dataclass(frozen=True)
class GlossaryTerm:
    slug: str
    term: str
    aliases: tuple[str, ...]
    definition: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Instrument:
    title: str
    kind: str
    date: str | None
    summary: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Practice:
    region: str
    country: str | None
    title: str
    summary: str
    sources: tuple[SourceRef, ...]


PATH_FIELDS = {
    "slug": Field("slug"),
    "title": Field("text", maximum=120),
    "audience": Field("text", maximum=200),
    "summary": Field("text", maximum=400),
    "modules": Field("any"),
}
TERM_FIELDS = {
    "slug": Field("slug"),
    "term": Field("text", maximum=120),
    "aliases": Field("text_list", required=False, minimum=0, maximum=10),
    "definition": Field("markdown", maximum=1500),
    "sources": Field("sources"),
}
INSTRUMENT_FIELDS = {
    "title": Field("text", maximum=300),
    "kind": Field("slug"),
    "date": Field("text", required=False, maximum=80),
    "summary": Field("markdown", maximum=1500),
    "sources": Field("sources"),
}
PRACTICE_FIELDS = {
    "region": Field("text"),
    "country": Field("text", required=False),
    "title": Field("text", maximum=200),
    "summary": Field("markdown", maximum=1500),
    "sources": Field("sources"),
}


def _items(path: Path, key: str, problems: ProblemList) -> list[Located]:
    """The located mappings listed under ``key`` in the file at ``path``."""
    loaded = load_located_yaml(path, problems)
    if loaded is None:
        return []
    data, _text = loaded
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        problems.add(path, 1, "yaml-shape", f"the file must hold a list under '{key}'")
        return []
    items = []
    for index, raw in enumerate(data[key]):
        if not isinstance(raw, dict):
            problems.add(
                path,
                data[key].item_lines[index],
                "wrong-type",
                f"item {index + 1} of '{key}' must be a mapping",
            )
            continue
        items.append(Located(path, raw))
    return items


def _unique(
    item: Located, key: str, value: str, seen: dict[str, int], problems: ProblemList
) -> bool:
    if value in seen:
        problems.add(
            item.path,
            item.line_of(key),
            "duplicate-id",
            f"'{value}' is used twice (first at line {seen[value]})",
        )
        return False
    seen[value] = item.line_of(key)
    return True


def load_paths(path: Path, modules: set[str], problems: ProblemList) -> tuple[LearningPath, ...]:
    if not path.is_file():
        return ()
    result, seen = [], {}
    for item in _items(path, "paths", problems):
        count = len(problems)
        values = schema.check(item, PATH_FIELDS, problems)
        names = values.get("modules")
        if names is not None and (
            not isinstance(names, list)
            or not names
            or not all(isinstance(name, str) for name in names)
        ):
            problems.add(
                path,
                item.line_of("modules"),
                "wrong-type",
                "'modules' must be a non-empty list of module slugs",
            )
        elif names is not None:
            for index, name in enumerate(names):
                if name not in modules:
                    problems.add(
                        path,
                        item.line_of("modules", index),
                        "dangling-module",
                        f"module '{name}' does not exist or has problems of its own",
                    )
            if len(set(names)) != len(names):
                problems.add(
                    path,
                    item.line_of("modules"),
                    "duplicate-id",
                    "a module is listed twice in this path",
                )
        if len(problems) == count and _unique(item, "slug", values["slug"], seen, problems):
            result.append(
                LearningPath(
                    values["slug"],
                    values["title"],
                    values["audience"],
                    values["summary"],
                    tuple(names),
                )
            )
    return tuple(result)


def load_glossary(
    path: Path, known: dict[str, SourceDocument], problems: ProblemList
) -> tuple[GlossaryTerm, ...]:
    if not path.is_file():
        return ()
    result, slugs, words = [], {}, {}
    for item in _items(path, "terms", problems):
        count = len(problems)
        values = schema.check(item, TERM_FIELDS, problems)
        refs = schema.source_refs(item.path, values.get("sources"), known, problems)
        if len(problems) > count or not _unique(item, "slug", values["slug"], slugs, problems):
            continue
        forms = [values["term"], *values.get("aliases", ())]
        if all(_unique(item, "term", form.casefold(), words, problems) for form in forms):
            result.append(
                GlossaryTerm(
                    values["slug"],
                    values["term"],
                    tuple(values.get("aliases", ())),
                    values["definition"],
                    refs,
                )
            )
    return tuple(sorted(result, key=lambda term: term.term.casefold()))


def load_resources(
    path: Path,
    known: dict[str, SourceDocument],
    problems: ProblemList,
) -> tuple[tuple[Instrument, ...], tuple[Practice, ...]]:
    if not path.is_file():
        return (), ()
    instruments, practices = [], []
    for key, fields, build in (
        ("instruments", INSTRUMENT_FIELDS, _instrument),
        ("practices", PRACTICE_FIELDS, _practice),
    ):
        for item in _items(path, key, problems):
            count = len(problems)
            values = schema.check(item, fields, problems)
            refs = schema.source_refs(item.path, values.get("sources"), known, problems)
            entry = build(item, values, refs, problems)
            if len(problems) == count and entry is not None:
                (instruments if key == "instruments" else practices).append(entry)
    return tuple(instruments), tuple(practices)


def _instrument(item: Located, values: dict, refs, problems: ProblemList) -> Instrument | None:
    if "kind" in values and values["kind"] not in INSTRUMENT_KINDS:
        problems.add(
            item.path,
            item.line_of("kind"),
            "bad-value",
            f"'kind' must be one of {', '.join(INSTRUMENT_KINDS)}",
        )
        return None
    if len(values) < 4:
        return None
    return Instrument(values["title"], values["kind"], values.get("date"), values["summary"], refs)


def _practice(item: Located, values: dict, refs, problems: ProblemList) -> Practice | None:
    if "region" in values and values["region"] not in REGIONS:
        problems.add(
            item.path,
            item.line_of("region"),
            "bad-value",
            f"'region' must be one of {', '.join(REGIONS)}",
        )
        return None
    if len(values) < 4:
        return None
    return Practice(
        values["region"], values.get("country"), values["title"], values["summary"], refs
    )
