"""Rendering synthetic report blocks as .docx (python-docx, merged cells) and PDF (reportlab, STSong-Light)."""

from __future__ import annotations

import io

from tests.synth.layout import Block, GTable


def render_docx(blocks: list[Block]) -> bytes:
    """A Word document: headings and paragraphs, tables with real merged cells."""
    from docx import Document

    doc = Document()
    for kind, obj in blocks:
        if kind == "title":
            doc.add_heading(str(obj), level=1)
        elif kind in ("h", "h2", "p"):
            doc.add_paragraph(str(obj))
        else:
            t: GTable = obj  # type: ignore[assignment]
            table = doc.add_table(rows=t.n_rows, cols=t.n_cols)
            table.style = "Table Grid"
            for c in t.cells:
                cell = table.cell(c.r, c.c)
                if c.rs > 1 or c.cs > 1:
                    cell = cell.merge(table.cell(c.r + c.rs - 1, c.c + c.cs - 1))
                cell.text = c.text
    import datetime

    fixed = datetime.datetime(2024, 1, 1)
    doc.core_properties.created = doc.core_properties.modified = fixed
    doc.core_properties.last_printed = fixed
    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with fixed entry dates, so the same report gives the same bytes."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


_FONT = "STSong-Light"


def render_pdf(blocks: list[Block], *, split_apply: bool = True, ruled: bool = True) -> bytes:
    """A PDF with a CID font (no font file needed); 表三 is pushed down so it breaks across two pages.

    ``ruled=False`` prints the tables without any ruling line (cells placed as usual, only the text).
    """
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    body = ParagraphStyle("body", fontName=_FONT, fontSize=10, leading=14, wordWrap="CJK")
    head = ParagraphStyle("head", parent=body, fontSize=12, leading=18)
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=24, alignment=1)
    cell = ParagraphStyle("cell", fontName=_FONT, fontSize=7, leading=9, wordWrap="CJK")
    story: list = []
    width = A4[0] - 60
    for kind, obj in blocks:
        if kind == "title":
            story.append(Paragraph(str(obj), title))
            story.append(Spacer(1, 18))
        elif kind in ("h", "h2"):
            if split_apply and str(obj).startswith("三、"):
                story.append(Spacer(1, 300))  # 表三 starts low on the page and breaks across pages
            story.append(Paragraph(str(obj), head))
        elif kind == "p":
            story.append(Paragraph(str(obj), body))
        else:
            t: GTable = obj  # type: ignore[assignment]
            data = [["" for _ in range(t.n_cols)] for _ in range(t.n_rows)]
            style = [
                *([("GRID", (0, 0), (-1, -1), 0.5, colors.black)] if ruled else []),
                ("FONTNAME", (0, 0), (-1, -1), _FONT),
                ("FONTSIZE", (0, 0), (-1, -1), 7),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
            for c in t.cells:
                data[c.r][c.c] = c.text if c.field else Paragraph(c.text, cell)
                if c.rs > 1 or c.cs > 1:
                    style.append(("SPAN", (c.c, c.r), (c.c + c.cs - 1, c.r + c.rs - 1)))
            if t.n_cols == 10:
                widths = [width * 0.08, width * 0.1, width * 0.22] + [width * 0.6 / 7] * 7
            else:
                widths = [width / t.n_cols] * t.n_cols
            if t.n_cols == 4:
                widths = [width * 0.31] + [width * 0.23] * 3
            story.append(Table(data, colWidths=widths, style=TableStyle(style), splitByRow=1))
            story.append(Spacer(1, 8))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=30, rightMargin=30, topMargin=36, bottomMargin=36, invariant=1
    )  # invariant: no creation date or random ID, so the same input gives the same bytes
    doc.build(story)
    return buf.getvalue()
