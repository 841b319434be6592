import sys

from tracker.app import main

sys.exit(main())
