"""The main window: the workspace's views in tabs, with menus, toolbar and status line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QToolBar,
    QWidget,
)

from tracker import APP_NAME
from tracker.domain.changes import EVERYTHING
from tracker.domain.rows import Sort, StageMove
from tracker.domain.store import Store
from tracker.startup.first_paint import FirstPaint, FirstReads
from tracker.startup.idle import when_idle_after_paint
from tracker.ui.applications.count_label import CountLabel
from tracker.ui.commands import WindowCommands
from tracker.ui.common.icons import themed_icon
from tracker.ui.common.settings import load_sort
from tracker.ui.events import DataEvents
from tracker.ui.window_settings import restore_window, save_window, saved_view
from tracker.ui.workspace import LazyTabs

if TYPE_CHECKING:
    from tracker.domain.changes import Kind
    from tracker.ui.applications.view import ApplicationsView
    from tracker.ui.board.view import BoardView
    from tracker.ui.reminders.controller import ReminderController


class MainWindow(QMainWindow):
    """Built from parts handed in, so a test can make one without starting the app."""

    def __init__(
        self,
        store: Store,
        events: DataEvents,
        db_path: Path | None = None,
        parent: QWidget | None = None,
        first_paint: Callable[[Sort, str], FirstPaint] | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self._db_path = db_path
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 700)
        # What the first paint read (plain sqlite3), for the board and the table.
        self._first = FirstReads(first_paint, load_sort(), saved_view()) if first_paint else None
        events.changed.connect(self._forget_first_paint)
        self.tabs = LazyTabs(self)
        self.commands = WindowCommands(
            store, events, self, self.tabs, self.open_application, self.plan_response
        )
        self.commands.moved.connect(self.on_stage_moved)
        # Only the view on screen is built before the first paint; the other one follows
        # as soon as the window is idle (see _build_views), the rest when first shown.
        self.tabs.add_view("board", "&Board", self._make_board)
        self.tabs.add_view("applications", "&Applications", self._make_applications)
        self.tabs.add_view("tasks", "&Tasks", self._make_tasks)
        self.tabs.add_view("contacts", "&Contacts", self._make_contacts)
        self.tabs.add_view("lessons", "&Lessons", self._make_lessons)
        self.tabs.add_view("insights", "&Insights", self._make_insights)
        self.setCentralWidget(self.tabs)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.count_label = CountLabel()
        self.statusBar().addWidget(self.count_label)
        if self._first is not None and self._first.made is not None:
            self.count_label.show_counts(self._first.made.live_count, self._first.made.live_count)
        # The count is about applications: shown on the board and the table, not elsewhere.
        self.tabs.currentChanged.connect(self._sync_count_label)
        self.reminders: ReminderController | None = None
        self._restore()  # builds the view on screen, for the first paint
        if self._first is None:
            self._build_views()  # the database is open already: nothing to gain by waiting
        else:
            when_idle_after_paint(self, self._build_views)
        self._sync_count_label()

    # --- building ----------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.find_action = QAction(themed_icon("edit-find"), "&Find…", self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.find_in_view)
        self.next_view_action = QAction("&Next view", self)
        self.next_view_action.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.next_view_action.triggered.connect(lambda: self.tabs.step(1))
        self.previous_view_action = QAction("&Previous view", self)
        self.previous_view_action.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.previous_view_action.triggered.connect(lambda: self.tabs.step(-1))
        self.quit_action = QAction(themed_icon("application-exit"), "&Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(themed_icon("help-about"), f"&About {APP_NAME}", self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._show_about)
        # The window's own commands (see tracker.ui.commands), also reachable from here.
        self.plan_action = self.commands.plan_action
        self.undo_action = self.commands.undo_action
        self.redo_action = self.commands.redo_action
        self.templates_action = QAction("Message &templates…", self)
        self.templates_action.triggered.connect(self.edit_templates)
        self.export_calendar_action = QAction("Export &calendar…", self)
        self.export_calendar_action.setToolTip("Upcoming interviews and tasks, as an .ics file")
        self.export_calendar_action.triggered.connect(self.export_calendar)
        self.settings_action = QAction("&Settings…", self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.edit_settings)
        commands = self.commands.actions
        # F2 and Delete only while the table has focus: the board and the other views bind
        # the same keys to their own selection. The menus act on the view on screen.
        for action in (commands.edit_action, commands.delete_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addActions([commands.new_action, self.find_action, self.quit_action])
        self.addActions([self.plan_action, self.settings_action])
        self.addActions([self.next_view_action, self.previous_view_action])

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&Application")
        self.commands.fill_application_menu(menu)
        menu.addSeparator()
        menu.addAction(self.find_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        self.commands.fill_edit_menu(edit_menu)
        edit_menu.addSeparator()
        edit_menu.addAction(self.templates_action)
        edit_menu.addAction(self.settings_action)
        self.view_menu = self.menuBar().addMenu("&View")
        self.view_menu.addAction(self.commands.actions.show_archived_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.next_view_action)
        self.view_menu.addAction(self.previous_view_action)
        self.view_menu.addSeparator()
        self.tabs.fill_menu(self.view_menu)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.about_action)
        from tracker.ui.backups.actions import BackupActions
        from tracker.ui.exchange.menu import add_file_menu

        self.backups = (
            BackupActions(self._db_path, self, restored=lambda: self._events.publish(EVERYTHING))
            if self._db_path is not None
            else None
        )
        self.file_menu = add_file_menu(
            self,
            self._store,
            self._events,
            before_import=self.backups.before_import if self.backups else None,
        )
        self.file_menu.addAction(self.export_calendar_action)
        if self.backups is not None:
            self.file_menu.addSeparator()
            self.file_menu.addAction(self.backups.backup_action)
            self.file_menu.addAction(self.backups.restore_action)
            help_menu.insertAction(self.about_action, self.backups.check_action)
            help_menu.insertSeparator(self.about_action)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Main toolbar", self)
        toolbar.setObjectName("main-toolbar")  # lets saveState() remember it
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        # Only what makes sense whichever view is shown; row actions live with their rows.
        toolbar.addAction(self.commands.actions.new_action)
        toolbar.addAction(self.find_action)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    # --- behaviour -----------------------------------------------------------------------

    def find_in_view(self) -> None:
        """Ctrl+F searches what is shown, or the applications when the view has no search."""
        view = self.tabs.current_view()
        focus_search = getattr(view, "focus_search", None)
        if callable(focus_search):
            focus_search()
            return
        self.tabs.show_view("applications")
        self.applications.focus_search()

    @property
    def applications(self) -> ApplicationsView:
        return cast("ApplicationsView", self.tabs.view("applications"))

    @property
    def board(self) -> BoardView:
        return cast("BoardView", self.tabs.view("board"))

    def _build_views(self) -> None:
        """Both views with applications, so switching between them never waits."""
        self.tabs.view("board")
        self.tabs.view("applications")

    def _show_about(self) -> None:
        from tracker.ui.about import show_about  # html and the dialog: not before the first paint

        show_about(self, self._db_path)

    def _first_read(self, view: str, sort: Sort | None = None) -> FirstPaint | None:
        return self._first.for_view(view, sort or load_sort()) if self._first else None

    def _table_first_read(self, sort: Sort) -> FirstPaint:
        painted = self._first_read("applications", sort)
        assert painted is not None  # offered to the table only while the first read serves
        return painted

    def _forget_first_paint(self, _kinds: frozenset[Kind]) -> None:
        if self._first is not None:
            self._first.forget()
        if not self.tabs.is_built("applications"):
            self.tabs.view("applications")  # the count in the status bar comes from it

    def _make_board(self) -> QWidget:
        from tracker.ui.board.view import BoardView

        painted = self._first_read("board")
        board = BoardView(self._store, self._events, self, painted.board if painted else None)
        board.stage_moved.connect(self.on_stage_moved)
        board.open_requested.connect(self.open_application)
        board.delete_requested.connect(self.commands.delete)
        board.archive_requested.connect(self.commands.archive)
        board.plan_requested.connect(self.plan_response)
        self.commands.watch_board(board)
        return board

    def _make_applications(self) -> QWidget:
        from tracker.ui.applications.view import ApplicationsView

        table = ApplicationsView(
            self._store,
            self._events,
            self,
            first_paint=self._table_first_read if self._first and self._first.serving else None,
            actions=self.commands.actions,
            undo_stack=self.commands.undo_stack,
        )
        table.stage_moved.connect(self.on_stage_moved)
        table.plan_requested.connect(self.plan_response)
        table.counts_changed.connect(self.count_label.show_counts)
        self.count_label.show_counts(table.model.match_count, table.model.total_count)
        self.commands.watch_table(table)
        return table

    def _make_tasks(self) -> QWidget:
        from tracker.ui.tasks.view import TasksView

        view = TasksView(self._store, self._events, self)
        view.reminder_actions.stage_moved.connect(self.on_stage_moved)  # undoable
        return view

    def _make_contacts(self) -> QWidget:
        from tracker.ui.contacts.view import ContactsView

        view = ContactsView(self._store, self._events, self)
        view.open_application.connect(self.open_application)
        return view

    def _make_lessons(self) -> QWidget:
        from tracker.ui.lessons.view import LessonsView

        return LessonsView(self._store, self._events, self)

    def _make_insights(self) -> QWidget:
        from tracker.ui.insights.view import InsightsView

        return InsightsView(self._store, self._events, self)

    @property
    def templates_dir(self) -> Path | None:
        """Where the person's own versions of the message templates are kept."""
        return self._db_path.parent / "templates" if self._db_path is not None else None

    def selected_application(self) -> int | None:
        """The application selected in the view on screen (board or table)."""
        return self.commands.selected_id()

    def plan_response(self, application_id: int | None = None) -> bool:
        """Open the rejection panel ("Plan my response"); True when a plan was confirmed."""
        from tracker.ui.rejection.entry import plan_response

        chosen = application_id if application_id is not None else self.selected_application()
        return plan_response(self._store, self._events, chosen, self, self.templates_dir)

    def edit_templates(self) -> None:
        from tracker.ui.drafts.template_editor import TemplateEditorDialog

        if self.templates_dir is None:
            return
        dialog = TemplateEditorDialog(self.templates_dir, self)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def edit_settings(self) -> None:
        from tracker.ui.settings.dialog import open_settings

        reminders = self.reminders
        open_settings(self._store, self._events, self, reminders.autostart if reminders else None)

    def export_calendar(self) -> None:
        from tracker.ui.reminders.calendar_export import export_calendar

        path = export_calendar(self._store, self)
        if path is not None:
            self.statusBar().showMessage(f"Calendar saved to {path}", 6000)

    def start_reminders(self, clock: Callable[[], datetime] | None = None) -> None:
        """After the first paint: run the follow-up rules and start the reminders (the
        timer, notifications, the tray where there is one)."""
        from tracker.ui.reminders.controller import ReminderController

        if self.reminders is None:
            self.reminders = ReminderController(
                self._store,
                self._events,
                self,
                clock=clock,
                override_dir=self.templates_dir,
                data_dir=self._db_path.parent if self._db_path is not None else None,
            )
            self.reminders.start()

    def open_application(self, application_id: int) -> None:
        from tracker.ui.detail.dialog import open_detail

        open_detail(
            self._store,
            self._events,
            application_id,
            self,
            self.on_stage_moved,
            self.plan_response,
        )

    def on_stage_moved(self, move: StageMove) -> None:
        """Every stage change from any view arrives here: it becomes undoable, and a rejection
        opens the panel."""
        self.commands.record_move(move)
        self.statusBar().showMessage(f"Moved to {move.to_stage.label}.", 4000)
        if move.rejected:
            # After the drag or the dialog that caused it has finished, not inside it.
            QTimer.singleShot(0, lambda: self._offer_response(move.application_id))

    def _offer_response(self, application_id: int) -> None:
        from tracker.domain.rejection import needs_panel

        if needs_panel(self._store, application_id):  # not twice for the same rejection
            self.plan_response(application_id)

    def _sync_count_label(self) -> None:
        self.count_label.setVisible(self.tabs.current_key() in ("board", "applications"))

    # --- remembering -------------------------------------------------------------------

    def _restore(self) -> None:
        restore_window(self)
        self.tabs.open(saved_view())

    def save_settings(self) -> None:
        save_window(self, self.tabs.current_key())
        if self.tabs.is_built("applications"):
            self.applications.save_state()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        if self.reminders is not None and self.reminders.keeps_in_tray():
            event.ignore()  # the person chose to keep the app running in the tray
            self.hide()
            return
        if self.reminders is not None:
            self.reminders.stop()
        if self.backups is not None:
            self.backups.wait()  # a backup under way finishes before the database closes
        super().closeEvent(event)
