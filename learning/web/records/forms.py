"""Forms for verification, revocation and the administrator's record filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from learning.geography.countries import countries
from learning.geography.regions import REGIONS
from learning.web.accounts.forms import ORGANISATION_KINDS


class VerifyForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form: it changes nothing

    code = StringField(
        _l("Verification code"),
        validators=[DataRequired(), Length(max=64)],
        description=_l("As printed on the certificate, e.g. 7K2M-Q9PX-..."),
    )


class RevokeForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=500)])
    submit = SubmitField(_l("Revoke"))


class ReissueForm(FlaskForm):
    submit = SubmitField(_l("Re-issue"))


class RecordFilterForm(FlaskForm):
    class Meta:
        csrf = False  # filters travel in the query string; they change nothing

    date_from = DateField(_l("Completed from"), validators=[Optional()])
    date_to = DateField(_l("Completed until"), validators=[Optional()])
    subject = SelectField(_l("Module or path"), validators=[Optional()])
    organisation_kind = SelectField(_l("Type of organisation"), validators=[Optional()])
    country = SelectField(_l("Country"), validators=[Optional()])
    region = SelectField(_l("Region"), validators=[Optional()])
    workshop = SelectField(_l("Workshop"), validators=[Optional()])

    def __init__(
        self,
        subjects: list[tuple[str, str]],
        *args,
        workshops: list[tuple[int, str]] = (),
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        anything = SelectChoice("", _l("Any"))
        self.subject.choices = [anything] + [SelectChoice(slug, title) for slug, title in subjects]
        self.organisation_kind.choices = [anything] + ORGANISATION_KINDS
        self.country.choices = [anything] + [SelectChoice(c, n) for c, n in countries()]
        self.region.choices = [anything] + [SelectChoice(region, region) for region in REGIONS]
        self.workshop.choices = [anything] + [SelectChoice(str(i), t) for i, t in workshops]
