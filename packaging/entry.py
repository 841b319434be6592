"""What the PyInstaller bundle runs: the same entry point as the `job-tracker` script."""

import sys

from tracker.app import main

sys.exit(main())
