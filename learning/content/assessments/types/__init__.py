"""Question types; importing this package registers every type in ``QuestionType.registry``."""

from learning.content.assessments.types import case_study, choice, scenario  # noqa: F401 - registration
from learning.content.assessments.types.base import QuestionType, question_type

__all__ = ["QuestionType", "question_type"]
