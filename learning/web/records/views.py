"""Learners' records and certificates, and the public verification pages."""

from __future__ import annotations

import logging

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from learning.db import get_session
from learning.errors import NotFoundError
from learning.extensions import limiter
from learning.records import services
from learning.records.certificate import certificate_pdf, certificate_text
from learning.web.records.forms import VerifyForm

bp = Blueprint("records", __name__)
security_log = logging.getLogger("learning.security")
verify_limit = limiter.limit(lambda: current_app.config["RATELIMIT_VERIFY"])


def _text(record):
    url = url_for("records.verify", code=record.verification_code, _external=True)
    return certificate_text(record, current_app.config["CERTIFICATE_ISSUER"], url)


def _owned(code: str):
    try:
        return services.owned_record(get_session(), current_user, code)
    except NotFoundError:
        abort(404)


@bp.get("/my-records")
@login_required
def my_records():
    return render_template(
        "records/my_records.html", records=services.records_of(get_session(), current_user.id)
    )


@bp.get("/records/<code>/certificate.pdf")
@login_required
def certificate_download(code: str):
    record = _owned(code)
    filename = f"certificate-{record.subject_slug}-{record.verification_code[:8]}.pdf"
    return Response(
        certificate_pdf(_text(record)),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/records/<code>/certificate")
@login_required
def certificate_page(code: str):
    record = _owned(code)
    return render_template("records/certificate.html", record=record, text=_text(record))


@bp.get("/verify")
@verify_limit
def verify_form():
    form = VerifyForm(request.args)
    if request.args and form.validate():
        return redirect(url_for("records.verify", code=form.code.data.strip()))
    return render_template("records/verify_form.html", form=form)


@bp.get("/verify/<code>")
@verify_limit
def verify(code: str):
    record = services.find(get_session(), code[:64])
    security_log.info(
        "Verification lookup from %s: %s",
        request.remote_addr,
        "found" if record else "unknown code",
    )
    if record is None:
        return render_template(
            "records/verify.html", record=None, text=None, form=VerifyForm()
        ), 404
    return render_template(
        "records/verify.html", record=record, text=_text(record), form=VerifyForm()
    )
