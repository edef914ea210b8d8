"""The validator: runs every rule once, then after an edit re-runs only the rules that read it.

Incremental contract (what the window relies on):

* ``update(changed_fields)`` — values changed (a ``Change`` of kind ``value``): the identity
  checks that read a changed field are re-run through an index field → checks, plus the repair
  suggestions of the checks that share a field with them, plus the document rules that declare
  ``values:<table>`` of a changed field (``rules.RULES[...].reads``).
* ``update(kind="rows")`` — a row remap: everything is re-run (undoing a remap also changes the
  previous target row, which ``Change.fields`` does not list).
* ``update(kind="metadata" | "sections")`` — metadata (agency, year, template) or section
  boundaries changed: the document rules that read them are re-run; a metadata change that
  switches the template of table 三 recompiles the identity checks.
* ``update(kind="confirm" | "reviewed")`` — nothing to re-run (confirmation is read by
  ``status``; the finding stays in the list).
* ``update_all()`` — everything, as a fresh ``Validator`` would.

``on_change(edit, change)`` has the signature of a ``ReviewedReport`` listener and dispatches
on ``change.kind``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache, lru_cache
from typing import Any

from core import templates
from core.messages import compose
from core.model import SEVERITY_ORDER, Finding, Section
from core.review.state import Change, ReviewedReport
from core.templates import TABLE_ACTIVE, TABLE_APPEAL, TABLE_APPLY, TEMPLATE_2019, TEMPLATE_2021, TEMPLATES
from core.validation import identities as I
from core.validation.ocr import adjust as ocr_adjust
from core.validation.rules import RULE_ORDER, RULES
from core.validation.structural import EVALUATORS, Context, table_of

_EXCLUSIVE = {
    t: {f.id for f in templates.fields_for(t, TABLE_APPLY)} - {f.id for f in templates.fields_for(o, TABLE_APPLY)}
    for t, o in ((TEMPLATE_2021, TEMPLATE_2019), (TEMPLATE_2019, TEMPLATE_2021))
}
_TEMPLATE_MARKERS = _EXCLUSIVE[TEMPLATE_2021] | _EXCLUSIVE[TEMPLATE_2019]


def apply_template(reviewed: ReviewedReport) -> str | None:
    """The template whose rows table 三 is checked against (None: only the shared identities).

    The rows present decide first (（六）其他处理 printed as one row or as three), since the
    identities must read the cells that exist; then the reviewer's choice of template, the
    parser's reading of table 三's own labels, and the report's template.
    """
    present = reviewed.values().keys()
    has21 = any(f in present for f in _EXCLUSIVE[TEMPLATE_2021])
    has19 = any(f in present for f in _EXCLUSIVE[TEMPLATE_2019])
    if has21 != has19:
        return TEMPLATE_2021 if has21 else TEMPLATE_2019
    override = reviewed.state.metadata.get("template")
    if override in TEMPLATES:
        return str(override)
    t = reviewed.report.table_templates.get(TABLE_APPLY)
    if t in TEMPLATES:
        return t
    if reviewed.template in TEMPLATES:
        return reviewed.template
    return None


Index = dict[str, tuple[tuple[int, int], ...]]  # field → ((check index, side +1 left / −1 right), …)


@cache
def _compiled(apply_tpl: str | None) -> tuple[tuple[I.Check, ...], Index]:
    apply_checks = I.checks_for(apply_tpl, TABLE_APPLY) if apply_tpl else I.common_checks(TABLE_APPLY)
    checks = apply_checks + I.checks_for(TEMPLATE_2021, TABLE_APPEAL)
    index: dict[str, list[tuple[int, int]]] = {}
    for i, c in enumerate(checks):
        for fid in c.left:
            index.setdefault(fid, []).append((i, 1))
        for fid in c.right:
            index.setdefault(fid, []).append((i, -1))
    return checks, {k: tuple(v) for k, v in index.items()}


# --------------------------------------------------------------------------- ordering

_TABLE_MAJOR = {TABLE_ACTIVE: 2, TABLE_APPLY: 3, TABLE_APPEAL: 4}
_SECTION_POS = {"s1": (1, 0), "s2": (2, -1), "s3": (3, -1), "s4": (4, -1), "s5": (5, 0), "s6": (6, 0)}
_RULE_POS = {"s6.fee_statement": (6, 1)}


@cache
def _field_order() -> dict[str, tuple[int, int]]:
    order: dict[str, tuple[int, int]] = {}
    for t in TEMPLATES:
        for i, f in enumerate(templates.fields_for(t)):
            order.setdefault(f.id, (_TABLE_MAJOR[f.table], i))
    return order


def _position(f: Finding, anchors: Sequence[tuple[int, int]] = ()) -> tuple[int, int]:
    pos = _position_of(f.rule, tuple(f.fields), str(f.params.get("key", "")))
    if pos is None:
        # a document-level finding with only a span: after the cells of the section it lies in
        major = 0
        if f.span is not None:
            for start, m in anchors:
                if start <= f.span.start:
                    major = m
        return (major, 999) if major else (0, 0)
    return pos


@lru_cache(maxsize=4096)
def _position_of(rule: str, fields: tuple[str, ...], key: str) -> tuple[int, int] | None:
    if fields:
        order = _field_order()
        known = [order[fid] for fid in fields if fid in order]
        if known:
            return min(known)
        return (_TABLE_MAJOR[table_of(fields[0])], 999)
    if rule in _RULE_POS:
        return _RULE_POS[rule]
    if rule == "section.missing" and key in _SECTION_POS:
        return _SECTION_POS[key]
    if rule == "table.missing" and key in _TABLE_MAJOR:
        return (_TABLE_MAJOR[key], -1)
    return None


def _anchors(sections: Iterable[Section]) -> list[tuple[int, int]]:
    """(heading start, section number) in text order; a summary's own headings count as 一."""
    out = []
    for s in sections:
        n = int(s.id[1:]) if s.id[:1] == "s" and s.id[1:].isdigit() else 1
        out.append((s.heading.start, n))
    return sorted(out)


