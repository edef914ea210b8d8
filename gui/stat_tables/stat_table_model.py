"""Editable table models for 表二/表三/表四 over a ``ReviewedReport`` (the core object, never a copy).

Each model exposes the table's whole printed grid: captions, headers and row labels are
non-editable cells, merged with view spans (``spans()``), so the view looks like the printed
table; value cells carry the field's number. Editing never mutates the report directly:
``setData`` pushes an ``EditCommand`` on the report's undo stack, the command applies the core
edit, and the model refreshes the changed cells when the report's listeners tell it.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QUndoStack

from core import templates
from core.layout import PrintedCell, PrintedGrid, row_title, table_grid
from core.model import Finding
from core.review.state import Change, ConfirmEdit, Edit, MetadataEdit, ReviewedReport, ValueEdit
from core.templates import TABLE_ACTIVE, TABLE_APPEAL, TABLE_APPLY
from gui.i18n import arg
from gui.stat_tables import cell_style
from gui.stat_tables.cell_values import CellInputError, format_number, parse_cell_text, same_number
from gui.stat_tables.explain import explaining_fields
from gui.undo_commands import EditCommand

OriginalValueRole = Qt.ItemDataRole.UserRole + 1  # the parsed (printed) value
FieldIdRole = Qt.ItemDataRole.UserRole + 2  # the field ID of a value cell ("" elsewhere)
FieldKindRole = Qt.ItemDataRole.UserRole + 3  # int | signed | decimal
RowNameRole = Qt.ItemDataRole.UserRole + 4  # the template row (apply.granted) of label/value cells
CellKindRole = Qt.ItemDataRole.UserRole + 5  # caption | header | note | label | value
OriginRole = Qt.ItemDataRole.UserRole + 6  # table | inferred | prose | edited

_Index = QModelIndex | QPersistentModelIndex
_ALIGN_VALUE = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ALIGN_LABEL = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ALIGN_HEADER = Qt.AlignmentFlag.AlignCenter


class _Listener:
    """Forwards core change notifications to a model without keeping the model alive."""

    def __init__(self, model: StatTableModel, reviewed: ReviewedReport) -> None:
        self._model = weakref.ref(model)
        self._reviewed = weakref.ref(reviewed)

    def __call__(self, edit: Edit, change: Change) -> None:
        model = self._model()
        if model is None or not shiboken6.isValid(model):
            self.detach()
            return
        model._on_change(edit, change)

    def detach(self) -> None:
        reviewed = self._reviewed()
        if reviewed is not None and self in reviewed.listeners:
            reviewed.listeners.remove(self)


class StatTableModel(QAbstractTableModel):
    """The printed grid of one statistics table of a reviewed report, editable through undo commands.

    Attributes:
        table: active | apply | appeal (set by the subclasses).
        reviewed: the report shown (None: an empty printed table).
        undo_stack: where edits go (None: edits are applied directly, without undo).
        grid: the printed grid of the report's template.
    """

    table = ""

    def __init__(
        self,
        reviewed: ReviewedReport | None = None,
        undo_stack: QUndoStack | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.reviewed: ReviewedReport | None = None
        self.undo_stack: QUndoStack | None = None
        self._listener: _Listener | None = None
        self._findings: dict[str, list[Finding]] = {}
        self._weak: set[tuple[str, str]] = set()  # (field, finding key): the cell is not one that explains it
        self._confirmed: set[str] = set()
        self.read_only = False  # a project opened read-only: nothing may change
        self.grid: PrintedGrid = table_grid(self.table, templates.TEMPLATE_2021)
        self.set_report(reviewed, undo_stack)

    # ------------------------------------------------------------------ public API
    def set_report(self, reviewed: ReviewedReport | None, undo_stack: QUndoStack | None = None) -> None:
        """Show another report (a model reset); stop listening to the previous one."""
        self.beginResetModel()
        self.detach()
        self.reviewed = reviewed
        self.undo_stack = undo_stack
        self._findings = {}
        self._weak = set()
        self._confirmed = set(reviewed.state.confirmed) if reviewed is not None else set()
        self.grid = table_grid(self.table, reviewed.template if reviewed is not None else "")
        if reviewed is not None:
            self._listener = _Listener(self, reviewed)
            reviewed.listeners.append(self._listener)
        self.endResetModel()

    def detach(self) -> None:
        """Remove this model's listener from its report (the widget calls it on report change)."""
        if self._listener is not None:
            self._listener.detach()
            self._listener = None

    def set_findings(self, findings: Iterable[Finding], confirmed_keys: set[str]) -> None:
        """Colour and annotate the cells these findings name."""
        self._findings = {}
        self._weak = set()
        rv = self.reviewed
        for f in findings:
            # A broken identity over a whole column: point at the cells one misreading of which
            # would close the gap; the others get a lighter tint (gui.stat_tables.explain).
            strong = (
                explaining_fields(f, rv.template, rv.value) if rv is not None and "diff" in f.params else set()
            )
            for fid in f.fields:
                if self.grid.of_field(fid) is not None:
                    self._findings.setdefault(fid, []).append(f)
                    if strong and fid not in strong:
                        self._weak.add((fid, f.key))
        self._confirmed = set(confirmed_keys)
        self._emit_all()

    def explaining(self, field_id: str) -> bool:
        """The cell has an open finding that names it strongly (not only as one of a column)."""
        return any((field_id, f.key) not in self._weak for f in self._findings.get(field_id, []))

    def findings_of(self, field_id: str) -> list[Finding]:
        return list(self._findings.get(field_id, []))

    def cell(self, index: _Index) -> PrintedCell | None:
        """The printed cell at an index (the merged cell's anchor for covered positions)."""
        if not index.isValid():
            return None
        return self.grid.at(index.row(), index.column())

    def field_at(self, index: _Index) -> str:
        """The field ID of a value cell ("" for header and label cells)."""
        c = self.cell(index)
        return c.field if c is not None else ""

    def index_of(self, field_id: str) -> QModelIndex:
        """The index of a field's value cell (invalid when this table has no such cell)."""
        c = self.grid.of_field(field_id)
        return QModelIndex() if c is None else self.index(c.row, c.col)

    def spans(self) -> list[tuple[int, int, int, int]]:
        """The merged cells as (row, column, rowspan, colspan), for ``QTableView.setSpan``."""
        return [(c.row, c.col, c.rowspan, c.colspan) for c in self.grid.spans()]

    def is_editable(self, field_id: str) -> bool:
        """The core decides: value cells of fields of the report's template."""
        return (
            not self.read_only and self.reviewed is not None and templates.is_editable(self.reviewed.template, field_id)
        )

    def edit_for(self, field_id: str, number: int | float | None) -> ValueEdit | None:
        """The core edit that makes a field show ``number`` (None: nothing to do).

        Empty input (None) and the parsed value typed back both mean "as printed": they
        revert the correction instead of recording one equal to the printed value.
        """
        assert self.reviewed is not None
        parsed = self.reviewed.parsed_values().get(field_id)
        corrected = field_id in self.reviewed.state.corrections
        if number is None or (parsed is not None and parsed.value is not None and same_number(number, parsed.value)):
            return ValueEdit(field_id, revert=True) if corrected else None
        current = self.reviewed.values().get(field_id)
        if current is not None and same_number(current.value, number):
            return None
        return ValueEdit(field_id, number)

    def push_edits(self, edits: list[Edit], macro_text: str = "") -> None:
        """Apply edits as one undo step (a macro named ``macro_text`` when there are several)."""
        if self.reviewed is None or not edits or self.read_only:
            return
        if self.undo_stack is not None and not shiboken6.isValid(self.undo_stack):
            self.undo_stack = None  # the window closed the report's stack while it was shown
        if self.undo_stack is None:
            for edit in edits:
                self.reviewed.apply(edit)
            return
        if len(edits) == 1 and not macro_text:
            self.undo_stack.push(EditCommand(self.reviewed, edits[0]))
            return
        self.undo_stack.beginMacro(macro_text)
        try:
            for edit in edits:
                self.undo_stack.push(EditCommand(self.reviewed, edit))
        finally:
            self.undo_stack.endMacro()

    def revert_fields(self, field_ids: Iterable[str]) -> int:
        """Revert the corrected ones of these fields to the parsed value, as one undo step."""
        if self.reviewed is None:
            return 0
        edits: list[Edit] = [
            ValueEdit(f, revert=True) for f in dict.fromkeys(field_ids) if f in self.reviewed.state.corrections
        ]
        if edits:
            template = QCoreApplication.translate("StatTableModel", "恢复 %1 个单元格为原文数值")
            text = "" if len(edits) == 1 else arg(template, len(edits))
            self.push_edits(edits, text)
        return len(edits)

    # ------------------------------------------------------------------ core notifications
    def _on_change(self, edit: Edit, change: Change) -> None:
        if change.kind in ("value", "rows"):
            for fid in change.fields:
                self._emit_field(fid)
            if change.kind == "rows":
                self._emit_labels()
        elif change.kind == "metadata" and isinstance(edit, MetadataEdit) and edit.key == "template":
            assert self.reviewed is not None
            self.set_report(self.reviewed, self.undo_stack)
        elif change.kind == "confirm" and isinstance(edit, ConfirmEdit):
            if edit.note is None:
                self._confirmed.discard(edit.key)
            else:
                self._confirmed.add(edit.key)
            for fid, fs in self._findings.items():
                if any(f.key == edit.key for f in fs):
                    self._emit_field(fid)

    def _emit_field(self, field_id: str) -> None:
        c = self.grid.of_field(field_id)
        if c is not None:
            idx = self.index(c.row, c.col)
            self.dataChanged.emit(idx, idx)

    def _emit_labels(self) -> None:
        for c in self.grid.cells:
            if c.kind == "label" and c.row_name:
                idx = self.index(c.row, c.col)
                self.dataChanged.emit(idx, idx)

    def _emit_all(self) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    # ------------------------------------------------------------------ cell data
    def _value_data(self, c: PrintedCell, role: int) -> Any:
        rv = self.reviewed
        if rv is None:
            return None
        fid = c.field
        kind = templates.field(fid).kind
        v = rv.values().get(fid)
        if role == Qt.ItemDataRole.DisplayRole:
            if v is None:
                return ""
            if v.origin != "edited" and v.value == 0 and v.is_empty_token:
                # Printed blank, "/" or "—" (counted as 0): show what the table printed, dimmed.
                token = v.raw.strip()
                return token if token else QCoreApplication.translate("StatTableModel", "空")
            return format_number(v.value, kind, v.raw if v.origin != "edited" else "")
        if role == Qt.ItemDataRole.EditRole:
            return None if v is None else v.value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_VALUE
        if role == Qt.ItemDataRole.BackgroundRole:
            found = self._findings.get(fid, [])
            strong = [f for f in found if (fid, f.key) not in self._weak]
            weak = [f for f in found if (fid, f.key) in self._weak]
            brush = cell_style.background(strong, self._confirmed, weak)
            if brush is None and (v is None or v.value is None):
                return cell_style.UNREAD_BRUSH
            return brush
        if role == Qt.ItemDataRole.ForegroundRole:
            if v is not None and v.origin != "edited" and v.value == 0 and v.is_empty_token:
                return cell_style.EMPTY_TOKEN_BRUSH
            return cell_style.ORIGIN_BRUSHES.get(v.origin) if v is not None else None
        if role == Qt.ItemDataRole.FontRole:
            return cell_style.origin_font(v.origin) if v is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_style.value_tooltip(
                fid,
                v,
                rv.parsed_values().get(fid),
                rv.state.corrections.get(fid),
                self._findings.get(fid, []),
                self._confirmed,
            )
        if role == OriginalValueRole:
            p = rv.parsed_values().get(fid)
            return None if p is None else p.value
        if role == FieldKindRole:
            return kind
        if role == OriginRole:
            return None if v is None else v.origin
        return None

    def _label_data(self, c: PrintedCell, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if c.kind == "label" and c.row_name and self._remapped_here(c.row_name):
                return c.text + " ↻"
            return c.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_LABEL if c.kind == "label" and c.colspan == 1 and c.rowspan == 1 else _ALIGN_HEADER
        if role == Qt.ItemDataRole.BackgroundRole:
            return cell_style.CAPTION_BRUSH if c.kind == "caption" else cell_style.HEADER_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole and c.kind == "label" and c.row_name:
            tip = row_title(c.row_name, self.reviewed.template if self.reviewed else "")
            sources = self._remapped_here(c.row_name)
            if sources:
                where = QCoreApplication.translate("StatTableModel", "、").join(
                    row_title(s, self.reviewed.template) for s in sources
                )
                tip += "\n" + arg(QCoreApplication.translate("StatTableModel", "本行数值原文印在：%1"), where)
            return tip + "\n" + QCoreApplication.translate("StatTableModel", "右键“更正行标签…”可把误认的行改到正确的行")
        return None

    def _remapped_here(self, row_name: str) -> list[str]:
        if self.reviewed is None:
            return []
        return [s for s, t in self.reviewed.state.row_remaps.items() if t == row_name]

    # ------------------------------------------------------------------ Qt overrides
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.grid.n_rows

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.grid.n_cols

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        c = self.grid.anchor(index.row(), index.column())
        if c is None:
            return None
        if role == FieldIdRole:
            return c.field
        if role == RowNameRole:
            return c.row_name
        if role == CellKindRole:
            return c.kind
        if c.kind == "value":
            return self._value_data(c, role)
        return self._label_data(c, role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The printed headers are cells of the grid; the view hides its header sections.
        # Implemented in Python on purpose: PySide6 6.12 on Python 3.11 drops a reference to None
        # each time an invalid QVariant from C++ (the base headerData) is converted to Python.
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        c = self.grid.anchor(index.row(), index.column())
        if c is None:
            return Qt.ItemFlag.NoItemFlags
        if c.kind != "value":
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_editable(c.field):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Push an undo command that sets the field (text or number); False for bad input."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.reviewed is None:
            return False
        c = self.grid.anchor(index.row(), index.column())
        if c is None or c.kind != "value" or not self.is_editable(c.field):
            return False
        try:
            number = parse_cell_text(value, templates.field(c.field).kind) if isinstance(value, str) else value
        except CellInputError:
            return False
        edit = self.edit_for(c.field, number)
        if edit is not None:
            self.push_edits([edit])
        return True


class ActiveTableModel(StatTableModel):
    """表二 主动公开政府信息情况: the stacked 第二十条第（X）项 blocks."""

    table = TABLE_ACTIVE


class ApplyTableModel(StatTableModel):
    """表三 收到和处理政府信息公开申请情况: 3 label columns and 7 applicant columns."""

    table = TABLE_APPLY


class AppealTableModel(StatTableModel):
    """表四 行政复议、行政诉讼情况: one row of 15 under a three-level header."""

    table = TABLE_APPEAL


MODEL_CLASSES: dict[str, type[StatTableModel]] = {
    TABLE_ACTIVE: ActiveTableModel,
    TABLE_APPLY: ApplyTableModel,
    TABLE_APPEAL: AppealTableModel,
}
