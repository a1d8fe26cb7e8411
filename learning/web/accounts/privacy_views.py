"""Privacy notice, downloading one's own data, and closing one's own account.

The routes live on the ``accounts`` blueprint (endpoints ``accounts.privacy_notice``,
``accounts.export_data``, ``accounts.close_account``); the app factory imports this module
before registering the blueprint.
"""

from __future__ import annotations

import json

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask import session as flask_session
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from learning import privacy
from learning.accounts import services
from learning.content import get_catalogue
from learning.db import get_session
from learning.records.services import records_of
from learning.transactions import after_commit
from learning.web.accounts.forms import CloseAccountForm
from learning.web.accounts.views import bp, password_limit, security_log
from learning.web.refusals import refusable
from learning.workshops import dashboard_cache
from learning.workshops import services as workshop_services


@bp.get("/privacy")
def privacy_notice():
    config = current_app.config
    # The notice states the session lifetimes actually configured, not what they used to be.
    idle_hours = current_app.permanent_session_lifetime.total_seconds() / 3600
    absolute_days = config["SESSION_ABSOLUTE_LIFETIME"].total_seconds() / 86400
    return render_template(
        "accounts/privacy.html",
        issuer=config["CERTIFICATE_ISSUER"],
        idle_hours=f"{idle_hours:g}",
        absolute_days=f"{absolute_days:g}",
        # The count choosing the plural form: 1 for exactly one, else 2 (0.5 hours, 1.5 days).
        idle_count=1 if idle_hours == 1 else 2,
        absolute_count=1 if absolute_days == 1 else 2,
    )


@bp.get("/profile/data.json")
@login_required
def export_data():
    def verify_url(code: str) -> str:
        return url_for("records.verify", code=code, _external=True)

    data = privacy.export_data(get_session(), current_user, get_catalogue(), verify_url)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    security_log.info(
        "Personal data downloaded: user %s from %s", current_user.id, request.remote_addr
    )
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": 'attachment; filename="my-data.json"',
            "Cache-Control": "no-store",  # personal data: no copy in any cache
        },
    )


def _close_page(form: CloseAccountForm, status: int = 200, refusal: str | None = None):
    records = records_of(get_session(), current_user.id)
    return render_template(
        "accounts/close.html", form=form, records=records, refusal=refusal
    ), status


@bp.route("/profile/close", methods=["GET", "POST"])
@login_required
@password_limit
def close_account():
    form = CloseAccountForm()
    if not form.validate_on_submit():
        return _close_page(form, 400 if form.is_submitted() else 200)
    user = current_user._get_current_object()  # the proxy would re-resolve after logout
    shown_in = workshop_services.workshop_ids_of(get_session(), user.id)  # before erasing
    with refusable() as refused:
        privacy.close_own_account(get_session(), user, form.current_password.data)
    if isinstance(refused.error, services.WrongPasswordError):
        security_log.warning(
            "Failed account closing (wrong password) for user %s from %s",
            user.id,
            request.remote_addr,
        )
        form.current_password.errors.append(refused.message)
        return _close_page(form, 400)
    if refused:  # the last administrator: what the closing began is taken back
        return _close_page(form, 400, refusal=refused.message)
    after_commit(dashboard_cache.forget, *shown_in)  # trainers' kept pages show the name
    after_commit(security_log.info, "Account closed: user %s from %s", user.id, request.remote_addr)
    logout_user()
    flask_session.clear()
    flash(
        _(
            "Your account is closed and your personal data has been erased. Any certificates "
            "you earned can still be verified with their codes."
        ),
        "success",
    )
    return redirect(url_for("content.catalogue"))
