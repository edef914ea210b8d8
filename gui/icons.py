"""The application's icons: simple SVGs under resources/icons, cached by name."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from core.resources import resource_dir


@cache
def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg`` as a QIcon (an empty icon when the file is missing)."""
    path = resource_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()
