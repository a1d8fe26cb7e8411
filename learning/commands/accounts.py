"""``flask users ...``: administer accounts from the shell."""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import AppGroup

from learning import privacy
from learning.accounts import services
from learning.accounts.models import OrganisationKind, Role
from learning.admin import services as admin_services
from learning.commands.transaction import command_transaction
from learning.workshops import dashboard_cache
from learning.workshops import services as workshop_services

users_cli = AppGroup("users", help="Create administrators, change roles, deactivate accounts.")
security_log = logging.getLogger("learning.security")


@users_cli.command("create-admin")
@click.option("--email", prompt=True, help="E-mail address (the login name).")
@click.option("--name", prompt="Display name", help="Name as shown and printed.")
@click.option("--organisation", prompt=True, help="Organisation name.")
@click.option(
    "--organisation-kind",
    type=click.Choice([k.value for k in OrganisationKind]),
    default=OrganisationKind.UN_AGENCY.value,
    show_default=True,
)
@click.option(
    "--country", prompt="Country code (ISO 3166, e.g. KE)", help="Two-letter country code."
)
@click.password_option(help="Prompted for, hidden, twice.")
def create_admin(
    email: str, name: str, organisation: str, organisation_kind: str, country: str, password: str
) -> None:
    """Create an administrator account (prompts for what is not given)."""
    with command_transaction() as session:
        user = services.register(
            session,
            email=email,
            display_name=name,
            password=password,
            min_length=current_app.config["PASSWORD_MIN_LENGTH"],
            organisation_kind=OrganisationKind(organisation_kind),
            organisation_name=organisation,
            country=country.strip().upper(),
            role=Role.ADMIN,
        )
    click.echo(f"Administrator {user.email} created.")


@users_cli.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice([r.value for r in Role]))
def set_role(email: str, role: str) -> None:
    """Give the user with EMAIL the ROLE learner, trainer or admin."""
    with command_transaction() as session:
        # The admin services keep at least one active administrator.
        user = admin_services.change_role(
            session, services.user_by_email(session, email).id, Role(role), None
        )
    click.echo(f"{user.email} is now {role}.")


@users_cli.command("deactivate")
@click.argument("email")
def deactivate(email: str) -> None:
    """Block the account with EMAIL and end its sessions; its records stay verifiable."""
    with command_transaction() as session:
        user = admin_services.deactivate(session, services.user_by_email(session, email).id, None)
    click.echo(f"{user.email} is deactivated and logged out everywhere.")


@users_cli.command("close")
@click.argument("email")
@click.confirmation_option(prompt="Erase this person's personal data? This cannot be undone.")
def close(email: str) -> None:
    """Close the account with EMAIL at its owner's request: erase its personal data and keep
    its completion records verifiable (as the privacy notice describes)."""
    with command_transaction() as session:
        user = services.user_by_email(session, email)
        shown_in = workshop_services.workshop_ids_of(session, user.id)  # before erasing
        privacy.close_account(session, user)
    dashboard_cache.forget(*shown_in)  # committed: drop the kept pages that show the name
    security_log.info("Account closed from the command line: user %s", user.id)
    click.echo(f"Account {user.id} is closed; its completion records stay verifiable.")
