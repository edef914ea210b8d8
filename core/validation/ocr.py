"""Findings about values read by OCR (scanned reports): our possible misreading, never the agency's error.

Every table cell of a scanned report carries the recognition confidence (``GridCell.confidence``).
For the values as they stand (a reviewer's correction ends the doubt about its cell):

* ``ocr.unreadable`` (error): OCR saw ink in the cell but could not read it; the value is left
  out. It replaces the parser's ``table.unreadable`` for that cell, which would say the report
  printed a non-number.
* ``ocr.low_confidence`` (warning): the value was read with confidence below ``LOW_CONFIDENCE``:
  a table cell's, or for a value read outside the tables (a figure in prose) the lowest of the
  recognised boxes its text lies in (``SourceDocument.ocr_spans``).
* ``ocr.prose`` (warning): a figure in prose contradicts its table and was read with low
  confidence: it replaces ``prose.contradiction``, whose words would blame the report.
* ``ocr.identity`` (warning): an identity is broken and one of its cells was read with low
  confidence: the cell may be misread. It replaces the identity's error finding, whose words
  would blame the report; the identity's numbers and repair suggestion are kept.
* ``ocr.scanned`` (info): the report was read by OCR, and how many values are unsure.

``adjust`` applies this to a finding list; ``core.validation.engine`` calls it, and sorts ``ocr.*``
findings first, so F8 walks the cells to compare with the scan before anything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from core.messages import compose
from core.model import Finding, GridCell, SourceDocument, Value
from core.review.state import ReviewedReport
from core.templates import UNREADABLE

LOW_CONFIDENCE = 0.85  # below this a value is flagged for comparison with the scan (bench/bench_ocr.py: misreadings seen up to 0.83)


def is_ocr(reviewed: ReviewedReport) -> bool:
    """Whether the report was read by OCR (its tables or its text)."""
    doc = reviewed.report.document
    return bool(doc.ocr_spans) or any(c.confidence is not None for g in doc.grids for c in g.cells)


Cells = dict[tuple[int, int, int], GridCell]


def _cells(reviewed: ReviewedReport) -> Cells:
    """Every OCR-read grid cell by (table, row, col)."""
    return {
        (t, c.row, c.col): c
        for t, g in enumerate(reviewed.report.document.grids)
        for c in g.cells
        if c.confidence is not None
    }


def _cell(cells: Cells, v: Value) -> GridCell | None:
    if v.origin == "edited" or v.table is None or v.row is None or v.col is None:
        return None
    return cells.get((v.table, v.row, v.col))


def text_confidence(doc: SourceDocument, v: Value) -> float | None:
    """The confidence of a value OCR read outside the tables (prose, a table read as text lines):
    the lowest of the recognised boxes its text lies in; None when it was not read so."""
    if v.origin == "edited" or v.span is None or not doc.ocr_spans:
        return None
    read = doc.read_by_ocr(v.span)
    return min(o.confidence for o in read) if read else None


def suspects(reviewed: ReviewedReport, cells: Cells | None = None) -> dict[str, tuple[float, bool]]:
    """Field → (confidence, unreadable) for every current value read by OCR below LOW_CONFIDENCE."""
    cells = _cells(reviewed) if cells is None else cells
    doc = reviewed.report.document
    out: dict[str, tuple[float, bool]] = {}
    for fid, v in reviewed.values().items():
        c = _cell(cells, v)
        if c is None or c.confidence is None:
            conf = text_confidence(doc, v) if v.table is None else None
            if conf is not None and conf < LOW_CONFIDENCE:
                out[fid] = (conf, False)
            continue
        unreadable = c.text.strip() == UNREADABLE
        if unreadable or c.confidence < LOW_CONFIDENCE:
            out[fid] = (c.confidence, unreadable)
    return out


def adjust(reviewed: ReviewedReport, findings: Sequence[Finding], identity: Sequence[Finding] = ()) -> list[Finding]:
    """The findings with OCR doubts applied (see the module docstring); unchanged for a non-scanned report.

    Args:
        reviewed: the report under review.
        findings: every finding so far (the parser's own and every rule's).
        identity: those of ``findings`` that are broken identities.
    """
    cells = _cells(reviewed)
    doc = reviewed.report.document
    if not cells and not doc.ocr_spans:
        return list(findings)
    sus = suspects(reviewed, cells)
    ids = {id(f) for f in identity}
    figures = {pv.span.start: pv for pv in reviewed.report.prose_figures if pv.span is not None}
    out: list[Finding] = []
    for f in findings:
        if f.rule == "table.unreadable" and f.fields and f.fields[0] in sus and sus[f.fields[0]][1]:
            continue  # said below as ocr.unreadable: the scan could not be read, not a printed non-number
        if f.rule == "prose.contradiction" and f.span is not None and f.span.start in figures:
            conf = text_confidence(doc, figures[f.span.start])
            if conf is not None and conf < LOW_CONFIDENCE:
                params = {**f.params, "msg": f.params.get("msg", f.rule), "ocr_prose": round(conf, 3)}
                out.append(
                    replace(
                        f, rule="ocr.prose", severity="warning", message=compose("ocr.prose", params), params=params
                    )
                )
                continue
        doubtful = [fid for fid in f.fields if fid in sus]
        if id(f) in ids and doubtful:
            params = {
                **f.params,
                "identity": f.rule,
                "msg": f.params.get("msg", f.rule),
                "ocr_unsure": [[fid, sus[fid][0]] for fid in doubtful],
                "key": f.rule + ":" + str(f.params.get("key", "")),
            }
            out.append(
                replace(
                    f,
                    rule="ocr.identity",
                    severity="warning",
                    message=compose("ocr.identity", params, f.suggestion),
                    params=params,
                )
            )
            continue
        out.append(f)
    values = reviewed.values()
    for fid, (conf, unreadable) in sus.items():
        v = values[fid]
        if unreadable:
            out.append(
                Finding(
                    "ocr.unreadable",
                    "error",
                    compose("ocr.unreadable", {"cell": fid}),
                    [fid],
                    span=v.span,
                    params={"cell": fid},
                )
            )
        else:
            params = {"confidence": round(conf, 3), "cell": fid, "raw": v.raw, "percent": f"{conf:.0%}"}
            if _cell(cells, v) is None:
                params["msg"] = "ocr.low_confidence_text"  # read from prose, not from a table cell
            out.append(
                Finding(
                    "ocr.low_confidence",
                    "warning",
                    compose("ocr.low_confidence", params),
                    [fid],
                    span=v.span,
                    params=params,
                )
            )
    n = sum(1 for v in values.values() if _cell(cells, v) is not None)
    m = sum(1 for v in values.values() if v.table is None and text_confidence(doc, v) is not None)
    params = {"values": n, "unsure": len(sus)}
    if m:
        params.update(text_values=m, msg="ocr.scanned_text")
    out.append(Finding("ocr.scanned", "info", compose("ocr.scanned", params), params=params))
    return out
