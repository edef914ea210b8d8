"""The review window: report list, sections and source text, statistics tables, findings, metadata."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.batch import REPORT_SUFFIXES, Failure
from core.errors import Cancelled, ReportError
from core.model import Finding, Span, Value
from core.review.state import (
    Change,
    ConfirmEdit,
    Edit,
    MetadataEdit,
    ReviewedEdit,
    ReviewedReport,
    SectionStartEdit,
)
from gui import errors, settings
from gui.batch_ops import export_batch_op, export_report_op, load_op
from gui.undo import UndoManager
from gui.widgets.findings_panel import FindingsPanel
from gui.widgets.icons import icon
from gui.widgets.metadata_panel import MetadataPanel
from gui.widgets.report_list import ReportEntry, ReportListWidget
from gui.widgets.source_view import SourceView
from gui.workers import Op

log = logging.getLogger(__name__)
OPEN_SEVERITIES = ("error", "warning")


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def _make_stat_tables(parent: QWidget) -> QWidget:
    try:
        from gui.widgets.stat_tables import StatTablesWidget
    except ImportError:  # being written by the tables engineer; the window still works without it
        log.warning("StatTablesWidget not available yet")
        w = QLabel(QCoreApplication.translate("MainWindow", "统计表组件不可用"), parent)
        w.setAlignment(Qt.AlignCenter)
        return w
    return StatTablesWidget(parent)


def _make_pdf_view(parent: QWidget) -> QWidget | None:
    try:
        from gui.widgets.pdf_page_view import PdfPageView
    except ImportError:
        return None
    return PdfPageView(parent)


class MainWindow(QMainWindow):
    """The verification station: what was read, where, what is wrong, and the fastest way to fix it.

    Signals:
        batch_finished(): a load operation ended (success, failure or cancel).
        export_finished(str): an export wrote this file.
        report_shown(object): the current report changed (a ReportEntry or None).
    """

    batch_finished = Signal()
    export_finished = Signal(str)
    report_shown = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("政府信息公开年报审核") + "[*]")
        self.setWindowIcon(icon("app"))
        self.setAcceptDrops(True)
        self.undo = UndoManager(self)
        self.undo.group.cleanChanged.connect(lambda clean: self.setWindowModified(not clean))
        self.current: ReportEntry | None = None
        self.failures: list[Failure] = []
        self._load_op: Op | None = None
        self._export_op: Op | None = None
        self._batch_failures: list[Failure] = []
        self._batch_count = 0
        self._open_paths: set[str] = set()
        self.session: Any = None

        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._connect()
        self._attach_project_session()
        self.restore_state()
        errors.set_status_sink(lambda text, ms: self.statusBar().showMessage(text, ms))
        self._update_actions()

    # ------------------------------------------------------------------ building
    def _build_widgets(self) -> None:
        self.report_list = ReportListWidget(self)
        self.source_view = SourceView(self)
        self.metadata_panel = MetadataPanel(self)
        self.stat_tables = _make_stat_tables(self)
        self.stat_tables.setObjectName("stat_tables")
        self.pdf_view = _make_pdf_view(self)
        self.findings_panel = FindingsPanel(self)

        centre = QWidget(self)
        cl = QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.metadata_panel)
        cl.addWidget(self.source_view, 1)

        self.right_splitter = QSplitter(Qt.Vertical, self)
        self.right_splitter.setObjectName("right_splitter")
        self.right_splitter.addWidget(self.stat_tables)
        if self.pdf_view is not None:
            self.right_splitter.addWidget(self.pdf_view)
            self.pdf_view.hide()
        self.right_splitter.setStretchFactor(0, 3)
        self.right_splitter.setStretchFactor(1, 2)

        self.h_splitter = QSplitter(Qt.Horizontal, self)
        self.h_splitter.setObjectName("main_splitter")
        self.h_splitter.addWidget(self.report_list)
        self.h_splitter.addWidget(centre)
        self.h_splitter.addWidget(self.right_splitter)
        self.h_splitter.setStretchFactor(0, 0)
        self.h_splitter.setStretchFactor(1, 3)
        self.h_splitter.setStretchFactor(2, 4)
        self.h_splitter.setSizes([250, 520, 830])

        self.v_splitter = QSplitter(Qt.Vertical, self)
        self.v_splitter.setObjectName("vertical_splitter")
        self.v_splitter.addWidget(self.h_splitter)
        self.v_splitter.addWidget(self.findings_panel)
        self.v_splitter.setStretchFactor(0, 4)
        self.v_splitter.setStretchFactor(1, 1)
        self.v_splitter.setSizes([760, 200])
        self.setCentralWidget(self.v_splitter)
        self.splitters = [self.h_splitter, self.v_splitter, self.right_splitter, self.source_view.splitter]

    def _action(self, text: str, slot: Any, shortcut: Any = None, icon_name: str = "", tip: str = "") -> QAction:
        act = QAction(text, self)
        if icon_name:
            act.setIcon(icon(icon_name))
        if shortcut is not None:
            if isinstance(shortcut, list):
                act.setShortcuts(shortcut)
            else:
                act.setShortcut(shortcut)
        if tip:
            act.setStatusTip(tip)
            act.setToolTip(tip)
        act.triggered.connect(slot)
        self.addAction(act)  # shortcuts work whatever has the focus
        return act

    def _build_actions(self) -> None:
        self.act_open = self._action(
            self.tr("打开文件…"), self.open_files_dialog, QKeySequence("Ctrl+O"), "open", self.tr("打开一个或多个报告文件（Ctrl+O）")
        )
        self.act_open_folder = self._action(
            self.tr("打开文件夹…"),
            self.open_folder_dialog,
            QKeySequence("Ctrl+Shift+O"),
            "folder",
            self.tr("打开文件夹中的全部报告（Ctrl+Shift+O）"),
        )
        self.act_export = self._action(
            self.tr("导出当前报告…"),
            self.export_current_dialog,
            QKeySequence("Ctrl+E"),
            "export",
            self.tr("按官方表格格式把当前报告导出为 Excel（Ctrl+E）"),
        )
        self.act_export_batch = self._action(
            self.tr("导出汇总…"),
            self.export_batch_dialog,
            QKeySequence("Ctrl+Shift+E"),
            "export",
            self.tr("把全部已打开的报告汇总导出为 Excel（Ctrl+Shift+E）"),
        )
        self.act_close_report = self._action(self.tr("关闭当前报告"), self.close_current_report, QKeySequence("Ctrl+W"))
        self.act_quit = self._action(self.tr("退出"), self.close, QKeySequence("Ctrl+Q"))
        self.act_cancel = self._action(self.tr("取消读取"), self.cancel_batch, QKeySequence("Esc"))
        self.act_cancel.setEnabled(False)
        self.act_undo = self.undo.group.createUndoAction(self, self.tr("撤销"))
        self.act_undo.setShortcut(QKeySequence("Ctrl+Z"))
        self.act_undo.setIcon(icon("undo"))
        self.act_redo = self.undo.group.createRedoAction(self, self.tr("重做"))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.act_redo.setIcon(icon("redo"))
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        self.act_next = self._action(
            self.tr("下一个问题"), lambda: self.go_to_next_finding(1), QKeySequence("F8"), "next", self.tr("下一个未解决的问题（F8）")
        )
        self.act_prev = self._action(
            self.tr("上一个问题"),
            lambda: self.go_to_next_finding(-1),
            QKeySequence("Shift+F8"),
            "previous",
            self.tr("上一个未解决的问题（Shift+F8）"),
        )
        self.act_confirm = self._action(
            self.tr("确认与原文一致…"), self._confirm_current_finding, QKeySequence("Ctrl+Shift+K"), "confirm"
        )
        self.act_reviewed = self._action(self.tr("标记为已审核"), self._toggle_reviewed, QKeySequence("Ctrl+Shift+R"), "reviewed")
        self.act_reviewed.setCheckable(True)
        self.act_filter = self._action(self.tr("筛选报告"), self._focus_filter, QKeySequence("Ctrl+F"))
        self.act_settings = self._action(self.tr("设置…"), self.open_settings, None, "settings")
        self.act_about = self._action(self.tr("关于"), self._about)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu(self.tr("文件(&F)"))
        m.addAction(self.act_open)
        m.addAction(self.act_open_folder)
        self.recent_menu = m.addMenu(self.tr("最近打开的文件"))
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        m.addSeparator()
        self.project_menu_anchor = m.addSeparator()
        m.addAction(self.act_export)
        m.addAction(self.act_export_batch)
        m.addSeparator()
        m.addAction(self.act_close_report)
        m.addAction(self.act_quit)
        self.file_menu = m
        e = mb.addMenu(self.tr("编辑(&E)"))
        e.addAction(self.act_undo)
        e.addAction(self.act_redo)
        e.addSeparator()
        e.addAction(self.act_confirm)
        e.addAction(self.act_reviewed)
        e.addSeparator()
        e.addAction(self.act_settings)
        v = mb.addMenu(self.tr("审核(&R)"))
        v.addAction(self.act_next)
        v.addAction(self.act_prev)
        v.addAction(self.act_filter)
        h = mb.addMenu(self.tr("帮助(&H)"))
        h.addAction(self.act_about)

        tb = self.addToolBar(self.tr("工具栏"))
        tb.setObjectName("main_toolbar")
        tb.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        for a in (self.act_open, self.act_open_folder, None, self.act_undo, self.act_redo, None):
            tb.addAction(a) if a is not None else tb.addSeparator()
        for a in (self.act_prev, self.act_next, self.act_confirm, None, self.act_export, self.act_export_batch):
            tb.addAction(a) if a is not None else tb.addSeparator()
        self.toolbar = tb

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count_label")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("batch_progress")
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(220)
        self.progress.setFormat(self.tr("%p%"))
        self.cancel_button = QToolButton(self)
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.setText(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel_batch)
        sb.addPermanentWidget(self.count_label)
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()
        self._update_count()

    def _connect(self) -> None:
        self.report_list.entry_selected.connect(self.show_entry)
        self.findings_panel.finding_activated.connect(self.go_to_finding)
        self.findings_panel.confirm_requested.connect(self.confirm_finding)
        self.findings_panel.unconfirm_requested.connect(self.unconfirm_finding)
        self.findings_panel.next_requested.connect(lambda: self.go_to_next_finding(1))
        self.findings_panel.previous_requested.connect(lambda: self.go_to_next_finding(-1))
        self.metadata_panel.metadata_edited.connect(self.edit_metadata)
        self.metadata_panel.reviewed_toggled.connect(self.set_reviewed)
        self.source_view.section_start_requested.connect(self.move_section_start)
        sig = getattr(self.stat_tables, "field_selected", None)
        if sig is not None:
            sig.connect(self.show_field_source)

    def _attach_project_session(self) -> None:
        """Wire gui.project_session when it exists (新建项目/打开项目/项目另存为/最近的项目)."""
        try:
            from gui import project_session
        except ImportError:
            return
        attach = getattr(project_session, "attach_to_window", None)
        if attach is not None:
            try:
                self.session = attach(self)
            except Exception:  # noqa: BLE001 - the review window must open even if projects fail
                log.exception("project session could not be attached")

    # ------------------------------------------------------------------ opening
    def open_files_dialog(self) -> None:
        exts = " ".join(f"*{s}" for s in REPORT_SUFFIXES) + " *.ogiproj"
        paths = self._ask_open_files(self.tr("打开报告文件"), settings.get("files/last_dir"), self.tr("报告文件 (%1)").replace("%1", exts))
        if paths:
            settings.set("files/last_dir", str(Path(paths[0]).parent))
            self.open_paths(paths)

    def open_folder_dialog(self) -> None:
        d = self._ask_directory(self.tr("打开文件夹"), settings.get("files/last_dir"))
        if d:
            settings.set("files/last_dir", d)
            self.open_paths([d])

    def open_paths(self, paths: list[str]) -> Op | None:
        """Parse files, folders or projects in the background; reports appear as they are read."""
        paths = [str(p) for p in paths if str(p)]
        if not paths:
            return None
        if self._load_op is not None and self._load_op.running:
            errors.status_message(self.tr("正在读取上一批文件，请稍候或先取消。"))
            return None
        for p in paths:
            settings.add_recent(p)
        self._batch_failures = []
        self._batch_count = 0
        op = load_op(self, paths)
        op.on_item(self._items_loaded).on_progress(self._progress).on_success(self._batch_done).on_failure(self._batch_failed)
        op.finished.connect(self._batch_finished)
        self._load_op = op
        self.progress.setValue(0)
        self.progress.setFormat("%p%")
        self.progress.show()
        self.cancel_button.show()
        self.act_cancel.setEnabled(True)
        self.statusBar().showMessage(self.tr("正在读取…"))
        op.run()
        return op

    def add_reviewed(self, reports: list[ReviewedReport]) -> list[ReportEntry]:
        """Open already-parsed reports (projects, tests): validate and list them."""
        entries = [ReportEntry(rr) for rr in reports]
        self._items_loaded(entries)
        return entries

    def cancel_batch(self) -> None:
        if self._load_op is not None and self._load_op.running:
            self._load_op.cancel()
            self.statusBar().showMessage(self.tr("正在取消…"))

    def is_loading(self) -> bool:
        return self._load_op is not None and self._load_op.running

    def _items_loaded(self, items: list[Any]) -> None:
        new: list[ReportEntry] = []
        for item in items:
            if isinstance(item, Failure):
                self._batch_failures.append(item)
                self.failures.append(item)
                continue
            if item.path in self._open_paths and not item.path.lower().endswith(".ogiproj"):
                continue  # already open: keep the reviewer's work
            self._open_paths.add(item.path)
            item.reviewed.listeners.append(partial(self._report_changed, item))
            new.append(item)
        self._batch_count += len(new)
        self.report_list.model.add_entries(new)
        if new and self.current is None:
            self.report_list.select_entry(new[0])
        self._update_count()
        self._update_actions()

    def _progress(self, fraction: float) -> None:
        # Only the progress bar changes while a batch loads: a new status-bar message each time
        # re-lays out the whole status bar, which showed up as the longest event-loop stalls.
        value = int(fraction * 1000)
        if abs(value - self.progress.value()) >= 5 or value == 1000:
            self.progress.setValue(value)
        fmt = self.tr("已打开 %1 份").replace("%1", str(self._batch_count)) + " · %p%"
        if fmt != self.progress.format():
            self.progress.setFormat(fmt)

    def _batch_done(self, _n: int) -> None:
        self.statusBar().showMessage(self.tr("已打开 %1 份报告").replace("%1", str(self._batch_count)), 8000)

    def _batch_failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.statusBar().showMessage(self.tr("已取消读取；已打开 %1 份报告").replace("%1", str(self._batch_count)), 8000)
        else:
            errors.show_error(self, exc)

    def _batch_finished(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.act_cancel.setEnabled(False)
        if self._batch_failures:
            lines = [f"{Path(f.path).name}：{f.error.message}" for f in self._batch_failures]
            shown = "\n".join(lines[:30]) + ("\n…" if len(lines) > 30 else "")
            details = "\n".join(f"{f.path}\n  {f.error.code}: {f.error.message} {f.error.details}" for f in self._batch_failures)
            errors.message(
                self,
                "warning",
                self.tr("部分文件无法读取"),
                self.tr("以下 %1 个文件无法读取，其余文件已打开：").replace("%1", str(len(lines))) + "\n\n" + shown,
                details,
            )
        self._load_op = None
        self.batch_finished.emit()

    # ------------------------------------------------------------------ showing
    def entries(self) -> list[ReportEntry]:
        return list(self.report_list.model.entries)

    def show_entry(self, entry: ReportEntry | None) -> None:
        """Show a report in every panel (the report list's current row changed)."""
        self.current = entry
        rr = entry.reviewed if entry is not None else None
        self.undo.set_active(rr)
        self.source_view.set_report(rr)
        self.metadata_panel.set_report(rr)
        set_report = getattr(self.stat_tables, "set_report", None)
        if set_report is not None:
            set_report(rr, self.undo.stack_for(rr) if rr is not None else None)
        self._push_findings()
        self._show_pdf(rr)
        self._update_actions()
        self.report_shown.emit(entry)

    def _show_pdf(self, rr: ReviewedReport | None) -> None:
        if self.pdf_view is None:
            return
        is_pdf = rr is not None and rr.report.document.form == "pdf"
        self.pdf_view.setVisible(is_pdf)
        if is_pdf:
            try:
                self.pdf_view.set_document(rr.path)
            except ReportError as exc:
                errors.show_error(self, exc)

    def _push_findings(self) -> None:
        e = self.current
        rr = e.reviewed if e is not None else None
        findings = e.findings if e is not None else []
        self.findings_panel.set_findings(rr, findings)
        set_findings = getattr(self.stat_tables, "set_findings", None)
        if set_findings is not None:
            set_findings(findings, set(rr.state.confirmed) if rr is not None else set())

    def go_to_finding(self, finding: Finding | None) -> None:
        """Select a finding's cells in the tables and highlight its source text."""
        if finding is None or self.current is None:
            return
        rr = self.current.reviewed
        select = getattr(self.stat_tables, "select_fields", None)
        if finding.fields and select is not None:
            select(list(finding.fields))
        value: Value | None = None
        for fid in finding.fields:
            v = rr.values().get(fid)
            if v is not None and (v.span is not None or v.page is not None):
                value = v
                break
        span = value.span if value is not None and value.span is not None else finding.span
        self.source_view.highlight_span(span)
        if value is not None:
            self._show_pdf_box(value)
        self.findings_panel.select_finding(finding)

    def show_field_source(self, fid: str) -> None:
        """The tables' current cell changed: highlight where the value was read."""
        if self.current is None:
            return
        v = self.current.reviewed.values().get(fid)
        if v is None:
            return
        if v.span is not None:
            self.source_view.highlight_span(v.span)
        self._show_pdf_box(v)

    def _show_pdf_box(self, v: Value) -> None:
        if self.pdf_view is not None and self.pdf_view.isVisible() and v.page is not None:
            self.pdf_view.show_box(v.page, v.bbox)

    def go_to_next_finding(self, step: int = 1) -> Finding | None:
        """F8 / Shift+F8: the next/previous unresolved finding across the batch (switches reports)."""
        entries = self.report_list.visible_entries()
        flat: list[tuple[ReportEntry, Finding]] = [
            (e, f) for e in entries for f in e.open_findings() if f.severity in OPEN_SEVERITIES
        ]
        if not flat:
            errors.status_message(self.tr("没有未解决的问题。"))
            return None
        pos = -1 if step > 0 else len(flat)
        cur = self.findings_panel.current_finding()
        if self.current is not None:
            keys = [(e is self.current, f.key) for e, f in flat]
            if cur is not None and (True, cur.key) in keys:
                pos = keys.index((True, cur.key))
            else:
                # Start just before (or after) the current report's findings.
                idx = entries.index(self.current) if self.current in entries else -1
                before = [i for i, (e, _f) in enumerate(flat) if entries.index(e) < idx]
                pos = (before[-1] if before else -1) if step > 0 else (before[-1] + 1 if before else 0)
        target = (pos + step) % len(flat)
        entry, finding = flat[target]
        if entry is not self.current:
            self.report_list.select_entry(entry)
        self.go_to_finding(finding)
        return finding

    # ------------------------------------------------------------------ editing
    def push_edit(self, edit: Edit, text: str | None = None) -> None:
        """Apply a core edit to the current report as a named undo step."""
        if self.current is None:
            return
        if getattr(self.session, "read_only", False):
            errors.status_message(self.tr("项目以只读方式打开，不能修改；可用“项目另存为”得到可编辑的副本。"))
            return
        from gui.undo_commands import EditCommand

        self.undo.stack_for(self.current.reviewed).push(EditCommand(self.current.reviewed, edit, text))

    def edit_metadata(self, key: str, value: Any) -> None:
        if value is None:
            self.push_edit(MetadataEdit(key, revert=True))
        else:
            self.push_edit(MetadataEdit(key, value))

    def set_reviewed(self, on: bool) -> None:
        if self.current is not None and self.current.reviewed.state.reviewed != on:
            self.push_edit(ReviewedEdit(on))

    def _toggle_reviewed(self) -> None:
        if self.current is not None:
            self.set_reviewed(not self.current.reviewed.state.reviewed)

    def move_section_start(self, sid: str, start: int) -> None:
        """Section ``sid`` starts at ``start`` (the line the reviewer chose)."""
        self.push_edit(SectionStartEdit(sid, start))

    def confirm_finding(self, finding: Finding) -> None:
        if self.current is None:
            return
        rr = self.current.reviewed
        old = rr.state.confirmed.get(finding.key)
        note = self._ask_confirm_note(finding, old.note if old else "")
        if note is not None:
            self.push_edit(ConfirmEdit(finding.key, note))

    def unconfirm_finding(self, finding: Finding) -> None:
        if self.current is not None and self.current.reviewed.is_confirmed(finding):
            self.push_edit(ConfirmEdit(finding.key, None))

    def _confirm_current_finding(self) -> None:
        f = self.findings_panel.current_finding()
        if f is not None:
            self.confirm_finding(f)

    def _report_changed(self, entry: ReportEntry, _edit: Edit, change: Change) -> None:
        """A report changed (edit, undo, redo): re-validate and refresh what shows it, at once."""
        entry.revalidate(change)
        self.report_list.model.entry_changed(entry)
        if entry is self.current:
            if change.kind == "sections":
                self.source_view.refresh_sections()
            if change.kind in ("metadata", "reviewed"):
                self.metadata_panel.refresh()
            self._push_findings()
            self._update_actions()
        self._update_count()

    # ------------------------------------------------------------------ exporting
    def export_current_dialog(self) -> Op | None:
        if self.current is None:
            return None
        rr = self.current.reviewed
        agency = str(rr.metadata_value("agency") or Path(rr.path).stem)
        year = rr.metadata_value("year")
        name = f"{agency}{year or ''}年度报告审核.xlsx"
        path = self._ask_save_path(self.tr("导出当前报告"), name)
        if not path:
            return None
        return self._run_export(export_report_op(self, rr, path, self.current.findings), [rr])

    def export_batch_dialog(self) -> Op | None:
        entries = self.entries()
        if not entries:
            return None
        path = self._ask_save_path(self.tr("导出汇总"), self.tr("政府信息公开年报汇总.xlsx"))
        if not path:
            return None
        reports = [e.reviewed for e in entries]
        return self._run_export(export_batch_op(self, reports, path, self.failures), reports)

    def _run_export(self, op: Op, reports: list[ReviewedReport]) -> Op:
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("正在导出…") + " %p%")
        self.progress.show()
        self.statusBar().showMessage(self.tr("正在导出…"))

        def done(path: str) -> None:
            for rr in reports:
                self.undo.stack_for(rr).setClean()
            settings.set("export/last_dir", str(Path(path).parent))
            self.statusBar().showMessage(self.tr("已导出：%1").replace("%1", path), 8000)
            self.export_finished.emit(path)

        def ended() -> None:
            self.progress.hide()
            self._export_op = None

        op.on_progress(lambda f: self.progress.setValue(int(f * 1000))).on_success(done)
        op.on_failure(lambda exc: errors.show_error(self, exc))
        op.finished.connect(ended)
        self._export_op = op
        op.run()
        return op

    # ------------------------------------------------------------------ dialogs (patched in tests)
    def _ask_open_files(self, title: str, directory: str, filt: str) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(self, title, directory, filt)
        return paths

    def _ask_directory(self, title: str, directory: str) -> str:
        return QFileDialog.getExistingDirectory(self, title, directory)

    def _ask_save_path(self, title: str, name: str) -> str:
        d = settings.get("export/last_dir") or settings.get("files/last_dir")
        default = str(Path(d) / name) if d else name
        path, _ = QFileDialog.getSaveFileName(self, title, default, self.tr("Excel 工作簿 (*.xlsx)"))
        if path and not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        return path

    def _ask_confirm_note(self, finding: Finding, note: str) -> str | None:
        from gui.dialogs.confirm_dialog import ConfirmDialog

        if errors.is_log_only():
            return note or ""
        dlg = ConfirmDialog(finding, self, note)
        return dlg.note() if dlg.exec() else None

    def open_settings(self) -> None:
        from gui.dialogs.settings_dialog import SettingsDialog

        dlg = SettingsDialog(self)
        if dlg.exec() and settings.get("ui/language") != QCoreApplication.instance().property("ogi_language"):
            errors.message(self, "information", self.tr("设置"), self.tr("界面语言将在重新启动程序后生效。"))

    def _about(self) -> None:
        errors.message(
            self,
            "information",
            self.tr("关于"),
            self.tr("政府信息公开年报审核\n读取、核对并汇总政府信息公开工作年度报告。"),
        )

    # ------------------------------------------------------------------ misc
    def close_current_report(self) -> None:
        e = self.current
        if e is None:
            return
        self.current = None
        self.report_list.model.remove_entry(e)  # may move the list's current row (show_entry)
        self._open_paths.discard(e.path)
        self.undo.remove(e.reviewed)
        if self.current is None:
            nxt = self.report_list.visible_entries()
            if nxt:
                self.report_list.select_entry(nxt[0])
            if self.current is None:
                self.show_entry(nxt[0] if nxt else None)
        self._update_count()

    def _focus_filter(self) -> None:
        self.report_list.filter_edit.setFocus(Qt.ShortcutFocusReason)
        self.report_list.filter_edit.selectAll()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = settings.get("files/recent")
        for p in recent:
            act = self.recent_menu.addAction(p)
            act.triggered.connect(lambda _=False, path=p: self.open_paths([path]))
        if not recent:
            self.recent_menu.addAction(self.tr("（无）")).setEnabled(False)

    def _update_count(self) -> None:
        entries = self.report_list.model.entries
        errors_n = sum(1 for e in entries if e.status.errors and not e.status.reviewed)
        reviewed = sum(1 for e in entries if e.status.reviewed)
        self.count_label.setText(
            self.tr("共 %1 份报告，%2 份有错误，%3 份已审核")
            .replace("%1", str(len(entries)))
            .replace("%2", str(errors_n))
            .replace("%3", str(reviewed))
        )

    def _update_actions(self) -> None:
        has = self.current is not None
        for a in (self.act_export, self.act_close_report, self.act_confirm, self.act_reviewed):
            a.setEnabled(has)
        self.act_export_batch.setEnabled(bool(self.report_list.model.entries))
        self.act_reviewed.setChecked(has and self.current.reviewed.state.reviewed)

    # ------------------------------------------------------------------ state
    def restore_state(self) -> None:
        if not settings.restore_geometry(self):
            self.resize(1600, 1000)
        for s in self.splitters:
            settings.restore_splitter(s)
        settings.restore_header(self.report_list.view.horizontalHeader(), "report_list")
        settings.restore_header(self.findings_panel.view.horizontalHeader(), "findings")
        self.source_view.original_check.setChecked(settings.get("view/show_original"))

    def save_state(self) -> None:
        settings.save_geometry(self)
        for s in self.splitters:
            settings.save_splitter(s)
        settings.save_header(self.report_list.view.horizontalHeader(), "report_list")
        settings.save_header(self.findings_panel.view.horizontalHeader(), "findings")
        settings.set("view/show_original", self.source_view.showing_original())
        settings.sync()

    # ------------------------------------------------------------------ Qt overrides
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            # Leave the drop handler first: the drag source waits for it to return.
            QTimer.singleShot(0, lambda: self.open_paths(paths))

    def closeEvent(self, event: QCloseEvent) -> None:
        autosaved = self.session is not None and getattr(self.session, "project", None) is not None
        if self.undo.any_dirty() and not autosaved and not errors.is_log_only():
            answer = QMessageBox.question(
                self,
                self.tr("退出"),
                self.tr("有尚未导出或保存的修改。确定要退出吗？"),
                QMessageBox.Yes | QMessageBox.No,
                QMessageBox.No,
            )
            if answer != QMessageBox.Yes:
                event.ignore()
                return
        if self._load_op is not None and self._load_op.running:
            self._load_op.cancel()
        self.save_state()
        if self.session is not None and hasattr(self.session, "close"):
            self.session.close()  # releases the project's lock
        errors.set_status_sink(None)
        super().closeEvent(event)
