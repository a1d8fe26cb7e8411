"""Quizzes: scenario quizzes, classic questions and case studies; attempts and grading."""
