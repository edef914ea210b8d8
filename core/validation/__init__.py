"""Validation: the identities of the national format and a careful reviewer's checks.

Public API (stable; the window, the CLI and the exporter call it):
    validate(reviewed) -> list[Finding]
    Validator(reviewed).findings() / .update(changed_fields) -> list[Finding]
    status(reviewed, findings) -> Status
    cross_year(reviews) -> dict[path, list[Finding]]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.model import Finding
from core.review.state import ReviewedReport


def validate(reviewed: ReviewedReport) -> list[Finding]:
    """Every finding for a report: the parser's own plus every rule's, errors first (stub)."""
    return Validator(reviewed).findings()


class Validator:
    """Keeps a report's findings current; after an edit re-runs only the rules that read it."""

    def __init__(self, reviewed: ReviewedReport) -> None:
        self.reviewed = reviewed
        self._findings = list(reviewed.report.findings)

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def update(self, changed_fields: Iterable[str]) -> list[Finding]:
        """Re-check after the given fields changed; returns the full current list."""
        return self.findings()


@dataclass(frozen=True)
class Status:
    """A report's review status for lists and summaries."""

    errors: int  # open (unconfirmed) error findings
    warnings: int  # open warnings
    confirmed: int  # findings confirmed as printed
    reviewed: bool

    @property
    def label(self) -> str:
        if self.reviewed:
            return "已审核"
        if self.errors:
            return "有错误"
        if self.warnings:
            return "有警告"
        return "无问题"


def status(reviewed: ReviewedReport, findings: Sequence[Finding]) -> Status:
    open_ = [f for f in findings if not reviewed.is_confirmed(f)]
    return Status(
        errors=sum(1 for f in open_ if f.severity == "error"),
        warnings=sum(1 for f in open_ if f.severity == "warning"),
        confirmed=len(findings) - len(open_),
        reviewed=reviewed.state.reviewed,
    )


def cross_year(reviews: Sequence[ReviewedReport]) -> dict[str, list[Finding]]:
    """Findings across reports: this year's 上年结转 against last year's 结转下年度 (stub)."""
    return {}
