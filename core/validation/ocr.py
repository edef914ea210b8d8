"""Findings about values read by OCR (scanned reports): our possible misreading, never the agency's error.

Every table cell of a scanned report carries the recognition confidence (``GridCell.confidence``).
For the values as they stand (a reviewer's correction ends the doubt about its cell):

* ``ocr.unreadable`` (error): OCR saw ink in the cell but could not read it; the value is left
  out. It replaces the parser's ``table.unreadable`` for that cell, which would say the report
  printed a non-number.
* ``ocr.low_confidence`` (warning): the value was read with confidence below ``LOW_CONFIDENCE``.
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

from core.loading.scan_tables import UNREADABLE
from core.messages import compose
from core.model import Finding, GridCell, Value
from core.review.state import ReviewedReport

LOW_CONFIDENCE = 0.80  # below this a value is flagged for comparison with the scan


def is_ocr(reviewed: ReviewedReport) -> bool:
    """Whether the report's tables were read by OCR."""
    return any(c.confidence is not None for g in reviewed.report.document.grids for c in g.cells)


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


def suspects(reviewed: ReviewedReport, cells: Cells | None = None) -> dict[str, tuple[float, bool]]:
    """Field → (confidence, unreadable) for every current value read by OCR below LOW_CONFIDENCE."""
    cells = _cells(reviewed) if cells is None else cells
    out: dict[str, tuple[float, bool]] = {}
    for fid, v in reviewed.values().items():
        c = _cell(cells, v)
        if c is None or c.confidence is None:
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
    if not cells:
        return list(findings)
    sus = suspects(reviewed, cells)
    ids = {id(f) for f in identity}
    out: list[Finding] = []
    for f in findings:
        if f.rule == "table.unreadable" and f.fields and f.fields[0] in sus and sus[f.fields[0]][1]:
            continue  # said below as ocr.unreadable: the scan could not be read, not a printed non-number
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
    params = {"values": n, "unsure": len(sus)}
    out.append(Finding("ocr.scanned", "info", compose("ocr.scanned", params), params=params))
    return out
