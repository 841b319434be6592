"""The fast path to the first paint: a plain sqlite3 read of what the window shows first, and
the warm-up (integrity check, SQLAlchemy imports) that finishes in the background.

Nothing here imports SQLAlchemy at module level; remove this package and the app still works,
only slower to show."""
