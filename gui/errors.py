"""One path to the user for failures: message boxes (log-only in tests), show_error, crash dialog, log file."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from core.errors import ReportError

log = logging.getLogger(__name__)

_LOG_ONLY = False
_LOG_FILE: Path | None = None
# Every message shown (or, in log-only mode, suppressed) as (kind, title, text); tests read it.
shown: list[tuple[str, str, str]] = []
_status_sink: Callable[[str, int], None] | None = None


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def set_log_only(on: bool) -> None:
    """Log messages instead of opening modal boxes (tests, --no-dialogs)."""
    global _LOG_ONLY
    _LOG_ONLY = on


def is_log_only() -> bool:
    return _LOG_ONLY


def message(parent: QObject | None, kind: str, title: str, text: str, details: str = "") -> None:
    """Show a message box (kind: information | warning | critical), or only log it."""
    shown.append((kind, title, text))
    level = {"information": logging.INFO, "warning": logging.WARNING, "critical": logging.ERROR}.get(kind, logging.INFO)
    if _LOG_ONLY:
        # Test mode: INFO so that expected user messages do not count as warnings.
        log.info("[%s] %s: %s %s", kind, title, text, details)
        return
    log.log(level, "%s: %s %s", title, text, details)
    icon = {"information": QMessageBox.Information, "warning": QMessageBox.Warning}.get(kind, QMessageBox.Critical)
    box = QMessageBox(icon, title, text, QMessageBox.Ok, parent if isinstance(parent, QWidget) else None)
    if details:
        box.setDetailedText(details)
    box.exec()


def show_error(parent: QObject | None, exc: BaseException) -> None:
    """Tell the user about a failed operation: ReportError's Chinese message, else a generic one."""
    if isinstance(exc, ReportError):
        if exc.code == "cancelled":
            status_message(exc.message)
            return
        message(parent, "warning", QCoreApplication.translate("errors", "操作未完成"), exc.message, exc.details)
    else:
        details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        message(
            parent,
            "critical",
            QCoreApplication.translate("errors", "内部错误"),
            QCoreApplication.translate("errors", "发生了意外错误：%s") % exc,
            details,
        )


def set_status_sink(sink: Callable[[str, int], None] | None) -> None:
    """Where status-bar notices go (the main window's status bar)."""
    global _status_sink
    _status_sink = sink


def status_message(text: str, timeout_ms: int = 5000) -> None:
    """A short notice in the status bar (the one function for status notices)."""
    log.info("status: %s", text)
    if _status_sink is not None:
        _status_sink(text, timeout_ms)


# --------------------------------------------------------------------------- logging


def log_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.AppDataLocation) or os.path.expanduser("~/.ogi-review")
    return Path(base) / "logs"


def setup_logging(directory: Path | None = None) -> Path:
    """Log to a rotating file (1 MB × 3) in the user data dir; returns the file."""
    global _LOG_FILE
    d = directory or log_dir()
    d.mkdir(parents=True, exist_ok=True)
    path = d / "ogi-review.log"
    root = logging.getLogger()
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1 << 20, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    _LOG_FILE = path
    return path


def log_file() -> Path | None:
    return _LOG_FILE


# --------------------------------------------------------------------------- crash dialog


class CrashDialog(QDialog):
    """Shown for an unexpected exception: what happened, copyable details, where the log is."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("程序出错"))
        lay = QVBoxLayout(self)
        text = self.tr("程序遇到了意外错误。您的修改已记录在项目中；可以继续工作，建议保存后重新启动。")
        lay.addWidget(QLabel(text, wordWrap=True))
        if _LOG_FILE is not None:
            lay.addWidget(QLabel(self.tr("日志文件：%s") % _LOG_FILE, textInteractionFlags=_selectable()))
        self.details = QPlainTextEdit(details, readOnly=True)
        lay.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        copy = buttons.addButton(self.tr("复制详细信息"), QDialogButtonBox.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(640, 420)


def _selectable() -> Any:
    from PySide6.QtCore import Qt

    return Qt.TextSelectableByMouse


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook: log the exception and show the crash dialog (log-only in tests)."""
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("未处理的异常：\n%s", details)
    if isinstance(exc, ReportError):
        show_error(None, exc)
        return
    if _LOG_ONLY or QApplication.instance() is None:
        shown.append(("crash", "", str(exc)))
        return
    CrashDialog(details, QApplication.activeWindow()).exec()


def install_excepthook(enabled: bool = True) -> None:
    """Route uncaught exceptions to the crash dialog (``--no-crash-dialog`` leaves the default)."""
    sys.excepthook = excepthook if enabled else sys.__excepthook__
