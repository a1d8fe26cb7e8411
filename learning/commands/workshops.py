"""``flask workshops create|list|report|close`` for trainers working from a shell."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from learning.accounts.services import user_by_email
from learning.commands.transaction import command_transaction
from learning.content import get_catalogue
from learning.db import get_session
from learning.geography.regions import REGIONS
from learning.records import exports
from learning.workshops import closing, dashboard, services
from learning.workshops.roster_export import roster_table

workshops_cli = AppGroup("workshops", help="Create, list, report on and close workshops.")


# Both raise DomainError for an unknown trainer or workshop: call them inside
# command_transaction, which makes the refusal the command's error message.
def _trainer(email: str):
    return user_by_email(get_session(), email)


def _managed(email: str, workshop_id: int):
    return services.get_managed(get_session(), _trainer(email), workshop_id)


@workshops_cli.command("create")
@click.option("--trainer", "email", required=True, help="E-mail of the trainer who runs it.")
@click.option("--title", required=True)
@click.option("--region", type=click.Choice(REGIONS), required=True)
@click.option("--country", required=True, help="ISO country code, e.g. KE.")
@click.option("--location", required=True, help="City or venue.")
@click.option("--start", type=click.DateTime(["%Y-%m-%d"]), required=True)
@click.option("--end", type=click.DateTime(["%Y-%m-%d"]), required=True)
@click.option("--language", default="English", show_default=True)
@click.option("--modules", required=True, help="Comma-separated module slugs, in order.")
@click.option("--capacity", type=click.IntRange(1, 1000))
@click.option("--open", "open_now", is_flag=True, help="Open it at once and print the code.")
@click.option(
    "--assess-case-studies",
    is_flag=True,
    help="The trainer marks case studies (meets / not yet) instead of self-assessment.",
)
def create(
    email,
    title,
    region,
    country,
    location,
    start,
    end,
    language,
    modules,
    capacity,
    open_now,
    assess_case_studies,
) -> None:
    """Create a workshop (a draft unless --open)."""
    with command_transaction() as session:
        details = services.WorkshopDetails(
            title=title,
            region=region,
            country=country.upper(),
            location=location,
            starts_on=start.date(),
            ends_on=end.date(),
            language=language,
            module_slugs=[slug.strip() for slug in modules.split(",") if slug.strip()],
            capacity=capacity,
            assess_case_studies=assess_case_studies,
        )
        workshop = services.create(session, _trainer(email), details, get_catalogue())
        if open_now:
            services.open_workshop(session, workshop)
    click.echo(
        f"Workshop {workshop.id} created ({workshop.status.value})"
        + (f", join code {workshop.join_code}" if workshop.join_code else "")
        + "."
    )


@workshops_cli.command("list")
@click.option("--trainer", "email", required=True, help="List the workshops this person runs.")
def list_workshops(email: str) -> None:
    """List the workshops a trainer runs (all of them for an administrator)."""
    with command_transaction(writes=False) as session:
        for workshop in services.managed_by(session, _trainer(email)):
            click.echo(
                f"{workshop.id}\t{workshop.status.value}\t{workshop.starts_on}\t"
                f"{workshop.join_code or '-'}\t{workshop.title}"
            )


@workshops_cli.command("report")
@click.argument("workshop_id", type=int)
@click.option("--trainer", "email", required=True)
def report(workshop_id: int, email: str) -> None:
    """Print the roster (attendance and results) as CSV."""
    with command_transaction(writes=False) as session:
        workshop = _managed(email, workshop_id)
        rows = dashboard.roster(session, workshop, get_catalogue())
        header, table = roster_table(workshop, rows, get_catalogue())
        for chunk in exports.csv_stream(header, table):
            sys.stdout.write(chunk)


@workshops_cli.command("close")
@click.argument("workshop_id", type=int)
@click.option("--trainer", "email", required=True)
def close(workshop_id: int, email: str) -> None:
    """Close a workshop and issue its records and certificates of participation."""
    with command_transaction() as session:
        summary = closing.close(session, _managed(email, workshop_id))
    click.echo(
        f"Closed. {summary.completion_records} completion records carry the workshop; "
        f"{summary.participation_records} certificates of participation issued."
    )
