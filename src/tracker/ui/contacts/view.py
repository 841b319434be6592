"""The people in a job search: a searchable list, and the selected person's details."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.changes import Kind
from tracker.domain.errors import NotFoundError
from tracker.domain.store import Store
from tracker.ui.common.icons import themed_icon
from tracker.ui.common.message_page import MessagePage
from tracker.ui.common.views import row_table, search_box, select_index
from tracker.ui.contacts.editor import ContactEditor
from tracker.ui.contacts.model import Column, ContactsTableModel
from tracker.ui.events import DataEvents

EMPTY_TEXT = (
    "No people yet. Add the recruiters, interviewers and friends who help you along: "
    "click New contact."
)
NO_MATCH_TEXT = "Nobody matches this search."
PICK_TEXT = "Pick someone from the list to see their details, or add a new contact."

# An open contact's roles name their applications and the interviews they were in.
ROLES_SHOW = frozenset({Kind.APPLICATIONS, Kind.INTERVIEWS})


class ContactsView(QWidget):
    open_application = Signal(int)  # an application id, from the roles list

    def __init__(self, store: Store, events: DataEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._events = events
        self._keep_id: int | None = None
        self.model = ContactsTableModel(store, self)
        self.editor = ContactEditor(store, events)
        self.editor.open_application.connect(self.open_application)
        self.editor.saved.connect(self.select_id)
        self.editor.deleted.connect(self._after_delete)
        self._build_filters()
        self._build_table()

        self.list_stack = QStackedWidget()
        self.empty_page = MessagePage(EMPTY_TEXT, "New contact", self.new_contact)
        self.no_match_page = MessagePage(NO_MATCH_TEXT, "Clear search", self.clear_filter)
        for page in (self.table, self.empty_page, self.no_match_page):
            self.list_stack.addWidget(page)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.filter_bar)
        column.addWidget(self.list_stack, 1)

        self.detail_stack = QStackedWidget()
        self.pick_label = QLabel(PICK_TEXT)
        self.pick_label.setWordWrap(True)
        self.pick_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pick_label.setEnabled(False)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.editor)
        self.detail_stack.addWidget(self.pick_label)
        self.detail_stack.addWidget(scroll)
        self.editor_page = scroll

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail_stack)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([720, 480])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        shortcut = QShortcut(QKeySequence("Ctrl+Shift+N"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.new_contact)
        self.setTabOrder(self.search, self.network_only)
        self.setTabOrder(self.network_only, self.new_button)
        self.setTabOrder(self.new_button, self.table)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._after_reset)
        events.changed.connect(self._on_data_changed)
        self._after_reset()

    # --- building ----------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.search, self._search_timer = search_box(
            self, "Search name, title, company, email", "Search contacts", self.apply_filter_now
        )
        self.network_only = QCheckBox("In my network")
        self.network_only.setAccessibleName("Show only people in my network")
        self.network_only.setToolTip("Only people you could refer or be referred by")
        self.network_only.toggled.connect(self.apply_filter_now)
        icon = themed_icon("contact-new")
        self.new_button = QPushButton(icon, "New contact")
        self.new_button.setAccessibleName("New contact")
        self.new_button.setToolTip("Add a person (Ctrl+Shift+N)")
        self.new_button.clicked.connect(self.new_contact)
        self.filter_bar = QWidget()
        bar = QHBoxLayout(self.filter_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.network_only)
        bar.addWidget(self.new_button)

    def _build_table(self) -> None:
        table = self.table = row_table(self.model, "Contacts")
        header = table.horizontalHeader()
        for column in Column:
            mode = QHeaderView.ResizeMode.Stretch
            if column is Column.NETWORK:
                mode = QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)
        table.selectionModel().selectionChanged.connect(self._show_selected)

    # --- filtering and refreshing --------------------------------------------------------

    def apply_filter_now(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.search.text(), self.network_only.isChecked())

    def clear_filter(self) -> None:
        self.search.clear()
        self.network_only.setChecked(False)
        self.apply_filter_now()

    def _on_data_changed(self, kinds: frozenset[Kind]) -> None:
        if Kind.CONTACTS in kinds:
            self.model.reload()
        elif kinds & ROLES_SHOW and self.editor.contact_id is not None:
            self.editor.reload_roles()

    def _remember_selection(self) -> None:
        self._keep_id = self.selected_id()

    def _after_reset(self) -> None:
        keep, self._keep_id = self._keep_id, None
        if keep is not None and not self.select_id(keep):
            self._show_selected()
        total = self.model.total_count
        self.filter_bar.setVisible(total > 0 or self.editor.contact_id is not None)
        if total == 0:
            self.list_stack.setCurrentWidget(self.empty_page)
        elif self.model.rowCount() == 0:
            self.list_stack.setCurrentWidget(self.no_match_page)
        else:
            self.list_stack.setCurrentWidget(self.table)

    # --- selection -----------------------------------------------------------------------

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_data(rows[0].row()).id if rows else None

    def select_id(self, contact_id: int) -> bool:
        row = self.model.row_for_id(contact_id)
        if row is None:
            return False
        select_index(self.table, self.model.index(row, 0))
        return True

    def _show_selected(self) -> None:
        contact_id = self.selected_id()
        if contact_id is None:
            if self.editor.contact_id is not None or not self.editor_page.isVisible():
                self.detail_stack.setCurrentWidget(self.pick_label)
                self.editor.contact_id = None
            return
        if contact_id == self.editor.contact_id and self.editor_page.isVisible():
            return  # same person after a refresh: keep what is typed and the "Saved." note
        try:
            self.editor.load(contact_id)
        except NotFoundError:
            self.model.reload()
            return
        self.detail_stack.setCurrentWidget(self.editor_page)

    def _after_delete(self, _contact_id: int) -> None:
        self.detail_stack.setCurrentWidget(self.pick_label)

    # --- actions -------------------------------------------------------------------------

    def new_contact(self) -> None:
        """An empty form on the right; saving adds the person and selects them."""
        self.table.clearSelection()
        self.editor.load(None)
        self.detail_stack.setCurrentWidget(self.editor_page)
        self.filter_bar.setVisible(True)
        self.editor.inputs["name"].setFocus(Qt.FocusReason.OtherFocusReason)
