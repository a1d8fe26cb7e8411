"""Quiz forms. Answers are read by each question type from the posted form; these forms carry
the CSRF token and the buttons."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField


class StartAttemptForm(FlaskForm):
    submit = SubmitField(_l("Start the quiz"))


class AnswerForm(FlaskForm):
    submit = SubmitField(_l("Save and continue"))


class SubmitAttemptForm(FlaskForm):
    submit = SubmitField(_l("Submit my answers"))
