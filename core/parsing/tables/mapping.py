"""Table rows → field values: label matching in printed order, gap filling, reconciliation, findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.messages import compose
from core.model import ExtraRow, Finding, Origin, Severity, Span, Value
from core.parsing.tables.labels import (
    ACTIVE_HEADER_2019,
    ACTIVE_HEADER_2021,
    APPEAL_HEADER,
    RowSpec,
    count_markers,
    match_row,
    norm,
    row_specs,
    spec_fields,
)
from core.parsing.tables.reconcile import (
    APPEAL_IDENTITIES,
    APPLY_IDENTITY,
    Fit,
    blank_total,
    fit_row,
    fit_strays,
    resolve_by_columns,
)
from core.parsing.tables.text_grid import Cell, Line, TextRow, group_rows, md_width, table_width
from core.templates import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    TABLE_ACTIVE,
    TABLE_APPEAL,
    TABLE_APPLY,
    TABLE_SHORT,
    TEMPLATE_2019,
    TEMPLATE_2021,
    field_id_for,
    short_label,
)


@dataclass
class Mapped:
    """What one table gave: values, findings, extra rows, and the template its labels match."""

    values: dict[str, Value] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    extra_rows: list[ExtraRow] = field(default_factory=list)
    template: str | None = None
    header_seen: bool = True  # the table's own header words were printed (not just a heading)


def cell_mode(lines: list[Line]) -> bool:
    """True when a region is a dump with one cell per line (almost no line holds 3+ cells)."""
    return sum(1 for ln in lines if ln.structured and len(ln.cells) >= 3) < 2


def _said(
    rule: str,
    severity: Severity,
    fields: list[str],
    *,
    span: Span | None = None,
    suggestion: dict[str, Any] | None = None,
    **params: Any,
) -> Finding:
    """A finding worded by the catalog (core.messages) from its params."""
    return Finding(rule, severity, compose(rule, params), fields, span=span, params=params, suggestion=suggestion or {})


def _label_candidates(row: TextRow) -> list[str]:
    labs = [c.text for c in row.labels if c.text]
    out = []
    for k in range(1, len(labs) + 1):
        out.append("".join(labs[-k:]))
    return out


def match_label(table: str, row: TextRow) -> str | None:
    """The template row a row's labels name: the last label first, then longer tails of the labels."""
    for cand in _label_candidates(row):
        m = match_row(table, cand)
        if m is not None:
            return m[0]
    if row.before and row.labels and any(c.text for c in row.values):
        # a label broken over two lines of a text table: "5.属于三类内部事务信" / "息\t0\t0 …"
        m = match_row(table, row.before[-1].text + row.labels[0].text)
        if m is not None:
            return m[0]
    return None


def _store(out: Mapped, table: str, spec: RowSpec, fit: Fit, template: str, origin: str, label: str) -> None:
    fids = list(spec_fields(spec))
    where: dict[str, Any] = {"table": TABLE_SHORT[table], "row": short_label(spec.row.label), "cells": fids}
    if not fit.ok and fit.note == "misaligned":
        out.findings.append(_said("table.misaligned", "warning", fids, key=spec.key, **where))
        return
    if not fit.ok:
        out.findings.append(
            _said("table.ambiguous", "warning", fids, key=spec.key, readings=fit.alternatives, count=len(fids), **where)
        )
        return
    inferred = origin == "inferred" or fit.inferred
    unreadable = []
    for fid, cell, value in zip(fids, fit.slots, fit.values, strict=True):
        if cell is None:
            out.values[fid] = Value(fid, value, "", "inferred")
            continue
        if cell.token.kind not in ("number", "empty"):
            out.values[fid] = Value(fid, None, cell.text, "table", cell.span)
            unreadable.append((fid, cell.text))
            continue
        out.values[fid] = Value(fid, value, cell.text, "inferred" if inferred else "table", cell.span)
    for fid, raw in unreadable:
        out.findings.append(_said("table.unreadable", "error", [fid], span=out.values[fid].span, raw=raw, cell=fid))
    if inferred:
        if not fit.inferred:
            case = "table.inferred.unlabelled"
        elif fit.printed == len(fids):
            # the count fits once layout blanks are dropped, but the row's slots did not line up
            case = "table.inferred.misaligned"
        else:
            case = "table.inferred.count"
        where["row"] = label or where["row"]
        out.findings.append(
            _said(
                "table.inferred", "warning", fids, msg=case, key=spec.key, printed=fit.printed, count=len(fids), **where
            )
        )
    idents = APPLY_IDENTITY if table == TABLE_APPLY else APPEAL_IDENTITIES if table == TABLE_APPEAL else ()
    for col, total in blank_total(fit, idents):
        fid = fids[col]
        out.findings.append(
            _said(
                "table.blank_total",
                "warning",
                [fid],
                span=out.values[fid].span,
                suggestion={fid: total},
                cell=fid,
                total=total,
            )
        )


