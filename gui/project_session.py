"""The window's handle on the current review project: new/open/save-as, recent files, read-only.

``ProjectSession`` holds at most one open ``core.review.project.Project``. It shows no
widgets: the main window asks for file names with its own dialogs and reacts to the signals.
Every failure is turned into a Chinese message on ``error_raised`` (never an exception), and
the methods return whether they succeeded.

How the main window uses it::

    self.session = ProjectSession(self)
    self.session.project_opened.connect(self._on_project_opened)      # path: load its reports
    self.session.project_closed.connect(self._on_project_closed)      # clear the report list
    self.session.read_only_changed.connect(lambda ro: self._update_title())
    self.session.error_raised.connect(lambda msg: QMessageBox.warning(self, "审核项目", msg))

    # 文件 menu
    新建项目…      path = QFileDialog.getSaveFileName(self, "新建项目", "", "审核项目 (*.ogiproj)")[0]
                   if path: self.session.new(path)      # then add the open reports: see below
    打开项目…      path = QFileDialog.getOpenFileName(self, "打开项目", "", "审核项目 (*.ogiproj)")[0]
                   if path: self.session.open(path)
    项目另存为…    path = QFileDialog.getSaveFileName(...); if path: self.session.save_as(path)
    最近的项目 ▸   rebuild the submenu on ``aboutToShow`` from ``self.session.recent_projects()``
                   (full paths; show ``Path(p).name`` with the path as tooltip), each action
                   calling ``self.session.open(p)``.

    _on_project_opened(path):
        reports = self.session.reviewed_reports()     # saved corrections applied; edits persist
        show them; for path, text in self.session.notices().items(): mark that report
        (source missing / changed); if self.session.printed_changes(): tell the user which
        corrections' printed values changed (path, field, before → now, still corrected to new).
        Undo history starts empty.

    adding files while a project is open:  self.session.add_reports(parsed_reviewed_list)
        — the objects keep their identity (a ReviewedReport becomes a ProjectReport in place,
        so undo stacks and entries keyed by it stay valid) and save every edit from then on;
        without a project the list is returned unchanged and edits live only in memory.
        An edit on a read-only or closed project raises ``ProjectReadOnly`` (a ReportError
        with a Chinese message) before anything changes.

    title: f"{base} — {Path(session.path).name}{session.title_suffix()}"; the suffix is
        "〔只读〕" when the project was opened read-only (another instance holds it: the
        session opens it read-only by itself and emits ``error_raised`` with who holds it).
        Disable editing while ``session.read_only``; "项目另存为…" makes an editable copy.

    closeEvent: self.session.close()

``attach_to_window(window)`` does all of the above for ``gui.main_window.MainWindow`` (which
calls it when this module exists): it inserts the actions before ``window.project_menu_anchor``
in ``window.file_menu``, routes ``*.ogiproj`` given to ``window.open_paths`` (open dialog, drag
and drop, recent files) to ``session.open``, replaces the window's reports with the project's,
adds reports opened later to the project, and keeps the title's file name and 〔只读〕 current.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QSettings, Signal

from core.batch import PROJECT_SUFFIX
from core.errors import ProjectError
from core.model import Report
from core.review.project import PrintedChange, Project, ProjectLocked, ProjectReport
from core.review.state import ReviewedReport
from gui.i18n import arg

RECENT_KEY = "recent/projects"
MAX_RECENT = 10
WORKSPACE_NAME = "工作区"  # the automatic project edits are saved to when no project was named
WORKSPACE_ENV = "OGI_REVIEW_DATA_DIR"  # overrides the data folder (tests, portable installs)


def data_dir() -> Path:
    """The user's data folder for ogi-review (the workspace project lives here)."""
    from PySide6.QtCore import QStandardPaths

    override = os.environ.get(WORKSPACE_ENV)
    if override:
        return Path(override)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".ogi-review")


def workspace_path() -> Path:
    """The automatic workspace project: every edit made outside a named project is saved here."""
    return data_dir() / (WORKSPACE_NAME + PROJECT_SUFFIX)
READ_ONLY_SUFFIX = QT_TRANSLATE_NOOP("ProjectSession", "〔只读〕")  # translated in title_suffix()


