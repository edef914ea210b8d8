"""Type checks of what a project file stores: valid JSON of the wrong shape is refused on open.

A project can come from anywhere (a colleague, a USB stick, a crafted file). SQLite's own checks
say the database is sound; these say its JSON holds what the program will later rely on — a
number where a number is read, a string where text is shown, spans of integers, grids within the
loaders' limits. A snapshot that fails is treated like a damaged one (the source is re-read when
it can be); review state that fails makes the project refuse to open with a clear message, and
the file is left as it is.

Public API: ``check_report(report)``, ``check_state(state)``; both raise ``BadShape`` (a
ValueError) naming the first thing that is wrong.
"""

from __future__ import annotations

import math
from typing import Any

from core.loading.limits import MAX_GRID_CELLS, MAX_GRID_COLUMNS, MAX_SNAPSHOT, MAX_TEXT_CHARS
from core.model import Finding, Grid, Report, Section, Span, Value
from core.review.state import ReviewState

SEVERITIES = ("error", "warning", "info")
MAX_SECTION_DEPTH = 20


class BadShape(ValueError):
    """Stored JSON of the wrong shape: ``str(exc)`` says where (for the details of a message)."""


def _fail(where: str, what: Any) -> BadShape:
    shown = repr(what)
    return BadShape(f"{where}: {shown[:60]}{'…' if len(shown) > 60 else ''}")


def _str(v: Any, where: str, *, none: bool = False) -> None:
    if not (isinstance(v, str) or (none and v is None)):
        raise _fail(where, v)


def _int(v: Any, where: str, *, none: bool = False, low: int = 0) -> None:
    if v is None and none:
        return
    if isinstance(v, bool) or not isinstance(v, int) or v < low or v > 10**12:
        raise _fail(where, v)


def _number(v: Any, where: str, *, none: bool = True) -> None:
    if v is None and none:
        return
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise _fail(where, v)
    if isinstance(v, float) and not math.isfinite(v):
        raise _fail(where, v)
    if isinstance(v, int) and abs(v) >= 10**15:  # beyond MAX_NUMBER_DIGITS: never a read value
        raise _fail(where, v)


def _span(s: Any, where: str) -> None:
    if s is None:
        return
    if not isinstance(s, Span):
        raise _fail(where, s)
    _int(s.start, where + ".start")
    _int(s.end, where + ".end")
    if s.end < s.start:
        raise _fail(where, s)


def _box(b: Any, where: str) -> None:
    if b is None:
        return
    if not isinstance(b, tuple) or len(b) != 4:
        raise _fail(where, b)
    for x in b:
        _number(x, where, none=False)


def _list_of_str(v: Any, where: str) -> None:
    if not isinstance(v, list | tuple) or not all(isinstance(x, str) for x in v):
        raise _fail(where, v)


def _value(v: Value, where: str) -> None:
    _str(v.field, where + ".field")
    _number(v.value, where + ".value")
    _str(v.raw, where + ".raw")
    _str(v.origin, where + ".origin")
    _span(v.span, where + ".span")
    for name in ("page", "table", "row", "col"):
        _int(getattr(v, name), f"{where}.{name}", none=True)
    _box(v.bbox, where + ".bbox")


def _grid(g: Grid, where: str) -> None:
    _int(g.n_rows, where + ".n_rows")
    _int(g.n_cols, where + ".n_cols")
    if g.n_cols > MAX_GRID_COLUMNS or g.n_rows * g.n_cols > MAX_GRID_CELLS:
        raise _fail(where + " size", (g.n_rows, g.n_cols))
    _span(g.span, where + ".span")
    for p in g.pages:
        _int(p, where + ".pages")
    for i, c in enumerate(g.cells):
        w = f"{where}.cells[{i}]"
        _str(c.text, w + ".text")
        for name in ("row", "col"):
            _int(getattr(c, name), f"{w}.{name}")
        for name in ("rowspan", "colspan"):
            _int(getattr(c, name), f"{w}.{name}", low=1)
        if c.row + c.rowspan > g.n_rows or c.col + c.colspan > g.n_cols:
            raise _fail(w + " outside the grid", (c.row, c.col))
        _span(c.span, w + ".span")
        _int(c.page, w + ".page", none=True)
        _box(c.bbox, w + ".bbox")


def _section(s: Section, where: str, depth: int = 0) -> None:
    if depth > MAX_SECTION_DEPTH:
        raise _fail(where, "nested too deep")
    _str(s.id, where + ".id")
    _str(s.title, where + ".title")
    if s.heading is None or s.body is None:
        raise _fail(where, "no span")
    _span(s.heading, where + ".heading")
    _span(s.body, where + ".body")
    _int(s.level, where + ".level")
    for i, c in enumerate(s.children):
        _section(c, f"{where}.children[{i}]", depth + 1)


def _finding(f: Finding, where: str) -> None:
    _str(f.rule, where + ".rule")
    if f.severity not in SEVERITIES:
        raise _fail(where + ".severity", f.severity)
    _str(f.message, where + ".message")
    _list_of_str(f.fields, where + ".fields")
    _span(f.span, where + ".span")
    if not isinstance(f.params, dict) or not isinstance(f.suggestion, dict):
        raise _fail(where + ".params", f.params)
    for k, v in f.suggestion.items():
        _str(k, where + ".suggestion")
        _number(v, where + ".suggestion")


