"""The batch's report list: agency, year, template, status; sortable, filterable by text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QMenu, QTableView, QVBoxLayout, QWidget

from core.model import Finding
from core.review.state import Change, ReviewedReport
from core.validation import Status, Validator, status
from gui.models.row_table_model import RowTableModel
from gui.widgets.icons import icon

TEMPLATE_LABELS = {
    "2021": QT_TRANSLATE_NOOP("ReportListModel", "2021版"),
    "2019": QT_TRANSLATE_NOOP("ReportListModel", "2019版"),
    "legacy": QT_TRANSLATE_NOOP("ReportListModel", "旧版"),
    "unknown": QT_TRANSLATE_NOOP("ReportListModel", "未识别"),
}
STATUS_LABELS = {
    "reviewed": QT_TRANSLATE_NOOP("ReportListModel", "已审核"),
    "error": QT_TRANSLATE_NOOP("ReportListModel", "有错误"),
    "warning": QT_TRANSLATE_NOOP("ReportListModel", "有警告"),
    "clean": QT_TRANSLATE_NOOP("ReportListModel", "无问题"),
}
COL_AGENCY, COL_YEAR, COL_TEMPLATE, COL_STATUS, COL_FILE = range(5)
HEADERS = (
    QT_TRANSLATE_NOOP("ReportListModel", "机关"),
    QT_TRANSLATE_NOOP("ReportListModel", "年度"),
    QT_TRANSLATE_NOOP("ReportListModel", "模板"),
    QT_TRANSLATE_NOOP("ReportListModel", "状态"),
    QT_TRANSLATE_NOOP("ReportListModel", "文件"),
)
EntryRole = Qt.UserRole + 1
_ROLES = frozenset({EntryRole, Qt.DisplayRole, Qt.DecorationRole, Qt.ToolTipRole, Qt.UserRole, Qt.TextAlignmentRole})


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReportListModel", text)


class ReportEntry:
    """An open report with its validator and current findings (kept current after each edit).

    Attributes:
        reviewed: the report and its corrections.
        validator: keeps ``findings`` current.
        findings: the current findings, errors first.
        status: the review status derived from the findings.
    """

    def __init__(self, reviewed: ReviewedReport, validator: Validator | None = None) -> None:
        self.reviewed = reviewed
        self.validator = validator or Validator(reviewed)
        self.cross: list[Finding] = []  # findings against last year's report of the same agency
        self.findings: list[Finding] = self.validator.findings()
        self.status: Status = status(reviewed, self.findings)

    def set_cross_findings(self, cross: list[Finding]) -> bool:
        """Replace the cross-year findings; True when they changed."""
        if [f.key for f in cross] == [f.key for f in self.cross]:
            return False
        self.cross = list(cross)
        self.findings = self.validator.findings() + self.cross
        self.status = status(self.reviewed, self.findings)
        return True

    @property
    def path(self) -> str:
        return self.reviewed.path

    def revalidate(self, change: Change | None = None) -> None:
        """Bring findings and status up to date after a change (None: everything)."""
        kind = change.kind if change is not None else "all"
        if kind == "value":
            self.findings = self.validator.update(change.fields) + self.cross
        elif kind in ("rows", "sections", "metadata", "all"):
            # Structure changed: which rules apply may have changed too, so start over.
            self.validator = Validator(self.reviewed)
            self.findings = self.validator.findings() + self.cross
        self.status = status(self.reviewed, self.findings)

    def status_key(self) -> str:
        s = self.status
        if s.reviewed:
            return "reviewed"
        if s.errors:
            return "error"
        if s.warnings:
            return "warning"
        return "clean"

    def open_findings(self) -> list[Finding]:
        return [f for f in self.findings if not self.reviewed.is_confirmed(f)]


class ReportListModel(RowTableModel):
    """One row per open report."""

    HEADERS = HEADERS
    CONTEXT = "ReportListModel"
    ROLES = _ROLES

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[ReportEntry] = []
        self._row_of: dict[int, int] = {}

    # ---- public API
    def add_entries(self, entries: list[ReportEntry]) -> None:
        if not entries:
            return
        first = len(self.entries)
        self.beginInsertRows(QModelIndex(), first, first + len(entries) - 1)
        for i, e in enumerate(entries):
            self._row_of[id(e)] = first + i
        self.entries.extend(entries)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self.entries.clear()
        self._row_of.clear()
        self.endResetModel()

    def remove_entry(self, entry: ReportEntry) -> None:
        row = self._row_of.get(id(entry))
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.entries[row]
        self._row_of = {id(e): i for i, e in enumerate(self.entries)}
        self.endRemoveRows()

    def entry_changed(self, entry: ReportEntry) -> None:
        row = self._row_of.get(id(entry))
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def index_of(self, entry: ReportEntry) -> QModelIndex:
        row = self._row_of.get(id(entry))
        return QModelIndex() if row is None else self.index(row, 0)

    # ---- Qt overrides
    def rows(self) -> list[Any]:
        return self.entries

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole) -> Any:
        e = self.row_at(index, role)
        if e is None:
            return None
        col = index.column()
        rr = e.reviewed
        if role == EntryRole:
            return e
        if role == Qt.DisplayRole:
            if col == COL_AGENCY:
                return str(rr.metadata_value("agency") or "") or Path(rr.path).stem
            if col == COL_YEAR:
                y = rr.metadata_value("year")
                return "" if y in (None, "") else str(y)
            if col == COL_TEMPLATE:
                t = rr.template
                return _tr(TEMPLATE_LABELS[t]) if t in TEMPLATE_LABELS else t
            if col == COL_STATUS:
                return self._status_text(e)
            if col == COL_FILE:
                return Path(rr.path).name
        if role == Qt.DecorationRole and col == COL_STATUS:
            return icon({"reviewed": "reviewed", "error": "error", "warning": "warning"}.get(e.status_key(), "clean"))
        if role == Qt.ToolTipRole and col == COL_STATUS:
            st = e.status
            return (
                QCoreApplication.translate("ReportListModel", "%1 个错误，%2 个警告，%3 个已确认")
                .replace("%1", str(st.errors))
                .replace("%2", str(st.warnings))
                .replace("%3", str(st.confirmed))
            )
        if role == Qt.ToolTipRole:
            agency = str(rr.metadata_value("agency") or "")
            return f"{agency}\n{rr.path}" if agency else rr.path
        if role == Qt.UserRole:  # sort key
            if col == COL_STATUS:
                s = e.status
                return (0 if s.reviewed else 1) * 10**8 + s.errors * 10**4 + s.warnings
            if col == COL_YEAR:
                y = rr.metadata_value("year")
                return int(y) if isinstance(y, int) or (isinstance(y, str) and y.isdigit()) else -1
            return self.data(index, Qt.DisplayRole)
        if role == Qt.TextAlignmentRole and col == COL_YEAR:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def _status_text(self, e: ReportEntry) -> str:
        s = e.status
        if s.reviewed or not (s.errors or s.warnings):
            return QCoreApplication.translate("ReportListModel", STATUS_LABELS[e.status_key()])
        parts = []
        if s.errors:
            parts.append(QCoreApplication.translate("ReportListModel", "错误 %1").replace("%1", str(s.errors)))
        if s.warnings:
            parts.append(QCoreApplication.translate("ReportListModel", "警告 %1").replace("%1", str(s.warnings)))
        return QCoreApplication.translate("ReportListModel", "，").join(parts)


class ReportFilterModel(QSortFilterProxyModel):
    """Filters on any column's text; sorts on the UserRole key."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setSortRole(Qt.UserRole)


