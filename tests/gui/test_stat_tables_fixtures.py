"""Synthetic reports for the statistics-table tests (made-up agency and numbers), and their sanity checks."""

from __future__ import annotations

from core import templates
from core.model import Finding, Located, Metadata, Report, SourceDocument, Value
from core.review.state import ReviewedReport

# A few cells with special provenance, so colours and tooltips have something to show.
INFERRED = "apply.granted.commercial"
PROSE = "apply.new.natural"
UNREAD = "apply.unable.unclear.legal"


def number_for(field_id: str) -> int:
    """A small made-up count, stable per field."""
    return sum(map(ord, field_id)) % 9


def make_report(template: str = "2021", path: str = "/tmp/示例县测试局2021年报.txt") -> Report:
    """A parsed report of ``template`` with a value in every cell of its tables."""
    text = "示例县测试局2021年政府信息公开工作年度报告\n一、总体情况\n……\n"
    document = SourceDocument(path, "txt", text, text)
    values: dict[str, Value] = {}
    layout_template = template if template in templates.LAYOUTS else templates.TEMPLATE_2021
    for f in templates.fields_for(layout_template):
        n = number_for(f.id)
        if f.kind == "decimal":
            values[f.id] = Value(f.id, n + 0.5, raw=f"{n}.50")
        elif f.kind == "signed":
            values[f.id] = Value(f.id, n - 4, raw=f"{n - 4:+d}")
        else:
            values[f.id] = Value(f.id, n, raw=str(n))
    if layout_template == templates.TEMPLATE_2021:
        values[INFERRED] = Value(INFERRED, 3, raw="3", origin="inferred")
        values[PROSE] = Value(PROSE, 12, raw="12", origin="prose")
        values[UNREAD] = Value(UNREAD, None, raw="", origin="table")
    return Report(
        path=path,
        document=document,
        template=template,
        metadata=Metadata(agency=Located("示例县测试局"), year=Located(2021)),
        values=values,
    )


def make_reviewed(template: str = "2021") -> ReviewedReport:
    return ReviewedReport(make_report(template))


def finding(rule: str, severity: str, fields: list[str], message: str = "示例问题") -> Finding:
    return Finding(rule, severity, message, fields=fields)  # type: ignore[arg-type]


def test_fixture_fills_every_template_field() -> None:
    for template in templates.TEMPLATES:
        report = make_report(template)
        assert set(report.values) == {f.id for f in templates.fields_for(template)}
    assert make_report("2021").values[PROSE].origin == "prose"
