"""Accounts: organisations, users, roles, registration, login and profile."""
