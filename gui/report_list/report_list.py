"""The batch's report list: agency, year, template, status; sortable, filterable by text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.batch import BatchEntry
from core.batch.model import REASON_DUPLICATE
from gui.icons import icon
from gui.stat_tables.row_table_model import RowTableModel

TEMPLATE_LABELS = {
    "2021": QT_TRANSLATE_NOOP("ReportListModel", "2021版"),
    "2019": QT_TRANSLATE_NOOP("ReportListModel", "2019版"),
    "legacy": QT_TRANSLATE_NOOP("ReportListModel", "旧版"),
    "unknown": QT_TRANSLATE_NOOP("ReportListModel", "未识别"),
}
STATUS_LABELS = {
    "unreadable": QT_TRANSLATE_NOOP("ReportListModel", "无法读取"),
    "reviewed": QT_TRANSLATE_NOOP("ReportListModel", "已审核"),
    "error": QT_TRANSLATE_NOOP("ReportListModel", "有错误"),
    "warning": QT_TRANSLATE_NOOP("ReportListModel", "有警告"),
    "clean": QT_TRANSLATE_NOOP("ReportListModel", "无问题"),
}
COL_AGENCY, COL_YEAR, COL_TEMPLATE, COL_STATUS, COL_FILE, COL_DUPLICATE = range(6)
HEADERS = (
    QT_TRANSLATE_NOOP("ReportListModel", "机关"),
    QT_TRANSLATE_NOOP("ReportListModel", "年度"),
    QT_TRANSLATE_NOOP("ReportListModel", "模板"),
    QT_TRANSLATE_NOOP("ReportListModel", "状态"),
    QT_TRANSLATE_NOOP("ReportListModel", "文件"),
    QT_TRANSLATE_NOOP("ReportListModel", "重复"),
)

EntryRole = Qt.UserRole + 1
# The roles data() answers, as plain ints: a view asks for a dozen roles per cell on every repaint,
# and each ``Qt.DisplayRole`` lookup costs ~9 µs in PySide 6 (its old-enum compatibility path),
# which made a repaint of the list cost milliseconds of GUI-thread time while a batch loads.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_SORT = int(Qt.ItemDataRole.UserRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ENTRY = int(EntryRole)
_ROLES = frozenset({_ENTRY, _DISPLAY, _DECORATION, _TOOLTIP, _SORT, _ALIGNMENT})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_STATUS_ICONS = {"reviewed": "reviewed", "error": "error", "warning": "warning", "unreadable": "error"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReportListModel", text)


# The report list shows core BatchEntry objects (core.batch.model): one description of a batch's
# entries, their findings (own + cross-year) and status, read alike by the window and the CLI.
ReportEntry = BatchEntry


class ReportListModel(RowTableModel):
    """One row per open report."""

    HEADERS = HEADERS
    CONTEXT = "ReportListModel"
    ROLES = _ROLES

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[ReportEntry] = []
        self._row_of: dict[int, int] = {}
        # Members of each duplicate group (core.batch: same agency and year), kept by the window.
        self.groups: dict[tuple[str, int], list[ReportEntry]] = {}
        self._signatures: dict[tuple[str, int], tuple[tuple[int, bool], ...]] = {}  # what each row showed

    def set_groups(self, groups: list[list[ReportEntry]]) -> None:
        """The batch's duplicate groups changed: refresh the 重复 column of the rows whose group
        changed (members joined, left or were counted differently), not the whole column — a batch
        being loaded calls this for every delivered item, and a full column repaint each time
        showed up as event-loop stalls."""
        new = {g[0].duplicate_key: g for g in groups if g and g[0].duplicate_key is not None}
        signatures = {key: _signature(g) for key, g in new.items()}
        old, old_signatures = self.groups, self._signatures
        self.groups, self._signatures = new, signatures
        rows: set[int] = set()
        for key in old.keys() | new.keys():
            if old_signatures.get(key) != signatures.get(key):
                for e in (*old.get(key, ()), *new.get(key, ())):
                    row = self._row_of.get(id(e))
                    if row is not None:
                        rows.add(row)
        for first, last in _runs(sorted(rows)):
            self.dataChanged.emit(self.index(first, COL_DUPLICATE), self.index(last, COL_DUPLICATE))

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

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        e = self.row_at(index, role)
        if e is None:
            return None
        col = index.column()
        if role == _DISPLAY:
            if col == COL_AGENCY:
                return e.agency or Path(e.path).stem
            if col == COL_YEAR:
                return "" if e.year is None else str(e.year)
            if col == COL_TEMPLATE:
                if e.reviewed is None:
                    return ""
                t = e.template
                return _tr(TEMPLATE_LABELS[t]) if t in TEMPLATE_LABELS else t
            if col == COL_STATUS:
                return self._status_text(e)
            if col == COL_FILE:
                return Path(e.path).name
            if col == COL_DUPLICATE:
                return self._duplicate_text(e)
            return None
        if role == _ENTRY:
            return e
        if role == _DECORATION:
            return icon(_STATUS_ICONS.get(e.status_key(), "clean")) if col == COL_STATUS else None
        if role == _TOOLTIP:
            return self._tooltip(e, col)
        if role == _SORT:
            if col == COL_STATUS:
                s = e.status
                return (0 if e.is_reviewed else 1) * 10**8 + s.errors * 10**4 + s.warnings + (10**9 if e.failure else 0)
            if col == COL_YEAR:
                return -1 if e.year is None else e.year
            if col == COL_DUPLICATE:  # groups together, the counted one first
                if e.duplicate_key is None:
                    return ""
                return f"{e.duplicate_key[0]}\x00{e.duplicate_key[1]}\x00{int(is_duplicate_copy(e))}"
            return self.data(index, _DISPLAY)
        if role == _ALIGNMENT and col == COL_YEAR:
            return _RIGHT
        return None

    def _tooltip(self, e: ReportEntry, col: int) -> str:
        if col == COL_STATUS:
            if e.failure is not None:
                return e.failure.error.message
            st = e.status
            tip = (
                QCoreApplication.translate("ReportListModel", "%1 个错误，%2 个警告，%3 个已确认")
                .replace("%1", str(st.errors))
                .replace("%2", str(st.warnings))
                .replace("%3", str(st.confirmed))
            )
            if not e.counted and e.not_counted_reason:
                tip += "\n" + QCoreApplication.translate("ReportListModel", "未计入汇总：%1").replace(
                    "%1", _tr(e.not_counted_reason)
                )
            return tip
        if col == COL_DUPLICATE and e.duplicate_key in self.groups:
            group = self.groups[e.duplicate_key]
            lines = [
                ("✓ " if not is_duplicate_copy(m) else "   ") + Path(m.path).name + (" ←" if m is e else "")
                for m in group
            ]
            head = QCoreApplication.translate("ReportListModel", "同一机关同一年度的 %1 份报告（✓ 计入汇总）：")
            return head.replace("%1", str(len(group))) + "\n" + "\n".join(lines)
        if e.failure is not None:
            return f"{e.path}\n{e.failure.error.message}"
        return f"{e.agency}\n{e.path}" if e.agency else e.path

    def _duplicate_text(self, e: ReportEntry) -> str:
        group = self.groups.get(e.duplicate_key) if e.duplicate_key is not None else None
        if not group:
            return ""
        if is_duplicate_copy(e):
            return QCoreApplication.translate("ReportListModel", "重复，不计入（共 %1 份）").replace(
                "%1", str(len(group))
            )
        return QCoreApplication.translate("ReportListModel", "✓ 代表（共 %1 份）").replace("%1", str(len(group)))

    def _status_text(self, e: ReportEntry) -> str:
        """有错误/警告 counts even on a report marked 已审核 (the flag is shown beside them)."""
        key = e.status_key()
        s = e.status
        parts = []
        if key in ("unreadable", "clean") or (key == "reviewed" and not (s.errors or s.warnings)):
            parts.append(QCoreApplication.translate("ReportListModel", STATUS_LABELS[key]))
        else:
            if e.is_reviewed:
                parts.append(QCoreApplication.translate("ReportListModel", "已审核"))
            if s.errors:
                parts.append(QCoreApplication.translate("ReportListModel", "错误 %1").replace("%1", str(s.errors)))
            if s.warnings:
                parts.append(QCoreApplication.translate("ReportListModel", "警告 %1").replace("%1", str(s.warnings)))
        if e.reviewed is not None and not e.counted and e.not_counted_reason:
            parts.append(_tr(e.not_counted_reason))
        return QCoreApplication.translate("ReportListModel", "，").join(parts)


def _signature(group: list[ReportEntry]) -> tuple[tuple[int, bool], ...]:
    """What the 重复 column shows for a group: its members and which of them are copies."""
    return tuple((id(m), is_duplicate_copy(m)) for m in group)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of consecutive rows."""
    out: list[tuple[int, int]] = []
    for r in rows:
        if out and out[-1][1] == r - 1:
            out[-1] = (out[-1][0], r)
        else:
            out.append((r, r))
    return out


