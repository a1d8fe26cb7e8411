"""Completion: "every lesson read, the quiz passed (and its case study assessed where a trainer
assesses it) -> the module is complete -> its records are issued, attached to the open
workshop". This package owns that rule; views call it, and it calls the domains below it
(progress, quizzes, records, workshops), none of which knows about the others' part.
"""
