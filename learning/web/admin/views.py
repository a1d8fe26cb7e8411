"""The administrator's users pages: search, one user's details, role changes, (de)activation.

Every route is for administrators only. Changes are POST forms with CSRF tokens; each makes
one change (committed by the request), flashes the result and redirects back to the user's
page (POST/redirect/GET).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from math import ceil

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from learning.accounts.models import Role, User
from learning.accounts.permissions import admin_required
from learning.admin import services
from learning.db import get_session
from learning.errors import NotFoundError
from learning.paging import requested_page
from learning.records.services import records_of
from learning.transactions import after_commit
from learning.web.admin.forms import (
    ROLE_LABELS,
    DeactivateForm,
    ReactivateForm,
    RoleForm,
    UserSearchForm,
)
from learning.web.refusals import refusable

bp = Blueprint("admin_users", __name__, url_prefix="/admin/users")
security_log = logging.getLogger("learning.security")
FILTER_ARGS = ("q", "role", "status")


def _filters() -> tuple[UserSearchForm, services.UserFilter]:
    form = UserSearchForm(request.args)
    if not form.validate():
        return form, services.UserFilter()
    return form, services.UserFilter(
        text=form.q.data or "",
        role=Role(form.role.data) if form.role.data else None,
        status=form.status.data or None,
    )


def _page_url(number: int) -> str:
    """This list at page ``number``, with the same filters."""
    args = {name: request.args[name] for name in FILTER_ARGS if request.args.get(name)}
    return url_for(".index", page=number, **args)


@bp.get("")
@admin_required
def index():
    form, filters = _filters()
    number = requested_page()
    session = get_session()
    total = services.count_users(session, filters)
    pages = max(1, ceil(total / services.PAGE_SIZE))
    return render_template(
        "admin/users.html",
        form=form,
        users=services.users_page(session, filters, number),
        total=total,
        number=number,
        pages=pages,
        role_labels=ROLE_LABELS,
        previous_url=_page_url(number - 1) if number > 1 else None,
        next_url=_page_url(number + 1) if number < pages else None,
    )


def _user_or_404(user_id: int) -> User:
    try:
        return services.user_by_id(get_session(), user_id)
    except NotFoundError:
        abort(404)


@bp.get("/<id:user_id>")
@admin_required
def user(user_id: int):
    account = _user_or_404(user_id)
    return render_template(
        "admin/user.html",
        account=account,
        records=records_of(get_session(), account.id),
        role_labels=ROLE_LABELS,
        role_form=RoleForm(role=account.role.value),
        deactivate_form=DeactivateForm(),
        reactivate_form=ReactivateForm(),
    )


def _back(user_id: int) -> Response:
    return redirect(url_for(".user", user_id=user_id))


def _run(action: str, user_id: int, operation: Callable[[], User]) -> User | None:
    """Run a service; on a refusal, flash and log why, and change nothing."""
    with refusable(flash_as="error") as refused:
        try:
            return operation()
        except NotFoundError:
            abort(404)
    security_log.warning(
        "Refused %s of user %s by user %s: %s", action, user_id, current_user.id, refused.message
    )
    return None


@bp.post("/<id:user_id>/role")
@admin_required
def set_role(user_id: int):
    previous = _user_or_404(user_id).role
    form = RoleForm()
    if not form.validate_on_submit():
        flash(_("Choose a role from the list."), "error")
        return _back(user_id)
    role = Role(form.role.data)
    account = _run(
        "role change",
        user_id,
        lambda: services.change_role(get_session(), user_id, role, acting_user_id=current_user.id),
    )
    if account is not None:
        after_commit(
            security_log.info,
            "Role of user %s changed from %s to %s by user %s",
            account.id,
            previous.value,
            role.value,
            current_user.id,
        )
        flash(
            _(
                "%(name)s now has the role: %(role)s.",
                name=account.display_name,
                role=ROLE_LABELS[role],
            ),
            "success",
        )
    return _back(user_id)


@bp.post("/<id:user_id>/deactivate")
@admin_required
def deactivate(user_id: int):
    _user_or_404(user_id)
    if DeactivateForm().validate_on_submit():
        account = _run(
            "deactivation",
            user_id,
            lambda: services.deactivate(get_session(), user_id, acting_user_id=current_user.id),
        )
        if account is not None:
            after_commit(
                security_log.info,
                "User %s deactivated (sessions ended) by user %s",
                account.id,
                current_user.id,
            )
            flash(
                _(
                    "%(name)s is deactivated and logged out everywhere. Their records stay "
                    "verifiable.",
                    name=account.display_name,
                ),
                "success",
            )
    return _back(user_id)


@bp.post("/<id:user_id>/reactivate")
@admin_required
def reactivate(user_id: int):
    _user_or_404(user_id)
    if ReactivateForm().validate_on_submit():
        account = _run("reactivation", user_id, lambda: services.reactivate(get_session(), user_id))
        if account is not None:
            after_commit(
                security_log.info, "User %s reactivated by user %s", account.id, current_user.id
            )
            flash(_("%(name)s can log in again.", name=account.display_name), "success")
    return _back(user_id)
