"""One running app per data folder: a lock file, and a local socket to bring it to the front.

The lock is taken before the database is opened, so two starts never race on the same file.
A second start asks the first to show its window and exits. A lock left by a process that was
killed is recovered by QLockFile (it checks whether the process that wrote it still runs).
QtNetwork is imported only by a second start, and by the first once its window has painted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject

LOCK_NAME = "job-tracker.lock"
SHOW = b"show\n"
ANSWER_WAIT_S = 5.0  # a first instance holds the lock a moment before it listens


def server_name(data_dir: Path) -> str:
    import hashlib

    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"job-tracker-{digest}"


class InstanceGuard(QObject):
    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self._data_dir = data_dir
        self._lock = QLockFile(str(data_dir / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # never stale by age: only when its process is gone
        self._server: QObject | None = None

    def acquire(self) -> bool:
        """True when this process now owns the data folder."""
        return self._lock.tryLock(200)

    def ask_other_to_show(self) -> bool:
        """Ask the running app to show its window; True when it answered."""
        from PySide6.QtNetwork import QLocalSocket

        deadline = time.monotonic() + ANSWER_WAIT_S
        while time.monotonic() < deadline:
            socket = QLocalSocket()
            socket.connectToServer(server_name(self._data_dir))
            if socket.waitForConnected(500):
                socket.write(SHOW)
                socket.waitForBytesWritten(1000)
                socket.disconnectFromServer()
                return True
            time.sleep(0.1)
        return False

    def listen(self, show: Callable[[], object]) -> None:
        """Accept "show" requests from later starts (call once the app object exists); again
        for a new window (start-up goes round again after restoring a backup)."""
        from PySide6.QtNetwork import QLocalServer

        self._stop_listening()
        name = server_name(self._data_dir)
        QLocalServer.removeServer(name)  # a socket file left by a killed process
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.listen(name)

        def accept() -> None:
            while server.hasPendingConnections():
                connection = server.nextPendingConnection()
                connection.readyRead.connect(
                    lambda c=connection: show() if c.readAll().data().startswith(SHOW) else None
                )
                connection.disconnected.connect(connection.deleteLater)

        server.newConnection.connect(accept)
        self._server = server

    def _stop_listening(self) -> None:
        if self._server is not None:
            self._server.close()  # type: ignore[attr-defined]  # a QLocalServer
            self._server.deleteLater()
            self._server = None

    def release(self) -> None:
        self._stop_listening()
        self._lock.unlock()
