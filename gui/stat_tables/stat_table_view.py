"""A table view that looks like the printed statistics table and edits it like a spreadsheet.

Ctrl+V pastes a rectangular range copied from Excel (tab/newline separated) as one undo
macro, Ctrl+C copies the selected values, Delete reverts the selected cells to the printed
values, and the context menu offers 恢复为原文数值 and 更正行标签….
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QFrame,
    QHeaderView,
    QMenu,
    QStyle,
    QTableView,
    QWidget,
)

from core import templates
from core.layout import PrintedCell, PrintedGrid
from core.review.state import Edit
from core.templates import TABLE_ACTIVE, TABLE_APPEAL, TABLE_APPLY
from gui.i18n import arg
from gui.stat_tables.cell_values import CellInputError, edit_text, parse_cell_text
from gui.stat_tables.numeric_delegate import NumericDelegate
from gui.stat_tables.stat_table_model import StatTableModel


@dataclass(frozen=True)
class _Widths:
    """How a table's columns share the width: fixed label columns, one flexible label column, value columns."""

    labels: tuple[int, ...]  # label column widths; 0 marks the flexible one
    flex: tuple[int, int]  # min, max of the flexible label column
    value: tuple[int, int]  # min, max of a value column


# Pixels at the default font; labels wrap when the panel is narrow (rows grow instead of clipping).
_WIDTHS = {
    TABLE_ACTIVE: _Widths((0,), (140, 220), (84, 140)),
    TABLE_APPLY: _Widths((44, 82, 0), (170, 340), (54, 80)),
    TABLE_APPEAL: _Widths((), (0, 0), (52, 76)),
}

# When the values cannot all fit, the row labels take at most this share of the width (each label
# column at least _MIN_LABEL pixels, two characters), wrapping onto more lines.
_LABEL_SHARE = 0.45
# ... unless narrowing them to this share or more lets every value column fit without scrolling.
_MIN_FIT_SHARE = 0.3
_MIN_LABEL = 30


