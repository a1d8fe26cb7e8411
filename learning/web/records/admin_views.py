"""The administrator's record list: filters, revoke, re-issue, CSV and XLSX exports."""

from __future__ import annotations

import logging
from datetime import date

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from learning.accounts.models import OrganisationKind
from learning.accounts.permissions import admin_required
from learning.content import get_catalogue
from learning.db import get_session
from learning.paging import requested_page
from learning.records import exports, reports, services
from learning.transactions import after_commit
from learning.web.records.forms import RecordFilterForm, ReissueForm, RevokeForm
from learning.web.refusals import refusable
from learning.workshops.models import Workshop

bp = Blueprint("records_admin", __name__, url_prefix="/admin/records")
security_log = logging.getLogger("learning.security")


def _subjects() -> list[tuple[str, str]]:
    """Modules and paths of the catalogue, plus any subject records exist for (a module that
    was since removed keeps its records and must stay filterable)."""
    catalogue = get_catalogue()
    subjects = {m.slug: m.title for m in catalogue.modules}
    subjects.update({p.slug: p.title for p in catalogue.paths})
    for slug, title in reports.issued_subjects(get_session()):
        subjects.setdefault(slug, title)
    return sorted(subjects.items(), key=lambda pair: pair[1].casefold())


def _filters() -> tuple[RecordFilterForm, reports.RecordFilter]:
    workshops = [
        (w.id, f"{w.title} ({w.starts_on.isoformat()})")
        for w in get_session().scalars(select(Workshop).order_by(Workshop.starts_on.desc()))
    ]
    form = RecordFilterForm(_subjects(), request.args, workshops=workshops)
    if not form.validate():
        return form, reports.RecordFilter()
    kind = form.organisation_kind.data
    return form, reports.RecordFilter(
        date_from=form.date_from.data,
        date_to=form.date_to.data,
        subject=form.subject.data or None,
        organisation_kind=OrganisationKind(kind) if kind else None,
        country=form.country.data or None,
        region=form.region.data or None,
        workshop_id=int(form.workshop.data) if form.workshop.data else None,
    )


@bp.get("")
@admin_required
def index():
    form, filters = _filters()
    number = requested_page()
    session = get_session()
    return render_template(
        "records/admin.html",
        form=form,
        records=reports.page(session, filters, number),
        total=reports.count(session, filters),
        number=number,
        revoke_form=RevokeForm(),
        reissue_form=ReissueForm(),
        query=request.query_string.decode(),
    )


@bp.post("/<code>/revoke")
@admin_required
def revoke(code: str):
    form = RevokeForm()
    if form.validate_on_submit():
        with refusable(flash_as="error"):
            record = services.revoke(get_session(), code, form.reason.data)
            after_commit(
                security_log.info, "Record %s revoked by user %s", record.id, current_user.id
            )
            flash(_("The record is revoked. Its verification page now says so."), "success")
    else:
        flash(_("Give the reason for revoking this record."), "error")
    return redirect(request.referrer if _same_site(request.referrer) else url_for(".index"))


@bp.post("/<code>/reissue")
@admin_required
def reissue(code: str):
    if ReissueForm().validate_on_submit():
        with refusable(flash_as="error"):
            record = services.reissue(get_session(), code)
            after_commit(
                security_log.info, "Record %s re-issued by user %s", record.id, current_user.id
            )
            flash(_("The record is valid again, with the same verification code."), "success")
    return redirect(request.referrer if _same_site(request.referrer) else url_for(".index"))


def _same_site(url: str | None) -> bool:
    return bool(url) and url.startswith(request.host_url + "admin/records")


def _filename(extension: str) -> str:
    return f"completion-records-{date.today().isoformat()}.{extension}"


@bp.get("/export.csv")
@admin_required
def export_csv():
    _form, filters = _filters()
    security_log.info("Records exported as CSV by user %s", current_user.id)

    def stream():
        # The session is taken inside the streamed context: the view's own session is closed
        # before the first row is sent, and one taken here is closed when the stream ends.
        yield from exports.csv_stream(reports.HEADER, reports.rows(get_session(), filters))

    return Response(
        stream_with_context(stream()),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{_filename("csv")}"'},
    )


@bp.get("/export.xlsx")
@admin_required
def export_xlsx():
    _form, filters = _filters()
    security_log.info("Records exported as XLSX by user %s", current_user.id)
    data = exports.xlsx_bytes(
        "Completion records", reports.HEADER, reports.rows(get_session(), filters)
    )
    return Response(
        data,
        headers={
            "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Content-Disposition": f'attachment; filename="{_filename("xlsx")}"',
        },
    )
