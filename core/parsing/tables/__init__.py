"""Statistics tables 二/三/四: every printed figure mapped to its field ID (stub)."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.model import ExtraRow, Finding, Section, SourceDocument, Value


@dataclass
class TableResult:
    """What table recognition found.

    Attributes:
        values: field ID → Value (origin table or inferred).
        table_templates: table (active/apply/appeal) → template its labels match.
        extra_rows: rows not in the template.
        findings: inferred cells, unreadable cells, unknown labels, lost tables …
    """

    values: dict[str, Value] = field(default_factory=dict)
    table_templates: dict[str, str] = field(default_factory=dict)
    extra_rows: list[ExtraRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def extract_tables(doc: SourceDocument, sections: list[Section]) -> TableResult:
    return TableResult()
