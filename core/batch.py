"""Batches: expand files, folders and review projects into reports to parse."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from core.errors import Cancelled, ReportError
from core.review.state import ReviewedReport

REPORT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".shtml", ".docx", ".doc", ".wps", ".pdf")
PROJECT_SUFFIX = ".ogiproj"


def is_report_file(path: str | Path) -> bool:
    return str(path).lower().endswith(REPORT_SUFFIXES)


def collect_inputs(paths: Iterable[str]) -> list[str]:
    """Files as given, and every report file inside each folder (recursively, sorted)."""
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(root, f) for f in files if is_report_file(f) and not f.startswith("."))
            out.extend(sorted(found))
        else:
            out.append(p)
    return out


@dataclass
class Failure:
    """A file that could not be read: the path and the user-facing error."""

    path: str
    error: ReportError


def iter_reviewed(
    paths: Iterable[str], progress: Callable[[float], None] | None = None, cancelled: Callable[[], bool] | None = None
) -> Iterator[ReviewedReport | Failure]:
    """Parse every input (files, folders, review projects) and yield reviewed reports or failures.

    A review project yields its reports with the saved corrections applied.
    """
    from core.parsing import parse_report

    inputs = collect_inputs(paths)
    for i, path in enumerate(inputs):
        if cancelled is not None and cancelled():
            raise Cancelled()
        if path.lower().endswith(PROJECT_SUFFIX):
            try:
                from core.review.project import open_project_reports

                yield from open_project_reports(path)
            except ReportError as exc:
                yield Failure(path, exc)
        else:
            try:
                yield ReviewedReport(parse_report(path, cancelled=cancelled))
            except Cancelled:
                raise
            except ReportError as exc:
                yield Failure(path, exc)
            except Exception as exc:  # noqa: BLE001 - a bug in one file must not stop the batch
                yield Failure(path, ReportError(f"解析文件“{Path(path).name}”时发生内部错误：{exc}", code="internal", details=repr(exc)))
        if progress is not None:
            progress((i + 1) / max(1, len(inputs)))
