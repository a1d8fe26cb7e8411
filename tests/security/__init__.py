"""Security hardening tests (issue 8). COVERAGE.md maps every RELIABILITY.md item to its test."""
