"""The findings of the current report: severity, message, confirmed mark; click to go to the problem."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.model import Finding
from core.review.state import ReviewedReport
from gui.i18n import finding_text
from gui.icons import icon
from gui.stat_tables.row_table_model import RowTableModel

COL_SEVERITY, COL_MESSAGE, COL_CONFIRMED = range(3)
HEADERS = (
    QT_TRANSLATE_NOOP("FindingsModel", "级别"),
    QT_TRANSLATE_NOOP("FindingsModel", "问题"),
    QT_TRANSLATE_NOOP("FindingsModel", "已确认"),
)
SEVERITY_LABELS = {
    "error": QT_TRANSLATE_NOOP("FindingsModel", "错误"),
    "warning": QT_TRANSLATE_NOOP("FindingsModel", "警告"),
    "info": QT_TRANSLATE_NOOP("FindingsModel", "提示"),
}
# The findings filter (by kind): key → label.
FILTERS = (
    ("all", QT_TRANSLATE_NOOP("FindingsModel", "全部问题")),
    ("open", QT_TRANSLATE_NOOP("FindingsModel", "未解决")),
    ("error", QT_TRANSLATE_NOOP("FindingsModel", "仅错误")),
    ("warning", QT_TRANSLATE_NOOP("FindingsModel", "仅警告")),
    ("info", QT_TRANSLATE_NOOP("FindingsModel", "仅提示")),
    ("confirmed", QT_TRANSLATE_NOOP("FindingsModel", "已确认")),
)
FindingRole = Qt.UserRole + 1
_ROLES = frozenset({FindingRole, Qt.DisplayRole, Qt.DecorationRole, Qt.ForegroundRole, Qt.ToolTipRole})


def _tr(text: str) -> str:
    return QCoreApplication.translate("FindingsModel", text)


class FindingsModel(RowTableModel):
    """The current report's findings, in validator order (errors first)."""

    HEADERS = HEADERS
    CONTEXT = "FindingsModel"
    ROLES = _ROLES

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.reviewed: ReviewedReport | None = None
        self.findings: list[Finding] = []

    def set_findings(self, reviewed: ReviewedReport | None, findings: list[Finding]) -> None:
        self.beginResetModel()
        self.reviewed = reviewed
        self.findings = list(findings)
        self.endResetModel()

    def row_of(self, finding: Finding) -> int:
        for i, f in enumerate(self.findings):
            if f.key == finding.key and f.rule == finding.rule:
                return i
        return -1

    def rows(self) -> list[Any]:
        return self.findings

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole) -> Any:
        f = self.row_at(index, role)
        if f is None:
            return None
        col = index.column()
        confirmed = self.reviewed is not None and self.reviewed.is_confirmed(f)
        if role == FindingRole:
            return f
        if role == Qt.DisplayRole:
            if col == COL_SEVERITY:
                return _tr(SEVERITY_LABELS.get(f.severity, f.severity))
            if col == COL_MESSAGE:
                return finding_text(f)
            if col == COL_CONFIRMED and confirmed:
                note = self.reviewed.state.confirmed[f.key].note
                if note:
                    return QCoreApplication.translate("FindingsModel", "与原文一致：%1").replace("%1", note)
                return QCoreApplication.translate("FindingsModel", "与原文一致")
        if role == Qt.DecorationRole:
            if col == COL_SEVERITY:
                return icon(f.severity if f.severity in ("error", "warning", "info") else "info")
            if col == COL_CONFIRMED and confirmed:
                return icon("confirmed")
        if role == Qt.ForegroundRole and confirmed:
            return QColor("#757575")
        if role == Qt.ToolTipRole:
            tip = finding_text(f)
            if f.suggestion:
                tip += (
                    "\n"
                    + QCoreApplication.translate("FindingsModel", "建议：")
                    + QCoreApplication.translate("FindingsModel", "，").join(
                        f"{k} = {v}" for k, v in f.suggestion.items()
                    )
                )
            if confirmed:
                c = self.reviewed.state.confirmed[f.key]
                tip += (
                    "\n"
                    + QCoreApplication.translate("FindingsModel", "已确认与原文一致")
                    + (
                        QCoreApplication.translate("FindingsModel", "（%1）").replace(
                            "%1", f"{c.user} {c.time}".strip()
                        )
                        if c.user or c.time
                        else ""
                    )
                )
            return tip
        return None


