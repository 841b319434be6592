"""The handle every domain operation gets: an engine and a way to open one short session.

SQLAlchemy is imported only when the first session opens, so the window can show its first
rows (read by tracker.startup.first_paint) before that cost is paid.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from tracker.domain.errors import NotFoundError

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from tracker.db.models import Base

M = TypeVar("M", bound="Base")


class Store:
    """Either an engine now, or a way to make one on first use (start-up does the latter)."""

    def __init__(
        self, engine: Engine | None = None, *, connect: Callable[[], Engine] | None = None
    ) -> None:
        if (engine is None) == (connect is None):
            raise TypeError("give either an engine or a connect function")
        self._engine = engine
        self._connect = connect
        self._factory: sessionmaker[Session] | None = None
        self._lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                assert self._connect is not None
                self._engine = self._connect()
            return self._engine

    def _sessions(self) -> sessionmaker[Session]:
        if self._factory is None:
            from sqlalchemy.orm import sessionmaker

            self._factory = sessionmaker(self.engine, expire_on_commit=False)
        return self._factory

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed if the block ends normally, rolled back otherwise."""
        with self._sessions()() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._sessions()() as session:
            yield session


def fetch(session: Session, model: type[M], row_id: int) -> M:
    """The row with this id, or NotFoundError naming what is missing."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(model.__name__.lower(), row_id)
    return row
