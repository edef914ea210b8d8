"""Application start-up: logging, settings, translators, Chinese font, crash handler, the review window."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

_T0 = time.perf_counter()
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "SimSun",
    "WenQuanYi Micro Hei",
)


def chinese_font_families() -> list[str]:
    """Installed font families that cover Simplified Chinese (needs a QGuiApplication)."""
    from PySide6.QtGui import QFontDatabase

    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def ensure_chinese_font(app: object) -> str | None:
    """Make the UI font fall back to a Simplified Chinese family; returns the family used (None: none)."""
    from PySide6.QtGui import QFont, QFontDatabase

    families = chinese_font_families()
    if not families:
        return None
    default = QFont(app.font())  # type: ignore[attr-defined]
    if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(default.family()):
        return default.family()
    preferred = next((f for f in CJK_FAMILIES if f in families), families[0])
    default.setFamilies([default.family(), preferred])
    app.setFont(default)  # type: ignore[attr-defined]
    return preferred


def create_application(argv: list[str] | None = None) -> object:
    """The QApplication with names, icon, translators and the Chinese font in place."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from gui import settings
    from gui.i18n import install_translators
    from gui.icons import icon

    # The GUI thread shares the GIL with the parsing worker; a shorter switch interval than
    # the default 5 ms lets it get the GIL back sooner, which keeps the event loop responsive.
    sys.setswitchinterval(0.002)
    QCoreApplication.setOrganizationName("ogi-review")
    QCoreApplication.setApplicationName("ogi-review")
    if QApplication.instance() is None:
        # Fractional scaling (125 %, 150 % on office laptops) without rounding: crisp text and icons.
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setWindowIcon(icon("app"))
    language = settings.get("ui/language")
    install_translators(app, language)
    app.setApplicationDisplayName(QCoreApplication.translate("MainWindow", "政府信息公开年报审核"))
    ensure_chinese_font(app)
    return app


def start_app(args: list[str]) -> tuple[object, object]:
    """Everything ``run_app`` does before the event loop: the application and the shown window.

    The files/folders given (none: the bundled samples) start loading once the loop runs.
    """
    from PySide6.QtCore import QCoreApplication, QTimer

    from core.resources import sample_files
    from gui import errors, settings

    no_crash = "--no-crash-dialog" in args
    files = [a for a in args if not a.startswith("--")]
    errors.setup_logging()
    app = create_application()
    errors.install_excepthook(enabled=not no_crash and settings.get("errors/crash_dialog"))
    settings.apply_parse_limits()  # one file can never stall or exhaust the window's batch
    from gui.main_window.window import MainWindow

    window = MainWindow()
    window.show()
    # The bundled samples greet a first start only; an empty workspace later stays empty.
    first_start = not settings.qsettings().value(SAMPLES_SHOWN_KEY, False, type=bool)
    paths = files or ([str(p) for p in sample_files()] if first_start else [])
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        title = QCoreApplication.translate("MainWindow", "文件不存在")
        text = QCoreApplication.translate("MainWindow", "找不到以下文件：")
        errors.message(window, "warning", title, text + "\n" + "\n".join(missing))
    paths = [p for p in paths if Path(p).exists()]
    if _reopen_last_project(window) or _open_workspace(window):
        if not files:
            paths = []  # last time's reports are back: no samples on top of them
    if not files:
        settings.qsettings().setValue(SAMPLES_SHOWN_KEY, True)
    if paths:
        QTimer.singleShot(0, lambda: window.open_paths(paths))
    QTimer.singleShot(0, lambda: start_parser(window))
    return app, window


def start_parser(window: QObject) -> None:
    """Start the parser's worker process while the window waits for the user, off the GUI thread,
    so that the first report opened does not wait ~0.3 s for it (a failure to start is the first
    batch's to report, as before)."""
    from core.batch.worker import start_shared
    from gui.workers import Op

    def not_started(exc: BaseException) -> None:
        import logging

        logging.getLogger(__name__).warning("parser process not started ahead of the first file: %r", exc)

    Op(window, lambda ctx: start_shared(), "start parser").on_failure(not_started).run()


