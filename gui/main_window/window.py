"""The review window: report list, sections and source text, statistics tables, findings, metadata."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from core.batch import Batch, BatchEntry, Failure
from core.batch.memory import park
from core.errors import ReportError
from core.model import Finding, Value
from core.review.state import (
    Change,
    ConfirmEdit,
    Edit,
    MetadataEdit,
    ReviewedEdit,
    ReviewedReport,
    SectionStartEdit,
    ValueEdit,
)
from gui import errors, settings
from gui.findings.findings_panel import FindingsPanel
from gui.icons import icon
from gui.main_window.batch_menu import BatchMenu
from gui.main_window.load_export import LoadExportMixin
from gui.main_window.menus import MenusMixin
from gui.metadata.metadata_panel import MetadataPanel
from gui.report_list.report_list import (
    COL_AGENCY,
    COL_DUPLICATE,
    COL_STATUS,
    COL_TEMPLATE,
    COL_YEAR,
    ReportEntry,
    ReportListWidget,
)
from gui.source_view.pdf_page_view import PdfPageView
from gui.source_view.source_view import SourceView
from gui.stat_tables.stat_tables import StatTablesWidget
from gui.undo import UndoManager
from gui.workers import Op

log = logging.getLogger(__name__)
OPEN_SEVERITIES = ("error", "warning")
PREFERRED_SIZE = QSize(1600, 1000)  # first run on a large screen; smaller screens open maximised
NARROW_WIDTH = 1100  # below this many logical pixels the panes share the width differently


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(MenusMixin, LoadExportMixin, QMainWindow):
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
        # The app name comes last: Qt appends the application display name to a title that does
        # not already end with it, which would repeat the name after a project's name.
        self.setWindowTitle("[*]" + self.tr("政府信息公开年报审核"))
        self.setWindowIcon(icon("app"))
        self.setAcceptDrops(True)
        self.undo = UndoManager(self)
        self.undo.group.cleanChanged.connect(lambda clean: self.setWindowModified(not clean))
        self.current: ReportEntry | None = None
        # The batch the window shows (core.batch.Batch): entries, findings (own + cross-year),
        # status, completeness, duplicates; the list model, findings panel and status bar read it.
        self.batch = Batch()
        self.batch.listeners.append(self._batch_changed)
        self.failures: list[Failure] = []
        self._load_op: Op | None = None
        self._export_op: Op | None = None
        self._batch_failures: list[Failure] = []
        self._batch_count = 0
        self._open_paths: set[str] = set()
        self.session: Any = None
        self.project_menus: Any = None  # gui.main_window.project_menus.ProjectMenus, attached below

        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._connect()
        self._attach_project_session()
        self.batch_menu = BatchMenu(self)
        self.restore_state()
        errors.set_status_sink(lambda text, ms: self.statusBar().showMessage(text, ms))
        self._update_actions()

    # ------------------------------------------------------------------ building
    def _build_widgets(self) -> None:
        self.report_list = ReportListWidget(self)
        self.source_view = SourceView(self)
        self.metadata_panel = MetadataPanel(self)
        self.stat_tables = StatTablesWidget(self)
        self.stat_tables.setObjectName("stat_tables")
        self.pdf_view = PdfPageView(self)
        self.findings_panel = FindingsPanel(self)

        # Shown while the project is open read-only (another instance holds it): nothing here edits.
        self.read_only_banner = QLabel(self)
        self.read_only_banner.setObjectName("read_only_banner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet(
            "QLabel { background: #fff4ce; color: #5c4400; border-bottom: 1px solid #e0c060; padding: 6px; }"
        )
        self.read_only_banner.hide()
        self.read_only = False

        centre = QWidget(self)
        cl = QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.metadata_panel)
        cl.addWidget(self.source_view, 1)

        # The PDF page sits under the source text (centre column), so that the tables keep the whole
        # height of the right column: 表三 shows its rows instead of five of them.
        self.centre_splitter = QSplitter(Qt.Vertical, self)
        self.centre_splitter.setObjectName("centre_splitter")
        self.centre_splitter.addWidget(centre)
        if self.pdf_view is not None:
            self.centre_splitter.addWidget(self.pdf_view)
            self.pdf_view.hide()
        self.centre_splitter.setStretchFactor(0, 1)
        self.centre_splitter.setStretchFactor(1, 1)

        self.right_splitter = QSplitter(Qt.Vertical, self)
        self.right_splitter.setObjectName("right_splitter")
        self.right_splitter.addWidget(self.stat_tables)

        self.h_splitter = QSplitter(Qt.Horizontal, self)
        self.h_splitter.setObjectName("main_splitter")
        self.h_splitter.addWidget(self.report_list)
        self.h_splitter.addWidget(self.centre_splitter)
        self.h_splitter.addWidget(self.right_splitter)
        self.h_splitter.setStretchFactor(0, 0)
        self.h_splitter.setStretchFactor(1, 3)
        self.h_splitter.setStretchFactor(2, 4)
        self.h_splitter.setSizes([330, 500, 770])

        self.v_splitter = QSplitter(Qt.Vertical, self)
        self.v_splitter.setObjectName("vertical_splitter")
        self.v_splitter.addWidget(self.h_splitter)
        self.v_splitter.addWidget(self.findings_panel)
        self.v_splitter.setStretchFactor(0, 4)
        self.v_splitter.setStretchFactor(1, 1)
        self.v_splitter.setSizes([760, 200])
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.read_only_banner)
        outer.addWidget(self.v_splitter, 1)
        self.setCentralWidget(central)
        self.splitters = [
            self.h_splitter,
            self.v_splitter,
            self.right_splitter,
            self.centre_splitter,
            self.source_view.splitter,
            self.source_view.text_splitter,
        ]
        for s in self.splitters:
            # Saved as moved, so that a crash or a kill keeps the reviewer's pane layout too.
            s.splitterMoved.connect(lambda _pos, _i, s=s: settings.save_splitter(s))

    def _connect(self) -> None:
        self.report_list.entry_selected.connect(self.show_entry)
        self.findings_panel.finding_activated.connect(self.go_to_finding)
        self.findings_panel.confirm_requested.connect(self.confirm_finding)
        self.findings_panel.unconfirm_requested.connect(self.unconfirm_finding)
        self.findings_panel.next_requested.connect(lambda: self.go_to_next_finding(1))
        self.findings_panel.previous_requested.connect(lambda: self.go_to_next_finding(-1))
        self.findings_panel.confirm_kind_requested.connect(self.confirm_all_of_kind)
        self.findings_panel.suggestion_requested.connect(self.apply_suggestion)
        self.report_list.close_requested.connect(self.close_entries)
        self.report_list.count_requested.connect(self.count_duplicate)
        self.report_list.reviewed_requested.connect(self.mark_entries_reviewed)
        self.metadata_panel.metadata_edited.connect(self.edit_metadata)
        self.metadata_panel.reviewed_toggled.connect(self.set_reviewed)
        self.source_view.section_start_requested.connect(self.move_section_start)
        self.stat_tables.field_selected.connect(self.show_field_source)

    def _attach_project_session(self) -> None:
        """The review project (新建项目/打开项目/项目另存为/最近的项目, autosave workspace)."""
        from gui.main_window.project_menus import attach_to_window

        self.project_menus = attach_to_window(self)
        self.session = self.project_menus.session

    # ------------------------------------------------------------------ showing
    def entries(self) -> list[ReportEntry]:
        """The readable reports of the batch, in batch order (failure entries left out)."""
        return [e for e in self.batch.entries if e.reviewed is not None]

    def _batch_changed(self, changed: list[BatchEntry]) -> None:
        """The batch recomputed some entries (findings, status, duplicates): refresh what shows them."""
        model = self.report_list.model
        groups = self.batch.duplicate_groups()
        if groups or model.groups:
            if groups and not model.groups:  # duplicates appeared: show the 重复 column
                self.report_list.view.horizontalHeader().setSectionHidden(COL_DUPLICATE, False)
                self._fit_duplicate_column()
            model.set_groups(groups)
        for e in changed:
            model.entry_changed(e)
        if self.current is not None and self.current in changed:
            self._push_findings()

    def _fit_duplicate_column(self) -> None:
        """The 重复 column joins the list: the agency column gives it room, so that the list does not
        scroll sideways (on a narrow list the column's text is elided; its tooltip names the group)."""
        view = self.report_list.view
        h = view.horizontalHeader()
        shown = [c for c in range(h.count()) if not h.isSectionHidden(c) and c not in (COL_AGENCY, COL_DUPLICATE)]
        room = view.viewport().width() - sum(h.sectionSize(c) for c in shown)
        text = QCoreApplication.translate("ReportListModel", "✓ 代表（共 %1 份）").replace("%1", "99")
        duplicate = max(48, min(view.fontMetrics().horizontalAdvance(text) + 16, room * 2 // 5))
        h.resizeSection(COL_AGENCY, max(72, room - duplicate))
        h.resizeSection(COL_DUPLICATE, duplicate)

    def show_entry(self, entry: ReportEntry | None) -> None:
        """Show a report in every panel (the report list's current row changed).

        A failure entry (a file that could not be read) clears the panels and says why.
        """
        previous, self.current = self.current, entry
        if previous is not None and previous is not entry and previous.reviewed is not None:
            park(previous.reviewed.report.document)  # out of view: its grids compressed again (memory)
        rr = entry.reviewed if entry is not None else None
        if rr is not None and rr.link is None and self.project_menus is not None:
            self.project_menus.adopt_now()  # into the open project before any edit: each edit is saved as made
        if entry is not None and entry.failure is not None:
            self.statusBar().showMessage(entry.failure.error.message, 15000)
        self.undo.set_active(rr)
        self.source_view.set_report(rr)
        self.metadata_panel.set_report(rr)
        self.stat_tables.set_report(rr, self.undo.stack_for(rr) if rr is not None else None)
        self._push_findings()
        self._show_pdf(rr)
        self._update_actions()
        self.report_shown.emit(entry)

    def _show_pdf(self, rr: ReviewedReport | None) -> None:
        if self.pdf_view is None:
            return
        # a scanned image shows its page like a PDF does: OCR gave every value the page and box
        is_pdf = rr is not None and rr.report.document.form in ("pdf", "image")
        self.pdf_view.setVisible(is_pdf)
        if is_pdf:
            sizes = self.centre_splitter.sizes()
            if len(sizes) == 2 and sizes[1] < 200:
                # First PDF (or a squeezed pane): the page gets half of the centre column.
                total = sum(sizes) or self.centre_splitter.height()
                self.centre_splitter.setSizes([total // 2, total - total // 2])
            try:
                self.pdf_view.set_document(rr.path)
            except ReportError as exc:
                errors.show_error(self, exc)
        elif self.pdf_view.path:
            self.pdf_view.set_document(None)  # hidden: its document and rendered pages go (memory)

    def _push_findings(self) -> None:
        e = self.current
        rr = e.reviewed if e is not None else None
        findings = e.findings if e is not None else []
        self.findings_panel.set_findings(rr, findings)
        self.stat_tables.set_findings(findings, set(rr.state.confirmed) if rr is not None else set())

    def go_to_finding(self, finding: Finding | None) -> None:
        """Select a finding's cells in the tables and highlight its source text."""
        if finding is None or self.current is None or self.current.reviewed is None:
            return
        rr = self.current.reviewed
        if finding.fields:
            self.stat_tables.select_fields(list(finding.fields))
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
        if self.current is None or self.current.reviewed is None:
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
        panel = self.findings_panel
        flat: list[tuple[ReportEntry, Finding]] = [
            (e, f) for e in entries for f in e.open_findings() if f.severity in OPEN_SEVERITIES
        ]
        # The findings filter (仅错误, one kind) narrows F8 too, unless nothing would be left.
        narrowed = [(e, f) for e, f in flat if panel.accepts(f, e.reviewed)]
        if narrowed:
            flat = narrowed
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
                order = {id(e): i for i, e in enumerate(entries)}
                idx = order.get(id(self.current), -1)
                before = [i for i, (e, _f) in enumerate(flat) if order[id(e)] < idx]
                pos = (before[-1] if before else -1) if step > 0 else (before[-1] + 1 if before else 0)
        target = (pos + step) % len(flat)
        entry, finding = flat[target]
        if entry is not self.current:
            self.report_list.select_entry(entry)
        self.go_to_finding(finding)
        return finding

    # ------------------------------------------------------------------ editing
    def push_edits(self, edits: list[Edit], text: str) -> None:
        """Apply several core edits to the current report as one named undo step."""
        if self.current is None or self.current.reviewed is None or not edits:
            return
        if len(edits) == 1:
            self.push_edit(edits[0])
            return
        if self.read_only:
            errors.status_message(self.tr("项目以只读方式打开，不能修改；可用“项目另存为”得到可编辑的副本。"))
            return
        from gui.undo_commands import EditCommand

        stack = self.undo.stack_for(self.current.reviewed)
        stack.beginMacro(text)
        try:
            for edit in edits:
                stack.push(EditCommand(self.current.reviewed, edit))
        finally:
            stack.endMacro()

    def apply_suggestion(self, finding: Finding) -> int:
        """采用建议: set the fields a finding suggests, as one undo step recorded as corrections.

        Only a value the reviewer asks for is ever written; each correction notes that it came from
        the suggestion. Returns how many fields changed.
        """
        e = self.current
        if e is None or e.reviewed is None or not finding.suggestion:
            return 0
        if self.read_only:
            errors.status_message(self.tr("项目以只读方式打开，不能修改；可用“项目另存为”得到可编辑的副本。"))
            return 0
        rr = e.reviewed
        note = self.tr("采用建议：%1").replace("%1", finding.message)
        from core import templates

        editable = templates.editable_field_ids(rr.template)
        edits: list[Edit] = [
            ValueEdit(fid, value, note=note)
            for fid, value in finding.suggestion.items()
            if fid in editable and rr.value(fid) != value
        ]
        if not edits:
            errors.status_message(self.tr("建议的数值与当前数值相同。"))
            return 0
        text = self.tr("采用建议（%1 个单元格）").replace("%1", str(len(edits)))
        stack = self.undo.stack_for(rr)
        from gui.undo_commands import EditCommand

        stack.beginMacro(text)
        try:
            for edit in edits:
                stack.push(EditCommand(rr, edit))
        finally:
            stack.endMacro()
        errors.status_message(text)
        return len(edits)

    def confirm_all_of_kind(self, finding: Finding) -> int:
        """Confirm every open finding of this rule in the current report with one note (one undo step).

        An all-zero 表三 printed with one cell missing per row gives a dozen identical warnings:
        one dialog, one step. Returns how many were confirmed.
        """
        e = self.current
        if e is None or e.reviewed is None:
            return 0
        same = [f for f in e.open_findings() if f.rule == finding.rule]
        if not same:
            return 0
        note = self._ask_confirm_note(finding, "")
        if note is None:
            return 0
        text = self.tr("确认 %1 个同类问题与原文一致").replace("%1", str(len(same)))
        self.push_edits([ConfirmEdit(f.key, note) for f in same], text)
        confirmed = sum(1 for f in same if e.reviewed.is_confirmed(f))
        if confirmed:
            errors.status_message(text)
            self._next_in_report()
        return confirmed

    def _next_in_report(self) -> None:
        """After a confirmation: on to the report's next open finding, as F8 would; when none is
        left, stay on the report (so that Ctrl+Shift+R marks this one) and say so."""
        e = self.current
        if e is None:
            return
        left = [f for f in e.open_findings() if f.severity in OPEN_SEVERITIES]
        if left:
            self.go_to_next_finding(1)
        else:
            errors.status_message(
                self.tr("本报告已没有未解决的问题，可按 Ctrl+Shift+R 标记为已审核；F8 转到下一份报告。")
            )

    def mark_entries_reviewed(self, entries: list[ReportEntry]) -> int:
        """标记所选为已审核: mark several reports at once (each an undo step on its own report).

        Reports with open errors are included only after one question naming how many; they still
        count as 有错误. Returns how many were marked.
        """
        if self.read_only:
            errors.status_message(self.tr("项目以只读方式打开，不能修改；可用“项目另存为”得到可编辑的副本。"))
            return 0
        todo = [e for e in entries if e.reviewed is not None and not e.reviewed.state.reviewed]
        with_errors = [e for e in todo if any(f.severity == "error" for f in e.open_findings())]
        if with_errors and not self._ask_reviewed_with_errors(
            sum(1 for e in with_errors for f in e.open_findings() if f.severity == "error")
        ):
            todo = [e for e in todo if e not in with_errors]
        from gui.undo_commands import EditCommand

        if todo and self.project_menus is not None:
            self.project_menus.adopt_now()  # reports still arriving join the project first: the marks are saved
        for e in todo:
            self.undo.stack_for(e.reviewed).push(EditCommand(e.reviewed, ReviewedEdit(True)))
        if self.current is not None:
            self.metadata_panel.refresh()
        self._update_actions()
        self._update_count()
        errors.status_message(self.tr("已将 %1 份报告标记为已审核").replace("%1", str(len(todo))))
        return len(todo)

    def count_duplicate(self, entry: ReportEntry) -> None:
        """Count this member of a duplicate group in the summary (the 汇总 menu's 计入汇总: undoable,
        saved in the review project); the group's other members become 重复."""
        if entry.duplicate_key is None:
            return
        if entry is not self.current:
            self.report_list.select_entry(entry)
        self.batch_menu.count_current()
        self._update_count()

    def close_entries(self, entries: list[ReportEntry]) -> None:
        """Close several reports at once (the report list's 关闭所选报告)."""
        if not entries:
            return
        closing_current = self.current in entries
        for e in entries:
            if e is self.current:
                self.current = None
            self.remove_entry(e)
        if closing_current or self.current is None:
            nxt = self.report_list.visible_entries()
            if nxt:
                self.report_list.select_entry(nxt[0])
            if self.current is None:
                self.show_entry(nxt[0] if nxt else None)
        self._update_count()
        errors.status_message(self.tr("已关闭 %1 份报告").replace("%1", str(len(entries))))

    def push_edit(self, edit: Edit, text: str | None = None) -> None:
        """Apply a core edit to the current report as a named undo step."""
        if self.current is None or self.current.reviewed is None:
            return
        if getattr(self.session, "read_only", False):
            errors.status_message(self.tr("项目以只读方式打开，不能修改；可用“项目另存为”得到可编辑的副本。"))
            return
        from gui.undo_commands import EditCommand

        self.undo.stack_for(self.current.reviewed).push(EditCommand(self.current.reviewed, edit, text))

    def set_read_only(self, read_only: bool, reason: str = "") -> None:
        """A project opened read-only: a banner says so and why, and every editor is disabled
        (tables, metadata, section boundaries, confirmations, 已审核), so nothing looks editable."""
        self.read_only = read_only
        if read_only:
            text = self.tr(
                "只读：此项目正在别处打开，这里只能查看，不能修改。要修改，请用“文件 › 项目另存为…”得到可编辑的副本。"
            )
            self.read_only_banner.setText(text + (f"\n{reason}" if reason else ""))
        self.read_only_banner.setVisible(read_only)
        self.stat_tables.set_read_only(read_only)
        self.metadata_panel.set_read_only(read_only)
        self.source_view.set_read_only(read_only)
        self._update_actions()

    def edit_metadata(self, key: str, value: Any) -> None:
        if value is None:
            self.push_edit(MetadataEdit(key, revert=True))
        else:
            self.push_edit(MetadataEdit(key, value))

    def set_reviewed(self, on: bool) -> None:
        """Mark the current report 已审核 (or clear it). A report with open errors is marked only
        after the reviewer confirms; it still counts as 有错误 in the status bar and the list."""
        e = self.current
        if e is None or e.reviewed is None or e.reviewed.state.reviewed == on:
            self.metadata_panel.refresh()
            self._update_actions()
            return
        if on:
            open_errors = [f for f in e.open_findings() if f.severity == "error"]
            if open_errors and not self._ask_reviewed_with_errors(len(open_errors)):
                errors.status_message(self.tr("未标记为已审核：本报告还有未解决的错误。"))
                self.metadata_panel.refresh()  # the check box goes back to unchecked
                self._update_actions()
                return
        self.push_edit(ReviewedEdit(on))

    def _toggle_reviewed(self) -> None:
        if self.current is not None and self.current.reviewed is not None:
            self.set_reviewed(not self.current.reviewed.state.reviewed)

    def move_section_start(self, sid: str, start: int) -> None:
        """Section ``sid`` starts at ``start`` (the line the reviewer chose)."""
        self.push_edit(SectionStartEdit(sid, start))

    def confirm_finding(self, finding: Finding) -> None:
        if self.current is None or self.current.reviewed is None:
            return
        rr = self.current.reviewed
        old = rr.state.confirmed.get(finding.key)
        note = self._ask_confirm_note(finding, old.note if old else "")
        if note is not None:
            self.push_edit(ConfirmEdit(finding.key, note))
            if old is None and rr.is_confirmed(finding):
                self._next_in_report()

    def unconfirm_finding(self, finding: Finding) -> None:
        if (
            self.current is not None
            and self.current.reviewed is not None
            and self.current.reviewed.is_confirmed(finding)
        ):
            self.push_edit(ConfirmEdit(finding.key, None))

    def _confirm_current_finding(self) -> None:
        f = self.findings_panel.current_finding()
        if f is not None:
            self.confirm_finding(f)

    def _report_changed(self, entry: ReportEntry, _edit: Edit, change: Change) -> None:
        """A report changed (edit, undo, redo): the batch re-validates it (own findings incrementally,
        cross-year findings of it and its neighbouring years) and the listener refreshes the rows."""
        self.batch.update(entry, change)
        if entry is self.current:
            if change.kind == "sections":
                self.source_view.refresh_sections()
            if change.kind in ("metadata", "reviewed"):
                self.metadata_panel.refresh()
            self._push_findings()
            self._update_actions()
        self._update_count()

    # ------------------------------------------------------------------ dialogs (patched in tests)
    def _ask_new_project_contents(self, n_reports: int) -> bool | None:
        """新建项目 with reports open: take them (and their corrections) along (True), start an
        empty project (False), or cancel (None). Log-only mode takes them along."""
        if errors.is_log_only():
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("新建项目"))
        box.setText(self.tr("当前打开了 %1 份报告。新项目要包含它们及其修改吗？").replace("%1", str(n_reports)))
        box.setInformativeText(self.tr("选“空白项目”时，当前的报告和修改仍保留在原来的项目或工作区中。"))
        take = box.addButton(self.tr("包含当前报告"), QMessageBox.ButtonRole.AcceptRole)
        empty = box.addButton(self.tr("空白项目"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel).setText(self.tr("取消"))
        box.setDefaultButton(take)
        box.exec()
        clicked = box.clickedButton()
        return True if clicked is take else False if clicked is empty else None

    def _ask_reviewed_with_errors(self, n_errors: int) -> bool:
        """Ask before marking a report with open errors as reviewed (log-only mode: refuse)."""
        if errors.is_log_only():
            errors.shown.append(("question", self.tr("标记为已审核"), str(n_errors)))
            return False
        answer = QMessageBox.question(
            self,
            self.tr("标记为已审核"),
            self.tr(
                "本报告还有 %1 个未解决的错误。\n\n仍要标记为已审核吗？"
                "标记后状态栏仍将其计为“有错误”，直到错误被更正或确认与原文一致。"
            ).replace("%1", str(n_errors)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _ask_confirm_note(self, finding: Finding, note: str) -> str | None:
        from gui.dialogs.confirm_dialog import ConfirmDialog

        if errors.is_log_only():
            return note or ""
        dlg = ConfirmDialog(finding, self, note)
        return dlg.note() if dlg.exec() else None

    # ------------------------------------------------------------------ misc
    def close_current_report(self) -> None:
        e = self.current
        if e is None:
            return
        self.current = None
        self.remove_entry(e)  # may move the list's current row (show_entry)
        if self.current is None:
            nxt = self.report_list.visible_entries()
            if nxt:
                self.report_list.select_entry(nxt[0])
            if self.current is None:
                self.show_entry(nxt[0] if nxt else None)
        self._update_count()

    def remove_entry(self, e: ReportEntry) -> None:
        """Take an entry out of the batch and the list (its neighbours' cross-year findings update)."""
        self.report_list.model.remove_entry(e)
        self.batch.remove(e)
        self._open_paths.discard(e.path)
        if e.reviewed is not None:
            self.undo.remove(e.reviewed)
        elif e.failure is not None and e.failure in self.failures:
            self.failures.remove(e.failure)

    def _update_count(self) -> None:
        """Status bar counts from the batch: a report marked 已审核 with open errors still counts as 有错误."""
        c = self.batch.counts()
        text = (
            self.tr("共 %1 份报告，%2 份有错误，%3 份已审核")
            .replace("%1", str(c.total - c.unreadable))
            .replace("%2", str(c.with_errors))
            .replace("%3", str(c.reviewed))
        )
        if c.duplicates:
            # copies of a report counted once: the reviewer sees why the summary holds fewer reports
            text += self.tr("，%1 份为重复（不计入汇总）").replace("%1", str(c.duplicates))
        if c.unreadable:
            text += self.tr("，%1 份无法读取").replace("%1", str(c.unreadable))
        self.count_label.setText(text)

    def _update_actions(self) -> None:
        has = self.current is not None and self.current.reviewed is not None
        self.act_export.setEnabled(has)
        for a in (self.act_confirm, self.act_reviewed):
            a.setEnabled(has and not self.read_only)
        self.findings_panel.set_read_only(self.read_only)
        self.act_close_report.setEnabled(self.current is not None)
        self.act_export_batch.setEnabled(bool(self.entries()))
        self.act_reviewed.setChecked(
            has and bool(self.current and self.current.reviewed and self.current.reviewed.state.reviewed)
        )

    # ------------------------------------------------------------------ state
    def restore_state(self) -> None:
        if not settings.restore_geometry(self):
            settings.fit_to_screen(self, PREFERRED_SIZE)
        restored = [settings.restore_splitter(s) for s in self.splitters]
        if not restored[0]:
            self._default_pane_sizes()
        if not restored[1]:
            h = self.height()
            self.v_splitter.setSizes([h * 4 // 5, h // 5])
        settings.restore_header(self.report_list.view.horizontalHeader(), "report_list")
        settings.restore_header(self.findings_panel.view.horizontalHeader(), "findings")
        self.source_view.original_check.setChecked(settings.get("view/show_original"))
        self.source_view.wrap_check.setChecked(settings.get("view/wrap_lines"))

    def _default_pane_sizes(self) -> None:
        """First run: share the width by proportion (report list narrow, tables widest), so that a
        1366-pixel or 150 % screen still shows 表三 without a horizontal scroll bar where it can."""
        w = max(self.width(), 600)
        narrow = w < NARROW_WIDTH  # 1366×768 at 150 %: 911 logical pixels
        if narrow:  # the tables get half the width; the list keeps agency and status, the source text gives way
            listed, centre = max(190, w * 22 // 100), max(self.centre_splitter.minimumSizeHint().width(), w * 26 // 100)
        elif w < 1400:  # 1366×768, 1920×1080 at 150 %
            listed, centre = w * 21 // 100, w * 27 // 100
        else:
            listed = max(170, min(300, w * 17 // 100))
            centre = max(240, min(520, w * 30 // 100))
        self.h_splitter.setSizes([listed, centre, max(300, w - listed - centre)])
        # The report list shows the agency and the status in its share; a narrow list drops 模板
        # (the metadata panel shows it; the header's menu brings it back).
        h = self.report_list.view.horizontalHeader()
        compact = listed < 320
        if compact:
            h.setSectionHidden(COL_TEMPLATE, True)
        if narrow:  # the year is in the metadata panel and the tooltip; the header's menu brings it back
            h.setSectionHidden(COL_YEAR, True)
        shown = [c for c in (COL_YEAR, COL_TEMPLATE) if not h.isSectionHidden(c)]
        # a narrow list gives its status the icon and a short count (the tooltip has it in full)
        fm = self.report_list.view.fontMetrics()
        errors_99 = QCoreApplication.translate("ReportListModel", "错误 %1").replace("%1", "99")
        status = min(90, 16 + fm.horizontalAdvance(errors_99) + 16) if compact else 90
        h.resizeSection(COL_STATUS, status)
        h.resizeSection(COL_YEAR, fm.horizontalAdvance("20244") + 8)
        bar = self.report_list.view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)  # a long list's
        h.resizeSection(COL_AGENCY, max(72, listed - status - sum(h.sectionSize(c) for c in shown) - bar - 8))
        tree = max(120, min(170, centre * 3 // 10))  # the section list beside the source text
        split = self.source_view.splitter
        split.setSizes([tree, max(200, centre - tree)])
        # before the first show the splitter scales these to its provisional width; once laid out
        # the section list gets its own width (it does not stretch afterwards)
        QTimer.singleShot(0, split, lambda: split.setSizes([tree, max(200, split.width() - tree)]))

    def save_state(self) -> None:
        settings.save_geometry(self)
        for s in self.splitters:
            settings.save_splitter(s)
        settings.save_header(self.report_list.view.horizontalHeader(), "report_list")
        settings.save_header(self.findings_panel.view.horizontalHeader(), "findings")
        settings.set("view/show_original", self.source_view.showing_original())
        settings.set("view/wrap_lines", self.source_view.wrap_check.isChecked())
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
