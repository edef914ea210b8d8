"""Declared settings read through typed accessors; QSettings INI with a schema version; window state."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QPoint, QSettings, QSize, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QSplitter, QWidget

SCHEMA_VERSION = 2
MAX_RECENT = 10
FRAME_ROOM = QSize(16, 48)  # window-manager frame and title bar, before the window is first shown


@dataclass(frozen=True)
class Setting:
    """One declared setting: key, type, default and a translatable label."""

    key: str
    type: type
    default: Any
    label: str


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("ui/language", str, "zh_CN", QT_TRANSLATE_NOOP("settings", "界面语言")),
        Setting("files/recent", list, [], QT_TRANSLATE_NOOP("settings", "最近打开的文件")),
        Setting("files/last_dir", str, "", QT_TRANSLATE_NOOP("settings", "上次使用的文件夹")),
        Setting("export/last_dir", str, "", QT_TRANSLATE_NOOP("settings", "上次导出的文件夹")),
        Setting("view/show_original", bool, False, QT_TRANSLATE_NOOP("settings", "显示原文")),
        Setting("view/wrap_lines", bool, True, QT_TRANSLATE_NOOP("settings", "正文自动换行")),
        Setting("errors/crash_dialog", bool, True, QT_TRANSLATE_NOOP("settings", "出错时显示错误报告对话框")),
        Setting("recent/projects", list, [], QT_TRANSLATE_NOOP("settings", "最近的审核项目")),
        Setting("batch/directory", str, "", QT_TRANSLATE_NOOP("settings", "机关名录文件")),
        Setting("batch/count_incomplete", bool, False, QT_TRANSLATE_NOOP("settings", "数据不完整的报告也计入汇总")),
        Setting("parse/timeout_s", int, 60, QT_TRANSLATE_NOOP("settings", "每个文件的解析时限（秒，0 为不限）")),
        Setting("parse/memory_mb", int, 1536, QT_TRANSLATE_NOOP("settings", "每个文件解析时可用的内存（MB，0 为不限）")),
        Setting("export/per_report_sheets", bool, False, QT_TRANSLATE_NOOP("settings", "导出时每份报告加一张工作表")),
        Setting("export/summary_by", str, "", QT_TRANSLATE_NOOP("settings", "按地区或层级另加汇总表")),
        Setting("export/unit", str, "", QT_TRANSLATE_NOOP("settings", "汇总单位")),
        Setting("export/reviewer", str, "", QT_TRANSLATE_NOOP("settings", "审核人")),
        Setting("export/after", str, "folder", QT_TRANSLATE_NOOP("settings", "导出后打开")),
    )
}


def apply_parse_limits() -> None:
    """Give the window's parse workers the per-file limits of the settings (default 60 s, 1.5 GB)."""
    from core.batch.worker import Limits, set_limits

    seconds = max(0, get("parse/timeout_s"))
    megabytes = max(0, get("parse/memory_mb"))
    set_limits(Limits(timeout=float(seconds) or None, memory=megabytes * 1024 * 1024 or None))

_PATH_OVERRIDE: Path | None = None
_INSTANCE: QSettings | None = None


def set_settings_file(path: Path | None) -> None:
    """Use this INI file (tests point it at a tmp dir); None: the user config dir."""
    global _PATH_OVERRIDE, _INSTANCE
    _PATH_OVERRIDE = path
    _INSTANCE = None


def settings_file() -> Path:
    if _PATH_OVERRIDE is not None:
        return _PATH_OVERRIDE
    env = os.environ.get("OGI_REVIEW_SETTINGS")
    if env:
        return Path(env)
    base = QStandardPaths.writableLocation(QStandardPaths.AppConfigLocation) or os.path.expanduser("~/.config")
    return Path(base) / "ogi-review.ini"


def qsettings() -> QSettings:
    """The one QSettings object (INI), upgraded to the current schema on first use."""
    global _INSTANCE
    if _INSTANCE is None:
        path = settings_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        _INSTANCE = QSettings(str(path), QSettings.IniFormat)
        _upgrade(_INSTANCE)
    return _INSTANCE


def _upgrade(s: QSettings) -> None:
    """Small schema upgrades, oldest first (Picard config_upgrade)."""
    version = int(s.value("meta/schema", 0) or 0)
    if version < 1:
        pass  # first run or pre-versioned file: nothing to convert
    if version < 2 and s.contains("language"):
        # v1 stored the language at top level.
        s.setValue("ui/language", s.value("language"))
        s.remove("language")
    s.setValue("meta/schema", SCHEMA_VERSION)


