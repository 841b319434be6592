"""Copy Qt's standard icons into resources/icons/fallback, for desktops without an icon theme.

    .venv/bin/python tools/make_fallback_icons.py

The app asks the desktop's theme for each icon by its freedesktop name (tracker.ui.common.icons).
Where the theme has none (no theme at all, as offscreen or on a bare X session), it used to ask
the style for a standard icon; that loads QStyle's Python enums, ~10 ms before the first paint.
The same pictures, drawn once here by the Fusion style, now ship as plain files named
<name>-<size>.png. Run again after adding an icon name to the app (a test says which is missing).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QStyle

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tracker.ui.common.icons import FALLBACK_SIZES  # noqa: E402 (after the path is set)

OUT = ROOT / "resources" / "icons" / "fallback"

# The theme name the app asks for, and the standard icon that stands in for it.
STANDARD = {
    "alarm-symbolic": "SP_BrowserReload",
    "application-exit": "SP_DialogCloseButton",
    "archive-insert": "SP_DialogSaveButton",
    "contact-new": "SP_FileIcon",
    "dialog-warning": "SP_MessageBoxWarning",
    "document-edit": "SP_FileDialogDetailedView",
    "document-new": "SP_FileIcon",
    "document-save": "SP_DialogSaveButton",
    "edit-copy": "SP_FileDialogContentsView",
    "edit-delete": "SP_TrashIcon",
    "edit-find": "SP_FileDialogContentsView",
    "edit-undo": "SP_ArrowBack",
    "go-next": "SP_ArrowForward",
    "help-about": "SP_MessageBoxInformation",
    "internet-web-browser": "SP_DirLinkIcon",
    "list-add": "SP_FileIcon",
    "list-remove": "SP_DialogCancelButton",
    "mail-message-new": "SP_DialogOpenButton",
    "mail-send": "SP_DialogYesButton",
    "object-select": "SP_DialogApplyButton",
    "task-complete": "SP_DialogApplyButton",
}


def main() -> None:
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    style = app.style()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, standard in STANDARD.items():
        icon = style.standardIcon(getattr(QStyle.StandardPixmap, standard))
        for size in FALLBACK_SIZES:
            image = icon.pixmap(size, size).toImage()
            path = OUT / f"{name}-{size}.png"
            if not image.save(str(path)):
                sys.exit(f"could not write {path}")
    print(f"{len(STANDARD)} icons, {len(FALLBACK_SIZES)} sizes each, in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
