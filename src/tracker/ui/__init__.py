"""The Qt user interface: the main window, item models over domain queries, views and dialogs.

Only this package imports Qt widgets; it reads and writes through `tracker.domain`.
"""
