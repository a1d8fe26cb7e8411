"""Question types; importing this package registers every type in ``QuestionType.registry``."""

from learning.quizzes.types import case_study, choice, scenario  # noqa: F401 - registration
from learning.quizzes.types.base import QuestionType, question_type

__all__ = ["QuestionType", "question_type"]
