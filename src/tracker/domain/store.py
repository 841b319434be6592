"""The handle every domain operation gets: an engine and a way to open one short session.

SQLAlchemy is imported only when the first session opens, so the window can show its first
rows (read by tracker.startup.first_paint) before that cost is paid.

Every session records which tables its flushes wrote (inserted, updated or deleted rows, bulk
statements, and the rows the database removes or unlinks by ON DELETE); `written()` turns
that into the kinds of rows a write changed, so no caller has to remember them. It also
records which applications those rows belong to (any of them, for a bulk statement or a
contact), so the follow-up rules can look at just those.

A Store may be used from several threads (the follow-up rules run on their own): each
session belongs to the thread that opened it, and SQLite in WAL mode lets one thread read
while another writes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from tracker.domain.changes import (
    ANY_APPLICATION,
    APPLICATION_OF,
    EVERYTHING,
    TABLE_KINDS,
    Kind,
    Written,
)
from tracker.domain.errors import ConflictError, NotFoundError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine, Table
    from sqlalchemy.orm import InstanceState, Mapper, ORMExecuteState, Session, sessionmaker

    from tracker.db.models import Base

M = TypeVar("M", bound="Base")
T = TypeVar("T")

CHANGED = "tracker.changed"  # key in Session.info: the set of Kinds written so far
TOUCHED = "tracker.touched"  # ... the ids of the applications written, None for any of them
_listening = False
_listening_lock = threading.Lock()
_deleted_kinds: dict[str, frozenset[Kind]] = {}


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
        # Re-entrant: connecting at start-up may wait for the warm-up while the event loop
        # runs, and what the loop delivers then (the warm-up's own "finished") asks again.
        self._lock = threading.RLock()

    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                assert self._connect is not None
                engine = self._connect()
                if self._engine is None:
                    self._engine = engine
                else:  # made meanwhile by a call from the event loop: keep that one
                    engine.dispose()
            return self._engine

    def _sessions(self) -> sessionmaker[Session]:
        if self._factory is None:
            from sqlalchemy import event
            from sqlalchemy.orm import sessionmaker

            _listen_to_models()
            engine = self.engine  # outside the lock: making it takes the lock
            with self._lock:  # two threads opening their first session make one factory
                if self._factory is None:
                    factory = sessionmaker(engine, expire_on_commit=False)
                    event.listen(factory, "do_orm_execute", _on_statement)
                    self._factory = factory
        return self._factory

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed if the block ends normally, rolled back otherwise.

        A row another session changed between this one reading and writing it (its version
        moved on) raises ConflictError: nothing is written over the newer data.
        """
        from sqlalchemy.orm.exc import StaleDataError

        try:
            with self._sessions()() as session, session.begin():
                yield session
        except StaleDataError as exc:
            raise ConflictError("item", 0) from exc

    def close(self) -> None:
        """On quit: fold the WAL back into the database file and close every connection."""
        with self._lock:
            engine = self._engine
        if engine is None:
            return  # never opened: nothing to close
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()

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


def written(session: Session, value: T) -> Written[T]:
    """The write's result with the kinds of rows this session has written and the
    applications it touched (flushed first)."""
    session.flush()
    touched = session.info.get(TOUCHED, set())
    applications = None if touched is None else frozenset(touched)
    return Written(value, frozenset(session.info.get(CHANGED, ())), applications)


# --- recording what a transaction touched ---------------------------------------------------


def _kinds_of(table: Table, deleted: bool) -> frozenset[Kind]:
    """The kinds a write to this table changes; a delete adds what ON DELETE reaches."""
    if not deleted:
        return TABLE_KINDS.get(table.name, EVERYTHING)
    if table.name not in _deleted_kinds:
        _deleted_kinds[table.name] = frozenset(_reached_by_delete(table, set()))
    return _deleted_kinds[table.name]