def get(key: str) -> Any:
    """A declared setting's value with its declared type (falls back to the default)."""
    decl = SETTINGS[key]
    raw = qsettings().value(key, None)
    if raw is None:
        return list(decl.default) if isinstance(decl.default, list) else decl.default
    if decl.type is bool:
        return raw if isinstance(raw, bool) else str(raw).lower() in {"1", "true", "yes"}
    if decl.type is list:
        if isinstance(raw, str):
            return [raw] if raw else []
        return [str(x) for x in raw]
    try:
        return decl.type(raw)
    except (TypeError, ValueError):
        return decl.default


def set(key: str, value: Any) -> None:
    """Store a declared setting (unknown keys are a programming error)."""
    if key not in SETTINGS:
        raise KeyError(f"undeclared setting {key!r}")
    qsettings().setValue(key, value)


def unknown_keys() -> list[str]:
    """Keys in the file that nothing declares (lint; window state keys are allowed)."""
    s = qsettings()
    return [k for k in s.allKeys() if k not in SETTINGS and not k.startswith(("state/", "meta/"))]


def add_recent(path: str) -> list[str]:
    recent = [p for p in get("files/recent") if p != path]
    recent.insert(0, path)
    recent = recent[:MAX_RECENT]
    set("files/recent", recent)
    return recent


def sync() -> None:
    qsettings().sync()


# --------------------------------------------------------------------------- window state


def save_geometry(widget: QWidget, name: str | None = None) -> None:
    qsettings().setValue(f"state/{name or widget.objectName()}/geometry", widget.saveGeometry())


def restore_geometry(widget: QWidget, name: str | None = None) -> bool:
    """Restore a saved geometry, clamped to the available screen."""
    data = qsettings().value(f"state/{name or widget.objectName()}/geometry")
    if not isinstance(data, QByteArray | bytes) or not widget.restoreGeometry(QByteArray(data)):
        return False
    screen = widget.screen() or QApplication.primaryScreen()
    if screen is not None:
        avail = screen.availableGeometry()
        if not avail.intersects(widget.frameGeometry()):
            widget.move(avail.topLeft())
        if widget.width() > avail.width() or widget.height() > avail.height():
            widget.resize(min(widget.width(), avail.width()), min(widget.height(), avail.height()))
    return True


def fit_to_screen(widget: QWidget, preferred: QSize) -> bool:
    """First run: size a window to its preferred size, never larger than the available screen.

    On a small screen (where the preferred size does not fit with room for the window frame)
    the window opens maximised instead; returns True in that case. Works in device-independent
    pixels, so a 150 % screen (devicePixelRatio 1.5) gets a window that fits its logical size.
    """
    screen = widget.screen() or QApplication.primaryScreen()
    if screen is None:
        widget.resize(preferred)
        return False
    avail = screen.availableGeometry()
    # Room for the frame and title bar the window manager adds (unknown before the first show).
    room = QSize(avail.width() - FRAME_ROOM.width(), avail.height() - FRAME_ROOM.height())
    minimum = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    if room.width() < preferred.width() or room.height() < preferred.height():
        size = QSize(max(min(room.width(), preferred.width()), 1), max(min(room.height(), preferred.height()), 1))
        widget.resize(size.expandedTo(minimum).boundedTo(avail.size()))
        widget.move(avail.topLeft())
        widget.setWindowState(widget.windowState() | Qt.WindowState.WindowMaximized)
        return True
    widget.resize(preferred)
    widget.move(avail.center() - QPoint(preferred.width() // 2, preferred.height() // 2))
    return False


def fit_dialog(dialog: QWidget, preferred: QSize) -> None:
    """Size a dialog to its preferred size, never larger than the available screen (frame included).

    Qt keeps a dialog that fits on the screen when it shows it; one taller than a 150 % laptop
    screen (911×512 logical pixels) would have its buttons below the edge.
    """
    parent = dialog.parentWidget()
    screen = (parent.screen() if parent is not None else None) or dialog.screen() or QApplication.primaryScreen()
    if screen is None:
        dialog.resize(preferred)
        return
    avail = screen.availableGeometry().size()
    room = QSize(avail.width() - FRAME_ROOM.width(), avail.height() - FRAME_ROOM.height())
    dialog.resize(preferred.boundedTo(room))


def save_splitter(splitter: QSplitter) -> None:
    qsettings().setValue(f"state/splitter/{splitter.objectName()}", splitter.saveState())


def restore_splitter(splitter: QSplitter) -> bool:
    data = qsettings().value(f"state/splitter/{splitter.objectName()}")
    return isinstance(data, QByteArray | bytes) and splitter.restoreState(QByteArray(data))


def save_header(header: QHeaderView, name: str) -> None:
    qsettings().setValue(f"state/header/{name}", header.saveState())


def restore_header(header: QHeaderView, name: str) -> bool:
    data = qsettings().value(f"state/header/{name}")
    return isinstance(data, QByteArray | bytes) and header.restoreState(QByteArray(data))
