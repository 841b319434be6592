"""The to-do tree: how it is set up, and which row is selected before and after a reload."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

from tracker.domain.tasks import TaskGroup
from tracker.ui.tasks.model import Column, TasksTreeModel

# What a reload keeps: the selected task's id, its group and its row in that group.
Kept = tuple[int, TaskGroup | None, int]


def task_tree(model: TasksTreeModel) -> QTreeView:
    tree = QTreeView()
    tree.setModel(model)
    tree.setAccessibleName("Open tasks")
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.setUniformRowHeights(True)  # keeps 50,000 rows quick to lay out
    tree.setAlternatingRowColors(True)
    tree.setAllColumnsShowFocus(True)
    tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")  # room to read and click
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
    metrics = tree.fontMetrics()
    for column, sample in (
        (Column.FOR, "Northwind Analytics · Senior Backend Engineer — Jordan"),
        (Column.DUE, "Wed 30 Sep · 10 days ago"),
    ):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
    return tree


def kept_selection(tree: QTreeView, model: TasksTreeModel) -> Kept | None:
    index = tree.currentIndex()
    task = model.task_at(index)
    if task is None:
        return None
    return (task.id, model.groups()[index.parent().row()], index.row())


def index_to_restore(model: TasksTreeModel, kept: Kept) -> QModelIndex:
    """The kept task's row, or when it left the list its neighbour, so Space again works."""
    task_id, group, row = kept
    index = model.index_of_task(task_id)
    if not index.isValid() and group is not None:
        order = list(TaskGroup)
        later = [g for g in model.groups() if order.index(g) >= order.index(group)]
        for found in later or model.groups()[-1:]:
            parent = model.group_index(found)
            count = model.rowCount(parent)
            if count:
                return model.index(min(row, count - 1) if found is group else 0, 0, parent)
    return index


def summary_text(model: TasksTreeModel) -> str:
    counts = {g: model.rowCount(model.group_index(g)) for g in model.groups()}
    parts = []
    if counts.get(TaskGroup.OVERDUE):
        parts.append(f"{counts[TaskGroup.OVERDUE]} overdue")
    if counts.get(TaskGroup.TODAY):
        parts.append(f"{counts[TaskGroup.TODAY]} due today")
    total = model.task_count()
    parts.append(f"{total} open" if total else "All done")
    return "  ·  ".join(parts) + "   "