def sort_findings(findings: Iterable[Finding], sections: Iterable[Section] = ()) -> list[Finding]:
    """OCR doubts first (``ocr.*``: cells to compare with a scan), then errors, warnings, info;
    within a severity by table/row order, then rule.

    Findings tied to fields sort by the printed order of their first cell; document-level
    ones by the section they concern (``sections`` locates findings that only have a span).
    """
    anchors = _anchors(sections)
    return sorted(
        findings,
        key=lambda f: (
            # our own possible misreadings of a scan first: compare those cells with the scan before anything else
            f.severity == "info" or not f.rule.startswith("ocr."),
            SEVERITY_ORDER.get(f.severity, 9),
            _position(f, anchors),
            RULE_ORDER.get(f.rule, 99),
            f.key,
        ),
    )


# --------------------------------------------------------------------------- the validator


class Validator:
    """Keeps a report's findings current; after an edit re-runs only the rules that read it."""

    def __init__(self, reviewed: ReviewedReport) -> None:
        self.reviewed = reviewed
        self._ctx = Context(reviewed)
        self._apply_tpl: str | None = "?"  # the template table 三 is checked against (see apply_template)
        self._checks: tuple[I.Check, ...] = ()
        self._index: Index = {}
        self._gap: list[int | float | None] = []  # per check: left − right, None when undecidable
        self._plain: dict[int, Finding] = {}  # broken checks' findings without suggestion
        self._broken: dict[int, Finding] = {}  # … with the repair suggestion when there is one
        self._doc: dict[str, list[Finding]] = {}  # document rule → its findings
        self._sorted: list[Finding] | None = None
        self.update_all()

    # ---- public
    def findings(self) -> list[Finding]:
        """Every current finding (the parser's own and every rule's), errors first."""
        if self._sorted is None:
            out = list(self.reviewed.report.findings)
            out.extend(self._broken.values())
            for found in self._doc.values():
                out.extend(found)
            out = ocr_adjust(self.reviewed, out, list(self._broken.values()))
            self._sorted = sort_findings(out, self.reviewed.sections())
        return list(self._sorted)

    def update(self, changed_fields: Iterable[str] = (), kind: str | None = None) -> list[Finding]:
        """Re-check after the given fields (and/or a kind of change) changed; returns the full list.

        ``kind`` is a ``core.review.state.Change.kind``: value | rows | metadata | sections |
        confirm | reviewed (see the module docstring).
        """
        changed = set(changed_fields)
        if kind == "rows":
            # A row remap moves whole rows, and undoing one changes the previous target row too,
            # which Change.fields does not list: re-check everything (a full run is ~0.2 ms).
            return self.update_all()
        if (kind == "metadata" or changed & _TEMPLATE_MARKERS) and self._recompile():
            return self.update_all()
        if changed:
            self._rerun_fields(changed)
        if kind in ("metadata", "sections"):
            self._rerun_doc(lambda reads: kind in reads)
        return self.findings()

    def update_all(self) -> list[Finding]:
        """Re-run every rule (after a change whose extent is not known)."""
        self._recompile()
        self._broken = {}
        self._plain = {}
        num = self._ctx.lookup()
        self._gap = [self._run(i, num) for i in range(len(self._checks))]
        for i in list(self._broken):
            self._suggest(i, num)
        self._doc = {rule: fn(self._ctx) for rule, fn in EVALUATORS.items()}
        self._sorted = None
        return self.findings()

    def on_change(self, edit: object, change: Change) -> None:
        """A ``ReviewedReport`` listener: ``reviewed.listeners.append(validator.on_change)``."""
        self.update(change.fields, kind=change.kind)

    # ---- internals
    def _recompile(self) -> bool:
        tpl = apply_template(self.reviewed)
        if self._apply_tpl == tpl:
            return False
        self._apply_tpl = tpl
        self._checks, self._index = _compiled(tpl)
        return True

    def _run(self, i: int, num: I.Lookup) -> int | float | None:
        """Evaluate check i, keep its finding when broken; returns its gap."""
        gap, f = I.run(self._checks[i], num, self._ctx.blank)
        if f is None:
            self._broken.pop(i, None)
            self._plain.pop(i, None)
        else:
            self._broken[i] = self._plain[i] = f
        return gap

    def _rerun_fields(self, changed: set[str]) -> None:
        num = self._ctx.lookup()
        hit: set[int] = set()
        for fid in changed:
            hit.update(i for i, _ in self._index.get(fid, ()))
        near: set[int] = set(hit)
        for i in hit:
            self._gap[i] = self._run(i, num)
            for fid in self._checks[i].fields:
                near.update(j for j, _ in self._index[fid])
        for i in near:
            if i in self._broken:
                self._suggest(i, num)
        tables = {"values:" + table_of(fid) for fid in changed}
        prose = {pv.field for pv in self.reviewed.report.prose_figures}
        if changed & prose:
            tables.add("values:prose")
        self._rerun_doc(lambda reads: bool(reads & tables))
        self._sorted = None

    def _rerun_doc(self, wanted: Any) -> None:
        for rule, fn in EVALUATORS.items():
            if wanted(RULES[rule].reads):
                self._doc[rule] = fn(self._ctx)
        self._sorted = None

    def _suggest(self, i: int, num: I.Lookup) -> None:
        """Propose a repair when exactly one cell explains the gap (never applied)."""
        plain = self._plain[i]
        found = _repair(i, self._checks, self._index, self._gap, num)
        if found is None:
            self._broken[i] = plain
            return
        fid, value = found
        params = {**plain.params, "suggest": fid}
        suggestion = {fid: value}
        self._broken[i] = replace(
            plain, message=compose(plain.rule, params, suggestion), params=params, suggestion=suggestion
        )


def _repair(
    i: int, checks: tuple[I.Check, ...], index: Index, gaps: list[int | float | None], num: Any
) -> tuple[str, int | float] | None:
    """The one cell whose change makes this check and every other decided check reading it hold.

    The cell must be read by at least two decided checks (a cell that only one identity reads
    could be any of its operands). Works on the kept gaps: no re-summing.
    """
    check = checks[i]
    diff = gaps[i]
    if not diff:
        return None
    found: tuple[str, int | float] | None = None
    for side, fids in ((1, check.left), (-1, check.right)):
        for fid in fids:
            cur = num(fid)
            delta = -side * diff
            new = cur + delta
            if new < 0 or (isinstance(cur, int) and isinstance(new, float) and not new.is_integer()):
                continue
            if isinstance(cur, int) and isinstance(new, float):
                new = int(new)
            decided = 0
            for j, side_j in index[fid]:
                gap = gaps[j]
                if gap is None:
                    continue
                decided += 1
                if abs(gap + side_j * delta) >= 1e-9:
                    break
            else:
                if decided >= 2:
                    if found is not None:
                        return None
                    found = (fid, new)
    return found
