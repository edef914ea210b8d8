"""Rows whose cell count does not match their columns: placements decided by the identities."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
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
    readings: list[tuple[list[Cell | None], list[Number | None]]] = field(default_factory=list)


def trim(cells: Sequence[Cell], due: int, leading_first: bool, regular: bool | None = None) -> list[Cell]:
    """Drop layout blanks (cells with no text) around the values while there are more cells than columns.

    ``regular``: the row has as many slots as the table's other rows (True: the values are its
    last ``due`` slots, blanks among them are empty cells), or fewer/more (False: a slot was lost
    or added, so a blank before the first value may be layout or a lost value — all leading blanks
    are dropped and the count decides). None: unknown (plain trimming).
    """
    out = list(cells)
    if leading_first and regular is True and len(out) >= due:
        return out[len(out) - due :]
    if leading_first and regular is False and any(c.text for c in out):
        while out and not out[0].text:
            out.pop(0)

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
        got = [values[i] or 0 for i in parts]
        if abs(sum(got) - (values[total] or 0)) > 1e-9:
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
            v: Number
            if i == total:
                v = sum(k or 0 for k in known)
            else:
                v = (values[total] or 0) - sum(values[j] or 0 for j in parts if j != i)
            if v < 0:
                return False
            values[i] = v
    for i in missing:
        if values[i] is None:
            values[i] = 0
    return True


def _num(cell: Cell) -> Number | None:
    return cell.token.value if cell.token.kind in ("number", "empty") else None


Reading = tuple[list[Cell | None], list[Number | None]]


def _readings(cells: list[Cell], due: int, identities: Sequence[Identity], missing: int | None) -> tuple[
    dict[tuple, Reading], dict[tuple, int], bool
]:
    """Every reading of a row whose cell count is not ``due`` that keeps the identities.

    Returns the readings by their numbers, how many placements gave each, and whether there
    were too many placements to weigh.
    """
    n = len(cells)
    results: dict[tuple, Reading] = {}
    counts: dict[tuple, int] = {}

    def keep(slots: list[Cell | None], values: list[Number | None]) -> None:
        if _holds(values, identities):
            results.setdefault(tuple(values), (slots, values))
            counts[tuple(values)] = counts.get(tuple(values), 0) + 1

    if n == due:
        keep(list(cells), [_num(c) for c in cells])
    elif 0 < n < due:
        every: Iterator[tuple[int, ...]] = combinations(range(due), n)
        if missing is not None and n == due - 1:
            every = iter([tuple(i for i in range(due) if i != missing)])
        for count, pos in enumerate(every):
            if count >= _MAX_PLACEMENTS:
                return results, counts, True
            slots: list[Cell | None] = [None] * due
            for p, c in zip(pos, cells, strict=True):
                slots[p] = c
            values = [_num(c) if c is not None else None for c in slots]
            if any(values[p] is None for p in pos):
                continue
            if _solve(values, {i for i in range(due) if slots[i] is None}, identities):
                keep(slots, values)
    elif n == due + 1:
        for i in range(n):
            rest = [c for k, c in enumerate(cells) if k != i]
            values = [_num(c) for c in rest]
            if all(v is not None for v in values):
                keep(list(rest), values)
        for i in range(n - 1):
            a, b = cells[i], cells[i + 1]
            if not (a.text.isdigit() and b.text.isdigit()):
                continue
            merged = Cell(a.text + b.text, (a.start, b.end), parse_token(a.text + b.text))
            rest = [*cells[:i], merged, *cells[i + 2 :]]
            values = [_num(c) for c in rest]
            if all(v is not None for v in values):
                keep(list(rest), values)
    return results, counts, False


def fit_row(
    cells: Sequence[Cell],
    due: int,
    identities: Sequence[Identity] = (),
    *,
    leading_first: bool = False,
    missing: int | None = None,
    regular: bool | None = None,
    extra: int = 0,
) -> Fit:
    """Place a row's cells in its ``due`` columns.

    Exactly ``due`` cells: read one to one. Fewer: every order-keeping placement is tried, the
    cells not printed being 0 (a dropped empty cell) or, for a single missing cell, what the
    identity makes it. More: one cell too many is dropped, or two adjacent digit runs are joined
    (a number broken by a stray space). A placement must keep every identity; when all the
    placements that do give the same numbers, that reading is taken (``inferred``), otherwise
    the row is left to the reviewer (``ok`` False, the candidate readings in ``readings``).
    ``missing``: the one column known (from the printed header) to have no cell, when there is
    one cell too few. ``regular`` False: the row has a slot more or fewer than the table's other
    rows (``extra`` slots more, negative: fewer), so its blanks may be layout or values: every
    way of reading it is weighed.
    """
    given = list(cells)
    if leading_first and regular is False:
        return _fit_irregular(given, due, identities, extra)
    cells = trim(given, due, leading_first, regular)
    n = len(cells)
    if n == due:
        return Fit(list(cells), [_num(c) for c in cells], False, True, printed=n)
    results, counts, too_many = _readings(cells, due, identities, missing)
    return _decide(results, counts, too_many, due, n)


def fit_strays(cells: Sequence[Cell], due: int, identities: Sequence[Identity]) -> Fit | None:
    """A row with more slots than the table's columns (a PDF→Markdown conversion added empty
    cells): every way of dropping the surplus blank cells after the labels (layout or stray) is
    weighed; the readings that keep the identities remain. None when the row has fewer blanks than
    its surplus (a slot holds a value too many: the general rules apply).
    """
    cells = list(cells)
    strays = len(cells) - due
    blanks = [i for i, c in enumerate(cells) if not c.text]
    if strays < 0 or strays > len(blanks):
        return None
    if strays == 0:  # the stray cell sits among the labels
        return Fit(list[Cell | None](cells), [_num(c) for c in cells], False, True, printed=due)
    results: dict[tuple, Reading] = {}
    counts: dict[tuple, int] = {}
    too_many = False
    for count, combo in enumerate(combinations(blanks, strays)):
        if count >= _MAX_PLACEMENTS:
            too_many = True
            break
        drop = set(combo)
        rest = [c for i, c in enumerate(cells) if i not in drop]
        values = [_num(c) for c in rest]
        if any(v is None for v in values) or not _holds(values, identities):
            continue
        results.setdefault(tuple(values), (list(rest), values))
        counts[tuple(values)] = counts.get(tuple(values), 0) + 1
    fit = _decide(results, counts, too_many, due, due)
    lead = next((i for i, c in enumerate(cells) if c.text), len(cells))
    plain = cells[lead:] if len(cells) - lead == due else None
    # dropping only the layout blanks before the values is the plain reading
    fit.inferred = not (fit.ok and plain is not None and fit.values == [_num(c) for c in plain])
    fit.unique_placement = not fit.inferred
    if not results and not too_many:
        fit.note = "misaligned"
    return fit


def _decide(results: dict[tuple, Reading], counts: dict[tuple, int], too_many: bool, due: int, n: int) -> Fit:
    if len(results) == 1 and not too_many:
        key, (slots, values) = next(iter(results.items()))
        return Fit(slots, values, True, True, printed=n, unique_placement=counts[key] == 1)
    note = "too many placements" if too_many else "no placement keeps the identities" if not results else "readings"
    fit = Fit([None] * due, [None] * due, True, False, len(results), note, printed=n)
    fit.readings = [] if too_many else list(results.values())
    return fit


def _fit_irregular(cells: list[Cell], due: int, identities: Sequence[Identity], extra: int) -> Fit:
    """A row with ``extra`` slots more (or, negative, fewer) than the table's other rows.

    Exactly ``due`` cells after the labels and no blank among them: read as printed (the
    damage is in the label slots). Otherwise the readings of both cases are weighed together:
    the values are the last ``due`` cells (damage in the labels), or one cell of them was added
    (dropped again) or lost (placed by the identities).
    """
    if len(cells) == due and all(c.text for c in cells):
        return Fit(list(cells), [_num(c) for c in cells], False, True, printed=due)
    variants: list[list[Cell]] = []
    if len(cells) >= due:
        variants.append(cells[len(cells) - due :])
    if extra == 1 and len(cells) >= due + 1:
        variants.append(cells[len(cells) - due - 1 :])
    if extra == -1 and len(cells) >= due - 1:
        variants.append(cells[max(0, len(cells) - due + 1) :])
    if extra not in (1, -1):
        stripped = list(cells)
        while stripped and not stripped[0].text:
            stripped.pop(0)
        variants.append(stripped)
    results: dict[tuple, Reading] = {}
    counts: dict[tuple, int] = {}
    for v in variants:
        r, c, too_many = _readings(v, due, identities, None)
        if too_many:
            continue
        for key, reading in r.items():
            results.setdefault(key, reading)
            counts[key] = counts.get(key, 0) + c[key]
    fit = _decide(results, counts, False, due, sum(1 for c in cells if c.text))
    fit.inferred = True
    fit.unique_placement = False
    return fit


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


_NOT_OUTCOMES = ("new", "carried", "total_handled", "carry_forward")


def resolve_by_columns(fits: dict[str, Fit], row_keys: list[str]) -> None:
    """Rows of 表三 with several readings: the one reading that keeps every column identity wins.

    Per column: 新收 + 上年结转 = 总计 + 结转下年度, and 总计 = the sum of the outcome rows. Only
    identities whose other rows are all read count; a row stays open when none or several fit.
    """
    changed = True
    while changed:
        changed = False
        for key, fit in fits.items():
            if fit.ok or len(fit.readings) < 2:
                continue
            good = []
            for slots, values in fit.readings:
                verdict = _column_check(fits, key, values, [k for k in row_keys if k not in _NOT_OUTCOMES])
                if verdict is True:
                    good.append((slots, values))
                elif verdict is None:
                    good = []
                    break
            if len(good) == 1:
                fit.slots, fit.values = list(good[0][0]), list(good[0][1])
                fit.ok, fit.unique_placement, fit.readings = True, False, []
                changed = True


def _column_check(fits: dict[str, Fit], key: str, values: list, outcomes: list[str]) -> bool | None:
    """True: this reading keeps the column identities; False: it breaks one; None: cannot tell."""

    def vec(k: str) -> list | None:
        if k == key:
            return values
        f = fits.get(k)
        return f.values if f is not None and f.ok and all(v is not None for v in f.values) else None

    checked = False
    for c in range(7):
        terms = [vec(k) for k in _NOT_OUTCOMES]
        if key in _NOT_OUTCOMES and all(t is not None for t in terms):
            checked = True
            new, carried, handled, forward = (t[c] for t in terms)  # type: ignore[index]
            if abs(new + carried - handled - forward) > 1e-9:
                return False
        parts = [vec(k) for k in outcomes]
        handled_v = vec("total_handled")
        if handled_v is not None and all(p is not None for p in parts) and (key == "total_handled" or key in outcomes):
            checked = True
            if abs(sum(p[c] for p in parts) - handled_v[c]) > 1e-9:  # type: ignore[index]
                return False
    return True if checked else None