def column_widths(table: str, n_cols: int, available: int) -> list[int]:
    """Column widths filling ``available`` pixels when possible, never below the readable minimum."""
    spec = _WIDTHS[table]
    n_values = n_cols - len(spec.labels)
    fixed = sum(spec.labels)
    has_flex = 0 in spec.labels
    value = spec.value[1]
    flex = available - fixed - n_values * value
    if has_flex and flex < spec.flex[0]:
        value = max(spec.value[0], (available - fixed - spec.flex[0]) // max(n_values, 1))
        flex = available - fixed - n_values * value
    if not has_flex:
        value = max(spec.value[0], min(spec.value[1], available // max(n_values, 1)))
    flex = max(spec.flex[0], min(spec.flex[1], flex))
    labels = [w or flex for w in spec.labels]
    if labels and sum(labels) + n_values * value > available:
        # The labels wrap into a narrower share: all the values fit beside them (1920×1080 at
        # 150 %), or they scroll sideways under the frozen labels (1366×768 at 150 %).
        fit = available - n_values * value  # labels narrowed just enough for no scrolling at all
        room = fit if fit >= available * _MIN_FIT_SHARE else int(available * _LABEL_SHARE)
        if sum(labels) > room:
            labels = [max(_MIN_LABEL, w * room // sum(labels)) for w in labels]
    return labels + [value] * n_values


_WRAP = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)

# Frozen panes: how many leading header rows stay on screen when the table scrolls down. 表二's
# blocks each print their own header, so none of its rows is frozen (its label column is).
_FROZEN_ROWS = {TABLE_ACTIVE: 0}
# The frozen header rows and label columns stay on screen as long as they leave the values at least
# this share of the viewport (only a window too small to show any value makes them scroll).
_MAX_FROZEN_SHARE = 0.8


def frozen_extent(grid: PrintedGrid, table: str) -> tuple[int, int]:
    """(rows, columns) of a printed grid that stay visible when it scrolls: the leading rows and
    columns holding no value cell (the column headers and the row labels), as in Excel's freeze panes."""
    value_rows = [c.row for c in grid.cells if c.kind == "value"]
    value_cols = [c.col for c in grid.cells if c.kind == "value"]
    rows = min(value_rows, default=0)
    cols = min(value_cols, default=0)
    return _FROZEN_ROWS.get(table, rows), cols


class _FrozenPart(QTableView):
    """A non-scrolling slice of a StatTableView laid over its viewport: the header rows (top), the
    row labels (left) or both (corner). It shares the model and the selection model; its scroll
    position follows the main view's on the axis that scrolls."""

    def __init__(self, main: StatTableView, follow_h: bool, follow_v: bool) -> None:
        super().__init__(main)
        self.main = main
        self.setModel(main.model())
        self.setSelectionModel(main.selectionModel())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setCornerButtonEnabled(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(main.selectionMode())
        self.setStyleSheet(main.styleSheet())
        self.viewport().setAutoFillBackground(True)
        self.follow_h = follow_h
        self.follow_v = follow_v
        if follow_h:
            main.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)
        if follow_v:
            main.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.hide()

    def sync_layout(self) -> None:
        """Same spans, column widths and row heights as the main view, at the same scroll position."""
        main = self.main
        self.clearSpans()
        for row, col, rowspan, colspan in main.stat_model().spans():
            self.setSpan(row, col, rowspan, colspan)
        for col in range(main.model().columnCount()):
            self.setColumnWidth(col, main.columnWidth(col))
        for row in range(main.model().rowCount()):
            self.setRowHeight(row, main.rowHeight(row))
        self.horizontalScrollBar().setValue(main.horizontalScrollBar().value() if self.follow_h else 0)
        self.verticalScrollBar().setValue(main.verticalScrollBar().value() if self.follow_v else 0)

    def scrollTo(
        self, index: QModelIndex, hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible
    ) -> None:
        """Never scroll on its own (the shared current cell lies in the main view's part)."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        QApplication.sendEvent(self.main.viewport(), event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # Clicks select through the main view (its current index drives the source highlight).
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            self.main.setFocus(Qt.FocusReason.MouseFocusReason)
            self.main.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if index.isValid():
            menu = self.main._menu_for(index)
            if not menu.isEmpty():
                menu.exec(event.globalPos())


class StatTableView(QTableView):
    """The view of one ``StatTableModel``: printed-table look, paste/copy/revert, context menu.

    Signals:
        remap_requested(str): the reviewer chose 更正行标签… on a row (its template row name).
        message(str): a short notice for the reviewer (what a paste did, why nothing happened).
    """

    remap_requested = Signal(str)
    message = Signal(str)

    def __init__(self, model: StatTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen_rows = 0
        self.frozen_cols = 0
        self.setModel(model)
        self.setItemDelegate(NumericDelegate(self))
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setCornerButtonEnabled(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setStyleSheet("QTableView { gridline-color: #8c8c8c; }")
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Per-pixel scrolling: per-item scrolling would hide whole label columns of the merged grid.
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Frozen panes: header rows on top, row labels on the left, their corner above both.
        self._frozen_top = _FrozenPart(self, follow_h=True, follow_v=False)
        self._frozen_left = _FrozenPart(self, follow_h=False, follow_v=True)
        self._frozen_corner = _FrozenPart(self, follow_h=False, follow_v=False)
        model.modelReset.connect(self.apply_layout)
        model.layoutChanged.connect(self._sync_frozen)
        self.apply_layout()

    def stat_model(self) -> StatTableModel:
        model = self.model()
        assert isinstance(model, StatTableModel)
        return model

    # ------------------------------------------------------------------ layout
    def apply_layout(self) -> None:
        """Merge the printed spans and size columns and rows for the model's current grid."""
        model = self.stat_model()
        self.clearSpans()
        for row, col, rowspan, colspan in model.spans():
            self.setSpan(row, col, rowspan, colspan)
        self.frozen_rows, self.frozen_cols = frozen_extent(model.grid, model.table)
        self._fit_columns(force=True)

    def _fit_columns(self, force: bool = False) -> None:
        """Share the view's width among the columns, then size the rows to the wrapped labels."""
        model = self.stat_model()
        # Leave room for the vertical scroll bar so that its appearing does not resize the columns again.
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        available = self.width() - 2 * self.frameWidth() - max(bar, self.verticalScrollBar().sizeHint().width()) - 2
        widths = column_widths(model.table, model.columnCount(), available)
        if not force and widths == [self.columnWidth(c) for c in range(model.columnCount())]:
            return
        for col, width in enumerate(widths):
            self.setColumnWidth(col, width)
        for row in range(model.rowCount()):
            self.setRowHeight(row, self._row_height(row))
        self._sync_frozen()

    # ------------------------------------------------------------------ frozen panes
    def frozen_size(self) -> tuple[int, int]:
        """(width, height) in pixels the frozen label columns and header rows cover (0: not frozen)."""
        width = sum(self.columnWidth(c) for c in range(self.frozen_cols))
        height = sum(self.rowHeight(r) for r in range(self.frozen_rows))
        view = self.viewport()
        if width > view.width() * _MAX_FROZEN_SHARE or self.horizontalScrollBar().maximum() == 0:
            width = 0  # nothing scrolls sideways (or no value would be left to see beside the labels)
        if height > view.height() * _MAX_FROZEN_SHARE or self.verticalScrollBar().maximum() == 0:
            height = 0
        return width, height

    def _sync_frozen(self) -> None:
        """Lay the frozen parts over the viewport's top and left edges (hidden when nothing is frozen)."""
        width, height = self.frozen_size()
        view = self.viewport().geometry()
        parts = (
            (self._frozen_top, view.width(), height),
            (self._frozen_left, width, view.height()),
            (self._frozen_corner, width, height),
        )
        for part, w, h in parts:
            if w <= 0 or h <= 0:
                part.hide()
                continue
            part.setGeometry(view.x(), view.y(), w, h)
            part.sync_layout()
            part.show()
        self._frozen_top.raise_()
        self._frozen_left.raise_()
        self._frozen_corner.raise_()

    def scrollTo(
        self, index: QModelIndex, hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible
    ) -> None:
        """Scroll a cell into view, then out from under the frozen header rows and label columns."""
        super().scrollTo(index, hint)
        if not index.isValid():
            return
        width, height = self.frozen_size()
        rect = self.visualRect(index)
        if width and index.column() >= self.frozen_cols and rect.left() < width:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - (width - rect.left()))
        if height and index.row() >= self.frozen_rows and rect.top() < height:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() - (height - rect.top()))

    def _row_height(self, row: int) -> int:
        """Tall enough for the row's longest wrapped label (merged labels are left out)."""
        model = self.stat_model()
        metrics = self.fontMetrics()
        # what Qt's item painting leaves for the text: the grid line and a margin on each side
        margin = 1 + 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1)
        height = 0
        for col in range(model.columnCount()):
            c = model.grid.anchor(row, col)
            if c is None or c.kind == "value" or c.rowspan > 1 or not c.text:
                continue
            # The delegate keeps a few pixels of margin on each side; measuring with wrapping
            # uses the same fallback (CJK) font the cell is painted with.
            width = sum(self.columnWidth(k) for k in range(col, col + c.colspan)) - margin
            rect = metrics.boundingRect(QRect(0, 0, max(width, 10), 10_000), _WRAP, c.text)
            height = max(height, rect.height())
        return max(24, height + 8)

    # ------------------------------------------------------------------ selection helpers
    def selected_fields(self) -> list[str]:
        """Field IDs of the selected value cells, in grid order."""
        model = self.stat_model()
        indexes = sorted(self.selectionModel().selectedIndexes(), key=lambda i: (i.row(), i.column()))
        return [f for f in dict.fromkeys(model.field_at(i) for i in indexes) if f]

    def _anchor_cell(self) -> PrintedCell | None:
        model = self.stat_model()
        indexes = [i for i in self.selectionModel().selectedIndexes() if model.field_at(i)]
        if not indexes:
            current = self.currentIndex()
            return model.cell(current) if model.field_at(current) else None
        first = min(indexes, key=lambda i: (i.row(), i.column()))
        return model.cell(first)

    def _value_rows(self, start_row: int) -> list[list[PrintedCell]]:
        """Grid rows from ``start_row`` down that hold value cells, each its value cells left to right."""
        grid = self.stat_model().grid
        out = []
        for r in range(start_row, grid.n_rows):
            cells = [c for k in range(grid.n_cols) if (c := grid.anchor(r, k)) is not None and c.kind == "value"]
            if cells:
                out.append(cells)
        return out

    def scroll_to_cells(self, indexes: list[QModelIndex]) -> None:
        """Bring cells into view, keeping the row labels visible when the cells fit beside them."""
        if not indexes:
            return
        self.scrollTo(indexes[-1])
        self.scrollTo(indexes[0])
        right = max(sum(self.columnWidth(k) for k in range(i.column() + 1)) for i in indexes)
        if right <= self.viewport().width():
            self.horizontalScrollBar().setValue(0)

    def select_cells(self, cells: list[PrintedCell]) -> None:
        model = self.stat_model()
        selection = QItemSelection()
        for c in cells:
            idx = model.index(c.row, c.col)
            selection.select(idx, idx)
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    # ------------------------------------------------------------------ actions
    def paste_text(self, text: str) -> int:
        """Paste tab/newline separated text onto the selection's top-left value cell, as one undo macro.

        One copied value onto several selected cells fills them all. Empty copied cells leave
        the table cell as it is. Returns the number of cells changed.
        """
        model = self.stat_model()
        anchor = self._anchor_cell()
        if model.reviewed is None or anchor is None:
            self.message.emit(self.tr("请先选中要粘贴到的左上角单元格"))
            return 0
        lines = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")
        block = [line.split("\t") for line in lines]
        targets: list[tuple[PrintedCell, str]] = []
        skipped = 0
        selected = self.selected_fields()
        if len(block) == 1 and len(block[0]) == 1 and len(selected) > 1:
            targets = [(c, block[0][0]) for f in selected if (c := model.grid.of_field(f)) is not None]
        else:
            rows = self._value_rows(anchor.row)
            first = rows[0].index(anchor) if rows and anchor in rows[0] else 0
            for r, tokens in enumerate(block):
                for k, token in enumerate(tokens):
                    if r < len(rows) and first + k < len(rows[r]):
                        targets.append((rows[r][first + k], token))
                    elif token.strip():
                        skipped += 1
        edits: list[Edit] = []
        bad = 0
        for cell, token in targets:
            if not token.strip() or not model.is_editable(cell.field):
                continue
            try:
                number = parse_cell_text(token, templates.field(cell.field).kind)
            except CellInputError:
                bad += 1
                continue
            edit = model.edit_for(cell.field, number)
            if edit is not None:
                edits.append(edit)
        model.push_edits(edits, arg(self.tr("粘贴 %1 个单元格"), len(edits)))
        if targets:
            self.select_cells([c for c, _ in targets])
        notes = [arg(self.tr("已粘贴 %1 个单元格"), len(edits))]
        if bad:
            notes.append(arg(self.tr("%1 个不是数字，已跳过"), bad))
        if skipped:
            notes.append(arg(self.tr("%1 个超出表格，已跳过"), skipped))
        self.message.emit(self.tr("；").join(notes))
        return len(edits)

    def copy_selection(self) -> str:
        """Copy the selected values as tab/newline separated text (Excel's format); return it."""
        model = self.stat_model()
        cells = [c for f in self.selected_fields() if (c := model.grid.of_field(f)) is not None]
        if not cells:
            return ""
        lines: dict[int, list[str]] = {}
        for c in cells:
            idx = model.index(c.row, c.col)
            kind = templates.field(c.field).kind
            lines.setdefault(c.row, []).append(edit_text(model.data(idx, Qt.ItemDataRole.EditRole), kind))
        text = "\n".join("\t".join(v) for _, v in sorted(lines.items()))
        QGuiApplication.clipboard().setText(text)
        return text

    def revert_selection(self) -> int:
        """Revert the selected corrected cells to the printed values, as one undo step."""
        n = self.stat_model().revert_fields(self.selected_fields())
        self.message.emit(arg(self.tr("已将 %1 个单元格恢复为原文数值"), n) if n else self.tr("所选单元格没有人工修改"))
        return n

    def _menu_for(self, index: QModelIndex) -> QMenu:
        model = self.stat_model()
        menu = QMenu(self)
        cell = model.cell(index)
        if cell is not None and cell.kind == "value":
            if cell.field not in self.selected_fields():
                self.select_cells([cell])
                self.setCurrentIndex(model.index(cell.row, cell.col))
            corrected = model.reviewed is not None and any(
                f in model.reviewed.state.corrections for f in self.selected_fields()
            )
            revert = menu.addAction(self.tr("恢复为原文数值"), self.revert_selection)
            revert.setEnabled(corrected)
            menu.addAction(self.tr("复制"), self.copy_selection)
            menu.addAction(self.tr("粘贴"), lambda: self.paste_text(QGuiApplication.clipboard().text()))
        if cell is not None and cell.row_name and model.reviewed is not None:
            menu.addSeparator()
            name = cell.row_name
            menu.addAction(self.tr("更正行标签…"), lambda: self.remap_requested.emit(name))
        return menu

    # ------------------------------------------------------------------ Qt overrides
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_columns()
        self._sync_frozen()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if hasattr(self, "_frozen_top"):
            self._sync_frozen()

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Enter commits and moves down to the next value cell of the column, as in a spreadsheet."""
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            below = self._value_cell_below(self.currentIndex())
            if below is not None:
                self.setCurrentIndex(below)

    def _value_cell_below(self, index: QModelIndex) -> QModelIndex | None:
        model = self.stat_model()
        if not index.isValid():
            return None
        for row in range(index.row() + 1, model.rowCount()):
            cell = model.grid.at(row, index.column())
            if cell is not None and cell.kind == "value":
                return model.index(cell.row, cell.col)
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QGuiApplication.clipboard().text())
            event.accept()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            event.accept()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != self.State.EditingState:
            self.revert_selection()
            event.accept()
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if not index.isValid():
            return
        menu = self._menu_for(index)
        if not menu.isEmpty():
            menu.exec(event.globalPos())

    def menu_at(self, pos: QPoint) -> QMenu:
        """The context menu for a viewport position (for tests and keyboard menus)."""
        return self._menu_for(self.indexAt(pos))
