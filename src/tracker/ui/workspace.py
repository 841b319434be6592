"""The workspace's views as tabs, each built the first time it is shown.

Only what the first paint needs is built at start-up; the rest costs nothing until asked for.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStackedLayout, QTabWidget, QWidget


class LazyTabs(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.setAccessibleName("Views")
        self._keys: list[str] = []
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._views: dict[str, QWidget] = {}
        self._titles: dict[str, str] = {}
        # Adding the first tab makes it current: nothing is built until open() says which.
        self._opened = False
        self.currentChanged.connect(self._build_current)

    def add_view(self, key: str, title: str, factory: Callable[[], QWidget]) -> None:
        """Add a tab; its view is built when first shown (or asked for)."""
        self._keys.append(key)
        self._factories[key] = factory
        self._titles[key] = title
        holder = QWidget()
        QStackedLayout(holder).setContentsMargins(0, 0, 0, 0)
        holder.setAccessibleName(title.replace("&", ""))
        self.addTab(holder, title.replace("&", ""))

    def view(self, key: str) -> QWidget:
        """The view for *key*, built now if it was not yet."""
        if key not in self._views:
            widget = self._factories[key]()
            holder = self.widget(self._keys.index(key))
            layout = holder.layout() if holder is not None else None
            assert isinstance(layout, QStackedLayout)
            layout.addWidget(widget)
            self._views[key] = widget
        return self._views[key]

    def is_built(self, key: str) -> bool:
        return key in self._views

    def open(self, key: str) -> None:
        """Show *key* (or the first view), built now; from then on a view is built when shown."""
        self._opened = True
        self.show_view(key if key in self._keys else self.first_key())
        self._build_current(self.currentIndex())

    def _build_current(self, index: int) -> None:
        if self._opened and 0 <= index < len(self._keys):
            self.view(self._keys[index])

    def show_view(self, key: str) -> None:
        if key in self._keys:
            self.setCurrentIndex(self._keys.index(key))

    def current_key(self) -> str:
        index = self.currentIndex()
        return self._keys[index] if 0 <= index < len(self._keys) else ""

    def current_view(self) -> QWidget | None:
        key = self.current_key()
        return self.view(key) if key else None

    def first_key(self) -> str:
        return self._keys[0] if self._keys else ""

    def step(self, delta: int) -> None:
        if self.count():
            self.setCurrentIndex((self.currentIndex() + delta) % self.count())

    def fill_menu(self, menu: QMenu) -> None:
        """One menu entry per view, with Ctrl+1, Ctrl+2, … to jump straight to it."""
        for number, key in enumerate(self._keys, start=1):
            action = QAction(self._titles[key], menu)
            if number < 10:
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, k=key: self.show_view(k))
            menu.addAction(action)
            self.window().addAction(action)
