"""表二 rows whose run-together digits split several ways, settled with last year's report.

规章 and 行政规范性文件 of the 2021 format print 本年制发, 本年废止 and 现行有效 side by side; run
together (``693665``) they split several ways and no identity inside the report decides. When the
same agency's report of the year before is at hand, 现行有效 = 上年现行有效 + 本年制发 − 本年废止
usually leaves one candidate. ``core.validation.cross.glued_settled`` offers it as a suggestion on a
warning (the batch recomputes it with the other cross-year findings); it is never written into the
values — the reviewer takes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from core.model import Finding
from core.templates import TABLE_ACTIVE

ROWS = {"rules": "规章", "normative": "行政规范性文件"}


@dataclass(frozen=True)
class Settled:
    """One 表二 row: the split last year's 现行有效 leaves, out of ``count`` candidates."""

    row: str
    fields: tuple[str, str, str]  # issued, repealed, in_force
    values: tuple[int | float, int | float, int | float]
    count: int
    run: str
    prev_in_force: int | float


Lookup = Callable[[str], "int | float | None"]


def settle_in_force(findings: Iterable[Finding], this: Lookup, prev: Lookup) -> list[Settled]:
    """The rows of this report left unsettled by the digit-run solver that last year's 现行有效 settles.

    ``this``/``prev``: the current number of a field (None when absent or only in prose). A row
    whose values the reviewer has typed meanwhile is skipped.
    """
    out: list[Settled] = []
    for f in findings:
        if f.rule != "table.glued_ambiguous" or f.params.get("key") not in ROWS or not f.params.get("complete"):
            continue
        row = f.params["key"]
        fids = (f"{TABLE_ACTIVE}.{row}.issued", f"{TABLE_ACTIVE}.{row}.repealed", f"{TABLE_ACTIVE}.{row}.in_force")
        if tuple(f.fields) != fids or any(this(x) is not None for x in fids):
            continue
        before = prev(fids[2])
        if before is None:
            continue
        cands = [c for c in f.params.get("candidates", []) if len(c) == 3]
        good = [c for c in cands if c[2] == before + c[0] - c[1]]
        if len(good) == 1:
            out.append(Settled(row, fids, tuple(good[0]), len(cands), str(f.params.get("run", "")), before))
    return out
