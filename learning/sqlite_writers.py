"""SQLite writers wait in a queue instead of polling.

SQLite allows one writing transaction at a time. A writer that finds the database locked
retries from its busy handler, sleeping 1, 2, 5 ... up to 100 ms between tries, and a
process whose threads hand the lock to each other quickly can keep another process's
writer sleeping for a long time: under 50 concurrent quiz submissions some waited more than
a second. So before ``BEGIN IMMEDIATE`` a writer takes:

- a thread lock, so one thread per process competes at a time;
- an exclusive ``flock`` on a file beside the database, so one process at a time writes. The
  kernel wakes a waiting process as soon as the lock is released, and releases it by itself
  if the holder dies, so a crash never leaves the database blocked.

Neither replaces SQLite's own locking, which still guards against any other program.
"""

from __future__ import annotations

import os
from threading import Lock

try:
    import fcntl
except ImportError:  # not on Windows: there, threads in one process still queue
    fcntl = None  # type: ignore[assignment]


class WriterQueue:
    def __init__(self, database: str | None) -> None:
        self._threads = Lock()
        self._path = f"{database}-writers" if database and database != ":memory:" else None
        self._fd: int | None = None
        self._pid: int | None = None

    def acquire(self, timeout: float) -> None:
        if not self._threads.acquire(timeout=timeout):
            raise TimeoutError("no database write slot within the busy timeout")
        try:
            fd = self._file()
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)  # blocks without holding the GIL
        except BaseException:
            self._threads.release()
            raise

    def release(self) -> None:
        try:
            if self._fd is not None and self._pid == os.getpid():
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()

    def close(self) -> None:
        if self._fd is not None and self._pid == os.getpid():
            os.close(self._fd)
        self._fd = self._pid = None

    def _file(self) -> int | None:
        if self._path is None or fcntl is None:
            return None
        if self._pid != os.getpid():
            # Opened per process: a file inherited through fork would share its lock with
            # the parent (flock belongs to the open file, not to the process).
            self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
            self._pid = os.getpid()
        return self._fd
