"""The app, started as `job-tracker --data-dir ...` would be, timed like bare_window.py.

The QApplication is made here first so the probe can watch it; the app's start-up uses the
instance it finds. Everything else is the real start-up: tracker.app.main().
"""

import sys

from probe import install
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
probe = install(app)

from tracker.app import main  # noqa: E402 (after the probe, as the launch order matters)

sys.exit(main(sys.argv[1:]))
