"""Completion records and verifiable certificates."""
