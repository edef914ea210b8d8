"""Fonts, borders, fills and number formats of exported workbooks (openpyxl objects, built lazily).

Font choice: titles and table headers in 黑体 (SimHei), the heading font of official documents
(GB/T 9704) and present on every Chinese Windows, WPS, Kylin and UOS machine; table text in
仿宋_GB2312, the body font of official documents, when it is installed, else 仿宋 (FangSong, shipped
with Windows since Vista), which Excel and WPS show the same way. Fonts carry the GB2312 charset
(134) so a machine without the font substitutes a Chinese one rather than a Latin one.
"""

from __future__ import annotations

import math
import os
import sys
import unicodedata
from copy import copy
from functools import cache
from pathlib import Path
from typing import Any

from core.export.options import ExportOptions

OFFICIAL_BODY_FONT = "仿宋_GB2312"
FALLBACK_BODY_FONT = "仿宋"
GB2312_CHARSET = 134

FMT_INT = "0"
FMT_INT_SUMMARY = "#,##0"
FMT_SIGNED = "+0;-0;0"
FMT_DECIMAL = "0.00##"
FMT_DATE_TEXT = "@"

CORRECTED_FILL = "FFF2CC"  # light amber: a value the reviewer changed
ERROR_FILL = "F8CBAD"  # light red: a report with open errors
HEADER_FILL = "D9E1F2"  # light blue-grey: header rows of the summary
TOTAL_FILL = "EDEDED"

_GB2312_FILES = ("fs_gb2312", "仿宋_gb2312", "fangsong_gb2312", "simfang_gb2312")


def _font_dirs() -> list[Path]:
    dirs: list[Path] = []
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR", r"C:\Windows")
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [Path("/Library/Fonts"), Path.home() / "Library" / "Fonts"]
    else:
        dirs += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts"]
        dirs.append(Path.home() / ".fonts")
    return dirs


@cache
def gb2312_font_installed() -> bool:
    """True when a 仿宋_GB2312 font file is installed on this machine (checked once)."""
    for d in _font_dirs():
        if not d.is_dir():
            continue
        for _root, _dirs, files in os.walk(d):
            for f in files:
                stem = f.lower().rsplit(".", 1)[0]
                if stem.startswith(_GB2312_FILES):
                    return True
    return False


def body_font_name(options: ExportOptions) -> str:
    """The table font: the option when set, else 仿宋_GB2312 when installed, else 仿宋."""
    if options.body_font:
        return options.body_font
    return OFFICIAL_BODY_FONT if gb2312_font_installed() else FALLBACK_BODY_FONT


class Styles:
    """The style objects of one workbook (openpyxl shares equal objects; build them once)."""

    def __init__(self, options: ExportOptions) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        body = body_font_name(options)
        title = options.title_font
        self.body_name = body
        self.title_name = title
        thin = Side(style="thin", color="000000")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.no_border = Border()
        self.title = Font(name=title, size=16, charset=GB2312_CHARSET)
        self.subtitle = Font(name=body, size=11, charset=GB2312_CHARSET)
        self.table_title = Font(name=title, size=12, charset=GB2312_CHARSET)
        self.header = Font(name=title, size=10, charset=GB2312_CHARSET)
        self.body = Font(name=body, size=10.5, charset=GB2312_CHARSET)
        self.body_bold = Font(name=body, size=10.5, bold=True, charset=GB2312_CHARSET)
        self.link = Font(name=body, size=10.5, color="0563C1", underline="single", charset=GB2312_CHARSET)
        self.note = Font(name=body, size=9, charset=GB2312_CHARSET)
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="center", wrap_text=True, indent=1)
        self.left_top = Alignment(horizontal="left", vertical="top", wrap_text=True)
        self.right = Alignment(horizontal="right", vertical="center")
        self.vertical = Alignment(horizontal="center", vertical="center", wrap_text=True, text_rotation=255)
        self.corrected = PatternFill("solid", fgColor=CORRECTED_FILL)
        self.error = PatternFill("solid", fgColor=ERROR_FILL)
        self.header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.total_fill = PatternFill("solid", fgColor=TOTAL_FILL)

        self._cache: dict[tuple[Any, ...], Any] = {}
        self._ids: dict[tuple[Any, ...], int] = {}  # style combination → index in _ids_of's style table
        self._ids_of: Any = None  # the workbook those indexes belong to
        self.memo: dict[Any, Any] = {}  # what the sheet writers render once per workbook (grid.render_tables)

    def stamp(
        self,
        cell: Any,
        font: Any = None,
        border: Any = None,
        fill: Any = None,
        alignment: Any = None,
        number_format: str | None = None,
    ) -> Any:
        """Give a fresh cell a combination of styles.

        openpyxl hashes every style object on each assignment (most of an export's time);
        the first cell of a combination is styled normally, later ones copy its style record.
        Stamp before setting a quote prefix (``safe.put_text``), which lives in the same record.
        """
        key = (id(font), id(border), id(fill), id(alignment), number_format)
        cached = self._cache.get(key)
        if cached is None:
            if font is not None:
                cell.font = font
            if border is not None:
                cell.border = border
            if fill is not None:
                cell.fill = fill
            if alignment is not None:
                cell.alignment = alignment
            if number_format is not None:
                cell.number_format = number_format
            self._cache[key] = copy(cell._style)
        else:
            cell._style = copy(cached)
        return cell

    def style_id(
        self,
        ws: Any,
        font: Any = None,
        border: Any = None,
        fill: Any = None,
        alignment: Any = None,
        number_format: str | None = None,
        quote: bool = False,
    ) -> int:
        """The index of a combination of styles in ``ws``'s workbook (its ``s`` attribute in sheet XML),
        for cells written as XML; ``quote``: text kept as text (the quote prefix of ``safe.put_text``)."""
        from openpyxl.cell import WriteOnlyCell

        wb = ws.parent
        if self._ids_of is not wb:
            self._ids, self._ids_of = {}, wb
        key = (id(font), id(border), id(fill), id(alignment), number_format, quote)
        got = self._ids.get(key)
        if got is None:
            probe = self.stamp(WriteOnlyCell(ws), font, border, fill, alignment, number_format)
            if quote:
                probe.quotePrefix = True
            got = self._ids[key] = probe.style_id
        return got


def text_width(text: str) -> int:
    """Display width in Excel character units: 2 for a CJK character, 1 otherwise."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def lines_needed(text: str, width_units: float) -> int:
    usable = max(1.0, width_units - 1.0)
    return max(1, math.ceil(text_width(text) / usable))


def number_format(kind: str, summary: bool = False) -> str:
    """The number format of a field kind (int | signed | decimal)."""
    if kind == "decimal":
        return FMT_DECIMAL
    if kind == "signed":
        return FMT_SIGNED
    return FMT_INT_SUMMARY if summary else FMT_INT


def page_setup(ws: Any, *, landscape: bool, title_rows: str | None, footer: str = "") -> None:
    """A4, orientation, fit to one page wide, print titles, centred, page numbers in the footer."""
    ws.page_setup.paperSize = 9  # A4 (a streamed sheet has no PAPERSIZE_A4)
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    if footer:
        from core.export.safe import clean_text

        ws.oddFooter.right.text = clean_text(footer, 200).replace("&", "&&")
