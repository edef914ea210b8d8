"""OCR doubts in the findings: low confidence, unreadable cells, identities broken by an unsure cell.

The fast tests take a synthetic text PDF's report and give its grid cells OCR confidences (the
validation reads only those); the slow one smudges a cell on a real synthetic scan.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from core.loading.scan_tables import UNREADABLE
from core.parsing import parse_report
from core.review.state import ReviewedReport, ValueEdit
from core.validation import Validator, validate
from tests.synth import random_values, render


@pytest.fixture
def rendered() -> object:
    return render(random_values("2021", random.Random(5)), "2021", "pdf", seed=5)


def _as_scanned(path: Path) -> object:
    """The report of a text PDF whose every table cell is marked as read by OCR with confidence 0.99."""
    r = parse_report(str(path))
    for g in r.document.grids:
        for c in g.cells:
            c.confidence = 0.99
    return r


def _cell(r: object, fid: str) -> object:
    v = r.values[fid]
    return next(c for c in r.document.grids[v.table].cells if (c.row, c.col) == (v.row, v.col))


def _target(r: object) -> str:
    """A value of 表三 that takes part in identities and is not zero."""
    return next(
        f for f, v in r.values.items() if f.startswith("apply.granted.") and not f.endswith("total") and v.value
    )


def test_text_report_has_no_ocr_findings(tmp_path: Path, rendered: object) -> None:
    path = rendered.write(tmp_path / "r")
    findings = validate(ReviewedReport(parse_report(str(path))))
    assert not [f for f in findings if f.rule.startswith("ocr.")]


def test_sure_scan_says_it_was_read_by_ocr(tmp_path: Path, rendered: object) -> None:
    r = _as_scanned(rendered.write(tmp_path / "r"))
    findings = validate(ReviewedReport(r))
    assert [f.rule for f in findings if f.rule.startswith("ocr.")] == ["ocr.scanned"]
    scanned = next(f for f in findings if f.rule == "ocr.scanned")
    assert scanned.severity == "info" and scanned.params["unsure"] == 0 and scanned.params["values"] >= 150


def test_low_confidence_breaking_an_identity_is_our_doubt_and_comes_first(tmp_path: Path, rendered: object) -> None:
    r = _as_scanned(rendered.write(tmp_path / "r"))
    fid = _target(r)
    true_value = r.values[fid].value
    _cell(r, fid).confidence = 0.42
    r.values[fid].value = true_value + 7  # what a misreading would give
    reviewed = ReviewedReport(r)
    findings = validate(reviewed)
    ocr = [f for f in findings if f.rule.startswith("ocr.") and f.severity != "info"]
    # every OCR doubt before the first other finding (the F8 queue walks them first)
    assert findings[: len(ocr)] == ocr
    low = next(f for f in ocr if f.rule == "ocr.low_confidence")
    assert low.fields == [fid] and low.severity == "warning" and "42%" in low.message
    broken = [f for f in ocr if f.rule == "ocr.identity"]
    assert broken and all(fid in f.fields for f in broken)
    assert all("可能是识别错误" in f.message and "42%" in f.message for f in broken)
    assert all(f.params["identity"].startswith("apply.") for f in broken)
    # no identity error blames the report for the unsure cell
    assert not [f for f in findings if f.severity == "error" and fid in f.fields]
    # the reviewer types the printed number: the doubt and the broken identities are gone
    v = Validator(reviewed)
    reviewed.listeners.append(v.on_change)
    reviewed.apply(ValueEdit(fid, true_value))
    assert not [f for f in v.findings() if f.rule.startswith("ocr.") and f.severity != "info"]
    assert not [f for f in v.findings() if fid in f.fields]


def test_wrong_value_read_with_confidence_stays_the_reports_error(tmp_path: Path, rendered: object) -> None:
    r = _as_scanned(rendered.write(tmp_path / "r"))
    fid = _target(r)
    r.values[fid].value += 7  # confidence 0.99: the scan says so, the report is inconsistent
    findings = validate(ReviewedReport(r))
    assert any(f.severity == "error" and fid in f.fields and f.rule.startswith("apply.") for f in findings)
    assert not [f for f in findings if f.rule == "ocr.identity"]


def test_unreadable_cell_is_left_out_and_flagged(tmp_path: Path, rendered: object) -> None:
    r = _as_scanned(rendered.write(tmp_path / "r"))
    fid = _target(r)
    cell = _cell(r, fid)
    cell.text, cell.confidence = UNREADABLE, 0.0
    v = r.values[fid]
    v.value, v.raw = None, UNREADABLE
    findings = validate(ReviewedReport(r))
    flagged = [f for f in findings if fid in f.fields]
    assert [f.rule for f in flagged if f.severity == "error"] == ["ocr.unreadable"]
    assert "未能读出" in flagged[0].message and "留空" in flagged[0].message
    assert findings[0].rule == "ocr.unreadable"


@pytest.mark.slow
def test_smudged_cell_on_a_scan(tmp_path: Path, rendered: object) -> None:
    """A cell blotted out on a real synthetic scan: never read as a confident wrong number."""
    from tests.synth.scan import ScanStyle, scan_pages, scanned_pdf

    text_report = parse_report(str(rendered.write(tmp_path / "r")))
    fid = _target(text_report)
    v = text_report.values[fid]
    style = ScanStyle(dpi=200, angle=0.4, noise=0.002, smudges=[(v.page, v.bbox)], seed=3)
    pages = scan_pages(rendered.content, style, pages=None)
    path = tmp_path / "污损.pdf"
    path.write_bytes(scanned_pdf(pages, 200))
    r = parse_report(str(path))
    findings = validate(ReviewedReport(r))
    got = r.values.get(fid)
    if got is not None and got.value == rendered.expected[fid]:
        return  # read right through the smudge: nothing to flag
    # otherwise the cell is flagged as OCR's doubt, first in the queue, and never as the report's error
    doubts = [f for f in findings if fid in f.fields and f.rule.startswith("ocr.")]
    assert doubts, [(f.rule, f.message) for f in findings if fid in f.fields]
    assert not [f for f in findings if fid in f.fields and f.severity == "error" and not f.rule.startswith("ocr.")]
    assert findings[0].rule.startswith("ocr.")


# --------------------------------------------------------------------------- values read by OCR in prose


def _prose_as_scanned(low: str, confidence: float = 0.55) -> object:
    """Seed 004 (figures in prose only), as if OCR had read its text: every recognised box covers
    a few characters with confidence 0.98, except the one holding ``low``'s figure."""
    from core.model import OcrSpan, Span
    from core.parsing.prose import place_ocr_values
    from tests.conftest import seed

    r = parse_report(str(seed("004")))
    doc = r.document
    target = r.values[low].span
    cuts = sorted({*range(0, len(doc.text), 8), target.start, target.end, len(doc.text)})
    spans = []
    for start, end in itertools.pairwise(cuts):
        conf = confidence if target.start <= start < target.end else 0.98
        box = (50.0, 100.0 + start % 700, 500.0, 112.0 + start % 700)
        spans.append(OcrSpan(Span(start, end), 1 + start // 2000, box, conf))
    doc.ocr_spans = spans
    place_ocr_values([*r.values.values(), *r.prose_figures], doc)
    return r


def test_prose_value_read_by_ocr_carries_its_confidence_and_page() -> None:
    from core.validation.ocr import text_confidence

    r = _prose_as_scanned("apply.partial.total")
    low, sure = r.values["apply.partial.total"], r.values["apply.new.total"]
    assert text_confidence(r.document, low) == pytest.approx(0.55)
    assert text_confidence(r.document, sure) == pytest.approx(0.98)
    assert low.page == 1 + low.span.start // 2000 and low.bbox is not None
    findings = validate(ReviewedReport(r))
    doubts = [f for f in findings if f.rule == "ocr.low_confidence"]
    assert [f.fields for f in doubts] == [["apply.partial.total"]]
    assert "正文" in doubts[0].message and "55%" in doubts[0].message
    assert findings[0].rule == "ocr.low_confidence"  # first in the F8 queue
    scanned = next(f for f in findings if f.rule == "ocr.scanned")
    assert scanned.params["text_values"] == 3 and scanned.params["unsure"] == 1


def test_sure_prose_values_and_a_correction_raise_no_doubt() -> None:
    r = _prose_as_scanned("apply.partial.total", confidence=0.95)
    assert not [f for f in validate(ReviewedReport(r)) if f.rule == "ocr.low_confidence"]
    r = _prose_as_scanned("apply.partial.total")
    reviewed = ReviewedReport(r)
    reviewed.apply(ValueEdit("apply.partial.total", 1))
    assert not [f for f in Validator(reviewed).findings() if f.rule == "ocr.low_confidence"]


def test_unsure_prose_figure_contradicting_its_table_is_our_doubt(tmp_path: Path, rendered: object) -> None:
    """A sentence read with low confidence that disagrees with the table: a possible misreading."""
    from core.model import OcrSpan, Span, Value

    r = _as_scanned(rendered.write(tmp_path / "r"))
    fid = _target(r)
    pv = Value(fid, r.values[fid].value + 5, "x", "prose", Span(10, 14))
    r.prose_figures = [pv]
    r.document.ocr_spans = [OcrSpan(Span(8, 16), 1, (40.0, 60.0, 300.0, 75.0), 0.5)]
    findings = validate(ReviewedReport(r))
    assert not [f for f in findings if f.rule == "prose.contradiction"]
    (doubt,) = [f for f in findings if f.rule == "ocr.prose"]
    assert doubt.severity == "warning" and "识别错误" in doubt.message and "50%" in doubt.message
    r.document.ocr_spans[0].confidence = 0.97  # read surely: the report's own inconsistency
    findings = validate(ReviewedReport(r))
    assert [f.rule for f in findings if f.fields == [fid] and "prose" in f.rule] == ["prose.contradiction"]