class ProjectSession(QObject):
    """The current review project of a window (at most one)."""

    project_opened = Signal(str)
    project_closed = Signal()
    read_only_changed = Signal(bool)
    error_raised = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        settings: QSettings | None = None,
        parse: Callable[[str], Report] | None = None,
    ) -> None:
        super().__init__(parent)
        if settings is None:
            app = QCoreApplication.instance()
            named = app is not None and bool(QCoreApplication.organizationName() or QCoreApplication.applicationName())
            settings = QSettings() if named else QSettings("ogi-review", "ogi-review")
        self._settings = settings
        self._parse = parse
        self._project: Project | None = None

    # ------------------------------------------------------------------ state
    @property
    def project(self) -> Project | None:
        return self._project

    @property
    def path(self) -> str | None:
        return None if self._project is None else self._project.path

    @property
    def read_only(self) -> bool:
        return self._project is not None and self._project.read_only

    @property
    def is_workspace(self) -> bool:
        """The current project is the automatic workspace (not one the user named)."""
        return self._project is not None and Path(self._project.path).name.startswith(WORKSPACE_NAME)

    def workspace_reports(self) -> int:
        """How many reports the saved workspace holds (0 when there is none or it is unreadable)."""
        path = workspace_path()
        if not path.is_file():
            return 0
        try:
            with Project.open(str(path), read_only=True, parse=self._parse) as project:
                return len(project.reviewed_reports())
        except ProjectError:
            return 0

    def open_workspace(self, restore: bool) -> bool:
        """Make the automatic workspace current, so that no edit lives only in memory.

        ``restore``: reopen last time's workspace with its reports and corrections; otherwise
        the old workspace (if any) is kept aside under a dated name and a fresh one started —
        nothing the reviewer did is ever deleted. A workspace held by another running instance
        (or unreadable) makes this instance use a workspace of its own.
        """
        path = workspace_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.error_raised.emit(arg(self.tr("无法创建数据文件夹“%1”：%2。修改将不会自动保存。"), str(path.parent), str(exc)))
            return False
        candidates = [path] + [path.with_name(f"{WORKSPACE_NAME}-{os.getpid()}{PROJECT_SUFFIX}")]
        for i, target in enumerate(candidates):
            try:
                if target.is_file() and restore and i == 0:
                    project = Project.open(str(target), parse=self._parse)
                else:
                    if target.is_file() and i == 0:
                        _archive(target)
                    project = Project.create(str(target), overwrite=True)
            except ProjectError:
                if i == 0 and target.is_file() and not restore:
                    continue
                if i == 0 and restore:
                    try:
                        _archive(target)  # unreadable or held: keep it aside, start afresh
                    except OSError:
                        pass
                    continue
                continue
            self._switch(project, recent=False)
            return True
        self.error_raised.emit(self.tr("无法创建自动保存的工作区，修改将不会自动保存；请用“新建项目”保存工作。"))
        return False

    def _drop_workspace(self, path: str) -> None:
        """The workspace's content now lives in a named project: remove the workspace file."""
        from core.review.files import unlink_all

        if Path(path).name.startswith(WORKSPACE_NAME) and Path(path).parent == data_dir():
            try:
                unlink_all(path)
            except OSError:
                pass

    def title_suffix(self) -> str:
        """ "〔只读〕" for a read-only project, else ""."""
        return QCoreApplication.translate("ProjectSession", READ_ONLY_SUFFIX) if self.read_only else ""

    def reviewed_reports(self) -> list[ReviewedReport]:
        return [] if self._project is None else list(self._project.reviewed_reports())

    def notices(self) -> dict[str, str]:
        return {} if self._project is None else self._project.notices()

    def printed_changes(self) -> list[PrintedChange]:
        return [] if self._project is None else self._project.printed_changes()

    # ------------------------------------------------------------------ actions
    def new(self, path: str) -> bool:
        """Create a project at ``path`` (replacing a file the save dialog confirmed) and make it current."""
        if self._project is not None and _same(self._project.path, path):
            self.close()  # replacing the open project: release our own lock first
        try:
            project = Project.create(path, overwrite=True)
        except ProjectError as exc:
            self.error_raised.emit(exc.message)
            return False
        self._switch(project)
        return True

    def open(self, path: str, read_only: bool = False) -> bool:
        """Open a project; if another instance holds it, say who and open it read-only."""
        if self._project is not None and _same(self._project.path, path) and (read_only or not self._project.read_only):
            return True
        locked: ProjectError | None = None
        try:
            try:
                project = Project.open(path, read_only=read_only, parse=self._parse)
            except ProjectError as exc:  # held by another instance, or a folder we cannot write to
                if not isinstance(exc, ProjectLocked) and exc.code not in (
                    "project.lock_failed",
                    "project.not_writable",
                ):
                    raise
                locked = exc
                project = Project.open(path, read_only=True, parse=self._parse)
        except ProjectError as exc:
            self.error_raised.emit(exc.message)
            if exc.code == "project.missing":
                self._prune_recent()
            return False
        self._switch(project)
        if locked is not None:
            extra = "" if isinstance(locked, ProjectLocked) else self.tr("项目已以只读方式打开。")
            self.error_raised.emit(locked.message + extra)
        return True

    def save_as(self, path: str) -> bool:
        """Copy the project to ``path`` and continue there (editable)."""
        if self._project is None:
            self.error_raised.emit(self.tr("当前没有打开的审核项目，无法另存为。"))
            return False
        was_read_only = self._project.read_only
        old_path, was_workspace = self._project.path, self.is_workspace
        try:
            self._project.save_as(path)
        except ProjectError as exc:
            self.error_raised.emit(exc.message)
            return False
        if was_workspace:
            self._drop_workspace(old_path)
        self.add_recent(self._project.path)
        self.project_opened.emit(self._project.path)
        if was_read_only:
            self.read_only_changed.emit(False)
        return True

    def close(self) -> None:
        """Close the current project (if any)."""
        if self._project is None:
            return
        was_read_only = self._project.read_only
        self._project.close()
        self._project = None
        self.project_closed.emit()
        if was_read_only:
            self.read_only_changed.emit(False)

    def add_reports(self, reviewed: Sequence[ReviewedReport]) -> list[ReviewedReport]:
        """Add reports to the open project and return the project's objects (use them)."""
        if self._project is None:
            return list(reviewed)
        try:
            return list(self._project.add_reports(list(reviewed)))
        except ProjectError as exc:
            self.error_raised.emit(exc.message)
            return []

    def remove_report(self, path: str) -> bool:
        if self._project is None:
            return False
        try:
            return self._project.remove_report(path)
        except ProjectError as exc:
            self.error_raised.emit(exc.message)
            return False

    # ------------------------------------------------------------------ recent projects
    def recent_projects(self) -> list[str]:
        """Recently used projects, newest first; files that no longer exist are dropped."""
        return self._prune_recent()

    def add_recent(self, path: str) -> None:
        full = os.path.abspath(path)
        items = [p for p in self._read_recent() if not _same(p, full)]
        self._write_recent([full, *items][:MAX_RECENT])

    def _read_recent(self) -> list[str]:
        value = self._settings.value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in (value or []) if v]

    def _write_recent(self, items: list[str]) -> None:
        self._settings.setValue(RECENT_KEY, items)
        self._settings.sync()

    def _prune_recent(self) -> list[str]:
        items = self._read_recent()
        kept = [p for p in items if os.path.isfile(p)][:MAX_RECENT]
        if kept != items:
            self._write_recent(kept)
        return kept

    # ------------------------------------------------------------------ internals
    def _switch(self, project: Project, recent: bool = True) -> None:
        old_read_only = self.read_only
        if self._project is not None:
            self._project.close()
            self._project = None
            self.project_closed.emit()
        self._project = project
        if recent:
            self.add_recent(project.path)
        self.project_opened.emit(project.path)
        if project.read_only != old_read_only:
            self.read_only_changed.emit(project.read_only)


