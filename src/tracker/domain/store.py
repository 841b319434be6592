"""The handle every domain operation gets: an engine and a way to open one short session."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from tracker.db.models import Base
from tracker.domain.errors import NotFoundError

M = TypeVar("M", bound=Base)


@dataclass
class Store:
    engine: Engine
    _factory: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed if the block ends normally, rolled back otherwise."""
        with self._factory() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._factory() as session:
            yield session


def fetch(session: Session, model: type[M], row_id: int) -> M:
    """The row with this id, or NotFoundError naming what is missing."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(model.__name__.lower(), row_id)
    return row
