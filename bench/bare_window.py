"""The baseline: a bare PySide6 script that only shows an empty QMainWindow."""

import sys

from probe import install
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
probe = install(app)
window = QMainWindow()
window.show()
sys.exit(app.exec())
