"""Problems found in content files, reported as ``path:line: CODE message``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one content file, at one line (1-based)."""

    path: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.message}"


class ProblemList(list[Problem]):
    """Collects problems for files below one root, naming them relative to it."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root

    def add(self, path: Path, line: int, code: str, message: str) -> None:
        try:
            shown = path.relative_to(self.root.parent)
        except ValueError:
            shown = path
        self.append(Problem(str(shown), max(line, 1), code, message))
