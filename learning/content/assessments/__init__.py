"""Quiz files as content: their definitions, the question types that parse and grade them
(grading is a pure function of a definition and a response), and the rules a quiz must meet.
Attempts and answers, which live in the database, are ``learning.quizzes``."""