def _extra(out: Mapped, table: str, row: TextRow, why: str) -> None:
    label = row.label_text or "（无标签）"
    out.extra_rows.append(ExtraRow(table, label, [c.text for c in row.values], row.span))
    out.findings.append(
        _said(
            "table.extra_row",
            "warning",
            [],
            span=row.span,
            key=label[:40],
            table=TABLE_SHORT[table],
            label=label[:40],
            why=why,
        )
    )


def missing_rows(out: Mapped, table: str, specs: tuple[RowSpec, ...], seen: set[str]) -> None:
    """A finding naming the template rows no value was read for (none when the whole table is absent)."""
    _missing(out, table, specs, seen)


def _missing(out: Mapped, table: str, specs: tuple[RowSpec, ...], seen: set[str]) -> None:
    absent = [s for s in specs if s.key not in seen]
    if not absent or len(absent) == len(specs):
        return
    names = "、".join(f"“{short_label(s.row.label)}”" for s in absent)
    fids = [field_id_for(table, s.row, c) for s in absent for c in s.block.columns]
    out.findings.append(_said("table.missing_rows", "warning", fids, table=TABLE_SHORT[table], rows=names))


def _stray(out: Mapped, table: str, row: TextRow) -> None:
    raw = " ".join(c.text for c in row.values)
    out.findings.append(_said("table.stray", "warning", [], span=row.span, key=raw, table=TABLE_SHORT[table], raw=raw))


def _has_values(table: str, row: TextRow) -> bool:
    """A row with a printed value, or a template row whose cells are all blank."""
    if any(c.text for c in row.values):
        return True
    if not row.values or not row.labels or _is_header(row):
        return False
    return match_label(table, row) is not None


_HEADER_WORDS = ("自然人", "商业", "科研", "公益", "法律服务", "信息内容", "申请人情况", "法人或其他组织")


def _is_header(row: TextRow) -> bool:
    """A column-header row (several column words among its labels)."""
    return sum(1 for c in row.labels if any(w in c.text for w in _HEADER_WORDS)) >= 2 or any(
        norm(c.text) == "信息内容" for c in row.labels
    )


# --------------------------------------------------------------------------- 表二


def active_template(region_text: str, rows: list[TextRow]) -> str:
    """2021 or 2019 from the header words, else from the rows and their cell counts."""
    a, b = count_markers(region_text, ACTIVE_HEADER_2021), count_markers(region_text, ACTIVE_HEADER_2019)
    if a != b:
        return TEMPLATE_2021 if a > b else TEMPLATE_2019
    for row in rows:
        key = match_label(TABLE_ACTIVE, row)
        if key in ("other_services", "procurement"):
            return TEMPLATE_2019
        n = sum(1 for c in row.values if c.text)
        if key in ("license", "penalty", "coercion") and n:
            return TEMPLATE_2019 if n >= 3 else TEMPLATE_2021
    return TEMPLATE_2021


def map_active(lines: list[Line], region_text: str) -> Mapped:
    """表二: each row by its own label (sub-tables may come in any order)."""
    out = Mapped()
    rows = [r for r in group_rows(lines, cell_mode(lines)) if _has_values(TABLE_ACTIVE, r)]
    if not rows:
        return out
    template = active_template(region_text, rows)
    out.template = template
    specs = {s.key: s for s in row_specs(TABLE_ACTIVE, template)}
    chosen: dict[str, TextRow] = {}
    for row in rows:
        if not row.labels:
            _stray(out, TABLE_ACTIVE, row)
            continue
        key = match_label(TABLE_ACTIVE, row)
        if key is None or key not in specs:
            _extra(out, TABLE_ACTIVE, row, "标签不在模板中" if key is None else "该行不属于本表所用模板")
            continue
        if key in chosen:
            # two rows name the same template row ("规范性文件" and a provincial "其他规范性文件汇编"):
            # the label closer to the template's keeps it, the other is an extra row
            a, b = chosen[key], row
            if _distance(b, specs[key]) < _distance(a, specs[key]):
                chosen[key], b = b, a
            _extra(out, TABLE_ACTIVE, b, "与模板中的行重名")
            continue
        chosen[key] = row
    md = md_width(lines)
    for key, row in chosen.items():
        spec = specs[key]
        fit = None
        if md and row.structured and row.width > md:
            # a Markdown row with more slots than the table has columns: a stray blank cell
            fit = fit_strays(row.values, len(spec.block.columns), ())
        if fit is None:
            fit = fit_row(row.values, len(spec.block.columns), leading_first=False)
        _store(out, TABLE_ACTIVE, spec, fit, template, "table", short_label(spec.row.label))
    _missing(out, TABLE_ACTIVE, row_specs(TABLE_ACTIVE, template), set(chosen))
    return out


