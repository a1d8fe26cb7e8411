"""Progress: enrolments in modules, lesson completion and the learner's dashboard."""
