"""Trainer pages: workshops list, create/edit, open, dashboard, projector, facilitators."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from learning.content import get_catalogue
from learning.db import get_session, utcnow
from learning.web.refusals import refusable
from learning.web.workshops.forms import ActionForm, FacilitatorForm, WorkshopForm
from learning.workshops import dashboard, dashboard_cache, services
from learning.workshops.access import managed_or_abort, require_trainer
from learning.workshops.models import MemberRole

bp = Blueprint("workshops", __name__, url_prefix="/workshops")


def _form(**kwargs) -> WorkshopForm:
    catalogue = get_catalogue()
    return WorkshopForm(
        [(m.slug, m.title) for m in catalogue.modules],
        [(p.slug, p.title) for p in catalogue.paths],
        **kwargs,
    )


def _details(form: WorkshopForm) -> services.WorkshopDetails:
    modules = list(form.modules.data or [])
    path = get_catalogue().path(form.path.data) if form.path.data else None
    if path is not None:
        modules += [slug for slug in path.modules if slug not in modules]
    return services.WorkshopDetails(
        title=form.title.data.strip(),
        region=form.region.data,
        country=form.country.data,
        location=form.location.data.strip(),
        starts_on=form.starts_on.data,
        ends_on=form.ends_on.data,
        language=form.language.data.strip(),
        module_slugs=modules,
        capacity=form.capacity.data,
        participation_days=form.participation_days.data,
        assess_case_studies=bool(form.assess_case_studies.data),
    )


@bp.get("")
@login_required
def index():
    session = get_session()
    managed = (
        services.managed_by(session, current_user)
        if current_user.role in ("trainer", "admin")
        else []
    )
    joined = services.participant_workshops(session, current_user.id)
    return render_template("workshops/index.html", managed=managed, joined=joined)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    require_trainer()
    form = _form()
    if form.validate_on_submit():
        with refusable() as refused:
            workshop = services.create(get_session(), current_user, _details(form), get_catalogue())
            flash(
                _("The workshop is saved as a draft. Open it when participants may join."),
                "success",
            )
            return redirect(url_for(".show", workshop_id=workshop.id))
        form.title.errors.append(refused.message)
    return render_template("workshops/edit.html", form=form, workshop=None)


@bp.route("/<id:workshop_id>/edit", methods=["GET", "POST"])
@login_required
def edit(workshop_id: int):
    workshop = managed_or_abort(workshop_id)
    form = _form(obj=workshop)
    if request.method == "GET":
        form.modules.data = workshop.module_slugs
    if form.validate_on_submit():
        with refusable() as refused:
            services.update(get_session(), workshop, _details(form), get_catalogue())
            flash(_("The workshop is saved."), "success")
            return redirect(url_for(".show", workshop_id=workshop.id))
        form.title.errors.append(refused.message)
    return render_template("workshops/edit.html", form=form, workshop=workshop)


@bp.post("/<id:workshop_id>/open")
@login_required
def open_workshop(workshop_id: int):
    workshop = managed_or_abort(workshop_id)
    if ActionForm().validate_on_submit():
        with refusable(flash_as="error"):
            services.open_workshop(get_session(), workshop)
            flash(_("The workshop is open. Show the join code to participants."), "success")
    return redirect(url_for(".show", workshop_id=workshop.id))


@bp.get("/<id:workshop_id>")
@login_required
def show(workshop_id: int):
    workshop = managed_or_abort(workshop_id)
    session = get_session()
    catalogue = get_catalogue()
    view = "attention" if request.args.get("view") == "attention" else "all"
    idle = min(max(request.args.get("idle", 24, type=int) or 24, 1), 24 * 30)
    module = request.args.get("module") or None
    if module not in workshop.module_slugs:
        module = None

    # Reloading itself is the trainer's choice (WCAG 2.2.1), never a timed refresh unasked.
    live = request.args.get("live") == "1" and workshop.status.value == "open"

    def render_page() -> str:
        rows = dashboard.roster(session, workshop, catalogue)
        return render_template(
            "workshops/dashboard.html",
            workshop=workshop,
            catalogue=catalogue,
            total=len(rows),
            rows=dashboard.filter_rows(rows, view, idle, module),
            view=view,
            idle=idle,
            module=module,
            completed=dashboard.summary(rows, workshop.module_slugs),
            as_of=utcnow(),
            action=ActionForm(),
            facilitator_form=FacilitatorForm(),
            facilitators=services.members(session, workshop, MemberRole.FACILITATOR),
            live=live,
            refresh=current_app.config["DASHBOARD_REFRESH_SECONDS"],
        )

    return dashboard_cache.page(
        workshop.id, (view, idle, module, live, current_user.is_admin), render_page
    )


@bp.get("/<id:workshop_id>/projector")
@login_required
def projector(workshop_id: int):
    workshop = managed_or_abort(workshop_id)
    join_url = url_for("join.landing", code=workshop.join_code or "-", _external=True)
    return render_template("workshops/projector.html", workshop=workshop, join_url=join_url)


@bp.post("/<id:workshop_id>/facilitators")
@login_required
def add_facilitator(workshop_id: int):
    workshop = managed_or_abort(workshop_id)
    form = FacilitatorForm()
    if form.validate_on_submit():
        with refusable(flash_as="error"):
            services.add_facilitator(get_session(), workshop, form.email.data, get_catalogue())
            flash(_("Co-facilitator added."), "success")
    else:
        flash(_("Enter the e-mail address of a trainer."), "error")
    return redirect(url_for(".show", workshop_id=workshop.id))
