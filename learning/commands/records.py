"""``flask records export|revoke|reissue``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from learning.accounts.models import OrganisationKind
from learning.commands.transaction import command_transaction
from learning.db import get_session
from learning.geography.regions import REGIONS
from learning.records import exports, reports, services

records_cli = AppGroup("records", help="Export, revoke and re-issue completion records.")


@records_cli.command("export")
@click.option(
    "--format", "kind", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output, CSV only).",
)
@click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]), help="YYYY-MM-DD")
@click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), help="YYYY-MM-DD")
@click.option("--subject", help="Module or learning path slug.")
@click.option("--organisation-kind", type=click.Choice([k.value for k in OrganisationKind]))
@click.option("--country", help="ISO country code, e.g. KE.")
@click.option("--region", type=click.Choice(REGIONS))
@click.option("--workshop", "workshop_id", type=int, help="Workshop id.")
def export(
    kind: str,
    output: Path | None,
    date_from,
    date_to,
    subject,
    organisation_kind,
    country,
    region,
    workshop_id,
) -> None:
    """Export completion records, filtered, as CSV or XLSX."""
    filters = reports.RecordFilter(
        date_from=date_from.date() if date_from else None,
        date_to=date_to.date() if date_to else None,
        subject=subject,
        organisation_kind=OrganisationKind(organisation_kind) if organisation_kind else None,
        country=country.upper() if country else None,
        region=region,
        workshop_id=workshop_id,
    )
    rows = reports.rows(get_session(), filters)
    if kind == "xlsx":
        if output is None:
            raise click.UsageError("XLSX needs --output FILE.")
        output.write_bytes(exports.xlsx_bytes("Completion records", reports.HEADER, rows))
    else:
        target = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            for chunk in exports.csv_stream(reports.HEADER, rows):
                target.write(chunk)
        finally:
            if output:
                target.close()
    if output:
        click.echo(f"Written {output}", err=True)


@records_cli.command("revoke")
@click.argument("code")
@click.option("--reason", required=True, help="Why the record is revoked (shown publicly).")
def revoke(code: str, reason: str) -> None:
    """Revoke the record with verification CODE; its verification page will say so."""
    with command_transaction() as session:
        record = services.revoke(session, code, reason)
    click.echo(f"Revoked {record.subject_title} of {record.name_as_printed}.")


@records_cli.command("reissue")
@click.argument("code")
def reissue(code: str) -> None:
    """Make a revoked record valid again (same verification code)."""
    with command_transaction() as session:
        record = services.reissue(session, code)
    click.echo(f"Re-issued {record.subject_title} of {record.name_as_printed}.")
