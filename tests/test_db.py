"""SQLite transactions: writers take the write lock up front, one per process at a time."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import PendingRollbackError

from learning.db import make_engine, write_intent
from learning.sqlite_writers import WriterQueue


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE t (n INTEGER)")
    yield engine
    engine.dispose()


def write(engine, value: int, hold: float = 0.0) -> None:
    with write_intent(), engine.begin() as connection:
        connection.execute(text("INSERT INTO t VALUES (:n)"), {"n": value})
        time.sleep(hold)


def count(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM t")).scalar_one()


def test_concurrent_writers_all_commit(engine):
    threads = [threading.Thread(target=write, args=(engine, n, 0.005)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert count(engine) == 20


def test_a_failed_write_releases_the_slot(engine):
    with pytest.raises(RuntimeError), write_intent(), engine.begin() as connection:
        connection.execute(text("INSERT INTO t VALUES (1)"))
        raise RuntimeError("the view failed")
    done = threading.Event()
    thread = threading.Thread(target=lambda: (write(engine, 2), done.set()))
    thread.start()
    assert done.wait(timeout=5), "the write slot was never released"
    assert count(engine) == 1


def test_a_connection_closed_mid_write_releases_the_slot(engine):
    connection = engine.connect()
    with write_intent():
        transaction = connection.begin()
        connection.execute(text("INSERT INTO t VALUES (1)"))
    connection.invalidate()  # as after a lost connection: no COMMIT, no ROLLBACK event
    done = threading.Event()
    threading.Thread(target=lambda: (write(engine, 2), done.set())).start()
    assert done.wait(timeout=5), "the write slot was never released"
    with contextlib.suppress(PendingRollbackError):  # SQLAlchemy refuses to tidy up an
        transaction.rollback()  # invalidated transaction; nothing to do


def test_readers_do_not_wait_for_a_writer(engine):
    started, finish = threading.Event(), threading.Event()

    def slow_writer():
        with write_intent(), engine.begin() as connection:
            connection.execute(text("INSERT INTO t VALUES (1)"))
            started.set()
            finish.wait(timeout=10)

    thread = threading.Thread(target=slow_writer)
    thread.start()
    assert started.wait(timeout=5)
    assert count(engine) == 0  # WAL: the reader sees the last commit at once
    finish.set()
    thread.join(timeout=10)
    assert count(engine) == 1


def test_writers_of_different_engines_take_turns(tmp_path):
    # Two queues on one database stand for two server processes: the second waits in the
    # kernel (flock) until the first is done, instead of polling SQLite.
    first = WriterQueue(str(tmp_path / "db.sqlite3"))
    second = WriterQueue(str(tmp_path / "db.sqlite3"))
    first.acquire(timeout=1)
    got_in = threading.Event()

    def take_second() -> None:
        second.acquire(timeout=1)
        got_in.set()
        second.release()

    thread = threading.Thread(target=take_second)
    thread.start()
    assert not got_in.wait(timeout=0.3), "the second writer did not wait"
    first.release()
    assert got_in.wait(timeout=5), "the second writer never got its turn"
    thread.join(timeout=5)
    first.close()
    second.close()


WRITER = """
import sys
from sqlalchemy import text
from learning.db import make_engine, write_intent

engine = make_engine(sys.argv[1])
number = 0
while True:
    number += 1
    with write_intent(), engine.begin() as connection:  # an attempt and its answer, together
        connection.execute(text("INSERT INTO t VALUES (:n)"), {"n": number})
        connection.execute(text("INSERT INTO answers VALUES (:n)"), {"n": number})
    print(number, flush=True)  # acknowledged only once committed
"""


def test_a_killed_writer_loses_nothing_it_acknowledged(engine, tmp_path):
    # RELIABILITY I4: SIGKILL mid-stream; WAL keeps the file consistent and every commit.
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE answers (n INTEGER)")
    writer = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", WRITER, str(engine.url)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    acknowledged = 0
    while acknowledged < 200:
        line = writer.stdout.readline()
        assert line, "the writer stopped by itself"
        acknowledged = int(line)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    writer.stdout.close()
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
        rows = connection.exec_driver_sql("SELECT count(*) FROM t").scalar_one()
        answers = connection.exec_driver_sql("SELECT count(*) FROM answers").scalar_one()
    assert rows >= acknowledged and rows == answers  # nothing lost, nothing half-written
    done = threading.Event()  # the dead writer's turn was given back by the kernel
    threading.Thread(target=lambda: (write(engine, 0), done.set())).start()
    assert done.wait(timeout=5)