def is_duplicate_copy(e: ReportEntry) -> bool:
    """A member of a duplicate group that another member stands in for (not counted as 重复)."""
    return e.duplicate_key is not None and e.not_counted_reason == REASON_DUPLICATE


class _ElideEnd(QStyledItemDelegate):
    """Status and 重复 texts keep their start (错误 4… / ✓ 代表… / 重复…) when the list is narrow."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideRight


class ReportFilterModel(QSortFilterProxyModel):
    """Filters on any column's text; sorts on the UserRole key."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setSortRole(Qt.UserRole)
        # Rows stay where they are when a report's status changes (a confirmation, an edit);
        # the list re-sorts when the reviewer clicks a header.
        self.setDynamicSortFilter(False)


class ReportListWidget(QWidget):
    """The list on the left: a filter box above a sortable table.

    Signals:
        entry_selected(object): the current report changed (a ReportEntry, or None).
        close_requested(list): close these reports (关闭所选报告, Delete in the list).
        count_requested(object): count this duplicate in the summary instead of the group's other member.
        reviewed_requested(list): mark these reports 已审核.
    """

    entry_selected = Signal(object)
    close_requested = Signal(list)
    count_requested = Signal(object)
    reviewed_requested = Signal(list)

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
        # Several reports can be selected (Shift/Ctrl+click) for bulk work; the current row is the one shown.
        self.view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setContextMenuPolicy(Qt.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.installEventFilter(self)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        # names of one city's agencies share their start: keep the end (…教育局 / …审计局) in view
        self.view.setTextElideMode(Qt.ElideMiddle)
        self._elide_end = _ElideEnd(self.view)
        for col in (COL_STATUS, COL_DUPLICATE):
            self.view.setItemDelegateForColumn(col, self._elide_end)
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
        h.resizeSection(COL_DUPLICATE, 130)
        h.setContextMenuPolicy(Qt.CustomContextMenu)
        h.customContextMenuRequested.connect(self._header_menu)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        h.setSectionHidden(COL_FILE, True)
        h.setSectionHidden(COL_DUPLICATE, True)  # shown when the batch has duplicates
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

    def select_entries(self, entries: list[ReportEntry]) -> None:
        """Select these reports (the first becomes current)."""
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        selection = QItemSelection()
        for e in entries:
            idx = self.proxy.mapFromSource(self.model.index_of(e))
            if idx.isValid():
                selection.select(idx, idx)
        sm = self.view.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        sm.select(selection, flags)

    def selected_entries(self) -> list[ReportEntry]:
        """The selected reports in list order (the current one when nothing is selected)."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        entries = [self.proxy.index(r, 0).data(EntryRole) for r in rows]
        if not entries and self.current_entry() is not None:
            entries = [self.current_entry()]
        return entries

    def menu_for_selection(self) -> QMenu:
        """The list's context menu for the selected reports."""
        chosen = self.selected_entries()
        menu = QMenu(self)
        close = menu.addAction(self.tr("关闭所选报告（%1 份）").replace("%1", str(len(chosen))))
        close.setObjectName("close_selected")
        close.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        close.setEnabled(bool(chosen))
        close.triggered.connect(lambda: self.close_requested.emit(chosen))
        if len(chosen) == 1 and is_duplicate_copy(chosen[0]):
            count = menu.addAction(self.tr("计入汇总（代替同一机关同一年度的另一份）"))
            count.setObjectName("count_this_duplicate")
            count.triggered.connect(lambda: self.count_requested.emit(chosen[0]))
        dup_key = chosen[0].duplicate_key if len(chosen) == 1 else None
        if dup_key is not None and dup_key in self.model.groups:
            group = self.model.groups[dup_key]
            same = menu.addAction(self.tr("选中全部重复（%1 份）").replace("%1", str(len(group))))
            same.triggered.connect(lambda: self.select_entries(group))
        readable = [e for e in chosen if e.reviewed is not None]
        mark = menu.addAction(self.tr("标记所选为已审核（%1 份）").replace("%1", str(len(readable))))
        mark.setObjectName("mark_reviewed")
        mark.setEnabled(bool(readable))
        mark.triggered.connect(lambda: self.reviewed_requested.emit(readable))
        copy = menu.addAction(self.tr("复制文件路径"))
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText("\n".join(e.path for e in chosen)))
        copy.setEnabled(bool(chosen))
        menu.addSeparator()
        every = menu.addAction(self.tr("全选"))
        every.triggered.connect(self.view.selectAll)
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.menu_for_selection()
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Delete and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                chosen = self.selected_entries()
                if chosen:
                    self.close_requested.emit(chosen)
                return True
        return super().eventFilter(watched, event)

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
