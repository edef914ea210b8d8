"""Parsing: a SourceDocument → a Report (metadata, sections, template, values)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from core.errors import Cancelled
from core.model import Finding, Report

Progress = Callable[[float], None]
IsCancelled = Callable[[], bool]


def parse_report(path: str, progress: Progress | None = None, cancelled: IsCancelled | None = None) -> Report:
    """Read and parse one report file.

    Args:
        path: the report file.
        progress: called with a fraction 0..1 as the work advances.
        cancelled: polled between steps; when it returns True, ``Cancelled`` is raised.

    Returns:
        The parsed report (values as printed; findings of the parser itself).

    Raises:
        LoadError: the file cannot be read as a report (Chinese message).
        Cancelled: the caller cancelled.
    """
    from core.loading import load
    from core.parsing.metadata import extract_metadata
    from core.parsing.prose import place_ocr_values, prose_values
    from core.parsing.sections import find_sections
    from core.parsing.tables import extract_tables
    from core.parsing.template import detect_template

    def step(fraction: float) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(fraction)

    step(0.0)
    doc = load(path, cancelled)
    step(0.5)
    report = Report(path=path, document=doc, sha256=_sha256(path))
    # what the loader could not read (a table over the limits, numbering not rebuilt, a page
    # without text …): never silent
    report.findings.extend(Finding(code, "warning", message) for code, message in doc.notes)
    report.metadata = extract_metadata(doc)
    report.kind, report.sections, found = find_sections(doc)
    report.findings.extend(found)
    step(0.6)
    tables = extract_tables(doc, report.sections)
    report.values = tables.values
    report.table_templates = tables.table_templates
    report.extra_rows = tables.extra_rows
    report.findings.extend(tables.findings)
    step(0.8)
    report.template, found = detect_template(doc, report)
    report.findings.extend(found)
    prose, found = prose_values(doc, report)
    for fid, value in prose.items():
        report.values.setdefault(fid, value)
    report.findings.extend(found)
    place_ocr_values([*report.values.values(), *report.prose_figures], doc)
    step(1.0)
    return report


def _sha256(path: str) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return ""
    return h.hexdigest()
