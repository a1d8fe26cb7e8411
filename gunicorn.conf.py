"""Production server settings for ``make serve`` (gunicorn). Override with environment variables.

Threaded workers keep connections alive and let one process serve several slow clients; the
app itself holds no per-process state besides the content catalogue and caches keyed by
content version, so any number of these servers can run behind one proxy.
"""

import os
import socket
import sys

bind = os.environ.get("BIND", "127.0.0.1:8000")  # loopback: put a TLS proxy (nginx) in front
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
# Four threads a worker: the threads of one process share one interpreter lock, and with eight
# the slowest responses under 50 concurrent clients took about twice as long (bench/load.py).
threads = int(os.environ.get("THREADS", "4"))
# Each worker listens on its own SO_REUSEPORT socket and the kernel spreads new connections
# evenly over them. With one shared socket, whichever process woke first took the connection,
# busy or not: under 50 kept-alive clients one worker often held 40 to 50 of them while the other
# idled, and the slowest quiz answers took 300 to 430 ms instead of under 200 (bench/load.py).
# on_starting below restores the "address already in use" refusal that this flag removes.
# The price: when a worker stops (a reload with HUP), connections still waiting in its own queue
# are reset unless the kernel moves them (Linux 5.14+: sysctl net.ipv4.tcp_migrate_req=1), and
# gunicorn 27 cannot re-execute itself with USR2. REUSE_PORT=0 goes back to one shared socket.
reuse_port = os.environ.get("REUSE_PORT", "1") != "0"
timeout = 60
graceful_timeout = 30
keepalive = 5
# Proxy headers are handled by the app (ProxyFix with TRUSTED_PROXIES), not by gunicorn.
forwarded_allow_ips = ""
accesslog = "-"
errorlog = "-"


def on_starting(server):
    """Refuse to start where a server already listens. With SO_REUSEPORT a second server (an old
    release still running, a benchmark left behind) would bind the same port without an error
    and silently take part of the traffic. A re-executed master (USR2, an upgrade without
    downtime) is expected to start beside the old one."""
    if server.master_pid:
        return
    for address in server.cfg.address:
        if not isinstance(address, tuple):
            continue  # a Unix socket: gunicorn itself refuses one that is in use
        try:
            socket.create_connection(address[:2], timeout=1).close()
        except OSError:
            continue
        server.log.error("Something already listens on %s:%s; stop it first.", *address[:2])
        sys.exit(1)
