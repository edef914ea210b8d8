"""Which cells of a broken identity could explain it (Qt-free): the table points at those instead of
painting a whole column.

A broken ``Σ left = Σ right`` with gap ``d = left − right`` is explained by one misread cell when
changing that cell by the gap (a left operand by −d, a right operand by +d) gives a value that
differs from the printed one in a single digit, by one digit more or less, or by two neighbouring
digits swapped — the misreadings OCR and retyping make (cells printed 0 are left out: they would
all qualify for a one-digit gap). Only a hint for where to look first:
every cell of the identity keeps its (lighter) colour and the message names them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from core import templates
from core.model import Finding
from core.validation.identities import Check, checks_for, common_checks

Number = int | float


def _check_of(finding: Finding, template: str, table: str) -> Check | None:
    fields = tuple(finding.fields)
    pool: Iterable[Check] = (
        checks_for(template, table) if template in (templates.TEMPLATE_2021, templates.TEMPLATE_2019) else ()
    )
    for check in (*pool, *common_checks(table)):
        if check.rule == finding.rule and check.fields == fields:
            return check
    return None


def _one_slip(printed: int, wanted: int) -> bool:
    """``wanted`` is ``printed`` with one digit changed, added, dropped, or two neighbours swapped."""
    if wanted < 0 or printed == wanted:
        return False
    a, b = str(printed), str(wanted)
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) - len(short) != 1:
        return False
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def explaining_fields(finding: Finding, template: str, value: Callable[[str], Number | None]) -> set[str]:
    """The fields of an identity finding one misread cell of which would close its gap (may be empty)."""
    diff = finding.params.get("diff")
    if not isinstance(diff, int | float) or not finding.fields:
        return set()
    try:
        table = templates.field(finding.fields[0]).table
    except KeyError:
        return set()
    check = _check_of(finding, template, table)
    if check is None or not float(diff).is_integer():
        return set()
    d = int(diff)
    out: set[str] = set()
    for fid in check.fields:
        v = value(fid)
        if not isinstance(v, int) or isinstance(v, bool) or v == 0:
            continue  # a printed 0 is rarely a misread figure; counting it would mark every empty cell
        wanted = v - d if fid in check.left else v + d
        if _one_slip(v, wanted):
            out.add(fid)
    return out
