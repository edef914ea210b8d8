"""The review window's background work: opening batches of files and exporting (a mixin of MainWindow).

Strings use the ``MainWindow`` translation context explicitly (see gui.main_window.menus).
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog

from core.batch import PROJECT_SUFFIX, REPORT_SUFFIXES, BatchEntry, Failure
from core.errors import Cancelled
from core.review.state import ReviewedReport
from gui import errors, settings
from gui.i18n import arg
from gui.main_window.batch_ops import export_batch_op, export_report_op, load_op
from gui.report_list.report_list import ReportEntry
from gui.workers import Op

log = logging.getLogger(__name__)


class LoadExportMixin:
    """Opens files, folders and projects in the background and exports to Excel."""

    def open_files_dialog(self) -> None:
        from core.loading.scan_images import IMAGE_SUFFIXES  # scanned pages, read by OCR

        exts = " ".join(f"*{s}" for s in (*REPORT_SUFFIXES, *IMAGE_SUFFIXES)) + " *.ogiproj"
        paths = self._ask_open_files(
            QCoreApplication.translate("MainWindow", "打开报告文件"),
            settings.get("files/last_dir"),
            QCoreApplication.translate("MainWindow", "报告文件 (%1)").replace("%1", exts),
        )
        if paths:
            settings.set("files/last_dir", str(Path(paths[0]).parent))
            self.open_paths(paths)

    def open_folder_dialog(self) -> None:
        d = self._ask_directory(QCoreApplication.translate("MainWindow", "打开文件夹"), settings.get("files/last_dir"))
        if d:
            settings.set("files/last_dir", d)
            self.open_paths([d])

    def open_paths(self, paths: list[str]) -> Op | None:
        """Parse files and folders in the background (reports appear as they are read); a review
        project (``*.ogiproj``) given here is opened as the window's project instead."""
        paths = [str(p) for p in paths if str(p)]
        projects = [p for p in paths if p.lower().endswith(PROJECT_SUFFIX)]
        if projects and self.project_menus is not None:
            self.project_menus.open_project(projects[-1])
            paths = [p for p in paths if p not in projects]
        if not paths:
            return None
        if self._load_op is not None and self._load_op.running:
            errors.status_message(QCoreApplication.translate("MainWindow", "正在读取上一批文件，请稍候或先取消。"))
            return None
        for p in paths:
            settings.add_recent(p)
        self._batch_failures = []
        self._batch_count = 0
        op = load_op(self, paths)
        op.on_item(self._items_loaded).on_progress(self._progress).on_success(self._batch_done).on_failure(
            self._batch_failed
        )
        op.finished.connect(self._batch_finished)
        self._load_op = op
        self.progress.setValue(0)
        self.progress.setFormat("%p%")
        self.progress.show()
        self.cancel_button.show()
        self.act_cancel.setEnabled(True)
        self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "正在读取…"))
        op.run()
        return op

    def add_reviewed(self, reports: list[ReviewedReport]) -> list[ReportEntry]:
        """Open already-parsed reports (projects, tests): add them to the batch and list them."""
        return self._items_loaded(list(reports))

    def cancel_batch(self) -> None:
        if self._load_op is not None and self._load_op.running:
            self._load_op.cancel()
            self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "正在取消…"))

    def is_loading(self) -> bool:
        return self._load_op is not None and self._load_op.running

    def _items_loaded(self, items: list[Any]) -> list[ReportEntry]:
        """Reports (a ReviewedReport, or a BatchEntry the load op already validated) and failures
        (Failure) from the pipeline join the batch and the list.

        A failure is an entry too (shown as 无法读取 in the list), so an empty folder or an
        unreadable file is visible where the reports are.
        """
        take: list[ReviewedReport | BatchEntry | Failure] = []
        for item in items:
            if isinstance(item, Failure):
                self._batch_failures.append(item)
                self.failures.append(item)
                take.append(item)
                continue
            if item.path in self._open_paths and not item.path.lower().endswith(".ogiproj"):
                continue  # already open: keep the reviewer's work
            self._open_paths.add(item.path)
            take.append(item)
        new = self.batch.extend(take)
        for e in new:
            if e.reviewed is not None:
                e.reviewed.listeners.append(partial(self._report_changed, e))
        self._batch_count += sum(1 for e in new if e.reviewed is not None)
        self.report_list.model.add_entries(new)
        if self.project_menus is not None and any(e.reviewed is not None for e in new):
            self.project_menus.adopt_soon()  # saved into the open project in a moment, several at once
        first = next((e for e in new if e.reviewed is not None), None)
        if first is not None and self.current is None:
            self.report_list.select_entry(first)
        self._update_count()
        self._update_actions()
        return new

    def _progress(self, fraction: float) -> None:
        # Only the progress bar changes while a batch loads: a new status-bar message each time
        # re-lays out the whole status bar, which showed up as the longest event-loop stalls.
        value = int(fraction * 1000)
        if abs(value - self.progress.value()) >= 5 or value == 1000:
            self.progress.setValue(value)
        fmt = QCoreApplication.translate("MainWindow", "已打开 %1 份").replace("%1", str(self._batch_count)) + " · %p%"
        if fmt != self.progress.format():
            self.progress.setFormat(fmt)

    def _batch_done(self, _n: int) -> None:
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "已打开 %1 份报告").replace("%1", str(self._batch_count)), 8000
        )

    def _batch_failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "已取消读取；已打开 %1 份报告").replace(
                    "%1", str(self._batch_count)
                ),
                8000,
            )
        else:
            errors.show_error(self, exc)

    def _batch_finished(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.act_cancel.setEnabled(False)
        if self._batch_failures:
            line = QCoreApplication.translate("MainWindow", "%1：%2")
            lines = [arg(line, Path(f.path).name, f.error.message) for f in self._batch_failures]
            shown = "\n".join(lines[:30]) + ("\n…" if len(lines) > 30 else "")
            details = "\n".join(
                f"{f.path}\n  {f.error.code}: {f.error.message} {f.error.details}" for f in self._batch_failures
            )
            errors.message(
                self,
                "warning",
                QCoreApplication.translate("MainWindow", "部分文件无法读取"),
                QCoreApplication.translate("MainWindow", "以下 %1 个文件无法读取，其余文件已打开：").replace(
                    "%1", str(len(lines))
                )
                + "\n\n"
                + shown,
                details,
            )
        self._load_op = None
        self._update_count()
        self.batch_finished.emit()

    def export_current_dialog(self) -> Op | None:
        if self.current is None or self.current.reviewed is None:
            return None
        rr = self.current.reviewed
        agency = str(rr.metadata_value("agency") or Path(rr.path).stem)
        year = rr.metadata_value("year")
        name = arg(QCoreApplication.translate("MainWindow", "%1%2年度报告审核.xlsx"), agency, year or "")
        path = self._ask_save_path(QCoreApplication.translate("MainWindow", "导出当前报告"), name)
        if not path:
            return None
        return self._run_export(export_report_op(self, rr, path, self.current.findings), [rr])

    def export_batch_dialog(self) -> Op | None:
        entries = self.entries()
        if not entries:
            return None
        choice = self._ask_export_choice()
        if choice is None:
            return None
        reports = [e.reviewed for e in entries if e.reviewed is not None]
        return self._run_export(export_batch_op(self, self.batch, choice.path, choice.options), reports, choice.after)

    def _ask_export_choice(self) -> Any:
        """The export dialog (target, options, what to open afterwards); None when cancelled."""
        from core.export import suggested_filename
        from gui.dialogs.export_dialog import ExportDialog, default_folder

        directory = getattr(self.batch, "directory", None)
        dialog = ExportDialog(
            self,
            name=suggested_filename(self.entries()),
            folder=default_folder(None if getattr(self.session, "is_workspace", True) else self.session.path),
            directory=getattr(directory, "path", "") if directory is not None else "",
            count_incomplete=self.batch.count_incomplete,
        )
        if dialog.exec() != QDialog.Accepted:
            return None
        return dialog.choice()

    def _open_after_export(self, path: str, after: str) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        if after == "file":
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        elif after == "folder":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))

    def _run_export(self, op: Op, reports: list[ReviewedReport], after: str = "none") -> Op:
        self.progress.setValue(0)
        self.progress.setFormat(QCoreApplication.translate("MainWindow", "正在导出…") + " %p%")
        self.progress.show()
        self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "正在导出…"))

        def done(path: str) -> None:
            for rr in reports:
                self.undo.stack_for(rr).setClean()
            settings.set("export/last_dir", str(Path(path).parent))
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "已导出：%1").replace("%1", path), 8000
            )
            self.export_finished.emit(path)
            self._open_after_export(path, after)

        def ended() -> None:
            self.progress.hide()
            self._export_op = None

        op.on_progress(lambda f: self.progress.setValue(int(f * 1000))).on_success(done)
        op.on_failure(lambda exc: errors.show_error(self, exc))
        op.finished.connect(ended)
        self._export_op = op
        op.run()
        return op

    def _ask_open_files(self, title: str, directory: str, filt: str) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(self, title, directory, filt)
        return paths

    def _ask_directory(self, title: str, directory: str) -> str:
        return QFileDialog.getExistingDirectory(self, title, directory)

    def _ask_save_path(self, title: str, name: str) -> str:
        d = settings.get("export/last_dir") or settings.get("files/last_dir")
        default = str(Path(d) / name) if d else name
        path, _ = QFileDialog.getSaveFileName(
            self, title, default, QCoreApplication.translate("MainWindow", "Excel 工作簿 (*.xlsx)")
        )
        if path and not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        return path
