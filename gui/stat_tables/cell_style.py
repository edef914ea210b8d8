"""How a statistics cell looks: colours by finding severity, fonts by value origin, tooltip text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor, QFont

from core import templates
from core.model import SEVERITY_ORDER, Finding, Value
from core.review.state import Correction
from gui.i18n import arg, finding_text
from gui.stat_tables.cell_values import ORIGIN_LABELS, SEVERITY_LABELS, format_number, printed_text, tr_label

# Backgrounds by the worst open finding of a cell; a cell whose findings were all confirmed
# as printed turns grey-green so the reviewer sees it was looked at.
SEVERITY_BRUSHES = {
    "error": QBrush(QColor("#f8c9c4")),
    "warning": QBrush(QColor("#fbe3a6")),
    "info": QBrush(QColor("#dbe9f7")),
}
# The other cells of a broken identity when some of its cells could explain it (gui.stat_tables.explain):
# tinted, so the strong colour points at where to look first.
WEAK_BRUSHES = {
    "error": QBrush(QColor("#fcebe9")),
    "warning": QBrush(QColor("#fdf3d9")),
    "info": QBrush(QColor("#eef4fb")),
}
EMPTY_TOKEN_BRUSH = QBrush(QColor("#9a9a9a"))  # a printed blank, "/" or "—" (counted as 0)
CONFIRMED_BRUSH = QBrush(QColor("#d5e3d0"))
UNREAD_BRUSH = QBrush(QColor("#e2e2e8"))  # nothing could be read for this cell
HEADER_BRUSH = QBrush(QColor("#f3f3ef"))
CAPTION_BRUSH = QBrush(QColor("#e6e6df"))

# Foreground by how the value was obtained: edited bold blue, inferred italic brown, prose purple.
ORIGIN_BRUSHES = {
    "edited": QBrush(QColor("#1a4fc4")),
    "inferred": QBrush(QColor("#8a5a00")),
    "prose": QBrush(QColor("#7b2fa8")),
}


def origin_font(origin: str, base: QFont | None = None) -> QFont | None:
    """The font for a value of this origin (None: the view's default)."""
    if origin not in ("edited", "inferred"):
        return None
    font = QFont(base) if base is not None else QFont()
    if origin == "edited":
        font.setBold(True)
    else:
        font.setItalic(True)
    return font


def worst_open(findings: list[Finding], confirmed: set[str]) -> str | None:
    """The worst severity among the findings not confirmed as printed; 'confirmed' when all are."""
    open_ = [f for f in findings if f.key not in confirmed]
    if open_:
        return min((f.severity for f in open_), key=lambda s: SEVERITY_ORDER.get(s, 9))
    return "confirmed" if findings else None


def background(findings: list[Finding], confirmed: set[str], weak: list[Finding] | None = None) -> QBrush | None:
    """The cell's colour: its worst open finding; ``weak`` findings (the cell is only one of many an
    identity names, and others could explain it) give a lighter tint of their severity."""
    if weak:
        strong_state = worst_open(findings, confirmed) if findings else None
        if strong_state is None or strong_state == "confirmed":
            weak_state = worst_open(weak, confirmed)
            if weak_state not in (None, "confirmed"):
                return WEAK_BRUSHES.get(weak_state)
            if strong_state is None:
                return CONFIRMED_BRUSH if weak_state == "confirmed" else None
    state = worst_open(findings, confirmed)
    if state == "confirmed":
        return CONFIRMED_BRUSH
    return SEVERITY_BRUSHES.get(state or "")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def value_tooltip(
    field_id: str,
    effective: Value | None,
    parsed: Value | None,
    correction: Correction | None,
    findings: list[Finding],
    confirmed: set[str],
) -> str:
    """Rich-text tooltip: where the cell is, the printed value and token, origin, correction, findings."""
    f = templates.field(field_id)
    lines = [f"<b>{_escape(f.printed_name())}</b>"]
    lines.append(arg(QCoreApplication.translate("CellTooltip", "原文数值：%1"), _escape(printed_text(parsed))))
    if parsed is not None:
        lines.append(arg(QCoreApplication.translate("CellTooltip", "来源：%1"), tr_label(ORIGIN_LABELS, parsed.origin)))
        if parsed.page:
            lines.append(arg(QCoreApplication.translate("CellTooltip", "PDF 第 %1 页"), parsed.page))
    if correction is not None:
        empty = QCoreApplication.translate("CellTooltip", "空")
        old = format_number(correction.printed, f.kind) or empty
        new = format_number(correction.new, f.kind) or empty
        stamp = (correction.user, correction.time.replace("T", " ")[:16])
        who = QCoreApplication.translate("CellTooltip", "，").join(x for x in stamp if x)
        if who:
            text = arg(QCoreApplication.translate("CellTooltip", "人工修改：%1 → %2（%3）"), old, new, _escape(who))
        else:
            text = arg(QCoreApplication.translate("CellTooltip", "人工修改：%1 → %2"), old, new)
        lines.append(text)
        if correction.note:
            lines.append(arg(QCoreApplication.translate("CellTooltip", "备注：%1"), _escape(correction.note)))
        if correction.printed_changed:
            lines.append(QCoreApplication.translate("CellTooltip", "注意：原文件已变化，原文数值与修改时不同"))
    elif effective is not None and effective.value is None:
        lines.append(QCoreApplication.translate("CellTooltip", "未能读取此单元格，请对照原文填写"))
    for finding in findings:
        label = tr_label(SEVERITY_LABELS, finding.severity)
        if finding.key in confirmed:
            line = arg(QCoreApplication.translate("CellTooltip", "• %1：%2（已确认与原文一致）"), label, _escape(finding_text(finding)))
        else:
            line = arg(QCoreApplication.translate("CellTooltip", "• %1：%2"), label, _escape(finding_text(finding)))
        lines.append(line)
    return "<br>".join(lines)
