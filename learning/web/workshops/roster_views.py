"""Trainer pages for the roster: attendance by day, day check-in codes, CSV import, and quiz
attempts (extra attempts granted to participants)."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from learning.content import get_catalogue
from learning.db import get_session
from learning.errors import NotFoundError
from learning.web.refusals import refusable
from learning.web.workshops.forms import ActionForm, ConfirmImportForm, ImportForm
from learning.workshops import attempts, attendance, imports, services
from learning.workshops.access import managed_or_abort

bp = Blueprint("workshop_roster", __name__, url_prefix="/workshops/<id:workshop_id>")


def _day(workshop, text: str | None) -> date:
    try:
        day = date.fromisoformat(text or "")
    except ValueError:
        return workshop.starts_on
    return day if day in workshop.days else workshop.starts_on


@bp.route("/attendance", methods=["GET", "POST"])
@login_required
def attendance_page(workshop_id: int):
    workshop = managed_or_abort(workshop_id)
    session = get_session()
    day = _day(workshop, request.values.get("day"))
    form = ActionForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        # isdecimal, not isdigit: int() refuses digits such as "²" that isdigit accepts.
        present = {int(v) for v in request.form.getlist("present") if v.isdecimal()}
        with refusable(flash_as="error"):
            attendance.set_day(session, workshop, day, present)
            flash(_("Attendance for %(day)s is saved.", day=day.isoformat()), "success")
        return redirect(url_for(".attendance_page", workshop_id=workshop.id, day=day))
    days = attendance.attendance_by_member(session, workshop)
    return render_template(
        "workshops/attendance.html",
        workshop=workshop,
        day=day,
        form=form,
        participants=services.members(session, workshop),
        days=days,
    )


@bp.post("/check-in")
@login_required
def open_check_in(workshop_id: int):
    workshop = managed_or_abort(workshop_id)
    day = _day(workshop, request.form.get("day"))
    if not ActionForm().validate_on_submit():
        abort(400)
    with refusable(flash_as="error") as refused:
        code = attendance.open_check_in(get_session(), workshop, day)
    if refused:
        return redirect(url_for(".attendance_page", workshop_id=workshop.id, day=day))
    return render_template(
        "workshops/check_in_code.html",
        workshop=workshop,
        code=code,
        check_in_url=url_for("join.check_in", _external=True),
    )


@bp.route("/import", methods=["GET", "POST"])
@login_required
def import_participants(workshop_id: int):
    workshop = managed_or_abort(workshop_id)
    form = ImportForm()
    rows, data = None, None
    if form.validate_on_submit():
        raw = form.file.data.read(imports.MAX_BYTES + 1)
        try:
            rows = imports.parse(raw)
        except imports.ImportError_ as error:
            form.file.errors.append(error.message)
        else:
            imports.check_against_accounts(get_session(), workshop, rows)
            data = raw.decode("utf-8-sig")
    return render_template(
        "workshops/import.html",
        workshop=workshop,
        form=form,
        rows=rows,
        confirm=ConfirmImportForm(payload=data) if data else None,
        valid=rows is not None and not any(r.problems for r in rows),
    )


@bp.post("/import/confirm")
@login_required
def confirm_import(workshop_id: int):
    workshop = managed_or_abort(workshop_id)
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        abort(400)
    session = get_session()
    with refusable(flash_as="error") as refused:
        added = imports.apply(
            session, workshop, imports.parse(form.payload.data.encode("utf-8")), get_catalogue()
        )
    if refused:
        return redirect(url_for(".import_participants", workshop_id=workshop.id))
    flash(
        _(
            "%(n)d participants added. New people claim their account by registering with "
            "the e-mail address you gave.",
            n=added,
        ),
        "success",
    )
    return redirect(url_for("workshops.show", workshop_id=workshop.id))


@bp.route("/attempts", methods=["GET", "POST"])
@login_required
def attempts_page(workshop_id: int):
    """Who has used their quiz attempts or is waiting after a failed one; grant one more."""
    workshop = managed_or_abort(workshop_id)
    session = get_session()
    form = ActionForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        with refusable(flash_as="error"):
            try:
                member = attempts.grant(
                    session,
                    workshop,
                    get_catalogue(),
                    request.form.get("member_id", type=int) or 0,
                    request.form.get("quiz_slug", ""),
                    current_user.id,
                )
            except NotFoundError:
                abort(404)
            flash(
                _("%(name)s can start one more attempt now.", name=member.user.display_name),
                "success",
            )
        return redirect(url_for(".attempts_page", workshop_id=workshop.id))
    return render_template(
        "workshops/attempts.html",
        workshop=workshop,
        form=form,
        quizzes=attempts.workshop_quizzes(workshop, get_catalogue()),
        rows=attempts.attempt_table(session, workshop, get_catalogue()),
    )
