"""Production server settings for ``make serve`` (gunicorn). Override with environment variables.

Threaded workers keep connections alive and let one process serve several slow clients; the
app itself holds no per-process state besides the content catalogue and caches keyed by
content version, so any number of these servers can run behind one proxy.
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")  # loopback: put a TLS proxy (nginx) in front
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
# Four threads a worker: the threads of one process share one interpreter lock, and with eight
# the slowest responses under 50 concurrent clients took about twice as long (bench/load.py).
threads = int(os.environ.get("THREADS", "4"))
timeout = 60
graceful_timeout = 30
keepalive = 5
# Proxy headers are handled by the app (ProxyFix with TRUSTED_PROXIES), not by gunicorn.
forwarded_allow_ips = ""
accesslog = "-"
errorlog = "-"
