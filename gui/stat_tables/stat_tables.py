"""The statistics tables panel: 表二/表三/表四 as editable printed tables, in tabs."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QTimer,
    Signal,
)
from PySide6.QtGui import QResizeEvent, QUndoStack
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from core import templates
from core.model import Finding
from core.review.state import ReviewedReport
from core.templates import TABLE_ACTIVE, TABLE_APPEAL, TABLE_APPLY, TABLE_SHORT, TABLE_TITLES
from gui.dialogs.row_remap_dialog import RowRemapDialog
from gui.i18n import arg
from gui.stat_tables import cell_style
from gui.stat_tables.stat_table_model import MODEL_CLASSES, StatTableModel
from gui.stat_tables.stat_table_view import StatTableView

TABLES = (TABLE_ACTIVE, TABLE_APPLY, TABLE_APPEAL)
SHORT_HEIGHT = 420  # logical pixels: below this the titles and the legend make room for the table


def _legend() -> str:
    def swatch(brush: object, text: str) -> str:
        color = brush.color().name()  # type: ignore[attr-defined]
        return f"<span style='background:{color}'>&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;{text}"

    b = cell_style.SEVERITY_BRUSHES
    o = {k: v.color().name() for k, v in cell_style.ORIGIN_BRUSHES.items()}
    edited = QCoreApplication.translate("StatTablesWidget", "人工修改")
    inferred = QCoreApplication.translate("StatTablesWidget", "按位置推断")
    prose = QCoreApplication.translate("StatTablesWidget", "正文文字")
    return "&nbsp;&nbsp;".join(
        [
            swatch(b["error"], QCoreApplication.translate("StatTablesWidget", "错误")),
            swatch(b["warning"], QCoreApplication.translate("StatTablesWidget", "警告")),
            swatch(cell_style.CONFIRMED_BRUSH, QCoreApplication.translate("StatTablesWidget", "已确认与原文一致")),
            swatch(cell_style.UNREAD_BRUSH, QCoreApplication.translate("StatTablesWidget", "未读取")),
            f"<b style='color:{o['edited']}'>{edited}</b>",
            f"<i style='color:{o['inferred']}'>{inferred}</i>",
            f"<span style='color:{o['prose']}'>{prose}</span>",
            "↻ " + QCoreApplication.translate("StatTablesWidget", "已更正行标签"),
        ]
    )


class StatTablesWidget(QWidget):
    """Shows and edits the three statistics tables of one reviewed report.

    Attributes:
        models: table (active/apply/appeal) → its model.
        views: table → its view.
        tabs: the tab widget holding one page per table.
        remap_dialog: the open 更正行标签 dialog, if any.

    Signals:
        field_selected(str): the current cell became a value cell (its field ID).
        remap_requested(str): the reviewer asked to correct a row label (the template row name).
    """

    field_selected = Signal(str)
    remap_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reviewed: ReviewedReport | None = None
        self.undo_stack: QUndoStack | None = None
        self.remap_dialog: RowRemapDialog | None = None
        self._selecting = False
        self.models: dict[str, StatTableModel] = {}
        self.views: dict[str, StatTableView] = {}
        self._titles: dict[str, QLabel] = {}
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for table in TABLES:
            model = MODEL_CLASSES[table](parent=self)
            view = StatTableView(model)
            view.setObjectName(f"stat_table_{table}")
            view.selectionModel().currentChanged.connect(self._on_current_changed)
            view.remap_requested.connect(self._on_remap_requested)
            view.message.connect(self._show_message)
            model.modelReset.connect(self._update_titles)
            title = QLabel(TABLE_TITLES[table])
            title.setWordWrap(True)
            page = QWidget()
            box = QVBoxLayout(page)
            box.setContentsMargins(4, 4, 4, 4)
            box.addWidget(title)
            box.addWidget(view, 1)
            self.tabs.addTab(page, TABLE_SHORT[table])
            self.models[table] = model
            self.views[table] = view
            self._titles[table] = title
        self.legend = QLabel(_legend())
        self.legend.setWordWrap(True)
        # On a short pane (768-pixel screens at 150 %) the titles and the legend give their lines to
        # the table; the legend stays one hover away on the tab bar, the title on each tab.
        self.legend_hint = QLabel(self.tr("图例"))
        self.legend_hint.setObjectName("stat_tables_legend_hint")
        self.legend_hint.setToolTip(_legend())
        self.legend_hint.setContentsMargins(0, 0, 6, 0)
        self.tabs.setCornerWidget(self.legend_hint)
        self.status = QLabel("")
        self.status.setObjectName("stat_tables_status")
        self.status.setWordWrap(True)
        self.status.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.status)
        self._update_titles()

    # ------------------------------------------------------------------ public API
    def set_report(self, reviewed: ReviewedReport | None, undo_stack: QUndoStack | None) -> None:
        """Show a report's tables (None: empty tables); edits go on ``undo_stack``."""
        self.reviewed = reviewed
        self.undo_stack = undo_stack
        for model in self.models.values():
            model.set_report(reviewed, undo_stack)
        self._show_message("")
        self._update_titles()

    def set_read_only(self, read_only: bool) -> None:
        """A read-only project: cells stop being editable and no edit is pushed."""
        for model in self.models.values():
            model.read_only = read_only
            model.layoutChanged.emit()  # views re-ask flags()

    def set_findings(self, findings: list[Finding], confirmed_keys: set[str]) -> None:
        """Colour the cells the findings name; confirmed findings turn their cells grey-green."""
        for model in self.models.values():
            model.set_findings(findings, confirmed_keys)

    def select_fields(self, field_ids: list[str]) -> None:
        """Switch to the table of the first known field, select all the given cells there, scroll to them."""
        if self._selecting:
            return
        table = next((t for f in field_ids for t in TABLES if self.models[t].index_of(f).isValid()), None)
        if table is None:
            return
        model, view = self.models[table], self.views[table]
        indexes = [i for f in field_ids if (i := model.index_of(f)).isValid()]
        self._selecting = True
        try:
            self.tabs.setCurrentIndex(TABLES.index(table))
            selection = QItemSelection()
            for idx in indexes:
                selection.select(idx, idx)
            sm = view.selectionModel()
            sm.setCurrentIndex(indexes[0], QItemSelectionModel.SelectionFlag.NoUpdate)
            sm.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            view.scroll_to_cells(indexes)
            # A table page shown just now is laid out by the event loop: scroll again once it is.
            persistent = [QPersistentModelIndex(i) for i in indexes]
            QTimer.singleShot(0, view, lambda: view.scroll_to_cells([QModelIndex(p) for p in persistent if p.isValid()]))
        finally:
            self._selecting = False

    def current_table(self) -> str:
        return TABLES[self.tabs.currentIndex()]

    def open_remap_dialog(self, row_name: str) -> RowRemapDialog | None:
        """Open the 更正行标签 dialog for a row (window-modal); its choice is pushed as an undo step."""
        if self.reviewed is None or any(m.read_only for m in self.models.values()):
            return None
        dialog = RowRemapDialog(self.reviewed, row_name, self)
        dialog.accepted.connect(lambda: self._apply_remap(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.remap_dialog = dialog
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ internals
    def _apply_remap(self, dialog: RowRemapDialog) -> None:
        edit = dialog.edit()
        if edit is None:
            return
        self.models[self.current_table()].push_edits([edit])
        self._show_message(self.tr("已更正行标签"))

    def _on_remap_requested(self, row_name: str) -> None:
        self.remap_requested.emit(row_name)
        self.open_remap_dialog(row_name)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        model = current.model()
        if isinstance(model, StatTableModel):
            fid = model.field_at(current)
            if fid:
                self.field_selected.emit(fid)

    def _show_message(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """Titles and legend shown when the pane is tall enough to give the table most of it."""
        short = self.height() < SHORT_HEIGHT
        self.legend.setVisible(not short)
        self.legend_hint.setVisible(short)
        for label in self._titles.values():
            label.setVisible(not short)

    def _update_titles(self) -> None:
        template = self.reviewed.template if self.reviewed is not None else ""
        if template in templates.LAYOUTS:
            note = arg(self.tr("（%1 年版格式）"), template)
        elif self.reviewed is not None:
            note = self.tr("（未识别格式版本，按 2021 年版显示）")
        else:
            note = ""
        for i, (table, label) in enumerate(self._titles.items()):
            label.setText(f"<b>{TABLE_TITLES[table]}</b> {note}")
            self.tabs.setTabToolTip(i, f"{TABLE_TITLES[table]} {note}".strip())
