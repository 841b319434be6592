"""The custom item-data roles, defined once so no two models give one number two meanings."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt

_USER = int(Qt.ItemDataRole.UserRole)


class ItemRole(IntEnum):
    APPLICATION_ID = _USER + 1  # the application a row is, or leads to
    CONTACT_ID = _USER + 2
    TASK_ID = _USER + 3
    ROW_ID = _USER + 4  # the database id of a row in a small detail table
    CARD = _USER + 5  # the whole BoardCard, for the delegate and tests
    GROUP = _USER + 6  # the group a task tree's parent row stands for