def _reached_by_delete(table: Table, seen: set[str]) -> set[Kind]:
    seen.add(table.name)
    kinds = set(TABLE_KINDS.get(table.name, EVERYTHING))
    for other in table.metadata.tables.values():
        for key in other.foreign_keys:
            rule = (key.ondelete or "").upper()
            if key.column.table is not table or rule not in ("CASCADE", "SET NULL"):
                continue
            if rule == "SET NULL" or other.name in seen:
                kinds |= TABLE_KINDS.get(other.name, EVERYTHING)
            else:
                kinds |= _reached_by_delete(other, seen)
    return kinds


def _record(session: Session | None, table: Table, deleted: bool = False) -> None:
    if session is not None:
        session.info.setdefault(CHANGED, set()).update(_kinds_of(table, deleted))


def _touch(session: Session | None, connection: Connection, table: Table, target: object) -> None:
    """Note the applications a written row belongs to (before and after, when it moved)."""
    if session is None or session.info.get(TOUCHED, set()) is None:
        return  # any application already
    ids = _applications_of(connection, table, target)
    if ids is None:
        session.info[TOUCHED] = None
    else:
        session.info.setdefault(TOUCHED, set()).update(ids)


def _applications_of(connection: Connection, table: Table, target: object) -> set[int] | None:
    """The ids of the applications this row belongs to; None when it may be any."""
    from sqlalchemy import inspect, select

    if table.name in ANY_APPLICATION or table.name not in APPLICATION_OF:
        return None
    key = APPLICATION_OF[table.name]
    if key is None:
        return set()
    values = _values(inspect(target), key)
    if values is None:
        return None  # not loaded: not known
    ids = {value for value in values if isinstance(value, int)}  # None: no application
    if key != "interview_id" or not ids:
        return ids
    interviews = table.metadata.tables["interviews"]
    found = dict(
        connection.execute(
            select(interviews.c.id, interviews.c.application_id).where(interviews.c.id.in_(ids))
        ).all()
    )
    return set(found.values()) if len(found) == len(ids) else None


def _values(state: InstanceState[Any], key: str) -> list[object] | None:
    """The attribute's value now and any value it had before this flush; None if unloaded."""
    if key not in state.dict:
        return None
    return [*state.attrs[key].history.deleted, state.dict[key]]


def _listen_to_models() -> None:
    """Once per process: every row the ORM inserts, updates or deletes is recorded."""
    global _listening
    with _listening_lock:
        if _listening:
            return
        from sqlalchemy import event

        from tracker.db.models import Base

        event.listen(Base, "after_insert", _on_insert, propagate=True)
        event.listen(Base, "after_update", _on_update, propagate=True)
        event.listen(Base, "after_delete", _on_delete, propagate=True)
        _listening = True


def _on_insert(mapper: Mapper[Any], connection: Connection, target: object) -> None:
    from sqlalchemy.orm import object_session

    session = object_session(target)
    _record(session, mapper.local_table)  # type: ignore[arg-type]
    _touch(session, connection, mapper.local_table, target)  # type: ignore[arg-type]


def _on_update(mapper: Mapper[Any], connection: Connection, target: object) -> None:
    """Called for every dirty row; only one whose own values changed counts (not a row whose
    list of children did)."""
    from sqlalchemy import inspect
    from sqlalchemy.orm import RelationshipProperty, object_session

    state = inspect(target)
    for prop in mapper.attrs:
        if isinstance(prop, RelationshipProperty) and prop.uselist:
            continue
        if state.attrs[prop.key].history.has_changes():
            session = object_session(target)
            _record(session, mapper.local_table)  # type: ignore[arg-type]
            _touch(session, connection, mapper.local_table, target)  # type: ignore[arg-type]
            return


def _on_delete(mapper: Mapper[Any], connection: Connection, target: object) -> None:
    from sqlalchemy.orm import object_session

    session = object_session(target)
    _record(session, mapper.local_table, deleted=True)  # type: ignore[arg-type]
    _touch(session, connection, mapper.local_table, target)  # type: ignore[arg-type]


def _on_statement(state: ORMExecuteState) -> None:
    """Bulk INSERT, UPDATE and DELETE statements run through session.execute()."""
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if table is not None:
            _record(state.session, table, deleted=state.is_delete)
            state.session.info[TOUCHED] = None  # which rows it reaches is not known here
