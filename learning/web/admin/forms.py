"""Forms for the administrator's users pages: the search (GET) and the three actions (POST)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from learning.accounts.models import Role
from learning.admin.services import StatusFilter

ROLE_LABELS = {
    Role.LEARNER: _l("Learner"),
    Role.TRAINER: _l("Trainer"),
    Role.ADMIN: _l("Administrator"),
}
ROLE_CHOICES = [SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()]
STATUS_CHOICES = [
    SelectChoice(StatusFilter.ACTIVE, _l("Active")),
    SelectChoice(StatusFilter.DEACTIVATED, _l("Deactivated")),
]


class UserSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form: it changes nothing

    q = StringField(
        _l("Search"),
        validators=[Optional(), Length(max=200)],
        description=_l("Part of a name, e-mail address, organisation or country."),
    )
    role = SelectField(
        _l("Role"), validators=[Optional()], choices=[SelectChoice("", _l("Any"))] + ROLE_CHOICES
    )
    status = SelectField(
        _l("Status"),
        validators=[Optional()],
        choices=[SelectChoice("", _l("Any"))] + STATUS_CHOICES,
    )


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, validators=[InputRequired()])
    submit = SubmitField(_l("Change role"))


class DeactivateForm(FlaskForm):
    submit = SubmitField(_l("Deactivate"))


class ReactivateForm(FlaskForm):
    submit = SubmitField(_l("Reactivate"))
