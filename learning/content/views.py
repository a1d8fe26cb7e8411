"""Public catalogue and module overviews; lessons for logged-in learners; the sources page."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import current_user, login_required

from learning.content import get_catalogue
from learning.content.catalogue import Module
from learning.db import get_session
from learning.progress import services as progress
from learning.progress.forms import CompleteLessonForm, StartModuleForm

bp = Blueprint("content", __name__)


def _module_or_404(slug: str) -> Module:
    module = get_catalogue().module(slug)
    if module is None:
        abort(404)
    return module


@bp.get("/")
def catalogue():
    return render_template("content/catalogue.html", modules=get_catalogue().modules)


@bp.get("/modules/<slug>")
def module(slug: str):
    module = _module_or_404(slug)
    quiz = get_catalogue().quiz_for(slug)
    state = None
    if current_user.is_authenticated:
        state = progress.module_progress(get_session(), current_user.id, module,
                                         quiz.slug if quiz else None)
    return render_template("content/module.html", module=module, progress=state, quiz=quiz,
                           sources=get_catalogue().sources, start_form=StartModuleForm())


@bp.get("/modules/<slug>/<lesson_slug>")
@login_required
def lesson(slug: str, lesson_slug: str):
    module = _module_or_404(slug)
    lesson = module.lesson(lesson_slug)
    if lesson is None:
        abort(404)
    # Lessons only: the quiz summary is not needed on the page read most often.
    state = progress.module_progress(get_session(), current_user.id, module)
    previous, following = module.neighbours(lesson)
    return render_template(
        "content/lesson.html", module=module, lesson=lesson, progress=state,
        quiz=get_catalogue().quiz_for(slug),
        previous=previous, following=following, sources=get_catalogue().sources,
        complete_form=CompleteLessonForm(),
    )


@bp.get("/sources")
def sources():
    return render_template("content/sources.html", documents=get_catalogue().sources.values())
