"""Forms behind the progress buttons: empty apart from the CSRF token."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField


class StartModuleForm(FlaskForm):
    submit = SubmitField(_l("Start this module"))


class CompleteLessonForm(FlaskForm):
    submit = SubmitField(_l("Mark complete and continue"))
