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
        — the objects keep their identity (a ReviewedReport gets a ProjectLink in place,
        so undo stacks and entries keyed by it stay valid) and save every edit from then on;
        without a project the list is returned unchanged and edits live only in memory.
        An edit on a read-only or closed project raises ``ProjectReadOnly`` (a ReportError
        with a Chinese message) before anything changes.

    title: f"{base} — {Path(session.path).name}{session.title_suffix()}"; the suffix is
        "〔只读〕" when the project was opened read-only (another instance holds it: the
        session opens it read-only by itself and emits ``error_raised`` with who holds it).
        Disable editing while ``session.read_only``; "项目另存为…" makes an editable copy.

    closeEvent: self.session.close()

``gui.main_window.project_menus.attach_to_window(window)`` does all of the above for
``gui.main_window.window.MainWindow``: it inserts the actions before ``window.project_menu_anchor``
in ``window.file_menu``, routes ``*.ogiproj`` given to ``window.open_paths`` (open dialog, drag
and drop, recent files) to ``session.open``, replaces the window's reports with the project's,
adds reports opened later to the project, and keeps the title's file name and 〔只读〕 current.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QSettings, Signal

from core.batch import PROJECT_SUFFIX
from core.errors import ProjectError
from core.model import Report
from core.review.project import PrintedChange, Project, ProjectLocked
from core.review.state import ReviewedReport, local_minute
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
        self.lock_reason = ""  # why the open project is read-only (who holds it, since when)
        # asked (once per opening) whether a project may read sources outside its folder; None: never
        self.outside_consent: Callable[[str, list[str]], bool] | None = None

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

    def open_workspace(self, restore: bool) -> bool:
        """Make the automatic workspace current, so that no edit lives only in memory.

        ``restore``: reopen last time's workspace with its reports and corrections; otherwise
        the old workspace (if any) is kept aside under a dated name and a fresh one started —
        nothing the reviewer did is ever deleted. A workspace held by another running instance
        (or unreadable) makes this instance use a workspace of its own.
        """
        path = workspace_path()
        own = path.with_name(f"{WORKSPACE_NAME}-{os.getpid()}{PROJECT_SUFFIX}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            message = self.tr("无法创建数据文件夹“%1”：%2。修改将不会自动保存。")
            from core.errors import os_reason

            self.error_raised.emit(arg(message, str(path.parent), os_reason(exc)))
            return False
        if path.is_file() and not restore and not _held_elsewhere(path):
            try:
                _archive(path)
            except OSError:
                pass  # then it stays where it is and this instance uses a workspace of its own
        for target in (path, own):
            try:
                if target == path and restore and path.is_file():
                    project = Project.open(str(path), parse=self._parse, outside=True)  # our own workspace
                elif target == path and path.is_file():
                    continue  # still there: another instance's, or it could not be set aside
                else:
                    project = Project.create(str(target), overwrite=True)
            except ProjectError:
                continue  # held by another running instance, or unreadable (left untouched)
            self._switch(project, recent=False)
            return True
        self.error_raised.emit(self.tr("无法创建自动保存的工作区，修改将不会自动保存；请用“新建项目”保存工作。"))
        return False

    def drop_workspace(self, path: str) -> None:
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
        answers: list[bool] = []

        def consent(paths: list[str]) -> bool:  # asked once, even when opened again read-only
            if not answers:
                answers.append(self.outside_consent is not None and bool(self.outside_consent(path, paths)))
            return answers[0]

        try:
            try:
                project = Project.open(path, read_only=read_only, parse=self._parse, outside=consent)
            except ProjectError as exc:  # held by another instance, or a folder we cannot write to
                if not isinstance(exc, ProjectLocked) and exc.code not in (
                    "project.lock_failed",
                    "project.not_writable",
                ):
                    raise
                locked = exc
                project = Project.open(path, read_only=True, parse=self._parse, outside=consent)
        except ProjectError as exc:
            self.error_raised.emit(exc.message)
            if exc.code == "project.missing":
                self._prune_recent()
            return False
        self.lock_reason = "" if locked is None else lock_message(locked, path)
        self._switch(project)
        if locked is not None:
            extra = "" if isinstance(locked, ProjectLocked) else self.tr("项目已以只读方式打开。")
            self.error_raised.emit(self.lock_reason + extra)
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
            self.drop_workspace(old_path)
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

    def add_reports(self, reviewed: Sequence[ReviewedReport], synced: bool = True) -> list[ReviewedReport]:
        """Add reports to the open project and return the project's objects (use them).

        ``synced=False``: without waiting for the disk (``core.review.project.Project.add_reports``).
        """
        if self._project is None:
            return list(reviewed)
        try:
            return list(self._project.add_reports(list(reviewed), synced=synced))
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

    def counted_choices(self) -> dict[tuple[str, int], str]:
        """The project's saved choice of the counted member of each duplicate group."""
        return {} if self._project is None else self._project.counted_choices()

    def set_counted_choice(self, key: tuple[str, int], chosen: str | None) -> bool:
        """Save which member of a duplicate group is counted (no project, or read-only: not saved)."""
        if self._project is None or self._project.read_only:
            return False
        try:
            self._project.set_counted_choice(key, chosen)
        except ProjectError as exc:
            self.error_raised.emit(exc.message)
            return False
        return True

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



def lock_message(exc: ProjectError, path: str) -> str:
    """Why a project opened read-only, in words (who holds it since when, in local time)."""
    holder = getattr(exc, "holder", None)
    if not isinstance(exc, ProjectLocked) or holder is None:
        return exc.message
    return arg(
        QCoreApplication.translate(
            "ProjectSession",
            "审核项目“%1”正由用户“%2”（计算机 %3）自 %4 起打开，为避免修改互相覆盖，只能以只读方式查看。",
        ),
        Path(path).name,
        holder.user or "?",
        holder.host or "?",
        local_minute(holder.time) if holder.time else "?",
    )


def _held_elsewhere(path: Path) -> bool:
    """Another running instance has this project open (its lock is live)."""
    try:
        Project.open(str(path)).close()
    except ProjectLocked:
        return True
    except ProjectError:
        return False
    return False


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
