"""The production server settings: SO_REUSEPORT without losing the refusal of a taken port."""

from __future__ import annotations

import logging
import runpy
import socket
from pathlib import Path
from types import SimpleNamespace

import pytest

SETTINGS = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))


def _server(address, master_pid=0):
    return SimpleNamespace(
        cfg=SimpleNamespace(address=[address]),
        master_pid=master_pid,
        log=logging.getLogger("test.gunicorn"),
    )


def test_workers_listen_on_their_own_sockets():
    assert SETTINGS["reuse_port"] is True
    assert SETTINGS["worker_class"] == "gthread"


def test_refuses_to_start_on_a_port_another_server_listens_on(caplog):
    with socket.create_server(("127.0.0.1", 0)) as listener, pytest.raises(SystemExit) as stopped:
        SETTINGS["on_starting"](_server(listener.getsockname()))
    assert stopped.value.code == 1
    assert "already listens" in caplog.text


def test_an_upgrade_starts_beside_the_old_master():
    with socket.create_server(("127.0.0.1", 0)) as listener:
        SETTINGS["on_starting"](_server(listener.getsockname(), master_pid=1234))  # USR2


def test_starts_on_a_free_port():
    with socket.create_server(("127.0.0.1", 0)) as probe:
        free = probe.getsockname()
    SETTINGS["on_starting"](_server(free))  # nothing listens there any more: no exit


def test_leaves_unix_sockets_to_gunicorn(tmp_path):
    SETTINGS["on_starting"](_server(str(tmp_path / "server.sock")))
