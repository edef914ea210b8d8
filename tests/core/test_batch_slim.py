"""Slim reports (core.batch.slim): a read-only batch keeps per report only what the workbook reads,
and reads back the same values, findings and workbook as the full reports."""

from __future__ import annotations

import zipfile
from pathlib import Path

from core.batch import Batch
from core.batch.slim import Slimmer, SlimReviewedReport, slim_entry
from core.export import ExportOptions, export_batch
from core.model import Value
from core.review.state import MetadataEdit, ReviewedEdit, RowRemapEdit, ValueEdit
from tests.core.export_helpers import make_reviewed


def _reports() -> list:
    out = []
    for i in range(12):
        rr = make_reviewed("2019" if i % 5 == 0 else "2021", agency=f"示例市测试{i % 4}局", year=2021 + i % 3,
                           seed=i, path=f"r{i}.txt")
        rr.report.values["apply.granted.natural"] = Value("apply.granted.natural", 3, raw="3", origin="inferred")
        rr.report.values["apply.new.natural"] = Value("apply.new.natural", None, raw="??", origin="table")
        rr.report.values["apply.partial.natural"] = Value("apply.partial.natural", 0, raw="", origin="table")
        rr.report.values["apply.partial.commercial"] = Value("apply.partial.commercial", 0, raw="0", origin="table")
        if i % 3 == 0:
            rr.apply(ValueEdit("apply.granted.total", 99, note="改"))
        if i % 4 == 1:
            rr.apply(MetadataEdit("agency", f"更正后机关{i}"))
        if i % 6 == 2:
            rr.apply(RowRemapEdit("apply.granted", "apply.partial"))
        if i % 2:
            rr.apply(ReviewedEdit(True))
        out.append(rr)
    return out


def _fields(values: dict[str, Value]) -> dict[str, tuple]:
    return {k: (v.field, v.value, v.raw, v.origin) for k, v in values.items()}


def _sheets(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")}


def test_slim_reports_read_back_the_same_values_and_findings() -> None:
    full = Batch(_reports())
    slim = Batch(_reports())
    for e in slim.entries:
        slim_entry(e)
    for a, b in zip(full.entries, slim.entries, strict=True):
        assert isinstance(b.reviewed, SlimReviewedReport)
        assert b.reviewed.report.text == "" and b.reviewed.report.sections == [] and b.validator is None
        assert _fields(b.reviewed.values()) == _fields(a.reviewed.values())
        assert _fields(b.reviewed.parsed_values()) == _fields(a.reviewed.parsed_values())
        assert b.reviewed.numbers() == a.reviewed.numbers()
        assert b.reviewed.metadata_value("agency") == a.reviewed.metadata_value("agency")
    # the slim batch recomputes its cross-year findings, status and counting from slim reports alike
    slim._recompute_cross({id(e) for e in slim.entries})
    slim._recompute_groups()
    for a, b in zip(full.entries, slim.entries, strict=True):
        assert [f.key for f in b.findings] == [f.key for f in a.findings]
        assert (b.status, b.completeness, b.counted, b.not_counted_reason) == (
            a.status, a.completeness, a.counted, a.not_counted_reason)
    assert any(e.cross for e in full.entries)  # the comparison above covers cross-year findings


def test_workbook_of_slim_reports_is_the_workbook_of_full_ones(tmp_path: Path) -> None:
    """Slim reports and shared slim findings, added a few at a time as the command line does."""
    full = Batch(_reports())
    slim = Batch()
    slimmer = Slimmer()
    items = _reports()
    for i in range(0, len(items), 5):
        for e in slim.extend(items[i : i + 5]):
            slimmer.entry(e)
        slimmer.findings(slim.entries)
    assert [f.key for e in slim.entries for f in e.findings] == [f.key for e in full.entries for f in e.findings]
    for e in (*full.entries[:2], *slim.entries[:2]):  # a confirmed finding is left out of 问题清单 alike
        if e.findings:
            from core.review.state import ConfirmEdit

            e.reviewed.apply(ConfirmEdit(e.findings[0].key, "如实"))
    opts = ExportOptions(per_report_sheets=True, reviewer="审核人")
    export_batch(full, str(tmp_path / "full.xlsx"), opts)
    export_batch(slim, str(tmp_path / "slim.xlsx"), opts)
    a, b = _sheets(tmp_path / "full.xlsx"), _sheets(tmp_path / "slim.xlsx")
    assert len(a) > 12 and a.keys() == b.keys()
    assert any(b"\xe6\x94\xb9" in x for x in a.values())  # the correction's note (改) is in the workbook
    for name in a:  # sheet XML byte for byte, but for the minute of the export
        assert _no_stamp(a[name]) == _no_stamp(b[name]), name


def _no_stamp(xml: bytes) -> bytes:
    import re

    return re.sub("导出时间：[0-9: -]+".encode(), b"", xml)


def test_an_edit_of_a_slim_report_is_read_at_once() -> None:
    e = Batch([make_reviewed(seed=3)]).entries[0]
    slim_entry(e)
    rr = e.reviewed
    assert rr.value("apply.granted.natural") != 12345
    rr.apply(ValueEdit("apply.granted.natural", 12345))
    assert rr.value("apply.granted.natural") == 12345
    assert rr.values()["apply.granted.natural"].origin == "edited"


def test_equal_findings_are_one_object_and_keep_their_key() -> None:
    """Copies of a report compared with the same report of the year before: one object per finding."""
    items = [make_reviewed(agency="示例市甲局", year=2021, seed=1)]  # 2021, then three copies of a 2022 report
    items += [make_reviewed(agency="示例市甲局", year=2022, seed=2) for _ in range(3)]
    batch = Batch(items)
    assert all(e.cross for e in batch.entries[1:])
    keys = [[f.key for f in e.findings] for e in batch.entries]
    slimmer = Slimmer()
    slimmer.findings(batch.entries)
    assert [[f.key for f in e.findings] for e in batch.entries] == keys
    a, b = batch.entries[1], batch.entries[3]
    assert all(x is y for x, y in zip(a.cross, b.cross, strict=True))
    assert all(f.params == {} or set(f.params) == {"key"} for f in a.findings)