def _distance(row: TextRow, spec: RowSpec) -> int:
    """How far a row's label is from the template label (length difference of the folded texts)."""
    label = row.labels[-1].text if row.labels else ""
    return abs(len(norm(label)) - len(norm(spec.row.label)))


# --------------------------------------------------------------------------- 表三

_2021_ONLY = {"other.no_correction", "other.no_fee", "other.other"}


def map_apply(lines: list[Line], region_text: str, fallback: str | None) -> Mapped:
    """表三: rows matched by label in printed order; unlabeled rows fill the gaps between them."""
    out = Mapped()
    cm = cell_mode(lines)
    rows = [r for r in group_rows(lines, cm) if _has_values(TABLE_APPLY, r)]
    if not rows:
        return out
    keyed: list[tuple[TextRow, str | None]] = []
    for row in rows:
        key = match_label(TABLE_APPLY, row) if row.labels else None
        keyed.append((row, key))
    keys = {k for _, k in keyed if k}
    if keys & _2021_ONLY:
        template = TEMPLATE_2021
    elif "other" in keys:
        template = TEMPLATE_2019
    elif count_markers(region_text, ("逾期不补正", "收费通知")):
        template = TEMPLATE_2021
    else:
        template = fallback or TEMPLATE_2021
    out.template = template
    specs = row_specs(TABLE_APPLY, template)
    index = {s.key: s.index for s in specs}
    placed: dict[int, tuple[TextRow, str]] = {}  # template index → row, origin
    pending: list[TextRow] = []  # unlabeled rows since the last anchor
    last = -1

    def flush(upto: int) -> None:
        nonlocal pending
        gap = [i for i in range(last + 1, upto) if i not in placed]
        if pending:
            if len(pending) == len(gap):
                for i, r in zip(gap, pending, strict=True):
                    placed[i] = (r, "inferred")
            else:
                for r in pending:
                    _extra(out, TABLE_APPLY, r, "没有行标签，且无法按位置确定所属行")
        pending = []

    for row, key in keyed:
        if not row.labels:
            if not row.structured and len([c for c in row.values if c.text]) <= 2 and not cm:
                _stray(out, TABLE_APPLY, row)
            else:
                pending.append(row)
            continue
        if key is None or key not in index:
            _extra(out, TABLE_APPLY, row, "标签不在模板中" if key is None else "该行不属于本表所用模板")
            continue
        i = index[key]
        if i in placed:
            _extra(out, TABLE_APPLY, row, "与前面的行重复")
            continue
        flush(i)
        placed[i] = (row, "table")
        last = max(last, i)
    flush(len(specs))
    md = md_width(lines)
    width = md or table_width(lines)
    fits: dict[str, Fit] = {}
    for i in sorted(placed):
        row, _origin = placed[i]
        regular = None if not (row.structured and width) else row.width == width
        extra = row.width - width if width else 0
        fit = None
        if md and row.structured and extra > 0:
            fit = fit_strays(row.values, 7, APPLY_IDENTITY)
        if fit is None:
            fit = fit_row(row.values, 7, APPLY_IDENTITY, leading_first=True, regular=regular, extra=extra)
        fits[specs[i].key] = fit
    resolve_by_columns(fits, [s.key for s in specs])
    for i in sorted(placed):
        spec = specs[i]
        _store(out, TABLE_APPLY, spec, fits[spec.key], template, placed[i][1], short_label(spec.row.label))
    _missing(out, TABLE_APPLY, specs, {specs[i].key for i in placed})
    return out


# --------------------------------------------------------------------------- 表四

_APPEAL_SPECS = [(g, c) for g in APPEAL_GROUPS for c in APPEAL_COLUMNS]


