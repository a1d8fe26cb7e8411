"""Quiz pages. Attempts are found by (current user, quiz, attempt number): a learner can only
ever reach their own attempts, whatever number they put in the URL."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from learning.completion import rule as completion
from learning.content import get_catalogue
from learning.content.assessments.types import question_type
from learning.content.assessments.types.base import ResponseError
from learning.db import get_session
from learning.errors import DomainError, NotFoundError
from learning.extensions import limiter
from learning.quizzes import case_assessment, services
from learning.quizzes.models import AttemptStatus
from learning.quizzes.retakes import retake_state
from learning.transactions import keep_changes
from learning.web.quizzes.forms import AnswerForm, StartAttemptForm, SubmitAttemptForm
from learning.web.refusals import refusable
from learning.workshops.open_workshops import assessing_workshop

bp = Blueprint("quizzes", __name__, url_prefix="/modules/<slug>/quiz")


def _per_learner() -> str:
    return f"user:{current_user.get_id()}" if current_user.is_authenticated else "anonymous"


quiz_limit = limiter.limit(
    lambda: current_app.config["RATELIMIT_QUIZ"], methods=["POST"], key_func=_per_learner
)


def _module_and_quiz(slug: str):
    catalogue = get_catalogue()
    module, quiz = catalogue.module(slug), catalogue.quiz_for(slug)
    if module is None or quiz is None:
        abort(404)
    return module, quiz


def _attempt(slug: str, quiz, number: int, lock: bool = False):
    try:
        return services.get_attempt(get_session(), current_user.id, quiz.slug, number, lock)
    except NotFoundError:
        abort(404)


def _item_url(slug: str, number: int, question_id: str) -> str:
    return url_for("quizzes.question", slug=slug, number=number, question_id=question_id)


def _next_item(quiz, attempt, after: str | None = None) -> str | None:
    """The first unfinished question (after ``after`` if given), or None when all are done."""
    answers = services.answers_by_question(attempt)
    ids = [q.id for q in services.questions_of(attempt, quiz)]
    order = ids[ids.index(after) + 1 :] + ids if after in ids else ids
    for question_id in order:
        question = quiz.question(question_id)
        response = getattr(answers.get(question_id), "response", None)
        if not question_type(question.type).is_complete(question, response):
            return question_id
    return None


@bp.get("")
@login_required
def overview(slug: str):
    module, quiz = _module_and_quiz(slug)
    session = get_session()
    attempts = services.list_attempts(session, current_user.id, quiz.slug)
    current = next(
        (
            a
            for a in attempts
            if a.status == AttemptStatus.IN_PROGRESS and a.quiz_version == quiz.version
        ),
        None,
    )
    retake = retake_state(session, current_user.id, quiz, attempts)
    return render_template(
        "quizzes/overview.html",
        module=module,
        quiz=quiz,
        attempts=attempts,
        current=current,
        retake=retake,
        form=StartAttemptForm(),
    )


@bp.post("/start")
@login_required
@quiz_limit
def start(slug: str):
    _module, quiz = _module_and_quiz(slug)
    if not StartAttemptForm().validate_on_submit():
        abort(400)
    session = get_session()
    with refusable(flash_as="error") as refused:
        attempt = services.start_attempt(session, current_user.id, quiz)
    if refused:
        # The service closed the attempts a changed quiz file outdated before it refused, and
        # the refusal took that back with the rest; they stay closed whatever the refusal, so
        # they are closed again here, in a step of their own that the request commits.
        for earlier in services.list_attempts(session, current_user.id, quiz.slug):
            services.close_if_outdated(earlier, quiz)
        return redirect(url_for("quizzes.overview", slug=slug))
    target = _next_item(quiz, attempt) or services.questions_of(attempt, quiz)[0].id
    return redirect(_item_url(slug, attempt.attempt_no, target))


@bp.route("/attempts/<id:number>/<question_id>", methods=["GET", "POST"])
@login_required
@quiz_limit
def question(slug: str, number: int, question_id: str):
    module, quiz = _module_and_quiz(slug)
    session = get_session()
    attempt = _attempt(slug, quiz, number, lock=request.method == "POST")
    shown = services.questions_of(attempt, quiz)
    question = quiz.question(question_id)
    if question is None or question not in shown:
        abort(404)
    if attempt.status == AttemptStatus.SUBMITTED:
        return redirect(url_for("quizzes.result", slug=slug, number=number))
    if services.close_if_outdated(attempt, quiz) or attempt.status != AttemptStatus.IN_PROGRESS:
        keep_changes()  # the attempt stays closed even when a GET found it outdated
        flash(
            _(
                "This quiz was updated after you started it, so that attempt has been closed. "
                "Your answers are kept for the record; please start again."
            ),
            "info",
        )
        return redirect(url_for("quizzes.overview", slug=slug))
    error = None
    if request.method == "POST":
        kind = question_type(question.type)
        # Asked only for a type a trainer may assess: it costs a query on every answer.
        trainer_assessed = (
            kind.trainer_assessable
            and assessing_workshop(session, current_user.id, quiz.module) is not None
        )
        # The form is only the CSRF token and a button, and CSRFProtect has already checked the
        # token before this view ran; the answer itself is read by the question's type.
        with refusable(ResponseError, DomainError) as refused:
            services.save_response(
                session, attempt, quiz, question_id, request.form, trainer_assessed=trainer_assessed
            )
        if refused:
            error = refused.message
        else:
            answer = services.answers_by_question(attempt)[question_id]
            done = kind.is_complete(question, answer.response)
            if kind.review_when_complete or not done:
                # The page shows the consequence and the next situation (or the next step).
                return redirect(_item_url(slug, number, question_id))
            following = _next_item(quiz, attempt, after=question_id)
            if following is None:
                return redirect(url_for("quizzes.attempt", slug=slug, number=number))
            return redirect(_item_url(slug, number, following))
    answer = services.answers_by_question(attempt).get(question_id)
    response = answer.response if answer else None
    position = shown.index(question)
    kind = question_type(question.type)
    complete = kind.is_complete(question, response)
    review = (
        kind.grade(question, response).review if complete and kind.review_when_complete else None
    )
    return render_template(
        "quizzes/question.html",
        module=module,
        quiz=quiz,
        attempt=attempt,
        question=question,
        response=response,
        position=position,
        shown=shown,
        form=AnswerForm(),
        error=error,
        reveal=services.has_passed(session, current_user.id, quiz.slug),
        kind=kind,
        template=kind.template,
        complete=complete,
        review=review,
        sources=get_catalogue().sources,
        choices=services.ordered_choices(quiz, attempt, question),
        next_id=_next_item(quiz, attempt, after=question_id),
    ), 400 if error else 200


@bp.get("/attempts/<id:number>")
@login_required
def attempt(slug: str, number: int):
    module, quiz = _module_and_quiz(slug)
    attempt = _attempt(slug, quiz, number)
    if attempt.status == AttemptStatus.SUBMITTED:
        return redirect(url_for("quizzes.result", slug=slug, number=number))
    answers = services.answers_by_question(attempt)
    status = [
        (q, question_type(q.type).is_complete(q, getattr(answers.get(q.id), "response", None)))
        for q in services.questions_of(attempt, quiz)
    ]
    return render_template(
        "quizzes/attempt.html",
        module=module,
        quiz=quiz,
        attempt=attempt,
        status=status,
        form=SubmitAttemptForm(),
        ready=all(done for _q, done in status),
        current=attempt.status == AttemptStatus.IN_PROGRESS
        and attempt.quiz_version == quiz.version,
    )


@bp.post("/attempts/<id:number>/submit")
@login_required
@quiz_limit
def submit(slug: str, number: int):
    module, quiz = _module_and_quiz(slug)
    if not SubmitAttemptForm().validate_on_submit():
        abort(400)
    session = get_session()
    attempt = _attempt(slug, quiz, number, lock=True)
    with refusable(flash_as="error") as refused:
        newly = services.submit_attempt(session, attempt, quiz)
    if refused:
        # A changed quiz file: the service closed the attempt, then refused, and the refusal
        # took the closing back with the rest. It stays closed: closed again on its own here.
        services.close_if_outdated(attempt, quiz)
        return redirect(url_for("quizzes.attempt", slug=slug, number=number))
    completed = (
        newly
        and attempt.passed
        and completion.after_assessment(session, current_user.id, module, get_catalogue())
    )
    if completed:
        flash(_("You have completed the module “%(title)s”.", title=module.title), "success")
    return redirect(url_for("quizzes.result", slug=slug, number=number))


@bp.get("/attempts/<id:number>/result")
@login_required
def result(slug: str, number: int, error: str | None = None, status: int = 200):
    module, quiz = _module_and_quiz(slug)
    attempt = _attempt(slug, quiz, number)
    if attempt.status != AttemptStatus.SUBMITTED:
        return redirect(url_for("quizzes.attempt", slug=slug, number=number))
    reveal = attempt.passed or services.has_passed(get_session(), current_user.id, quiz.slug)
    return render_template(
        "quizzes/result.html",
        module=module,
        quiz=quiz,
        attempt=attempt,
        sources=get_catalogue().sources,
        reveal=reveal,
        unsafe=services.unsafe_decisions(attempt),
        revise_form=AnswerForm(),
        error=error,
    ), status


@bp.post("/attempts/<id:number>/case/<question_id>/revise")
@login_required
@quiz_limit
def revise_case(slug: str, number: int, question_id: str):
    """A revised case-study answer after a trainer's "not yet"; it waits for them again."""
    _module, quiz = _module_and_quiz(slug)
    question = quiz.question(question_id)
    attempt = _attempt(slug, quiz, number, lock=True)
    answer = services.answers_by_question(attempt).get(question_id)
    if question is None or not question_type(question.type).trainer_assessable or answer is None:
        abort(404)
    with refusable(ResponseError, DomainError) as refused:
        case_assessment.revise(answer, question, request.form)
    if refused:
        return result(slug, number, error=refused.message, status=400)
    flash(_("Your revised answer is saved; your trainer will assess it again."), "success")
    return redirect(url_for("quizzes.result", slug=slug, number=number))
