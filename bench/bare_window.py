"""The baseline: a bare PySide6 script that only shows an empty QMainWindow."""

import os
import sys
import time

from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
app.processEvents()
print(f"window_shown_s: {time.time() - float(os.environ['JOB_TRACKER_BENCH_T0']):.4f}")
