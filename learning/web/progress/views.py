"""Starting modules, completing lessons (POST only) and the learner's dashboard."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from learning.completion import rule as completion
from learning.completion import status
from learning.content import get_catalogue
from learning.db import get_session
from learning.progress import services
from learning.web.progress.forms import CompleteLessonForm, StartModuleForm

bp = Blueprint("progress", __name__)


@bp.get("/my-learning")
@login_required
def dashboard():
    entries = status.dashboard(get_session(), current_user.id, get_catalogue())
    return render_template(
        "progress/dashboard.html",
        in_progress=[entry for entry in entries if not entry.is_complete],
        finished=[entry for entry in entries if entry.is_complete],
    )


@bp.post("/modules/<slug>/start")
@login_required
def start(slug: str):
    module = get_catalogue().module(slug)
    if module is None or not StartModuleForm().validate_on_submit():
        abort(404 if module is None else 400)
    session = get_session()
    services.enrol(session, current_user.id, module)
    state = status.module_progress(session, current_user.id, module)
    lesson = state.next_lesson or module.lessons[0]
    return redirect(url_for("content.lesson", slug=slug, lesson_slug=lesson.slug))


@bp.post("/modules/<slug>/<lesson_slug>/complete")
@login_required
def complete(slug: str, lesson_slug: str):
    module = get_catalogue().module(slug)
    lesson = module.lesson(lesson_slug) if module else None
    if module is None or lesson is None:
        abort(404)
    if not CompleteLessonForm().validate_on_submit():
        abort(400)
    session = get_session()
    quiz = get_catalogue().quiz_for(slug)
    quiz_slug = quiz.slug if quiz else None
    finished = completion.complete_lesson(session, current_user.id, module, lesson, get_catalogue())
    if finished:
        flash(_("You have completed the module “%(title)s”.", title=module.title), "success")
        return redirect(url_for("content.module", slug=slug))
    state = status.module_progress(session, current_user.id, module, quiz_slug)
    _previous, following = module.neighbours(lesson)
    if following is not None and following.slug not in state.completed_lessons:
        return redirect(url_for("content.lesson", slug=slug, lesson_slug=following.slug))
    if state.next_lesson is not None:
        flash(_("Some lessons of this module are not complete yet."), "info")
        return redirect(url_for("content.lesson", slug=slug, lesson_slug=state.next_lesson.slug))
    if state.quiz_pending:
        flash(_("You have read every lesson. Take the quiz to complete the module."), "info")
        return redirect(url_for("quizzes.overview", slug=slug))
    return redirect(url_for("content.module", slug=slug))
