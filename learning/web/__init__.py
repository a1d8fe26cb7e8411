"""HTTP: blueprints and forms, one subpackage per domain. Views read the request, call the
domain services and render; the request's one transaction is committed by ``learning.db``."""
