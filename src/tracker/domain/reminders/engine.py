"""Running the follow-up rules: make the tasks that came due, close the ones now pointless.

run_rules(store, now) is safe to run any number of times. Each task a rule makes remembers
its rule and subject (Task.rule, Task.rule_subject) and leaves a RuleFiring that outlives it,
so re-running, editing an interview, or completing or deleting the task never brings it
back. Subjects:

- applied_no_reply  app:<id>:applied:<stage change id>:<n>  (the n-th follow-up)
- silence           app:<id>:applied:<stage change id>:silence, or app:<id>:interview:<id>
- thank_you         interview:<id>:contact:<id>
- prepare           interview:<id>
- offer_decision    app:<id>:offer

A follow-up the person marks "they replied" leaves a firing of the rule "replied" for its
chain (app:<id>:applied:<stage change id>), which stops the chain. `now` is an aware time;
days are the local days of this computer.

The run may happen on a thread of its own while the window writes: it is several short
transactions (the closing, then a page of applications at a time; see making.py), each
tried again once if the window's write got in its way (the database was busy, or a row it
read changed or went), so a write from the window never waits long behind the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TypeVar

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.exc import DBAPIError

from tracker.db.enums import Stage
from tracker.db.models import Application, Interview, Task
from tracker.domain.changes import Written
from tracker.domain.errors import ConflictError
from tracker.domain.reminders import rules as r
from tracker.domain.reminders.making import REPLIED, WAITING, PageRun
from tracker.domain.reminders.prefs import rules_for
from tracker.domain.settings import get_signer_name
from tracker.domain.store import Store, written

__all__ = ["REPLIED", "RunReport", "run_rules"]

CATCH_UP = timedelta(days=60)  # how far back the rules look for something owed
PAGE = 200  # applications per transaction: a fraction of a second of work at most
T = TypeVar("T")


@dataclass(frozen=True)
class RunReport:
    """What one run did: the tasks it made, the open rule tasks it closed, and how many
    applications it looked at (those that could owe something, within the run's scope)."""

    created: tuple[int, ...] = ()
    closed: tuple[int, ...] = ()
    examined: int = 0


def run_rules(
    store: Store,
    now: datetime,
    rules: r.RuleSet | None = None,
    override_dir: Path | None = None,
    *,
    applications: Collection[int] | None = None,
    stop: Callable[[], bool] | None = None,
) -> Written[RunReport]:
    """Make every task a switched-on rule owes by *now*; close rule tasks a stage change made
    pointless. *rules* defaults to the shipped file with the person's settings; drafts use
    the person's edited templates in *override_dir* when there are any.

    *applications* limits the run to those ids (what a write touched); None looks at every
    application. *stop* is asked between pages: when it says so (the app is quitting), the
    run ends there, and what it did so far stays done."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware time")
    rules = rules or rules_for(store)
    user = get_signer_name(store)
    scope = None if applications is None else sorted(set(applications))
    closing = _again_if_crossed(partial(_close_pointless, store, now, scope))
    wrote = Written(None, closing.changed, closing.applications)
    created: list[int] = []
    examined = 0
    for page in _pages(_could_owe_ids(store, now, scope), PAGE):
        if stop is not None and stop():
            break
        made = _again_if_crossed(partial(_make_page, store, page, rules, now, user, override_dir))
        created += made.value[0]
        examined += made.value[1]
        wrote = wrote.then(Written(None, made.changed, made.applications))
    report = RunReport(tuple(created), closing.value, examined)
    return Written(report, wrote.changed, wrote.touched)


def _could_owe(now: datetime) -> tuple[ColumnElement[bool], ...]:
    """Applications some rule could still owe a task: open, waiting or with an offer, and
    something happened lately or an interview is near. The rules' longest wait is weeks, so
    an application quiet for months owes nothing."""
    since = now - CATCH_UP
    near = select(Interview.application_id).where(Interview.starts_at >= since)
    return (
        Application.archived.is_(False),
        Application.stage.in_([*WAITING, Stage.OFFER]),
        or_(
            Application.updated_at >= since,
            Application.stage == Stage.OFFER,
            Application.id.in_(near),
        ),
    )


def _could_owe_ids(store: Store, now: datetime, scope: list[int] | None) -> list[int]:
    query = select(Application.id).where(*_could_owe(now)).order_by(Application.id)
    with store.reading() as session:
        if scope is None:
            return list(session.scalars(query))
        return [
            app_id
            for part in _pages(scope, 500)  # SQLite limits the values in one statement
            for app_id in session.scalars(query.where(Application.id.in_(part)))
        ]


def _make_page(
    store: Store,
    page: list[int],
    rules: r.RuleSet,
    now: datetime,
    user: str,
    override_dir: Path | None,
) -> Written[tuple[list[int], int]]:
    with store.transaction() as session:
        run = PageRun(session, page, rules, now, user, override_dir)
        created = run.make_due(*_could_owe(now))  # again: the window may have written since
        return written(session, (created, run.examined))


def _close_pointless(
    store: Store, now: datetime, scope: list[int] | None
) -> Written[tuple[int, ...]]:
    """Close open rule tasks a stage change made pointless: every one of a closed
    application, and a follow-up or an offer's decision that outlived its stage. The
    application's last stage change says so in its note."""
    query = (
        select(Task, Application)
        .join(Application, Task.application_id == Application.id)
        .where(
            Task.done.is_(False),
            Task.rule.is_not(None),
            or_(
                Application.stage.in_([stage for stage in Stage if stage.is_closed]),
                and_(Task.rule == r.APPLIED_NO_REPLY, Application.stage != Stage.APPLIED),
                and_(Task.rule == r.OFFER_DECISION, Application.stage != Stage.OFFER),
            ),
        )
        .order_by(Task.id)
    )
    if scope is not None:
        query = query.where(Task.application_id.in_(scope))
    closed: list[int] = []
    with store.transaction() as session:
        by_app: dict[int, tuple[Application, list[Task]]] = {}
        for task, application in session.execute(query).all():
            by_app.setdefault(application.id, (application, []))[1].append(task)
        for application, tasks in by_app.values():
            for task in tasks:
                task.done = True
                task.done_at = now
                closed.append(task.id)
            titles = "; ".join(f"“{task.title}”" for task in tasks)
            line = f"Reminders closed by the move to {application.stage.label}: {titles}"
            if application.stage_changes:
                change = application.stage_changes[-1]
                change.note = f"{change.note}\n{line}" if change.note else line
        return written(session, tuple(closed))


def _again_if_crossed(step: Callable[[], Written[T]]) -> Written[T]:
    """Run one transaction; once more if a write from the window crossed it."""
    try:
        return step()
    except (DBAPIError, ConflictError):
        return step()


def _pages(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
