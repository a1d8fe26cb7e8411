"""Trainer pages after the fact: group debrief, case-study review, closing, exports."""

from __future__ import annotations

from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from learning.completion import rule as completion
from learning.content import get_catalogue
from learning.content.assessments.types import question_type
from learning.db import get_session, utcnow
from learning.quizzes import case_assessment
from learning.quizzes.models import CaseVerdict
from learning.records import exports
from learning.records.certificate import certificate_text, certificates_pdf
from learning.web.refusals import refusable
from learning.web.workshops.forms import ActionForm, FeedbackForm
from learning.workshops import closing, dashboard, debrief
from learning.workshops.access import managed_or_abort
from learning.workshops.models import DebriefShare
from learning.workshops.roster_export import roster_table

bp = Blueprint("workshop_review", __name__, url_prefix="/workshops/<id:workshop_id>")


def _quiz(workshop, quiz_slug: str):
    quiz = get_catalogue().quiz(quiz_slug)
    if quiz is None or quiz.module not in workshop.module_slugs:
        abort(404)
    return quiz


@bp.get("/debrief/<quiz_slug>")
@login_required
def group_debrief(workshop_id: int, quiz_slug: str):
    workshop = managed_or_abort(workshop_id)
    quiz = _quiz(workshop, quiz_slug)
    shared = get_session().scalar(
        select(DebriefShare.id).where(
            DebriefShare.workshop_id == workshop.id, DebriefShare.quiz_slug == quiz.slug
        )
    )
    return render_template(
        "workshops/debrief.html",
        workshop=workshop,
        quiz=quiz,
        splits=debrief.splits(get_session(), workshop, quiz),
        reveal=request.args.get("reveal", ""),
        trainer=True,
        shared=shared is not None,
        form=ActionForm(),
    )


@bp.post("/debrief/<quiz_slug>/share")
@login_required
def share_debrief(workshop_id: int, quiz_slug: str):
    workshop = managed_or_abort(workshop_id)
    quiz = _quiz(workshop, quiz_slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    session = get_session()
    share = session.scalar(
        select(DebriefShare).where(
            DebriefShare.workshop_id == workshop.id, DebriefShare.quiz_slug == quiz.slug
        )
    )
    if share is None:
        session.add(DebriefShare(workshop_id=workshop.id, quiz_slug=quiz.slug))
        flash(
            _("Participants can now see the group's answers (without the answer key)."), "success"
        )
    else:
        session.delete(share)
        flash(_("Participants no longer see the group's answers."), "info")
    return redirect(url_for(".group_debrief", workshop_id=workshop.id, quiz_slug=quiz.slug))


@bp.route("/case-studies/<quiz_slug>/<question_id>", methods=["GET", "POST"])
@login_required
def case_review(workshop_id: int, quiz_slug: str, question_id: str):
    workshop = managed_or_abort(workshop_id)
    quiz = _quiz(workshop, quiz_slug)
    question = quiz.question(question_id)
    if question is None or not question_type(question.type).trainer_assessable:
        abort(404)
    session = get_session()
    answers = debrief.case_answers(session, workshop, quiz, question_id)
    if request.method == "POST":
        form = FeedbackForm()
        answer_id = request.form.get("answer_id", type=int)
        # Only answers of this workshop's participants to this question can be commented on.
        target = next((a for _m, a in answers if a.id == answer_id), None)
        if target is None or not form.validate_on_submit():
            abort(400 if target is not None else 404)
        feedback = (form.feedback.data or "").strip() or None
        if workshop.assess_case_studies and form.verdict.data:
            case_assessment.assess(
                target, CaseVerdict(form.verdict.data), feedback, current_user.id
            )
            module = get_catalogue().module(quiz.module)
            if target.assessment == CaseVerdict.MEETS and module is not None:
                # The case study may have been the module's last requirement (a module held
                # back for content problems cannot complete until it is served again).
                completion.after_assessment(
                    session, target.attempt.user_id, module, get_catalogue()
                )
            flash(_("Assessment saved; the participant sees it in their results."), "success")
        else:
            target.trainer_feedback = feedback
            target.feedback_by_id, target.feedback_at = current_user.id, utcnow()
            flash(_("Feedback saved; the participant sees it in their results."), "success")
        return redirect(request.path)
    return render_template(
        "workshops/case_review.html",
        workshop=workshop,
        quiz=quiz,
        question=question,
        answers=answers,
        form=FeedbackForm(),
    )


@bp.post("/close")
@login_required
def close(workshop_id: int):
    workshop = managed_or_abort(workshop_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    with refusable(flash_as="error"):
        summary = closing.close(get_session(), workshop)
        flash(
            _(
                "The workshop is closed: %(c)d completion records carry it, %(p)d certificates "
                "of participation were issued.",
                c=summary.completion_records,
                p=summary.participation_records,
            ),
            "success",
        )
    return redirect(url_for("workshops.show", workshop_id=workshop.id))


def _attachment(workshop, extension: str) -> dict[str, str]:
    name = f"workshop-{workshop.id}-{date.today().isoformat()}.{extension}"
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@bp.get("/roster.<any(csv, xlsx):kind>")
@login_required
def roster_file(workshop_id: int, kind: str):
    workshop = managed_or_abort(workshop_id)
    rows = dashboard.roster(get_session(), workshop, get_catalogue())
    header, table = roster_table(workshop, rows, get_catalogue())
    if kind == "csv":
        return Response(
            "".join(exports.csv_stream(header, table)),
            mimetype="text/csv",
            headers=_attachment(workshop, "csv"),
        )
    return Response(
        exports.xlsx_bytes("Roster", header, table),
        headers={
            "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            **_attachment(workshop, "xlsx"),
        },
    )


@bp.get("/certificates.pdf")
@login_required
def certificates(workshop_id: int):
    workshop = managed_or_abort(workshop_id)
    records = closing.certificates(get_session(), workshop)
    if not records:
        flash(
            _(
                "No certificates yet: they are issued as participants complete modules and "
                "when the workshop is closed."
            ),
            "info",
        )
        return redirect(url_for("workshops.show", workshop_id=workshop.id))
    issuer = current_app.config["CERTIFICATE_ISSUER"]
    texts = [
        certificate_text(
            r, issuer, url_for("records.verify", code=r.verification_code, _external=True)
        )
        for r in records
    ]
    return Response(
        certificates_pdf(texts), mimetype="application/pdf", headers=_attachment(workshop, "pdf")
    )
