"""Validation: the identities of the national format and a careful reviewer's checks.

Public API (stable; the window, the CLI and the exporter call it):
    validate(reviewed) -> list[Finding]
    Validator(reviewed).findings() / .update(changed_fields, kind=None) / .update_all() -> list[Finding]
    Validator.on_change(edit, change): a ReviewedReport listener
    status(reviewed, findings) -> Status
    cross_year(reviews) -> dict[path, list[Finding]]
    RULES: every rule (rules.py), IDENTITIES: the identities as data

Modules: rules.py (the declarations), identities.py (identity checks), structural.py
(document rules), engine.py (the incremental validator, ordering), cross.py (across reports),
places.py (county-level city names for the 规章 rule).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.model import Finding
from core.review.state import ReviewedReport
from core.validation.cross import cross_year
from core.validation.engine import Validator, sort_findings
from core.validation.rules import IDENTITIES, RULES


def validate(reviewed: ReviewedReport) -> list[Finding]:
    """Every finding for a report: the parser's own plus every rule's, errors first."""
    return Validator(reviewed).findings()


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
    """Open errors/warnings and confirmed findings: a confirmed finding stays listed but counts as resolved."""
    open_ = [f for f in findings if not reviewed.is_confirmed(f)]
    return Status(
        errors=sum(1 for f in open_ if f.severity == "error"),
        warnings=sum(1 for f in open_ if f.severity == "warning"),
        confirmed=len(findings) - len(open_),
        reviewed=reviewed.state.reviewed,
    )


__all__ = ["IDENTITIES", "RULES", "Status", "Validator", "cross_year", "sort_findings", "status", "validate"]
