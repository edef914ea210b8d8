"""Figures stated only in prose (共收到申请N件 …) mapped to their fields, with a warning (stub)."""

from __future__ import annotations

from core.model import Finding, Report, SourceDocument, Value


def prose_values(doc: SourceDocument, report: Report) -> tuple[dict[str, Value], list[Finding]]:
    return {}, []
