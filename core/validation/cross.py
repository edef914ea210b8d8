"""Rules across reports: the same agency's consecutive years loaded together (§6.5–6)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.messages import compose
from core.model import Finding
from core.parsing.tables.settle import ROWS, settle_in_force
from core.review.state import ReviewedReport
from core.templates import APPLY_COLUMNS, TABLE_ACTIVE, TEMPLATE_2021, TEMPLATES
from core.validation import rules as R
from core.validation.engine import sort_findings
from core.validation.structural import Context


def agency_key(name: object) -> str:
    """An agency name folded for matching: no spaces, brackets unified (淮安市人民政府)."""
    s = re.sub(r"\s+", "", str(name or ""))
    return s.replace("(", "（").replace(")", "）")


def _finding(rule: str, fields: list[str], **params: object) -> Finding:
    return Finding(rule, R.RULES[rule].severity, compose(rule, params), fields, params=dict(params))


def _active_template(rr: ReviewedReport) -> str | None:
    override = rr.state.metadata.get("template")
    if override in TEMPLATES:
        return str(override)
    t = rr.report.table_templates.get(TABLE_ACTIVE)
    if t in TEMPLATES:
        return t
    return rr.template if rr.template in TEMPLATES else None


def carry_over(this: ReviewedReport, prev: ReviewedReport, prev_year: int) -> list[Finding]:
    """This year's 上年结转 against last year's 结转下年度继续办理, per column of 表三."""
    cur, old = Context(this), Context(prev)
    out = []
    for col in APPLY_COLUMNS:
        a = cur.num(f"apply.carried.{col.key}")
        b = old.num(f"apply.carry_forward.{col.key}")
        if a is None or b is None or a == b:
            continue
        out.append(
            _finding(
                "cross.carry_over",
                [f"apply.carried.{col.key}"],
                column=col.label,
                this=a,
                prev=b,
                prev_year=prev_year,
                prev_path=prev.path,
                diff=a - b,
                absdiff=abs(a - b),
            )
        )
    return out


def in_force(this: ReviewedReport, prev: ReviewedReport, prev_year: int) -> list[Finding]:
    """2021 format: 现行有效(Y) ≈ 现行有效(Y-1) + 本年制发(Y) − 本年废止(Y), rows 规章 and 行政规范性文件."""
    if _active_template(this) != TEMPLATE_2021 or _active_template(prev) != TEMPLATE_2021:
        return []
    cur, old = Context(this), Context(prev)
    absolute, relative = R.IN_FORCE_TOLERANCE
    out = []
    for row, label in (("rules", "规章"), ("normative", "行政规范性文件")):
        now = cur.num(f"active.{row}.in_force")
        issued = cur.num(f"active.{row}.issued")
        repealed = cur.num(f"active.{row}.repealed")
        before = old.num(f"active.{row}.in_force")
        if None in (now, issued, repealed, before):
            continue
        expected = before + issued - repealed  # type: ignore[operator]
        diff = now - expected  # type: ignore[operator]
        if abs(diff) <= max(absolute, relative * abs(expected)):
            continue
        out.append(
            _finding(
                "cross.in_force",
                [f"active.{row}.in_force", f"active.{row}.issued", f"active.{row}.repealed"],
                row=label,
                this=now,
                prev=before,
                issued=issued,
                repealed=repealed,
                expected=expected,
                prev_year=prev_year,
                prev_path=prev.path,
                diff=diff,
                absdiff=abs(diff),
            )
        )
    return out


def glued_settled(this: ReviewedReport, prev: ReviewedReport, prev_year: int) -> list[Finding]:
    """表二 规章/行政规范性文件 runs the digit-run solver left open, settled by last year's 现行有效 (a suggestion)."""
    if not any(f.rule == "table.glued_ambiguous" for f in this.report.findings):
        return []
    out = []
    for s in settle_in_force(this.report.findings, Context(this).lookup(), Context(prev).lookup()):
        f = _finding(
            "cross.glued_settled",
            list(s.fields),
            row=ROWS[s.row],
            run=s.run,
            count=s.count,
            prev_year=prev_year,
            prev=s.prev_in_force,
            prev_path=prev.path,
            issued=s.values[0],
            repealed=s.values[1],
            in_force=s.values[2],
            key=s.row,
        )
        f.suggestion = dict(zip(s.fields, s.values, strict=True))
        out.append(f)
    return out


def cross_year(reviews: Sequence[ReviewedReport]) -> dict[str, list[Finding]]:
    """Findings across reports, keyed by the path of the later report they concern.

    Reports are matched by agency name (spaces and bracket widths ignored) and consecutive
    years (metadata, as corrected by the reviewer). Reports without agency or year are skipped.
    """
    by_agency: dict[str, dict[int, list[ReviewedReport]]] = {}
    for rr in reviews:
        ctx = Context(rr)
        agency = agency_key(rr.metadata_value("agency"))
        if not agency or ctx.year is None or rr.report.kind == "other":
            continue
        by_agency.setdefault(agency, {}).setdefault(ctx.year, []).append(rr)
    out: dict[str, list[Finding]] = {}
    for years in by_agency.values():
        for year, group in years.items():
            for prev in years.get(year - 1, []):
                for this in group:
                    found = carry_over(this, prev, year - 1) + in_force(this, prev, year - 1)
                    found += glued_settled(this, prev, year - 1)
                    if found:
                        out.setdefault(this.path, []).extend(found)
    return {path: sort_findings(found) for path, found in out.items()}
