"""The six standard sections, or a work summary's own headings (stub)."""

from __future__ import annotations

from core.model import Finding, Section, SourceDocument


def find_sections(doc: SourceDocument) -> tuple[str, list[Section], list[Finding]]:
    return "report", [], []
