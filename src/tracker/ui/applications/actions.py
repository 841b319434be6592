"""The commands on applications, as QActions shared by the menu bar, toolbar and context menu."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from tracker.db.enums import Stage
from tracker.ui.common.icons import themed_icon


class ApplicationActions(QObject):
    """One instance per view; the view connects the triggers and keeps the states current."""

    move_requested = Signal(object)  # the Stage chosen in the "Move to" menu

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.new_action = self._action("&New application…", "New application", "document-new")
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.edit_action = self._action("&Edit…", "Edit", "document-edit")
        self.edit_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.delete_action = self._action("&Delete…", "Delete", "edit-delete")
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)

        self.archive_action = self._action("&Archive", "Archive", "archive-insert")
        self.archive_action.setToolTip("Put away without deleting (Ctrl+Z brings it back)")
        self.show_archived_action = QAction("Show &archived applications", self)
        self.show_archived_action.setCheckable(True)

        self.move_menu = QMenu("&Move to", parent)
        self.move_menu.setIcon(themed_icon("go-next"))
        group = QActionGroup(self)
        group.setExclusive(True)  # the current stage shows as checked
        self.move_actions: dict[Stage, QAction] = {}
        for stage in Stage:
            action = QAction(stage.label, group)
            action.setCheckable(True)
            action.setData(stage.value)
            self.move_menu.addAction(action)
            self.move_actions[stage] = action
        group.triggered.connect(lambda action: self.move_requested.emit(Stage(action.data())))

    def _action(self, text: str, short: str, icon: str) -> QAction:
        action = QAction(themed_icon(icon), text, self)
        action.setIconText(short)  # toolbar text without the mnemonic and ellipsis
        return action

    def row_actions(self) -> list[QAction]:
        """The actions that need a selected application."""
        return [
            self.edit_action,
            self.archive_action,
            self.delete_action,
            self.move_menu.menuAction(),
        ]

    def sync(self, stage: Stage | None) -> None:
        """Enable row actions when an application is selected and check its current stage."""
        for action in self.row_actions():
            action.setEnabled(stage is not None)
        for each, action in self.move_actions.items():
            action.setChecked(each is stage)
