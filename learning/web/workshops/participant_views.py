"""Participants: join with the code (registering first if needed), the workshop page,
day check-in, and the group debriefs the trainer chose to share."""

from __future__ import annotations

import logging

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from learning.completion import status
from learning.content import get_catalogue
from learning.db import get_session
from learning.extensions import limiter
from learning.transactions import after_commit
from learning.web.refusals import refusable
from learning.web.workshops.forms import ActionForm, CodeForm
from learning.workshops import attendance, dashboard_cache, debrief, services
from learning.workshops.models import DebriefShare, Workshop, WorkshopMember

bp = Blueprint("join", __name__)
security_log = logging.getLogger("learning.security")
code_limit = limiter.limit(lambda: current_app.config["RATELIMIT_CODES"])


@bp.get("/join")
@code_limit
def enter_code():
    # A GET form (it changes nothing), so the code can also arrive in a link or a QR code.
    form = CodeForm(request.args, meta={"csrf": False})
    if request.args and form.validate():
        typed = form.code.data.strip()
        return redirect(url_for(".landing", code=services.canonical_join_code(typed) or typed))
    return render_template("workshops/join_form.html", form=form)


@bp.route("/join/<code>", methods=["GET", "POST"])
@code_limit
def landing(code: str):
    session = get_session()
    workshop = services.find_by_join_code(session, code[:40])
    security_log.info(
        "Join code lookup from %s: %s", request.remote_addr, "found" if workshop else "unknown"
    )
    if workshop is None:
        return render_template(
            "workshops/join_form.html", form=CodeForm(meta={"csrf": False}), unknown=True
        ), 404
    if request.method == "GET" and code != workshop.join_code:
        return redirect(url_for(".landing", code=workshop.join_code))  # b644 emey -> B644EMEY
    member = (
        services.membership(session, workshop, current_user.id)
        if current_user.is_authenticated
        else None
    )
    form = ActionForm()
    if request.method == "POST":
        if not current_user.is_authenticated:
            return redirect(url_for("accounts.login", next=request.path))
        if not form.validate_on_submit():
            abort(400)
        with refusable(flash_as="error") as refused:
            services.join(session, workshop, current_user, get_catalogue())
        if refused:
            return redirect(request.path)
        after_commit(dashboard_cache.forget, workshop.id)  # the trainer sees the newcomer at once
        flash(_("Welcome to the workshop “%(title)s”.", title=workshop.title), "success")
        return redirect(url_for(".mine", workshop_id=workshop.id))
    return render_template(
        "workshops/join.html",
        workshop=workshop,
        member=member,
        form=form,
        catalogue=get_catalogue(),
    )


def _my_workshop(workshop_id: int) -> Workshop:
    session = get_session()
    workshop = session.get(Workshop, workshop_id)
    if workshop is None or services.membership(session, workshop, current_user.id) is None:
        abort(404)
    return workshop


@bp.get("/my-workshops/<id:workshop_id>")
@login_required
def mine(workshop_id: int):
    workshop = _my_workshop(workshop_id)
    session = get_session()
    catalogue = get_catalogue()
    states = {
        entry.module.slug: entry for entry in status.dashboard(session, current_user.id, catalogue)
    }
    shared = set(
        session.scalars(
            select(DebriefShare.quiz_slug).where(DebriefShare.workshop_id == workshop.id)
        )
    )
    return render_template(
        "workshops/mine.html",
        workshop=workshop,
        catalogue=catalogue,
        states=states,
        shared=shared,
        form=CodeForm(),
    )


@bp.route("/check-in", methods=["GET", "POST"])
@login_required
@code_limit
def check_in():
    form = CodeForm()
    if form.validate_on_submit():
        with refusable() as refused:
            row = attendance.check_in(get_session(), current_user.id, form.code.data)
            workshop_id = get_session().get(WorkshopMember, row.member_id).workshop_id
            after_commit(dashboard_cache.forget, workshop_id)
            flash(_("You are checked in for %(day)s.", day=row.day.isoformat()), "success")
            return redirect(url_for(".mine", workshop_id=workshop_id))
        form.code.errors.append(refused.message)
    return render_template("workshops/check_in.html", form=form)


@bp.get("/my-workshops/<id:workshop_id>/debrief/<quiz_slug>")
@login_required
def shared_debrief(workshop_id: int, quiz_slug: str):
    workshop = _my_workshop(workshop_id)
    session = get_session()
    quiz = get_catalogue().quiz(quiz_slug)
    shared = session.scalar(
        select(DebriefShare.id).where(
            DebriefShare.workshop_id == workshop.id, DebriefShare.quiz_slug == quiz_slug
        )
    )
    if quiz is None or shared is None:
        abort(404)
    # Participants see the split only: never which answer is right (the quiz may be ahead).
    return render_template(
        "workshops/debrief.html",
        workshop=workshop,
        quiz=quiz,
        splits=debrief.splits(session, workshop, quiz),
        reveal="",
        trainer=False,
        shared=True,
        form=None,
    )
