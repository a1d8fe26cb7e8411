"""Citations and the sources they point to: the small value types every content file uses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceRef:
    """A citation: a seed document and a place in it (paragraph, slide title, heading)."""

    document: str
    location: str

    def __iter__(self):
        """Unpacks as (document, location), like the pairs stored in review snapshots."""
        return iter((self.document, self.location))


@dataclass(frozen=True)
class SourceDocument:
    """One source the course rests on, as described in ``modules/sources.yml``: a seed document
    (``kind`` "seed", cited by file name) or a legal instrument, policy or report (cited by its
    id, kept in ``file``; ``symbol`` is its official symbol or reference)."""

    file: str
    title: str
    publisher: str
    date: str
    cite_by: str
    summary: str
    kind: str = "seed"
    symbol: str | None = None

    @property
    def is_seed(self) -> bool:
        return self.kind == "seed"
