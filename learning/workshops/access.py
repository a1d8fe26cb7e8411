"""Loading a workshop for the current user in views: 404 if missing, 403 (logged) if not theirs."""

from __future__ import annotations

import logging

from flask import abort, request
from flask_login import current_user

from learning.accounts.models import Role
from learning.db import get_session
from learning.errors import NotFoundError, PermissionDeniedError
from learning.workshops import services
from learning.workshops.models import Workshop

security_log = logging.getLogger("learning.security")


def managed_or_abort(workshop_id: int) -> Workshop:
    try:
        return services.get_managed(get_session(), current_user, workshop_id)
    except NotFoundError:
        abort(404)
    except PermissionDeniedError:
        security_log.warning(
            "Denied: user %s does not run workshop %s (%s %s)",
            current_user.id,
            workshop_id,
            request.method,
            request.path,
        )
        abort(403)


def require_trainer() -> None:
    if current_user.role not in (Role.TRAINER, Role.ADMIN):
        security_log.warning(
            "Denied: user %s is not a trainer (%s %s)",
            current_user.id,
            request.method,
            request.path,
        )
        abort(403)
