"""Setup, registration, login, logout and profile pages."""

from __future__ import annotations

import logging

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask import session as flask_session
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from learning.accounts import services
from learning.accounts.auth import safe_next, start_session
from learning.accounts.models import OrganisationKind, Role
from learning.db import get_session
from learning.errors import DomainError
from learning.extensions import limiter
from learning.transactions import after_commit
from learning.web.accounts.forms import (
    DisplayNameForm,
    LoginForm,
    LogoutForm,
    PasswordChangeForm,
    RegisterForm,
    SetupForm,
)
from learning.web.refusals import refusable

bp = Blueprint("accounts", __name__)
security_log = logging.getLogger("learning.security")


def _limit(setting: str):
    return limiter.limit(lambda: current_app.config[setting], methods=["POST"])


# Every form that checks the current password (changing it, closing the account) counts
# against one shared limit, so alternating between them gives no extra guesses.
password_limit = limiter.shared_limit(
    lambda: current_app.config["RATELIMIT_PASSWORD"], scope="current-password", methods=["POST"]
)


def _create_account(form: RegisterForm, role: Role):
    """Run the registration service for ``form``; a refusal becomes a field error."""
    with refusable() as refused:
        return services.register(
            get_session(),
            email=form.email.data,
            display_name=form.display_name.data,
            password=form.password.data,
            min_length=current_app.config["PASSWORD_MIN_LENGTH"],
            organisation_kind=OrganisationKind(form.organisation_kind.data),
            organisation_name=form.organisation_name.data,
            country=form.country.data,
            role=role,
        )
    fields = (
        (services.EmailTakenError, form.email),
        (services.WeakPasswordError, form.password),
        (services.InvalidNameError, form.display_name),
        (DomainError, form.country),
    )
    field = next(field for kind, field in fields if isinstance(refused.error, kind))
    field.errors.append(refused.message)
    return None


@bp.route("/setup", methods=["GET", "POST"])
@_limit("RATELIMIT_REGISTER")
def setup():
    if services.admin_exists(get_session()):
        abort(404)
    form = SetupForm()
    if form.validate_on_submit():
        user = _create_account(form, Role.ADMIN)
        if user is not None:
            after_commit(security_log.info, "Administrator created by setup page: user %s", user.id)
            start_session(user)
            flash(_("The administrator account is ready."), "success")
            return redirect(url_for("content.catalogue"))
    return render_template("accounts/setup.html", form=form)


@bp.route("/register", methods=["GET", "POST"])
@_limit("RATELIMIT_REGISTER")
def register():
    if current_user.is_authenticated:
        return redirect(url_for("progress.dashboard"))
    form = RegisterForm()
    target = safe_next(request.args.get("next"), url_for("content.catalogue"))
    if form.validate_on_submit():
        user = _create_account(form, Role.LEARNER)
        if user is not None:
            after_commit(
                security_log.info, "Registered user %s from %s", user.id, request.remote_addr
            )
            start_session(user)
            flash(_("Welcome! Your account is ready."), "success")
            return redirect(target)
    return render_template("accounts/register.html", form=form, next=request.args.get("next"))


@bp.route("/login", methods=["GET", "POST"])
@_limit("RATELIMIT_LOGIN")
def login():
    form = LoginForm()
    target = safe_next(request.args.get("next"), url_for("progress.dashboard"))
    if form.validate_on_submit():
        user = services.authenticate(get_session(), form.email.data, form.password.data)
        if user is None:
            security_log.warning(
                "Failed login for %r from %s", form.email.data, request.remote_addr
            )
            form.password.errors.append(_("The e-mail address or password is not correct."))
        else:
            after_commit(security_log.info, "Login: user %s from %s", user.id, request.remote_addr)
            start_session(user)
            return redirect(target)
    return render_template("accounts/login.html", form=form, next=request.args.get("next"))


@bp.post("/logout")
def logout():
    form = LogoutForm()
    if form.validate_on_submit() and current_user.is_authenticated:
        services.end_all_sessions(get_session(), current_user)
        after_commit(
            security_log.info, "Logout: user %s from %s", current_user.id, request.remote_addr
        )
    logout_user()
    flask_session.clear()
    flash(_("You are logged out."), "info")
    return redirect(url_for("content.catalogue"))


@bp.get("/profile")
@login_required
def profile():
    return render_template(
        "accounts/profile.html",
        name_form=DisplayNameForm(display_name=current_user.display_name),
        password_form=PasswordChangeForm(),
    )


@bp.post("/profile/name")
@login_required
def change_name():
    form = DisplayNameForm()
    if form.validate_on_submit():
        with refusable() as refused:
            services.change_display_name(get_session(), current_user, form.display_name.data)
            flash(_("Your name is saved."), "success")
            return redirect(url_for("accounts.profile"))
        form.display_name.errors.append(refused.message)
    return render_template(
        "accounts/profile.html", name_form=form, password_form=PasswordChangeForm()
    ), 400


@bp.post("/profile/password")
@login_required
@password_limit
def change_password():
    form = PasswordChangeForm()
    user = current_user._get_current_object()  # the proxy would re-resolve after clear()
    if form.validate_on_submit():
        with refusable() as refused:
            services.change_password(
                get_session(),
                user,
                form.current_password.data,
                form.new_password.data,
                current_app.config["PASSWORD_MIN_LENGTH"],
            )
            start_session(user)  # this device stays logged in; others are not
            after_commit(
                security_log.info, "Password changed: user %s from %s", user.id, request.remote_addr
            )
            flash(_("Your password is changed. Other devices have been logged out."), "success")
            return redirect(url_for("accounts.profile"))
        if isinstance(refused.error, services.WrongPasswordError):
            form.current_password.errors.append(refused.message)
            security_log.warning(
                "Failed password change for user %s from %s", user.id, request.remote_addr
            )
        else:
            form.new_password.errors.append(refused.message)
    name_form = DisplayNameForm(display_name=current_user.display_name)
    return render_template("accounts/profile.html", name_form=name_form, password_form=form), 400
