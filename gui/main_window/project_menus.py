"""The window side of the review project: the 文件 menu's project actions, title and report list.

``attach_to_window(window)`` creates the window's ``ProjectSession`` (see ``gui.main_window.project_session``
for what the session does and how a window uses it), adds the project actions to the window's
文件 menu and returns a ``ProjectMenus``: the part of the window that opens and shows projects
(the window routes ``*.ogiproj`` given to ``open_paths`` to ``open_project``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer

from core.batch import PROJECT_SUFFIX
from core.review.project import project_link
from gui.i18n import arg
from gui.main_window.project_session import ProjectSession

# Reports that arrive while a batch loads are saved into the project together, this long after the
# first of them arrived: one transaction (and one synced commit) for several reports.
ADOPT_DELAY_MS = 300


@dataclass
class ProjectMenus:
    """The window's review-project part: its session, its 文件 menu actions, and how to open one."""

    session: ProjectSession
    actions: list[Any]
    open_project: Callable[[str], None]
    show_project: Callable[[], None]
    # reports the window opened join the open project: soon (coalesced while a batch loads), or now
    adopt_soon: Callable[[], None] = lambda: None
    adopt_now: Callable[[], None] = lambda: None


def attach_to_window(window: Any) -> ProjectMenus:
    """Wire a session into the main window's 文件 menu (see the module docstring)."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    from gui import errors, settings

    session = ProjectSession(window, settings=settings.qsettings())
    session.outside_consent = lambda project, paths: _ask_outside(window, errors, project, paths)
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
        window.setWindowTitle(f"{name}{session.title_suffix()}[*] — {plain}")

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
        take = True
        if window.entries():
            answer = window._ask_new_project_contents(len(window.entries()))
            if answer is None:
                return
            take = answer
        path = ask_save(QCoreApplication.translate("ProjectSession", "新建项目"))
        workspace = session.path if session.is_workspace else None
        if path and session.new(path):
            if take:
                added = session.add_reports([e.reviewed for e in window.entries()])  # the open reports join
                for key, chosen in window.batch.chosen.items():  # and which duplicates the reviewer counts
                    session.set_counted_choice(key, chosen)
                if workspace is not None and len(added) == len(window.entries()):
                    session.drop_workspace(workspace)  # its reports and corrections now live in the new project
            else:
                _show_project(window, session, errors)  # an empty project; the old work stays where it was
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

    def adopt_loaded(synced: bool = False) -> None:
        """Save the window's reports that are in no project yet into the open one.

        Called a moment after reports arrive (``adopt_soon``) and before a report is shown for
        editing (``adopt_now``), so that every report is in the project before any edit of it is
        made (the edit is then saved as it is made, and its synced commit makes the report's rows
        durable too). These saves do not wait for the disk; when a batch ends everything is synced
        and copied into the project file in the background (``Project.flush``). The worker that
        parsed a report already packed it (``Report.snapshot``): the GUI thread writes rows only.
        """
        adopt_timer.stop()
        project = session.project
        loose = [
            e.reviewed
            for e in window.entries()
            if project is None or (link := project_link(e.reviewed)) is None or link.project is not project
        ]
        if project is None or project.read_only:
            for rr in loose:
                rr.report.snapshot = None  # nowhere to store it: not kept in memory (a new project packs again)
            return
        if loose:
            session.add_reports(loose, synced=False)
        if synced:
            from gui.workers import Op

            Op(window, lambda _ctx: project.flush(), label="flush").run()

    adopt_timer = QTimer(window)
    adopt_timer.setSingleShot(True)
    adopt_timer.setInterval(ADOPT_DELAY_MS)
    adopt_timer.timeout.connect(adopt_loaded)

    def adopt_soon() -> None:
        if not adopt_timer.isActive():
            adopt_timer.start()

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

    project_title = QCoreApplication.translate("ProjectSession", "审核项目")
    session.error_raised.connect(lambda msg: errors.message(window, "warning", project_title, msg))
    for sig in (session.project_opened, session.project_closed, session.read_only_changed):
        sig.connect(lambda *_: update_title())

    def sync_read_only(*_: Any) -> None:
        window.set_read_only(session.read_only, session.lock_reason if session.read_only else "")

    for sig in (session.project_opened, session.project_closed, session.read_only_changed):
        sig.connect(sync_read_only)

    def remember(*_: Any) -> None:
        from gui.app import remember_project

        if session.is_workspace:
            remember_project(None)  # back in the automatic workspace: start there next time
        elif session.path is not None and not session.read_only:
            remember_project(session.path)

    session.project_opened.connect(remember)
    session.read_only_changed.connect(remember)
    window.batch_finished.connect(lambda: adopt_loaded(synced=True))
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(session.close)  # release the lock

    return ProjectMenus(
        session,
        [*acts, menu.menuAction()],
        open_project,
        lambda: _show_project(window, session, errors),
        adopt_soon,
        adopt_loaded,
    )


def _show_project(window: Any, session: ProjectSession, errors: Any) -> None:
    """Replace the window's reports with the project's and tell about missing or changed sources."""
    for entry in list(window.batch.entries):
        window.remove_entry(entry)
    window.show_entry(None)
    window.batch.chosen.clear()
    window.batch.chosen.update(session.counted_choices())  # which duplicate is counted: the project's record
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


def _ask_outside(window: Any, errors: Any, project: str, paths: list[str]) -> bool:
    """Ask before a project reads source files outside its own folder (it could name any file)."""
    from PySide6.QtWidgets import QMessageBox

    title = QCoreApplication.translate("ProjectSession", "读取项目文件夹以外的文件")
    shown = "\n".join(paths[:5]) + ("\n…" if len(paths) > 5 else "")
    text = arg(
        QCoreApplication.translate(
            "ProjectSession",
            "审核项目“%1”中有 %2 份报告的源文件位于项目文件夹之外：\n\n%3\n\n"
            "只有信任这个项目的来源时才应允许。允许读取这些文件吗？\n"
            "（不允许：不读取这些文件，显示项目中保存的解析结果。）",
        ),
        Path(project).name,
        len(paths),
        shown,
    )
    if errors.is_log_only():
        errors.shown.append(("question", title, text))
        return False
    answer = QMessageBox.question(
        window,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
