"""The one write helper: problems beside fields or in a box, a vanished row, the one signal."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from tracker.domain.applications import ApplicationInput, create_application, set_archived
from tracker.domain.changes import Kind
from tracker.domain.errors import NotFoundError
from tracker.domain.tasks import TaskInput, create_task, reopen_task
from tracker.ui.common.writes import run_write


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def warnings(monkeypatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, title, text, *_: shown.append((title, text))
    )
    return shown


def test_a_write_emits_the_kinds_the_domain_reported(qtbot, parent, store, events):
    with qtbot.waitSignal(events.changed) as changed:
        result = run_write(
            parent, events, lambda: create_application(store, ApplicationInput("Acme", "Dev"))
        )
    assert result is not None
    assert isinstance(result.value, int)
    assert changed.args == [frozenset({Kind.APPLICATIONS})]


def test_a_write_that_changed_nothing_says_nothing(qtbot, parent, store, events):
    task_id = create_task(store, TaskInput(title="Write")).value

    with qtbot.assertNotEmitted(events.changed):
        result = run_write(parent, events, lambda: reopen_task(store, task_id))
    assert result is not None
    assert result.changed == frozenset()


def test_problems_go_beside_the_fields_and_nothing_is_emitted(qtbot, parent, store, events):
    shown: list[dict[str, str]] = []
    with qtbot.assertNotEmitted(events.changed):
        result = run_write(
            parent,
            events,
            lambda: create_task(store, TaskInput(title="")),
            show_problems=shown.append,
        )
    assert result is None
    assert shown == [{"title": "Title cannot be empty."}]


def test_problems_without_fields_to_show_them_go_in_a_box(qtbot, parent, store, events, warnings):
    result = run_write(
        parent, events, lambda: create_task(store, TaskInput(title="")), title="Could not add"
    )
    assert result is None
    assert warnings == [("Could not add", "Title cannot be empty.")]


def test_a_vanished_row_warns_refreshes_its_kind_and_tells_the_caller(
    qtbot, parent, store, events, warnings
):
    gone: list[NotFoundError] = []
    with qtbot.waitSignal(events.changed) as changed:
        result = run_write(
            parent, events, lambda: set_archived(store, 404), title="Oops", on_gone=gone.append
        )
    assert result is None
    assert changed.args == [frozenset({Kind.APPLICATIONS})]
    assert [exc.row_id for exc in gone] == [404]
    assert warnings == [("Oops", "That application no longer exists (it may have been deleted).")]


def test_a_vanished_row_can_be_dropped_quietly(qtbot, parent, store, events):
    with qtbot.waitSignal(events.changed):
        assert (
            run_write(parent, events, lambda: set_archived(store, 404), warn_if_gone=False) is None
        )
