"""Workshop forms: details, facilitators, attendance, codes, import, feedback."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from learning.geography.countries import countries
from learning.geography.regions import REGIONS


class WorkshopForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=160)])
    region = SelectField(_l("Region"), validators=[DataRequired()])
    country = SelectField(_l("Country"), validators=[DataRequired()])
    location = StringField(_l("City or venue"), validators=[DataRequired(), Length(max=160)])
    starts_on = DateField(_l("First day"), validators=[DataRequired()])
    ends_on = DateField(_l("Last day"), validators=[DataRequired()])
    language = StringField(
        _l("Language"), validators=[DataRequired(), Length(max=40)], default="English"
    )
    modules = SelectMultipleField(
        _l("Modules"),
        validators=[DataRequired()],
        description=_l("In the order you will take them (hold Ctrl or Cmd to pick several)."),
    )
    path = SelectField(
        _l("Or a whole learning path"),
        validators=[Optional()],
        description=_l("Its modules are added after any you picked above."),
    )
    capacity = IntegerField(
        _l("Capacity"),
        validators=[Optional(), NumberRange(1, 1000)],
        description=_l("Leave empty for no limit."),
    )
    participation_days = IntegerField(
        _l("Days needed for a certificate of participation"),
        default=1,
        validators=[DataRequired(), NumberRange(1, 31)],
    )
    assess_case_studies = BooleanField(
        _l("I assess participants' case studies"),
        description=_l(
            "You mark each case-study answer against its rubric (meets or not yet, "
            "with feedback); a module completes only when its case study meets, and "
            "the certificate says it was assessed by a trainer. Otherwise "
            "participants assess themselves."
        ),
    )
    submit = SubmitField(_l("Save the workshop"))

    def __init__(
        self, modules: list[tuple[str, str]], paths: list[tuple[str, str]], *args, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.region.choices = [SelectChoice("", _l("Choose a region"))] + [
            SelectChoice(region, region) for region in REGIONS
        ]
        self.country.choices = [SelectChoice("", _l("Choose a country"))] + [
            SelectChoice(code, name) for code, name in countries()
        ]
        self.modules.choices = [SelectChoice(slug, title) for slug, title in modules]
        self.path.choices = [SelectChoice("", _l("No path"))] + [
            SelectChoice(slug, title) for slug, title in paths
        ]
        if paths:
            self.modules.validators = [Optional()]


class FacilitatorForm(FlaskForm):
    email = StringField(
        _l("Co-facilitator's e-mail"), validators=[DataRequired(), Email(), Length(max=254)]
    )
    submit = SubmitField(_l("Add co-facilitator"))


class ActionForm(FlaskForm):
    """A button that changes state: open, close, share, check-in (CSRF token only)."""

    submit = SubmitField(_l("Confirm"))


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code"),
        validators=[DataRequired(), Length(max=40)],
        render_kw={"autocomplete": "off", "autocapitalize": "characters"},
    )
    submit = SubmitField(_l("Continue"))


class ImportForm(FlaskForm):
    file = FileField(
        _l("CSV file"),
        validators=[FileRequired()],
        description=_l(
            "Columns: name, email, organisation_type, organisation, country. UTF-8, at most 100 KB."
        ),
    )
    submit = SubmitField(_l("Check the file"))


class ConfirmImportForm(FlaskForm):
    payload = HiddenField(validators=[DataRequired(), Length(max=150_000)])
    submit = SubmitField(_l("Add these participants"))


class FeedbackForm(FlaskForm):
    feedback = TextAreaField(_l("Feedback"), validators=[Length(max=3000)])
    # Only in workshops whose trainer assesses case studies; empty keeps the verdict as it is.
    verdict = RadioField(
        _l("Against the rubric, this answer"),
        validators=[Optional()],
        choices=[
            SelectChoice("meets", _l("meets it")),
            SelectChoice("not_yet", _l("does not yet")),
        ],
    )
    submit = SubmitField(_l("Save feedback"))