SAMPLES_SHOWN_KEY = "state/samples_shown"
LAST_PROJECT_KEY = "state/last_project"  # the named project in use when the program last ran


def _reopen_last_project(window: object) -> bool:
    """Last time's work was in a named project (it may have ended in a crash or a kill): reopen it
    and say where the work is. Every edit was saved in it as made. Returns True when it opened."""
    from PySide6.QtCore import QCoreApplication

    from gui import errors, settings
    from gui.i18n import arg

    session = window.session
    last = str(settings.qsettings().value(LAST_PROJECT_KEY, "") or "")
    if session is None or not last or not Path(last).is_file():
        return False
    if not session.open(last):
        return False
    window.project_menus.show_project()
    errors.status_message(
        arg(
            QCoreApplication.translate("MainWindow", "已打开上次的审核项目“%1”：之前的修改都已保存在其中。"),
            Path(last).name,
        ),
        15000,
    )
    return True


def remember_project(path: str | None) -> None:
    """The session switched project: a named, editable one is reopened at the next start."""
    from gui import settings

    if path:
        settings.qsettings().setValue(LAST_PROJECT_KEY, path)
    else:
        settings.qsettings().remove(LAST_PROJECT_KEY)


def _open_workspace(window: object) -> bool:
    """Work inside the automatic workspace project unless one was named: every edit is saved.

    Offers to restore last time's workspace (the reports and every correction, e.g. after a
    crash or a power cut). Returns True when reports were restored.
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from gui import errors

    session = window.session
    if session is None or not hasattr(session, "open_workspace"):
        return False
    # Open last time's workspace once (decoding its snapshots is the expensive part), then
    # decide: nothing in it → a fresh start; reports but no edits → reopen quietly; edits → ask.
    if not session.open_workspace(restore=True):
        return False
    reports = session.reviewed_reports()
    if not reports:
        return False
    edited = sum(1 for r in reports if not r.state.is_empty())
    if edited and not errors.is_log_only():
        answer = QMessageBox.question(
            window,  # type: ignore[arg-type]
            QCoreApplication.translate("MainWindow", "恢复上次的工作"),
            QCoreApplication.translate(
                "MainWindow",
                "上次审核的 %1 份报告及其修改已自动保存。要恢复吗？\n\n"
                "选“否”将另起一个空白工作区，上次的内容保留在数据文件夹中，不会删除。",
            ).replace("%1", str(len(reports))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            session.close()  # release it, then keep it aside and start afresh
            session.open_workspace(restore=False)
            return False
    window.project_menus.show_project()
    errors.status_message(QCoreApplication.translate("MainWindow", "已恢复上次的工作：修改会随时自动保存。"))
    return True


def run_app(args: list[str]) -> int:
    """Open the review window on the given files/folders (none: the bundled samples); run until quit."""
    import multiprocessing

    # In a frozen build the parse worker processes start this executable again; this call
    # turns such a start into a worker instead of a second window (no-op otherwise).
    multiprocessing.freeze_support()
    app, _window = start_app(args)
    _quit_on_signals(app)
    code = app.exec()  # type: ignore[attr-defined]
    from gui.workers import wait_all

    wait_all(5000)  # a cancelled batch stops at its next file
    from core.batch.worker import shutdown

    shutdown()
    return int(code)


def _quit_on_signals(app: object) -> None:
    """Quit cleanly on SIGTERM/SIGINT (a desktop logout, Ctrl+C): the project lock is released.

    Python runs signal handlers only between bytecodes, so a timer wakes the interpreter
    while Qt's event loop waits.
    """
    import signal

    from PySide6.QtCore import QTimer

    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            signal.signal(sig, lambda *_: app.quit())  # type: ignore[attr-defined]
        except (ValueError, OSError):  # not the main thread, or not supported here
            return
    timer = QTimer(app)  # type: ignore[arg-type]
    timer.timeout.connect(lambda: None)
    timer.start(300)
