"""Reading and formatting the numbers a reviewer types or pastes into a statistics cell (Qt only for translation)."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from core.model import Value
from gui.i18n import arg

# Full-width digits and signs, as typed with a Chinese input method or copied from a PDF.
_WIDTH = str.maketrans("０１２３４５６７８９＋－．，　", "0123456789+-., ")
_EMPTY_TOKENS = {"/", "-", "—", "——", "无", "－", "／", "--"}
_UNITS = ("万元", "元", "件", "项", "个", "次", "起")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")

# Marked for translation (context "CellTooltip"); translate with ``tr_label`` where shown.
ORIGIN_LABELS = {
    "table": QT_TRANSLATE_NOOP("CellTooltip", "表格读取"),
    "inferred": QT_TRANSLATE_NOOP("CellTooltip", "按位置推断"),
    "prose": QT_TRANSLATE_NOOP("CellTooltip", "正文文字"),
    "edited": QT_TRANSLATE_NOOP("CellTooltip", "人工修改"),
}
SEVERITY_LABELS = {
    "error": QT_TRANSLATE_NOOP("CellTooltip", "错误"),
    "warning": QT_TRANSLATE_NOOP("CellTooltip", "警告"),
    "info": QT_TRANSLATE_NOOP("CellTooltip", "提示"),
}


def tr_label(labels: dict[str, str], key: str) -> str:
    """The translated label of ``key`` in ORIGIN_LABELS/SEVERITY_LABELS (the key itself if unknown)."""
    return QCoreApplication.translate("CellTooltip", labels[key]) if key in labels else key


class CellInputError(ValueError):
    """The text is not a number this cell accepts; the message is translated, for the user."""


def parse_cell_text(text: str, kind: str) -> int | float | None:
    """The number in ``text`` for a cell of ``kind`` (int | signed | decimal).

    Accepts full-width digits, thousands separators, spaces inside numbers, a trailing unit
    (件, 元, 万元) and 减3 / 增3 for signed cells. An empty-cell token (/, —, 无) reads as 0;
    empty text returns None (the caller decides what that means).

    Raises:
        CellInputError: the text is not a number of this kind.
    """
    s = text.translate(_WIDTH).strip()
    if not s:
        return None
    if s in _EMPTY_TOKENS:
        return 0
    s = s.replace(",", "").replace(" ", "")
    for unit in _UNITS:
        if s.endswith(unit) and len(s) > len(unit):
            s = s[: -len(unit)]
            break
    if kind == "signed":
        if s.startswith("减"):
            s = "-" + s[1:]
        elif s.startswith("增"):
            s = s[1:]
    if not _NUMBER.match(s):
        raise CellInputError(arg(QCoreApplication.translate("CellTooltip", "“%1”不是数字"), text.strip()))
    if kind == "decimal":
        number = float(s)
        return int(number) if number.is_integer() and "." not in s else number
    if "." in s:
        number = float(s)
        if not number.is_integer():
            raise CellInputError(arg(QCoreApplication.translate("CellTooltip", "“%1”不是整数：此处填写件数"), text.strip()))
        s = str(int(number))
    result = int(s)
    if result < 0 and kind != "signed":
        raise CellInputError(arg(QCoreApplication.translate("CellTooltip", "“%1”是负数：此处填写件数"), text.strip()))
    return result


def _decimals(raw: str) -> int | None:
    """How many decimals the printed token shows (None when it shows no number)."""
    m = re.search(r"[0-9０-９]+[.．]([0-9０-９]+)", raw)
    return len(m.group(1)) if m else None


def format_number(number: int | float | None, kind: str, raw: str = "") -> str:
    """The number as the table prints it: no thousands separators, decimals as printed, signed with +."""
    if number is None:
        return ""
    if isinstance(number, float):
        places = _decimals(raw)
        if places is not None:
            text = f"{number:.{places}f}"
        elif number.is_integer():
            text = str(int(number))
        else:
            text = f"{number:.4f}".rstrip("0").rstrip(".")
    else:
        text = str(number)
    if kind == "signed" and number > 0:
        text = "+" + text
    return text


def edit_text(number: int | float | None, kind: str, raw: str = "") -> str:
    """The text put into the editor: the formatted number without a leading +."""
    return format_number(number, kind, raw).lstrip("+")


def same_number(a: int | float | None, b: int | float | None) -> bool:
    """Equal as numbers (6 == 6.0), None equal only to None."""
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-9


def printed_text(value: Value | None) -> str:
    """The parsed value and its token, for tooltips: 5（原文“5”）."""
    if value is None:
        return QCoreApplication.translate("CellTooltip", "未读取到")
    if value.value is None:
        shown = QCoreApplication.translate("CellTooltip", "未能读取")
    else:
        shown = format_number(value.value, "decimal", value.raw)
    raw = value.raw.strip()
    if raw and raw != shown:
        return arg(QCoreApplication.translate("CellTooltip", "%1（原文“%2”）"), shown, raw)
    if not raw and value.value == 0 and value.origin == "table":
        return arg(QCoreApplication.translate("CellTooltip", "%1（原文为空白单元格）"), shown)
    return shown
