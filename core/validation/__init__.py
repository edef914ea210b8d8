"""Validation: the identities of the national format and a careful reviewer's checks."""

from __future__ import annotations

from core.model import Finding
from core.review.state import ReviewedReport


def validate(reviewed: ReviewedReport) -> list[Finding]:
    """Every finding for a report: the parser's own plus every rule's (stub)."""
    return list(reviewed.report.findings)
