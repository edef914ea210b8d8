"""Rows whose cell count does not match their columns: placements decided by the identities."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from core.parsing.tables.cells import parse_token
from core.parsing.tables.text_grid import Cell

Number = int | float
# an identity over a row: (index of the total, indices of the parts)
Identity = tuple[int, tuple[int, ...]]

APPLY_IDENTITY: tuple[Identity, ...] = ((6, (0, 1, 2, 3, 4, 5)),)
APPEAL_IDENTITIES: tuple[Identity, ...] = tuple((g * 5 + 4, tuple(g * 5 + k for k in range(4))) for g in range(3))

_MAX_PLACEMENTS = 400


@dataclass
class Fit:
    """How a row's cells fill its columns.

    ``slots[i]`` is the cell printed in column i (None: no cell, value inferred), ``values[i]``
    the number for column i, ``inferred`` True when the placement was not a plain one-to-one
    reading; ``ok`` False when no placement agrees with the identities or several disagree.
    """

    slots: list[Cell | None]
    values: list[Number | None]
    inferred: bool
    ok: bool
    alternatives: int = 1
    note: str = ""
    printed: int = 0  # cells printed (after layout blanks were dropped)
    unique_placement: bool = True  # only one placement gave the reading (else no cell is sure)


def trim(cells: Sequence[Cell], due: int, leading_first: bool) -> list[Cell]:
    """Drop layout blanks (cells with no text) around the values while there are more cells than columns."""
    out = list(cells)

    def lead() -> None:
        while len(out) > due and out and not out[0].text:
            out.pop(0)

    def tail() -> None:
        while len(out) > due and out and not out[-1].text:
            out.pop()

    if leading_first:
        lead()
        tail()
    else:
        tail()
        lead()
    return out


def _holds(values: Sequence[Number | None], identities: Sequence[Identity]) -> bool:
    for total, parts in identities:
        if any(values[i] is None for i in (total, *parts)):
            continue
        if abs(sum(values[i] for i in parts) - values[total]) > 1e-9:  # type: ignore[misc]
            return False
    return True


def _solve(values: list[Number | None], missing: set[int], identities: Sequence[Identity]) -> bool:
    """Fill missing slots: from an identity when it is the only unknown of its group, else 0."""
    for total, parts in identities:
        group = (total, *parts)
        unknown = [i for i in group if i in missing]
        if len(unknown) == 1 and len(missing) == 1:
            i = unknown[0]
            known = [values[j] for j in group if j != i]
            if any(v is None for v in known):
                return False
            if i == total:
                v = sum(known)  # type: ignore[arg-type]
            else:
                v = values[total] - sum(values[j] for j in parts if j != i)  # type: ignore[operator]
            if v < 0:
                return False
            values[i] = v
    for i in missing:
        if values[i] is None:
            values[i] = 0
    return True


def _num(cell: Cell) -> Number | None:
    return cell.token.value if cell.token.kind in ("number", "empty") else None


def fit_row(
    cells: Sequence[Cell],
    due: int,
    identities: Sequence[Identity] = (),
    *,
    leading_first: bool = False,
    missing: int | None = None,
) -> Fit:
    """Place a row's cells in its ``due`` columns.

    Exactly ``due`` cells: read one to one. Fewer: every order-keeping placement is tried, the
    cells not printed being 0 (a dropped empty cell) or, for a single missing cell, what the
    identity makes it. More: one cell too many is dropped, or two adjacent digit runs are joined
    (a number broken by a stray space). A placement must keep every identity; when all the
    placements that do give the same numbers, that reading is taken (``inferred``), otherwise
    the row is left to the reviewer (``ok`` False). ``missing``: the one column known (from the
    printed header) to have no cell, when there is one cell too few.
    """
    cells = trim(cells, due, leading_first)
    n = len(cells)
    if n == due:
        vals = [_num(c) for c in cells]
        return Fit(list(cells), vals, False, True, printed=n)
    results: dict[tuple, tuple[list[Cell | None], list[Number | None]]] = {}
    counts: dict[tuple, int] = {}
    if n < due and n > 0:
        count = 0
        every = combinations(range(due), n)
        if missing is not None and n == due - 1:
            every = iter([tuple(i for i in range(due) if i != missing)])
        for pos in every:
            count += 1
            if count > _MAX_PLACEMENTS:  # too many readings to weigh: the reviewer decides
                return Fit([None] * due, [None] * due, True, False, count, "too many placements", printed=n)
            slots: list[Cell | None] = [None] * due
            for p, c in zip(pos, cells, strict=True):
                slots[p] = c
            values = [_num(c) if c is not None else None for c in slots]
            if any(values[p] is None for p in pos):
                continue
            missing = {i for i in range(due) if slots[i] is None}
            if not _solve(values, missing, identities):
                continue
            if _holds(values, identities):
                results.setdefault(tuple(values), (slots, values))
                counts[tuple(values)] = counts.get(tuple(values), 0) + 1
    elif n > due:
        extra = n - due
        if extra == 1:
            for i in range(n):
                rest = [c for k, c in enumerate(cells) if k != i]
                values = [_num(c) for c in rest]
                if any(v is None for v in values):
                    continue
                if _holds(values, identities):
                    results.setdefault(tuple(values), (list(rest), values))
                    counts[tuple(values)] = counts.get(tuple(values), 0) + 1
            for i in range(n - 1):
                a, b = cells[i], cells[i + 1]
                if not (a.text.isdigit() and b.text.isdigit()):
                    continue
                joined = parse_token(a.text + b.text)
                merged = Cell(a.text + b.text, (a.start, b.end), joined)
                rest = [*cells[:i], merged, *cells[i + 2 :]]
                values = [_num(c) for c in rest]
                if any(v is None for v in values):
                    continue
                if _holds(values, identities):
                    results.setdefault(tuple(values), (list(rest), values))
                    counts[tuple(values)] = counts.get(tuple(values), 0) + 1
    if len(results) == 1:
        key, (slots, values) = next(iter(results.items()))
        return Fit(slots, values, True, True, printed=n, unique_placement=counts[key] == 1)
    note = "no placement keeps the identities" if not results else f"{len(results)} readings"
    return Fit([None] * due, [None] * due, True, False, len(results), note, printed=n)


def blank_total(fit: Fit, identities: Sequence[Identity]) -> list[tuple[int, Number]]:
    """Totals printed blank ("") whose parts are not all zero: (column, sum of the parts)."""
    out: list[tuple[int, Number]] = []
    for total, parts in identities:
        cell = fit.slots[total]
        if cell is None or cell.text:
            continue
        s = sum(v for v in (fit.values[i] for i in parts) if v is not None)
        if s:
            out.append((total, s))
    return out

