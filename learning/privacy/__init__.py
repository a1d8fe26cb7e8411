"""Personal data across the domains: downloading everything about a person, closing an account.

This package sits above the domains so that none of them has to know the others: each domain
offers a handler for its own tables (``learning/<domain>/privacy.py``), ``registry`` lists
them, and ``service`` runs them and applies the rules that span domains. No domain imports
this package (see .importlinter).
"""

from learning.privacy.service import close_account, close_own_account, export_data

__all__ = ["close_account", "close_own_account", "export_data"]
