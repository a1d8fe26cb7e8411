"""Workshops: trainers run regional trainings with a cohort on the platform."""