def check_report(r: Report) -> None:
    """Raise ``BadShape`` unless a stored snapshot has the types the program relies on."""
    for name in ("path", "kind", "template", "sha256"):
        _str(getattr(r, name), "report." + name)
    if not isinstance(r.table_templates, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in r.table_templates.items()
    ):
        raise _fail("report.table_templates", r.table_templates)
    doc = r.document
    for name in ("path", "form", "original", "text"):
        _str(getattr(doc, name), "document." + name)
    if len(doc.text) > MAX_TEXT_CHARS or len(doc.original) > MAX_TEXT_CHARS * 2:
        raise _fail("document.text", f"{len(doc.text)} characters")
    if len(doc.offsets) not in (0, len(doc.text)):
        raise _fail("document.offsets", f"{len(doc.offsets)} for {len(doc.text)} characters")
    _str(doc.encoding, "document.encoding", none=True)
    _list_of_str(doc.boilerplate, "document.boilerplate")
    for i, n in enumerate(doc.notes):
        if len(n) != 2:
            raise _fail(f"document.notes[{i}]", n)
        _list_of_str(list(n), f"document.notes[{i}]")
    for i, g in enumerate(doc.grids):
        _grid(g, f"document.grids[{i}]")
    for i, o in enumerate(doc.ocr_spans):
        _span(o.span, f"document.ocr_spans[{i}].span")
        _int(o.page, f"document.ocr_spans[{i}].page")
        _box(o.bbox, f"document.ocr_spans[{i}].bbox")
        _number(o.confidence, f"document.ocr_spans[{i}].confidence", none=False)
    for i, p in enumerate(doc.pages):
        _int(p.number, f"document.pages[{i}].number")
        _number(p.width, f"document.pages[{i}].width", none=False)
        _number(p.height, f"document.pages[{i}].height", none=False)
        _span(p.span, f"document.pages[{i}].span")
    for name in ("agency", "year", "published", "index_no", "publisher", "title"):
        loc = getattr(r.metadata, name)
        if not (loc.value is None or isinstance(loc.value, str) or type(loc.value) is int):
            raise _fail(f"metadata.{name}", loc.value)
        _span(loc.span, f"metadata.{name}.span")
        _str(loc.source, f"metadata.{name}.source")
    for i, s in enumerate(r.sections):
        _section(s, f"sections[{i}]")
    for fid, v in r.values.items():
        _value(v, f"values[{fid}]")
    for i, v in enumerate(r.prose_figures):
        _value(v, f"prose_figures[{i}]")
    for i, e in enumerate(r.extra_rows):
        _str(e.table, f"extra_rows[{i}].table")
        _str(e.label, f"extra_rows[{i}].label")
        _list_of_str(e.cells, f"extra_rows[{i}].cells")
        _span(e.span, f"extra_rows[{i}].span")
    for i, f in enumerate(r.findings):
        _finding(f, f"findings[{i}]")


def _stored_value(v: Any, where: str) -> None:
    """A corrected or printed value: a number (a reviewer may type a long one), text, or nothing."""
    if isinstance(v, str) or v is None or (isinstance(v, int) and not isinstance(v, bool)):
        return
    _number(v, where)


def check_state(st: ReviewState, where: str = "state") -> None:
    """Raise ``BadShape`` unless stored review state has the types the program relies on."""
    if not isinstance(st.metadata, dict):
        raise _fail(where + ".metadata", st.metadata)
    for k, v in st.metadata.items():
        _str(k, where + ".metadata")
        if not (v is None or isinstance(v, str) or type(v) is int):
            raise _fail(f"{where}.metadata[{k}]", v)
    if not isinstance(st.section_starts, dict):
        raise _fail(where + ".section_starts", st.section_starts)
    for k, v in st.section_starts.items():
        _str(k, where + ".section_starts")
        _int(v, f"{where}.section_starts[{k}]")
    if not isinstance(st.row_remaps, dict):
        raise _fail(where + ".row_remaps", st.row_remaps)
    for k, v in st.row_remaps.items():
        _str(k, where + ".row_remaps")
        _str(v, f"{where}.row_remaps[{k}]")
    for k, c in st.corrections.items():
        w = f"{where}.corrections[{k}]"
        _str(c.field, w + ".field")
        _stored_value(c.printed, w + ".printed")
        _stored_value(c.new, w + ".new")
        _stored_value(c.printed_before, w + ".printed_before")
        for name in ("note", "time", "user"):
            _str(getattr(c, name), f"{w}.{name}")
    for k, cf in st.confirmed.items():
        for name in ("key", "note", "time", "user"):
            _str(getattr(cf, name), f"{where}.confirmed[{k}].{name}")
    for name in ("reviewed_by", "reviewed_at"):
        _str(getattr(st, name), f"{where}.{name}")


__all__ = ["MAX_SNAPSHOT", "BadShape", "check_report", "check_state"]