class ReportListWidget(QWidget):
    """The list on the left: a filter box above a sortable table.

    Signals:
        entry_selected(object): the current report changed (a ReportEntry, or None).
    """

    entry_selected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ReportListModel(self)
        self.proxy = ReportFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("report_filter")
        self.filter_edit.setPlaceholderText(self.tr("筛选：机关、年度、状态、文件名（Ctrl+F）"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QTableView(self)
        self.view.setObjectName("report_list")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        h = self.view.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.Interactive)
        h.setStretchLastSection(True)
        h.resizeSection(COL_AGENCY, 110)
        h.resizeSection(COL_YEAR, 40)
        header = str(self.model.headerData(COL_TEMPLATE, Qt.Horizontal) or "")
        h.resizeSection(COL_TEMPLATE, max(52, self.fontMetrics().horizontalAdvance(header) + 24))  # fits English too
        h.resizeSection(COL_STATUS, 120)
        h.resizeSection(COL_FILE, 160)
        h.setContextMenuPolicy(Qt.CustomContextMenu)
        h.customContextMenuRequested.connect(self._header_menu)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        h.setSectionHidden(COL_FILE, True)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.filter_edit)
        lay.addWidget(self.view)

    # ---- public API
    def current_entry(self) -> ReportEntry | None:
        idx = self.view.currentIndex()
        return idx.data(EntryRole) if idx.isValid() else None

    def select_entry(self, entry: ReportEntry) -> bool:
        """Make ``entry`` current (clears the filter if it hides the entry)."""
        src = self.model.index_of(entry)
        if not src.isValid():
            return False
        idx = self.proxy.mapFromSource(src)
        if not idx.isValid():
            self.filter_edit.clear()
            idx = self.proxy.mapFromSource(src)
        self.view.setCurrentIndex(idx)
        self.view.scrollTo(idx)
        return True

    def visible_entries(self) -> list[ReportEntry]:
        """Entries in the order the list shows them (sorted and filtered)."""
        return [self.proxy.index(r, 0).data(EntryRole) for r in range(self.proxy.rowCount())]

    def _header_menu(self, pos: QPoint) -> None:
        """Show/hide columns (the file name column starts hidden; the filter still matches it)."""
        h = self.view.horizontalHeader()
        menu = QMenu(self)
        for col in range(self.model.columnCount()):
            act = menu.addAction(self.model.headerData(col, Qt.Horizontal))
            act.setCheckable(True)
            act.setChecked(not h.isSectionHidden(col))
            act.setEnabled(col != COL_AGENCY)
            act.toggled.connect(lambda on, c=col: h.setSectionHidden(c, not on))
        menu.exec(h.mapToGlobal(pos))
        menu.deleteLater()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.entry_selected.emit(current.data(EntryRole) if current.isValid() else None)