def map_appeal(lines: list[Line]) -> Mapped:
    """表四: the run of numbers after the header (or after the heading), 15 mapped by position."""
    out = Mapped()
    cells: list[Cell] = []
    header: list[str] = []  # the outcome column labels printed above the numbers, in order
    started = False
    for ln in lines:
        if not ln.cells:
            continue
        nums = [c for c in ln.cells if c.kind != "label"]
        labels = [c for c in ln.cells if c.kind == "label"]
        if labels and not any(c.text for c in nums):
            if not started:
                header.extend(k for k in (_outcome(c.text) for c in labels) if k)
            if started and len(cells) >= 15:
                break
            if started and not ln.structured and len(ln.text.strip()) > 30:
                break
            continue
        if labels and started and len(cells) >= 15:
            break
        if labels and not all(count_markers(c.text, (*APPEAL_HEADER, "总计", "其他", "行政")) for c in labels):
            # a labelled row with numbers that is no header: prose or another table
            if started:
                break
            continue
        started = True
        cells.extend(nums if not ln.structured else _inner(ln.cells))
    # a Markdown row wider than its rule line: stray blank cells, dropped as the identities allow
    strays = fit_strays(cells, 15, APPEAL_IDENTITIES) if md_width(lines) == 15 and len(cells) > 15 else None
    # layout blanks around the run
    while strays is None and len(cells) > 15 and not cells[0].text:
        cells.pop(0)
    while strays is None and len(cells) > 15 and not cells[-1].text:
        cells.pop()
    out.header_seen = bool(header)
    if not any(c.text for c in cells) and not (len(cells) == 15 and header):
        return out  # no number under the header; a printed row of 15 empty cells reads as 0s
    out.template = None
    hint = _missing_column(header, len(cells)) if strays is None else None
    fit = strays or fit_row(cells, 15, APPEAL_IDENTITIES, leading_first=True, missing=hint)
    fids = [field_id_for(TABLE_APPEAL, g, c) for g, c in _APPEAL_SPECS]
    if not fit.ok:
        out.findings.append(
            _said(
                "table.ambiguous",
                "warning",
                fids,
                msg="table.ambiguous.appeal",
                key="appeal",
                readings=fit.alternatives,
                printed=len(cells),
            )
        )
        return out
    unread = []
    for fid, cell, value in zip(fids, fit.slots, fit.values, strict=True):
        if cell is None:
            out.values[fid] = Value(fid, value, "", "inferred")
        elif cell.token.kind not in ("number", "empty"):
            out.values[fid] = Value(fid, None, cell.text, "table", cell.span)
            unread.append(fid)
        else:
            placed_by: Origin = "inferred" if fit.inferred and hint is None else "table"
            out.values[fid] = Value(fid, value, cell.text, placed_by, cell.span)
    for fid in unread:
        v = out.values[fid]
        out.findings.append(_said("table.unreadable", "error", [fid], span=v.span, raw=v.raw, cell=fid))
    if fit.inferred:
        guessed = [f for f, c in zip(fids, fit.slots, strict=True) if c is None]
        named = guessed if guessed and fit.unique_placement else fids
        out.findings.append(
            _said(
                "table.inferred",
                "warning",
                named if hint is not None else fids,
                msg="table.inferred.appeal",
                key="appeal",
                printed=len(cells),
                cells=named,
            )
        )
    for col, total in blank_total(fit, APPEAL_IDENTITIES):
        fid = fids[col]
        out.findings.append(
            _said(
                "table.blank_total",
                "warning",
                [fid],
                suggestion={fid: total},
                msg="table.blank_total.group",
                cell=fid,
                total=total,
            )
        )
    return out


_OUTCOME_KEYS = (("维持", "U"), ("纠正", "C"), ("其他", "O"), ("尚未", "P"), ("审结", "P"), ("总计", "T"))
_EXPECTED_HEADER = "UCOPT" * 3


def _outcome(label: str) -> str | None:
    for word, key in _OUTCOME_KEYS:
        if word in label:
            return key
    return None


def _missing_column(header: list[str], printed: int) -> int | None:
    """The one 表四 column the printed header leaves out, when the header says so unambiguously."""
    if printed != 14 or len(header) != 14:
        return None
    seq = "".join(header)
    hits = {d for d in range(15) if _EXPECTED_HEADER[:d] + _EXPECTED_HEADER[d + 1 :] == seq}
    return hits.pop() if len(hits) == 1 else None


def _inner(cells: list[Cell]) -> list[Cell]:
    """A structured line's value cells (labels left out)."""
    return [c for c in cells if c.kind != "label"]
