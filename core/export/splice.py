"""openpyxl's write-only machinery, adapted so that a streamed workbook writes no file of its own.

openpyxl streams each write-only sheet into a temporary file and saves the workbook to a zip
archive; we then spliced our rows into a copy of that archive. Here a sheet's frame (what openpyxl
writes: columns, views, print settings, the header row of a list sheet, comment anchors) stays in
memory, and the archive is written once, our rows going into each sheet as openpyxl writes it.
A 1000-sheet workbook no longer creates and removes 1000 temporary files nor compresses twice.
Imported only when a workbook is written (openpyxl is not loaded before); openpyxl 3.1 internals
(pinned in pyproject.toml): ``WriteOnlyWorksheet._get_writer``, ``ExcelWriter.write_worksheet``.

Public API:
    MemorySheet(parent, title): a write-only worksheet whose XML is written to memory
    save_spliced(workbook, out, rows_of): write ``workbook`` as an xlsx to ``out`` (a path or a
        binary file), the rows ``rows_of[sheet]`` (``.write_rows(out)``, ``.last_ref``,
        ``.after_rows``, ``.links``) in place of the rows of the sheet whose ``id`` is its key
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from typing import Any

from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

_DIMENSION = re.compile(rb"<dimension ref=\"[^\"]*\"\s*/>")


class _MemoryWriter(WorksheetWriter):
    """openpyxl's sheet writer, into memory rather than a temporary file."""

    def __init__(self, ws: Any) -> None:
        super().__init__(ws, out=io.BytesIO())

    def cleanup(self) -> None:
        """Nothing to remove."""


class MemorySheet(WriteOnlyWorksheet):
    """A write-only worksheet whose XML openpyxl writes to memory (a list sheet's frame and header
    row, an official sheet's frame: a few KB; the rows are ours)."""

    def _get_writer(self) -> None:
        ws: Any = self  # the stubs do not declare openpyxl's private ``_writer``
        if ws._writer is None:
            ws._writer = _MemoryWriter(self)
            ws._writer.write_top()


class _SplicingWriter(ExcelWriter):
    """openpyxl's workbook writer, putting our rows into each sheet that has them as it writes it."""

    def __init__(self, workbook: Any, archive: zipfile.ZipFile, rows_of: dict[Any, Any]) -> None:
        super().__init__(workbook, archive)
        self.archive = archive
        self.rows_of = rows_of

    def write_worksheet(self, ws: Any) -> None:
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        if not ws.closed:
            ws.close()
        writer = ws._writer
        ws._rels = writer._rels
        name = ws.path[1:]
        data = writer.read()
        rows = self.rows_of.get(id(ws))
        if rows is None:
            self.archive.writestr(name, data)
        else:
            _splice(self.archive, name, data, rows)
        self.manifest.append(ws)
        writer.cleanup()


def _splice(archive: zipfile.ZipFile, name: str, data: bytes, rows: Any) -> None:
    head, sep, tail = data.partition(b"</sheetData>")
    if not sep:
        head, sep, tail = data.partition(b"<sheetData/>")
        head, tail = head + b"<sheetData>", tail
    head = _DIMENSION.sub(f'<dimension ref="A1:{rows.last_ref}"/>'.encode(), head, count=1)
    with archive.open(name, "w", force_zip64=True) as out:
        out.write(head)
        rows.write_rows(out)
        out.write(b"</sheetData>" + rows.after_rows + _with_links(tail, rows.links))


def _with_links(tail: bytes, links: list[tuple[str, str]]) -> bytes:
    """The sheet XML after ``</sheetData>`` with in-workbook hyperlinks (before the print settings)."""
    if not links:
        return tail
    from xml.sax.saxutils import quoteattr

    xml = "<hyperlinks>" + "".join(
        f'<hyperlink ref="{ref}" location={quoteattr(loc)}/>' for ref, loc in links
    ) + "</hyperlinks>"
    for anchor in (b"<printOptions", b"<pageMargins", b"<pageSetup", b"<headerFooter", b"</worksheet>"):
        at = tail.find(anchor)
        if at >= 0:
            return tail[:at] + xml.encode("utf-8") + tail[at:]
    return tail


def save_spliced(workbook: Any, out: Any, rows_of: dict[Any, Any]) -> None:
    """Write ``workbook`` to ``out`` with the rows of ``rows_of`` spliced into their sheets.

    Compression level 1: the spliced parts are big, repetitive XML; 3x faster than the default,
    ~15 % larger."""
    workbook.properties.modified = _dt.datetime.now(tz=_dt.UTC).replace(tzinfo=None)  # as openpyxl's save
    archive = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True, compresslevel=1)
    try:
        _SplicingWriter(workbook, archive, rows_of).save()  # closes the archive
    finally:
        archive.close()
