"""The identity declarations of ``rules.py`` expanded into concrete checks, and their evaluation.

A ``Check`` is one identity instance (e.g. 勾稽 of the 自然人 column): the fields on each side
and how the message names them. ``checks_for`` compiles the checks of a table in a template
once (cached); ``evaluate`` turns a broken check into a finding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from core import templates
from core.messages import compose
from core.model import Finding
from core.templates import TABLE_APPEAL, field_id_for, layout, short_label
from core.validation.rules import IDENTITIES, RULES, Identity

Number = int | float
Lookup = Callable[[str], Number | None]


@dataclass(frozen=True)
class Check:
    """One instance of an identity: ``Σ left == Σ right``."""

    rule: str
    table: str
    left: tuple[str, ...]  # field IDs
    right: tuple[str, ...]
    left_labels: tuple[str, ...]  # as the message names each operand
    right_labels: tuple[str, ...]
    context: tuple[tuple[str, str], ...]  # message params naming where (column=自然人 / row=…)

    @property
    def fields(self) -> tuple[str, ...]:
        return self.left + self.right


def row_name(row: templates.Row, *, compact: bool = False) -> str:
    """A row as a reviewer reads it: （三）不予公开 1.属于国家秘密, （二）部分公开.

    ``compact`` (operands listed in a message): （三）1.属于国家秘密, long leaves cut at their
    first 、 (（六）1.申请人无正当理由逾期不补正).
    """
    label = short_label(row.label)
    if row.level == 2 and row.group:
        if len(label) > 14 and "、" in label:
            label = label.split("、")[0]
        if compact:
            return f"{row.group[:3]}{label}"
        return f"{row.group} {label}"
    return label


def _table_rows(template: str, table: str) -> list[templates.Row]:
    return [row for block in layout(template, table) for row in block.rows]


def _table_columns(template: str, table: str) -> list[templates.Column]:
    return list(layout(template, table)[0].columns)


def _expand(identity: Identity, template: str) -> list[Check]:
    table = identity.table
    rows = {r.key: r for r in _table_rows(template, table)}
    cols = {c.key: c for c in _table_columns(template, table)}
    out: list[Check] = []
    if identity.axis == "column":
        for col in cols.values():
            left = tuple(field_id_for(table, rows[t.key], col) for t in identity.left)
            right = tuple(field_id_for(table, rows[t.key], col) for t in identity.right)
            out.append(
                Check(
                    identity.rule,
                    table,
                    left,
                    right,
                    tuple(t.label or row_name(rows[t.key], compact=True) for t in identity.left),
                    tuple(t.label or row_name(rows[t.key], compact=True) for t in identity.right),
                    (("column", col.label),),
                )
            )
        return out
    wanted = identity.rows or tuple(rows)
    for key in wanted:
        row = rows[key]
        left = tuple(field_id_for(table, row, cols[t.key]) for t in identity.left)
        right = tuple(field_id_for(table, row, cols[t.key]) for t in identity.right)
        where = ("group", row.label) if table == TABLE_APPEAL else ("row", row_name(row))
        out.append(
            Check(
                identity.rule,
                table,
                left,
                right,
                tuple(t.label or cols[t.key].label for t in identity.left),
                tuple(t.label or cols[t.key].label for t in identity.right),
                (where,),
            )
        )
    return out


@cache
def checks_for(template: str, table: str) -> tuple[Check, ...]:
    """Every identity check of one table printed in a template (2021/2019), in declaration order."""
    out: list[Check] = []
    for identity in IDENTITIES:
        if identity.table == table and template in identity.templates:
            out.extend(_expand(identity, template))
    return tuple(out)


@cache
def common_checks(table: str) -> tuple[Check, ...]:
    """Checks that are the same in both templates (used when a table's template is not known)."""
    a = checks_for(templates.TEMPLATE_2021, table)
    b = set(checks_for(templates.TEMPLATE_2019, table))
    return tuple(c for c in a if c in b)


def _fmt(n: Number) -> str:
    if isinstance(n, float):
        if n.is_integer():
            return str(int(n))
        return f"{n:.4f}".rstrip("0").rstrip(".")
    return str(n)


def _terms(labels: tuple[str, ...], nums: list[Number], *, skip_zero: bool = False) -> str:
    parts = [f"{lab} {_fmt(n)}" for lab, n in zip(labels, nums, strict=True) if not (skip_zero and n == 0)]
    if not parts:
        return "各项均为 0"
    return " + ".join(parts)


def sums(check: Check, num: Lookup) -> tuple[list[Number], list[Number]] | None:
    """Both sides' operands, or None when an operand is missing (unreadable or not printed)."""
    left: list[Number] = []
    right: list[Number] = []
    for fid in check.left:
        v = num(fid)
        if v is None:
            return None
        left.append(v)
    for fid in check.right:
        v = num(fid)
        if v is None:
            return None
        right.append(v)
    return left, right


def holds(check: Check, num: Lookup) -> bool | None:
    """True/False, or None when it cannot be decided (a missing operand)."""
    s = sums(check, num)
    if s is None:
        return None
    return abs(sum(s[0]) - sum(s[1])) < 1e-9


def _blank_operands(check: Check, left: list[Number], right: list[Number], blank: Callable[[str], bool]) -> list[str]:
    """Operands printed blank (or “/”, “—”) and counted as 0, named for the message (at most two)."""
    names = [
        lab
        for fid, lab, n in zip(check.fields, check.left_labels + check.right_labels, left + right, strict=True)
        if n == 0 and blank(fid)
    ]
    return names if len(names) <= 2 else []


def run(check: Check, num: Lookup, blank: Callable[[str], bool] | None = None) -> tuple[Number | None, Finding | None]:
    """The check's gap (left − right; None when undecidable) and its finding when broken.

    ``blank`` tells whether a cell was printed empty (“”, “/”, “—” …): the message then says
    that it was counted as 0.
    """
    s = sums(check, num)
    if s is None:
        return None, None
    left_nums, right_nums = s
    left, right = sum(left_nums), sum(right_nums)
    diff = left - right
    if abs(diff) < 1e-9:
        return 0, None
    many = len(check.right) > 8  # the outcome sum: list only the non-zero outcomes
    params: dict[str, object] = dict(check.context)
    params.update(
        left=left,
        right=right,
        diff=diff,
        absdiff=_fmt(abs(diff)),
        left_terms=_terms(check.left_labels, left_nums),
        right_terms=_terms(check.right_labels, right_nums, skip_zero=many),
    )
    if blank is not None and (names := _blank_operands(check, left_nums, right_nums, blank)):
        params["blank"] = names
    return diff, Finding(
        check.rule, RULES[check.rule].severity, compose(check.rule, params), list(check.fields), params=params
    )


def evaluate(check: Check, num: Lookup) -> Finding | None:
    """The finding of a broken check; None when it holds or cannot be decided."""
    return run(check, num)[1]
