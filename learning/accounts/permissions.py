"""Role checks for views. A refusal is a 403, logged with who asked for what."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, request
from flask_login import current_user, login_required

security_log = logging.getLogger("learning.security")


def admin_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    @login_required
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_admin:
            security_log.warning(
                "Denied: user %s is not an administrator (%s %s)",
                current_user.id,
                request.method,
                request.path,
            )
            abort(403)
        return view(*args, **kwargs)

    return wrapper
