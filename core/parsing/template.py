"""Template detection: 2021 / 2019 / legacy / unknown, from the table labels (stub)."""

from __future__ import annotations

from core.model import Finding, Report, SourceDocument


def detect_template(doc: SourceDocument, report: Report) -> tuple[str, list[Finding]]:
    templates = set(report.table_templates.values())
    if len(templates) == 1:
        return templates.pop(), []
    return "unknown", []