def _archive(path: Path) -> Path:
    """Keep an old workspace aside under a dated name (never delete what a reviewer did)."""
    import datetime as dt

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{WORKSPACE_NAME}-{stamp}{PROJECT_SUFFIX}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            os.replace(side, Path(str(target) + suffix))
    return target


def _same(a: str, b: str) -> bool:
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(Path(b)))


# --------------------------------------------------------------------------- window wiring


def attach_to_window(window: Any) -> ProjectSession:
    """Wire a session into the main window's 文件 menu (see the module docstring); return it."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    from gui import errors, settings

    session = ProjectSession(window, settings=settings.qsettings())
    base_title = window.windowTitle()
    file_filter = arg(QCoreApplication.translate("ProjectSession", "审核项目 (*%1)"), PROJECT_SUFFIX)

    def update_title() -> None:
        if session.path is None:
            window.setWindowTitle(base_title)
            return
        plain = base_title.replace("[*]", "")
        name = (
            QCoreApplication.translate("ProjectSession", "未命名项目（自动保存）")
            if session.is_workspace
            else Path(session.path).name
        )
        window.setWindowTitle(f"{plain} — {name}{session.title_suffix()}[*]")

    def last_dir() -> str:
        recent = session.recent_projects()
        return str(Path(recent[0]).parent) if recent else settings.get("files/last_dir")

    def ask_save(title: str) -> str:
        from PySide6.QtWidgets import QFileDialog

        path = QFileDialog.getSaveFileName(window, title, last_dir(), file_filter)[0]
        if path and not path.lower().endswith(PROJECT_SUFFIX):
            path += PROJECT_SUFFIX
        return path

    def new_project() -> None:
        path = ask_save(QCoreApplication.translate("ProjectSession", "新建项目"))
        workspace = session.path if session.is_workspace else None
        if path and session.new(path):
            added = session.add_reports([e.reviewed for e in window.entries()])  # the open reports join
            if workspace is not None and len(added) == len(window.entries()):
                session._drop_workspace(workspace)  # its reports and corrections now live in the new project
            errors.status_message(QCoreApplication.translate("ProjectSession", "已新建项目，修改会随时自动保存。"))

    def open_dialog() -> None:
        from PySide6.QtWidgets import QFileDialog

        title = QCoreApplication.translate("ProjectSession", "打开项目")
        path = QFileDialog.getOpenFileName(window, title, last_dir(), file_filter)[0]
        if path:
            open_project(path)

    def open_project(path: str) -> None:
        if session.open(path):
            _show_project(window, session, errors)

    def save_as() -> None:
        if session.project is None:
            errors.status_message(QCoreApplication.translate("ProjectSession", "当前没有打开的项目。"))
            return
        path = ask_save(QCoreApplication.translate("ProjectSession", "项目另存为"))
        if path:
            session.save_as(path)

    def fill_recent() -> None:
        menu.clear()
        for p in session.recent_projects():
            act = menu.addAction(Path(p).name)
            act.setToolTip(p)
            act.setStatusTip(p)
            act.triggered.connect(lambda _=False, path=p: open_project(path))
        if menu.isEmpty():
            menu.addAction(QCoreApplication.translate("ProjectSession", "（无）")).setEnabled(False)

    def adopt_loaded() -> None:
        project = session.project
        if project is None or project.read_only:
            return
        loose = [
            e.reviewed
            for e in window.entries()
            if not (isinstance(e.reviewed, ProjectReport) and e.reviewed.project is project)
        ]
        if loose:
            session.add_reports(loose)

    acts = []
    menu_items = (
        (QCoreApplication.translate("ProjectSession", "新建项目…"), new_project),
        (QCoreApplication.translate("ProjectSession", "打开项目…"), open_dialog),
        (QCoreApplication.translate("ProjectSession", "项目另存为…"), save_as),
    )
    for text, slot in menu_items:
        act = QAction(text, window)
        act.triggered.connect(slot)
        acts.append(act)
    acts[0].setStatusTip(
        QCoreApplication.translate(
            "ProjectSession", "把当前打开的报告和修改保存到一个新的审核项目文件，之后每次修改都会立即保存"
        )
    )
    file_menu = window.file_menu
    anchor = window.project_menu_anchor
    for act in acts:
        file_menu.insertAction(anchor, act)
    menu = QMenu(QCoreApplication.translate("ProjectSession", "最近的项目"), window)
    menu.setObjectName("recent_projects_menu")
    file_menu.insertMenu(anchor, menu)
    menu.aboutToShow.connect(fill_recent)
    window.project_actions = [*acts, menu.menuAction()]

    project_title = QCoreApplication.translate("ProjectSession", "审核项目")
    session.error_raised.connect(lambda msg: errors.message(window, "warning", project_title, msg))
    for sig in (session.project_opened, session.project_closed, session.read_only_changed):
        sig.connect(lambda *_: update_title())

    def sync_read_only(*_: Any) -> None:
        tables = getattr(window, "stat_tables", None)
        if tables is not None and hasattr(tables, "set_read_only"):
            tables.set_read_only(session.read_only)

    for sig in (session.project_opened, session.project_closed, session.read_only_changed):
        sig.connect(sync_read_only)
    window.batch_finished.connect(adopt_loaded)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(session.close)  # release the lock

    original_open_paths = window.open_paths

    def open_paths(paths: list[str]) -> Any:
        projects = [str(p) for p in paths if str(p).lower().endswith(PROJECT_SUFFIX)]
        others = [p for p in paths if str(p) not in projects]
        if projects:
            open_project(projects[-1])
        return original_open_paths(others) if others else None

    window.open_paths = open_paths
    window.show_project = lambda: _show_project(window, session, errors)
    return session


def _show_project(window: Any, session: ProjectSession, errors: Any) -> None:
    """Replace the window's reports with the project's and tell about missing or changed sources."""
    model = window.report_list.model
    for entry in list(window.entries()):
        model.remove_entry(entry)
        window.undo.remove(entry.reviewed)
        getattr(window, "_open_paths", set()).discard(entry.path)
    window.show_entry(None)
    window.add_reviewed(session.reviewed_reports())
    project = session.project
    failures = [] if project is None else project.failures()
    notices = session.notices()
    changes = session.printed_changes()
    if not (notices or changes or failures):
        return
    line = QCoreApplication.translate("ProjectSession", "%1：%2")
    lines = [arg(line, Path(p).name, text) for p, text in notices.items()]
    lines += [arg(line, Path(p).name, err.message) for p, err in failures]
    template = QCoreApplication.translate("ProjectSession", "%1：原文数值 %2 → %3，更正值 %4")
    details = "\n".join(f"{c.path}\n  " + arg(template, c.field, c.before, c.now, c.new) for c in changes)
    errors.message(
        window,
        "information",
        QCoreApplication.translate("ProjectSession", "审核项目"),
        "\n".join(lines[:30]) + ("\n…" if len(lines) > 30 else ""),
        details,
    )
