"""Public catalogue and module overviews; lessons for logged-in learners; the sources page."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request, session, url_for
from flask_login import current_user, login_required

from learning.completion import status
from learning.content import get_catalogue
from learning.content.course import Lesson, Module
from learning.db import get_session
from learning.locales import locale_name
from learning.web.content import lesson_page
from learning.web.progress.forms import CompleteLessonForm, StartModuleForm

bp = Blueprint("content", __name__)


def _module_or_404(slug: str) -> Module:
    module = get_catalogue().module(slug)
    if module is None:
        abort(404)
    return module


def _module_states() -> dict[str, status.ModuleProgress]:
    """The current learner's progress by module slug (empty for visitors)."""
    if not current_user.is_authenticated:
        return {}
    entries = status.dashboard(get_session(), current_user.id, get_catalogue())
    return {entry.module.slug: entry for entry in entries}


def _completed_in(path, states: dict[str, status.ModuleProgress]) -> int:
    return sum(1 for name in path.modules if name in states and states[name].is_complete)


@bp.get("/")
def catalogue():
    catalogue = get_catalogue()
    anonymous = not current_user.is_authenticated and not session.get("_flashes")
    cache = current_app.extensions.setdefault("learning.catalogue_html", {})
    key = (id(catalogue), locale_name())
    if anonymous and key in cache:
        # Visitors all see the same page until the content changes: render it once.
        return cache[key]
    states = _module_states()
    html = render_template(
        "content/catalogue.html",
        modules=catalogue.modules,
        paths=catalogue.paths,
        states=states,
        done={p.slug: _completed_in(p, states) for p in catalogue.paths},
    )
    if anonymous:
        cache[key] = html
    return html


@bp.get("/paths/<slug>")
def learning_path(slug: str):
    catalogue = get_catalogue()
    path = catalogue.path(slug)
    if path is None:
        abort(404)
    modules = [catalogue.module(name) for name in path.modules]
    states = _module_states()
    return render_template(
        "content/path.html",
        path=path,
        modules=modules,
        states=states,
        done={path.slug: _completed_in(path, states)},
    )


@bp.get("/glossary")
def glossary():
    query = " ".join(request.args.get("q", "").split())[:100]
    terms = get_catalogue().glossary
    if query:
        needle = query.casefold()
        terms = tuple(
            t
            for t in terms
            if needle in t.term.casefold()
            or needle in t.definition.casefold()
            or any(needle in a.casefold() for a in t.aliases)
        )
    return render_template(
        "content/glossary.html", terms=terms, query=query, sources=get_catalogue().sources
    )


@bp.get("/resources")
def resources():
    catalogue = get_catalogue()
    return render_template(
        "content/resources.html",
        instruments=catalogue.instruments,
        practices=catalogue.practices,
        sources=catalogue.sources,
    )


@bp.get("/modules/<slug>")
def module(slug: str):
    module = _module_or_404(slug)
    quiz = get_catalogue().quiz_for(slug)
    state = None
    if current_user.is_authenticated:
        state = status.module_progress(
            get_session(), current_user.id, module, quiz.slug if quiz else None
        )
    return render_template(
        "content/module.html",
        module=module,
        progress=state,
        quiz=quiz,
        sources=get_catalogue().sources,
        start_form=StartModuleForm(),
    )


@bp.get("/modules/<slug>/<lesson_slug>")
def lesson(slug: str, lesson_slug: str):
    module = _module_or_404(slug)
    lesson = module.lesson(lesson_slug)
    if lesson is None:
        abort(404)
    page = lesson_page.cached_page(module, lesson)
    return page if page is not None else _full_lesson(module, lesson)


@login_required
def _full_lesson(module: Module, lesson: Lesson) -> str:
    """The lesson page rendered in full; also what ``lesson_page`` caches."""
    cacheable = not session.get("_flashes")  # rendering consumes one-off messages
    # Lessons only: the quiz summary is not needed on the page read most often.
    state = status.module_progress(get_session(), current_user.id, module)
    previous, following = module.neighbours(lesson)
    html = render_template(
        "content/lesson.html",
        module=module,
        lesson=lesson,
        progress=state,
        quiz=get_catalogue().quiz_for(module.slug),
        glossary=get_catalogue().glossary_for_links(url_for("content.glossary")),
        previous=previous,
        following=following,
        sources=get_catalogue().sources,
        complete_form=CompleteLessonForm(),
    )
    if cacheable:
        lesson_page.keep_page(module, lesson, current_user.is_admin, state.completed_lessons, html)
    return html


@bp.get("/sources")
def sources():
    documents = list(get_catalogue().sources.values())
    groups = [(kind, [d for d in documents if d.kind == kind]) for kind in SOURCE_KINDS]
    return render_template("content/sources.html", groups=[g for g in groups if g[1]])


# The Sources page shows the seed documents (the course's core) apart from the instruments
# and guidance that fill what the seeds only refer to.
SOURCE_KINDS = ("seed", "legal_instrument", "policy", "report")
