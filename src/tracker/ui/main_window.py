"""The main window: the applications view with its menus, toolbar and status line."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QStyle, QToolBar, QWidget

from tracker import APP_NAME, __version__
from tracker.domain.store import Store
from tracker.ui.applications_view import ApplicationsView
from tracker.ui.events import DataEvents
from tracker.ui.icons import themed_icon


class MainWindow(QMainWindow):
    """Built from parts handed in, so a test can make one without starting the app."""

    def __init__(
        self,
        store: Store,
        events: DataEvents,
        db_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db_path = db_path
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 700)
        self.applications = ApplicationsView(store, events, self)
        self.setCentralWidget(self.applications)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.count_label = QLabel()
        self.count_label.setContentsMargins(6, 0, 6, 0)
        self.statusBar().addWidget(self.count_label)
        self.applications.counts_changed.connect(self._show_counts)
        self._show_counts(self.applications.model.rowCount(), self.applications.model.total_count)

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.find_action = QAction(
            themed_icon("edit-find", sp.SP_FileDialogContentsView), "&Find…", self
        )
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.applications.focus_search)
        self.quit_action = QAction(
            themed_icon("application-exit", sp.SP_DialogCloseButton), "&Quit", self
        )
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(
            themed_icon("help-about", sp.SP_MessageBoxInformation), f"&About {APP_NAME}", self
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)

    def _build_menus(self) -> None:
        commands = self.applications.commands
        menu = self.menuBar().addMenu("&Application")
        menu.addAction(commands.new_action)
        menu.addAction(commands.edit_action)
        menu.addMenu(commands.move_menu)
        menu.addAction(commands.delete_action)
        menu.addSeparator()
        menu.addAction(self.find_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Main toolbar", self)
        toolbar.setObjectName("main-toolbar")  # lets saveState() remember it later
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        commands = self.applications.commands
        toolbar.addAction(commands.new_action)
        toolbar.addAction(commands.edit_action)
        toolbar.addAction(commands.delete_action)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def _show_counts(self, shown: int, total: int) -> None:
        noun = "application" if total == 1 else "applications"
        if total == 0:
            self.count_label.setText("No applications yet")
        elif shown == total:
            self.count_label.setText(f"{total} {noun}")
        else:
            self.count_label.setText(f"Showing {shown} of {total} {noun}")

    def about_text(self) -> str:
        where = (
            f"<p>Your data is kept in<br><code>{html.escape(str(self._db_path))}</code></p>"
            if self._db_path is not None
            else ""
        )
        return (
            f"<h3>{APP_NAME} {html.escape(__version__)}</h3>"
            "<p>A private tracker for your job search, with a calm plan for every "
            "rejection. Everything stays on this computer.</p>"
            f"{where}"
        )

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(f"About {APP_NAME}")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(self.about_text())
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # copy path
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.exec()