class FindingsPanel(QWidget):
    """The findings list at the bottom.

    Signals:
        finding_activated(object): a finding was clicked or made current (go to it).
        confirm_requested(object): the reviewer wants to confirm a finding as printed.
        unconfirm_requested(object): the reviewer withdraws a confirmation.
        confirm_kind_requested(object): confirm every open finding of this one's rule in the report.
        suggestion_requested(object): apply the finding's suggested values (采用建议).
        next_requested(), previous_requested(): F8 / Shift+F8 buttons.
    """

    finding_activated = Signal(object)
    confirm_requested = Signal(object)
    unconfirm_requested = Signal(object)
    confirm_kind_requested = Signal(object)
    suggestion_requested = Signal(object)
    next_requested = Signal()
    previous_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FindingsModel(self)
        self._quiet = False  # True while the panel itself moves the current row
        self.read_only = False
        self.view = QTableView(self)
        self.view.setMinimumHeight(40)  # a 768-pixel screen at 150 %: the tables keep the height
        self.view.setObjectName("findings_list")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setContextMenuPolicy(Qt.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        h = self.view.horizontalHeader()
        h.setSectionResizeMode(COL_SEVERITY, QHeaderView.Interactive)
        h.setSectionResizeMode(COL_MESSAGE, QHeaderView.Stretch)
        h.setSectionResizeMode(COL_CONFIRMED, QHeaderView.Interactive)
        h.resizeSection(COL_SEVERITY, 70)
        h.resizeSection(COL_CONFIRMED, 180)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._clicked(cur))
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_suggestion_button())

        self.summary = QLabel(self)
        self.summary.setObjectName("findings_summary")
        # on a narrow window (English at 150 %) the counts wrap instead of widening the window past the screen
        self.summary.setWordWrap(True)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.summary.setMinimumWidth(self.fontMetrics().averageCharWidth() * 8)
        self.confirm_button = QPushButton(icon("confirm"), self.tr("确认与原文一致…"), self)
        self.confirm_button.setObjectName("confirm_button")
        self.confirm_button.setToolTip(self.tr("原文确实如此印刷：记录确认及说明，不再作为未解决问题（可撤销）"))
        self.confirm_button.clicked.connect(self._confirm_current)
        self.filter_combo = QComboBox(self)
        self.filter_combo.setObjectName("findings_filter")
        for key, label in FILTERS:
            self.filter_combo.addItem(_tr(label), key)
        self.filter_combo.setToolTip(self.tr("按级别或确认状态筛选问题"))
        self.filter_combo.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.rule_combo = QComboBox(self)
        self.rule_combo.setObjectName("findings_rule_filter")
        self.rule_combo.setToolTip(self.tr("只看某一类问题"))
        self.rule_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rule_combo.setMinimumContentsLength(8)
        self.rule_combo.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.suggestion_button = QPushButton(self.tr("采用建议"), self)
        self.suggestion_button.setObjectName("suggestion_button")
        self.suggestion_button.setToolTip(self.tr("按问题中的建议更正数值（记为人工修改，可撤销）"))
        self.suggestion_button.clicked.connect(self._apply_current_suggestion)
        self.suggestion_button.setEnabled(False)
        self.prev_button = QPushButton(icon("previous"), self.tr("上一个"), self)
        self.prev_button.setToolTip(self.tr("上一个未解决的问题（Shift+F8）"))
        self.prev_button.clicked.connect(self.previous_requested)
        self.next_button = QPushButton(icon("next"), self.tr("下一个"), self)
        self.next_button.setToolTip(self.tr("下一个未解决的问题（F8）"))
        self.next_button.clicked.connect(self.next_requested)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.filter_combo)
        bar.addWidget(self.rule_combo)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.suggestion_button)
        bar.addWidget(self.confirm_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.view)
        self._update_summary()

    # ---- public API
    def set_findings(self, reviewed: ReviewedReport | None, findings: list[Finding]) -> None:
        """Show a report's findings, keeping the current one selected when it still exists."""
        cur = self.current_finding()
        self._quiet = True  # the view still hears the selection model (it repaints the old rows)
        try:
            self.model.set_findings(reviewed, findings)
            if cur is not None:
                row = self.model.row_of(cur)
                if row >= 0:
                    self.view.setCurrentIndex(self.model.index(row, COL_MESSAGE))
        finally:
            self._quiet = False
        self._fill_rules()
        self._apply_filter()
        self._update_summary()

    def set_read_only(self, read_only: bool) -> None:
        """A read-only project: findings can be looked at, not confirmed."""
        self.read_only = read_only
        self._update_summary()

    def shown_findings(self) -> list[Finding]:
        """The findings the filters let through, in list order."""
        return [f for i, f in enumerate(self.model.findings) if not self.view.isRowHidden(i)]

    def set_filter(self, key: str, rule: str = "") -> None:
        """Show only findings of this kind (all/open/error/warning/info/confirmed) and rule ("" any)."""
        self.filter_combo.setCurrentIndex(max(0, self.filter_combo.findData(key)))
        self.rule_combo.setCurrentIndex(max(0, self.rule_combo.findData(rule)))
        self._apply_filter()

    def _fill_rules(self) -> None:
        """One entry per kind of finding (rule) in the report, named by its first message."""
        keep = self.rule_combo.currentData() or ""
        self.rule_combo.blockSignals(True)
        self.rule_combo.clear()
        self.rule_combo.addItem(self.tr("全部类别"), "")
        seen: dict[str, tuple[str, int]] = {}
        for f in self.model.findings:
            msg, n = seen.get(f.rule, (finding_text(f), 0))
            seen[f.rule] = (msg, n + 1)
        for rule, (msg, n) in seen.items():
            short = msg if len(msg) <= 24 else msg[:23] + "…"
            self.rule_combo.addItem(f"{short} ×{n}", rule)
            self.rule_combo.setItemData(self.rule_combo.count() - 1, msg, Qt.ToolTipRole)
        self.rule_combo.setCurrentIndex(max(0, self.rule_combo.findData(keep)))
        self.rule_combo.blockSignals(False)

    def accepts(self, f: Finding, reviewed: ReviewedReport | None) -> bool:
        """Whether the filters let this finding through (F8 walks only those)."""
        key = self.filter_combo.currentData() or "all"
        rule = self.rule_combo.currentData() or ""
        confirmed = reviewed is not None and reviewed.is_confirmed(f)
        if key == "open":
            show = not confirmed and f.severity in ("error", "warning")
        elif key == "confirmed":
            show = confirmed
        elif key in ("error", "warning", "info"):
            show = f.severity == key
        else:
            show = True
        return show and (not rule or f.rule == rule)

    def _apply_filter(self) -> None:
        rr = self.model.reviewed
        for i, f in enumerate(self.model.findings):
            self.view.setRowHidden(i, not self.accepts(f, rr))

    def current_finding(self) -> Finding | None:
        idx = self.view.currentIndex()
        return idx.data(FindingRole) if idx.isValid() else None

    def select_finding(self, finding: Finding) -> bool:
        """Make a finding current without emitting ``finding_activated``."""
        row = self.model.row_of(finding)
        if row < 0:
            return False
        if self.view.isRowHidden(row):  # F8 went to a finding the filter hides: show everything
            self.set_filter("all")
        self._quiet = True
        try:
            # Blocking the selection model's signals here would also keep the view from
            # repainting the rows it deselects: old rows would stay highlighted.
            self.view.setCurrentIndex(self.model.index(row, COL_MESSAGE))
        finally:
            self._quiet = False
        self.view.scrollTo(self.model.index(row, COL_MESSAGE))
        return True

    # ---- internals
    def _update_summary(self) -> None:
        m = self.model
        rr = m.reviewed
        errors = sum(1 for f in m.findings if f.severity == "error" and not (rr and rr.is_confirmed(f)))
        warnings = sum(1 for f in m.findings if f.severity == "warning" and not (rr and rr.is_confirmed(f)))
        confirmed = sum(1 for f in m.findings if rr and rr.is_confirmed(f))
        if rr is None:
            self.summary.setText(self.tr("问题"))
        else:
            self.summary.setText(
                self.tr("问题：%1 个错误，%2 个警告，%3 个已确认")
                .replace("%1", str(errors))
                .replace("%2", str(warnings))
                .replace("%3", str(confirmed))
            )
        self.confirm_button.setEnabled(rr is not None and bool(m.findings) and not self.read_only)
        self._update_suggestion_button()

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid() and not self._quiet:
            self.finding_activated.emit(index.data(FindingRole))

    def _apply_current_suggestion(self) -> None:
        f = self.current_finding()
        if f is not None and f.suggestion:
            self.suggestion_requested.emit(f)

    def _update_suggestion_button(self) -> None:
        f = self.current_finding()
        self.suggestion_button.setEnabled(f is not None and bool(f.suggestion) and not self.read_only)

    def _confirm_current(self) -> None:
        f = self.current_finding()
        if f is not None:
            self.confirm_requested.emit(f)

    def _context_menu(self, pos: Any) -> None:
        idx = self.view.indexAt(pos)
        if not idx.isValid():
            return
        menu = self.menu_for(idx)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def menu_for(self, idx: QModelIndex) -> QMenu:
        """The context menu of a finding row: go to, confirm / withdraw, confirm all of its kind."""
        f = idx.data(FindingRole)
        menu = QMenu(self)
        go = menu.addAction(self.tr("转到"))
        go.triggered.connect(lambda: self.finding_activated.emit(f))
        if self.model.reviewed is not None and self.model.reviewed.is_confirmed(f):
            act = menu.addAction(self.tr("撤销确认"))
            act.triggered.connect(lambda: self.unconfirm_requested.emit(f))
        else:
            act = menu.addAction(icon("confirm"), self.tr("确认与原文一致…"))
            act.triggered.connect(lambda: self.confirm_requested.emit(f))
        act.setEnabled(not self.read_only)
        rr = self.model.reviewed
        same = [x for x in self.model.findings if x.rule == f.rule and not (rr is not None and rr.is_confirmed(x))]
        if len(same) > 1:
            kind = menu.addAction(
                icon("confirm"), self.tr("确认本报告中全部同类问题（%1 个）…").replace("%1", str(len(same)))
            )
            kind.setObjectName("confirm_kind")
            kind.triggered.connect(lambda: self.confirm_kind_requested.emit(f))
            kind.setEnabled(not self.read_only)
        if f.suggestion:
            apply = menu.addAction(self.tr("采用建议"))
            apply.setObjectName("apply_suggestion")
            apply.triggered.connect(lambda: self.suggestion_requested.emit(f))
            apply.setEnabled(not self.read_only)
        return menu
