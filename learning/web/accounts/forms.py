"""Account forms. Only declared fields are read, so extra posted fields (role=admin) are ignored.

Forms check shape (required, lengths, e-mail syntax); the password policy, uniqueness and name
rules live in the services and come back as field errors.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length

from learning.accounts.models import OrganisationKind
from learning.geography.countries import countries

ORGANISATION_KINDS = [
    SelectChoice(OrganisationKind.UN_AGENCY.value, _l("UN agency")),
    SelectChoice(OrganisationKind.GOVERNMENT.value, _l("Government, police or border authority")),
    SelectChoice(OrganisationKind.ASYLUM_AUTHORITY.value, _l("Asylum authority")),
    SelectChoice(OrganisationKind.NGO.value, _l("Non-governmental organisation (NGO)")),
    SelectChoice(OrganisationKind.OTHER.value, _l("Other")),
]


def _country_choices() -> list[SelectChoice]:
    return [SelectChoice("", _l("Choose a country"))] + [
        SelectChoice(code, name) for code, name in countries()
    ]


def _strip(value: str | None) -> str | None:
    """Pasted addresses often carry spaces; they are never part of an address."""
    return value.strip() if isinstance(value, str) else value


class RegisterForm(FlaskForm):
    display_name = StringField(
        _l("Your name"),
        validators=[DataRequired(), Length(max=120)],
        description=_l("As it should appear on your certificates."),
        render_kw={"autocomplete": "name"},
    )
    email = EmailField(
        _l("E-mail address"),
        validators=[DataRequired(), Email(), Length(max=254)],
        filters=[_strip],
        render_kw={"autocomplete": "email"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(), Length(max=256)],
        description=_l("At least 10 characters. A short sentence is easy to remember."),
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[InputRequired(), EqualTo("password", message=_l("The passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )
    # No kind is chosen for the person: an empty first option, refused until they pick one.
    organisation_kind = SelectField(
        _l("Type of organisation"),
        choices=[SelectChoice("", _l("Choose…"))] + ORGANISATION_KINDS,
        validators=[InputRequired(message=_l("Choose the type of your organisation."))],
    )
    organisation_name = StringField(
        _l("Organisation"),
        validators=[DataRequired(), Length(max=200)],
        render_kw={"autocomplete": "organization"},
    )
    country = SelectField(_l("Country where you work"), validators=[InputRequired()])
    submit = SubmitField(_l("Create account"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.country.choices = _country_choices()


class SetupForm(RegisterForm):
    submit = SubmitField(_l("Create the administrator account"))


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[DataRequired(), Length(max=254)],
        filters=[_strip],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(), Length(max=256)],
        render_kw={"autocomplete": "current-password"},
    )
    submit = SubmitField(_l("Log in"))


class DisplayNameForm(FlaskForm):
    display_name = StringField(
        _l("Your name"),
        validators=[DataRequired(), Length(max=120)],
        render_kw={"autocomplete": "name"},
    )
    submit = SubmitField(_l("Save name"))


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[InputRequired(), Length(max=256)],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = PasswordField(
        _l("New password"),
        validators=[InputRequired(), Length(max=256)],
        description=_l("At least 10 characters. Other devices will be logged out."),
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[InputRequired(), EqualTo("new_password", message=_l("The passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Change password"))


class LogoutForm(FlaskForm):
    """An empty form: logging out is a POST with a CSRF token, never a link."""

    submit = SubmitField(_l("Log out"))


class CloseAccountForm(FlaskForm):
    """Closing an account cannot be undone: the password and an explicit tick are both needed."""

    current_password = PasswordField(
        _l("Your password"),
        validators=[InputRequired(), Length(max=256)],
        render_kw={"autocomplete": "current-password"},
    )
    confirm = BooleanField(
        _l(
            "I understand that my account and my learning history will be erased, and that "
            "this cannot be undone."
        ),
        validators=[
            DataRequired(message=_l("Tick the box to confirm that you want to close your account."))
        ],
    )
    submit = SubmitField(_l("Close my account"))
