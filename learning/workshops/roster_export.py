"""The roster as a table for CSV and XLSX: attendance by day and results by module.

Lessons are two number columns per module (read, in the module), never "3/3", which
spreadsheets read as a date.
"""

from __future__ import annotations

from typing import Any

from learning.content.catalogue import Catalogue
from learning.geography.countries import country_name
from learning.workshops.dashboard import RosterRow
from learning.workshops.models import Workshop


def roster_table(
    workshop: Workshop, rows: list[RosterRow], catalogue: Catalogue
) -> tuple[list[str], list[list[Any]]]:
    days = workshop.days
    header = ["name", "email", "organisation", "organisation_type", "country", "days_attended"]
    header += [f"present_{day.isoformat()}" for day in days]
    for slug in workshop.module_slugs:
        header += [
            f"{slug}_lessons_read",
            f"{slug}_lessons_in_module",
            f"{slug}_best_score",
            f"{slug}_quiz_passed",
            f"{slug}_completed",
        ]
    header.append("last_activity")
    table = []
    for row in rows:
        user = row.member.user
        organisation = user.organisation
        line: list[Any] = [
            user.display_name,
            user.email,
            organisation.name if organisation else "",
            organisation.kind.value if organisation else "",
            country_name(user.country),
            len(row.days),
        ]
        line += ["yes" if day in row.days else "no" for day in days]
        for slug in workshop.module_slugs:
            cell = row.cells[slug]
            score = "" if cell.best_score is None else round(100 * cell.best_score)
            line += [
                cell.lessons_done,
                cell.lessons_total,
                score,
                "yes" if cell.passed else "no",
                "yes" if cell.completed else "no",
            ]
        line.append(row.last_activity or "")
        table.append(line)
    return header, table
