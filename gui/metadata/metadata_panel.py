"""Editable report metadata (agency, year, template, publish date) and the reviewed flag."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRegularExpression, Signal
from PySide6.QtGui import QIntValidator, QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QWidget

from core.review.state import ReviewedReport

TEMPLATE_CHOICES = (
    ("2021", QT_TRANSLATE_NOOP("MetadataPanel", "2021版")),
    ("2019", QT_TRANSLATE_NOOP("MetadataPanel", "2019版")),
    ("legacy", QT_TRANSLATE_NOOP("MetadataPanel", "旧版")),
    ("unknown", QT_TRANSLATE_NOOP("MetadataPanel", "未识别")),
)
KEY_LABELS = {
    "agency": QT_TRANSLATE_NOOP("MetadataPanel", "机关名称"),
    "year": QT_TRANSLATE_NOOP("MetadataPanel", "年度"),
    "template": QT_TRANSLATE_NOOP("MetadataPanel", "模板"),
    "published": QT_TRANSLATE_NOOP("MetadataPanel", "发布日期"),
}
EDITED_STYLE = "background: #fff8e1;"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def key_label(key: str) -> str:
    return QCoreApplication.translate("MetadataPanel", KEY_LABELS.get(key, key))


class MetadataPanel(QWidget):
    """Metadata of the current report; every change is emitted, never applied here.

    Signals:
        metadata_edited(str, object): key and new value (the window pushes a MetadataEdit).
        reviewed_toggled(bool): the reviewer set or cleared the 已审核 flag.
    """

    metadata_edited = Signal(str, object)
    reviewed_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reviewed: ReviewedReport | None = None
        self.read_only = False
        self.agency = QLineEdit(self)
        self.agency.setObjectName("meta_agency")
        self.year = QLineEdit(self)
        self.year.setObjectName("meta_year")
        self.year.setValidator(QIntValidator(1990, 2100, self))
        self.year.setMaximumWidth(70)
        self.template = QComboBox(self)
        self.template.setObjectName("meta_template")
        for key, label in TEMPLATE_CHOICES:
            self.template.addItem(QCoreApplication.translate("MetadataPanel", label), key)
        self.published = QLineEdit(self)
        self.published.setObjectName("meta_published")
        self.published.setPlaceholderText(key_label("published"))
        self.published.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,4}(-\d{0,2}(-\d{0,2})?)?"), self)
        )
        # wide enough for the placeholder and a date in any font (was clipped at a fixed 110 px)
        self.published.setMaximumWidth(self.fontMetrics().horizontalAdvance("YYYY-MM-DD__") + 16)
        self.reviewed_check = QCheckBox(self.tr("已审核"), self)
        self.reviewed_check.setObjectName("meta_reviewed")
        self.reviewed_check.setToolTip(self.tr("标记本报告已审核完毕（可撤销）"))

        self.agency.editingFinished.connect(lambda: self._edited("agency", self.agency.text().strip()))
        self.year.editingFinished.connect(self._year_edited)
        self.published.editingFinished.connect(self._published_edited)
        self.template.activated.connect(lambda _i: self._edited("template", self.template.currentData()))
        self.reviewed_check.clicked.connect(lambda checked: self.reviewed_toggled.emit(bool(checked)))

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        # On a narrow pane (1366×768 at 150 %) a label goes above its fields instead of squeezing them.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        first = QHBoxLayout()
        first.addWidget(self.agency, 1)
        first.addWidget(self.reviewed_check)
        form.addRow(key_label("agency"), first)
        row = QHBoxLayout()
        row.addWidget(self.year)
        row.addWidget(self.template)
        row.addWidget(self.published)
        row.addStretch(1)
        self.year.setToolTip(key_label("year"))
        self.template.setToolTip(key_label("template"))
        self.published.setToolTip(key_label("published") + " (YYYY-MM-DD)")
        # One short label: the format choice reads for itself and the date field names itself.
        form.addRow(key_label("year"), row)
        self.setLayout(form)
        self.set_report(None)

    # ---- public API
    def set_report(self, reviewed: ReviewedReport | None) -> None:
        self.reviewed = reviewed
        self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        """A read-only project: the fields show the values but take no typing."""
        self.read_only = read_only
        self.refresh()

    def refresh(self) -> None:
        """Show the report's current (effective) metadata; edited fields are tinted."""
        rr = self.reviewed
        for e in (self.agency, self.year, self.published):
            e.setReadOnly(self.read_only)
        for w in (self.template, self.reviewed_check):
            w.setEnabled(rr is not None and not self.read_only)
        for w in (self.agency, self.year, self.published):
            w.setEnabled(rr is not None)
        if rr is None:
            for e in (self.agency, self.year, self.published):
                e.clear()
            self.reviewed_check.setChecked(False)
            return
        self.agency.setText(str(rr.metadata_value("agency") or ""))
        y = rr.metadata_value("year")
        self.year.setText("" if y in (None, "") else str(y))
        i = self.template.findData(rr.template)
        self.template.setCurrentIndex(i if i >= 0 else self.template.count() - 1)
        self.published.setText(str(rr.metadata_value("published") or ""))
        self.reviewed_check.setChecked(rr.state.reviewed)
        for key, w in (
            ("agency", self.agency),
            ("year", self.year),
            ("template", self.template),
            ("published", self.published),
        ):
            edited = key in rr.state.metadata
            w.setStyleSheet(EDITED_STYLE if edited else "")
            parsed = rr.report.template if key == "template" else getattr(rr.report.metadata, key).value
            tip = key_label(key)
            if edited:
                tip += "\n" + self.tr("已手工修改；解析结果：%1").replace(
                    "%1", str(parsed if parsed not in (None, "") else "—")
                )
            w.setToolTip(tip)

    # ---- internals
    def _edited(self, key: str, value: Any) -> None:
        if self.reviewed is None:
            return
        if value == "":
            value = None
        current = self.reviewed.metadata_value(key)
        if value == current or (value is None and current in (None, "")):
            return
        self.metadata_edited.emit(key, value)

    def _year_edited(self) -> None:
        text = self.year.text().strip()
        self._edited("year", int(text) if text.isdigit() else None)

    def _published_edited(self) -> None:
        text = self.published.text().strip()
        if text and not _DATE.match(text):
            self.refresh()  # incomplete date: keep the old value
            return
        self._edited("published", text or None)
