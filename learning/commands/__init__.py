"""Command-line groups (``flask users``, ``flask content``...), one module per domain."""
